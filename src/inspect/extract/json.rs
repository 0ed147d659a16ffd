//! Credentials anywhere in JSON: token responses, HAR files (`headers` and `cookies` arrays of
//! `{name, value}`, `postData`, response bodies that are themselves JSON), Postman exports
//! (`values[].value` by the entry's `key`, `auth.bearer[]`), JSON log lines
//! (`headers.authorization`). Each is labelled by its JSON path, such as
//! `log.entries[3].request.headers[authorization]`. The walk is bounded in depth, in values
//! visited and in JSON texts opened inside strings.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::found::Finds;
use super::headers::{header_value, split_scheme};
use super::shape::stands_alone;
use super::tables::{
    CLIENT_ID_KEY, CLIENT_SECRET_KEY, COOKIE_HEADERS, CREDENTIAL_HEADERS, ENTRY_NAME_KEYS,
    GRANT_TYPE_KEY, JSON_MAX_DEPTH, JSON_MAX_NESTED, JSON_MAX_VALUES, JSON_TOKEN_KEYS,
};
use super::{cookies, form, Candidate, Paste, TokenRequest};

/// A paste that is one JSON document. Returns false when it is not JSON; a JSON value that
/// holds no credential is the one candidate, for the decoder to say what the JSON is instead.
pub(crate) fn from_document(text: &str, finds: &mut Finds) -> bool {
    if !text.starts_with(['{', '[']) {
        return false;
    }
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return false;
    };
    let mut walk = Walk::new(finds, 0, "");
    walk.value(&value, "", 0);
    let labels = walk.labels;
    if labels.is_empty() {
        finds.add(
            0,
            Candidate {
                label: "JSON".into(),
                text: text.to_string(),
                ..Candidate::default()
            },
        );
        return true;
    }
    let what = if value.is_object() { "object" } else { "array" };
    finds.note(format!("read a JSON {what}: found {}", list(&labels)));
    true
}

/// JSON log lines in a longer paste: each line that is a JSON object is walked, its
/// credentials labelled `line N: path`. Returns the text with those lines emptied, for the
/// other readers.
pub(crate) fn from_lines<'a>(text: &'a str, finds: &mut Finds) -> Cow<'a, str> {
    if !text.contains('\n') {
        return Cow::Borrowed(text);
    }
    let mut kept = String::new();
    let mut any = false;
    let mut start = 0;
    for (n, line) in text.split('\n').enumerate() {
        let at = start;
        start += line.len() + 1;
        let trimmed = line.trim();
        let parsed = (trimmed.starts_with('{') && trimmed.ends_with('}'))
            .then(|| serde_json::from_str::<Value>(trimmed).ok())
            .flatten();
        let found = parsed.is_some_and(|value| {
            let mut walk = Walk::new(finds, at, &format!("line {}: ", n + 1));
            walk.value(&value, "", 0);
            !walk.labels.is_empty()
        });
        if n > 0 {
            kept.push('\n');
        }
        if found {
            any = true;
        } else {
            kept.push_str(line);
        }
    }
    if any {
        finds.note("read the JSON log lines");
        Cow::Owned(kept)
    } else {
        Cow::Borrowed(text)
    }
}

/// The first few labels, and how many more.
fn list(labels: &[String]) -> String {
    const SHOWN: usize = 6;
    let mut out = labels
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if labels.len() > SHOWN {
        out.push_str(&format!(" and {} more", labels.len() - SHOWN));
    }
    out
}

/// One walk over a JSON value.
struct Walk<'f> {
    finds: &'f mut Finds,
    /// Byte offset of the JSON text in the paste, for telling places apart by line.
    at: usize,
    /// Put before every label (`line 3: `).
    prefix: String,
    visited: usize,
    nested: usize,
    /// The URL of the request being walked (a HAR `request.url`), for token requests.
    endpoint: Option<String>,
    labels: Vec<String>,
}

fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// `{name, value}` / `{key, value}` with both strings: a HAR header, cookie or query
/// parameter, a Postman variable.
fn entry(item: &Value) -> Option<(&str, &str)> {
    let obj = item.as_object()?;
    let name = ENTRY_NAME_KEYS
        .iter()
        .find_map(|k| obj.get(*k).and_then(Value::as_str))?;
    Some((name, obj.get("value")?.as_str()?))
}

