//! Compact JOSE serialisation: JWS (RFC 7515 §7.1, three parts) and JWE (RFC 7516 §7.1, five
//! parts). Splits a token, decodes each part leniently and says precisely what is wrong with a part
//! that does not decode, while keeping everything that did.

use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;
use serde_json::{Map, Value};

use super::text::{describe_char, escape_hidden, json_type, preview};

/// Base64url without padding (RFC 7515 §2), tolerant of `=` padding and of stray trailing bits.
const BASE64URL_LENIENT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// What a part of a compact token is for, in the order the RFCs define them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The protected header (JWS and JWE part 1).
    Header,
    /// The JWS payload (part 2).
    Payload,
    /// The JWS signature (part 3).
    Signature,
    /// The JWE encrypted key (part 2; empty for `dir` and `ECDH-ES`).
    EncryptedKey,
    /// The JWE initialisation vector (part 3).
    Iv,
    /// The JWE ciphertext (part 4).
    Ciphertext,
    /// The JWE authentication tag (part 5).
    Tag,
    /// A part beyond what JWS/JWE define (a token with 4 or 6+ parts).
    Extra,
}

impl Role {
    /// The roles of the parts of a token with `parts` dot-separated parts.
    pub fn for_parts(parts: usize) -> Vec<Role> {
        use Role::*;
        let known: &[Role] = if parts == 5 {
            &[Header, EncryptedKey, Iv, Ciphertext, Tag]
        } else {
            &[Header, Payload, Signature]
        };
        (0..parts)
            .map(|i| known.get(i).copied().unwrap_or(Extra))
            .collect()
    }

    /// Lower-case English name used in messages ("segment 2 (payload) …").
    pub fn name(self) -> &'static str {
        match self {
            Role::Header => "header",
            Role::Payload => "payload",
            Role::Signature => "signature",
            Role::EncryptedKey => "encrypted key",
            Role::Iv => "initialisation vector",
            Role::Ciphertext => "ciphertext",
            Role::Tag => "authentication tag",
            Role::Extra => "extra part",
        }
    }
}

/// Why a part of a token could not be decoded. Messages name the segment (1-based), its role and,
/// where there is one, the 1-based character position inside that segment.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Neither 3 (JWS) nor 5 (JWE) parts.
    #[error("{}", part_count_message(*parts))]
    WrongPartCount {
        /// How many parts there are.
        parts: usize,
    },
    /// A part that must hold something is empty.
    #[error("segment {n} ({role}) is empty")]
    EmptySegment {
        /// The 1-based segment number.
        n: usize,
        /// The segment's role name.
        role: &'static str,
    },
    /// A JWE without an encrypted key although its `alg` needs one.
    #[error(
        "segment 2 (encrypted key) is empty, but alg “{alg}” requires an encrypted key: only “dir” and \
         “ECDH-ES” leave it empty (RFC 7516 §5.1, RFC 7518 §4.5–4.6)"
    )]
    MissingEncryptedKey {
        /// The header's `alg`.
        alg: String,
    },
    /// A JWE with an encrypted key although its `alg` (`dir`, `ECDH-ES`) takes none.
    #[error(
        "segment 2 (encrypted key) holds {len} characters, but alg “{alg}” takes no encrypted key: with \
         direct encryption or direct key agreement it must be empty, and a recipient rejects the token \
         (RFC 7516 §5.2 step 10)"
    )]
    UnexpectedEncryptedKey {
        /// The header's `alg`.
        alg: String,
        /// Characters in the encrypted key part.
        len: usize,
    },
    /// A character that base64url does not have.
    #[error("segment {n} ({role}) is not valid base64url: unexpected {found} at position {pos}")]
    BadBase64 {
        /// The 1-based segment number.
        n: usize,
        /// The segment's role name.
        role: &'static str,
        /// The offending character, described.
        found: String,
        /// 1-based position of the problem.
        pos: usize,
    },
    /// A length that no base64url text has.
    #[error(
        "segment {n} ({role}) has {len} characters, a length no base64url text can have \
         (one character too many, or the part was cut)"
    )]
    BadLength {
        /// The 1-based segment number.
        n: usize,
        /// The segment's role name.
        role: &'static str,
        /// Length in characters.
        len: usize,
    },
    /// The decoded bytes are not UTF-8.
    #[error("segment {n} ({role}) does not decode to UTF-8 text (invalid byte {pos} of the decoded bytes)")]
    NotUtf8 {
        /// The 1-based segment number.
        n: usize,
        /// The segment's role name.
        role: &'static str,
        /// 1-based position of the problem.
        pos: usize,
    },
    /// The decoded text is not JSON.
    #[error("segment {n} ({role}) is not JSON: {detail}; the decoded text starts “{preview}”")]
    NotJson {
        /// The 1-based segment number.
        n: usize,
        /// The segment's role name.
        role: &'static str,
        /// The JSON parser's message.
        detail: String,
        /// The start of the decoded text.
        preview: String,
    },
    /// The JSON stops part-way: the token was cut.
    #[error("segment {n} ({role}) stops in the middle of its JSON (after {len} characters): the token was cut short")]
    TruncatedJson {
        /// The 1-based segment number.
        n: usize,
        /// The segment's role name.
        role: &'static str,
        /// Length in characters.
        len: usize,
    },
    /// JSON nested deeper than parsers accept.
    #[error(
        "segment {n} ({role}) nests arrays or objects more than 128 levels deep: no real token does, and \
         JSON parsers refuse it"
    )]
    TooDeep {
        /// The 1-based segment number.
        n: usize,
        /// The segment's role name.
        role: &'static str,
    },
    /// A number beyond what a 64-bit float holds.
    #[error(
        "segment {n} ({role}) holds the number {number}, too large for any JSON parser (the largest is \
         about 1.8e308)"
    )]
    HugeNumber {
        /// The 1-based segment number.
        n: usize,
        /// The segment's role name.
        role: &'static str,
        /// The number as written (shortened).
        number: String,
    },
    /// JSON, but not an object.
    #[error("segment {n} ({role}) is JSON but {found}, not an object: a JOSE {role} must be a JSON object")]
    NotObject {
        /// The 1-based segment number.
        n: usize,
        /// The segment's role name.
        role: &'static str,
        /// The offending character, described.
        found: &'static str,
    },
}

