//! The answer's body, read leniently and sorted into the shapes SFCC answers with (ERRORS.md §1):
//! problem details (SCAPI, SLAS Admin, custom APIs), OAuth 2 errors (SLAS, Account Manager,
//! B2C instances), `{status_code, message}` (older SLAS, the PWA Kit proxy), OCAPI faults,
//! Account Manager REST errors and HTML pages (an edge or a storefront).

use serde_json::{Map, Value};

/// The shape of a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shape {
    /// No body.
    #[default]
    Empty,
    /// `type`, `title`, `detail` (RFC 7807 problem details).
    Problem,
    /// `error`, `error_description` (OAuth 2).
    OAuth,
    /// `message` (with `status_code`).
    Message,
    /// `fault.type`, `fault.message` (OCAPI).
    Fault,
    /// `code` or `errors[].code` (Account Manager REST APIs).
    AmRest,
    /// An HTML page.
    Html,
    /// JSON of no known error shape.
    Json,
    /// Plain text.
    Text,
}

impl Shape {
    /// How the page names the shape.
    pub fn name(self) -> &'static str {
        match self {
            Shape::Empty => "no body",
            Shape::Problem => "problem details (type, title, detail)",
            Shape::OAuth => "an OAuth 2 error (error, error_description)",
            Shape::Message => "a message (status_code, message)",
            Shape::Fault => "an OCAPI fault (fault.type, fault.message)",
            Shape::AmRest => "an Account Manager API error (code, message)",
            Shape::Html => "an HTML page",
            Shape::Json => "JSON of no known error shape",
            Shape::Text => "text",
        }
    }
}

/// The members of a body the recognition and the page use.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fields {
    /// `type` as given.
    pub r#type: Option<String>,
    /// The text after the last `/` of `type` (a trailing `,` removed).
    pub slug: Option<String>,
    /// `title`.
    pub title: Option<String>,
    /// `detail`.
    pub detail: Option<String>,
    /// `message` or `fault.message`.
    pub message: Option<String>,
    /// OAuth `error`.
    pub error: Option<String>,
    /// OAuth `error_description`.
    pub error_description: Option<String>,
    /// OCAPI `fault.type`.
    pub fault_type: Option<String>,
    /// Account Manager `code` (or the first `errors[].code`).
    pub code: Option<String>,
    /// `correlationId`.
    pub correlation_id: Option<String>,
    /// A status the body names (`status`, `status_code`).
    pub status: Option<u16>,
    /// Every other member (problem-details extensions, `fault.arguments`), as text.
    pub extra: Vec<(String, String)>,
    /// An HTML page's `<title>`.
    pub html_title: Option<String>,
    /// A Cloudflare error code in an HTML page (`1020`) and its Ray ID.
    pub cloudflare: Option<(String, Option<String>)>,
}

/// The body, read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Body {
    /// The body as pasted.
    pub raw: String,
    /// Its shape.
    pub shape: Shape,
    /// The JSON, when it is (or was repaired into) JSON.
    pub json: Option<Value>,
    /// What the recognition reads.
    pub fields: Fields,
    /// The JSON ended early and was closed to be read.
    pub truncated: bool,
}

/// Reads a body; `content_type` is the answer's `Content-Type`, if given.
pub fn read(raw: &str, content_type: Option<&str>) -> Body {
    let text = raw.trim();
    let mut body = Body {
        raw: text.to_string(),
        ..Body::default()
    };
    if text.is_empty() {
        return body;
    }
    let html = content_type.is_some_and(|t| t.contains("html"))
        || text.starts_with('<')
            && text
                .get(..200)
                .unwrap_or(text)
                .to_ascii_lowercase()
                .contains("<html")
        || text.to_ascii_lowercase().starts_with("<!doctype");
    if html {
        body.shape = Shape::Html;
        body.fields = html_fields(text);
        return body;
    }
    match lenient_json(text) {
        Some((value, truncated)) => {
            body.truncated = truncated;
            if let Value::Object(map) = &value {
                (body.shape, body.fields) = fields(map);
            } else {
                body.shape = Shape::Json;
            }
            body.json = Some(value);
        }
        None => body.shape = Shape::Text,
    }
    body
}

