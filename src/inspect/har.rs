//! Reading a HAR file (HTTP Archive 1.2, as Chrome, Firefox, Safari and mitmproxy write it):
//! its entries, leniently, in slices, so a 50 MB file never freezes the page.
//!
//! [`Reader`] walks the bytes entry by entry ([`Reader::step`] reads up to a byte budget and
//! returns; the page calls it again after a frame), keeps only what can matter for SFCC (the
//! request, the response's status, headers and text bodies that are JSON, forms or small text)
//! and skips the rest (images, scripts, base64 bodies), counting what it skipped. A file that is
//! not a HAR, is cut, zipped or binary gets a precise [`HarError`] or [`Har::problems`] line,
//! and every entry read before the problem is kept.

use crate::inspect::time::UnixTime;

/// A name and value pair (a header, a cookie, a query or form parameter), as in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// The name, as written (headers may be lower-case: HTTP/2).
    pub name: String,
    /// The value, as written (query and form values may still be percent-encoded).
    pub value: String,
}

/// A request or response body as kept.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Body {
    /// No body (or an empty one).
    #[default]
    None,
    /// A text body kept whole (JSON, forms, HTML and other text up to [`KEPT_BODY_BYTES`]).
    Text(String),
    /// A body that cannot matter and was not kept: an image, a font, a script, a base64 body,
    /// or text over [`KEPT_BODY_BYTES`].
    Skipped {
        /// The body's declared size, or its length in the file.
        bytes: usize,
        /// Why it was skipped (`base64`, `image`, `script`, `too big`).
        why: &'static str,
    },
}

/// The largest text body kept: token responses and error answers are a few KB.
pub const KEPT_BODY_BYTES: usize = 256 * 1024;

/// One request and its response.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entry {
    /// 0-based position in `log.entries`.
    pub index: usize,
    /// `startedDateTime` in milliseconds since the epoch (`None` when unreadable).
    pub started_ms: Option<i64>,
    /// `startedDateTime` as written.
    pub started: String,
    /// `GET`, `POST` …
    pub method: String,
    /// The full URL, as written.
    pub url: String,
    /// `HTTP/1.1`, `http/2.0`, `h3` …
    pub http_version: String,
    /// Request headers, in order.
    pub request_headers: Vec<Pair>,
    /// Request cookies (the `cookies` array), in order.
    pub request_cookies: Vec<Pair>,
    /// `postData.mimeType`.
    pub post_mime: Option<String>,
    /// `postData.text` (kept like a response body).
    pub post_text: Body,
    /// `postData.params`, in order.
    pub post_params: Vec<Pair>,
    /// The response status; 0 when the request got no response.
    pub status: u16,
    /// The response's status text (empty for HTTP/2).
    pub status_text: String,
    /// Response headers, in order.
    pub response_headers: Vec<Pair>,
    /// Response cookies (the `cookies` array), in order.
    pub response_cookies: Vec<Pair>,
    /// `response.content.mimeType`.
    pub response_mime: Option<String>,
    /// `response.content.text`, when kept.
    pub response_body: Body,
    /// Chrome's `_error` (`net::ERR_BLOCKED_BY_CLIENT`) or the like.
    pub error: Option<String>,
    /// Chrome's `_resourceType` (`fetch`, `document`, `script` …).
    pub resource_type: Option<String>,
    /// The entry had no `response` object at all.
    pub missing_response: bool,
}

impl Entry {
    /// The first request header named `name` (any case).
    pub fn request_header(&self, name: &str) -> Option<&str> {
        find(&self.request_headers, name)
    }

    /// The first response header named `name` (any case).
    pub fn response_header(&self, name: &str) -> Option<&str> {
        find(&self.response_headers, name)
    }

    /// When the call started, in whole seconds.
    pub fn started_at(&self) -> Option<UnixTime> {
        self.started_ms.map(|ms| ms.div_euclid(1000))
    }
}

fn find<'a>(pairs: &'a [Pair], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(name))
        .map(|p| p.value.as_str())
}

/// The whole file as read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Har {
    /// `log.creator.name` and `version` (`WebInspector 537.36`, `mitmproxy exporthar 11.0`).
    pub creator: Option<String>,
    /// `log.browser.name` and `version`, when written.
    pub browser: Option<String>,
    /// `log.comment`, when written (our own sanitized export puts its manifest there).
    pub comment: Option<String>,
    /// Every entry read, in file order.
    pub entries: Vec<Entry>,
    /// What went wrong while reading, each a sentence for the page ("the file ends inside
    /// entry 31; 30 entries read").
    pub problems: Vec<String>,
    /// How many bodies were skipped, and their bytes.
    pub skipped_bodies: usize,
    /// The bytes of the bodies skipped.
    pub skipped_bytes: usize,
    /// The file's size.
    pub bytes: usize,
}

/// Why a file cannot be read as a HAR at all. The message is the sentence the page shows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HarError {
    /// A zip archive.
    #[error("This is a zip archive, not a HAR: unzip it first, then open the .har file inside.")]
    Zip,
    /// Gzip-compressed.
    #[error(
        "This file is gzip-compressed: decompress it first (gunzip), then open the .har file."
    )]
    Gzip,
    /// Binary data that is not text.
    #[error("This file is binary, not a HAR (a HAR is JSON text).")]
    Binary,
    /// Not JSON at all.
    #[error("This is not JSON, so not a HAR: {0}")]
    NotJson(String),
    /// JSON, but not a HAR.
    #[error("Valid JSON, but not a HAR: there is no log.entries{0}.")]
    NotHar(String),
    /// Nothing in the file.
    #[error("The file is empty.")]
    Empty,
}