impl DecodeError {
    /// The 1-based segment the error is about (`None` for the number of parts).
    pub fn segment(&self) -> Option<usize> {
        match self {
            DecodeError::WrongPartCount { .. } => None,
            DecodeError::MissingEncryptedKey { .. }
            | DecodeError::UnexpectedEncryptedKey { .. } => Some(2),
            DecodeError::EmptySegment { n, .. }
            | DecodeError::BadBase64 { n, .. }
            | DecodeError::BadLength { n, .. }
            | DecodeError::NotUtf8 { n, .. }
            | DecodeError::NotJson { n, .. }
            | DecodeError::TruncatedJson { n, .. }
            | DecodeError::TooDeep { n, .. }
            | DecodeError::HugeNumber { n, .. }
            | DecodeError::NotObject { n, .. } => Some(*n),
        }
    }
}

fn part_count_message(parts: usize) -> String {
    if parts == 1 {
        "this has no dots, but a JWS has 3 dot-separated parts and a JWE has 5".into()
    } else {
        format!("this has {parts} dot-separated parts, but a JWS has 3 and a JWE has 5")
    }
}

/// One dot-separated part of the pasted token, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// What the part is for.
    pub role: Role,
    /// The part exactly as pasted.
    pub text: String,
    /// Decoded length in bytes, when the part is valid base64url.
    pub decoded_len: Option<usize>,
    /// The part used standard base64 (`+`, `/` or `=`), which a JWS must not (RFC 7515 §2).
    pub standard_base64: bool,
}

/// A JSON part (header or payload) in whatever state decoding left it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JsonPart {
    /// Parsed JSON, object or not (keys in the token's own order).
    pub json: Option<Value>,
    /// Decoded text when it is not JSON (shown so the reader can see what is there).
    pub text: Option<String>,
    /// Keys that appear more than once at the top level (the parsed object keeps the last).
    pub duplicates: Vec<String>,
    /// Lone UTF-16 surrogate escapes (`\ud800`) that were read as U+FFFD.
    pub lone_surrogates: usize,
}

impl JsonPart {
    /// The JSON object, when the part is one.
    pub fn object(&self) -> Option<&Map<String, Value>> {
        self.json.as_ref().and_then(Value::as_object)
    }

