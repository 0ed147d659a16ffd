//! What the readers found, and where: each credential labelled by its place, labels that
//! repeat told apart by line, and a credential found twice shown once with both places.

use super::tables::MAX_CANDIDATES;
use super::{Candidate, Extraction};
use crate::inspect::order::sorted_by_key;

/// One credential as a reader found it, with the byte offset it was found at.
struct Found {
    at: usize,
    candidate: Candidate,
}

/// The readers' findings and notes, in the order made.
#[derive(Default)]
pub(crate) struct Finds {
    found: Vec<Found>,
    stripped: Vec<String>,
}

impl Finds {
    /// Adds a credential found at byte offset `at` of the text being read.
    pub fn add(&mut self, at: usize, candidate: Candidate) {
        if !self.is_full() {
            self.found.push(Found { at, candidate });
        }
    }

    /// Adds a note of what was stripped or read, once however often it is made.
    pub fn note(&mut self, note: impl Into<String>) {
        let note = note.into();
        if !self.stripped.contains(&note) {
            self.stripped.push(note);
        }
    }

    /// Nothing found yet.
    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// As many credentials found as one paste may give.
    pub fn is_full(&self) -> bool {
        self.found.len() >= MAX_CANDIDATES
    }

    /// True when a credential with exactly this text was already found.
    pub fn has_text(&self, text: &str) -> bool {
        self.found.iter().any(|f| f.candidate.text == text)
    }

    /// The credentials as found, unmerged (for a reader run on a part of the paste).
    pub fn into_candidates(self) -> Vec<Candidate> {
        self.found.into_iter().map(|f| f.candidate).collect()
    }

    /// True when `piece` is (part of) a credential already found.
    pub fn has_text_containing(&self, piece: &str) -> bool {
        self.found.iter().any(|f| f.candidate.text.contains(piece))
    }

    /// The extraction, in the order of the paste: labels that repeat get their line, identical
    /// credentials are merged.
    pub fn finish(self, text: &str) -> Extraction {
        let Finds { found, stripped } = self;
        // Tabs follow the paste; a JSON walk's findings share an offset and keep their order.
        let mut found = sorted_by_key(found, |f| f.at);
        tell_apart_by_line(&mut found, text);
        Extraction {
            candidates: merge(found),
            stripped,
        }
    }
}

/// Appends “, line N” to labels that more than one finding shares, when they stand on
/// different lines.
fn tell_apart_by_line(found: &mut [Found], text: &str) {
    let breaks: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
    let line_of = |at: usize| breaks.partition_point(|&b| b < at) + 1;
    let places: Vec<(String, usize)> = found
        .iter()
        .map(|f| (f.candidate.label.clone(), line_of(f.at)))
        .collect();
    for (f, (label, line)) in found.iter_mut().zip(&places) {
        let on_other_lines = places.iter().any(|(l, n)| l == label && n != line);
        if on_other_lines {
            f.candidate.label = format!("{label}, line {line}");
        }
    }
}

/// One candidate per credential text, in the order first found, with every place it was found.
fn merge(found: Vec<Found>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    for Found { candidate, .. } in found {
        match out.iter_mut().find(|c| c.text == candidate.text) {
            Some(first) => {
                if first.places.is_empty() {
                    first.places.push(first.label.clone());
                }
                if !first.places.contains(&candidate.label) {
                    first.places.push(candidate.label);
                }
                first.label = first.places.join(", ");
                first.token_request = first.token_request.take().or(candidate.token_request);
            }
            None => out.push(candidate),
        }
    }
    for c in &mut out {
        if c.places.len() == 1 {
            c.places.clear();
        }
    }
    out
}
