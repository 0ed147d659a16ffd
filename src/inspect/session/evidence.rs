//! One call's entry written back as the inspector's three inputs: the credential as the request
//! carried it, the request as devtools copies it, and the answer as `curl -i` prints it.

use super::carried::Carried;
use crate::inspect::har::{Body, Entry};

/// `METHOD URL`, then the request headers one per line (HTTP/2 pseudo-headers left out).
pub(crate) fn request_text(e: &Entry) -> String {
    let method = if e.method.is_empty() {
        "GET"
    } else {
        &e.method
    };
    let mut out = format!("{method} {}\n", e.url);
    for h in &e.request_headers {
        if !h.name.starts_with(':') {
            out.push_str(&format!("{}: {}\n", h.name, h.value));
        }
    }
    out
}

/// `HTTP/1.1 <status> <text>`, the response headers, a blank line, the body (when kept);
/// nothing for a request that got no response.
pub(crate) fn answer_text(e: &Entry) -> String {
    if e.status == 0 {
        return String::new();
    }
    let text = if e.status_text.trim().is_empty() {
        reason(e.status)
    } else {
        e.status_text.trim()
    };
    let mut out = format!("HTTP/1.1 {} {text}\n", e.status);
    for h in &e.response_headers {
        for line in h.value.lines() {
            out.push_str(&format!("{}: {line}\n", h.name));
        }
    }
    out.push('\n');
    if let Body::Text(body) = &e.response_body {
        out.push_str(body);
    }
    out
}

/// The credential line the request carried: its `Authorization` header, else its `cc-at`
/// cookies.
pub(crate) fn sent_line(c: &Carried) -> Option<String> {
    if let Some((scheme, value)) = &c.auth {
        if !scheme.eq_ignore_ascii_case("basic") {
            return Some(format!("Authorization: {scheme} {value}"));
        }
    }
    c.cookie_chunks.as_ref()?;
    let pairs: Vec<String> = c
        .cookies
        .iter()
        .filter(|(n, _)| n.starts_with("cc-at"))
        .map(|(n, v)| format!("{n}={v}"))
        .collect();
    Some(format!("Cookie: {}", pairs.join("; ")))
}

/// The standard reason phrase (HTTP/2 answers have none).
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}
