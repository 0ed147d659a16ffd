//! Text whose structure is unknown (header values, HTML, page titles, URLs' paths): JWTs found
//! by their `eyJ` header and re-encoded, e-mail addresses (`@` or `%40`) masked; and URLs,
//! whose query and fragment are read parameter by parameter.

use super::names::{self, Class, Field, Place};
use super::{Sanitizer, What};
use crate::inspect::text::percent_decode;

/// The base64url of a JSON object starts `ey` (`{"`, `{ `) or `ew` (`{` and a line break):
/// where a JOSE header may start.
pub fn may_start_jose(bytes: &[u8]) -> bool {
    bytes.first() == Some(&b'e') && matches!(bytes.get(1), Some(b'y' | b'w'))
}

/// Secrets shorter than this are not searched for in text (a cookie value `0` is everywhere).
pub const MIN_KNOWN: usize = 16;

/// Texts longer than this (script bundles) are not searched for known secrets: the search
/// costs a pass over every byte, and a bundle does not hold a session's tokens.
pub const MAX_KNOWN_SEARCH: usize = 1 << 20;

/// A base64url character (what JWT segments are made of).
pub fn is_b64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

impl Sanitizer {
    /// `text` with its JWTs re-encoded and its e-mail addresses masked; `None` when nothing
    /// in it changed (the common case, found without copying).
    pub(super) fn text(&mut self, text: &str) -> Option<String> {
        let jwts = if text.contains("ey") || text.contains("ew") {
            self.jwts_in(text)
        } else {
            None
        };
        let current = jwts.as_deref().unwrap_or(text);
        let emails = self.emails_in(current);
        let current = emails.as_deref().unwrap_or(current);
        match self.known_in(current) {
            Some(replaced) => Some(replaced),
            None => emails.or(jwts),
        }
    }