/// The shape and fields of a JSON object body.
fn fields(map: &Map<String, Value>) -> (Shape, Fields) {
    let text =
        |m: &Map<String, Value>, k: &str| m.get(k).and_then(Value::as_str).map(str::to_string);
    let mut f = Fields {
        r#type: text(map, "type"),
        title: text(map, "title"),
        detail: text(map, "detail"),
        message: text(map, "message"),
        error: text(map, "error"),
        error_description: text(map, "error_description"),
        code: text(map, "code"),
        correlation_id: text(map, "correlationId"),
        status: ["status", "status_code", "statusCode"]
            .iter()
            .find_map(|k| {
                let v = map.get(*k)?;
                v.as_u64()
                    .or_else(|| v.as_str()?.parse().ok())
                    .and_then(|n| u16::try_from(n).ok())
            }),
        ..Fields::default()
    };
    f.slug = f.r#type.as_deref().map(|t| {
        let t = t.trim().trim_end_matches(',');
        t.rsplit('/').next().unwrap_or(t).to_string()
    });
    let mut known: &[&str] = &[
        "type",
        "title",
        "detail",
        "message",
        "error",
        "error_description",
        "code",
        "correlationId",
        "status",
        "status_code",
        "statusCode",
        "_v",
    ];
    let mut rest = map;
    if let Some(Value::Object(fault)) = map.get("fault") {
        f.fault_type = text(fault, "type");
        f.message = text(fault, "message").or(f.message);
        if let Some(Value::Object(args)) = fault.get("arguments") {
            rest = args;
            known = &[];
        }
    } else if f.code.is_none() {
        f.code = map
            .get("errors")
            .and_then(|e| e.get(0)?.get("code")?.as_str())
            .map(str::to_string);
    }
    f.extra = rest
        .iter()
        .filter(|(k, _)| !known.contains(&k.as_str()) && (rest != map || *k != "fault"))
        .map(|(k, v)| {
            (
                k.clone(),
                v.as_str().map_or_else(|| v.to_string(), str::to_string),
            )
        })
        .collect();
    let shape = if f.fault_type.is_some() {
        Shape::Fault
    } else if f.error.is_some() {
        Shape::OAuth
    } else if f.r#type.is_some() {
        Shape::Problem
    } else if f.code.is_some() {
        Shape::AmRest
    } else if f.message.is_some() {
        Shape::Message
    } else {
        Shape::Json
    };
    (shape, f)
}

