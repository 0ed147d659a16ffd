//! `Authorization: <scheme> <token>` and the other credential headers of
//! [`CREDENTIAL_HEADERS`], wherever they stand: a header line, devtools' copied request headers,
//! a curl `-H`, a fetch or PowerShell copy (`"authorization"="Bearer …"`), a Node object
//! (`authorization: 'Bearer …'`), a log line.

use super::found::Finds;
use super::shape::Joined;
use super::tables::{Header, CREDENTIAL_HEADERS, MAX_SCHEME_WORD, SCHEMES};
use super::{after_separator, boundary_before, is_token_char, Candidate, Paste, Scheme};

/// A scheme word split off a header value: the scheme, the word as written, the rest.
pub(crate) struct Split<'a> {
    pub scheme: Option<Scheme>,
    pub word: &'a str,
    pub rest: &'a str,
}

/// Splits a leading scheme word off `text`: a word of [`SCHEMES`] (any case), or, when
/// `any_word` is set (a header value), any short word followed by a token
/// (`Authorization: Negotiate …`), and a lone scheme word is a scheme with nothing after it,
/// never the token.
pub(crate) fn split_scheme(text: &str, any_word: bool) -> Split<'_> {
    let word_end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(text.len());
    let word = &text[..word_end];
    let after = &text[word_end..];
    let none = Split {
        scheme: None,
        word: "",
        rest: text,
    };
    // In a header a lone scheme word is a scheme with no token; pasted alone, the decoder
    // explains the word itself.
    let separated = (any_word && after.is_empty()) || after.starts_with(char::is_whitespace);
    if word.is_empty() || !separated {
        return none;
    }
    let rest = after.trim_start_matches([' ', '\t', '\r']);
    // The token may be on the next line (a header copied as name and value lines); anything
    // else there is another header, and this scheme word stands alone.
    let rest = match rest.strip_prefix('\n') {
        Some(next) if token_line(next) => next.trim_start(),
        Some(_) => "",
        None => rest,
    };
    if let Some((_, scheme)) = SCHEMES.iter().find(|(w, _)| w.eq_ignore_ascii_case(word)) {
        return Split {
            scheme: Some(*scheme),
            word,
            rest,
        };
    }
    // An unlisted word counts only when a token follows it on the same line.
    let run = rest.chars().take_while(|&c| is_token_char(c)).count();
    let is_word = word.len() <= MAX_SCHEME_WORD && word.chars().all(|c| c.is_ascii_alphabetic());
    if any_word && is_word && run >= 8 {
        return Split {
            scheme: Some(Scheme::Other),
            word,
            rest,
        };
    }
    none
}

/// True when the first line of `text` is one run of token characters.
fn token_line(text: &str) -> bool {
    let line = text.split('\n').next().unwrap_or("").trim();
    !line.is_empty() && line.chars().all(is_token_char)
}

/// The note naming the scheme word that was removed.
pub(crate) fn scheme_note(split: &Split) -> Option<String> {
    split.scheme.map(|s| {
        let word = if s == Scheme::Other {
            split.word
        } else {
            s.word()
        };
        format!("removed the “{word}” scheme")
    })
}

/// Every credential header in the paste.
pub(crate) fn from_headers(paste: &Paste, finds: &mut Finds) {
    for header in CREDENTIAL_HEADERS {
        for at in paste.find_all(header.name) {
            if finds.is_full() {
                return;
            }
            if boundary_before(paste.text, at) {
                read_header(paste.text, at, header, finds);
            }
        }
    }
}

fn read_header(text: &str, at: usize, header: &Header, finds: &mut Finds) {
    let Some((value, _quote)) = after_separator(&text[at + header.name.len()..]) else {
        return;
    };
    let split = split_scheme(value, true);
    let (token, joined) = header_value(split.rest);
    if token.is_empty() && split.scheme.is_none() {
        return;
    }
    finds.note(format!("read the {} header", header.shown));
    if let Some(note) = scheme_note(&split) {
        finds.note(note);
    }
    if joined > 0 {
        finds.note(whitespace_note(joined));
    }
    finds.add(
        at,
        Candidate {
            label: format!("{} header", header.shown),
            text: token,
            scheme: split.scheme.or(header.bare_scheme),
            ..Candidate::default()
        },
    );
}

/// The token at the start of a header value: its first run of token characters, continued over
/// following lines that hold nothing but token characters (a token wrapped in a log) unless
/// they stand as a token of their own. Returns the token and how many whitespace characters
/// were removed from inside it.
pub(crate) fn header_value(value: &str) -> (String, usize) {
    let mut lines = value.split('\n');
    let first = lines.next().unwrap_or("");
    let run_len = first
        .find(|c: char| !is_token_char(c))
        .unwrap_or(first.len());
    let run = &first[..run_len];
    if run.is_empty() || !first[run_len..].trim().is_empty() {
        return (run.to_string(), 0);
    }
    let mut token = Joined::new(run, 0);
    let mut removed = first[run_len..].chars().count();
    for line in lines {
        let piece = line.trim().trim_end_matches(['\'', '"']);
        if piece.is_empty() || !piece.chars().all(is_token_char) || !token.continues_with(piece) {
            break;
        }
        removed += line.chars().count() - piece.chars().count() + 1;
        token.push(piece, 0);
        if line.trim_end().ends_with(['\'', '"']) {
            break;
        }
    }
    let removed = if token.pieces > 1 { removed } else { 0 };
    (token.text, removed)
}

/// The note for whitespace removed from inside a token.
pub(crate) fn whitespace_note(n: usize) -> String {
    format!("removed {n} spaces or line breaks from inside the token")
}
