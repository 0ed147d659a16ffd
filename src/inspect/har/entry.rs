//! One parsed entry into an [`Entry`]: leniently (a field of the wrong type reads as absent),
//! keeping only the bodies that can matter (JSON, forms, text up to [`KEPT_BODY_BYTES`]).

use serde_json::Value;

use super::{lean, Body, Entry, Pair, KEPT_BODY_BYTES};
use crate::inspect::time::iso_millis;

/// What a JSON value starting with this byte is, when it is not an object (`None` for an
/// object, or for a byte no JSON value starts with).
pub(super) fn kind_of(first: u8) -> Option<&'static str> {
    match first {
        b'[' => Some("a list"),
        b'"' => Some("a string"),
        b'-' | b'0'..=b'9' => Some("a number"),
        b't' | b'f' => Some("true or false"),
        b'n' => Some("null"),
        _ => None,
    }
}

/// Why an entry could not be kept: the end of a sentence after "Entry N ".
pub(super) fn unusable(v: &Value) -> Option<String> {
    let kind = match v {
        Value::Object(_) => None,
        Value::Array(_) => kind_of(b'['),
        Value::String(_) => kind_of(b'"'),
        Value::Number(_) => kind_of(b'0'),
        Value::Bool(_) => kind_of(b't'),
        Value::Null => kind_of(b'n'),
    };
    if let Some(kind) = kind {
        return Some(not_an_object(kind));
    }
    (!v.get("request").is_some_and(Value::is_object))
        .then(|| "has no request; skipped.".to_string())
}

/// "is not an object (it is a number); skipped."
pub(super) fn not_an_object(kind: &str) -> String {
    format!("is not an object (it is {kind}); skipped.")
}

/// The value at `path` (object keys), without `Value::pointer`'s allocations.
fn at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, key| v.get(key))
}

fn text(v: &Value, path: &[&str]) -> String {
    at(v, path)
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

fn optional(v: &Value, path: &[&str]) -> Option<String> {
    at(v, path).and_then(Value::as_str).map(str::to_string)
}

fn pairs(v: &Value, path: &[&str]) -> Vec<Pair> {
    let Some(list) = at(v, path).and_then(Value::as_array) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|p| {
            let value = match p.get("value") {
                Some(Value::String(s)) => s.clone(),
                Some(v @ (Value::Number(_) | Value::Bool(_))) => {
                    serde_json::to_string(v).unwrap_or_default()
                }
                _ => String::new(),
            };
            Some(Pair {
                name: p.get("name")?.as_str()?.to_string(),
                value,
            })
        })
        .collect()
}

/// A status as a number, or as a string of digits (some exporters write `"200"`).
fn status(v: Option<&Value>) -> u16 {
    match v {
        Some(Value::Number(n)) => n
            .as_u64()
            .or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && *f >= 0.0)
                    .map(|f| f as u64)
            })
            .and_then(|s| u16::try_from(s).ok())
            .unwrap_or(0),
        Some(Value::String(s)) => s.trim().parse().unwrap_or(0),
        _ => 0,
    }
}

/// Why a body of this media type cannot matter for SFCC (`None`: keep it if it is small).
fn useless(mime: &str) -> Option<&'static str> {
    let mime = mime.trim().to_ascii_lowercase();
    let essence = mime.split(';').next().unwrap_or("").trim();
    let (kind, sub) = essence.split_once('/').unwrap_or((essence, ""));
    match kind {
        "image" => return Some("image"),
        "font" => return Some("font"),
        "video" | "audio" => return Some("media"),
        _ => {}
    }
    if sub.contains("javascript") || sub.contains("ecmascript") || sub == "jscript" {
        Some("script")
    } else if sub.contains("font") || sub == "vnd.ms-fontobject" {
        Some("font")
    } else if essence == "text/css" {
        Some("css")
    } else if sub == "wasm" {
        Some("wasm")
    } else {
        None
    }
}

/// A body as kept: text that can matter, or what was skipped and why.
pub(super) fn body(
    text: Option<&Value>,
    mime: Option<&str>,
    base64: bool,
    declared: Option<&Value>,
) -> Body {
    // A text too long to keep was never copied (lean.rs): only its length is known.
    let (len, text) = match text {
        Some(Value::String(t)) if !t.is_empty() => (t.len(), Some(t.as_str())),
        Some(v) => match lean::long_text(v) {
            Some(len) => (len, None),
            None => return Body::None,
        },
        None => return Body::None,
    };
    let bytes = declared
        .and_then(Value::as_u64)
        .and_then(|n| usize::try_from(n).ok())
        .filter(|&n| n > 0)
        .unwrap_or(len);
    let why = if base64 {
        Some("base64")
    } else if let Some(why) = mime.and_then(useless) {
        Some(why)
    } else {
        (len > KEPT_BODY_BYTES).then_some("too big")
    };
    match (why, text) {
        (None, Some(text)) => Body::Text(text.to_string()),
        (why, _) => Body::Skipped {
            bytes,
            why: why.unwrap_or("too big"),
        },
    }
}

/// The entry at `index` (an object with a `request`: see [`unusable`]).
pub(super) fn entry(index: usize, e: &Value) -> Entry {
    let started = text(e, &["startedDateTime"]);
    let post_mime = optional(e, &["request", "postData", "mimeType"]);
    let response_mime = optional(e, &["response", "content", "mimeType"]);
    let base64 = at(e, &["response", "content", "encoding"])
        .and_then(Value::as_str)
        .is_some_and(|enc| enc.eq_ignore_ascii_case("base64"));
    Entry {
        index,
        started_ms: iso_millis(&started),
        started,
        method: text(e, &["request", "method"]),
        url: text(e, &["request", "url"]),
        http_version: text(e, &["request", "httpVersion"]),
        request_headers: pairs(e, &["request", "headers"]),
        request_cookies: pairs(e, &["request", "cookies"]),
        post_text: body(
            at(e, &["request", "postData", "text"]),
            post_mime.as_deref(),
            false,
            None,
        ),
        post_mime,
        post_params: pairs(e, &["request", "postData", "params"]),
        status: status(at(e, &["response", "status"])),
        status_text: text(e, &["response", "statusText"]),
        response_headers: pairs(e, &["response", "headers"]),
        response_cookies: pairs(e, &["response", "cookies"]),
        response_body: body(
            at(e, &["response", "content", "text"]),
            response_mime.as_deref(),
            base64,
            at(e, &["response", "content", "size"]),
        ),
        response_mime,
        error: optional(e, &["_error"]).or_else(|| optional(e, &["response", "_error"])),
        resource_type: optional(e, &["_resourceType"]),
        missing_response: !e.get("response").is_some_and(Value::is_object),
    }
}