impl<'f> Walk<'f> {
    fn new(finds: &'f mut Finds, at: usize, prefix: &str) -> Walk<'f> {
        Walk {
            finds,
            at,
            prefix: prefix.to_string(),
            visited: 0,
            nested: 0,
            endpoint: None,
            labels: Vec::new(),
        }
    }

    fn done(&self) -> bool {
        self.visited >= JSON_MAX_VALUES || self.finds.is_full()
    }

    fn value(&mut self, value: &Value, path: &str, depth: usize) {
        self.visited += 1;
        if depth > JSON_MAX_DEPTH || self.done() {
            return;
        }
        match value {
            Value::Object(map) => self.object(map, path, depth),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    match entry(item) {
                        Some((name, v)) => {
                            self.visited += 1;
                            self.string(name, v, &format!("{path}[{name}]"), depth);
                        }
                        None => self.value(item, &format!("{path}[{i}]"), depth + 1),
                    }
                }
            }
            Value::String(s) => self.string("", s, path, depth),
            _ => {}
        }
    }

    fn object(&mut self, map: &Map<String, Value>, path: &str, depth: usize) {
        let outer = self.endpoint.clone();
        if let Some(url) = map.get("url").and_then(Value::as_str) {
            self.endpoint = Some(url.to_string());
        }
        if let Some(secret) = map.get(CLIENT_SECRET_KEY).and_then(Value::as_str) {
            self.client_credentials(map, secret, path);
        }
        for (key, v) in map {
            let here = child(path, key);
            match v {
                Value::String(s) => {
                    self.visited += 1;
                    self.string(key, s, &here, depth);
                }
                _ => self.value(v, &here, depth + 1),
            }
        }
        self.endpoint = outer;
    }

    /// A string under `key` (or an entry named `key`): a header value, a cookie list, a
    /// credential cookie, a token field, nested JSON, a form body, or a bare JWT.
    fn string(&mut self, key: &str, s: &str, path: &str, depth: usize) {
        let lower = key.to_ascii_lowercase();
        let s = s.trim();
        if s.is_empty() || self.done() {
            return;
        }
        if CREDENTIAL_HEADERS.iter().any(|h| h.name == lower) {
            return self.header(s, path);
        }
        if COOKIE_HEADERS.contains(&lower.as_str()) {
            return self.cookie_list(s, path, lower == "set-cookie");
        }
        if cookies::known(key).is_some() {
            let token = Candidate {
                cookie: Some(key.to_string()),
                text: s.to_string(),
                ..Candidate::default()
            };
            return self.add(path, token);
        }
        if JSON_TOKEN_KEYS.contains(&key) {
            return self.token_field(s, path);
        }
        if s.starts_with(['{', '[']) && self.nested < JSON_MAX_NESTED {
            if let Ok(inner) = serde_json::from_str::<Value>(s) {
                self.nested += 1;
                self.value(&inner, path, depth + 1);
                self.nested -= 1;
                return;
            }
        }
        if s.contains('=') && !s.contains(char::is_whitespace) {
            return self.form(s, path);
        }
        let split = split_scheme(s, false);
        if split.rest.starts_with("eyJ") && stands_alone(split.rest) {
            self.token_field(s, path);
        }
    }

    /// A token field (`access_token`): an optional scheme word, then the token with any
    /// whitespace inside it removed (a token wrapped when the JSON was printed).
    fn token_field(&mut self, s: &str, path: &str) {
        let split = split_scheme(s, false);
        if let Some(note) = super::headers::scheme_note(&split) {
            self.finds.note(note);
        }
        let candidate = Candidate {
            text: split.rest.split_whitespace().collect(),
            scheme: split.scheme,
            ..Candidate::default()
        };
        self.add(path, candidate);
    }

    /// A header value: an optional scheme word and the token.
    fn header(&mut self, s: &str, path: &str) {
        let split = split_scheme(s, true);
        let (token, _) = header_value(split.rest);
        let token = if token.is_empty() && split.scheme.is_none() {
            s.split_whitespace().collect()
        } else {
            token
        };
        if let Some(note) = super::headers::scheme_note(&split) {
            self.finds.note(note);
        }
        let candidate = Candidate {
            text: token,
            scheme: split.scheme,
            ..Candidate::default()
        };
        self.add(path, candidate);
    }

    fn cookie_list(&mut self, list: &str, path: &str, is_set: bool) {
        for (name, value) in cookies::credentials_in(list, is_set) {
            let candidate = Candidate {
                cookie: Some(name.clone()),
                text: value,
                ..Candidate::default()
            };
            self.add(&format!("{path}[{name}]"), candidate);
        }
    }

    /// A form body (a HAR `postData.text`): its token parameters and posted client credentials.
    fn form(&mut self, body: &str, path: &str) {
        let paste = Paste::new(body);
        let mut inner = Finds::default();
        form::from_client_credentials(&paste, &mut inner);
        form::from_params(&paste, &mut inner);
        for mut candidate in inner.into_candidates() {
            let label = if candidate.token_request.is_some() {
                path.to_string()
            } else {
                format!("{path}[{}]", candidate.label)
            };
            if let Some(request) = &mut candidate.token_request {
                request.endpoint = request.endpoint.take().or(self.endpoint.clone());
                self.finds.note("read the client id and secret posted in the token request's body (client_secret_post); the secret is masked");
            }
            self.add(&label, candidate);
        }
    }

    /// A JSON token request body (`{"client_id": …, "client_secret": …}`).
    fn client_credentials(&mut self, map: &Map<String, Value>, secret: &str, path: &str) {
        let client_id = map
            .get(CLIENT_ID_KEY)
            .and_then(Value::as_str)
            .unwrap_or("(no client_id in the paste)");
        let request = TokenRequest {
            grant_type: map
                .get(GRANT_TYPE_KEY)
                .and_then(Value::as_str)
                .map(str::to_string),
            endpoint: self.endpoint.clone(),
        };
        let label = if path.is_empty() { "JSON body" } else { path };
        self.finds
            .note("read the client id and secret of a token request (the secret is masked)");
        self.add(label, form::client_credentials(client_id, secret, request));
    }

    fn add(&mut self, path: &str, mut candidate: Candidate) {
        if candidate.text.is_empty() && candidate.scheme.is_none() {
            return;
        }
        candidate.label = format!("{}{path}", self.prefix);
        self.labels.push(candidate.label.clone());
        self.finds.add(self.at, candidate);
    }
}
