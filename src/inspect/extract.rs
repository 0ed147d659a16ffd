//! From whatever was pasted to the credential(s) it holds: a bare token, a header line, a curl
//! command, a JSON token response, cookies, a URL. Reports, in plain words, what was stripped.
//!
//! Normalisation follows REFERENCE.md §1.1; cookie names follow §10.

use serde_json::Value;

use super::text::{describe_char, is_hidden, percent_decode};

/// How the credential was introduced (`Authorization: <scheme> …`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Bearer,
    Basic,
}

/// One credential found in the input.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Candidate {
    /// Where it came from, for the selector: "access_token", "cc-at cookie", "Authorization header".
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

/// A token request that carried client credentials in its body (`client_secret_post`): the
/// grant and the endpoint, never the secret.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TokenRequest {
    /// `grant_type` as sent (`client_credentials`, `refresh_token` …).
    pub grant_type: Option<String>,
    /// The URL the request went to, when the paste shows it.
    pub endpoint: Option<String>,
}

/// What [`extract`] found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extraction {
    pub candidates: Vec<Candidate>,
    /// What was removed or interpreted to get there, in plain words.
    pub stripped: Vec<String>,
}

/// Characters that occur in base64url, standard base64 and compact JOSE tokens.
pub fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+' | '/' | '=')
}

const JSON_TOKEN_KEYS: &[&str] = &[
    "access_token",
    "id_token",
    "refresh_token",
    "idp_access_token",
    "idp_refresh_token",
    "accessToken",
    "idToken",
    "refreshToken",
    "token",
    "jwt",
];

/// URL / form / log keys whose value is a credential.
const PARAM_KEYS: &[&str] = &[
    "access_token",
    "id_token",
    "refresh_token",
    "idp_access_token",
    "token",
];

/// Headers other than `Authorization` that carry a credential: (name, scheme of the bare value).
const CREDENTIAL_HEADERS: &[(&str, Option<Scheme>)] = &[
    ("authorization", None),
    ("x-slas-client-auth", Some(Scheme::Basic)),
    ("_sfdc_client_auth", Some(Scheme::Basic)),
    ("x-slas-callback-token", None),
    ("sfdc_dwsid", None),
];

/// Cookies whose value is a credential, with what it holds (REFERENCE.md §10). Site-suffixed
/// names (`cc-nx-g_RefArch`) match by prefix.
const CREDENTIAL_COOKIES: &[(&str, &str)] = &[
    ("cc-at_2", "second half of a split SLAS access token"),
    ("cc-at", "SLAS access token (SFRA/plugin_slas)"),
    ("cc-nx-g", "SLAS guest refresh token"),
    ("cc-nx", "SLAS registered refresh token"),
    ("dwsid", "B2C Commerce session id"),
    ("access_token", "access token"),
    ("id_token", "id token"),
    ("refresh_token", "refresh token"),
];

/// Finds the credential(s) in pasted text. Never fails: with nothing recognisable the trimmed
/// text itself is the one candidate, so the decoder can say precisely what is wrong with it.
pub fn extract(input: &str) -> Extraction {
    let mut out = Extraction::default();
    let text = unwrap_quotes(input.trim(), &mut out.stripped);
    if text.is_empty() {
        return out;
    }
    if text.starts_with('{') && from_json(text, &mut out) {
        return out;
    }
    from_headers(text, &mut out);
    from_curl_user(text, &mut out);
    from_cookies(text, &mut out);
    if out.candidates.is_empty() {
        from_params(text, &mut out);
    }
    if out.candidates.is_empty() {
        from_bare(text, &mut out);
    }
    dedupe(&mut out.candidates);
    out
}

/// Removes matching surrounding quotes or backticks (repeatedly) and trailing `,` / `;`.
fn unwrap_quotes<'a>(mut text: &'a str, stripped: &mut Vec<String>) -> &'a str {
    loop {
        let before = text;
        for q in ['"', '\'', '`'] {
            if text.len() >= 2 && text.starts_with(q) && text.ends_with(q) {
                text = text[1..text.len() - 1].trim();
                stripped.push("removed the surrounding quotes".into());
            }
        }
        let trimmed = text.trim_end_matches([',', ';']).trim_end();
        if trimmed.len() != text.len() {
            stripped.push(format!(
                "removed the trailing “{}”",
                &text[trimmed.len()..].trim()
            ));
            text = trimmed;
        }
        if text == before {
            return text;
        }
    }
}

