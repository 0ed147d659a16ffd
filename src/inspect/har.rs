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

mod entry;
mod head;
mod lean;
mod scan;

use scan::Stop;

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
        /// Why it was skipped: `base64`, `image`, `font`, `media` (audio, video), `script`,
        /// `css`, `wasm` (by the declared media type), or `too big` (text over
        /// [`KEPT_BODY_BYTES`]).
        why: &'static str,
    },
}

/// The largest text body kept: token responses and error answers are a few KB.
pub const KEPT_BODY_BYTES: usize = 256 * 1024;

/// The most entries kept (a browser session of a day has a few thousand): an [`Entry`] takes
/// about 400 bytes even when empty, so a file of tiny entries must not fill the page's memory.
pub const MAX_ENTRIES: usize = 100_000;

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
    /// A HAR cut short before its first entry: the file ends inside `log`, before `entries`.
    #[error("The file ends at line {line}, inside the log and before log.entries: it was cut short and holds no entry.")]
    Cut {
        /// The 1-based line where the file ends.
        line: usize,
    },
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

/// At most this many problems about single entries are listed; the rest are counted.
const LISTED: usize = 20;

/// Where a [`Reader`] is in `log.entries`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before an entry (after the `[` or a `,`), or the `]`.
    Element,
    /// After an entry: a `,` or the `]`.
    Separator,
    /// Nothing more to read.
    Done,
}

/// Reads a HAR in slices: [`Reader::new`] checks the start, [`Reader::step`] reads entries up to
/// a byte budget, [`Reader::finish`] gives what was read (also after a cancel).
///
/// A byte scanner finds where each entry ends (strings, escapes, nesting); only that entry is
/// then parsed, so the cost is linear in the file and no step holds more than one entry's
/// values. Each step must be given the same bytes as [`Reader::new`].
#[derive(Debug)]
pub struct Reader {
    har: Har,
    pos: usize,
    state: State,
    /// The 0-based position in `log.entries` of the next entry.
    next: usize,
    meta: head::Meta,
    /// In a pretty-printed file, the lines where entries start: a broken entry is skipped up to
    /// the next one.
    anchors: Option<scan::Anchors>,
    lines: scan::Lines,
    unlisted: usize,
}

impl Reader {
    /// Checks the start of the file (zip, gzip, binary, not JSON, not a HAR, cut before the
    /// entries) and finds the entries; reads `log.creator`, `browser` and `comment` when they
    /// come before them.
    ///
    /// # Errors
    /// A [`HarError`] when the file cannot be a HAR.
    pub fn new(bytes: &[u8]) -> Result<Reader, HarError> {
        head::sniff(bytes)?;
        let head = head::find_entries(bytes)?;
        let first = scan::skip_ws(bytes, head.entries);
        Ok(Reader {
            har: Har {
                bytes: bytes.len(),
                ..Har::default()
            },
            pos: head.entries,
            state: State::Element,
            next: 0,
            meta: head.meta,
            anchors: scan::Anchors::of(bytes, first),
            lines: scan::Lines::default(),
            unlisted: 0,
        })
    }

    /// Reads whole entries until about `budget` bytes have been walked (at least one entry), or
    /// the end.
    pub fn step(&mut self, bytes: &[u8], budget: usize) -> Progress {
        let start = self.pos;
        while self.state != State::Done
            && (self.pos == start || self.pos.saturating_sub(start) < budget)
        {
            let before = (self.pos, self.state);
            self.advance(bytes);
            if (self.pos, self.state) == before {
                // Cannot happen; but a loop that does not move must not hang the page.
                self.state = State::Done;
            }
        }
        self.progress()
    }

    /// How far the reader has got.
    pub fn progress(&self) -> Progress {
        Progress {
            bytes_read: self.pos,
            entries: self.har.entries.len(),
            done: self.state == State::Done,
        }
    }

    /// What was read (everything, or up to where the reading stopped).
    pub fn finish(mut self) -> Har {
        if self.unlisted > 0 {
            self.har.problems.push(format!(
                "{} more problems with single entries are not listed.",
                self.unlisted
            ));
        }
        self.har.creator = self.meta.creator;
        self.har.browser = self.meta.browser;
        self.har.comment = self.meta.comment;
        self.har
    }

    fn advance(&mut self, b: &[u8]) {
        let i = scan::skip_ws(b, self.pos);
        match (self.state, b.get(i)) {
            (State::Done, _) => {}
            (_, None) => self.ends_between(b),
            (_, Some(b']')) => self.tail(b, i + 1),
            (State::Separator, Some(b',')) => {
                self.pos = i + 1;
                self.state = State::Element;
            }
            (State::Element, Some(_)) => self.element(b, i),
            (State::Separator, Some(b'{')) => {
                let (line, _) = self.lines.at(b, i);
                let number = self.next;
                self.note(|_| {
                    format!("A comma is missing after entry {number} (line {line}); read on.")
                });
                self.state = State::Element;
            }
            (State::Separator, Some(&c)) => {
                let (line, column) = self.lines.at(b, i);
                let why = format!("line {line}, column {column}: {}", unexpected(c));
                let subject = format!("After entry {}, the file", self.next);
                self.broken(b, i, &subject, &why);
            }
        }
    }

    /// "30 entries read".
    fn read_so_far(&self) -> String {
        match self.har.entries.len() {
            1 => "1 entry read".to_string(),
            n => format!("{n} entries read"),
        }
    }

