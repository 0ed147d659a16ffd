//! The byte scanner: where a JSON value, an object member or a line ends, without building
//! anything. It checks only what delimits values (strings with their escapes, brackets that
//! match); serde_json validates each entry afterwards. Every access is `get`, so hostile bytes
//! can only make it stop, never panic, and every loop moves forward: linear in the bytes.

use std::borrow::Cow;

/// Why a value could not be delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stop {
    /// The bytes end (or the limit is reached) inside the value.
    End,
    /// An unexpected byte at this position (a bracket that does not match, a missing `:`).
    Bad(usize),
}

/// Deeper than this is hostile (serde_json itself refuses more than 128 levels).
const MAX_DEPTH: usize = 4096;

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

/// The first position at or after `i` that is not JSON whitespace.
pub(super) fn skip_ws(b: &[u8], i: usize) -> usize {
    let rest = b.get(i..).unwrap_or_default();
    i + rest.iter().take_while(|&&c| is_ws(c)).count()
}

/// With `i` at an opening quote: the position after the closing quote.
pub(super) fn string_end(b: &[u8], i: usize) -> Result<usize, Stop> {
    let mut j = i.saturating_add(1);
    loop {
        let rest = b.get(j..).ok_or(Stop::End)?;
        let k = rest
            .iter()
            .position(|&c| c == b'"' || c == b'\\')
            .ok_or(Stop::End)?;
        j += k;
        if b.get(j) == Some(&b'"') {
            return Ok(j + 1);
        }
        // A backslash: the next byte is escaped, whatever it is.
        j += 2;
    }
}

/// With `i` at the first byte of a value: the position after it.
pub(super) fn value_end(b: &[u8], i: usize) -> Result<usize, Stop> {
    match b.get(i) {
        None => Err(Stop::End),
        Some(b'"') => string_end(b, i),
        Some(b'{' | b'[') => container_end(b, i),
        Some(b'}' | b']' | b',' | b':') => Err(Stop::Bad(i)),
        Some(_) => {
            let rest = b.get(i..).unwrap_or_default();
            let delimiter = |c: &u8| is_ws(*c) || matches!(c, b',' | b'}' | b']' | b':' | b'"');
            rest.iter()
                .position(delimiter)
                .map(|k| i + k)
                .ok_or(Stop::End)
        }
    }
}

fn container_end(b: &[u8], i: usize) -> Result<usize, Stop> {
    let mut closers: Vec<u8> = Vec::new();
    let mut j = i;
    loop {
        let rest = b.get(j..).ok_or(Stop::End)?;
        let k = rest
            .iter()
            .position(|c| matches!(c, b'"' | b'{' | b'[' | b'}' | b']'))
            .ok_or(Stop::End)?;
        j += k;
        match b.get(j).copied() {
            Some(b'"') => {
                j = string_end(b, j)?;
                continue;
            }
            Some(b'{') => closers.push(b'}'),
            Some(b'[') => closers.push(b']'),
            Some(c) => {
                if closers.pop() != Some(c) {
                    return Err(Stop::Bad(j));
                }
                if closers.is_empty() {
                    return Ok(j + 1);
                }
            }
            None => return Err(Stop::End),
        }
        if closers.len() > MAX_DEPTH {
            return Err(Stop::Bad(j));
        }
        j += 1;
    }
}

/// One step through an object's members.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Member<'a> {
    /// A member's key, and where its value starts.
    Field(Cow<'a, str>, usize),
    /// The closing `}`, and the position after it.
    Close(usize),
}

/// The next member of an object, from `j` (after its `{`, or after the previous member's value).
pub(super) fn member(b: &[u8], j: usize) -> Result<Member<'_>, Stop> {
    let mut j = skip_ws(b, j);
    if b.get(j) == Some(&b',') {
        j = skip_ws(b, j + 1);
    }
    match b.get(j) {
        None => Err(Stop::End),
        Some(b'}') => Ok(Member::Close(j + 1)),
        Some(b'"') => {
            let end = string_end(b, j)?;
            let key = key_text(b.get(j..end).unwrap_or_default());
            let colon = skip_ws(b, end);
            match b.get(colon) {
                None => Err(Stop::End),
                Some(b':') => Ok(Member::Field(key, skip_ws(b, colon + 1))),
                Some(_) => Err(Stop::Bad(colon)),
            }
        }
        Some(_) => Err(Stop::Bad(j)),
    }
}

