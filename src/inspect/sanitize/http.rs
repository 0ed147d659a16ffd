//! The HTTP parts of an entry: headers by name, cookie lists (`Cookie`, `Set-Cookie` — one
//! Chrome header joins several with `\n` — and the `cookies` arrays), query strings and forms.

use serde_json::Value;

use super::names::{self, Class, CookieKind, Place};
use super::{Sanitizer, What};

/// One piece of a cookie header: a `name=value` pair or the text around pairs.
enum Piece {
    Text(String),
    Pair(String, String),
}

/// `a=1; b=2` (a `Cookie` header): pairs, the separators kept as text.
fn cookie_pieces(value: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    for (i, piece) in value.split(';').enumerate() {
        if i > 0 {
            out.push(Piece::Text(";".into()));
        }
        let trimmed = piece.trim_start();
        out.push(Piece::Text(
            piece[..piece.len() - trimmed.len()].to_string(),
        ));
        out.push(match trimmed.split_once('=') {
            Some((name, value)) => Piece::Pair(name.to_string(), value.to_string()),
            None => Piece::Text(trimmed.to_string()),
        });
    }
    out
}

/// `a=1; Path=/\nb=2; Secure` (`Set-Cookie`, one or several lines): the first pair of each
/// line, the attributes kept as text.
fn set_cookie_pieces(value: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    for (i, line) in value.split('\n').enumerate() {
        if i > 0 {
            out.push(Piece::Text("\n".into()));
        }
        let (first, attributes) = line.split_at(line.find(';').unwrap_or(line.len()));
        match first.split_once('=') {
            Some((name, value)) => out.push(Piece::Pair(name.to_string(), value.to_string())),
            None => out.push(Piece::Text(first.to_string())),
        }
        out.push(Piece::Text(attributes.to_string()));
    }
    out
}

fn render(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) => t.clone(),
            Piece::Pair(n, v) => format!("{n}={v}"),
        })
        .collect()
}

fn str_of<'a>(item: &'a Value, key: &str) -> &'a str {
    item.get(key).and_then(Value::as_str).unwrap_or_default()
}

impl Sanitizer {
    /// The new values of a list of cookies (`None`: unchanged), read together so that the
    /// chunks of a split token are joined by name.
    pub(super) fn cookies(&mut self, pairs: &[(&str, &str)]) -> Vec<Option<String>> {
        let mut out: Vec<Option<String>> = vec![None; pairs.len()];
        let mut groups: Vec<(String, Vec<(usize, usize)>)> = Vec::new();
        for (i, (name, _)) in pairs.iter().enumerate() {
            if let Some((site, n)) = names::chunk(name.trim()) {
                match groups.iter_mut().find(|(s, _)| *s == site) {
                    Some((_, members)) => members.push((n, i)),
                    None => groups.push((site, vec![(n, i)])),
                }
            }
        }
        for (_, mut members) in groups {
            crate::inspect::order::sort_by(&mut members, |a, b| a < b);
            let values: Vec<&str> = members.iter().map(|&(_, i)| pairs[i].1).collect();
            match self.resplit(&values) {
                Some(chunks) => {
                    for (&(_, i), chunk) in members.iter().zip(chunks) {
                        out[i] = (chunk != pairs[i].1).then_some(chunk);
                    }
                }
                None => {
                    for &(_, i) in &members {
                        let new = self.lone_chunk(pairs[i].1);
                        out[i] = (new != pairs[i].1).then_some(new);
                    }
                }
            }
        }
        for (i, (name, value)) in pairs.iter().enumerate() {
            if out[i].is_none() && !names::is_masked(value) {
                out[i] = self.cookie(name.trim(), value);
            }
        }
        out
    }

    /// One cookie that is not a chunk of a split token.
    fn cookie(&mut self, name: &str, value: &str) -> Option<String> {
        let new = match names::cookie_kind(name) {
            CookieKind::Chunk | CookieKind::Keep => return None,
            CookieKind::Refresh => {
                self.manifest.note(What::RefreshCookie, value);
                self.pseudonym(Class::RefreshToken, value)
            }
            CookieKind::Dwsid => self.pseudonym(Class::Dwsid, value),
            CookieKind::Token => self.token_value(value),
            CookieKind::Other => match self.jose_run(value) {
                Some((used, token)) if used == value.len() => token,
                _ => self.pseudonym(Class::Cookie, value),
            },
        };
        (new != value).then_some(new)
    }

    /// A `cookies` array (`[{name, value, …}]`) in place.
    pub(super) fn cookie_array(&mut self, list: &mut Value) {
        let Some(items) = list.as_array_mut() else {
            return;
        };
        let new = {
            let pairs: Vec<(&str, &str)> = items
                .iter()
                .map(|c| (str_of(c, "name"), str_of(c, "value")))
                .collect();
            self.cookies(&pairs)
        };
        for (item, new) in items.iter_mut().zip(new) {
            if let (Some(new), Some(obj)) = (new, item.as_object_mut()) {
                obj.insert("value".into(), Value::String(new));
            }
        }
    }

