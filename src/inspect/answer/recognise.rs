//! Which documented answer (`data/sfcc/errors.json`) a pasted answer is (ERRORS.md §3): every
//! match key of an entry must hold and its status fit; the entry with the most keys wins, so a
//! variant that also matches on `detail` beats the plain `type` fallback. Without the request's
//! URL the URL keys are skipped and the family is a guess.

use super::{Answer, Shape};
use crate::inspect::documented::{self, ErrorEntry, MatchKey, ERRORS};

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
    // Ranked by the keys held (a URL key counts only for an entry with a status of its own or
    // other keys: an entry known by its URL alone is a fallback), then by a URL key held (the
    // call's own context), then by the exact status; the catalogue's order breaks the rest.
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
    if best.is_none() {
        return by_status(answer, url);
    }
    Recognition {
        entry: best.map(|(_, e, _)| e),
        guessed: best.is_some_and(|(_, _, skipped)| skipped),
    }
}

/// A bare 401, 403 or 429 from SCAPI (or with no URL to say otherwise), without a body that
/// says more: the family's fallback entry, as a guess.
fn by_status(answer: &Answer, url: Option<&str>) -> Recognition {
    let scapi = url.is_none_or(|u| {
        (u.contains(".api.commercecloud.salesforce.com/") || u.contains("/mobify/proxy/api/"))
            && !u.contains("/shopper/auth")
            && !u.contains("/custom/")
    });
    let bare = matches!(answer.body.shape, Shape::Empty | Shape::Text);
    let id = match answer.status.filter(|_| bare) {
        Some(401) if scapi => "scapi-unauthorized",
        Some(403) if scapi => "scapi-forbidden",
        Some(429) if scapi => "scapi-too-many-requests",
        _ => "",
    };
    let entry = documented::entry(id);
    Recognition {
        entry,
        guessed: entry.is_some(),
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
    let by_url_alone = e.keys.iter().all(|(k, _)| k.is_url());
    if by_url_alone && e.status.is_none() && held > 0 {
        return Some(Score {
            held: 0,
            url_held,
            skipped,
        });
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
        // A Cloudflare code (`1020`) must be the page's error code, not any `1020` in its CSS.
        MatchKey::BodyContains
            if answer.body.shape == Shape::Html
                && value.len() == 4
                && value.bytes().all(|b| b.is_ascii_digit()) =>
        {
            f.cloudflare.as_ref().is_some_and(|(code, _)| code == value)
        }
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
