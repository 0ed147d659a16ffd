//! What browsers' "Copy as cURL (cmd)" and raw request dumps put around a request: Windows
//! `cmd` escapes to undo, `curl -u` credentials, and the URL a request went to (a curl or fetch
//! URL, a request line with its `Host`, or HTTP/2 `:authority` and `:path` pseudo-headers).

use std::borrow::Cow;

use super::super::jose::encode_standard;
use super::found::Finds;
use super::tables::CURL_USER_FLAGS;
use super::{Candidate, Paste, Scheme, TokenRequest};

/// Undoes Windows `cmd` quoting in a "Copy as cURL (cmd)" paste: `^` escapes the next
/// character (`^"` is a quote) and a `^` at the end of a line continues the command.
pub(crate) fn normalise<'a>(text: &'a str, finds: &mut Finds) -> Cow<'a, str> {
    let is_curl = text
        .trim_start()
        .get(..4)
        .is_some_and(|h| h.eq_ignore_ascii_case("curl"));
    if !is_curl || !(text.contains("^\"") || text.contains("^\n") || text.contains("^\r\n")) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '^' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\r') if chars.peek() == Some(&'\n') => {
                chars.next();
            }
            Some('\n') | None => {}
            Some(escaped) => out.push(escaped),
        }
    }
    finds.note("read a Windows cmd curl command: removed its ^ escapes and line continuations");
    Cow::Owned(out)
}

/// `curl -u client_id:secret` (or `--user`): Basic credentials, with the token request they
/// were sent in.
pub(crate) fn from_curl_user(paste: &Paste, finds: &mut Finds) {
    if !paste.starts_with_ci("curl") {
        return;
    }
    let text = paste.text;
    for flag in CURL_USER_FLAGS {
        for at in paste.find_all(&format!(" {flag}")) {
            let rest = text[at + flag.len() + 1..].trim_start_matches(['=', ' ']);
            let quote = rest.chars().next().filter(|c| *c == '\'' || *c == '"');
            let rest = quote.map_or(rest, |q| &rest[q.len_utf8()..]);
            let end = rest
                .find(|c: char| quote.map_or(c.is_whitespace(), |q| c == q))
                .unwrap_or(rest.len());
            let userpass = &rest[..end];
            if !userpass.contains(':') {
                continue;
            }
            finds.note(format!(
                "read the client id and secret given to curl with {flag} (the secret is masked)"
            ));
            finds.add(
                at,
                Candidate {
                    label: format!("curl {flag}"),
                    text: encode_standard(userpass.as_bytes()),
                    scheme: Some(Scheme::Basic),
                    token_request: Some(token_request(paste, at)),
                    ..Candidate::default()
                },
            );
        }
    }
}

/// The token request around byte offset `at`: the nearest `grant_type` and the request's URL.
pub(crate) fn token_request(paste: &Paste, at: usize) -> TokenRequest {
    TokenRequest {
        grant_type: super::form::nearest_value(paste, super::tables::GRANT_TYPE_KEY, at),
        endpoint: endpoint(paste, at),
    }
}

/// The URL of the request holding byte offset `at`: the last `http(s)://` URL before it (else
/// the first after it), or the request line and `Host` of a raw dump, or `:authority` +
/// `:path` from HTTP/2 request headers.
pub(crate) fn endpoint(paste: &Paste, at: usize) -> Option<String> {
    let urls: Vec<usize> = paste.find_all("http");
    let url_at = |i: usize| -> Option<String> {
        let rest = paste.text.get(i..)?;
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '\'' | '"' | '^' | '`' | ')'))
            .unwrap_or(rest.len());
        let url = &rest[..end];
        (url.starts_with("https://") || url.starts_with("http://")).then(|| url.to_string())
    };
    let before = urls
        .iter()
        .rev()
        .filter(|&&i| i < at)
        .find_map(|&i| url_at(i));
    before
        .or_else(|| urls.iter().find_map(|&i| url_at(i)))
        .or_else(|| from_request_dump(paste))
}

/// `POST /path HTTP/1.1` with `Host: …`, or `:authority:` with `:path:`.
fn from_request_dump(paste: &Paste) -> Option<String> {
    let header = |name: &str| -> Option<&str> {
        paste.text.lines().find_map(|line| {
            let line = line.trim();
            let head = line.get(..name.len())?;
            head.eq_ignore_ascii_case(name)
                .then(|| line[name.len()..].trim())
                .filter(|v| !v.is_empty())
        })
    };
    let host = header("host:").or_else(|| header(":authority:"))?;
    let path = header(":path:").or_else(|| {
        let first = paste.text.lines().next()?.trim();
        let mut words = first.split_whitespace();
        let method = words.next()?;
        let path = words.next()?;
        let http = words.next()?;
        (method.chars().all(|c| c.is_ascii_uppercase()) && http.starts_with("HTTP/"))
            .then_some(path)
    })?;
    Some(format!("https://{host}{path}"))
}
