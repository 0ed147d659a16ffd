//! JWTs re-encoded without their signature: `header.maskedPayload.`. The header is kept as
//! written (kid, alg, jku); the payload keeps SFCC's structure (`sub`, `isb` markers, scopes,
//! client, tenant, times) and loses the shopper's e-mail, names and phone, and it starts with
//! a `sanitized` claim saying so (which also makes every re-encoding differ from its original,
//! even a guest token's, down to the `cc-at` chunk).

use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;
use serde_json::{Map, Value};

use crate::inspect::jose::encode_url;

use super::names::{self, Class, Place};
use super::{Sanitizer, What};

const BASE64URL: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// The claim that opens every re-encoded payload.
pub const MARKER_CLAIM: &str = "sanitized";
const MARKER_TEXT: &str = "signature removed and personal data masked by SFCC Token Inspector";

fn decode(segment: &str) -> Option<Vec<u8>> {
    BASE64URL.decode(segment).ok()
}

fn header(segment: &str) -> Option<Map<String, Value>> {
    serde_json::from_slice::<Value>(&decode(segment)?)
        .ok()?
        .as_object()
        .cloned()
}

/// The segment decodes to a JSON object: a JOSE header.
pub fn is_header(segment: &str) -> bool {
    super::scan::may_start_jose(segment.as_bytes()) && header(segment).is_some()
}

/// The header of a JWE (it has `enc`, RFC 7516 §4.1.2).
pub fn is_jwe_header(segment: &str) -> bool {
    header(segment).is_some_and(|h| h.contains_key("enc"))
}

impl Sanitizer {
    /// A three-part JWS → `header.maskedPayload.`, the same output for the same token; `None`
    /// when the first part is not a JOSE header. A token this sanitizer wrote stays as it is.
    pub(super) fn jwt(&mut self, token: &str) -> Option<String> {
        if let Some(done) = self.tokens.get(token) {
            return Some(done.clone());
        }
        let mut parts = token.splitn(3, '.');
        let (head, payload, signature) = (parts.next()?, parts.next()?, parts.next()?);
        if !is_header(head) {
            return None;
        }
        let (masked, changed) = self.masked_payload(payload);
        let out = if signature.is_empty() && !changed {
            token.to_string()
        } else {
            self.manifest.note(What::TokenReencoded, token);
            if !signature.is_empty() {
                self.manifest.note(What::SignatureRemoved, token);
            }
            format!("{head}.{masked}.")
        };
        self.tokens.insert(token.to_string(), out.clone());
        self.tokens.insert(out.clone(), out.clone());
        self.order.push(token.to_string());
        Some(out)
    }

