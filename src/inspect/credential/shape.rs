//! Choosing what a credential's text decodes to: each step a pure function returning a
//! [`Shape`], the first that recognises the text winning.

use serde_json::Value;

use super::basic::{self, BasicCredentials};
use super::kinds::Kind;
use crate::inspect::claims::{self, ClaimRow, Place};
use crate::inspect::extract::Scheme;
use crate::inspect::jose::{self, DecodeError, Jose, PayloadForm, Role};
use crate::inspect::sfcc::{self, Sfcc};
use crate::inspect::text::json_type;
use crate::inspect::time::Times;

/// A compact JOSE token and what its header and payload decoded to.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The parts, split and decoded as far as they go.
    pub jose: Jose,
    /// The header parameters, one row each (empty when the header did not decode).
    pub header_rows: Vec<ClaimRow>,
    /// The claims set, when the payload is a JSON object.
    pub claims: Option<Claims>,
}

/// A payload that is a JSON object: the claims set, its times and what SFCC makes of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Claims {
    /// One row per claim, in the token's order.
    pub rows: Vec<ClaimRow>,
    /// The time claims (`exp`, `iat`, `nbf` …).
    pub times: Times,
    /// The SFCC reading of the claims (kind, tenant, scopes …).
    pub sfcc: Sfcc,
}

impl Decoded {
    /// Reads the rows, times and SFCC meaning of what `jose` decoded.
    pub fn new(jose: Jose) -> Decoded {
        let header = jose.header.object();
        let header_rows = header
            .map(|h| claims::rows(h, Place::Header))
            .unwrap_or_default();
        let claims = jose.payload.object().map(|payload| Claims {
            rows: claims::rows(payload, Place::Payload),
            times: Times::read(payload),
            sfcc: sfcc::analyse(header, payload),
        });
        Decoded {
            jose,
            header_rows,
            claims,
        }
    }
}

/// The opaque SFCC credentials: nothing inside them decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpaqueKind {
    /// SLAS refresh token: 43 base64url characters, or two such joined by a dot.
    SlasRefreshToken {
        /// The two-part form (`<43>.<43>`).
        two_part: bool,
    },
    /// Legacy opaque Account Manager token: 27 base64url characters.
    AmOpaqueToken,
    /// B2C Commerce session id (`dwsid`).
    Dwsid,
}

/// Why text is not a credential at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unrecognised {
    /// Empty, or a word code prints for a variable that was never set.
    Placeholder {
        /// What the reader sees first.
        title: String,
        /// Why, in one or two sentences.
        detail: String,
    },
    /// JSON that holds no token string; the detail says what it holds instead.
    Json(String),
    /// Text with none of the shapes of a credential.
    NotAToken,
}

/// What a credential's text decoded to.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A signed JWS whose payload is a JWT claims set.
    Jws(Decoded),
    /// A JWS with `alg: none`, or without a signature.
    UnsignedJws(Decoded),
    /// A JWS whose payload is text, not a claims set (RFC 7515 A.4).
    TextPayloadJws(Decoded),
    /// A JWS with detached content (RFC 7515 App. F).
    DetachedJws(Decoded),
    /// A JWE: only the protected header can be read.
    Jwe(Decoded),
    /// The `cc-at` half of a split token.
    FirstHalf(Decoded),
    /// The `cc-at_2` half of a split token, with what its first part decodes to.
    SecondHalf {
        /// The parts as split (the first is not a header).
        token: Decoded,
        /// Decoded text of the payload's tail.
        tail: String,
    },
    /// Looks like a JWT, but parts of it do not decode.
    Malformed(Decoded),
    /// One of the opaque SFCC credentials.
    Opaque(OpaqueKind),
    /// `Basic` client credentials.
    Basic(BasicCredentials),
    /// Not a credential.
    Unrecognised(Unrecognised),
}

