//! The text is the token itself (perhaps after a scheme word, wrapped over lines, or with log
//! punctuation around it), several tokens (one a line, or `works: …` / `fails: …`), or tokens
//! inside other text.

use super::super::text::{describe_char, is_hidden};
use super::found::Finds;
use super::headers::{scheme_note, split_scheme, whitespace_note};
use super::shape::{group, stands_alone, token_pieces, Joined};
use super::{is_token_char, Candidate, Paste, Scheme};

/// Reads the paste as bare text. Always finds something: with nothing that looks like a token,
/// the text itself, for the decoder to explain.
pub(crate) fn from_bare(paste: &Paste, finds: &mut Finds) {
    let split = split_scheme(paste.text, false);
    if let Some(note) = scheme_note(&split) {
        finds.note(note);
    }
    let (scheme, rest) = (split.scheme, split.rest);
    let offset = paste.text.len() - rest.len();
    if !rest.contains(char::is_whitespace) {
        return one_word(rest, offset, scheme, finds);
    }
    if let Some(pieces) = token_pieces(rest) {
        if rest.contains('\n') || pieces.iter().rev().skip(1).all(|(_, p)| p.len() >= 8) {
            return joined_tokens(rest, offset, &group(&pieces), scheme, finds);
        }
    }
    if !in_text(rest, offset, scheme, finds) {
        finds.add(
            offset,
            Candidate {
                label: "pasted text".into(),
                text: rest.to_string(),
                scheme,
                ..Candidate::default()
            },
        );
    }
}

/// One word: junk at its ends (log punctuation) is dropped; junk inside is part of a bad token,
/// left for the decoder to point at.
fn one_word(rest: &str, at: usize, scheme: Option<Scheme>, finds: &mut Finds) {
    let word = rest.trim_matches(|c: char| !is_token_char(c));
    if word.len() != rest.len() && !word.is_empty() {
        finds.note(around_note(rest, word));
    }
    finds.add(
        at,
        Candidate {
            label: "pasted token".into(),
            text: if word.is_empty() { rest } else { word }.to_string(),
            scheme,
            ..Candidate::default()
        },
    );
}

/// Text of nothing but token characters and whitespace, grouped into tokens: one token is the
/// "pasted token"; several are each labelled by their line.
fn joined_tokens(
    rest: &str,
    offset: usize,
    tokens: &[Joined],
    scheme: Option<Scheme>,
    finds: &mut Finds,
) {
    let starts = line_starts(rest);
    let line_of = |at: usize| starts.partition_point(|&s| s <= at);
    let one_line = starts.len() == 1;
    for (i, token) in tokens.iter().enumerate() {
        let span = rest.get(token.start..token.end).unwrap_or("");
        let removed = span
            .chars()
            .count()
            .saturating_sub(token.text.chars().count());
        if removed > 0 {
            finds.note(whitespace_note(removed));
        }
        let (first, last) = (line_of(token.start), line_of(token.end.saturating_sub(1)));
        let on_line = tokens.iter().filter(|t| line_of(t.start) == first).count();
        let label = match () {
            _ if tokens.len() == 1 => "pasted token".to_string(),
            _ if one_line => format!("token {}", i + 1),
            _ if first != last => format!("lines {first}–{last}"),
            _ if on_line > 1 => format!("line {first}, token {}", i + 1),
            _ => format!("line {first}"),
        };
        finds.add(
            offset + token.start,
            Candidate {
                label,
                text: token.text.clone(),
                scheme,
                ..Candidate::default()
            },
        );
    }
}

/// Tokens inside other text (a log line, `works: eyJ…` / `fails: eyJ…`): compact JWTs
/// anywhere, and any whole token after a short `label:` that begins its line. Returns false
/// when there is none.
fn in_text(rest: &str, offset: usize, scheme: Option<Scheme>, finds: &mut Finds) -> bool {
    let mut found: Vec<(usize, String, Option<String>)> = Vec::new();
    for (n, line) in rest.split('\n').enumerate() {
        let prefix = line_label(line);
        for (i, run) in runs(line) {
            let jwt = run.starts_with("eyJ") && run.contains('.') && run.len() >= 16;
            let after_label = prefix.is_some_and(|(_, end)| i == end) && stands_alone(run);
            if jwt || after_label {
                found.push((n + 1, run.to_string(), prefix.map(|(p, _)| p.to_string())));
            }
        }
        if found.len() >= super::tables::MAX_CANDIDATES {
            break;
        }
    }
    if found.is_empty() {
        return false;
    }
    let kept: usize = found.iter().map(|(_, t, _)| t.len()).sum();
    finds.note(format!(
        "ignored {} characters of text around the token{}",
        rest.len().saturating_sub(kept),
        if found.len() == 1 { "" } else { "s" }
    ));
    let per_line = |line: usize| found.iter().filter(|(l, _, _)| *l == line).count();
    let starts = line_starts(rest);
    for (k, (line, token, prefix)) in found.iter().enumerate() {
        let label = match prefix {
            _ if found.len() == 1 => "token found in the text".to_string(),
            Some(p) if per_line(*line) == 1 => p.clone(),
            _ if starts.len() == 1 => format!("token {} found in the text", k + 1),
            _ if per_line(*line) == 1 => format!("line {line}"),
            _ => format!("line {line}, token {}", k + 1),
        };
        let at = starts.get(line - 1).copied().unwrap_or(0);
        finds.add(
            offset + at,
            Candidate {
                label,
                text: token.clone(),
                scheme,
                ..Candidate::default()
            },
        );
    }
    true
}

/// Runs of token characters in `line`, with their byte offsets.
fn runs(line: &str) -> impl Iterator<Item = (usize, &str)> {
    line.split(|c: char| !is_token_char(c))
        .filter(|r| !r.is_empty())
        .map(move |r| (r.as_ptr() as usize - line.as_ptr() as usize, r))
}

/// A short label that begins a line (`works:`, `fails -`, `old token =`), and the byte offset
/// where the value after it starts.
fn line_label(line: &str) -> Option<(&str, usize)> {
    let sep = line.find([':', '=']).filter(|&i| i <= 40)?;
    let label = line[..=sep].trim();
    let words = label.trim_end_matches([':', '=']).trim();
    let plain = words.starts_with(char::is_alphabetic)
        && words
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '(' | ')' | '.'));
    let value_at = sep + 1 + (line[sep + 1..].len() - line[sep + 1..].trim_start().len());
    plain.then_some((label, value_at))
}

/// Byte offsets where each line of `text` starts.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
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

/// Lines that hold nothing but a whole token of their own, in a paste where other readers
/// found something (a header line, then a refresh token on the next line). A line that is a
/// piece of a token already found (a wrapped header value) is not a token again.
pub(crate) fn standalone_lines(paste: &Paste, finds: &mut Finds) {
    let mut start = 0;
    for (n, line) in paste.text.split('\n').enumerate() {
        let at = start;
        start += line.len() + 1;
        let piece = line.trim();
        if finds.is_full() {
            return;
        }
        if piece.is_empty() || !piece.chars().all(is_token_char) || !stands_alone(piece) {
            continue;
        }
        if !finds.has_text_containing(piece) {
            finds.add(
                at,
                Candidate {
                    label: format!("line {}", n + 1),
                    text: piece.to_string(),
                    ..Candidate::default()
                },
            );
        }
    }
}
