//! The request check: a pasted request (URL, curl command or `METHOD URL` line) matched to its
//! Commerce API operation (endpoints.json), and the token checked against it: scopes, tenant,
//! token kind, site, customer (REFERENCE.md §6.1, §6.2, §7.5).

use super::catalog::Endpoint;
use super::checklist::Expectations;
use super::credential::Credential;
use super::findings::Finding;
use super::time::UnixTime;

/// A request as pasted, taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedRequest {
    /// `GET`, `POST` …; `None` when the paste gave none (a bare URL: `GET` is assumed for matching).
    pub method: Option<String>,
    /// Host, when the paste had one.
    pub host: Option<String>,
    /// SCAPI short code (`kv7kzm78` in `kv7kzm78.api.commercecloud.salesforce.com`).
    pub short_code: Option<String>,
    /// The SCAPI path (PWA Kit `/mobify/proxy/api` prefix removed), without query.
    pub path: String,
    /// Query parameters, percent-decoded, in order.
    pub query: Vec<(String, String)>,
    /// The request went through the PWA Kit proxy (`/mobify/proxy/api/…`).
    pub proxied: bool,
}

/// The operation a request matched, with the path parameters it filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationMatch {
    pub endpoint: &'static Endpoint,
    /// `organizationId` → `f_ecom_abcd_001`, `basketId` → …, in template order.
    pub params: Vec<(String, String)>,
}

/// What the request was matched to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matched {
    Operation(OperationMatch),
    /// No operation has this method and path; the nearest operations, best first (at most 3).
    Nothing { nearest: Vec<&'static Endpoint> },
}

/// Outcome of one line of the request check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Pass,
    Fail,
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

/// One line of the request check: `scopes`, `tenant`, `token-kind`, `site`, `customer`, `time`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckItem {
    pub id: &'static str,
    pub label: &'static str,
    pub outcome: Outcome,
    pub text: String,
}

/// The request check, complete.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestCheck {
    pub request: ParsedRequest,
    pub matched: Matched,
    /// Can this token make this call? With the one-line reason.
    pub ok: bool,
    /// "This token cannot call updateBasket: it has sfcc.shopper-baskets-orders (read) but the call
    /// needs sfcc.shopper-baskets-orders.rw".
    pub verdict: String,
    pub items: Vec<CheckItem>,
    /// The problems, for the ranked list at the top (with their documented error bodies).
    pub findings: Vec<Finding>,
    /// The scopes this operation needs, for the checklist.
    pub expected: Expectations,
}

/// Parses a pasted request: a URL, a curl command, or a `METHOD URL` line (also a path alone).
/// The error says, in a sentence, what could not be read.
pub fn parse(text: &str) -> Result<ParsedRequest, String> {
    let _ = text;
    Err("not implemented".into())
}

/// Finds the operation for a parsed request.
pub fn find(request: &ParsedRequest) -> Matched {
    let _ = request;
    Matched::Nothing {
        nearest: Vec::new(),
    }
}

/// Checks `token` (the selected credential, if any) against the request pasted as `text` at `now`.
/// `None` when `text` is blank; `Some(Err(message))` when it cannot be read as a request.
pub fn check(
    text: &str,
    token: Option<&Credential>,
    now: UnixTime,
) -> Option<Result<RequestCheck, String>> {
    let _ = (text, token, now);
    None
}