/// A JSON token response or any JSON object holding token fields (searched to depth 8).
fn from_json(text: &str, out: &mut Extraction) -> bool {
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return false;
    };
    let mut found = Vec::new();
    collect_json(&value, 0, &mut found);
    if found.is_empty() {
        // JSON, but no token in it: the decoder says what the JSON holds instead.
        out.candidates.push(Candidate {
            label: "JSON".into(),
            text: text.to_string(),
            scheme: None,
            cookie: None,
            ..Candidate::default()
        });
        return true;
    }
    let names: Vec<&str> = found.iter().map(|(k, _)| k.as_str()).collect();
    out.stripped
        .push(format!("read a JSON object: found {}", names.join(", ")));
    for (key, token) in found {
        let (token, _) = join_wrapped(&token);
        out.candidates.push(Candidate {
            label: key,
            text: token,
            scheme: None,
            cookie: None,
            ..Candidate::default()
        });
    }
    true
}

fn collect_json(value: &Value, depth: usize, found: &mut Vec<(String, String)>) {
    if depth > 8 {
        return;
    }
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match v {
                    Value::String(s)
                        if JSON_TOKEN_KEYS.contains(&key.as_str()) && !s.trim().is_empty() =>
                    {
                        found.push((key.clone(), s.trim().to_string()));
                    }
                    _ => collect_json(v, depth + 1, found),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_json(v, depth + 1, found)),
        _ => {}
    }
}

/// Byte offsets of every case-insensitive occurrence of `needle` (ASCII) in `text`. Lower-casing
/// ASCII keeps every byte offset, so the fast substring search of `str` can do the work.
fn find_all_ci(text: &str, needle: &str) -> Vec<usize> {
    let hay = text.to_ascii_lowercase();
    let needle = needle.to_ascii_lowercase();
    hay.match_indices(&needle).map(|(i, _)| i).collect()
}

/// True when `text[..at]` ends at a word boundary (not a letter, digit, `_` or `-`).
fn boundary_before(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
}

/// `Authorization: Bearer …` anywhere: a header line, a curl `-H`, a log line, HTTP headers
/// copied from devtools. Also the SLAS client-auth and callback headers.
fn from_headers(text: &str, out: &mut Extraction) {
    for &(name, bare_scheme) in CREDENTIAL_HEADERS {
        for at in find_all_ci(text, name) {
            if !boundary_before(text, at) {
                continue;
            }
            let rest = &text[at + name.len()..];
            let rest = rest.trim_start_matches(['"', '\'']).trim_start();
            let Some(rest) = rest.strip_prefix([':', '=']) else {
                continue;
            };
            let rest = rest.trim_start().trim_start_matches(['"', '\'']);
            let (scheme, value) = split_scheme(rest);
            let (token, joined) = header_value(value);
            // "Authorization: Bearer" and nothing else: an empty token, worth saying so.
            let bare_word = scheme.is_none()
                && ["bearer", "basic"]
                    .iter()
                    .any(|w| rest.trim().eq_ignore_ascii_case(w));
            let scheme = if bare_word {
                split_scheme(&format!("{} x", rest.trim())).0
            } else {
                scheme
            };
            if token.is_empty() && scheme.is_none() {
                continue;
            }
            let token = if bare_word { String::new() } else { token };
            let shown = display_header(name);
            out.stripped.push(format!("read the {shown} header"));
            if let Some(s) = scheme {
                out.stripped
                    .push(format!("removed the “{}” scheme", scheme_word(s)));
            }
            if joined > 0 {
                out.stripped.push(whitespace_note(joined));
            }
            out.candidates.push(Candidate {
                label: format!("{shown} header"),
                text: token,
                scheme: scheme.or(bare_scheme),
                cookie: None,
                ..Candidate::default()
            });
        }
    }
}

