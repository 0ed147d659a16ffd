//! "Download sanitized HAR": a HAR a support engineer can attach to a ticket. Generic
//! sanitizers leave SFCC credentials usable (a `cc-at` + `cc-at_2` pair rejoins into a signed
//! token; refresh tokens in token responses and `dwsid` survive; the shopper's e-mail stays in
//! the claims). This one, wherever a value occurs (headers, cookies, query strings, forms, JSON
//! bodies, `Set-Cookie`, `Location`, `_initiator`, page titles):
//!
//! - re-encodes every JWT as `header.maskedPayload.` — the signature dropped, personal data in
//!   the claims masked, SFCC structure (`sub`, `isb` markers, scopes, times) kept, so the page
//!   still reads kind, tenant, site and scopes from the export. A `cc-at` + `cc-at_2` pair is
//!   joined, re-encoded and split again at 1199 characters, so the cookies still rejoin;
//! - replaces refresh tokens, `dwsid`, authorization codes and other cookie values by stable
//!   pseudonyms (`removed-refresh-token-1`), so "the same refresh token redeemed twice" stays
//!   visible;
//! - removes Basic credentials, `client_secret`, `password`, `code_verifier`, `enc_user_id`,
//!   `idp_access_token` and opaque bearer tokens (`[removed:client_secret]`), keeping the name;
//! - masks e-mail addresses (`email-1@masked.invalid`), names and phone numbers.
//!
//! Sanitizing an export again changes nothing more. [`Sanitizer`] keeps the pseudonym maps
//! across entries, so a driver can feed entries one at a time and write each as it goes;
//! [`sanitize`] does the whole file at once. Nothing here panics on any input.

mod body;
mod http;
mod jwt;
pub mod manifest;
mod names;
mod scan;

use std::collections::HashMap;

use serde_json::Value;

pub use manifest::{Manifest, What, PREFIX};
use names::Class;

/// The sanitizer's memory across entries: pseudonyms, re-encoded tokens, re-split cookie
/// chunks, and the manifest of what it changed.
///
/// A driver that streams feeds each element of `log.entries` to [`Sanitizer::entry`] and
/// writes it out, then gives the rest of `log` to [`Sanitizer::head`] and writes that after
/// the entries (JSON readers, Chrome's and ours, do not depend on the order of keys).
/// It holds the originals of what it replaced, so it is not `Debug`: nothing can print them.
#[derive(Default)]
pub struct Sanitizer {
    manifest: Manifest,
    /// Per class (indexed by [`Class::index`]): original value → pseudonym.
    pseudonyms: [HashMap<String, String>; Class::COUNT],
    /// The last number given in each class (indexed by [`Class::index`]).
    numbers: [usize; Class::COUNT],
    /// Original JWT → its re-encoding (and each re-encoding → itself).
    tokens: HashMap<String, String>,
    /// Originals of the re-encoded tokens, in order of first sight (for truncated copies).
    order: Vec<String>,
    /// Original `cc-at*` cookie chunk → the chunk of the re-encoded token.
    chunks: HashMap<String, String>,
    /// Long secrets already given a pseudonym (refresh tokens, `dwsid`, codes, cookie
    /// values) → the pseudonym, replaced wherever else they occur in text.
    known: HashMap<String, String>,
}

impl Sanitizer {
    /// A sanitizer that has seen nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sanitizes one element of `log.entries` in place (request first, so a `Bearer` holding
    /// only the `cc-at` chunk is matched with the request's own cookies).
    pub fn entry(&mut self, entry: &mut Value) {
        let Some(entry) = entry.as_object_mut() else {
            self.walk(entry, 0);
            return;
        };
        if let Some(request) = entry.get_mut("request") {
            self.request(request);
        }
        if let Some(response) = entry.get_mut("response") {
            self.response(response);
        }
        for (key, value) in entry.iter_mut() {
            if key != "request" && key != "response" {
                self.walk(value, 0);
            }
        }
    }

