//! Splitting a pasted answer into its status line, headers and body, and the request `curl -v`
//! printed before it. Reads `curl -i` and `curl -v` output, raw HTTP, devtools "Response
//! Headers" copies (`name: value` or a name line followed by its value line), the devtools
//! "General" block (`Status Code: 403`, `Request URL: …`), a bare status line, headers alone,
//! and a body alone.

use super::Header;

/// The parts of a pasted answer.
#[derive(Debug, Default)]
pub(super) struct Parts {
    pub status: Option<u16>,
    pub reason: Option<String>,
    pub headers: Vec<Header>,
    pub body: String,
    pub request: Option<String>,
}

/// What a `curl -v` request told: its request line and headers.
#[derive(Default)]
struct Request {
    line: Option<(String, String)>,
    url: Option<String>,
    method: Option<String>,
    headers: Vec<String>,
}

impl Request {
    /// The request as the request check reads it: `METHOD https://host/path`, then its headers.
    fn text(self) -> Option<String> {
        // `name: value`, HTTP/2 pseudo-headers (`:authority: …`) included.
        let value = |name: &str| {
            self.headers.iter().find_map(|h| {
                let pseudo = usize::from(h.starts_with(':'));
                let (n, v) = h[pseudo..].split_once(':')?;
                h[..pseudo + n.len()]
                    .trim()
                    .eq_ignore_ascii_case(name)
                    .then(|| v.trim().to_string())
            })
        };
        let host = value("host").or_else(|| value(":authority"));
        let line = self
            .line
            .or_else(|| Some((value(":method")?.to_ascii_uppercase(), value(":path")?)));
        let (method, url) = match (line, self.url) {
            (_, Some(url)) => (self.method.unwrap_or_else(|| "GET".into()), url),
            (Some((m, path)), None) => match host {
                Some(host) => (m, format!("https://{host}{path}")),
                None => (m, path),
            },
            (None, None) => return None,
        };
        let mut text = format!("{method} {url}");
        for h in &self.headers {
            text.push('\n');
            text.push_str(h);
        }
        Some(text)
    }
}

/// Where the reader is.
#[derive(PartialEq)]
enum At {
    /// Before any status line or header.
    Start,
    /// In the response's head (status line, headers).
    Head,
    /// After a blank line ending the head: the rest is the body.
    Body,
}

/// Reads an answer line by line.
struct Reader<'a> {
    parts: Parts,
    request: Request,
    at: At,
    body: Vec<&'a str>,
    /// A devtools header name alone on its line (`content-type:`), waiting for its value line.
    pending: Option<String>,
    /// In a devtools "Request Headers" block: its headers belong to the request.
    in_request: bool,
    /// `curl -v` markers (`> `, `< `) were seen: its `* ` notes and `{ [n bytes data]` lines
    /// are not part of the body.
    curl_v: bool,
}

/// Splits `text` (see the module documentation).
pub(super) fn split(text: &str) -> Parts {
    let mut r = Reader {
        parts: Parts::default(),
        request: Request::default(),
        at: At::Start,
        body: Vec::new(),
        pending: None,
        in_request: false,
        curl_v: false,
    };
    for raw in text.lines() {
        r.line(raw.trim_end_matches('\r'));
    }
    let mut parts = r.parts;
    parts.body = r.body.join("\n");
    parts.request = r.request.text();
    parts
}

