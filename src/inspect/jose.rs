//! Compact JOSE serialisation: JWS (RFC 7515 §7.1, three parts) and JWE (RFC 7516 §7.1, five
//! parts). Splits a token, decodes each part leniently and says precisely what is wrong with a part
//! that does not decode, while keeping everything that did.

use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;
use serde_json::{Map, Value};

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
    Header,
    Payload,
    Signature,
    EncryptedKey,
    Iv,
    Ciphertext,
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
    #[error("this has {parts} dot-separated parts, but a JWS has 3 and a JWE has 5")]
    WrongPartCount { parts: usize },
    #[error("segment {n} ({role}) is empty")]
    EmptySegment { n: usize, role: &'static str },
    #[error("segment {n} ({role}) is not valid base64url: unexpected {found} at position {pos}")]
    BadBase64 {
        n: usize,
        role: &'static str,
        found: String,
        pos: usize,
    },
    #[error(
        "segment {n} ({role}) has {len} characters, a length no base64url text can have \
         (one character too many, or the part was cut)"
    )]
    BadLength {
        n: usize,
        role: &'static str,
        len: usize,
    },
    #[error("segment {n} ({role}) does not decode to UTF-8 text (invalid byte {pos} of the decoded bytes)")]
    NotUtf8 {
        n: usize,
        role: &'static str,
        pos: usize,
    },
    #[error("segment {n} ({role}) is not JSON: {detail}; the decoded text starts “{preview}”")]
    NotJson {
        n: usize,
        role: &'static str,
        detail: String,
        preview: String,
    },
    #[error("segment {n} ({role}) stops in the middle of its JSON (after {len} characters): the token was cut short")]
    TruncatedJson {
        n: usize,
        role: &'static str,
        len: usize,
    },
    #[error("segment {n} ({role}) is JSON but {found}, not an object: a JOSE {role} must be a JSON object")]
    NotObject {
        n: usize,
        role: &'static str,
        found: &'static str,
    },
}

/// One dot-separated part of the pasted token, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub role: Role,
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
}

impl JsonPart {
    /// The JSON object, when the part is one.
    pub fn object(&self) -> Option<&Map<String, Value>> {
        self.json.as_ref().and_then(Value::as_object)
    }

    /// Pretty-printed JSON in the token's claim order, or the decoded text.
    pub fn pretty(&self) -> Option<String> {
        match (&self.json, &self.text) {
            (Some(json), _) => serde_json::to_string_pretty(json).ok(),
            (None, Some(text)) => Some(text.clone()),
            _ => None,
        }
    }
}

/// A compact JOSE token split and decoded as far as possible.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Jose {
    pub segments: Vec<Segment>,
    pub header: JsonPart,
    /// The claims set (JWS only; a JWE payload is encrypted).
    pub payload: JsonPart,
    pub errors: Vec<DecodeError>,
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

    /// True when any part used standard base64 instead of base64url.
    pub fn uses_standard_base64(&self) -> bool {
        self.segments.iter().any(|s| s.standard_base64)
    }
}

/// Splits `token` on dots and decodes the header (and, for a JWS, the payload). Never fails:
/// problems are collected in [`Jose::errors`] with everything that did decode kept.
pub fn parse(token: &str) -> Jose {
    let texts: Vec<&str> = token.split('.').collect();
    let roles = Role::for_parts(texts.len());
    let mut jose = Jose::default();
    if texts.len() != 3 && texts.len() != 5 {
        jose.errors
            .push(DecodeError::WrongPartCount { parts: texts.len() });
    }
    for (i, (text, role)) in texts.iter().zip(roles).enumerate() {
        let n = i + 1;
        let decoded = decode_segment(text, n, role);
        jose.segments.push(Segment {
            role,
            text: (*text).to_string(),
            decoded_len: decoded.as_ref().ok().map(Vec::len),
            standard_base64: text.contains(['+', '/', '=']),
        });
        let bytes = match decoded {
            Ok(bytes) => bytes,
            Err(err) => {
                // An empty signature is reported by the caller as "unsigned", not as an error.
                if role != Role::Signature {
                    jose.errors.push(err);
                }
                continue;
            }
        };
        let slot = match role {
            Role::Header => &mut jose.header,
            Role::Payload => &mut jose.payload,
            _ => continue,
        };
        let (part, err) = json_part(&bytes, n, role);
        *slot = part;
        jose.errors.extend(err);
    }
    jose
}

/// Decodes one base64url segment, accepting standard base64 (`+`, `/`, `=`) as well.
pub fn decode_segment(text: &str, n: usize, role: Role) -> Result<Vec<u8>, DecodeError> {
    let role_name = role.name();
    if text.is_empty() {
        return Err(DecodeError::EmptySegment { n, role: role_name });
    }
    let trimmed = text.trim_end_matches('=');
    let normalised: String = trimmed
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
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

/// Shows a character so that invisible or confusing ones are still visible in a message.
pub fn describe_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() || !c.is_ascii() {
        format!("U+{:04X}", c as u32)
    } else {
        format!("'{c}'")
    }
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
                json: None,
                text: Some(lossy),
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
    match serde_json::from_str::<Value>(text) {
        Ok(json) => {
            let found = json_type(&json);
            let part = JsonPart {
                json: Some(json),
                text: None,
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
                json: None,
                text: Some(text.to_string()),
            };
            let err = if err.is_eof() && text.trim_start().starts_with('{') {
                DecodeError::TruncatedJson {
                    n,
                    role: role_name,
                    len: text.chars().count(),
                }
            } else {
                DecodeError::NotJson {
                    n,
                    role: role_name,
                    detail: err.to_string(),
                    preview: preview(text, 24),
                }
            };
            (part, Some(err))
        }
    }
}

/// "an array", "a string" … for messages.
pub fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The first `max` characters of `text` with control characters made visible.
pub fn preview(text: &str, max: usize) -> String {
    let mut out: String = text
        .chars()
        .take(max)
        .map(|c| if c.is_control() { '·' } else { c })
        .collect();
    if text.chars().count() > max {
        out.push('…');
    }
    out
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

/// Standard base64 with padding, for building a `Basic` credential from `user:password`.
pub fn encode_standard(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