    /// A `headers` array in place: every `Cookie` header read as one list, every
    /// `Set-Cookie` as another, then the other headers by name.
    pub(super) fn headers(&mut self, list: &mut Value) {
        let Some(items) = list.as_array_mut() else {
            return;
        };
        for (header, split) in [
            ("cookie", cookie_pieces as fn(&str) -> Vec<Piece>),
            ("set-cookie", set_cookie_pieces),
        ] {
            self.cookie_headers(items, header, split);
        }
        for item in items.iter_mut() {
            let name = str_of(item, "name").to_ascii_lowercase();
            if name == "cookie" || name == "set-cookie" {
                continue;
            }
            let value = str_of(item, "value");
            if let Some(new) = self.header(&name, value) {
                if let Some(obj) = item.as_object_mut() {
                    obj.insert("value".into(), Value::String(new));
                }
            }
        }
    }

    fn cookie_headers(&mut self, items: &mut [Value], header: &str, split: fn(&str) -> Vec<Piece>) {
        let mut parsed: Vec<(usize, Vec<Piece>)> = items
            .iter()
            .enumerate()
            .filter(|(_, h)| str_of(h, "name").eq_ignore_ascii_case(header))
            .map(|(i, h)| (i, split(str_of(h, "value"))))
            .collect();
        if parsed.is_empty() {
            return;
        }
        let new = {
            let pairs: Vec<(&str, &str)> = parsed
                .iter()
                .flat_map(|(_, pieces)| pieces.iter())
                .filter_map(|p| match p {
                    Piece::Pair(n, v) => Some((n.as_str(), v.as_str())),
                    Piece::Text(_) => None,
                })
                .collect();
            self.cookies(&pairs)
        };
        let mut new = new.into_iter();
        for (i, pieces) in &mut parsed {
            let mut changed = false;
            for piece in pieces.iter_mut() {
                if let Piece::Pair(_, value) = piece {
                    if let Some(Some(v)) = new.next() {
                        *value = v;
                        changed = true;
                    }
                }
            }
            if let (true, Some(obj)) = (changed, items[*i].as_object_mut()) {
                obj.insert("value".into(), Value::String(render(pieces)));
            }
        }
    }

    /// One header that is not a cookie list, by its lower-case name.
    fn header(&mut self, name: &str, value: &str) -> Option<String> {
        if names::is_masked(value) {
            return None;
        }
        let new = match name {
            "authorization" | "proxy-authorization" => self.authorization(value),
            "x-slas-client-auth" | "_sfdc_client_auth" => {
                self.manifest.note(What::BasicCredentials, value);
                names::marker("basic-credentials")
            }
            "sfdc_dwsid" | "dwsid" => self.pseudonym(Class::Dwsid, value.trim()),
            "x-slas-callback-token" | "dpop" | "x-api-key" | "api-key" | "x-auth-token" => {
                self.token_value(value)
            }
            "location" | "content-location" | "referer" | "origin" => return self.url(value),
            _ if value.starts_with("http") || name.starts_with(':') => return self.url(value),
            _ => return self.text(value),
        };
        (new != value).then_some(new)
    }

    /// `Authorization: <scheme> <credentials>`: Basic removed, a token re-encoded or removed.
    fn authorization(&mut self, value: &str) -> String {
        let trimmed = value.trim();
        let (scheme, rest) = trimmed.split_once(' ').unwrap_or(("", trimmed));
        let is_scheme = !scheme.is_empty()
            && scheme.len() <= 20
            && scheme.bytes().all(|b| b.is_ascii_alphabetic());
        let (scheme, rest) = if is_scheme {
            (scheme, rest.trim())
        } else {
            ("", trimmed)
        };
        if names::is_masked(rest) {
            return value.to_string();
        }
        let new = if scheme.eq_ignore_ascii_case("basic") {
            self.manifest.note(What::BasicCredentials, rest);
            names::marker("basic-credentials")
        } else {
            self.token_value(rest)
        };
        if scheme.is_empty() {
            new
        } else {
            format!("{scheme} {new}")
        }
    }

    /// A `queryString` or `postData.params` array (`[{name, value}]`) in place.
    pub(super) fn param_array(&mut self, list: &mut Value) {
        let Some(items) = list.as_array_mut() else {
            return;
        };
        for item in items {
            let new = self.param(str_of(item, "name"), str_of(item, "value"), Place::Form);
            if let (Some(new), Some(obj)) = (new, item.as_object_mut()) {
                obj.insert("value".into(), Value::String(new));
            }
        }
    }
}