    /// `text` with every secret seen before in its own place (a refresh token in a page, a
    /// `dwsid` in a script) replaced by its pseudonym; `None` when there is none.
    fn known_in(&self, text: &str) -> Option<String> {
        if self.known.is_empty() || !(MIN_KNOWN..=MAX_KNOWN_SEARCH).contains(&text.len()) {
            return None;
        }
        let bytes = text.as_bytes();
        let mut out = String::new();
        let (mut copied, mut i) = (0, 0);
        while i < bytes.len() {
            if !(is_b64url(bytes[i]) || bytes[i] == b'.') {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && (is_b64url(bytes[i]) || bytes[i] == b'.') {
                i += 1;
            }
            let mut end = i;
            while end < bytes.len() && bytes[end] == b'=' && end - i < 2 {
                end += 1;
            }
            let run = text[start..end].trim_matches('.');
            let key = if self.known.contains_key(run) {
                Some(run)
            } else {
                let bare = run.trim_end_matches('=');
                self.known.contains_key(bare).then_some(bare)
            };
            if let Some(key) = key.filter(|k| k.len() >= MIN_KNOWN) {
                let at = start + text[start..end].find(key).unwrap_or(0);
                out.push_str(&text[copied..at]);
                out.push_str(self.known.get(key).map_or(key, String::as_str));
                copied = at + key.len();
            }
            i = end.max(i);
        }
        (copied > 0).then(|| {
            out.push_str(&text[copied..]);
            out
        })
    }

    fn jwts_in(&mut self, text: &str) -> Option<String> {
        let bytes = text.as_bytes();
        let mut out = String::new();
        let (mut copied, mut at, mut run_end) = (0, 0, 0);
        // The next `ey` and the next `ew` (`None`: no more), each searched again once passed.
        let next = |from: usize, needle: &str| text.get(from..)?.find(needle).map(|n| from + n);
        let (mut ey, mut ew) = (next(0, "ey"), next(0, "ew"));
        loop {
            ey = ey.and_then(|i| if i >= at { Some(i) } else { next(at, "ey") });
            ew = ew.and_then(|i| if i >= at { Some(i) } else { next(at, "ew") });
            let Some(found) = ey.into_iter().chain(ew).min() else {
                break;
            };
            at = found;
            if at > 0 && is_b64url(bytes[at - 1]) {
                at += 1;
                continue;
            }
            // Every header after a dot of one long run ends where the run ends: found once.
            if at >= run_end {
                run_end = bytes[at..]
                    .iter()
                    .position(|&b| !(is_b64url(b) || b == b'.'))
                    .map_or(bytes.len(), |n| at + n);
            }
            let Some((used, new)) = self.jose_run(&text[at..run_end]) else {
                at += 2;
                continue;
            };
            out.push_str(&text[copied..at]);
            out.push_str(&new);
            copied = at + used;
            at = copied;
        }
        (copied > 0).then(|| {
            out.push_str(&text[copied..]);
            out
        })
    }

    /// A run of base64url characters and dots that starts `ey`: how much of it is a token,
    /// and what replaces that. `None` when the first segment is not a JOSE header.
    pub(super) fn jose_run(&mut self, run: &str) -> Option<(usize, String)> {
        let parts: Vec<&str> = run.splitn(7, '.').collect();
        if parts.len() < 2 || !super::jwt::is_header(parts[0]) {
            return None;
        }
        let used = |n: usize| parts[..n].iter().map(|p| p.len() + 1).sum::<usize>() - 1;
        if parts.len() >= 5 && super::jwt::is_jwe_header(parts[0]) {
            let token = &run[..used(5)];
            self.manifest.note(What::OpaqueToken, token);
            return Some((token.len(), names::marker("encrypted-token")));
        }
        if parts.len() >= 3 {
            let token = &run[..used(3)];
            return self.jwt(token).map(|new| (token.len(), new));
        }
        Some((run.len(), self.partial(run)))
    }

    /// `text` with every e-mail address masked (`email-1@masked.invalid`, stable per address;
    /// `%40` stays `%40`); `None` when there is none.
    pub(super) fn emails_in(&mut self, text: &str) -> Option<String> {
        if !text.contains('@') && !text.contains("%40") {
            return None;
        }
        let bytes = text.as_bytes();
        let mut out = String::new();
        let (mut copied, mut i) = (0, 0);
        while i < bytes.len() {
            let sign = match bytes[i] {
                b'@' => 1,
                b'%' if bytes.get(i + 1..i + 3) == Some(b"40") => 3,
                _ => {
                    i += 1;
                    continue;
                }
            };
            let Some((start, end)) = address_around(bytes, i, sign, copied) else {
                i += sign;
                continue;
            };
            let address = format!("{}@{}", &text[start..i], &text[i + sign..end]);
            let mut masked = self.pseudonym(Class::Email, &percent_decode(&address));
            if sign == 3 {
                masked = masked.replace('@', "%40");
            }
            out.push_str(&text[copied..start]);
            out.push_str(&masked);
            copied = end;
            i = end;
        }
        (copied > 0).then(|| {
            out.push_str(&text[copied..]);
            out
        })
    }

    /// A URL with its query and fragment read parameter by parameter and the rest scanned.
    pub(super) fn url(&mut self, url: &str) -> Option<String> {
        let Some(at) = url.find(['?', '#']) else {
            return self.text(url);
        };
        let (path, rest) = url.split_at(at);
        let (query, fragment) = match rest.find('#') {
            Some(hash) => (&rest[..hash], Some(&rest[hash + 1..])),
            None => (rest, None),
        };
        let new_path = self.text(path);
        let new_query = self.params_text(query.strip_prefix('?').unwrap_or(query));
        let new_fragment = fragment.and_then(|f| self.params_text(f));
        if new_path.is_none() && new_query.is_none() && new_fragment.is_none() {
            return None;
        }
        let mut out = new_path.unwrap_or_else(|| path.to_string());
        if query.starts_with('?') {
            out.push('?');
            out.push_str(&new_query.unwrap_or_else(|| query[1..].to_string()));
        }
        if let Some(fragment) = fragment {
            out.push('#');
            out.push_str(&new_fragment.unwrap_or_else(|| fragment.to_string()));
        }
        Some(out)
    }

    /// `a=1&b=2` (a query, a fragment or a form body), each value read by its name.
    pub(super) fn params_text(&mut self, text: &str) -> Option<String> {
        if text.is_empty() {
            return None;
        }
        let mut changed = false;
        let pieces: Vec<String> = text
            .split('&')
            .map(|piece| {
                let new = match piece.split_once('=') {
                    Some((key, value)) => self
                        .param(key, value, Place::Form)
                        .map(|v| format!("{key}={v}")),
                    None => self.text(piece),
                };
                changed |= new.is_some();
                new.unwrap_or_else(|| piece.to_string())
            })
            .collect();
        changed.then(|| pieces.join("&"))
    }

    /// The new value of a parameter (or JSON string) named `key` at `place`; `None` when it
    /// stays. Values may be percent-encoded: pseudonyms are looked up by the decoded value.
    pub(super) fn param(&mut self, key: &str, value: &str, place: Place) -> Option<String> {
        let key = percent_decode(key);
        match names::field(&key, place) {
            _ if names::is_masked(value) => None,
            Field::Pseudonym(Class::Name | Class::Phone) if value.contains('@') => self.text(value),
            Field::Pseudonym(class) => Some(self.pseudonym(class, &percent_decode(value))),
            Field::Remove(what, name) => {
                self.manifest.note(what, value);
                Some(names::marker(name))
            }
            Field::Token => Some(self.token_value(&percent_decode(value))),
            Field::Plain if value.starts_with("http") => self.url(value),
            Field::Plain => self.text(value),
        }
    }

    /// A bearer value without its scheme word: a JWT is re-encoded (a truncated one matched
    /// with the token it was cut from), a known refresh token gets its pseudonym, anything
    /// else opaque is removed.
    pub(super) fn token_value(&mut self, value: &str) -> String {
        let value = value.trim();
        if names::is_masked(value) {
            return value.to_string();
        }
        if may_start_jose(value.as_bytes()) {
            if let Some((used, new)) = self.jose_run(value) {
                return format!(
                    "{new}{}",
                    self.text(&value[used..])
                        .unwrap_or_else(|| value[used..].to_string())
                );
            }
        }
        if let Some(pseudonym) = self.pseudonyms[Class::RefreshToken.index()].get(value) {
            return pseudonym.clone();
        }
        self.manifest.note(What::OpaqueToken, value);
        names::marker("opaque-token")
    }
}

/// The bounds of the e-mail address whose at-sign (`sign` bytes long) is at `at`, if it is
/// one: a local part of `[A-Za-z0-9._+-]` (and `%XX` when the sign is `%40`), a domain with a
/// dot and a top-level label of two letters or more. Never starts before `floor`.
fn address_around(bytes: &[u8], at: usize, sign: usize, floor: usize) -> Option<(usize, usize)> {
    let local = |b: u8| {
        b.is_ascii_alphanumeric()
            || matches!(b, b'.' | b'_' | b'+' | b'-')
            || (sign == 3 && b == b'%')
    };
    // RFC 5321 §4.5.3.1: a local part has at most 64 octets, a domain at most 255.
    let floor = floor.max(at.saturating_sub(64 * 3));
    let mut start = at;
    while start > floor && local(bytes[start - 1]) {
        start -= 1;
    }
    while start < at && bytes[start] == b'.' {
        start += 1;
    }
    let domain = at + sign;
    let mut end = domain;
    let limit = bytes.len().min(domain + 255);
    while end < limit && (bytes[end].is_ascii_alphanumeric() || matches!(bytes[end], b'-' | b'.')) {
        end += 1;
    }
    while end > domain && bytes[end - 1] == b'.' {
        end -= 1;
    }
    let host = std::str::from_utf8(&bytes[domain..end]).ok()?;
    let tld = host.rsplit('.').next()?;
    let ok = start < at
        && host.contains('.')
        && host.starts_with(|c: char| c.is_ascii_alphanumeric())
        && tld.len() >= 2
        && tld.bytes().all(|b| b.is_ascii_alphabetic())
        && !host.eq_ignore_ascii_case(names::MASKED_DOMAIN);
    ok.then_some((start, end))
}
