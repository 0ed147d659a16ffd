//! The file around the entries: what kind of file it is (zip, gzip, binary, empty, JSON that is
//! not a HAR), the `log` members before `entries` (creator, browser, comment) and those after it.

use serde::de::IgnoredAny;
use serde_json::Value;

use super::scan::{self, Member, Stop};
use super::HarError;

/// The UTF-8 byte order mark some editors write; it is not part of the JSON.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Where the JSON starts: after a byte order mark, if there is one.
pub(super) fn json_start(b: &[u8]) -> usize {
    if b.starts_with(BOM) {
        BOM.len()
    } else {
        0
    }
}

/// Refuses what cannot be JSON text at all: nothing, an archive, binary data.
pub(super) fn sniff(b: &[u8]) -> Result<(), HarError> {
    if b.starts_with(b"PK\x03\x04") || b.starts_with(b"PK\x05\x06") {
        return Err(HarError::Zip);
    }
    if b.starts_with(&[0x1f, 0x8b]) {
        return Err(HarError::Gzip);
    }
    let body = b.get(json_start(b)..).unwrap_or_default();
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(HarError::Empty);
    }
    let first_kb = body.get(..1024).unwrap_or(body);
    let broken_utf8 = std::str::from_utf8(first_kb).is_err_and(|e| e.error_len().is_some());
    if first_kb.contains(&0) || broken_utf8 {
        return Err(HarError::Binary);
    }
    Ok(())
}

/// The `log` members read before its `entries`, and where the entries start.
#[derive(Debug, Default)]
pub(super) struct Head {
    /// `log.creator`, `log.browser`, `log.comment` when they come before the entries.
    pub(super) meta: Meta,
    /// The position just after the entries' `[`.
    pub(super) entries: usize,
}

/// The `log` members the page shows.
#[derive(Debug, Default)]
pub(super) struct Meta {
    pub(super) creator: Option<String>,
    pub(super) browser: Option<String>,
    pub(super) comment: Option<String>,
}

impl Meta {
    /// Reads `key`'s value (`b[start..end]`) when it is one of ours and not yet known.
    pub(super) fn read(&mut self, key: &str, value: &[u8]) {
        let slot = match key {
            "creator" => &mut self.creator,
            "browser" => &mut self.browser,
            "comment" => &mut self.comment,
            _ => return,
        };
        if slot.is_some() {
            return;
        }
        let Ok(v) = serde_json::from_slice::<Value>(value) else {
            return;
        };
        *slot = match (&v, key) {
            (Value::String(s), "comment") => Some(s.clone()),
            (Value::Object(_), "creator" | "browser") => named(&v),
            _ => None,
        };
    }
}

/// `name version`, as `WebInspector 537.36`.
fn named(v: &Value) -> Option<String> {
    let name = v.get("name")?.as_str()?;
    let version = v.get("version").and_then(Value::as_str).unwrap_or("");
    Some(format!("{name} {version}").trim().to_string())
}

/// Walks the top-level object to `log`, then `log` to its `entries` list.
pub(super) fn find_entries(b: &[u8]) -> Result<Head, HarError> {
    let start = scan::skip_ws(b, json_start(b));
    if b.get(start) != Some(&b'{') {
        return Err(classify(b));
    }
    let mut j = start + 1;
    loop {
        match scan::member(b, j) {
            Ok(Member::Field(key, value)) if key == "log" && b.get(value) == Some(&b'{') => {
                return log_head(b, value);
            }
            Ok(Member::Field(_, value)) => match scan::value_end(b, value) {
                Ok(end) => j = end,
                Err(_) => return Err(classify(b)),
            },
            Ok(Member::Close(_)) | Err(_) => return Err(classify(b)),
        }
    }
}

/// `log`'s members up to `entries` (`at` is the `log` object's `{`).
fn log_head(b: &[u8], at: usize) -> Result<Head, HarError> {
    let mut head = Head::default();
    let mut j = at + 1;
    let cut = |at: usize| HarError::Cut {
        line: line_of(b, at),
    };
    loop {
        match scan::member(b, j) {
            Ok(Member::Field(key, value)) if key == "entries" => {
                if b.get(value) == Some(&b'[') {
                    head.entries = value + 1;
                    return Ok(head);
                }
                if value >= b.len() {
                    return Err(cut(value));
                }
                return Err(classify(b));
            }
            Ok(Member::Field(key, value)) => match scan::value_end(b, value) {
                Ok(end) => {
                    head.meta.read(&key, b.get(value..end).unwrap_or_default());
                    j = end;
                }
                Err(Stop::End) => return Err(cut(b.len())),
                Err(Stop::Bad(_)) => return Err(classify(b)),
            },
            Err(Stop::End) => return Err(cut(b.len())),
            Ok(Member::Close(_)) | Err(Stop::Bad(_)) => return Err(classify(b)),
        }
    }
}

