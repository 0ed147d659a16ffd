//! Whether a run of token characters stands as a token on its own, and joining the pieces of a
//! token broken over lines. Whitespace is removed from inside a token only when the pieces do
//! not each stand alone: two tokens on two lines stay two, while the RFC 7519 example printed
//! with a line break at each dot is one.

use super::super::jose::{self, Role};
use super::is_token_char;

/// True when `s` is, by its shape alone, a whole credential: a compact JWS/JWE whose header
/// decodes to a JSON object and whose parts are all present, or one of the opaque SFCC shapes
/// (43-character refresh token, two of them joined by a dot, 27-character AM token, dwsid).
pub fn stands_alone(s: &str) -> bool {
    whole_jose(s) || opaque(s)
}

fn b64url(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn whole_jose(s: &str) -> bool {
    if !s.starts_with("eyJ") {
        return false;
    }
    let parts: Vec<&str> = s.split('.').collect();
    matches!(parts.len(), 3 | 5)
        && parts.iter().all(|p| !p.is_empty())
        && header_decodes(parts.first().copied().unwrap_or(""))
}

/// The first part decodes to a JSON object: a real JOSE header, not a chance `eyJ`.
pub fn header_decodes(part: &str) -> bool {
    jose::decode_segment(part, 1, Role::Header)
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(&b).ok())
        .is_some()
}

fn opaque(s: &str) -> bool {
    let dwsid =
        s.ends_with("==") && (80..=100).contains(&s.len()) && b64url(s.trim_end_matches('='));
    let two_part = s
        .split_once('.')
        .is_some_and(|(a, b)| a.len() == 43 && b.len() == 43 && b64url(a) && b64url(b));
    (b64url(s) && matches!(s.len(), 27 | 43)) || two_part || dwsid
}

/// A token being joined from pieces, and where it lies in the text. What decides whether it
/// stands alone is kept up to date piece by piece, so joining many pieces stays linear.
#[derive(Debug, Clone)]
pub struct Joined {
    /// The pieces joined.
    pub text: String,
    /// Byte offset of the first piece.
    pub start: usize,
    /// Byte offset just after the last piece.
    pub end: usize,
    /// How many pieces were joined.
    pub pieces: usize,
    width: usize,
    same_width: bool,
    dots: usize,
    double_dot: bool,
    header_ok: Option<bool>,
}

impl Joined {
    /// A token starting with `piece`, found at byte offset `at`.
    pub fn new(piece: &str, at: usize) -> Joined {
        let mut joined = Joined {
            text: String::new(),
            start: at,
            end: at,
            pieces: 0,
            width: piece.len(),
            same_width: true,
            dots: 0,
            double_dot: false,
            header_ok: None,
        };
        joined.push(piece, at);
        joined
    }

    /// True when the pieces joined so far stand as a token on their own ([`stands_alone`]).
    pub fn stands_alone(&self) -> bool {
        if self.text.len() <= 100 {
            return stands_alone(&self.text);
        }
        self.text.starts_with("eyJ")
            && matches!(self.dots, 2 | 4)
            && !self.double_dot
            && !self.text.ends_with('.')
            && self.header_ok == Some(true)
    }

    /// Whether `next` continues this token rather than starting another one: it does unless
    /// both stand alone — and, when this token is a run of lines of one width (a wrapped
    /// token), `next` starts a JWT or is longer than that width.
    pub fn continues_with(&self, next: &str) -> bool {
        if !stands_alone(next) || !self.stands_alone() {
            return true;
        }
        let wrapped = self.pieces >= 2 && self.same_width && next.len() <= self.width;
        wrapped && !next.starts_with("eyJ")
    }

    /// Adds `piece`, found at byte offset `at`.
    pub fn push(&mut self, piece: &str, at: usize) {
        if self.pieces >= 2 || piece.len() > self.width {
            self.same_width &= piece.len() == self.width;
        }
        self.double_dot |=
            piece.contains("..") || (self.text.ends_with('.') && piece.starts_with('.'));
        let dots_before = self.dots;
        self.dots += piece.matches('.').count();
        self.text.push_str(piece);
        if dots_before == 0 && self.dots > 0 {
            let header = self.text.split('.').next().unwrap_or("");
            self.header_ok = Some(header_decodes(header));
        }
        self.end = at + piece.len();
        self.pieces += 1;
    }
}

/// The pieces of `text` between whitespace, each with its byte offset, when every piece is
/// made of token characters; `None` when anything else is in the text.
pub fn token_pieces(text: &str) -> Option<Vec<(usize, &str)>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
        if !c.is_whitespace() && !is_token_char(c) {
            return None;
        }
    }
    Some(out)
}

/// Groups `pieces` into tokens: each piece continues the token before it unless both stand
/// alone (see [`Joined::continues_with`]).
pub fn group(pieces: &[(usize, &str)]) -> Vec<Joined> {
    let mut out: Vec<Joined> = Vec::new();
    for &(at, piece) in pieces {
        match out.last_mut() {
            Some(last) if last.continues_with(piece) => last.push(piece, at),
            _ => out.push(Joined::new(piece, at)),
        }
    }
    out
}