impl<'a> Reader<'a> {
    fn line(&mut self, line: &'a str) {
        if self.at == At::Body {
            self.body_line(line);
            return;
        }
        // curl -v: `* ` notes, `> ` the request, `< ` the response head.
        if let Some(rest) = curl_prefixed(line, '>') {
            self.curl_v = true;
            request_line(&mut self.request, rest);
            return;
        }
        self.curl_v |= curl_prefixed(line, '<').is_some();
        if line.starts_with("* ")
            || line == "*"
            || line.starts_with("{ [")
            || line.starts_with("} [")
        {
            return;
        }
        let line = match curl_prefixed(line, '<') {
            Some(rest) if rest.trim().is_empty() => {
                self.at = At::Body;
                return;
            }
            Some(rest) => rest,
            None => line,
        };
        if let Some(name) = self.pending.take() {
            let value = line.trim().to_string();
            if self.in_request {
                self.request.headers.push(format!("{name}: {value}"));
            } else {
                self.parts.headers.push(Header { name, value });
            }
            return;
        }
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if self.at == At::Head {
                self.at = At::Body;
            }
        } else if !self.head_line(trimmed) {
            self.field(line, trimmed);
        }
    }

    /// A line after the head. A new status line before any body starts the answer again: curl
    /// prints every response it got (`100 Continue`, a proxy's `200 Connection established`, the
    /// redirects of `curl -L`), and the last one is the answer.
    fn body_line(&mut self, line: &'a str) {
        let head = curl_prefixed(line, '<').unwrap_or(line).trim();
        let new_head = head
            .get(..5)
            .is_some_and(|p| p.eq_ignore_ascii_case("http/"));
        if new_head && status_line(head).is_some() {
            self.parts.headers.clear();
            self.body.clear();
            self.at = At::Start;
            self.line(line);
            return;
        }
        let curl_note = self.curl_v
            && (line.starts_with("* ")
                || line.starts_with("{ [")
                || line.starts_with("} [")
                || line.starts_with("> ")
                || line.starts_with("< "));
        if !curl_note && !is_curl_trailer(line) {
            self.body.push(line);
        }
    }

    /// A status line, a devtools "General" line, the body's first line or a section title.
    fn head_line(&mut self, trimmed: &'a str) -> bool {
        if let Some((status, reason)) = status_line(trimmed) {
            self.parts.status = Some(status);
            self.parts.reason = reason;
        } else if let Some(rest) = general(trimmed, "request url:") {
            self.request.url = Some(rest.to_string());
        } else if let Some(rest) = general(trimmed, "request method:") {
            self.request.method = Some(rest.to_ascii_uppercase());
        } else if starts_body(trimmed) {
            self.at = At::Body;
            self.body.push(trimmed);
            return true;
        } else if self.parts.headers.is_empty() && is_challenge(trimmed) {
            // A WWW-Authenticate value copied without its name.
            self.parts.headers.push(Header {
                name: "www-authenticate".into(),
                value: trimmed.to_string(),
            });
        } else if KNOWN_HEADERS.contains(&trimmed.to_ascii_lowercase().as_str()) {
            // Chrome's Headers pane copies a name line, then its value line, without a colon.
            self.pending = Some(trimmed.to_ascii_lowercase());
        } else if let Some(s) = section(trimmed) {
            if s != Section::Skip {
                self.in_request = s == Section::Request;
            }
            return true;
        } else {
            return false;
        }
        self.at = At::Head;
        true
    }

    /// A header (of the request in a devtools "Request Headers" block), a folded header line,
    /// or the first line of a body that follows the head without a blank line.
    fn field(&mut self, line: &'a str, trimmed: &'a str) {
        if let Some(name) = trimmed.strip_suffix(':').filter(|n| is_token(n)) {
            self.pending = Some(name.to_ascii_lowercase());
            self.at = At::Head;
            return;
        }
        let header = header(trimmed).filter(|h| self.at != At::Start || !is_prose(h));
        match header {
            Some(h) if self.in_request => self
                .request
                .headers
                .push(format!("{}: {}", h.name, h.value)),
            Some(h) if h.name == ":status" => {
                self.parts.status = status_line(&h.value).map(|(s, _)| s);
                self.at = At::Head;
            }
            Some(h) => {
                self.parts.headers.push(h);
                self.at = At::Head;
            }
            None => match self.parts.headers.last_mut() {
                // A folded header (`WWW-Authenticate: Bearer realm="servers",` then `error=…`).
                Some(last) if line.starts_with([' ', '\t']) || last.value.ends_with(',') => {
                    last.value.push(' ');
                    last.value.push_str(trimmed);
                }
                // Anything else ends the head: the body starts without a blank line.
                _ => {
                    self.in_request = false;
                    self.at = At::Body;
                    self.body.push(line);
                }
            },
        }
    }
}

/// Response header names Chrome's Headers pane may copy on a line of their own, without a colon.
const KNOWN_HEADERS: &[&str] = &[
    "content-type",
    "content-length",
    "date",
    "www-authenticate",
    "sfdc_correlation_id",
    "correlation-id",
    "x-correlation-id",
    "retry-after",
    "sfdc_load",
    "sfdc_load_status",
    "x-dw-request-base-id",
    "x-dw-client-id",
    "cache-control",
    "server",
    "vary",
    "cf-ray",
    "strict-transport-security",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
];

/// An authentication challenge: `Bearer realm="servers", error="invalid_token"`.
fn is_challenge(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    (lower.starts_with("bearer ") || lower.starts_with("basic ") || lower.starts_with("dpop "))
        && (lower.contains("realm=") || lower.contains("error="))
}

