//! The request check: a pasted request (URL, curl command or `METHOD URL` line) matched to its
//! Commerce API operation (endpoints.json), and the token checked against it: scopes, tenant,
//! token kind, site, customer (REFERENCE.md §6.1, §6.2, §7.5).
//!
//! Three steps, one module each: [`parse`] reads the paste, [`find`] matches it to an operation
//! (linear in the path: it runs on every keystroke), and the checks each give one [`CheckItem`],
//! the verdict being a fold over them.

mod checks;
mod custom;
mod matching;
mod parse;

pub use checks::expected_for;
pub use matching::{find, CustomApi, Matched, OperationMatch};
pub use parse::{parse, ParsedRequest, RequestError};

use super::checklist::Expectations;
use super::credential::Credential;
use super::documented::TokenCheck;
use super::findings::Finding;
use super::time::{Moment, UnixTime};

/// Outcome of one line of the request check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The token passes this check.
    Pass,
    /// The call fails for this reason.
    Fail,
    /// Cannot be told from the token; worth a look.
    Warn,
    /// Nothing to check (e.g. the operation takes no site).
    Skip,
}

impl Outcome {
    /// Lower-case id, also the CSS class.
    pub fn id(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::Warn => "warn",
            Outcome::Skip => "skip",
        }
    }
}

/// One line of the request check: `operation`, `time`, `token-kind`, `tenant`, `scopes`,
/// `site`, `customer`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckItem {
    /// Stable id (also `data-check` on the page).
    pub id: &'static str,
    /// The row heading: "Token kind".
    pub label: &'static str,
    /// How the token fares.
    pub outcome: Outcome,
    /// The sentence: "sfcc.products.rw is not granted; add it to the client's scopes."
    pub text: String,
    /// The catalogue's check (errors.json `token_checks`) this line decides: for a failing
    /// line the cause it confirms (`scope-read-only` rather than `scope-missing`).
    pub check: Option<TokenCheck>,
}

/// The request check, complete.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestCheck {
    /// The request as read.
    pub request: ParsedRequest,
    /// The operation it matched, or the nearest ones.
    pub matched: Matched,
    /// Can this token make this call? With the one-line reason.
    pub ok: bool,
    /// "This token cannot call updateBasket: it has sfcc.shopper-baskets-orders (read) but the call
    /// needs sfcc.shopper-baskets-orders.rw".
    pub verdict: String,
    /// Every line of the check, in order.
    pub items: Vec<CheckItem>,
    /// The problems, for the ranked list at the top (with their documented error bodies).
    pub findings: Vec<Finding>,
    /// The scopes this operation needs, for the checklist.
    pub expected: Expectations,
}

/// Checks `token` (the selected credential, if any) against the request pasted as `text` at `now`.
/// `None` when `text` is blank; `Some(Err(_))` when it cannot be read as a request.
pub fn check(
    text: &str,
    token: Option<&Credential>,
    now: UnixTime,
) -> Option<Result<RequestCheck, RequestError>> {
    check_at(text, token, Moment::now(now))
}

/// [`check`] with the token judged at `at`: now, or the time of the call.
pub fn check_at(
    text: &str,
    token: Option<&Credential>,
    now: Moment,
) -> Option<Result<RequestCheck, RequestError>> {
    if text.trim().is_empty() {
        return None;
    }
    Some(parse(text).map(|request| match find(&request) {
        Matched::Operation(op) => checks::check_operation(request, op, token, now),
        Matched::Custom(api) => custom::check(request, api, token, now),
        Matched::Nothing { nearest } => unmatched(request, nearest),
    }))
}

/// The check of a request that matches no operation: the verdict names the nearest ones.
fn unmatched(
    request: ParsedRequest,
    nearest: Vec<&'static super::catalog::Endpoint>,
) -> RequestCheck {
    let method = request.method.as_deref().unwrap_or("GET");
    let path = in_sentence(&request.path);
    let names: Vec<String> = nearest
        .iter()
        .map(|e| format!("{} {}", e.method, e.operation_id))
        .collect();
    let verdict = if names.is_empty() {
        format!("No Commerce API operation matches {method} {path}.")
    } else {
        format!(
            "No Commerce API operation matches {method} {path}; nearest: {}.",
            names.join(", ")
        )
    };
    RequestCheck {
        request,
        matched: Matched::Nothing { nearest },
        ok: false,
        verdict,
        items: Vec::new(),
        findings: Vec::new(),
        expected: Expectations::default(),
    }
}

/// A pasted path as it reads in a sentence: past its first 100 characters it is cut, with its
/// length, so a runaway paste cannot bury the verdict.
fn in_sentence(path: &str) -> String {
    match path.char_indices().nth(100) {
        Some((at, _)) => format!("{}… ({} characters)", &path[..at], path.chars().count()),
        None => path.to_string(),
    }
}
