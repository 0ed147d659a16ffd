//! Requests, responses and their bodies: JSON read by key (token responses, customers, JSON
//! nested in strings), forms by parameter, base64 bodies decoded when they are text, anything
//! else scanned as text.

use serde_json::ser::PrettyFormatter;
use serde_json::{Map, Value};

use super::names::Place;
use super::Sanitizer;
use crate::inspect::jose::{decode_standard, encode_standard};

/// How deep JSON nested in JSON strings is opened.
const MAX_NESTED: usize = 3;

/// Writes `value` as `original` was written: compact, or indented as its second line is.
fn write_like(value: &Value, original: &str) -> Option<String> {
    let indent = original.split_once('\n').map_or(0, |(_, rest)| {
        rest.len() - rest.trim_start_matches(' ').len()
    });
    if indent == 0 {
        return serde_json::to_string(value).ok();
    }
    let spaces = " ".repeat(indent);
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(
        &mut out,
        PrettyFormatter::with_indent(spaces.as_bytes()),
    );
    serde::Serialize::serialize(value, &mut ser).ok()?;
    String::from_utf8(out).ok()
}

fn take_str<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    obj.get(key).and_then(Value::as_str)
}

impl Sanitizer {
    /// `entry.request` in place: cookies first, then headers, URL, query and body.
    pub(super) fn request(&mut self, request: &mut Value) {
        let Some(obj) = request.as_object_mut() else {
            return self.walk(request, 0);
        };
        if let Some(cookies) = obj.get_mut("cookies") {
            self.cookie_array(cookies);
        }
        if let Some(headers) = obj.get_mut("headers") {
            self.headers(headers);
        }
        if let Some(query) = obj.get_mut("queryString") {
            self.param_array(query);
        }
        if let Some(post) = obj.get_mut("postData") {
            self.post_data(post);
        }
        for (key, value) in obj.iter_mut() {
            if !matches!(
                key.as_str(),
                "cookies" | "headers" | "queryString" | "postData"
            ) {
                self.walk(value, 1);
            }
        }
    }

    /// `entry.response` in place: cookies, headers, body, and the rest (`redirectURL`).
    pub(super) fn response(&mut self, response: &mut Value) {
        let Some(obj) = response.as_object_mut() else {
            return self.walk(response, 0);
        };
        if let Some(cookies) = obj.get_mut("cookies") {
            self.cookie_array(cookies);
        }
        if let Some(headers) = obj.get_mut("headers") {
            self.headers(headers);
        }
        if let Some(Value::Object(content)) = obj.get_mut("content") {
            self.content(content);
        }
        for (key, value) in obj.iter_mut() {
            if !matches!(key.as_str(), "cookies" | "headers" | "content") {
                self.walk(value, 1);
            }
        }
    }

    fn post_data(&mut self, post: &mut Value) {
        let Some(obj) = post.as_object_mut() else {
            return self.walk(post, 1);
        };
        if let Some(params) = obj.get_mut("params") {
            self.param_array(params);
        }
        let form = take_str(obj, "mimeType").is_some_and(|m| m.contains("x-www-form-urlencoded"));
        if let Some(text) = take_str(obj, "text") {
            // Without a form type, `a=1&b=2` with no space in it is read as a form all the same.
            let trimmed = text.trim_start();
            let form = form
                || (text.contains('=')
                    && !trimmed.starts_with(['{', '['])
                    && !text.contains(char::is_whitespace));
            let new = if form {
                self.params_text(text)
            } else {
                self.body(text)
            };
            if let Some(new) = new {
                obj.insert("text".into(), Value::String(new));
            }
        }
        for (key, value) in obj.iter_mut() {
            if key != "params" && key != "text" {
                self.walk(value, 2);
            }
        }
    }

    /// `response.content`: text bodies read, base64 bodies decoded first when they are text
    /// (images and fonts are not, and are left alone).
    fn content(&mut self, content: &mut Map<String, Value>) {
        let Some(text) = take_str(content, "text") else {
            return;
        };
        let base64 = take_str(content, "encoding") == Some("base64");
        let new = if base64 {
            let mime = take_str(content, "mimeType").unwrap_or_default();
            if mime.starts_with("image/") || mime.starts_with("font/") {
                return;
            }
            decode_standard(text)
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .and_then(|decoded| self.body(&decoded))
                .map(|new| encode_standard(new.as_bytes()))
        } else {
            self.body(text)
        };
        if let Some(new) = new {
            content.insert("text".into(), Value::String(new));
        }
    }

    /// A body of any kind: JSON read by key (and written back as it was indented), anything
    /// else scanned as text; `None` when nothing changed.
    pub(super) fn body(&mut self, text: &str) -> Option<String> {
        let trimmed = text.trim_start();
        if trimmed.starts_with('{') || trimmed.starts_with('[') {
            if let Ok(mut json) = serde_json::from_str::<Value>(text) {
                return self
                    .json(&mut json, 0)
                    .then(|| write_like(&json, text))
                    .flatten();
            }
        }
        self.text(text)
    }

    /// A JSON value in place, strings read by their key; true when something changed.
    fn json(&mut self, value: &mut Value, nested: usize) -> bool {
        match value {
            Value::Object(map) => {
                let mut changed = false;
                for (key, item) in map.iter_mut() {
                    changed |= match item {
                        Value::String(s) => self.json_string(key, s, nested),
                        _ => self.json(item, nested),
                    };
                }
                changed
            }
            Value::Array(items) => items.iter_mut().fold(false, |changed, item| match item {
                Value::String(s) => self.json_string("", s, nested) | changed,
                _ => self.json(item, nested) | changed,
            }),
            _ => false,
        }
    }

    /// A JSON string named `key`: by its key, or as JSON nested in the string.
    fn json_string(&mut self, key: &str, s: &mut String, nested: usize) -> bool {
        let trimmed = s.trim_start();
        if nested < MAX_NESTED && (trimmed.starts_with('{') || trimmed.starts_with('[')) {
            if let Ok(mut inner) = serde_json::from_str::<Value>(s) {
                if self.json(&mut inner, nested + 1) {
                    if let Some(new) = write_like(&inner, s) {
                        *s = new;
                        return true;
                    }
                }
                return false;
            }
        }
        match self.param(key, s, Place::Json) {
            Some(new) => {
                *s = new;
                true
            }
            None => false,
        }
    }
}
