//! Reading a pasted request: a URL, a curl command or a `METHOD URL` line, taken apart into
//! method, host, path and query.

use crate::inspect::text::percent_decode;

/// A request as pasted, taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedRequest {
    /// `GET`, `POST` …; `None` when the paste gave none (a bare URL: `GET` is assumed for matching).
    pub method: Option<String>,
    /// Host, when the paste had one.
    pub host: Option<String>,
    /// SCAPI short code (`kv7kzm78` in `kv7kzm78.api.commercecloud.salesforce.com`).
    pub short_code: Option<String>,
    /// The SCAPI path (PWA Kit `/mobify/proxy/api` prefix removed), without query.
    pub path: String,
    /// Query parameters, percent-decoded, in order.
    pub query: Vec<(String, String)>,
    /// The request went through the PWA Kit proxy (`/mobify/proxy/api/…`, or
    /// `/mobify/slas/private/…` for a private SLAS client).
    pub proxied: bool,
}

impl ParsedRequest {
    /// The URL without its query, as the documented answers' URL keys read it (a proxied
    /// request under the PWA Kit proxy prefix `/mobify/proxy/api`).
    pub fn url(&self) -> String {
        let proxy = if self.proxied { PWA_PROXY } else { "" };
        match &self.host {
            Some(host) => format!("https://{host}{proxy}{}", self.path),
            None => format!("{proxy}{}", self.path),
        }
    }
}

/// Why a paste cannot be read as a request. The message is the sentence the page shows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    /// Nothing in the paste looks like a URL or a path.
    #[error("No URL found: paste a request URL, a curl command or a line like “GET https://…/organizations/f_ecom_…/…”.")]
    NoUrl,
}

/// The PWA Kit proxy prefix in front of a SCAPI path.
const PWA_PROXY: &str = "/mobify/proxy/api";

/// PWA Kit's proxy for a private SLAS client (it adds the client secret server-side).
const SLAS_PRIVATE_PROXY: &str = "/mobify/slas/private";

/// The SCAPI host suffix after the short code.
const SCAPI_HOST: &str = ".api.commercecloud.salesforce.com";

/// Parses a pasted request: a URL, a curl command, or a `METHOD URL` line (also a path alone,
/// and the "Request URL:" / "Request Method:" lines of browser devtools).
///
/// # Errors
/// [`RequestError::NoUrl`] when nothing in the paste is a URL or a path.
pub fn parse(text: &str) -> Result<ParsedRequest, RequestError> {
    let Command { method, url } = command(&split_words(text));
    let url = url.ok_or(RequestError::NoUrl)?;
    let (host, rest) = match url.split_once("://") {
        Some((_, after)) => match after.find('/') {
            Some(slash) => (Some(&after[..slash]), &after[slash..]),
            None => (Some(after), "/"),
        },
        None => (None, url.as_str()),
    };
    let rest = rest.split('#').next().unwrap_or("");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (path, proxied) = match [PWA_PROXY, SLAS_PRIVATE_PROXY]
        .iter()
        .find_map(|p| path.find(p).map(|at| at + p.len()))
    {
        Some(end) => (&path[end..], true),
        None => (path, false),
    };
    let host = host.map(|h| h.rsplit('@').next().unwrap_or(h).to_ascii_lowercase());
    let short_code = host
        .as_deref()
        .and_then(|h| h.strip_suffix(SCAPI_HOST))
        .map(str::to_string);
    Ok(ParsedRequest {
        method,
        host,
        short_code,
        path: if path.is_empty() {
            "/".into()
        } else {
            path.to_string()
        },
        query: query_pairs(query),
        proxied,
    })
}

/// What the words of a paste say: the method (explicit, or `POST` for a curl with data) and the
/// first URL or path.
struct Command {
    method: Option<String>,
    url: Option<String>,
}

/// Reads method and URL from shell-like words, skipping curl options and their values.
fn command(words: &[String]) -> Command {
    let mut method: Option<String> = None;
    let mut url: Option<String> = None;
    let mut has_data = false;
    let mut words = words.iter().map(String::as_str);
    while let Some(w) = words.next() {
        match w {
            "-X" | "--request" => method = words.next().map(str::to_ascii_uppercase),
            "--url" => url = words.next().map(str::to_string),
            "-d" | "--data" | "--data-raw" | "--data-binary" | "--json" | "--data-urlencode" => {
                has_data = true;
                words.next();
            }
            "-H" | "--header" | "-u" | "--user" | "-A" | "-b" | "--cookie" | "-o" | "-e" => {
                words.next();
            }
            _ if w.starts_with("-X") && w.len() > 2 => method = Some(w[2..].to_ascii_uppercase()),
            _ if is_method(w) && method.is_none() => method = Some(w.to_ascii_uppercase()),
            _ if url.is_none() && (w.contains("://") || w.starts_with('/')) => {
                url = Some(w.to_string());
            }
            _ => {}
        }
    }
    if method.is_none() && has_data {
        method = Some("POST".into());
    }
    Command { method, url }
}

/// The query's `key=value` pairs, percent-decoded (`+` is a space in values).
fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(&v.replace('+', " ")))
        })
        .collect()
}

fn is_method(w: &str) -> bool {
    matches!(
        w.to_ascii_uppercase().as_str(),
        "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS"
    ) && w.chars().all(|c| c.is_ascii_alphabetic())
}

/// Shell-like words: quotes group, `\` line continuations vanish, devtools labels are dropped.
fn split_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => quote = Some(c),
            (None, '\\') if chars.peek().is_some_and(|n| *n == '\n' || *n == '\r') => {}
            (None, c) if c.is_whitespace() => {
                if !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                }
            }
            (None, c) => cur.push(c),
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
        .into_iter()
        .map(|w| w.trim_end_matches([',', ';']).to_string())
        .filter(|w| !w.ends_with(':') && !w.is_empty())
        .collect()
}
