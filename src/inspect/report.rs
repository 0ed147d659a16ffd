//! The paste analysed: every credential found in it, decoded and recognised, with what was
//! stripped to find them. Clock-free: what depends on the time is computed from it by
//! [`super::page`].

use std::rc::Rc;

use super::credential::Credential;
use super::extract;

/// Inputs longer than this are cut before analysis so that a huge paste cannot freeze the tab
/// (the largest real SFCC tokens are a few KB; the 64 KB fixture is far below this).
pub const MAX_INPUT_BYTES: usize = 1 << 20;

/// Everything found in one paste.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// What was removed or interpreted to find the credentials.
    pub stripped: Vec<String>,
    /// Every credential found, in the order found (a JSON token response gives several).
    /// Shared, so that the page and its views hold them without copying.
    pub credentials: Vec<Rc<Credential>>,
    /// Bytes of input that were not analysed because of [`MAX_INPUT_BYTES`].
    pub cut_bytes: usize,
}

impl Report {
    /// Nothing was pasted (only whitespace).
    pub fn is_empty(&self) -> bool {
        self.credentials.is_empty()
    }
}

/// Finds, decodes and recognises every credential in `text`. Never panics; a problem with the
/// input becomes a finding on the credential it concerns.
pub fn analyze(text: &str) -> Report {
    let (kept, dropped) = keep(text);
    analyze_kept(kept, dropped)
}

/// [`analyze`] for the part of a paste that was kept (see [`keep`]) when `dropped` more bytes
/// followed it: the page keeps only that part in its text box.
pub fn analyze_kept(kept: &str, dropped: usize) -> Report {
    let (text, more) = keep(kept);
    let cut_bytes = dropped.saturating_add(more);
    let extraction = extract::extract(text);
    let mut stripped = extraction.stripped;
    if cut_bytes > 0 {
        stripped.insert(
            0,
            format!(
                "kept and analysed only the first {} KB: the paste is {} KB, far larger than any SFCC token",
                MAX_INPUT_BYTES / 1024,
                text.len().saturating_add(cut_bytes) / 1024
            ),
        );
    }
    Report {
        stripped,
        credentials: extraction
            .candidates
            .iter()
            .map(|c| Rc::new(Credential::from_candidate(c)))
            .collect(),
        cut_bytes,
    }
}

/// What is kept of a paste: its first [`MAX_INPUT_BYTES`] (on a character boundary), and how
/// many bytes after them were dropped.
pub fn keep(text: &str) -> (&str, usize) {
    if text.len() <= MAX_INPUT_BYTES {
        return (text, 0);
    }
    let mut end = MAX_INPUT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (&text[..end], text.len() - end)
}
