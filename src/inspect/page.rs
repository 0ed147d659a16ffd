//! The top layer: everything the page shows, composed from all the evidence at one instant.
//!
//! The engineer's evidence is read once, when it changes ([`Evidence`]: the paste analysed into a
//! [`Report`], the failing request, the expected-scope checklist); [`page`] then composes what
//! depends on the clock and on the combination — the selected credential's findings with the
//! request's, ranked; its validity; the request check; the checklist with the request's scopes —
//! cheaply enough to run every second. The UI renders a [`Page`] and composes nothing itself;
//! the fuzz target and the property tests call [`page`] too, so they cover what a user reaches.
//!
//! Evidence grows with the inputs to come (the API's answer, signing keys, a HAR session): each is
//! one more field read once, and one more part of the page.

use std::rc::Rc;

use super::checklist::{self, Checklist, Expectations};
use super::credential::Credential;
use super::findings::{rank, Finding};
use super::report::{analyze, analyze_kept, Report};
use super::request::{self, RequestCheck, RequestError};
use super::time::{TimeStatus, UnixTime};

/// What the engineer has given the page, each piece read once.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Evidence {
    /// The paste, analysed (credentials, what was stripped).
    pub report: Rc<Report>,
    /// Which of the report's credentials is selected (clamped to the last one).
    pub selected: usize,
    /// The failing request as pasted (optional: blank when none).
    pub request: Rc<str>,
    /// The expected-scope checklist as typed, parsed.
    pub checklist: Rc<Expectations>,
}

impl Evidence {
    /// Evidence from the three texts the page takes: the paste, the request and the checklist.
    pub fn new(paste: &str, request: &str, checklist: &str) -> Evidence {
        Evidence {
            report: Rc::new(analyze(paste)),
            selected: 0,
            request: request.into(),
            checklist: Rc::new(Expectations::parse(checklist)),
        }
    }

    /// The same evidence with a new paste (its kept part, and how many bytes were dropped after
    /// it); the first credential is selected again.
    pub fn with_paste(&self, kept: &str, dropped: usize) -> Evidence {
        Evidence {
            report: Rc::new(analyze_kept(kept, dropped)),
            selected: 0,
            ..self.clone()
        }
    }

    /// The credential selected, if the paste holds any.
    pub fn credential(&self) -> Option<&Credential> {
        let list = &self.report.credentials;
        list.get(self.selected.min(list.len().saturating_sub(1)))
            .map(|c| &**c)
    }
}

/// One tab of the credential selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tab {
    /// Where the credential was found (`line 2`, `values[access_token]`).
    pub label: String,
    /// What it is (`SLAS shopper access token (guest)`).
    pub title: &'static str,
    /// The stable kind id (INDEX.json `kind`).
    pub kind_id: &'static str,
}

/// What became of the pasted request.
#[derive(Debug, Clone, PartialEq)]
pub enum RequestState {
    /// Nothing pasted.
    Absent,
    /// Pasted, but not readable as a request: why.
    Unreadable(RequestError),
    /// Read and checked against the selected credential.
    Checked(Box<RequestCheck>),
}

impl RequestState {
    /// The check, when a request was pasted and understood.
    pub fn check(&self) -> Option<&RequestCheck> {
        match self {
            RequestState::Checked(check) => Some(check),
            _ => None,
        }
    }
}

/// The expected-scope checklist as the page shows it: the request's needs first, then the
/// engineer's own list, each checked against the selected credential's scopes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScopeChecklist {
    /// Everything expected: the request's scopes, then the checklist's.
    pub expected: Expectations,
    /// How many of the first items of `expected` come from the request.
    pub from_request: usize,
    /// The check against the selected credential; `None` when it has no claims to check.
    pub result: Option<Checklist>,
}

/// Everything the page shows at one instant.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The analysed paste (what was stripped, every credential).
    pub report: Rc<Report>,
    /// The selected credential's index, clamped; `None` when nothing was pasted.
    pub selected: Option<usize>,
    /// One tab per credential, when the paste holds more than one.
    pub tabs: Vec<Tab>,
    /// The selected credential's findings at this instant and the request check's, most
    /// serious first.
    pub findings: Vec<Finding>,
    /// The selected credential's validity at this instant (`None` without time claims).
    pub status: Option<TimeStatus>,
    /// The request check.
    pub request: RequestState,
    /// The checklist with the request's scopes.
    pub checklist: ScopeChecklist,
}

impl Page {
    /// The selected credential.
    pub fn credential(&self) -> Option<&Credential> {
        self.shared_credential().map(|c| &**c)
    }

    /// The selected credential, shared (the views hold it without copying).
    pub fn shared_credential(&self) -> Option<&Rc<Credential>> {
        self.selected.and_then(|i| self.report.credentials.get(i))
    }
}

/// Composes what the page shows for `evidence` at `now`. Never fails: every problem of every
/// input is a finding or a message on the page.
pub fn page(evidence: &Evidence, now: UnixTime) -> Page {
    let report = evidence.report.clone();
    let count = report.credentials.len();
    let selected = (count > 0).then(|| evidence.selected.min(count - 1));
    let credential = evidence.credential();
    let request = match request::check(&evidence.request, credential, now) {
        None => RequestState::Absent,
        Some(Err(why)) => RequestState::Unreadable(why),
        Some(Ok(check)) => RequestState::Checked(Box::new(check)),
    };
    let mut findings = credential.map(|c| c.findings_at(now)).unwrap_or_default();
    if let Some(check) = request.check() {
        findings.extend(check.findings.iter().cloned());
    }
    rank(&mut findings);
    let tabs = if count > 1 {
        report.credentials.iter().map(|c| tab(c)).collect()
    } else {
        Vec::new()
    };
    Page {
        checklist: scope_checklist(credential, &evidence.checklist, request.check()),
        status: credential.and_then(|c| c.time_status(now)),
        report,
        selected,
        tabs,
        findings,
        request,
    }
}

fn tab(c: &Credential) -> Tab {
    Tab {
        label: c.label.clone(),
        title: c.title(),
        kind_id: c.kind_id(),
    }
}

/// The request's needs, then the engineer's list, checked against the credential's scopes.
fn scope_checklist(
    credential: Option<&Credential>,
    list: &Expectations,
    check: Option<&RequestCheck>,
) -> ScopeChecklist {
    let mut expected = check.map(|c| c.expected.clone()).unwrap_or_default();
    let from_request = expected.items.len();
    expected.merge(list);
    let granted = credential.and_then(|c| c.sfcc()).map(|s| {
        s.scopes
            .iter()
            .map(|g| g.name.clone())
            .collect::<Vec<String>>()
    });
    ScopeChecklist {
        result: granted.map(|g| checklist::check(&g, &expected)),
        expected,
        from_request,
    }
}
