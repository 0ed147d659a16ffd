//! The SFCC claims of one decoded JWT, each read and parsed once: the `sub` in its shapes (SLAS
//! grammar, 2020 `usid::`, id_token `usid:`, OCAPI/2021 JSON), `isb` pairs, `tenantFilter`,
//! `roles`, the scopes and the plain text claims that kind detection, identity rows, tenants and
//! findings read (REFERENCE.md §1.3, §2.3, §2.4, §4.1, §5.1).

use serde_json::{Map, Value};

use super::grammar::{self, SlasSub};
use crate::inspect::scopes;

/// A claim in one of its three states.
#[derive(Debug, Clone, PartialEq)]
pub enum Claim<T> {
    /// Present with the expected type, parsed.
    Present(T),
    /// Present but of another JSON type (a number where a string belongs …), as written.
    Malformed(Value),
    /// Not in the token.
    Absent,
}

impl<T> Claim<T> {
    /// The parsed value when present.
    pub fn present(&self) -> Option<&T> {
        match self {
            Claim::Present(v) => Some(v),
            _ => None,
        }
    }

    /// Whether the token has the claim at all (even malformed).
    pub fn exists(&self) -> bool {
        !matches!(self, Claim::Absent)
    }
}

/// What the `sub` says, by its shape.
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    /// `cc-slas::<tenant>::scid:<client>::usid:<usid>` (SLAS access and id tokens).
    Slas(SlasSub),
    /// 2020 SLAS `usid::<uuid>::upn:guest`: the usid and whether a `upn:guest` segment is there.
    Legacy2020 {
        /// The first segment after `usid::`.
        usid: String,
        /// A segment is `upn:guest` (any case).
        guest: bool,
    },
    /// Very old id_token `usid:<uuid>`: the usid.
    Usid(String),
    /// A JSON object (OCAPI Shop and 2021 Commerce API tokens), parsed.
    Json(Map<String, Value>),
    /// Any other text.
    Text,
}

/// `isb` as ordered `key:value` pairs, read by key (REFERENCE.md §2.4).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Isb(pub Vec<(String, String)>);

impl Isb {
    /// The value of the first `key` pair.
    pub fn get(&self, key: &str) -> Option<&str> {
        grammar::isb_get(&self.0, key)
    }
}

/// The SFCC claims of a decoded JWT, parsed once.
#[derive(Debug, Clone, PartialEq)]
pub struct SfccClaims<'a> {
    /// The payload, for the plain text claims the identity table names (`phone`, `email` …).
    pub payload: &'a Map<String, Value>,
    /// `sub` as text.
    pub sub: Claim<&'a str>,
    /// The shape of `sub`.
    pub subject: Subject,
    /// `isb`, parsed.
    pub isb: Claim<Isb>,
    /// `tenantFilter`, parsed: role → tenants, in token order.
    pub tenant_filter: Claim<Vec<(String, Vec<String>)>>,
    /// AM `roles` (the strings of the array).
    pub roles: Claim<Vec<String>>,
    /// Granted scope names (`scp` or `scope`, string or array), in token order.
    pub scopes: Vec<String>,
    /// `iss`.
    pub iss: Option<&'a str>,
    /// `aud` (when a string).
    pub aud: Option<&'a str>,
    /// Header `jku`.
    pub jku: Option<&'a str>,
    /// Header `alg`.
    pub alg: Option<&'a str>,
    /// The header or the payload has `_v` (OCAPI).
    pub has_v: bool,
    /// `exp` and `iat` as whole seconds, when they look like seconds (below 10^11).
    pub exp: Option<i64>,
    /// See [`SfccClaims::exp`].
    pub iat: Option<i64>,
}

/// The string value of claim `name`.
pub fn text<'a>(map: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    map.get(name).and_then(Value::as_str)
}

fn claim<'a, T>(
    payload: &'a Map<String, Value>,
    name: &str,
    read: impl FnOnce(&'a Value) -> Option<T>,
) -> Claim<T> {
    match payload.get(name) {
        None => Claim::Absent,
        Some(v) => read(v).map_or_else(|| Claim::Malformed(v.clone()), Claim::Present),
    }
}