/// An HTML page's title and Cloudflare error code and Ray ID.
fn html_fields(text: &str) -> Fields {
    let lower = text.to_ascii_lowercase();
    let between = |open: &str, close: &str| -> Option<String> {
        let start = lower.find(open)? + open.len();
        let end = start + lower[start..].find(close)?;
        let inner = text.get(start..end)?;
        let inner = inner.rsplit('>').next().unwrap_or(inner).trim();
        (!inner.is_empty()).then(|| inner.chars().take(200).collect())
    };
    let cloudflare = ["error code: ", "error code ", "error "]
        .iter()
        .find_map(|p| {
            lower.match_indices(p).find_map(|(at, _)| {
                let code: String = lower[at + p.len()..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                (code.len() == 4 && code.starts_with('1')).then_some(code)
            })
        })
        .map(|code| {
            (
                code,
                between("ray id:", "</").or_else(|| between("ray id: ", "\n")),
            )
        });
    Fields {
        html_title: between("<title", "</title>"),
        cloudflare,
        ..Fields::default()
    }
}

/// Reads `text` as JSON however it was copied: curly quotes made straight, a `"fault": {…}`
/// fragment given its braces, text after the value ignored, and a body that ends early closed
/// where it stops (the second value says so). `None` when it is not JSON at all.
fn lenient_json(text: &str) -> Option<(Value, bool)> {
    let straight;
    let mut text = text;
    if text.contains(['\u{201c}', '\u{201d}']) {
        straight = text.replace(['\u{201c}', '\u{201d}'], "\"");
        text = &straight;
    }
    let wrapped;
    if text.starts_with('"') && is_member(text) {
        wrapped = format!("{{{text}}}");
        text = &wrapped;
    }
    if !text.starts_with(['{', '[']) {
        return None;
    }
    if let Some(v) = first_value(text) {
        return Some((v, false));
    }
    if let Some(v) = first_value(&close(text)) {
        return Some((v, true));
    }
    // Curly single quotes (`{‘error’: ‘invalid_request’}`): only when nothing else reads, since
    // `’` is also an apostrophe inside SFCC's own texts.
    if text.contains('\u{2018}') {
        let straight = text.replace(['\u{2018}', '\u{2019}'], "\"");
        return lenient_json(&straight);
    }
    None
}

/// `text` starts with an object member (`"fault": …`), not a value: it lost its braces.
fn is_member(text: &str) -> bool {
    let mut values = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    matches!(values.next(), Some(Ok(Value::String(_))))
        && text[values.byte_offset()..].trim_start().starts_with(':')
}

/// The first JSON value of `text`, ignoring what follows it.
fn first_value(text: &str) -> Option<Value> {
    serde_json::Deserializer::from_str(text)
        .into_iter::<Value>()
        .next()?
        .ok()
}

/// `text` with what its cut end leaves open closed: an open string, a key without its value,
/// a dangling `,` or `:`, a partial literal, and every open bracket.
fn close(text: &str) -> String {
    let mut stack: Vec<char> = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' => stack.push('}'),
            '[' => stack.push(']'),
            '}' | ']' => {
                stack.pop();
            }
            _ => {}
        }
    }
    let mut out = text.to_string();
    if in_string {
        if escaped {
            out.pop();
        }
        // A `\u` escape cut before its four hex digits.
        if let Some(at) = out
            .get(out.len().saturating_sub(5)..)
            .and_then(|t| t.rfind("\\u"))
        {
            let start = out.len().saturating_sub(5) + at;
            if !escaped_at(&out, start) && out.len() - start < 6 {
                out.truncate(start);
            }
        }
        out.push('"');
    }
    // Drop a partial literal (`tru`, `nul`); a number cut short is still a number.
    let t = out.trim_end();
    let run = t.len()
        - t.trim_end_matches(|c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+'))
            .len();
    if run > 0 && !t.ends_with('"') {
        let word = &t[t.len() - run..];
        // serde_json reads the number: `str::parse::<f64>` would add its own float parser to the wasm.
        if serde_json::from_str::<Value>(word).is_err() {
            out.truncate(t.len() - run);
        }
    }
    let trimmed = out.trim_end();
    if trimmed.ends_with(',') {
        out.truncate(trimmed.len() - 1);
    } else if trimmed.ends_with(':') {
        out.push_str("null");
    } else if stack.last() == Some(&'}') && trimmed.ends_with('"') && awaits_value(trimmed) {
        out.push_str(":null");
    }
    while let Some(c) = stack.pop() {
        out.push(c);
    }
    out
}

/// The string that ends `text` is an object key (it follows `{` or `,`), so it needs a value.
fn awaits_value(text: &str) -> bool {
    let body = &text[..text.len() - 1];
    body.char_indices()
        .rev()
        .find(|&(i, c)| c == '"' && !escaped_at(body, i))
        .is_some_and(|(i, _)| body[..i].trim_end().ends_with(['{', ',']))
}

/// The character at byte `i` is preceded by an odd number of backslashes.
fn escaped_at(text: &str, i: usize) -> bool {
    text[..i].bytes().rev().take_while(|b| *b == b'\\').count() % 2 == 1
}