/// A quoted key as text (escapes decoded when there are any).
fn key_text(quoted: &[u8]) -> Cow<'_, str> {
    let inner = quoted
        .get(1..quoted.len().saturating_sub(1))
        .unwrap_or_default();
    if inner.contains(&b'\\') {
        Cow::Owned(serde_json::from_slice::<String>(quoted).unwrap_or_default())
    } else {
        String::from_utf8_lossy(inner)
    }
}

/// Where the entries of a pretty-printed file start: each on a line of its own, at one
/// indentation. A raw newline never occurs inside a JSON string, so a line that starts with `{`
/// at exactly that indentation is the next entry, and one that starts with `]` further left is
/// the end of the list, whatever broke before it.
#[derive(Debug)]
pub(super) struct Anchors {
    indent: Vec<u8>,
    /// The last search: where it started and what it found (searches only move forward).
    cache: Option<(usize, Option<usize>)>,
}

impl Anchors {
    /// The anchors of a list whose first element starts at `first`, if it starts a line.
    pub(super) fn of(b: &[u8], first: usize) -> Option<Anchors> {
        let before = b.get(..first)?;
        let line = before.iter().rposition(|&c| c == b'\n')? + 1;
        let indent = before.get(line..)?;
        indent
            .iter()
            .all(|&c| c == b' ' || c == b'\t')
            .then(|| Anchors {
                indent: indent.to_vec(),
                cache: None,
            })
    }

    /// The position of the first anchor (`{` of the next entry, or the list's `]`) after `from`.
    pub(super) fn after(&mut self, b: &[u8], from: usize) -> Option<usize> {
        if let Some((searched, found)) = self.cache {
            // Nothing lies between the last search's start and what it found.
            if searched <= from && found.is_none_or(|at| at > from) {
                return found;
            }
        }
        let found = self.search(b, from);
        self.cache = Some((from, found));
        found
    }

    fn search(&self, b: &[u8], from: usize) -> Option<usize> {
        let mut j = from;
        loop {
            let k = b.get(j..)?.iter().position(|&c| c == b'\n')?;
            let line = j + k + 1;
            let rest = b.get(line..)?;
            let ws = rest
                .iter()
                .take_while(|&&c| c == b' ' || c == b'\t')
                .count();
            let at = line + ws;
            match b.get(at) {
                Some(b'{') if b.get(line..at) == Some(self.indent.as_slice()) => return Some(at),
                Some(b']') if ws < self.indent.len() => return Some(at),
                _ => j = at,
            }
        }
    }
}

/// Line numbers for messages, counted once: positions asked for only move forward, mostly.
#[derive(Debug, Default)]
pub(super) struct Lines {
    pos: usize,
    line: usize,
    line_start: usize,
}

impl Lines {
    /// The 1-based line and column of byte `at`.
    pub(super) fn at(&mut self, b: &[u8], at: usize) -> (usize, usize) {
        if at < self.pos {
            *self = Lines::default();
        }
        let upto = at.min(b.len());
        for (k, &c) in b.get(self.pos..upto).unwrap_or_default().iter().enumerate() {
            if c == b'\n' {
                self.line += 1;
                self.line_start = self.pos + k + 1;
            }
        }
        self.pos = upto.max(self.pos);
        (self.line + 1, at.saturating_sub(self.line_start) + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_end_after_strings_with_escapes_and_nesting() {
        let b = br#"{"a":"x\"}","b":[1,{"c":"\\"}]} ,"#;
        assert_eq!(value_end(b, 0), Ok(31));
        assert_eq!(value_end(b"12, 3", 0), Ok(2));
        assert_eq!(value_end(b"{\"a\":[1}", 0), Err(Stop::Bad(7)));
        assert_eq!(value_end(b"{\"a\":\"cut", 0), Err(Stop::End));
        assert_eq!(value_end(b"\"ends in \\", 0), Err(Stop::End));
    }

    #[test]
    fn anchors_find_the_next_entry_line_and_the_end_of_the_list() {
        let b = b"[\n  {\n    \"a\": {\n  x\n  },\n  {},\n  {}\n]";
        let mut anchors = Anchors::of(b, 4).unwrap();
        assert_eq!(anchors.after(b, 5), Some(28));
        assert_eq!(anchors.after(b, 6), Some(28));
        assert_eq!(anchors.after(b, 29), Some(34));
        assert_eq!(anchors.after(b, 35), Some(37));
        assert_eq!(anchors.after(b, 38), None);
    }

    #[test]
    fn lines_count_forward_and_back() {
        let b = b"ab\ncd\nef";
        let mut lines = Lines::default();
        assert_eq!(lines.at(b, 4), (2, 2));
        assert_eq!(lines.at(b, 7), (3, 2));
        assert_eq!(lines.at(b, 1), (1, 2));
    }
}
