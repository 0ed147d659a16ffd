//! The API's answer to the failing call, as the engineer copied it: a whole HTTP response
//! (`curl -i`, `curl -v` with its request, a devtools copy), a status line with a body, a body
//! alone or a `WWW-Authenticate` header alone (ERRORS.md §1–§2).
//!
//! Three steps, one module each: [`http`] splits the text into status, headers, body and (from
//! `curl -v`) the request; [`body`] reads the body's shape, leniently (curly quotes, a fragment
//! without its braces, a truncated body read as far as it goes); [`recognise`] finds the
//! documented answer it is (`data/sfcc/errors.json`).

mod body;
mod http;
mod recognise;

pub use body::{Body, Shape};
pub use recognise::{recognise, Recognition};

use super::report::keep;
use super::time::{http_date, UnixTime};

/// One response header as given (name lower-cased).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// `www-authenticate`.
    pub name: String,
    /// Its value, continuation lines joined with a space.
    pub value: String,
}

/// The answer, read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Answer {
    /// The HTTP status, when the paste has a status line (or the body names one).
    pub status: Option<u16>,
    /// The status line's reason phrase (`Forbidden`).
    pub reason: Option<String>,
    /// The response headers, in order.
    pub headers: Vec<Header>,
    /// The body.
    pub body: Body,
    /// The answer's `Date`: the time of the call.
    pub date: Option<UnixTime>,
    /// The request that `curl -v` (or a devtools copy) printed before the answer, as a request
    /// the request check reads (`GET https://…` and its headers).
    pub request: Option<String>,
    /// What could not be read, or was read with a caveat (binary, cut, truncated).
    pub notes: Vec<String>,
}

/// The correlation id of the answer, which support searches Log Center with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correlation {
    /// Where it was: `sfdc_correlation_id`, `correlation-id`, `x-correlation-id` or the body's
    /// `correlationId`.
    pub name: &'static str,
    /// The id.
    pub value: String,
}

/// The headers that carry a diagnosis (ERRORS.md §2), with what each says.
pub const HEADER_NOTES: &[(&str, &str)] = &[
    (
        "www-authenticate",
        "Why the API rejected the credential (error, error_description).",
    ),
    (
        "sfdc_correlation_id",
        "SCAPI's id for this call: support searches Log Center (field externalID) with it.",
    ),
    (
        "correlation-id",
        "The client's correlation id, echoed: search Log Center with it.",
    ),
    (
        "x-correlation-id",
        "Correlation id (older form: <client id>,<SCAPI id>): search Log Center with it.",
    ),
    (
        "date",
        "When the API answered: the token is judged at this time.",
    ),
    (
        "retry-after",
        "Rate limited: seconds to wait before calling again.",
    ),
    ("sfdc_load", "Load of the API (0–100): THROTTLE at 90 %."),
    (
        "sfdc_load_status",
        "Load shedding state (WARN, THROTTLE): a 503 with it is load shedding.",
    ),
    ("x-ratelimit-limit", "The rate limit of this API."),
    (
        "x-ratelimit-remaining",
        "Calls left in the rate-limit window.",
    ),
    ("x-ratelimit-reset", "When the rate-limit window resets."),
    (
        "x-dw-request-base-id",
        "OCAPI's id for this request (quote it to support).",
    ),
    (
        "x-dw-client-id",
        "The OCAPI client id the call was made with.",
    ),
    (
        "content-type",
        "The body's format (application/problem+json, text/html …).",
    ),
    (
        "cf-ray",
        "Cloudflare's id for this request: the answer came through Cloudflare.",
    ),
    (
        "cf-error-type",
        "Cloudflare generated this page itself (not the origin).",
    ),
    (
        "cf-error-origin",
        "Cloudflare's note on the origin's failure.",
    ),
];

