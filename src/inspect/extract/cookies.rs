//! Cookies that hold a credential ([`CREDENTIAL_COOKIES`], site-suffixed names included):
//! `Cookie:` / `Set-Cookie:` lines, cookie headers inside a curl, fetch, PowerShell or Node
//! copy, PowerShell's `New-Object System.Net.Cookie("name", "value", …)`, and bare
//! `name=value; …` pairs. Joins the halves of a token split over `cc-at` and `cc-at_2` (with
//! the same site suffix), REFERENCE.md §1.2, §10.

use super::super::text::percent_decode;
use super::found::Finds;
use super::tables::{Cookie, COOKIE_HEADERS, CREDENTIAL_COOKIES, CURL_COOKIE_FLAGS};
use super::{after_separator, boundary_before, Candidate, Paste};

/// The credential cookie `name` is, with its site suffix (`_RefArch`, or "" for none). The
/// longest known name wins, so `cc-at_2_RefArch` is `cc-at_2`, not `cc-at` of site `2_RefArch`.
pub(crate) fn known(name: &str) -> Option<&'static Cookie> {
    known_with_suffix(name).map(|(c, _)| c)
}

fn known_with_suffix(name: &str) -> Option<(&'static Cookie, &str)> {
    CREDENTIAL_COOKIES
        .iter()
        .filter_map(|c| {
            let suffix = name.strip_prefix(c.name)?;
            (suffix.is_empty() || suffix.starts_with(['_', '-'])).then_some((c, suffix))
        })
        .max_by_key(|(c, _)| c.name.len())
}

/// One `name=value` pair and the byte offset of the text it came from.
struct Pair {
    at: usize,
    name: String,
    value: String,
}

/// Every cookie credential in the paste.
pub(crate) fn from_cookies(paste: &Paste, finds: &mut Finds) {
    let (mut pairs, saw_header) = pairs(paste);
    pairs.extend(powershell_cookies(paste));
    if !saw_header && !pairs.iter().any(|p| known(&p.name).is_some()) {
        return;
    }
    let mut read: Vec<String> = Vec::new();
    let mut joined: Vec<usize> = Vec::new();
    // Owned names: the same map type as the session's token index, so one copy of its code.
    let mut by_name: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, p) in pairs.iter().enumerate() {
        by_name.entry(p.name.clone()).or_insert(i);
    }
    for (i, first) in pairs.iter().enumerate() {
        if finds.is_full() {
            break;
        }
        let Some((cookie, suffix)) = known_with_suffix(&first.name) else {
            continue;
        };
        let Some(second_name) = cookie.split_with.map(|s| format!("{s}{suffix}")) else {
            continue;
        };
        let Some(&j) = by_name.get(second_name.as_str()) else {
            continue;
        };
        let second = &pairs[j];
        finds.note(format!(
            "joined the {} and {} cookies: SFRA splits the SLAS access token over the two",
            first.name, second.name
        ));
        finds.add(
            first.at,
            Candidate {
                label: format!("{} + {} cookies", first.name, second.name),
                text: format!("{}{}", first.value, second.value),
                cookie: Some(cookie.name.to_string()),
                ..Candidate::default()
            },
        );
        read.push(format!("{}, {}", first.name, second.name));
        joined.extend([i, j]);
    }
    for (i, pair) in pairs.iter().enumerate() {
        if finds.is_full() {
            break;
        }
        let looks_like_jwt = pair.value.starts_with("eyJ") && pair.value.contains('.');
        let wanted = known(&pair.name).is_some() || looks_like_jwt;
        if joined.contains(&i) || pair.value.is_empty() || !wanted {
            continue;
        }
        read.push(pair.name.clone());
        finds.add(
            pair.at,
            Candidate {
                label: format!("{} cookie", pair.name),
                text: pair.value.clone(),
                cookie: Some(pair.name.clone()),
                ..Candidate::default()
            },
        );
    }
    if !read.is_empty() {
        finds.note(format!("read the cookies {}", read.join(", ")));
        let used = read.iter().map(|f| f.split(", ").count()).sum::<usize>();
        let ignored = pairs.len().saturating_sub(used);
        if ignored > 0 {
            finds.note(format!(
                "ignored {ignored} other cookie(s) that hold no credential"
            ));
        }
    }
}