    /// Pretty-printed JSON in the token's claim order, or the decoded text.
    pub fn pretty(&self) -> Option<String> {
        match (&self.json, &self.text) {
            (Some(json), _) => serde_json::to_string_pretty(json)
                .ok()
                .map(|t| escape_hidden(&t)),
            (None, Some(text)) => Some(escape_hidden(text)),
            _ => None,
        }
    }
}

/// A compact JOSE token split and decoded as far as possible.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Jose {
    /// Every dot-separated part, in order (at most [`MAX_SEGMENTS`]).
    pub segments: Vec<Segment>,
    /// The protected header.
    pub header: JsonPart,
    /// The claims set (JWS only; a JWE payload is encrypted), or the payload's text when it is
    /// not JSON (see [`Jose::text_payload`]).
    pub payload: JsonPart,
    /// How the payload part carries the content (RFC 7515 §7.1, App. F; RFC 7797).
    pub payload_form: PayloadForm,
    /// What did not decode, part by part.
    pub errors: Vec<DecodeError>,
}

/// How a JWS carries its payload in the compact form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PayloadForm {
    /// Base64url-encoded in part 2 (RFC 7515 §7.1), the usual form.
    #[default]
    Encoded,
    /// `b64: false` (RFC 7797 §3): part 2 is the payload itself, not base64url.
    Unencoded,
    /// Part 2 is empty: the content is sent apart from the token (RFC 7515 App. F).
    Detached,
}

impl Jose {
    /// Number of dot-separated parts.
    pub fn parts(&self) -> usize {
        self.segments.len()
    }

    /// True for a five-part JWE.
    pub fn is_jwe(&self) -> bool {
        self.parts() == 5
    }

    /// The signature part exists and is not empty.
    pub fn has_signature(&self) -> bool {
        self.segments
            .iter()
            .any(|s| s.role == Role::Signature && !s.text.is_empty())
    }

    /// Header `alg` as written, if it is a string.
    pub fn alg(&self) -> Option<&str> {
        self.header.object()?.get("alg")?.as_str()
    }

    /// The header's `typ` says the payload is a JWT claims set (`JWT`, `application/jwt` or a
    /// `+jwt` media type such as `at+jwt`, RFC 7519 §5.1, RFC 9068 §2.1).
    pub fn claims_required(&self) -> bool {
        self.header
            .object()
            .and_then(|h| h.get("typ"))
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase)
            .is_some_and(|t| {
                let t = t.strip_prefix("application/").unwrap_or(&t);
                t == "jwt" || t.ends_with("+jwt")
            })
    }

    /// The header says `b64: false` (RFC 7797 §3): the payload is not base64url-encoded.
    pub fn unencoded(&self) -> bool {
        self.header
            .object()
            .and_then(|h| h.get("b64"))
            .is_some_and(|b| b == &Value::Bool(false))
    }

    /// The header's `crit` list names `name` (RFC 7515 §4.1.11).
    pub fn critical(&self, name: &str) -> bool {
        self.header
            .object()
            .and_then(|h| h.get("crit"))
            .and_then(Value::as_array)
            .is_some_and(|c| c.iter().any(|v| v.as_str() == Some(name)))
    }

    /// A JWS payload that decoded to text which is not a JSON object (RFC 7515 allows any
    /// octets; RFC 7515 A.4, RFC 7520 §4, RFC 8037 A.4 sign plain text). `None` for a claims
    /// set, a JWE, detached content or a payload that did not decode.
    pub fn text_payload(&self) -> Option<&str> {
        let decoded = !self.errors.iter().any(|e| e.segment() == Some(2));
        (!self.is_jwe() && self.payload.json.is_none() && decoded)
            .then_some(self.payload.text.as_deref())
            .flatten()
    }

    /// True when any part used standard base64 instead of base64url.
    pub fn uses_standard_base64(&self) -> bool {
        self.segments.iter().any(|s| s.standard_base64)
    }
}

/// At most this many segments are decoded and shown; beyond it the rest is one undecoded part.
pub const MAX_SEGMENTS: usize = 8;