impl Shape {
    /// The kind of credential this shape is.
    pub fn kind(&self) -> Kind {
        match self {
            Shape::Jws(_) => Kind::Jws,
            Shape::UnsignedJws(_) => Kind::UnsignedJws,
            Shape::TextPayloadJws(_) => Kind::TextPayloadJws,
            Shape::DetachedJws(_) => Kind::DetachedJws,
            Shape::Jwe(_) => Kind::Jwe,
            Shape::FirstHalf(_) => Kind::FirstHalf,
            Shape::SecondHalf { .. } => Kind::SecondHalf,
            Shape::Malformed(_) => Kind::Malformed,
            Shape::Opaque(OpaqueKind::SlasRefreshToken { two_part }) => Kind::SlasRefreshToken {
                two_part: *two_part,
            },
            Shape::Opaque(OpaqueKind::AmOpaqueToken) => Kind::AmOpaqueToken,
            Shape::Opaque(OpaqueKind::Dwsid) => Kind::Dwsid,
            Shape::Basic(_) => Kind::Basic,
            Shape::Unrecognised(_) => Kind::Unrecognised,
        }
    }

    /// The decoded JOSE parts, for every shape that was split as a JWS or JWE.
    pub fn decoded(&self) -> Option<&Decoded> {
        match self {
            Shape::Jws(d)
            | Shape::UnsignedJws(d)
            | Shape::TextPayloadJws(d)
            | Shape::DetachedJws(d)
            | Shape::Jwe(d)
            | Shape::FirstHalf(d)
            | Shape::Malformed(d)
            | Shape::SecondHalf { token: d, .. } => Some(d),
            Shape::Opaque(_) | Shape::Basic(_) | Shape::Unrecognised(_) => None,
        }
    }
}

/// What `text` (introduced by `scheme`) decodes to.
pub fn choose(text: &str, scheme: Option<Scheme>) -> Shape {
    if let Some((title, detail)) = placeholder(text, scheme) {
        return Shape::Unrecognised(Unrecognised::Placeholder { title, detail });
    }
    if let Some(detail) = json_instead(text) {
        return Shape::Unrecognised(Unrecognised::Json(detail));
    }
    let dots = text.matches('.').count();
    let looks_jose = dots > 0 || text.starts_with("eyJ");
    if scheme == Some(Scheme::Basic) || !looks_jose {
        if let Some(basic) = basic::decode(text) {
            return Shape::Basic(basic);
        }
    }
    if let Some(opaque) = opaque(text, dots) {
        return Shape::Opaque(opaque);
    }
    if !looks_jose {
        return Shape::Unrecognised(Unrecognised::NotAToken);
    }
    jose_shape(text)
}

/// The opaque SFCC shape `text` has, if any (REFERENCE.md §1.2, §1.4).
fn opaque(text: &str, dots: usize) -> Option<OpaqueKind> {
    let b64url = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    match dots {
        0 if b64url(text) && text.len() == 43 => {
            Some(OpaqueKind::SlasRefreshToken { two_part: false })
        }
        0 if b64url(text) && text.len() == 27 => Some(OpaqueKind::AmOpaqueToken),
        0 if is_dwsid(text) => Some(OpaqueKind::Dwsid),
        1 if is_two_part_refresh(text) => Some(OpaqueKind::SlasRefreshToken { two_part: true }),
        _ => None,
    }
}

/// Splits and decodes `text` as compact JOSE and says which JOSE shape it is.
fn jose_shape(text: &str) -> Shape {
    let decoded = Decoded::new(jose::parse(text));
    let jose = &decoded.jose;
    let parts = jose.parts();
    let header_ok = jose.header.object().is_some();
    // Two parts that both decode: a JWS that lost its signature, not a malformed token.
    let signature_lost = parts == 2 && header_ok && jose.payload.object().is_some();
    let payload_truncated = jose
        .errors
        .iter()
        .any(|e| matches!(e, DecodeError::TruncatedJson { n: 2, .. }));
    if parts == 2 && header_ok && payload_truncated {
        return Shape::FirstHalf(decoded);
    }
    if parts == 2 && !text.starts_with("eyJ") {
        if let Some(tail) = decoded_tail(text) {
            return Shape::SecondHalf {
                token: decoded,
                tail,
            };
        }
    }
    if parts == 5 {
        return if header_ok {
            Shape::Jwe(decoded)
        } else {
            Shape::Malformed(decoded)
        };
    }
    if !jose.errors.is_empty() && !signature_lost {
        Shape::Malformed(decoded)
    } else if jose.payload_form == PayloadForm::Detached {
        Shape::DetachedJws(decoded)
    } else if jose.text_payload().is_some() {
        Shape::TextPayloadJws(decoded)
    } else if is_alg_none(jose) || !jose.has_signature() {
        Shape::UnsignedJws(decoded)
    } else {
        Shape::Jws(decoded)
    }
}

