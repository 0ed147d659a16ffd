//! From whatever was pasted to the credential(s) it holds, and, in plain words, what was stripped
//! to get there. Normalisation follows REFERENCE.md §1.1; cookie names follow §10.
//!
//! Each form of paste has its own reader, and each reader is driven by the tables in
//! [`tables`] (header names, cookie names, JSON keys, scheme words, curl flags, grants):
//!
//! - [`json`]: a JSON document or JSON log lines, walked to any depth (token responses, HAR
//!   files, Postman exports), labelled by JSON path;
//! - [`devtools`]: what browsers' "Copy as …" and raw request dumps add around a request
//!   (Windows `cmd` escapes, the request target), and `curl -u`;
//! - [`headers`]: `Authorization: <any scheme> …` and the other credential headers, wherever
//!   they stand (a header line, a curl `-H`, a fetch or PowerShell copy, a Node object);
//! - [`cookies`]: `Cookie:` / `Set-Cookie:` values, `name=value` pairs, PowerShell cookies;
//! - [`form`]: `access_token=…` parameters and token requests that post client credentials;
//! - [`bare`]: the token itself, several tokens on several lines, or tokens inside other text.
//!
//! The readers add what they find to [`found::Finds`], which labels each credential by where
//! it was found and shows a credential found twice once, with every place.

mod bare;
mod cookies;
mod devtools;
mod form;
mod found;
mod headers;
mod json;
mod shape;
pub mod tables;

use super::text::percent_decode;
use found::Finds;

/// How the credential was introduced (`Authorization: <scheme> …`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// `Bearer` (RFC 6750).
    Bearer,
    /// `Basic` (RFC 7617): base64 of `client_id:client_secret`.
    Basic,
    /// `DPoP` (RFC 9449): a sender-constrained access token.
    Dpop,
    /// `SLAS`, a word some SFCC clients send in place of `Bearer`.
    Slas,
    /// Any other scheme word; the word itself is named in what was stripped.
    Other,
}

impl Scheme {
    /// The scheme word as usually written (`Other` has none of its own).
    pub fn word(self) -> &'static str {
        match self {
            Scheme::Bearer => "Bearer",
            Scheme::Basic => "Basic",
            Scheme::Dpop => "DPoP",
            Scheme::Slas => "SLAS",
            Scheme::Other => "scheme",
        }
    }
}

/// One credential found in the input.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Candidate {
    /// Where it came from, for the selector: "access_token", "cc-at cookie", "line 2",
    /// `log.entries[3].request.headers[authorization]`; "line 1, line 3" when found twice.
    pub label: String,
    /// Every place it was found, when the same credential occurs more than once (else empty).
    pub places: Vec<String>,
    /// The token request it was sent in, for client credentials posted in a form body.
    pub token_request: Option<TokenRequest>,
    /// The credential text to decode.
    pub text: String,
    /// The scheme word that preceded it, if any.
    pub scheme: Option<Scheme>,
    /// Cookie name when the credential came from a cookie.
    pub cookie: Option<String>,
}

/// A token request that carried client credentials (`client_secret_post` in its body, or
/// `curl -u`): the grant and the endpoint, never the secret.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TokenRequest {
    /// `grant_type` as sent (`client_credentials`, `refresh_token` …).
    pub grant_type: Option<String>,
    /// The URL the request went to, when the paste shows it.
    pub endpoint: Option<String>,
}

impl TokenRequest {
    /// What the grant asks for, in a sentence (REFERENCE.md §2.6, §4), for known grants.
    pub fn grant_meaning(&self) -> Option<&'static str> {
        let grant = self.grant_type.as_deref()?;
        tables::GRANTS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(grant))
            .map(|(_, meaning)| *meaning)
    }

    /// Which token service the endpoint belongs to (Account Manager or SLAS), when known.
    pub fn service(&self) -> Option<&'static str> {
        let endpoint = self.endpoint.as_deref()?.to_ascii_lowercase();
        tables::TOKEN_ENDPOINTS
            .iter()
            .find(|(marker, _)| endpoint.contains(marker))
            .map(|(_, service)| *service)
    }
}

/// What [`extract`] found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extraction {
    /// Every credential found, each once, in the order first found.
    pub candidates: Vec<Candidate>,
    /// What was removed or interpreted to get there, in plain words.
    pub stripped: Vec<String>,
}

/// Characters that occur in base64url, standard base64 and compact JOSE tokens.
pub fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+' | '/' | '=')
}

