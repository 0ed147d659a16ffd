//! The top layer: everything the page shows, composed from all the evidence at one instant.
//!
//! The engineer's evidence is read once, when it changes ([`Evidence`]: the paste analysed into a
//! [`Report`], the failing request, the expected-scope checklist); [`page`] then composes what
//! depends on the clock and on the combination — the selected credential's findings with the
//! request's, ranked; its validity; the request check; the checklist with the request's scopes —
//! cheaply enough to run every second. The UI renders a [`Page`] and composes nothing itself;
//! the fuzz target and the property tests call [`page`] too, so they cover what a user reaches.
//!
//! The API's answer is the third piece of evidence: read once, recognised against the documented
//! error answers, and weighed with the token and the request into one [`Verdict`], judged at the
//! time of the call (the answer's `Date`). [`summary::ticket`] writes what the page found as a
//! redacted Markdown summary for a ticket.
//!
//! Evidence grows with the inputs to come (signing keys, a HAR session): each is one more field
//! read once, and one more part of the page.

pub mod summary;

use std::rc::Rc;

use super::answer::{self, recognise, Answer, Recognition};
use super::checklist::{self, Checklist, Expectations};
use super::compare::{compare, Comparison};
use super::credential::Credential;
use super::findings::{rank, Finding};
use super::keys::{self, KeySet};
use super::report::{analyze, analyze_kept, Report};
use super::request::{self, RequestCheck, RequestError};
use super::session::{CallEvidence, Session};
use super::signature::{self, Outcome, Signature};
use super::time::{Moment, TimeStatus, UnixTime};
use super::verdict::{verdict, Verdict, Weighed};

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
    /// The API's answer, read (optional).
    pub answer: Option<Rc<Answer>>,
    /// The credentials were read from the request in the answer (`curl -v`), the paste being
    /// empty.
    pub token_from_answer: bool,
    /// The signing keys pasted (never stored).
    pub keys: Rc<KeySet>,
    /// What the browser found for each signature plan it ran (by plan id).
    pub verified: Rc<Vec<(u64, Outcome)>>,
    /// The credential the selected one is compared with, if any.
    pub compare_with: Option<usize>,
    /// A whole session (a HAR opened or pasted), read once.
    pub session: Option<Rc<Session>>,
    /// Two of the session's tokens compared (indexes into [`Session::tokens`]).
    pub session_pair: Option<(usize, usize)>,
    /// The inspector holds one call of the session: its `startedDateTime` (seconds) is the
    /// instant it is judged at.
    pub call_at: Option<UnixTime>,
}

impl Evidence {
    /// Evidence from the three texts the page takes: the paste, the request and the checklist.
    pub fn new(paste: &str, request: &str, checklist: &str) -> Evidence {
        Evidence {
            report: Rc::new(analyze(paste)),
            selected: 0,
            request: request.into(),
            checklist: Rc::new(Expectations::parse(checklist)),
            answer: None,
            token_from_answer: false,
            keys: Rc::default(),
            verified: Rc::default(),
            compare_with: None,
            session: None,
            session_pair: None,
            call_at: None,
        }
    }

    /// The same evidence with a session read from a HAR (`None`: no session).
    pub fn with_session(&self, session: Option<Rc<Session>>) -> Evidence {
        Evidence {
            session,
            session_pair: None,
            ..self.clone()
        }
    }

    /// The inspector filled with call `i` of the session: its credential, request and answer,
    /// judged at the time of the call. `None` when there is no such call.
    pub fn with_call(&self, i: usize) -> Option<(Evidence, CallEvidence)> {
        let call = self.session.as_ref()?.inspect(i)?;
        let mut next = self.with_answer(&call.answer).with_paste(&call.paste, 0);
        next.request = call.request.as_str().into();
        next.call_at = Some(call.at);
        Some((next, call))
    }

    /// The same evidence with new signing keys (blank: none).
    pub fn with_keys(&self, text: &str) -> Evidence {
        let (kept, cut) = super::report::keep(text);
        let mut keys = keys::read(kept);
        if cut > 0 {
            keys.problems.insert(
                0,
                format!(
                    "The keys are {} KB: only the first {} KB were read (a JWKS is a few KB).",
                    (kept.len() + cut) / 1024,
                    kept.len() / 1024
                ),
            );
        }
        Evidence {
            keys: Rc::new(keys),
            ..self.clone()
        }
    }

    /// The same evidence with what the browser found for plan `id`.
    pub fn with_outcome(&self, id: u64, outcome: Outcome) -> Evidence {
        let mut verified: Vec<(u64, Outcome)> = (*self.verified).clone();
        verified.retain(|(i, _)| *i != id);
        // Only the latest plans matter: a handful, not a history.
        if verified.len() >= 16 {
            verified.remove(0);
        }
        verified.push((id, outcome));
        Evidence {
            verified: Rc::new(verified),
            ..self.clone()
        }
    }

    /// The same evidence with a new paste (its kept part, and how many bytes were dropped after
    /// it); the first credential is selected again. An empty paste takes the credentials of the
    /// request printed in the answer (`curl -v`), if any.
    pub fn with_paste(&self, kept: &str, dropped: usize) -> Evidence {
        let mut next = Evidence {
            report: Rc::new(analyze_kept(kept, dropped)),
            selected: 0,
            compare_with: None,
            token_from_answer: false,
            ..self.clone()
        };
        if kept.trim().is_empty() {
            next.take_token_from_answer();
        }
        next
    }

    /// The same evidence with a new answer (blank: none).
    pub fn with_answer(&self, text: &str) -> Evidence {
        let mut next = Evidence {
            answer: answer::read(text).map(Rc::new),
            ..self.clone()
        };
        if next.token_from_answer || next.report.is_empty() {
            next.report = Rc::default();
            next.token_from_answer = false;
            next.selected = 0;
            next.take_token_from_answer();
        }
        next
    }

