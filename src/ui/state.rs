//! The one reducer: what the page holds (the raw inputs and the selection, read once into
//! [`Evidence`]) and every action a user can take on it. Everything shown is derived from it by
//! [`crate::inspect::page`].

use std::rc::Rc;

use yew::prelude::*;

use super::har_open::Opened;
use crate::inspect::checklist::Expectations;
use crate::inspect::{keep, Evidence};

/// What the page holds: the raw input, which credential is selected, the pasted request and the
/// checklist text. Only the checklist is ever stored (see [`browser::save_checklist`]).
#[derive(Clone, PartialEq, Default)]
pub struct State {
    /// What is kept of the paste: its first [`crate::inspect::MAX_INPUT_BYTES`] (the text box holds the same).
    pub input: Rc<str>,
    /// The checklist as typed.
    pub checklist: Rc<str>,
    /// The API's answer as pasted (capped like the paste).
    pub answer: Rc<str>,
    /// The signing keys as pasted (never stored).
    pub keys: Rc<str>,
    /// The evidence read from the inputs: the paste analysed, the request, the checklist parsed.
    pub evidence: Evidence,
    /// The HAR file's name, while a session is open.
    pub session_name: Rc<str>,
    /// The HAR file opened, to be read again for the sanitized export (never stored).
    pub har_file: Option<web_sys::File>,
    /// Why the last HAR could not be read.
    pub har_error: Option<Rc<str>>,
    /// The session's call the inspector holds (an index into `calls`).
    pub selected_call: Option<usize>,
    /// What the last sanitized export removed, or why it failed.
    pub exported: Option<Rc<Result<Vec<String>, String>>>,
    /// The sanitized export is being written.
    pub exporting: bool,
    /// A HAR pasted as text, kept for its export (the paste box is refilled when a call is
    /// inspected).
    pub har_text: Option<Rc<str>>,
}

impl State {
    /// The state at start, with the remembered checklist.
    fn with_checklist(checklist: String) -> State {
        State::default().reduce_checklist(checklist)
    }

    /// The state at start: the remembered checklist, and what was pasted into the boot shell
    /// before the app mounted.
    pub fn starting(checklist: String, pasted: &str) -> State {
        let state = State::with_checklist(checklist);
        if pasted.is_empty() {
            state
        } else {
            state.reduce_input(pasted)
        }
    }

    fn reduce_checklist(mut self, text: String) -> State {
        self.evidence.checklist = Rc::new(Expectations::parse(&text));
        self.checklist = text.into();
        self
    }
}

/// Everything a user can do to the state.
pub enum Action {
    Input(String),
    Select(usize),
    /// Compares the selected credential with this one (`None`: stop comparing).
    CompareWith(Option<usize>),
    Clear,
    Request(String),
    Answer(String),
    Keys(String),
    /// What the browser found for a signature plan.
    Verified(u64, crate::inspect::signature::Outcome),
    Checklist(String),
    /// Adds a preset (or the request's scopes) to the checklist.
    AddExpected(Expectations),
    /// A HAR was opened (or could not be read).
    Opened(Opened),
    /// Closes the session.
    CloseSession,
    /// Fills the inspector with one call of the session.
    InspectCall(usize),
    /// Compares two of the session's tokens (`None`: stop).
    Pair(Option<(usize, usize)>),
    /// The sanitized export started.
    Exporting,
    /// The sanitized export ran.
    Exported(Result<Vec<String>, String>),
}

impl State {
    /// A new paste: read, and opened as a session when it is a whole HAR.
    fn reduce_input(mut self, text: &str) -> State {
        let (kept, dropped) = keep(text);
        self.evidence = self.evidence.with_paste(kept, dropped);
        self.evidence.call_at = None;
        self.input = kept.into();
        self.har_error = None;
        if dropped > 0 && crate::inspect::session::looks_like_har(kept) {
            self.har_error = Some(format!(
                "This paste is a HAR of {} KB: a paste is read up to 1 MB, so it is not opened as a session. Open the file with “Open a HAR file…” (or drop it on the page) to read all of it.",
                (kept.len() + dropped) / 1024
            ).into());
        } else if let Some(session) = crate::inspect::session::from_paste(kept) {
            self = self.open_session("pasted HAR".into(), None, Rc::new(session));
            self.har_text = Some(kept.into());
        }
        self
    }

    fn open_session(
        mut self,
        name: Rc<str>,
        file: Option<web_sys::File>,
        session: Rc<crate::inspect::session::Session>,
    ) -> State {
        self.evidence = self.evidence.with_session(Some(session));
        self.session_name = name;
        self.har_file = file;
        self.har_text = None;
        self.har_error = None;
        self.selected_call = None;
        self.exported = None;
        self
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Input(text) => next = next.reduce_input(&text),
            Action::Opened(opened) => match opened.session {
                Ok(session) => next = next.open_session(opened.name, opened.file, session),
                Err(why) => next.har_error = Some(why.into()),
            },
            Action::CloseSession => {
                next.evidence = next.evidence.with_session(None);
                next.har_file = None;
                next.har_text = None;
                next.har_error = None;
                next.selected_call = None;
                next.exported = None;
            }
            Action::InspectCall(i) => {
                if let Some((evidence, call)) = next.evidence.with_call(i) {
                    next.evidence = evidence;
                    next.input = call.paste.into();
                    next.answer = call.answer.into();
                    next.selected_call = Some(i);
                }
            }
            Action::Pair(pair) => next.evidence.session_pair = pair,
            Action::Exporting => {
                next.exported = None;
                next.exporting = true;
            }
            Action::Exported(result) => {
                next.exported = Some(Rc::new(result));
                next.exporting = false;
            }
            Action::Select(selected) => next.evidence.selected = selected,
            Action::CompareWith(other) => next.evidence.compare_with = other,
            Action::Clear => {
                next.evidence = next.evidence.with_answer("").with_paste("", 0);
                next.evidence.request = "".into();
                next.input = "".into();
                next.answer = "".into();
                next.keys = "".into();
                next.evidence = next.evidence.with_keys("");
            }
            Action::Request(text) => {
                next.evidence.request = text.into();
                next.evidence.call_at = None;
            }
            Action::Keys(text) => {
                let (kept, _) = keep(&text);
                // Read in full: a key set over 1 MB is cut, and its reader says so.
                next.evidence = next.evidence.with_keys(&text);
                next.keys = kept.into();
            }
            Action::Verified(id, outcome) => {
                next.evidence = next.evidence.with_outcome(id, outcome)
            }
            Action::Answer(text) => {
                let (kept, _) = keep(&text);
                next.evidence = next.evidence.with_answer(&text);
                next.evidence.call_at = None;
                next.answer = kept.into();
            }
            Action::Checklist(text) => next = next.reduce_checklist(text),
            Action::AddExpected(more) => {
                let mut list = Expectations::parse(&self.checklist);
                list.merge(&more);
                next = next.reduce_checklist(list.to_text());
            }
        }
        Rc::new(next)
    }
}