fn display_header(name: &str) -> String {
    if name == "authorization" {
        "Authorization".into()
    } else {
        name.into()
    }
}

fn scheme_word(scheme: Scheme) -> &'static str {
    match scheme {
        Scheme::Bearer => "Bearer",
        Scheme::Basic => "Basic",
    }
}

/// Splits a leading `Bearer ` / `Basic ` (any case) off `text`.
fn split_scheme(text: &str) -> (Option<Scheme>, &str) {
    for (word, scheme) in [("bearer", Scheme::Bearer), ("basic", Scheme::Basic)] {
        if let Some(head) = text.get(..word.len()) {
            let after = &text[word.len()..];
            if head.eq_ignore_ascii_case(word) && after.starts_with(char::is_whitespace) {
                return (Some(scheme), after.trim_start());
            }
        }
    }
    (None, text)
}

/// The token at the start of a header value: its first run of token characters, continued over
/// following lines that hold nothing but token characters (a token wrapped in a log). Returns
/// the token and how many whitespace characters were removed from inside it.
fn header_value(value: &str) -> (String, usize) {
    let mut lines = value.lines();
    let first = lines.next().unwrap_or("");
    let run: String = first.chars().take_while(|&c| is_token_char(c)).collect();
    let mut token = run.clone();
    let mut removed = 0;
    let rest_of_first = &first[run.len()..];
    if rest_of_first.trim().is_empty() && !run.is_empty() {
        removed += rest_of_first.chars().count();
        for line in lines {
            let piece = line.trim().trim_end_matches(['\'', '"']);
            if piece.is_empty() || !piece.chars().all(is_token_char) {
                break;
            }
            removed += line.chars().count() - piece.chars().count() + 1;
            token.push_str(piece);
            if line.trim_end().ends_with(['\'', '"']) {
                break;
            }
        }
    }
    let removed = if token.len() > run.len() { removed } else { 0 };
    (token, removed)
}

/// What was trimmed from `rest` to leave `word`: invisible characters by name, else a count.
fn around_note(rest: &str, word: &str) -> String {
    let start = rest.find(word).unwrap_or(0);
    let removed = rest[..start]
        .chars()
        .chain(rest[start + word.len()..].chars());
    let mut hidden: Vec<String> = Vec::new();
    let mut count = 0;
    for c in removed {
        count += 1;
        if is_hidden(c) {
            let named = describe_char(c);
            if !hidden.contains(&named) {
                hidden.push(named);
            }
        }
    }
    if hidden.is_empty() {
        format!(
            "removed {count} character{} of punctuation around the token",
            if count == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "removed the invisible {} around the token",
            hidden.join(", ")
        )
    }
}

fn whitespace_note(n: usize) -> String {
    format!("removed {n} spaces or line breaks from inside the token")
}

/// `curl -u client_id:secret` (or `--user`): a Basic credential.
fn from_curl_user(text: &str, out: &mut Extraction) {
    if !text.trim_start().to_ascii_lowercase().starts_with("curl") {
        return;
    }
    for flag in [" -u", " --user"] {
        for at in find_all_ci(text, flag) {
            let rest = text[at + flag.len()..].trim_start_matches(['=', ' ']);
            let quote = rest.chars().next().filter(|c| *c == '\'' || *c == '"');
            let rest = quote.map_or(rest, |q| &rest[q.len_utf8()..]);
            let end = rest
                .find(|c: char| quote.map_or(c.is_whitespace(), |q| c == q))
                .unwrap_or(rest.len());
            let userpass = &rest[..end];
            if userpass.contains(':') {
                out.stripped.push(format!(
                    "read the client id and secret given to curl with {}",
                    flag.trim()
                ));
                out.candidates.push(Candidate {
                    label: format!("curl {}", flag.trim()),
                    text: super::jose::encode_standard(userpass.as_bytes()),
                    scheme: Some(Scheme::Basic),
                    cookie: None,
                    ..Candidate::default()
                });
            }
        }
    }
}