/// Splits `token` on dots and decodes the header (and, for a JWS, the payload). Never fails:
/// problems are collected in [`Jose::errors`] with everything that did decode kept.
///
/// Read as the RFCs say: an empty encrypted key is right for `dir` and `ECDH-ES` (RFC 7516
/// §5.1); `b64: false` puts the payload in part 2 as it is (RFC 7797 §3); an empty payload part
/// is detached content (RFC 7515 App. F) unless `typ` says JWT; and a payload that is text, not
/// JSON, is a JWS payload like any other unless `typ` says JWT (RFC 7519 §7.2 step 10).
pub fn parse(token: &str) -> Jose {
    let parts = token.matches('.').count() + 1;
    // A paste with thousands of dots is not a token: keep the first parts, and the rest as one.
    let texts: Vec<&str> = token.splitn(MAX_SEGMENTS, '.').collect();
    let roles = Role::for_parts(texts.len());
    let mut jose = Jose::default();
    if parts != 3 && parts != 5 {
        jose.errors.push(DecodeError::WrongPartCount { parts });
    }
    for (i, (text, role)) in texts.iter().zip(roles).enumerate() {
        let n = i + 1;
        if n == MAX_SEGMENTS && parts > MAX_SEGMENTS {
            // The remainder, shown as written but not decoded part by part.
            jose.segments.push(Segment {
                role,
                text: (*text).to_string(),
                decoded_len: None,
                standard_base64: false,
            });
            break;
        }
        if role == Role::Payload && jose.unencoded() {
            unencoded_payload(&mut jose, text);
            continue;
        }
        let decoded = decode_segment(text, n, role);
        jose.segments.push(Segment {
            role,
            text: (*text).to_string(),
            decoded_len: decoded.as_ref().ok().map(Vec::len),
            standard_base64: text.contains(['+', '/', '=']),
        });
        match decoded {
            Ok(bytes) => decoded_part(&mut jose, &bytes, n, role),
            Err(DecodeError::EmptySegment { .. }) => empty_part(&mut jose, n, role, parts),
            Err(err) => jose.errors.push(err),
        }
    }
    if let (Some(alg @ ("dir" | "ECDH-ES")), Some(key)) = (jose.alg(), jose.segments.get(1)) {
        if parts == 5 && !key.text.is_empty() {
            let (alg, len) = (alg.to_string(), key.text.chars().count());
            jose.errors
                .push(DecodeError::UnexpectedEncryptedKey { alg, len });
        }
    }
    jose
}

/// Part 2 of a `b64: false` JWS: the payload as written (RFC 7797 §3), or detached when empty.
fn unencoded_payload(jose: &mut Jose, text: &str) {
    jose.segments.push(Segment {
        role: Role::Payload,
        text: text.to_string(),
        decoded_len: Some(text.len()),
        standard_base64: false,
    });
    if text.is_empty() {
        jose.payload_form = PayloadForm::Detached;
        return;
    }
    jose.payload_form = PayloadForm::Unencoded;
    jose.payload = match read_json(text) {
        Ok((json, duplicates)) if json.is_object() => JsonPart {
            json: Some(json),
            duplicates,
            ..JsonPart::default()
        },
        _ => JsonPart {
            text: Some(text.to_string()),
            ..JsonPart::default()
        },
    };
}

/// An empty part: an error, except where the RFCs leave it empty.
fn empty_part(jose: &mut Jose, n: usize, role: Role, parts: usize) {
    let header_ok = jose.header.object().is_some();
    match role {
        // An empty signature is reported by the caller as "unsigned", not as an error.
        Role::Signature => {}
        Role::EncryptedKey => match jose.alg() {
            Some("dir" | "ECDH-ES") => {}
            Some(alg) => {
                let alg = alg.to_string();
                jose.errors.push(DecodeError::MissingEncryptedKey { alg });
            }
            None => jose.errors.push(DecodeError::EmptySegment {
                n,
                role: role.name(),
            }),
        },
        Role::Payload if header_ok && !jose.claims_required() && parts == 3 => {
            jose.payload_form = PayloadForm::Detached;
        }
        _ => jose.errors.push(DecodeError::EmptySegment {
            n,
            role: role.name(),
        }),
    }
}

/// Reads the decoded bytes of the header or the (JWS) payload.
fn decoded_part(jose: &mut Jose, bytes: &[u8], n: usize, role: Role) {
    let (part, err) = json_part(bytes, n, role);
    match role {
        Role::Header => jose.header = part,
        Role::Payload => {
            let text_payload = matches!(
                err,
                Some(DecodeError::NotJson { .. } | DecodeError::NotObject { .. })
            ) && jose.header.object().is_some()
                && !jose.claims_required();
            match std::str::from_utf8(bytes) {
                // Plain text, or JSON that is not an object: a payload, not a claims set.
                Ok(text) if text_payload && !text.trim_start().starts_with('{') => {
                    jose.payload = JsonPart {
                        text: Some(text.to_string()),
                        ..JsonPart::default()
                    };
                    return;
                }
                _ => jose.payload = part,
            }
        }
        _ => return,
    }
    jose.errors.extend(err);
}

