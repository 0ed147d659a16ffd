//! Matching a parsed request to its operation in endpoints.json, and the nearest operations when
//! none matches. This runs for all 417 operations on every keystroke in the request box, so it
//! stays linear in the pasted path and allocates nothing per operation (BENCHMARKS.md: a 90 KB
//! URL took 263 ms before, about 2 ms since).

use super::parse::ParsedRequest;
use crate::inspect::catalog::{Endpoint, ENDPOINTS, LONGEST_TEMPLATE};
use crate::inspect::order::smallest_by_key;
use crate::inspect::text::percent_decode;

/// The operation a request matched, with the path parameters it filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationMatch {
    /// The operation.
    pub endpoint: &'static Endpoint,
    /// `organizationId` → `f_ecom_abcd_001`, `basketId` → …, in template order.
    pub params: Vec<(String, String)>,
}

/// A custom API call (`/custom/{apiName}/{version}/organizations/{organizationId}/…`): no spec
/// lists it; its scope is one of the client's `c_…` scopes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomApi {
    /// `apiName`.
    pub name: String,
    /// `v1`.
    pub version: String,
    /// `organizationId`.
    pub organization: String,
    /// The endpoint path after the organization (`/loyalty-points`).
    pub endpoint: String,
}

/// What the request was matched to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matched {
    /// The operation with this method and path (the most specific one, by literal segments).
    Operation(OperationMatch),
    /// A custom API.
    Custom(CustomApi),
    /// No operation has this method and path; the nearest operations, best first (at most 3).
    Nothing {
        /// Operations with this path but another method, or else the most similar templates.
        nearest: Vec<&'static Endpoint>,
    },
}

/// The non-empty segments of a path.
fn segments(path: &str) -> Vec<&str> {
    path.split('/').filter(|s| !s.is_empty()).collect()
}

/// The segments of an operation's full template (base path, then path), without allocating:
/// this runs for every operation on every keystroke.
fn template(e: &Endpoint) -> impl Iterator<Item = &'static str> + Clone {
    e.base_path
        .split('/')
        .chain(e.path.split('/'))
        .filter(|s| !s.is_empty())
}

/// Matches the path's segments against an operation's full template; returns the filled-in
/// parameters and the number of literal segments (more literals = more specific). Stops at the
/// first literal that differs, which for most operations is the first or second segment.
fn match_template(e: &Endpoint, path: &[&str]) -> Option<(Vec<(String, String)>, usize)> {
    let mut params = Vec::new();
    let mut literals = 0;
    let mut template = template(e);
    let mut path = path.iter();
    loop {
        match (template.next(), path.next()) {
            (None, None) => break,
            (Some(ts), Some(ps)) => {
                if let Some(name) = ts.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                    params.push((name, *ps));
                } else if ts == *ps {
                    literals += 1;
                } else {
                    return None;
                }
            }
            _ => return None,
        }
    }
    let params = params
        .into_iter()
        .map(|(name, value)| (name.to_string(), percent_decode(value)))
        .collect();
    Some((params, literals))
}

/// Finds the operation for a parsed request (`GET` when the paste named no method): the
/// matching template with the most literal segments; else the operations with this path and
/// another method, else the nearest templates.
pub fn find(request: &ParsedRequest) -> Matched {
    let method = request.method.as_deref().unwrap_or("GET");
    let path = segments(&request.path);
    if let ["custom", name, version, "organizations", org, rest @ ..] = path.as_slice() {
        return Matched::Custom(CustomApi {
            name: percent_decode(name),
            version: percent_decode(version),
            organization: percent_decode(org),
            endpoint: format!("/{}", rest.join("/")),
        });
    }
    let mut best: Option<(usize, OperationMatch)> = None;
    let mut same_path: Vec<&'static Endpoint> = Vec::new();
    for e in ENDPOINTS {
        let Some((params, literals)) = match_template(e, &path) else {
            continue;
        };
        if !e.method.eq_ignore_ascii_case(method) {
            same_path.push(e);
            continue;
        }
        if best.as_ref().is_none_or(|(l, _)| literals > *l) {
            let endpoint = e;
            best = Some((literals, OperationMatch { endpoint, params }));
        }
    }
    if let Some((_, m)) = best {
        return Matched::Operation(m);
    }
    if !same_path.is_empty() {
        same_path.truncate(3);
        return Matched::Nothing { nearest: same_path };
    }
    Matched::Nothing {
        nearest: nearest(&path, method),
    }
}

/// The operations whose template shares the most with the path's segments, best first (at
/// most 3).
fn nearest(path: &[&str], method: &str) -> Vec<&'static Endpoint> {
    // A template of t segments scores at most 4t (shared) + 2t (literals) + 1 (method) less 2
    // per segment of length gap: with 4t segments or more the path cannot score above 4. So a
    // runaway path is answered at once, and the literal lookups below scan a short path.
    if path.len() >= 4 * LONGEST_TEMPLATE {
        return Vec::new();
    }
    let scored: Vec<(i64, &'static Endpoint)> = ENDPOINTS
        .iter()
        .map(|e| (similarity(e, path, method), e))
        .filter(|(score, _)| *score > 4)
        .collect();
    smallest_by_key(scored, 3, |s| std::cmp::Reverse(s.0))
        .into_iter()
        .map(|(_, e)| e)
        .collect()
}

/// How much an operation's template resembles the path: 4 per leading segment shared
/// (placeholders match anything), 2 per template literal found anywhere in the path, less 2 per
/// segment of length difference, plus 1 for the same method.
fn similarity(e: &Endpoint, path: &[&str], method: &str) -> i64 {
    // One walk of the template: its length, the leading segments it shares with the path and
    // its literals found anywhere in the path.
    let (mut len, mut shared, mut literal_hits, mut sharing) = (0i64, 0i64, 0i64, true);
    for (i, s) in template(e).enumerate() {
        let placeholder = s.as_bytes().first() == Some(&b'{');
        sharing &= path.get(i).is_some_and(|p| placeholder || *p == s);
        shared += i64::from(sharing);
        literal_hits += i64::from(!placeholder && path.contains(&s));
        len += 1;
    }
    let path_len = i64::try_from(path.len()).unwrap_or(i64::MAX);
    let len_gap = (len - path_len).abs();
    let method_bonus = i64::from(e.method.eq_ignore_ascii_case(method));
    shared * 4 + literal_hits * 2 - len_gap * 2 + method_bonus
}