/// The pairs of every cookie list in the paste, and whether any came from a cookie header.
/// A cookie header's value runs to its closing quote or the end of its line; a line with no
/// header is read as bare pairs.
fn pairs(paste: &Paste) -> (Vec<Pair>, bool) {
    let text = paste.text;
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |at: usize| starts.partition_point(|&s| s <= at).saturating_sub(1);
    let mut header_line = vec![false; starts.len()];
    let mut out = Vec::new();
    for name in COOKIE_HEADERS {
        for at in paste.find_all(name) {
            let line = line_of(at);
            if header_line.get(line) != Some(&false) || !boundary_before(text, at) {
                continue;
            }
            let Some((value, quote)) = after_separator(&text[at + name.len()..]) else {
                continue;
            };
            let end = value
                .find(|c: char| c == '\n' || Some(c) == quote)
                .unwrap_or(value.len());
            let is_set = *name == "set-cookie";
            out.extend(split_pairs(&value[..end], at, is_set));
            header_line[line] = true;
        }
    }
    for (at, value) in curl_cookie_values(paste) {
        let line = line_of(at);
        if header_line.get(line) == Some(&false) {
            out.extend(split_pairs(value, at, false));
            header_line[line] = true;
        }
    }
    let saw_header = header_line.contains(&true);
    for (line, (&start, text_line)) in starts.iter().zip(text.split('\n')).enumerate() {
        // `a=b&c=d` is a form body or query string, not a cookie list.
        let form = text_line.contains('&') && !text_line.contains(';');
        if header_line.get(line) == Some(&false) && !form {
            out.extend(split_pairs(text_line.trim(), start, false));
        }
    }
    (out, saw_header)
}

/// The values of curl's `-b` / `--cookie` flags that are cookie lists (`a=b; c=d`, not the name
/// of a cookie file), with where each flag stands; only in a paste that is a curl command.
fn curl_cookie_values<'a>(paste: &Paste<'a>) -> Vec<(usize, &'a str)> {
    let text = paste.text;
    if !text.trim_start().to_ascii_lowercase().starts_with("curl") {
        return Vec::new();
    }
    let mut out = Vec::new();
    for flag in CURL_COOKIE_FLAGS {
        for at in paste.find_all(flag) {
            let rest = &text[at + flag.len()..];
            let spaced = rest.starts_with([' ', '=']);
            if !boundary_before(text, at) || !spaced {
                continue;
            }
            let rest = rest.trim_start_matches([' ', '=']);
            let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''));
            let value = quote.map_or(rest, |q| &rest[q.len_utf8()..]);
            let end = value
                .find(|c: char| quote.map_or(c.is_whitespace(), |q| c == q) || c == '\n')
                .unwrap_or(value.len());
            let list = &value[..end];
            if list.contains('=') {
                out.push((at, list));
            }
        }
    }
    out
}

/// The credential cookies in one cookie list (a `Cookie` or `Set-Cookie` value), by name.
pub(crate) fn credentials_in(list: &str, is_set: bool) -> Vec<(String, String)> {
    split_pairs(list, 0, is_set)
        .into_iter()
        .filter(|p| known(&p.name).is_some() && !p.value.is_empty())
        .map(|p| (p.name, p.value))
        .collect()
}

/// `a=b; c=d` as pairs; in a `Set-Cookie` value only the first pair is the cookie, the rest
/// are its attributes.
fn split_pairs(list: &str, at: usize, is_set: bool) -> Vec<Pair> {
    let mut out = Vec::new();
    for (i, pair) in list.split(';').enumerate() {
        if is_set && i > 0 {
            break;
        }
        let Some((name, value)) = pair.split_once('=') else {
            continue;
        };
        let name = name.trim().trim_matches(['"', '\'']);
        let value = value.trim().trim_matches(['"', '\'']);
        if !name.is_empty() && !name.contains(char::is_whitespace) {
            out.push(Pair {
                at,
                name: name.to_string(),
                value: percent_decode(value),
            });
        }
    }
    out
}

/// PowerShell's `New-Object System.Net.Cookie("name", "value", "/", "host")`, as "Copy as
/// PowerShell" writes each cookie of `$session`.
fn powershell_cookies(paste: &Paste) -> Vec<Pair> {
    const CALL: &str = "system.net.cookie(";
    let mut out = Vec::new();
    for at in paste.find_all(CALL) {
        let args = &paste.text[at + CALL.len()..];
        let mut quoted = args.split('"').skip(1).step_by(2);
        if let (Some(name), Some(value)) = (quoted.next(), quoted.next()) {
            out.push(Pair {
                at,
                name: name.to_string(),
                value: percent_decode(value),
            });
        }
    }
    out
}