/// Reads a whole HAR at once (tests, pasted text and small files).
///
/// # Errors
/// A [`HarError`] when not even the start of a HAR can be read.
pub fn read(bytes: &[u8]) -> Result<Har, HarError> {
    let mut reader = Reader::new(bytes)?;
    while !reader.step(bytes, usize::MAX).done {}
    Ok(reader.finish())
}

/// How far a [`Reader`] has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Bytes of the file walked so far.
    pub bytes_read: usize,
    /// Entries read so far.
    pub entries: usize,
    /// Nothing more to read.
    pub done: bool,
}

/// Reads a HAR in slices: [`Reader::new`] checks the start, [`Reader::step`] reads entries up to
/// a byte budget, [`Reader::finish`] gives what was read (also after a cancel).
#[derive(Debug)]
pub struct Reader {
    har: Har,
    pos: usize,
    done: bool,
}

impl Reader {
    /// Checks the start of the file (zip, gzip, binary, not JSON, not a HAR) and finds the
    /// entries.
    ///
    /// # Errors
    /// A [`HarError`] when the file cannot be a HAR.
    pub fn new(bytes: &[u8]) -> Result<Reader, HarError> {
        // Placeholder until the slice reader lands: the whole file at once.
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(HarError::Empty);
        }
        let value: serde_json::Value =
            serde_json::from_slice(bytes).map_err(|e| HarError::NotJson(e.to_string()))?;
        let Some(list) = value.pointer("/log/entries").and_then(|v| v.as_array()) else {
            return Err(HarError::NotHar(String::new()));
        };
        let entries = list
            .iter()
            .enumerate()
            .map(|(index, e)| entry_from_value(index, e))
            .collect();
        let text = |p: &str| {
            let v = value.pointer(p)?;
            let name = v.get("name")?.as_str()?;
            let version = v.get("version").and_then(|v| v.as_str()).unwrap_or("");
            Some(format!("{name} {version}").trim().to_string())
        };
        Ok(Reader {
            har: Har {
                creator: text("/log/creator"),
                browser: text("/log/browser"),
                comment: value
                    .pointer("/log/comment")
                    .and_then(|v| v.as_str())
                    .map(str::to_string),
                entries,
                bytes: bytes.len(),
                ..Har::default()
            },
            pos: 0,
            done: false,
        })
    }

    /// Reads entries until about `budget` bytes have been walked, or the end.
    pub fn step(&mut self, bytes: &[u8], budget: usize) -> Progress {
        let _ = budget;
        self.pos = bytes.len();
        self.done = true;
        self.progress()
    }

    /// How far the reader has got.
    pub fn progress(&self) -> Progress {
        Progress {
            bytes_read: self.pos,
            entries: self.har.entries.len(),
            done: self.done,
        }
    }

    /// What was read (everything, or up to where the reading stopped).
    pub fn finish(self) -> Har {
        self.har
    }
}

fn pairs(v: Option<&serde_json::Value>) -> Vec<Pair> {
    v.and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|p| {
                    Some(Pair {
                        name: p.get("name")?.as_str()?.to_string(),
                        value: p.get("value").and_then(|v| v.as_str()).unwrap_or("").into(),
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

fn body(text: Option<&serde_json::Value>, base64: bool) -> Body {
    match text.and_then(|t| t.as_str()) {
        None | Some("") => Body::None,
        Some(t) if base64 => Body::Skipped {
            bytes: t.len(),
            why: "base64",
        },
        Some(t) if t.len() > KEPT_BODY_BYTES => Body::Skipped {
            bytes: t.len(),
            why: "too big",
        },
        Some(t) => Body::Text(t.to_string()),
    }
}

fn entry_from_value(index: usize, e: &serde_json::Value) -> Entry {
    let s = |p: &str| {
        e.pointer(p)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string()
    };
    let started = s("/startedDateTime");
    Entry {
        index,
        started_ms: crate::inspect::time::iso_millis(&started),
        started,
        method: s("/request/method"),
        url: s("/request/url"),
        http_version: s("/request/httpVersion"),
        request_headers: pairs(e.pointer("/request/headers")),
        request_cookies: pairs(e.pointer("/request/cookies")),
        post_mime: e
            .pointer("/request/postData/mimeType")
            .and_then(|v| v.as_str())
            .map(str::to_string),
        post_text: body(e.pointer("/request/postData/text"), false),
        post_params: pairs(e.pointer("/request/postData/params")),
        status: e
            .pointer("/response/status")
            .and_then(serde_json::Value::as_u64)
            .and_then(|s| u16::try_from(s).ok())
            .unwrap_or(0),
        status_text: s("/response/statusText"),
        response_headers: pairs(e.pointer("/response/headers")),
        response_cookies: pairs(e.pointer("/response/cookies")),
        response_mime: e
            .pointer("/response/content/mimeType")
            .and_then(|v| v.as_str())
            .map(str::to_string),
        response_body: body(
            e.pointer("/response/content/text"),
            e.pointer("/response/content/encoding")
                .and_then(|v| v.as_str())
                == Some("base64"),
        ),
        error: e
            .pointer("/_error")
            .or_else(|| e.pointer("/response/_error"))
            .and_then(|v| v.as_str())
            .map(str::to_string),
        resource_type: e
            .pointer("/_resourceType")
            .and_then(|v| v.as_str())
            .map(str::to_string),
        missing_response: e.get("response").is_none(),
    }
}