    /// Sanitizes `log` apart from its entries (pages' titles, anything else) and writes the
    /// manifest into `log.comment`. Call it after the last entry; `entries` itself is skipped.
    /// An earlier manifest of ours is kept when this pass changed nothing (idempotence); a
    /// comment of someone else's is kept after the manifest.
    pub fn head(&mut self, log_without_entries: &mut Value) {
        let Some(log) = log_without_entries.as_object_mut() else {
            return;
        };
        for (key, value) in log.iter_mut() {
            if key != "entries" && key != "comment" {
                self.walk(value, 0);
            }
        }
        let old = log
            .get("comment")
            .and_then(Value::as_str)
            .map(str::to_string);
        let comment = match old {
            Some(old) if old.starts_with(PREFIX) && self.manifest.total() == 0 => old,
            Some(old) if !old.starts_with(PREFIX) && !old.is_empty() => {
                let old = self.text(&old).unwrap_or(old);
                format!("{}\n\n{old}", self.manifest.comment())
            }
            _ => self.manifest.comment(),
        };
        log.insert("comment".into(), Value::String(comment));
    }

    /// What was changed so far.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Any value whose place says nothing: strings are scanned for URLs' secrets, JWTs and
    /// e-mail addresses, containers walked.
    fn walk(&mut self, value: &mut Value, depth: usize) {
        match value {
            Value::String(s) => {
                let new = if s.starts_with("http") || (s.starts_with('/') && s.contains('?')) {
                    self.url(s)
                } else {
                    self.text(s)
                };
                if let Some(new) = new {
                    *s = new;
                }
            }
            Value::Array(items) if depth < MAX_DEPTH => {
                items.iter_mut().for_each(|v| self.walk(v, depth + 1));
            }
            Value::Object(map) if depth < MAX_DEPTH => {
                map.values_mut().for_each(|v| self.walk(v, depth + 1));
            }
            _ => {}
        }
    }

    /// The stable pseudonym of `value` in `class`, made on first sight and counted then.
    /// A value that is already a pseudonym or a marker is its own.
    fn pseudonym(&mut self, class: Class, value: &str) -> String {
        if names::is_masked(value) {
            if let Some(n) = class.number_in(value) {
                let last = &mut self.numbers[class.index()];
                *last = (*last).max(n);
            }
            return value.to_string();
        }
        let key = class.key(value);
        if let Some(known) = self.pseudonyms[class.index()].get(&key) {
            return known.clone();
        }
        let n = &mut self.numbers[class.index()];
        *n += 1;
        let made = class.render(*n);
        self.manifest.note(class.what(), &key);
        if class.is_secret() && key.len() >= scan::MIN_KNOWN {
            self.known.insert(key.clone(), made.clone());
        }
        self.pseudonyms[class.index()].insert(key, made.clone());
        made
    }
}

/// How deep values are walked (serde_json refuses deeper JSON anyway).
const MAX_DEPTH: usize = 128;

/// The whole HAR in, the sanitized HAR out (compact JSON) with the manifest, which is also
/// written into `log.comment`. Fails only when the bytes are not JSON or have no `log` object.
pub fn sanitize(bytes: &[u8]) -> Result<(String, Manifest), String> {
    let mut har: Value =
        serde_json::from_slice(bytes).map_err(|e| format!("this is not JSON: {e}"))?;
    let log = har
        .get_mut("log")
        .filter(|l| l.is_object())
        .ok_or("this is JSON, but not a HAR: it has no log object")?;
    let mut entries = log
        .get_mut("entries")
        .map(Value::take)
        .unwrap_or(Value::Null);
    let mut sanitizer = Sanitizer::new();
    match &mut entries {
        Value::Array(list) => list.iter_mut().for_each(|e| sanitizer.entry(e)),
        other => sanitizer.walk(other, 0),
    }
    sanitizer.head(log);
    if let Some(slot) = log.get_mut("entries") {
        *slot = entries;
    }
    let text = serde_json::to_string(&har).map_err(|e| format!("cannot write the HAR: {e}"))?;
    Ok((text, sanitizer.manifest))
}