/// The 1-based line of byte `at` (for the one message that needs it before reading).
fn line_of(b: &[u8], at: usize) -> usize {
    scan::Lines::default().at(b, at).0
}

/// What is after `log.entries`: the other `log` members, read from `j` (after the `]`), until
/// the `log` closes. `Err` is where the bytes end or break.
pub(super) fn tail(b: &[u8], mut j: usize, meta: &mut Meta) -> Result<(), Stop> {
    loop {
        match scan::member(b, j)? {
            Member::Close(_) => return Ok(()),
            Member::Field(key, value) => {
                let end = scan::value_end(b, value)?;
                meta.read(&key, b.get(value..end).unwrap_or_default());
                j = end;
            }
        }
    }
}

/// Why a file that is not a readable HAR is not: not JSON (and where), or JSON of another kind
/// (and which). Validates the whole file once without building it: only on this error path.
pub(super) fn classify(b: &[u8]) -> HarError {
    let body = b.get(json_start(b)..).unwrap_or_default();
    match serde_json::from_slice::<IgnoredAny>(body) {
        Ok(_) => HarError::NotHar(format!(" ({})", looks_like(b))),
        Err(e) => HarError::NotJson(where_broken(body, &e)),
    }
}

/// The first top-level members of an object starting at `at`: key, value start and end.
fn members(b: &[u8], at: usize) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut j = at + 1;
    while out.len() < 10_000 {
        let Ok(Member::Field(key, start)) = scan::member(b, j) else {
            break;
        };
        let Ok(end) = scan::value_end(b, start) else {
            break;
        };
        out.push((key.into_owned(), start, end));
        j = end;
    }
    out
}

/// What a valid JSON file that is not a HAR seems to be, from its top level (the file is
/// never built in memory).
fn looks_like(b: &[u8]) -> String {
    let start = scan::skip_ws(b, json_start(b));
    match b.get(start) {
        Some(b'{') => {}
        Some(b'[') => return "it is a JSON array; a HAR is an object with a log".to_string(),
        Some(b'"') => return "it is a single string".to_string(),
        _ => return "it is a single value".to_string(),
    }
    let members = members(b, start);
    let member = |key: &str| members.iter().find(|(k, ..)| k == key);
    let is_array = |key: &str| member(key).is_some_and(|&(_, at, _)| b.get(at) == Some(&b'['));
    let postman_schema = member("info")
        .and_then(|&(_, at, end)| serde_json::from_slice::<Value>(b.get(at..end)?).ok())
        .and_then(|info| Some(info.get("schema")?.as_str()?.contains("postman")))
        .unwrap_or(false);
    let what = if postman_schema || is_array("item") {
        "it looks like a Postman collection"
    } else if is_array("values") {
        "it looks like a Postman environment"
    } else if is_array("keys") {
        "it looks like a JWKS, a set of signing keys"
    } else if member("access_token").is_some() {
        "it looks like a token response"
    } else if member("log").is_some() {
        "its log has no entries list"
    } else if members.is_empty() {
        "it is an empty object"
    } else {
        let keys: Vec<&str> = members.iter().take(5).map(|(k, ..)| k.as_str()).collect();
        return format!("its top-level keys are {}", keys.join(", "));
    };
    what.to_string()
}

/// Where and why `serde_json` gave up, as the page says it.
fn where_broken(body: &[u8], e: &serde_json::Error) -> String {
    let text = e.to_string();
    let why = text.split(" at line ").next().unwrap_or(&text);
    let starts = body.iter().find(|c| !c.is_ascii_whitespace()).copied();
    let why = match starts {
        Some(b'<') if e.line() == 1 => "it starts with `<`, like an HTML or XML page",
        _ if e.is_eof() => "it ends before the JSON is complete",
        _ => why,
    };
    let byte = byte_at(body, e.line(), e.column());
    format!(
        "{why}, at line {}, column {} (byte {byte}).",
        e.line(),
        e.column()
    )
}

/// The 1-based byte offset of a 1-based line and column.
fn byte_at(b: &[u8], line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        b.iter()
            .enumerate()
            .filter(|&(_, &c)| c == b'\n')
            .nth(line - 2)
            .map_or(b.len(), |(k, _)| k + 1)
    };
    (line_start + column).max(1)
}
