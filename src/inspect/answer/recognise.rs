//! Which documented answer (`data/sfcc/errors.json`) a pasted answer is (ERRORS.md §3): every
//! match key of an entry must hold and its status fit; the entry with the most keys wins, so a
//! variant that also matches on `detail` beats the plain `type` fallback. Without the request's
//! URL the URL keys are skipped and the family is a guess.

use super::{Answer, Shape};
use crate::inspect::documented::{ErrorEntry, MatchKey, ERRORS};

/// What the answer was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recognition {
    /// The documented answer it is; `None`: not a documented SFCC error answer.
    pub entry: Option<&'static ErrorEntry>,
    /// The entry has URL keys that could not be checked (no request URL): its family is a
    /// guess from the body.
    pub guessed: bool,
}

/// Recognises `answer`, given the failing request's URL when there is one.
pub fn recognise(answer: &Answer, url: Option<&str>) -> Recognition {
    // Ranked by keys held, then by a URL key held (the call's own context), then by the exact
    // status; the catalogue's order breaks the remaining ties.
    let mut best: Option<((usize, bool, bool), &'static ErrorEntry, bool)> = None;
    for e in ERRORS {
        let Some(Score {
            held,
            url_held,
            skipped,
        }) = score(e, answer, url)
        else {
            continue;
        };
        let exact = answer.status.is_some() && e.status == answer.status;
        let rank = (held, url_held, exact);
        if best.is_none_or(|(r, _, _)| rank > r) {
            best = Some((rank, e, skipped));
        }
    }
    Recognition {
        entry: best.map(|(_, e, _)| e),
        guessed: best.is_some_and(|(_, _, skipped)| skipped),
    }
}

/// How well an entry fits.
struct Score {
    /// Keys that hold.
    held: usize,
    /// One of them is about the URL.
    url_held: bool,
    /// URL keys were skipped for want of a URL.
    skipped: bool,
}

/// How many of `e`'s keys hold for `answer`, or `None` when one fails, its status does not
/// fit, or nothing at all was checked.
fn score(e: &ErrorEntry, answer: &Answer, url: Option<&str>) -> Option<Score> {
    if let Some(status) = answer.status {
        if !e.fits_status(status) {
            return None;
        }
    }
    let mut held = 0;
    let mut skipped = false;
    let mut url_held = false;
    let mut any_url = None;
    for &(key, value) in e.keys {
        match (key, url) {
            (MatchKey::UrlContainsAny, Some(u)) => {
                *any_url.get_or_insert(false) |= u.contains(value);
                continue;
            }
            (k, None) if k.is_url() => {
                skipped = true;
                continue;
            }
            _ => {}
        }
        if !holds(key, value, answer, url) {
            return None;
        }
        held += 1;
        url_held |= key.is_url();
    }
    match any_url {
        Some(false) => return None,
        Some(true) => {
            held += 1;
            url_held = true;
        }
        None => {}
    }
    // An entry recognised by nothing but its status needs that status; one recognised only by
    // its URL needs the URL.
    if held == 0 && (skipped || answer.status.is_none() || e.status.is_none()) {
        return None;
    }
    Some(Score {
        held,
        url_held,
        skipped,
    })
}

fn holds(key: MatchKey, value: &str, answer: &Answer, url: Option<&str>) -> bool {
    let f = &answer.body.fields;
    let has = |field: &Option<String>| field.as_deref().is_some_and(|t| t.contains(value));
    let is = |field: &Option<String>| field.as_deref() == Some(value);
    match key {
        MatchKey::TypeSuffix => is(&f.slug),
        MatchKey::DetailContains => has(&f.detail),
        MatchKey::MessageContains => has(&f.message),
        MatchKey::BodyContains => answer.body.raw.contains(value),
        MatchKey::Error => is(&f.error),
        MatchKey::ErrorDescriptionContains => has(&f.error_description),
        MatchKey::FaultType => is(&f.fault_type),
        MatchKey::Code => is(&f.code),
        MatchKey::WwwAuthenticateContains => answer
            .header("www-authenticate")
            .is_some_and(|h| h.contains(value)),
        MatchKey::HeaderPresent => answer.header(value).is_some(),
        MatchKey::ContentTypeContains => answer.content_type().is_some_and(|t| t.contains(value)),
        MatchKey::UrlContains | MatchKey::UrlContainsAny => url.is_some_and(|u| u.contains(value)),
    }
}

impl Recognition {
    /// No entry, but the answer is a failure worth calling undocumented (a status ≥ 400, or a
    /// body of an error shape).
    pub fn undocumented(&self, answer: &Answer) -> bool {
        self.entry.is_none()
            && (answer.status.is_some_and(|s| s >= 400)
                || !matches!(answer.body.shape, Shape::Empty | Shape::Json | Shape::Text))
    }
}