/// The header's `alg` is `none`, in any case.
pub fn is_alg_none(jose: &Jose) -> bool {
    jose.alg().is_some_and(|a| a.eq_ignore_ascii_case("none"))
}

/// For a `cc-at_2` tail: what follows the split point, when it ends a JSON object.
fn decoded_tail(text: &str) -> Option<String> {
    let first = text.split('.').next().unwrap_or("");
    jose::decode_unaligned_tail(first).filter(|t| t.trim_end().ends_with('}'))
}

/// An empty token, or a word a client sends when its token variable was never set: a title
/// and an explanation.
fn placeholder(text: &str, scheme: Option<Scheme>) -> Option<(String, String)> {
    let scheme_word = scheme.map_or("Bearer", Scheme::word);
    let t = text.trim();
    if t.is_empty() {
        return Some((
            format!("No token after “{scheme_word}”"),
            format!(
                "The header says “{scheme_word}” and stops: the client sent no token at all, so any API answers 401. \
                 Check that the code building the header has a token to put in it."
            ),
        ));
    }
    if t.eq_ignore_ascii_case("bearer") || t.eq_ignore_ascii_case("basic") {
        return Some((
            format!("Only the word “{t}”"),
            format!(
                "“{t}” is the scheme; the token that should follow it (after a space) is missing."
            ),
        ));
    }
    const UNSET: &[&str] = &[
        "undefined",
        "null",
        "none",
        "nil",
        "[object object]",
        "${token}",
        "{{token}}",
        "<token>",
        "token",
    ];
    UNSET.iter().any(|w| t.eq_ignore_ascii_case(w)).then(|| {
        (
            format!("The token is the text “{t}”"),
            format!(
                "“{t}” is what code prints for a variable that was never set (or a template placeholder left in): \
                 the client had no token when it built the header. Any API answers 401."
            ),
        )
    })
}

/// When `text` is JSON: why it is not a credential, naming the token fields it does have.
fn json_instead(text: &str) -> Option<String> {
    if !text.starts_with(['{', '[']) {
        return None;
    }
    serde_json::from_str::<Value>(text)
        .ok()
        .map(|json| json_without_token(&json))
}

/// Why JSON that holds no token string is not a credential, naming the token fields it does have.
fn json_without_token(json: &Value) -> String {
    const FIELDS: &[&str] = &["access_token", "id_token", "refresh_token", "token"];
    if let Some(obj) = json.as_object() {
        if let Some((k, v)) = obj.iter().find(|(k, _)| FIELDS.contains(&k.as_str())) {
            return format!(
                "“{k}” is {}, not a token string: a token response holds each token as a string (eyJ…). Was the \
                 response cut or rewritten?",
                json_type(v)
            );
        }
        if let Some(err) = obj.get("error").and_then(|e| e.as_str()) {
            return format!(
                "This is an error response (“error”: “{err}”), not a token: the token request itself failed. \
                 Read its error_description for why."
            );
        }
    }
    format!(
        "This is JSON ({}) but none of its fields holds a token: a token response has “access_token” (and \
         “id_token”, “refresh_token”) as strings.",
        json_type(json)
    )
}

/// About 88 base64url characters ending in `==` (REFERENCE.md §1.2).
fn is_dwsid(text: &str) -> bool {
    let body = text.trim_end_matches('=');
    text.ends_with("==")
        && (80..=100).contains(&text.len())
        && body
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Two 43-character base64url parts, neither of which decodes to JSON (REFERENCE.md §1.4).
fn is_two_part_refresh(text: &str) -> bool {
    let Some((a, b)) = text.split_once('.') else {
        return false;
    };
    let opaque = |s: &str| {
        s.len() == 43
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            && jose::decode_segment(s, 1, Role::Header)
                .ok()
                .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
                .is_none()
    };
    opaque(a) && opaque(b)
}