/// Decodes one base64url segment, accepting standard base64 (`+`, `/`, `=`) as well.
pub fn decode_segment(text: &str, n: usize, role: Role) -> Result<Vec<u8>, DecodeError> {
    let role_name = role.name();
    if text.is_empty() {
        return Err(DecodeError::EmptySegment { n, role: role_name });
    }
    let trimmed = text.trim_end_matches('=');
    // Bytes, not characters: only the ASCII `+` and `/` change, and a token of 64 KB is copied
    // in one pass.
    let normalised: Vec<u8> = trimmed
        .bytes()
        .map(|b| match b {
            b'+' => b'-',
            b'/' => b'_',
            b => b,
        })
        .collect();
    let normalised = String::from_utf8(normalised).unwrap_or_default();
    BASE64URL_LENIENT
        .decode(normalised.as_bytes())
        .map_err(|err| match err {
            base64::DecodeError::InvalidByte(offset, _)
            | base64::DecodeError::InvalidLastSymbol(offset, _) => {
                // The offset is in bytes; step back to the start of the character it is in.
                let offset = (0..=offset.min(normalised.len()))
                    .rev()
                    .find(|&i| normalised.is_char_boundary(i))
                    .unwrap_or(0);
                let found = normalised[offset..].chars().next().unwrap_or('?');
                DecodeError::BadBase64 {
                    n,
                    role: role_name,
                    found: describe_char(found),
                    pos: normalised[..offset].chars().count() + 1,
                }
            }
            base64::DecodeError::InvalidLength(_) | base64::DecodeError::InvalidPadding => {
                DecodeError::BadLength {
                    n,
                    role: role_name,
                    len: trimmed.chars().count(),
                }
            }
        })
}

/// Turns decoded bytes into a JSON part, keeping the text when it is not JSON, and says what
/// is wrong with it, if anything.
fn json_part(bytes: &[u8], n: usize, role: Role) -> (JsonPart, Option<DecodeError>) {
    let role_name = role.name();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            let part = JsonPart {
                text: Some(lossy),
                ..JsonPart::default()
            };
            let pos = err.valid_up_to() + 1;
            let err = DecodeError::NotUtf8 {
                n,
                role: role_name,
                pos,
            };
            return (part, Some(err));
        }
    };
    let (parsed, lone_surrogates) = match read_json(text) {
        // JavaScript and Java parsers accept lone surrogates (half of an emoji); serde_json does
        // not. Read them as U+FFFD, as a browser would display them, and say so.
        Err(_) if text.contains("\\u") => match replace_lone_surrogates(text) {
            Some((fixed, count)) => (read_json(&fixed), count),
            None => (read_json(text), 0),
        },
        other => (other, 0),
    };
    match parsed {
        Ok((json, duplicates)) => {
            let found = json_type(&json);
            let part = JsonPart {
                duplicates,
                json: Some(json),
                lone_surrogates,
                ..JsonPart::default()
            };
            let err = part.object().is_none().then_some(DecodeError::NotObject {
                n,
                role: role_name,
                found,
            });
            (part, err)
        }
        Err(err) => {
            let part = JsonPart {
                text: Some(text.to_string()),
                ..JsonPart::default()
            };
            let detail = err.to_string();
            let err = if err.is_eof() && text.trim_start().starts_with('{') {
                DecodeError::TruncatedJson {
                    n,
                    role: role_name,
                    len: text.chars().count(),
                }
            } else if detail.starts_with("recursion limit exceeded") {
                DecodeError::TooDeep { n, role: role_name }
            } else if detail.starts_with("number out of range") {
                DecodeError::HugeNumber {
                    n,
                    role: role_name,
                    number: number_before(text, err.line(), err.column()),
                }
            } else {
                DecodeError::NotJson {
                    n,
                    role: role_name,
                    detail,
                    preview: preview(text, 24),
                }
            };
            (part, Some(err))
        }
    }
}

