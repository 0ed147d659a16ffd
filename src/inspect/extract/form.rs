//! Keys given a value in a URL, a form body or a log line (`access_token=…`,
//! `#id_token=…`, `"refresh_token": "…"`), and token requests that post client credentials in
//! their body, as the Account Manager docs say to (`client_secret_post`:
//! `grant_type=client_credentials&client_id=…&client_secret=…`).

use super::super::jose::encode_standard;
use super::super::text::percent_decode;
use super::devtools::token_request;
use super::found::Finds;
use super::tables::{CLIENT_ID_KEY, CLIENT_SECRET_KEY, PARAM_KEYS};
use super::{after_separator, boundary_before, is_token_char, Candidate, Paste, Scheme};
use crate::inspect::order::smallest_by_key;

/// The value given to the key found at byte offset `at` (`key=value`, `key: value`,
/// `"key": "value"`), percent-decoded, with the byte offset where it ends. A quoted value runs
/// to its closing quote; a bare one to `&`, whitespace or punctuation that no form value holds
/// unescaped.
fn value_at(text: &str, at: usize, key: &str) -> Option<(usize, String)> {
    if !boundary_before(text, at) {
        return None;
    }
    let after_key = text.get(at + key.len()..)?;
    let (value, quote) = after_separator(after_key)?;
    let end = value
        .find(|c: char| match quote {
            Some(q) => c == q || c == '\n',
            None => !(is_token_char(c) || matches!(c, '%' | '~' | '*' | ':' | '!' | '@')),
        })
        .unwrap_or(value.len());
    let raw = value.get(..end)?;
    let value_end = text.len() - value.len() + end;
    Some((value_end, percent_decode(raw.trim())))
}

/// The value of `key` nearest to byte offset `at`, if the paste gives the key one.
pub(crate) fn nearest_value(paste: &Paste, key: &str, at: usize) -> Option<String> {
    // Reading a value costs its length: the few nearest places are enough.
    smallest_by_key(paste.find_all(key), 8, |i| i.abs_diff(at))
        .into_iter()
        .filter_map(|i| value_at(paste.text, i, key).map(|(_, v)| v))
        .find(|v| !v.is_empty())
}

/// `access_token=…`, `#id_token=…`, `"refresh_token": "…"` in a URL, form body or log line. A
/// value already found by another reader (the same token in a cookie) is not listed again.
pub(crate) fn from_params(paste: &Paste, finds: &mut Finds) {
    for key in PARAM_KEYS {
        let mut consumed = 0;
        for at in paste.find_all(key) {
            if finds.is_full() {
                return;
            }
            // An occurrence inside the value just read is part of that value.
            if at < consumed {
                continue;
            }
            let Some((end, value)) = value_at(paste.text, at, key) else {
                continue;
            };
            consumed = end;
            let value: String = value.chars().take_while(|&c| is_token_char(c)).collect();
            if value.len() < 8 || finds.has_text(&value) {
                continue;
            }
            finds.note(format!("read the {key} parameter"));
            finds.add(
                at,
                Candidate {
                    label: (*key).to_string(),
                    text: value,
                    ..Candidate::default()
                },
            );
        }
    }
}

/// Client credentials posted in a token request's body: each `client_secret` with the nearest
/// `client_id`, read like a `Basic` header (the text is base64 of `client_id:client_secret`),
/// with the grant and endpoint of the request. The secret is never put in a label or a note.
pub(crate) fn from_client_credentials(paste: &Paste, finds: &mut Finds) {
    let mut consumed = 0;
    for at in paste.find_all(CLIENT_SECRET_KEY) {
        if finds.is_full() {
            return;
        }
        if at < consumed {
            continue;
        }
        let Some((end, secret)) = value_at(paste.text, at, CLIENT_SECRET_KEY) else {
            continue;
        };
        consumed = end;
        if secret.is_empty() {
            continue;
        }
        let client_id = nearest_value(paste, CLIENT_ID_KEY, at)
            .unwrap_or_else(|| "(no client_id in the paste)".into());
        finds.note("read the client id and secret posted in the token request's body (client_secret_post); the secret is masked");
        finds.add(
            at,
            client_credentials(&client_id, &secret, token_request(paste, at)),
        );
    }
}

/// The candidate for client credentials posted in a body.
pub(crate) fn client_credentials(
    client_id: &str,
    secret: &str,
    request: super::TokenRequest,
) -> Candidate {
    Candidate {
        label: "client credentials in the request body".into(),
        text: encode_standard(format!("{client_id}:{secret}").as_bytes()),
        scheme: Some(Scheme::Basic),
        token_request: Some(request),
        ..Candidate::default()
    }
}