    /// With no paste, the credentials of the answer's request (`curl -v` prints its headers).
    fn take_token_from_answer(&mut self) {
        let Some(request) = self.answer.as_ref().and_then(|a| a.request.as_deref()) else {
            return;
        };
        let headers = request.split_once('\n').map_or("", |(_, h)| h);
        let report = analyze(headers);
        if !report.is_empty() {
            self.report = Rc::new(report);
            self.token_from_answer = true;
        }
    }

    /// The request to check: the one pasted, else the one the answer printed (`curl -v`).
    pub fn request_text(&self) -> &str {
        if self.request.trim().is_empty() {
            if let Some(r) = self.answer.as_ref().and_then(|a| a.request.as_deref()) {
                return r;
            }
        }
        &self.request
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
    /// The API's answer and what it was recognised as.
    pub answer: Option<AnswerState>,
    /// Why the call failed, when an answer was given.
    pub verdict: Option<Verdict>,
    /// The instant the token and the request were judged at: the call (the answer's `Date`) or
    /// now.
    pub at: Moment,
    /// The ticket summary (Markdown, redacted).
    pub summary: String,
    /// The selected credential's signature against the pasted keys.
    pub signature: Option<SignatureState>,
    /// The selected credential side by side with another one, when asked.
    pub comparison: Option<Comparison>,
    /// The session (a HAR), when one was opened.
    pub session: Option<Rc<Session>>,
    /// Two of the session's tokens side by side, when asked.
    pub session_comparison: Option<Comparison>,
}

/// The signature check as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureState {
    /// Verified, not verified (why), not checked, or pending in the browser.
    pub signature: Signature,
    /// Where the keys for this kind of token are.
    pub help: String,
    /// A `curl` command that fetches them (SLAS), for the engineer to run.
    pub curl: Option<String>,
    /// The keys as read, with what could not be read.
    pub keys: Rc<KeySet>,
}

/// The API's answer as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerState {
    /// The answer, read.
    pub answer: Rc<Answer>,
    /// The documented answer it is.
    pub recognition: Recognition,
    /// The request was read from the answer (`curl -v`).
    pub request_from_answer: bool,
    /// The API called logs to Log Center, so support can search the correlation id there
    /// (SLAS, Shopper Context, CDN Zones and Inventory do not; ERRORS.md §2).
    pub in_log_center: bool,
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
    let answer = evidence.answer.as_ref();
    let at = match evidence.call_at.or_else(|| answer.and_then(|a| a.date)) {
        Some(date) => Moment::call(date),
        None => Moment::now(now),
    };
    let request_text = evidence.request_text();
    let request = match request::check_at(request_text, credential, at) {
        None => RequestState::Absent,
        Some(Err(why)) => RequestState::Unreadable(why),
        Some(Ok(check)) => RequestState::Checked(Box::new(check)),
    };
    let answer = answer.map(|a| answer_state(evidence, a, request.check()));
    let signature = credential.map(|c| signature_state(evidence, c, request.check()));
    let verdict = answer.as_ref().map(|a| {
        verdict(&Weighed {
            token: credential,
            request: request.check(),
            answer: &a.answer,
            recognition: a.recognition,
            at,
            signature: signature.as_ref().map(|s| &s.signature),
        })
    });
    let mut findings = credential.map(|c| c.findings_at(now)).unwrap_or_default();
    if let Some(check) = request.check() {
        findings.extend(check.findings.iter().cloned());
    }
    if let Some(v) = &verdict {
        findings.extend(v.findings.iter().cloned());
    }
    rank(&mut findings);
    let tabs = if count > 1 {
        report.credentials.iter().map(|c| tab(c)).collect()
    } else {
        Vec::new()
    };
    let mut page = Page {
        checklist: scope_checklist(credential, &evidence.checklist, request.check()),
        status: credential.and_then(|c| c.time_status(now)),
        report,
        selected,
        tabs,
        findings,
        request,
        answer,
        verdict,
        at,
        summary: String::new(),
        signature,
        comparison: None,
        session: evidence.session.clone(),
        session_comparison: evidence.session.as_ref().and_then(|s| {
            let (a, b) = evidence.session_pair?;
            Some(compare(
                &s.tokens.get(a)?.credential,
                &s.tokens.get(b)?.credential,
                now,
            ))
        }),
    };
    page.comparison = evidence
        .compare_with
        .filter(|j| Some(*j) != selected)
        .and_then(|j| {
            Some(compare(
                page.credential()?,
                page.report.credentials.get(j)?,
                now,
            ))
        });
    page.summary = summary::ticket(&page);
    page
}

/// The answer, recognised with the request's URL.
fn answer_state(evidence: &Evidence, a: &Rc<Answer>, check: Option<&RequestCheck>) -> AnswerState {
    let url = check.map(|c| c.request.url());
    AnswerState {
        recognition: recognise(a, url.as_deref()),
        answer: a.clone(),
        request_from_answer: evidence.request.trim().is_empty() && a.request.is_some(),
        in_log_center: !url
            .as_deref()
            .is_some_and(|u| answer::NOT_IN_LOG_CENTER.iter().any(|p| u.contains(p))),
    }
}

/// The signature of `c` against the evidence's keys, with where its keys are.
fn signature_state(
    evidence: &Evidence,
    c: &Credential,
    check: Option<&RequestCheck>,
) -> SignatureState {
    let short_code = check.and_then(|r| r.request.short_code.as_deref());
    let (help, curl) = signature::where_keys_are(c, short_code);
    SignatureState {
        signature: signature::check(c, &evidence.keys, &evidence.verified),
        help,
        curl,
        keys: evidence.keys.clone(),
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
