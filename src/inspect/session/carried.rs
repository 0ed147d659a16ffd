//! What one entry carries: its Authorization header, its credential cookies (the `cc-at` chunks
//! joined by name), its form parameters, the tokens of its token-response body and of its
//! `Set-Cookie`. Read from names alone, except the body, which only an SFCC call's is parsed.

use super::classify::{is_sfcc_cookie, starts_with_ci};
use crate::inspect::har::{Body, Entry, Pair};
use crate::inspect::text::percent_decode;

/// The `cc-at` chunks of one cookie list, joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chunks {
    /// `cc-at+cc-at_2`.
    pub names: String,
    /// The values joined in chunk order.
    pub joined: String,
    /// The first chunk's value (`cc-at` alone).
    pub first: String,
    /// How many chunks.
    pub count: usize,
}

/// What one entry carries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Carried {
    /// `Authorization`: scheme word and value.
    pub auth: Option<(String, String)>,
    /// Request cookies, name and value.
    pub cookies: Vec<(String, String)>,
    /// The request's `cc-at` chunks.
    pub cookie_chunks: Option<Chunks>,
    /// Form parameters, decoded.
    pub form: Vec<(String, String)>,
    /// Token-response body fields (`access_token`, `id_token`, `refresh_token`, `usid`…).
    pub body: Vec<(&'static str, String)>,
    /// Cookies the response set (name, value); deleted ones left out.
    pub set_cookies: Vec<(String, String)>,
    /// The `cc-at` chunks the response set.
    pub set_chunks: Option<Chunks>,
}

impl Carried {
    /// A form parameter.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.form
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// A body field.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.body
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The refresh-token cookies of the request (`cc-nx`, `cc-nx-g`, site-suffixed).
    pub fn refresh_cookies(&self) -> impl Iterator<Item = &(String, String)> {
        self.cookies.iter().filter(|(n, _)| is_refresh_cookie(n))
    }

    /// The refresh-token cookies the response set.
    pub fn set_refresh(&self) -> impl Iterator<Item = &(String, String)> {
        self.set_cookies
            .iter()
            .filter(|(n, _)| is_refresh_cookie(n))
    }

    /// The Bearer (or other scheme) value, when the header holds one.
    pub fn bearer(&self) -> Option<&str> {
        self.auth
            .as_ref()
            .filter(|(s, _)| !s.eq_ignore_ascii_case("basic"))
            .map(|(_, v)| v.as_str())
    }
}

/// The body fields of a token response that are read.
const BODY_FIELDS: &[&str] = &[
    "access_token",
    "id_token",
    "refresh_token",
    "usid",
    "customer_id",
    "error",
    "error_description",
];

/// `cc-nx`, `cc-nx-g`, and their site-suffixed forms.
pub(crate) fn is_refresh_cookie(name: &str) -> bool {
    ["cc-nx-g", "cc-nx"].iter().any(|p| {
        starts_with_ci(name, p) && {
            let rest = &name.as_bytes()[p.len()..];
            rest.is_empty() || rest[0] == b'_'
        }
    })
}

/// The cookies kept: SFCC's credential and session cookies, and PWA Kit's `sfdc_…` ones.
fn kept_cookie(name: &str) -> bool {
    is_sfcc_cookie(name) || starts_with_ci(name, "sfdc_")
}

/// The form parameters kept: those that carry or describe a credential.
const KEPT_PARAMS: &[&str] = &[
    "grant_type",
    "refresh_token",
    "password",
    "client_secret",
    "client_id",
    "code_verifier",
    "scope",
    "channel_id",
    "username",
];

/// Compact JWS (or unsigned JWT): three base64url parts (the payload not empty), the header
/// starting as a JSON object does (`eyJ` is `{"`). One pass, no allocation: every cookie and
/// header of the session goes through it.
pub(crate) fn looks_jwt(text: &str) -> bool {
    let b = text.as_bytes();
    let mut count = 0;
    let mut second_empty = false;
    let mut last = 0;
    for (i, c) in b.iter().enumerate() {
        match c {
            b'.' => {
                count += 1;
                if count == 2 {
                    second_empty = i == last + 1;
                }
                last = i;
            }
            c if c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_' => {}
            _ => return false,
        }
    }
    count == 2 && text.starts_with("eyJ") && !second_empty
}

/// The start of a JWT that is not one: cut (a `cc-at` chunk alone, half a token).
pub(crate) fn looks_cut_jwt(text: &str) -> bool {
    text.starts_with("eyJ") && !looks_jwt(text)
}