/// `Cookie:` / `Set-Cookie:` lines or bare `name=value; …` pairs holding SFCC cookies. Joins
/// `cc-at` and `cc-at_2`, the halves of a split SLAS token (REFERENCE.md §1.2, §10).
fn from_cookies(text: &str, out: &mut Extraction) {
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut saw_header = false;
    for line in text.lines() {
        let line = line.trim();
        let lower = line.to_ascii_lowercase();
        let (body, is_set) = if lower.starts_with("set-cookie:") {
            (&line["set-cookie:".len()..], true)
        } else if lower.starts_with("cookie:") {
            (&line["cookie:".len()..], false)
        } else {
            (line, false)
        };
        saw_header |= body.len() != line.len();
        for (i, pair) in body.split(';').enumerate() {
            // In Set-Cookie only the first pair is the cookie; the rest are attributes.
            if is_set && i > 0 {
                break;
            }
            let Some((name, value)) = pair.split_once('=') else {
                continue;
            };
            let name = name.trim().trim_matches(['"', '\'']);
            let value = value.trim().trim_matches(['"', '\'']);
            if !name.is_empty() && !name.contains(char::is_whitespace) {
                pairs.push((name.to_string(), percent_decode(value)));
            }
        }
    }
    let known = |name: &str| cookie_meaning(name).is_some();
    if !saw_header && !pairs.iter().any(|(n, _)| known(n)) {
        return;
    }
    let first_half = pairs
        .iter()
        .find(|(n, _)| n == "cc-at")
        .map(|(_, v)| v.clone());
    let second_half = pairs
        .iter()
        .find(|(n, _)| n == "cc-at_2")
        .map(|(_, v)| v.clone());
    let mut found = Vec::new();
    if let (Some(a), Some(b)) = (&first_half, &second_half) {
        out.stripped.push(
            "joined the cc-at and cc-at_2 cookies: SFRA splits the SLAS access token over the two"
                .into(),
        );
        out.candidates.push(Candidate {
            label: "cc-at + cc-at_2 cookies".into(),
            text: format!("{a}{b}"),
            scheme: None,
            cookie: Some("cc-at".into()),
            ..Candidate::default()
        });
        found.push("cc-at, cc-at_2".to_string());
    }
    for (name, value) in &pairs {
        let joined = first_half.is_some() && second_half.is_some() && name.starts_with("cc-at");
        let meaning = cookie_meaning(name);
        let looks_like_jwt = value.starts_with("eyJ") && value.contains('.');
        if joined || value.is_empty() || (meaning.is_none() && !looks_like_jwt) {
            continue;
        }
        found.push(name.clone());
        out.candidates.push(Candidate {
            label: format!("{name} cookie"),
            text: value.clone(),
            scheme: None,
            cookie: Some(name.clone()),
            ..Candidate::default()
        });
    }
    if !found.is_empty() {
        out.stripped
            .push(format!("read the cookies {}", found.join(", ")));
        let ignored = pairs.len() - found.iter().map(|f| f.split(", ").count()).sum::<usize>();
        if ignored > 0 {
            out.stripped.push(format!(
                "ignored {ignored} other cookie(s) that hold no credential"
            ));
        }
    }
}

/// What a cookie named `name` holds, for credential cookies.
pub fn cookie_meaning(name: &str) -> Option<&'static str> {
    CREDENTIAL_COOKIES
        .iter()
        .find(|(known, _)| {
            name == *known
                || (name.starts_with(known)
                    && name[known.len()..].starts_with(['_', '-'])
                    && *known != "cc-at")
        })
        .map(|(_, meaning)| *meaning)
}