/// The number that ends at (1-based) `line`, `column` of `text`, shortened for a message.
fn number_before(text: &str, line: usize, column: usize) -> String {
    let Some(line) = text.lines().nth(line.saturating_sub(1)) else {
        return String::new();
    };
    // serde_json counts columns in bytes; step back to a character boundary.
    let mut end = column.min(line.len());
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    let head = &line[..end];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-')))
        .map_or(0, |(i, c)| i + c.len_utf8());
    preview(&head[start..], 24)
}

/// `text` with every `\uXXXX` escape of a lone surrogate replaced by `\ufffd`, and how many there
/// were; `None` when there are none.
fn replace_lone_surrogates(text: &str) -> Option<(String, usize)> {
    fn escape_at(bytes: &[u8], i: usize) -> Option<u16> {
        let hex = bytes.get(i + 2..i + 6)?;
        (bytes.get(i..i + 2)? == b"\\u")
            .then(|| u16::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok())
            .flatten()
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut i, mut copied, mut count) = (0, 0, 0);
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let Some(unit) = escape_at(bytes, i) else {
            i += 2; // another escape (`\\`, `\"` …): skip both characters
            continue;
        };
        let high = (0xD800..0xDC00).contains(&unit);
        let paired = high && escape_at(bytes, i + 6).is_some_and(|u| (0xDC00..0xE000).contains(&u));
        if paired {
            i += 12;
        } else if (0xD800..0xE000).contains(&unit) {
            out.push_str(&text[copied..i]);
            out.push_str("\\ufffd");
            count += 1;
            i += 6;
            copied = i;
        } else {
            i += 6;
        }
    }
    out.push_str(&text[copied..]);
    (count > 0).then_some((out, count))
}

/// Reads the JSON `text`; for an object, also the top-level keys that appear more than once, in
/// order of first repeat (the value read for such a key is its last, as every JSON parser
/// here does). One pass: a payload of thousands of claims is read once.
fn read_json(text: &str) -> Result<(Value, Vec<String>), serde_json::Error> {
    use serde::de::{Deserializer, MapAccess, Visitor};
    struct Object;
    impl<'de> Visitor<'de> for Object {
        type Value = (serde_json::Map<String, Value>, Vec<String>);
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut object = serde_json::Map::new();
            let mut repeated: Vec<String> = Vec::new();
            while let Some((key, value)) = map.next_entry::<String, Value>()? {
                if object.contains_key(&key) && !repeated.contains(&key) {
                    repeated.push(key.clone());
                }
                object.insert(key, value);
            }
            Ok((object, repeated))
        }
    }
    if !text.trim_start().starts_with('{') {
        return serde_json::from_str::<Value>(text).map(|v| (v, Vec::new()));
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let (object, repeated) = (&mut de).deserialize_map(Object)?;
    de.end()?;
    Ok((Value::Object(object), repeated))
}

/// Decodes the tail of a base64url text whose start is not aligned on a 4-character boundary
/// (the second half of a token split at an arbitrary character), returning the text that the
/// best alignment yields when it is UTF-8.
pub fn decode_unaligned_tail(text: &str) -> Option<String> {
    (0..4).find_map(|skip| {
        let tail = text.get(skip..)?;
        let bytes = BASE64URL_LENIENT.decode(tail.trim_end_matches('=')).ok()?;
        // The first decoded byte may be a fragment of a multi-byte character: drop up to 3.
        (0..4).find_map(|cut| {
            std::str::from_utf8(bytes.get(cut..)?)
                .ok()
                .map(str::to_string)
        })
    })
}

/// Standard base64 (with or without padding) decoding, for `Basic` credentials.
pub fn decode_standard(text: &str) -> Option<Vec<u8>> {
    const STANDARD_LENIENT: GeneralPurpose = GeneralPurpose::new(
        &alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    STANDARD_LENIENT.decode(text).ok()
}

/// Standard base64 with padding (RFC 4648 §4), for building a `Basic` credential from
/// `user:password`. Written out rather than taken from the base64 crate's encoder: it is the
/// page's only encoding, and this is a few hundred bytes of wasm instead of a few KB.
pub fn encode_standard(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Base64url without padding (RFC 7515 §2): the signing input, re-encoded JWTs.
pub fn encode_url(bytes: &[u8]) -> String {
    encode_standard(bytes)
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect()
}