/// Finds the credential(s) in pasted text. Never fails: with nothing recognisable the trimmed
/// text itself is the one candidate, so the decoder can say precisely what is wrong with it.
pub fn extract(input: &str) -> Extraction {
    let mut finds = Finds::default();
    let text = unwrap_quotes(input.trim(), &mut finds);
    if text.is_empty() {
        // Only punctuation (`,`, `""`): never a silent blank page; the decoder says what it is.
        if !input.trim().is_empty() {
            let candidate = Candidate {
                label: "pasted text".into(),
                text: input.trim().to_string(),
                ..Candidate::default()
            };
            finds.add(0, candidate);
        }
        return finds.finish(text);
    }
    if json::from_document(text, &mut finds) {
        return finds.finish(text);
    }
    let text = devtools::normalise(text, &mut finds);
    let text = json::from_lines(&text, &mut finds);
    let paste = Paste::new(&text);
    for reader in READERS {
        reader(&paste, &mut finds);
    }
    if finds.is_empty() {
        bare::from_bare(&paste, &mut finds);
    } else {
        bare::standalone_lines(&paste, &mut finds);
    }
    finds.finish(&text)
}

/// The readers of a text paste, in the order their findings are listed.
const READERS: &[fn(&Paste, &mut Finds)] = &[
    headers::from_headers,
    devtools::from_curl_user,
    form::from_client_credentials,
    cookies::from_cookies,
    form::from_params,
];

/// The pasted text with its ASCII lower-case copy, for case-insensitive searches that keep
/// byte offsets (lower-casing ASCII never moves a byte).
pub(crate) struct Paste<'a> {
    /// The text as pasted (after normalisation).
    text: &'a str,
    lower: String,
}

impl<'a> Paste<'a> {
    fn new(text: &'a str) -> Paste<'a> {
        Paste {
            text,
            lower: text.to_ascii_lowercase(),
        }
    }

    /// Byte offsets of every case-insensitive occurrence of `needle` (ASCII), at most
    /// [`tables::MAX_OCCURRENCES`] of them.
    fn find_all(&self, needle: &str) -> Vec<usize> {
        let needle = needle.to_ascii_lowercase();
        self.lower
            .match_indices(&needle)
            .map(|(i, _)| i)
            .take(tables::MAX_OCCURRENCES)
            .collect()
    }

    /// True when the text starts with `prefix`, ignoring case.
    fn starts_with_ci(&self, prefix: &str) -> bool {
        self.lower.trim_start().starts_with(prefix)
    }
}

/// True when `text[..at]` ends at a word boundary (not a letter, digit, `_` or `-`).
fn boundary_before(text: &str, at: usize) -> bool {
    text.get(..at)
        .and_then(|t| t.chars().next_back())
        .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
}

/// What follows a key or header name when a value is given to it: optional closing quote, then
/// `:` or `=`, then optional opening quote. Returns the value's text and its opening quote.
fn after_separator(rest: &str) -> Option<(&str, Option<char>)> {
    let rest = rest.trim_start_matches(['"', '\'']).trim_start();
    let rest = rest.strip_prefix([':', '='])?;
    let rest = rest.trim_start();
    let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''));
    Some((quote.map_or(rest, |q| &rest[q.len_utf8()..]), quote))
}

/// Removes matching surrounding quotes or backticks (repeatedly) and trailing `,` / `;`.
fn unwrap_quotes<'a>(mut text: &'a str, finds: &mut Finds) -> &'a str {
    loop {
        let before = text;
        for q in ['"', '\'', '`'] {
            if text.len() >= 2 && text.starts_with(q) && text.ends_with(q) {
                text = text[1..text.len() - 1].trim();
                finds.note("removed the surrounding quotes");
            }
        }
        let trimmed = text.trim_end_matches([',', ';']).trim_end();
        if trimmed.len() != text.len() {
            finds.note(format!(
                "removed the trailing “{}”",
                text[trimmed.len()..].trim()
            ));
            text = trimmed;
        }
        if text == before {
            return text;
        }
    }
}

/// What a cookie named `name` holds, for credential cookies (site-suffixed names such as
/// `cc-nx-g_RefArch` included).
pub fn cookie_meaning(name: &str) -> Option<&'static str> {
    cookies::known(name).map(|c| c.meaning)
}

/// The credential in a URL fragment such as `#token=…`, `#access_token=…&token_type=Bearer` or
/// `#id_token=…` (the page's own address, for links that open the inspector on a token).
pub fn token_from_fragment(fragment: &str) -> Option<String> {
    let fragment = fragment.trim_start_matches('#');
    fragment.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (tables::PARAM_KEYS.contains(&key) && !value.is_empty()).then(|| percent_decode(value))
    })
}