/// `access_token=…`, `#id_token=…`, `"refresh_token": "…"` in a URL, form body or log line.
fn from_params(text: &str, out: &mut Extraction) {
    for key in PARAM_KEYS {
        for at in find_all_ci(text, key) {
            if !boundary_before(text, at) {
                continue;
            }
            let rest = text[at + key.len()..]
                .trim_start_matches(['"', '\''])
                .trim_start();
            let Some(rest) = rest.strip_prefix(['=', ':']) else {
                continue;
            };
            let rest = rest.trim_start().trim_start_matches(['"', '\'']);
            let raw: String = rest
                .chars()
                .take_while(|&c| is_token_char(c) || c == '%')
                .collect();
            let value = percent_decode(&raw);
            if value.len() < 8 {
                continue;
            }
            out.stripped.push(format!("read the {key} parameter"));
            out.candidates.push(Candidate {
                label: (*key).to_string(),
                text: value,
                scheme: None,
                cookie: None,
                ..Candidate::default()
            });
        }
    }
}

/// The text is the token itself, perhaps with a scheme word, wrapped over lines, or buried in
/// other text.
fn from_bare(text: &str, out: &mut Extraction) {
    let (scheme, rest) = split_scheme(text);
    if let Some(s) = scheme {
        out.stripped
            .push(format!("removed the “{}” scheme", scheme_word(s)));
    }
    if !rest.contains(char::is_whitespace) {
        // One word: junk at its ends (log punctuation) is dropped; junk inside is part of a bad
        // token, left for the decoder to point at.
        let word = rest.trim_matches(|c: char| !is_token_char(c));
        if word.len() != rest.len() && !word.is_empty() {
            out.stripped.push(around_note(rest, word));
        }
        out.candidates.push(Candidate {
            label: "pasted token".into(),
            text: if word.is_empty() { rest } else { word }.to_string(),
            scheme,
            cookie: None,
            ..Candidate::default()
        });
        return;
    }
    let (joined, removed) = join_wrapped(rest);
    if joined.chars().all(is_token_char) && looks_wrapped(rest) {
        out.stripped.push(whitespace_note(removed));
        out.candidates.push(Candidate {
            label: "pasted token".into(),
            text: joined,
            scheme,
            cookie: None,
            ..Candidate::default()
        });
        return;
    }
    let jwts: Vec<&str> = rest
        .split(|c: char| !is_token_char(c))
        .filter(|run| run.starts_with("eyJ") && run.contains('.') && run.len() >= 16)
        .collect();
    if !jwts.is_empty() {
        let kept: usize = jwts.iter().map(|j| j.len()).sum();
        out.stripped.push(format!(
            "ignored {} characters of text around the token",
            rest.len().saturating_sub(kept)
        ));
        for (i, jwt) in jwts.iter().enumerate() {
            out.candidates.push(Candidate {
                label: if jwts.len() == 1 {
                    "token found in the text".into()
                } else {
                    format!("token {} found in the text", i + 1)
                },
                text: (*jwt).to_string(),
                scheme,
                cookie: None,
                ..Candidate::default()
            });
        }
        return;
    }
    out.candidates.push(Candidate {
        label: "pasted text".into(),
        text: rest.to_string(),
        scheme,
        cookie: None,
        ..Candidate::default()
    });
}

/// The credential in a URL fragment such as `#token=…`, `#access_token=…&token_type=Bearer` or
/// `#id_token=…` (the page's own address, for links that open the inspector on a token).
pub fn token_from_fragment(fragment: &str) -> Option<String> {
    let fragment = fragment.trim_start_matches('#');
    fragment.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (PARAM_KEYS.contains(&key) && !value.is_empty()).then(|| percent_decode(value))
    })
}

/// Removes all whitespace; returns the result and how many characters were removed.
fn join_wrapped(text: &str) -> (String, usize) {
    let joined: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let removed = text.chars().count() - joined.chars().count();
    (joined, removed)
}

/// Whitespace-separated pieces look like one token cut into lines, not like words: every piece
/// but the last is at least 8 characters, or the text has line breaks.
fn looks_wrapped(text: &str) -> bool {
    let pieces: Vec<&str> = text.split_whitespace().collect();
    text.contains('\n')
        || pieces[..pieces.len().saturating_sub(1)]
            .iter()
            .all(|p| p.len() >= 8)
}

fn dedupe(candidates: &mut Vec<Candidate>) {
    let mut seen = std::collections::HashSet::new();
    candidates.retain(|c| seen.insert(c.text.clone()));
}