    /// The payload segment re-encoded, and whether that changed anything.
    fn masked_payload(&mut self, segment: &str) -> (String, bool) {
        let Some(bytes) = decode(segment) else {
            return (String::new(), true);
        };
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(mut claims)) => {
                let marked = claims.keys().next().map(String::as_str) == Some(MARKER_CLAIM);
                let changed = self.claims(&mut claims, 0) || !marked;
                let claims = if marked {
                    claims
                } else {
                    let mut first = Map::new();
                    first.insert(MARKER_CLAIM.into(), MARKER_TEXT.into());
                    first.extend(claims);
                    first
                };
                let json = serde_json::to_string(&Value::Object(claims)).unwrap_or_default();
                (encode_url(json.as_bytes()), changed)
            }
            _ => {
                let text = String::from_utf8_lossy(&bytes);
                match self.text(&text) {
                    Some(masked) => (encode_url(masked.as_bytes()), true),
                    None => (segment.to_string(), false),
                }
            }
        }
    }

    /// Masks the shopper's data in a claims set; true when something changed.
    fn claims(&mut self, claims: &mut Map<String, Value>, depth: usize) -> bool {
        let mut changed = false;
        for (key, value) in claims.iter_mut() {
            changed |= match value {
                Value::String(s) => {
                    let new = if key == "isb" {
                        self.isb(s)
                    } else {
                        self.param(key, s, Place::Claims)
                    };
                    new.map(|new| *s = new).is_some()
                }
                Value::Object(inner) if depth < 16 => self.claims(inner, depth + 1),
                Value::Array(items) if depth < 16 => items.iter_mut().any(|item| match item {
                    Value::String(s) => self.text(s).map(|new| *s = new).is_some(),
                    _ => false,
                }),
                _ => false,
            };
        }
        changed
    }

    /// SLAS `isb` (`uido:ecom::upn:x@y.z::uidn:Morgan Lee::gcid:…::rcid:…::chid:RefArch`):
    /// the shopper's login and name masked, every marker kept. Also reads a cut copy inside
    /// partial JSON text, where a value ends at `"`.
    pub(super) fn isb(&mut self, isb: &str) -> Option<String> {
        let mut changed = false;
        let pairs: Vec<String> = isb
            .split("::")
            .map(|pair| {
                let new = match pair.split_once(':') {
                    Some((key, rest)) if names::ISB_PERSONAL.contains(&key) => {
                        let (value, after) = rest.split_at(rest.find('"').unwrap_or(rest.len()));
                        let keep = names::NOT_PERSONAL.contains(&value) || names::is_masked(value);
                        (!keep).then(|| {
                            let masked = match self.emails_in(value) {
                                Some(m) => m,
                                None => self.pseudonym(Class::Name, value),
                            };
                            format!("{key}:{masked}{after}")
                        })
                    }
                    _ => self.emails_in(pair),
                };
                changed |= new.is_some();
                new.unwrap_or_else(|| pair.to_string())
            })
            .collect();
        changed.then(|| pairs.join("::"))
    }

    /// Two parts that start with a JOSE header: a token cut short (the `cc-at` chunk sent as
    /// a Bearer). A known chunk or a prefix of a known token becomes the same-length prefix of
    /// its re-encoding; otherwise what decodes of it is masked and re-encoded.
    pub(super) fn partial(&mut self, cut: &str) -> String {
        if let Some(chunk) = self.chunks.get(cut) {
            return chunk.clone();
        }
        // The token a copy was cut from is a recent one; a bound keeps a hostile file linear.
        let known = self
            .order
            .iter()
            .rev()
            .take(MAX_PREFIX_SEARCH)
            .find(|original| original.len() > cut.len() && original.starts_with(cut));
        if let Some(re) = known.and_then(|original| self.tokens.get(original)) {
            return re.get(..cut.len()).unwrap_or(re).to_string();
        }
        let (head, payload) = cut.split_once('.').unwrap_or((cut, ""));
        if payload.starts_with(MARKER_PREFIX_B64) {
            return cut.to_string();
        }
        let whole = &payload[..payload.len() / 4 * 4];
        let text = decode(whole).map(|b| String::from_utf8_lossy(&b).into_owned());
        let text = text.unwrap_or_default();
        let text = match text.strip_prefix('{') {
            Some(rest) => format!("{{\"{MARKER_CLAIM}\":\"{MARKER_TEXT}\",{rest}"),
            None => text,
        };
        let text = self.isb(&text).unwrap_or(text);
        let text = self.emails_in(&text).unwrap_or(text);
        self.manifest.note(What::TokenPart, cut);
        format!("{head}.{}", encode_url(text.as_bytes()))
    }

    /// A `cc-at*` chunk whose partners are not in the same list: a chunk seen before, a
    /// partial token, or a tail without header (removed).
    pub(super) fn lone_chunk(&mut self, value: &str) -> String {
        if let Some(chunk) = self.chunks.get(value) {
            return chunk.clone();
        }
        if names::is_masked(value) {
            return value.to_string();
        }
        if super::scan::may_start_jose(value.as_bytes()) {
            if let Some((used, new)) = self.jose_run(value) {
                if used == value.len() {
                    return new;
                }
            }
        }
        self.manifest.note(What::TokenPart, value);
        names::marker("token-part")
    }

    /// Joins the chunks of one split token (in order), re-encodes it and splits it again at
    /// [`names::CHUNK`] characters over as many cookies (the last takes the rest); `None` when
    /// the joined text is not a JWT.
    pub(super) fn resplit(&mut self, values: &[&str]) -> Option<Vec<String>> {
        let joined: String = values.concat();
        let parts = joined.split('.').count();
        if parts != 3 || !super::scan::may_start_jose(joined.as_bytes()) {
            return None;
        }
        let re = self.jwt(&joined)?;
        let mut out = Vec::with_capacity(values.len());
        let mut at = 0;
        for (i, original) in values.iter().enumerate() {
            let end = if i + 1 == values.len() {
                re.len()
            } else {
                (at + names::CHUNK).min(re.len())
            };
            let chunk = re.get(at..end).unwrap_or_default().to_string();
            at = end;
            if *original != chunk {
                self.manifest.note(What::SplitTokenCookie, original);
            }
            self.chunks.insert((*original).to_string(), chunk.clone());
            self.chunks.insert(chunk.clone(), chunk.clone());
            out.push(chunk);
        }
        Some(out)
    }
}

/// How many of the latest tokens a truncated copy is compared with.
const MAX_PREFIX_SEARCH: usize = 256;

/// `{"sanitized":` in base64url: a payload this sanitizer wrote starts with it.
const MARKER_PREFIX_B64: &str = "eyJzYW5pdGl6ZWQiOi";

#[cfg(test)]
mod tests {
    use super::names::Field;
    use super::*;

    #[test]
    fn the_marker_prefix_is_the_start_of_a_marked_payload() {
        let json = format!("{{\"{MARKER_CLAIM}\":\"x\"}}");
        assert!(BASE64URL.encode(json).starts_with(MARKER_PREFIX_B64));
    }

    #[test]
    fn encode_url_writes_what_the_base64_crate_writes() {
        let bytes: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        for n in 0..bytes.len() {
            let part = &bytes[..n];
            assert_eq!(encode_url(part), BASE64URL.encode(part), "{n} bytes");
        }
    }

    #[test]
    fn a_field_table_lookup_is_case_blind() {
        assert_eq!(
            names::field("Refresh_Token", Place::Json),
            Field::Pseudonym(Class::RefreshToken)
        );
    }
}