/// `sub` parsed as JSON when it holds an object (OCAPI and 2021 Commerce API tokens).
fn json_object(sub: &str) -> Option<Map<String, Value>> {
    let sub = sub.trim();
    if !sub.starts_with('{') {
        return None;
    }
    match serde_json::from_str::<Value>(sub).ok()? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

fn subject(sub: &str) -> Subject {
    if let Some(json) = json_object(sub) {
        return Subject::Json(json);
    }
    if let Some(slas) = grammar::slas_sub(sub) {
        return Subject::Slas(slas);
    }
    if let Some(rest) = sub.strip_prefix("usid::") {
        let mut parts = rest.split("::");
        return Subject::Legacy2020 {
            usid: parts.next().unwrap_or("").to_string(),
            guest: parts.any(|p| p.eq_ignore_ascii_case("upn:guest")),
        };
    }
    match sub.strip_prefix("usid:") {
        Some(usid) => Subject::Usid(usid.to_string()),
        None => Subject::Text,
    }
}

fn seconds(payload: &Map<String, Value>, name: &str) -> Option<i64> {
    payload
        .get(name)
        .and_then(Value::as_i64)
        .filter(|v| *v < 100_000_000_000)
}

impl<'a> SfccClaims<'a> {
    /// Reads every SFCC claim of `payload` (and `jku`, `alg`, `_v` of the header) once.
    pub fn parse(header: Option<&'a Map<String, Value>>, payload: &'a Map<String, Value>) -> Self {
        let sub = claim(payload, "sub", Value::as_str);
        let strings = |v: &Value| {
            v.as_array().map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
        };
        SfccClaims {
            payload,
            subject: sub.present().map_or(Subject::Text, |s| subject(s)),
            sub,
            isb: claim(payload, "isb", |v| v.as_str().map(|s| Isb(grammar::isb(s)))),
            tenant_filter: claim(payload, "tenantFilter", |v| {
                v.as_str().map(grammar::tenant_filter)
            }),
            roles: claim(payload, "roles", strings),
            scopes: scopes::names(payload),
            iss: text(payload, "iss"),
            aud: text(payload, "aud"),
            jku: header.and_then(|h| text(h, "jku")),
            alg: header.and_then(|h| text(h, "alg")),
            has_v: payload.contains_key("_v") || header.is_some_and(|h| h.contains_key("_v")),
            exp: seconds(payload, "exp"),
            iat: seconds(payload, "iat"),
        }
    }

    /// The string claim `name` of the payload.
    pub fn text(&self, name: &str) -> Option<&'a str> {
        text(self.payload, name)
    }

    /// Whether the payload has claim `name` (of any type).
    pub fn has(&self, name: &str) -> bool {
        self.payload.contains_key(name)
    }

    /// `sub` as text, `""` when absent or not a string.
    pub fn sub_text(&self) -> &'a str {
        self.sub.present().copied().unwrap_or("")
    }

    /// The SLAS `sub` grammar, when `sub` has it.
    pub fn slas_sub(&self) -> Option<&SlasSub> {
        match &self.subject {
            Subject::Slas(s) => Some(s),
            _ => None,
        }
    }

    /// The JSON `sub`, when it is an object.
    pub fn json_sub(&self) -> Option<&Map<String, Value>> {
        match &self.subject {
            Subject::Json(m) => Some(m),
            _ => None,
        }
    }

    /// The `customer_info` (OCAPI) or `CustomerInfo` (2021) object of the JSON `sub`.
    pub fn customer_info(&self) -> Option<&Map<String, Value>> {
        let inner = self.json_sub()?;
        inner
            .get("customer_info")
            .or_else(|| inner.get("CustomerInfo"))
            .and_then(Value::as_object)
    }

    /// The `isb` value of `key`.
    pub fn isb(&self, key: &str) -> Option<&str> {
        self.isb.present().and_then(|i| i.get(key))
    }
}