/// Reads what entry `e` carries; `deep`: also its response body (SFCC calls only).
pub(crate) fn read(e: &Entry, deep: bool) -> Carried {
    // One pass over the request headers for the two that matter (HTTP/2 may split the
    // cookies over several `cookie` headers).
    let (mut auth, mut cookie) = (None, Vec::new());
    for h in &e.request_headers {
        if auth.is_none() && h.name.eq_ignore_ascii_case("authorization") {
            auth = Some(h.value.trim());
        } else if h.name.eq_ignore_ascii_case("cookie") {
            cookie.push(h.value.as_str());
        }
    }
    let auth = auth.map(|v| match v.split_once(char::is_whitespace) {
        Some((scheme, rest)) => (scheme.to_string(), rest.trim().to_string()),
        None => (String::new(), v.to_string()),
    });
    let cookies = request_cookies(e, cookie);
    let set_cookies = response_cookies(e);
    Carried {
        auth,
        cookie_chunks: chunks(&cookies),
        set_chunks: chunks(&set_cookies),
        cookies,
        set_cookies,
        form: form(e),
        body: if deep {
            body(&e.response_body)
        } else {
            Vec::new()
        },
    }
}

fn request_cookies(e: &Entry, headers: Vec<&str>) -> Vec<(String, String)> {
    if !e.request_cookies.is_empty() {
        return pairs(&e.request_cookies);
    }
    headers
        .into_iter()
        .flat_map(|h| h.split(';'))
        .filter_map(|p| {
            let (n, v) = p.split_once('=')?;
            let n = n.trim();
            kept_cookie(n).then(|| (n.to_string(), v.trim().to_string()))
        })
        .collect()
}

fn response_cookies(e: &Entry) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = if e.response_cookies.is_empty() {
        e.response_headers
            .iter()
            .filter(|h| h.name.eq_ignore_ascii_case("set-cookie"))
            .flat_map(|h| h.value.lines())
            .filter(|line| !deletes(line))
            .filter_map(|line| {
                let first = line.split(';').next()?;
                let (n, v) = first.split_once('=')?;
                let n = n.trim();
                kept_cookie(n).then(|| (n.to_string(), v.trim().to_string()))
            })
            .collect()
    } else {
        pairs(&e.response_cookies)
    };
    out.retain(|(_, v)| !v.is_empty());
    out
}

/// A `Set-Cookie` line that deletes its cookie.
fn deletes(line: &str) -> bool {
    let l = line.to_ascii_lowercase();
    l.contains("max-age=0") || l.contains("expires=thu, 01 jan 1970")
}

fn pairs(list: &[Pair]) -> Vec<(String, String)> {
    list.iter()
        .filter(|p| kept_cookie(&p.name))
        .map(|p| (p.name.clone(), p.value.clone()))
        .collect()
}

/// The `cc-at` chunks (`cc-at`, `cc-at_2` … with an optional site suffix) joined by name.
fn chunks(cookies: &[(String, String)]) -> Option<Chunks> {
    let mut found: Vec<(u32, &str, &str, &str)> = cookies
        .iter()
        .filter_map(|(name, value)| {
            let rest = name.strip_prefix("cc-at")?;
            let (n, site) = chunk_number(rest)?;
            Some((n, site, name.as_str(), value.as_str()))
        })
        .collect();
    let site = found.iter().find(|c| c.0 == 1)?.1.to_string();
    found.retain(|c| c.1 == site);
    crate::inspect::order::sort_by_key(&mut found, |c| c.0);
    found.dedup_by_key(|c| c.0);
    let first = found.first()?;
    Some(Chunks {
        names: found.iter().map(|c| c.2).collect::<Vec<_>>().join("+"),
        joined: found.iter().map(|c| c.3).collect(),
        first: first.3.to_string(),
        count: found.len(),
    })
}

/// `""` → 1, `_2` → 2, `_2_RefArch` → 2 of site `_RefArch`, `_RefArch` → 1 of `_RefArch`.
fn chunk_number(rest: &str) -> Option<(u32, &str)> {
    if rest.is_empty() {
        return Some((1, ""));
    }
    let tail = rest.strip_prefix('_')?;
    let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return Some((1, rest));
    }
    let n: u32 = tail[..digits].parse().ok()?;
    (n >= 2).then_some((n, &tail[digits..]))
}

fn form(e: &Entry) -> Vec<(String, String)> {
    if !e.post_params.is_empty() {
        return e
            .post_params
            .iter()
            .filter(|p| KEPT_PARAMS.contains(&p.name.as_str()))
            .map(|p| (percent_decode(&p.name), percent_decode(&p.value)))
            .collect();
    }
    let Body::Text(text) = &e.post_text else {
        return Vec::new();
    };
    let form = e
        .post_mime
        .as_deref()
        .is_some_and(|m| m.contains("x-www-form-urlencoded"));
    if !form {
        return Vec::new();
    }
    text.split('&')
        .filter_map(|p| {
            let (n, v) = p.split_once('=')?;
            KEPT_PARAMS.contains(&n).then_some(())?;
            Some((percent_decode(n), percent_decode(&v.replace('+', " "))))
        })
        .collect()
}

fn body(b: &Body) -> Vec<(&'static str, String)> {
    let Body::Text(text) = b else {
        return Vec::new();
    };
    if !text.trim_start().starts_with('{') {
        return Vec::new();
    }
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(text) else {
        return Vec::new();
    };
    BODY_FIELDS
        .iter()
        .filter_map(|f| {
            let v = map.get(*f)?.as_str()?;
            (!v.is_empty()).then(|| (*f, v.to_string()))
        })
        .collect()
}