    /// A problem with one entry: listed up to [`LISTED`] (and only then written), counted after.
    fn note(&mut self, text: impl FnOnce(&mut Reader) -> String) {
        if self.har.problems.len() < LISTED {
            let text = text(self);
            self.har.problems.push(text);
        } else {
            self.unlisted += 1;
        }
    }

    /// The reading ends here, with `text` as the last problem.
    fn stop(&mut self, b: &[u8], text: String) {
        self.har.problems.push(text);
        self.pos = b.len();
        self.state = State::Done;
    }

    fn ends_between(&mut self, b: &[u8]) {
        let read = self.read_so_far();
        let text = match (self.state, self.next) {
            (State::Element, 0) => {
                format!("The file ends just after log.entries opens, before entry 1; {read}.")
            }
            _ => format!(
                "The file ends after entry {}, before log.entries closes; {read}.",
                self.next
            ),
        };
        self.stop(b, text);
    }

    /// After the entries' `]` at `j - 1`: the rest of `log`.
    fn tail(&mut self, b: &[u8], j: usize) {
        let read = self.read_so_far();
        match head::tail(b, j, &mut self.meta) {
            Ok(()) => {
                self.pos = b.len();
                self.state = State::Done;
            }
            Err(Stop::End) => self.stop(
                b,
                format!("The file ends after log.entries, before the log closes; {read}."),
            ),
            Err(Stop::Bad(at)) => {
                let (line, column) = self.lines.at(b, at);
                self.stop(
                    b,
                    format!("After log.entries, the file is not valid JSON (line {line}, column {column}); {read}."),
                );
            }
        }
    }

    /// The entry starting at `i`.
    fn element(&mut self, b: &[u8], i: usize) {
        if self.har.entries.len() >= MAX_ENTRIES {
            let text = format!(
                "The file has more than {MAX_ENTRIES} entries: the first {MAX_ENTRIES} are read, the rest is not."
            );
            return self.stop(b, text);
        }
        let number = self.next + 1;
        self.next += 1;
        let anchor = self.anchors.as_mut().and_then(|a| a.after(b, i + 1));
        let within = b.get(..anchor.unwrap_or(b.len())).unwrap_or(b);
        match scan::value_end(within, i) {
            Ok(end) => {
                self.take(b, number, i, end);
                self.pos = end;
                self.state = State::Separator;
            }
            Err(Stop::End) if anchor.is_none() => {
                let text = format!(
                    "The file ends inside entry {number}; {}.",
                    self.read_so_far()
                );
                self.stop(b, text);
            }
            Err(Stop::End) => {
                let (line, _) = self.lines.at(b, anchor.unwrap_or(i));
                let why =
                    format!("it does not close before line {line}, where the next entry starts");
                self.broken(b, i, &format!("Entry {number}"), &why);
            }
            Err(Stop::Bad(at)) => {
                let (line, column) = self.lines.at(b, at);
                let c = b.get(at).copied().unwrap_or(b' ');
                let why = format!("line {line}, column {column}: {}", unexpected(c));
                self.broken(b, i, &format!("Entry {number}"), &why);
            }
        }
    }

    /// `subject` ("Entry 5", "After entry 4, the file"), at `i`, cannot be delimited: skip to
    /// the next entry's line, or stop there.
    fn broken(&mut self, b: &[u8], i: usize, subject: &str, why: &str) {
        match self.anchors.as_mut().and_then(|a| a.after(b, i + 1)) {
            Some(at) => {
                self.note(|_| {
                    format!("{subject} is not valid JSON ({why}); skipped to the next entry.")
                });
                self.pos = at;
                self.state = State::Element;
            }
            None => {
                let text = format!(
                    "{subject} is not valid JSON ({why}); {}.",
                    self.read_so_far()
                );
                self.stop(b, text);
            }
        }
    }

    /// Entry `number`, delimited at `b[start..end]`: parsed, kept or skipped with a note.
    fn take(&mut self, b: &[u8], number: usize, start: usize, end: usize) {
        // Not an object: no need to parse it to say so (a file of a million numbers stays cheap).
        if let Some(kind) = b.get(start).and_then(|&c| entry::kind_of(c)) {
            return self.note(|_| format!("Entry {number} {}", entry::not_an_object(kind)));
        }
        let value = match lean::parse(b.get(start..end).unwrap_or_default()) {
            Ok(value) => value,
            Err(e) => {
                self.note(|r| {
                    let (line, column) = r.lines.at(b, start);
                    let (line, column) = match e.line() {
                        1 => (line, column + e.column().saturating_sub(1)),
                        n => (line + n - 1, e.column()),
                    };
                    let text = e.to_string();
                    let why = text.split(" at line ").next().unwrap_or(&text);
                    format!(
                        "Entry {number} is not valid JSON (line {line}, column {column}: {why}); skipped."
                    )
                });
                return;
            }
        };
        if let Some(why) = entry::unusable(&value) {
            self.note(|_| format!("Entry {number} {why}"));
            return;
        }
        let entry = entry::entry(number - 1, &value);
        if entry.missing_response {
            self.note(|_| format!("Entry {number} has no response; kept, with status 0."));
        }
        for body in [&entry.post_text, &entry.response_body] {
            if let Body::Skipped { bytes, .. } = body {
                self.har.skipped_bodies += 1;
                self.har.skipped_bytes = self.har.skipped_bytes.saturating_add(*bytes);
            }
        }
        self.har.entries.push(entry);
    }
}

/// "unexpected `]`", or the byte's value when it is not printable.
fn unexpected(c: u8) -> String {
    if c.is_ascii_graphic() {
        format!("unexpected `{}`", char::from(c))
    } else {
        format!("unexpected byte 0x{c:02x}")
    }
}