/// Services whose correlation ids Log Center does not hold (ERRORS.md §2).
pub const NOT_IN_LOG_CENTER: &[&str] = &[
    "/shopper/auth/",
    "/shopper/shopper-context/",
    "/cdn/zones/",
    "/inventory/",
];

impl Answer {
    /// The value of header `name` (lower case), if given.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|h| h.name == name)
            .map(|h| h.value.as_str())
    }

    /// The answer's correlation id: the SCAPI header first, then the echoed and older ones,
    /// then the body's `correlationId`.
    pub fn correlation(&self) -> Option<Correlation> {
        ["sfdc_correlation_id", "correlation-id", "x-correlation-id"]
            .into_iter()
            .find_map(|name| {
                self.header(name).map(|v| Correlation {
                    name,
                    value: v.trim().to_string(),
                })
            })
            .or_else(|| {
                self.body
                    .fields
                    .correlation_id
                    .clone()
                    .map(|value| Correlation {
                        name: "correlationId",
                        value,
                    })
            })
    }

    /// The headers that carry a diagnosis, each with what it says, in the answer's order.
    pub fn notable_headers(&self) -> Vec<(&Header, &'static str)> {
        self.headers
            .iter()
            .filter_map(|h| {
                let n = h.name.as_str();
                HEADER_NOTES
                    .iter()
                    .find(|(name, _)| *name == n)
                    .map(|(_, what)| *what)
                    .or_else(|| {
                        n.starts_with("x-ratelimit-")
                            .then_some("A rate-limit window (SLAS: 1- and 5-minute windows).")
                    })
                    .or_else(|| {
                        n.starts_with("x-dw-")
                            .then_some("A B2C Commerce (OCAPI) header.")
                    })
                    .map(|what| (h, what))
            })
            .collect()
    }

    /// The `Content-Type`, or `text/html` for a body that is a page.
    pub fn content_type(&self) -> Option<&str> {
        self.header("content-type")
            .or((self.body.shape == Shape::Html).then_some("text/html"))
    }
}

/// Reads a pasted answer. `None` when `text` is blank. Never fails: what cannot be read is a
/// note, and what did parse is kept.
pub fn read(text: &str) -> Option<Answer> {
    if text.trim().is_empty() {
        return None;
    }
    let (text, cut) = keep(text);
    let mut notes = Vec::new();
    if cut > 0 {
        notes.push(format!(
            "The answer is {} KB: only its first {} KB were read.",
            (text.len() + cut) / 1024,
            text.len() / 1024
        ));
    }
    if let Some(why) = binary(text) {
        notes.push(why);
        return Some(Answer {
            notes,
            ..Answer::default()
        });
    }
    let parts = http::split(text);
    let content_type = parts
        .headers
        .iter()
        .find(|h| h.name == "content-type")
        .map(|h| h.value.clone());
    let body = body::read(&parts.body, content_type.as_deref());
    if body.truncated {
        notes.push(
            "The body ends early (it was cut when copied): it was read as far as it goes.".into(),
        );
    }
    let date = parts
        .headers
        .iter()
        .find(|h| h.name == "date")
        .and_then(|h| http_date(&h.value));
    let status = parts.status.or(body.fields.status);
    Some(Answer {
        status,
        reason: parts.reason,
        headers: parts.headers,
        body,
        date,
        request: parts.request,
        notes,
    })
}

/// Why `text` is not a text answer, when it is not: compressed or binary bytes.
fn binary(text: &str) -> Option<String> {
    if text.starts_with('\u{1f}') && text[1..].starts_with(['\u{8b}', '\u{fffd}']) {
        return Some(
            "This is a gzip-compressed body, not text: copy the answer from the browser's Response tab, or run curl with --compressed.".into(),
        );
    }
    let odd = text
        .chars()
        .take(4096)
        .filter(|c| *c == '\u{fffd}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t')))
        .count();
    (odd * 20 > text.chars().take(4096).count()).then(|| {
        "This looks like binary data, not an HTTP answer: paste the response as text (headers and body).".into()
    })
}