/// A `Name: value` line at the start that reads as a sentence, not a header: an unknown name
/// without a hyphen and a value of several words (`Error: Not Found`).
fn is_prose(h: &Header) -> bool {
    !h.name.contains(['-', '_'])
        && !KNOWN_HEADERS.contains(&h.name.as_str())
        && !matches!(
            h.name.as_str(),
            "host" | "authorization" | "cookie" | "accept" | "status"
        )
        && h.value.contains(' ')
}

/// A devtools section title.
#[derive(PartialEq)]
enum Section {
    Request,
    Response,
    /// `General`, `Response`, `Preview`: nothing to read.
    Skip,
}

fn section(line: &str) -> Option<Section> {
    match line.to_ascii_lowercase().as_str() {
        "request headers" => Some(Section::Request),
        "response headers" => Some(Section::Response),
        "general" | "response" | "preview" | "payload" | "headers" => Some(Section::Skip),
        _ => None,
    }
}

/// The rest of a `curl -v` line with prefix `mark` (`> GET …`, `< HTTP/2 401`, `<` alone).
fn curl_prefixed(line: &str, mark: char) -> Option<&str> {
    let rest = line.strip_prefix(mark)?;
    (rest.is_empty() || rest.starts_with(' ')).then(|| rest.strip_prefix(' ').unwrap_or(rest))
}

/// `curl -v`'s closing notes after the body.
fn is_curl_trailer(line: &str) -> bool {
    line.starts_with("* Connection #") || line.starts_with("* Closing connection")
}

/// One line of the request `curl -v` printed.
fn request_line(request: &mut Request, rest: &str) {
    let rest = rest.trim();
    if rest.is_empty() {
        return;
    }
    if request.line.is_none() {
        if let Some((method, tail)) = rest.split_once(' ') {
            let path = tail.rsplit_once(" HTTP/").map_or(tail, |(p, _)| p);
            request.line = Some((method.to_ascii_uppercase(), path.to_string()));
            return;
        }
    }
    request.headers.push(rest.to_string());
}

/// A devtools "General" line (`Request URL: https://…`): its value.
fn general<'a>(line: &'a str, label: &str) -> Option<&'a str> {
    let head = line.get(..label.len())?;
    head.eq_ignore_ascii_case(label)
        .then(|| line[label.len()..].trim())
}

/// A status line: `HTTP/1.1 403 Forbidden`, `HTTP/2 401`, `HTTP 403`, `Status Code: 403
/// Forbidden`, `Status: 429`, or `403 Forbidden` alone.
fn status_line(line: &str) -> Option<(u16, Option<String>)> {
    let lower = line.to_ascii_lowercase();
    let rest = if lower.starts_with("http/") || lower.starts_with("http ") {
        line.split_once(' ')?.1
    } else if let Some(rest) = general(line, "status code:").or_else(|| general(line, "status:")) {
        rest
    } else {
        line
    };
    let rest = rest.trim();
    let digits = rest.get(..3)?;
    let after = &rest[3..];
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !(after.is_empty() || after.starts_with(' '))
    {
        return None;
    }
    let status: u16 = digits.parse().ok()?;
    if !(100..600).contains(&status) {
        return None;
    }
    let reason = after.trim();
    // `403 Forbidden` alone must be a status: a reason is words, never JSON or a header.
    if line == rest
        && !reason
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '-' || c == '\'')
    {
        return None;
    }
    Some((status, (!reason.is_empty()).then(|| reason.to_string())))
}

/// The body begins here: JSON, a JSON fragment in curly quotes, or HTML.
fn starts_body(line: &str) -> bool {
    line.starts_with(['{', '[', '<', '"', '\u{201c}'])
}

/// An HTTP header field name.
fn is_token(name: &str) -> bool {
    // HTTP/2 pseudo-headers (`:authority`, `:path`, `:status`) as devtools shows them.
    let name = name.strip_prefix(':').unwrap_or(name);
    !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_!#$%&'*+.^`|~".contains(&b))
}

/// `Name: value`, with the name lower-cased.
fn header(line: &str) -> Option<Header> {
    let pseudo = usize::from(line.starts_with(':'));
    let (name, value) = line[pseudo..].split_once(':')?;
    let name = &line[..pseudo + name.len()];
    is_token(name).then(|| Header {
        name: name.to_ascii_lowercase(),
        value: value.trim().to_string(),
    })
}
