//! The page: what is pasted at the top (token, and optionally the failing request and the
//! expected scopes), the report below.

use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::checklist_panel::ChecklistPanel;
use super::clock::use_now;
use super::credential_view::CredentialView;
use super::request_panel::RequestInput;
use super::token_input::TokenInput;
use super::{ReportRef, RequestRef};
use crate::inspect::checklist::Expectations;
use crate::inspect::extract::token_from_fragment;
use crate::inspect::text::percent_decode;
use crate::inspect::{analyze_kept, keep, request};

/// What the page holds: the raw input, which credential is selected, the pasted request and the
/// checklist text. Only the checklist is ever stored (see [`browser::save_checklist`]).
#[derive(Clone, PartialEq, Default)]
pub struct State {
    /// What is kept of the paste: its first [`crate::inspect::MAX_INPUT_BYTES`] (the text box holds the same).
    pub input: Rc<str>,
    /// Bytes of the paste dropped after what was kept.
    pub dropped: usize,
    pub selected: usize,
    pub request: Rc<str>,
    pub checklist: Rc<str>,
}

/// Everything a user can do to the state.
pub enum Action {
    Input(String),
    Select(usize),
    Clear,
    Request(String),
    Checklist(String),
    /// Adds a preset (or the request's scopes) to the checklist.
    AddExpected(Expectations),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Input(text) => {
                let (kept, dropped) = keep(&text);
                next.input = kept.into();
                next.dropped = dropped;
                next.selected = 0;
            }
            Action::Select(selected) => next.selected = selected,
            Action::Clear => {
                next.input = "".into();
                next.dropped = 0;
                next.selected = 0;
                next.request = "".into();
            }
            Action::Request(text) => next.request = text.into(),
            Action::Checklist(text) => next.checklist = text.into(),
            Action::AddExpected(more) => {
                let mut list = Expectations::parse(&self.checklist);
                list.merge(&more);
                next.checklist = list.to_text().into();
            }
        }
        Rc::new(next)
    }
}

/// The checklist carried by a shared link: `#expect=a,b|c` (percent-encoded items).
fn checklist_from_fragment(fragment: &str) -> Option<String> {
    fragment
        .trim_start_matches('#')
        .split('&')
        .find_map(|part| part.strip_prefix("expect="))
        .map(|items| {
            items
                .split(',')
                .map(percent_decode)
                .collect::<Vec<_>>()
                .join("\n")
        })
}

/// Loads a token or a checklist given in the page's URL fragment, then removes the fragment
/// from the address bar.
fn take_fragment(state: &UseReducerHandle<State>) {
    if let Some(hash) = browser::fragment() {
        if let Some(list) = checklist_from_fragment(&hash) {
            state.dispatch(Action::Checklist(list));
        } else if let Some(token) = token_from_fragment(&hash) {
            state.dispatch(Action::Input(token));
        }
        browser::clear_fragment();
    }
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| State {
        checklist: browser::load_checklist().into(),
        ..State::default()
    });
    let now = use_now();
    let report = {
        let input = (state.input.clone(), state.dropped);
        use_memo(input, |(kept, dropped)| {
            ReportRef(Rc::new(analyze_kept(kept, *dropped)))
        })
    };
    let expectations = use_memo(state.checklist.clone(), |text| Expectations::parse(text));
    let count = report.0.credentials.len();
    let selected = state.selected.min(count.saturating_sub(1));
    // The request check depends on the clock only through the token's validity: recompute when
    // that changes, and once a minute for the wording, not every second.
    let status = report
        .credential(selected)
        .and_then(|c| c.time_status(now))
        .map(|s| s.id());
    let checked = {
        let key = (
            state.request.clone(),
            (*report).clone(),
            selected,
            status,
            now / 60,
        );
        use_memo(key, move |(text, report, selected, _, _)| {
            RequestRef(Rc::new(request::check(
                text,
                report.credential(*selected),
                now,
            )))
        })
    };
    // The selected credential, shared with the view (the same `Rc` until the paste changes).
    let credential = use_memo(((*report).clone(), selected), |(report, selected)| {
        report.credential(*selected).cloned().map(Rc::new)
    });
    {
        let list = expectations.clone();
        use_effect_with(list, |list| browser::save_checklist(list));
    }
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            browser::forbid_connections();
            take_fragment(&state);
            let listener = browser::on_hash_change(move || take_fragment(&state));
            move || drop(listener)
        });
    }
    let dispatch = |make: fn(String) -> Action| {
        let state = state.clone();
        Callback::from(move |text: String| state.dispatch(make(text)))
    };
    let on_clear = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Clear))
    };
    let on_add = {
        let state = state.clone();
        Callback::from(move |more: Expectations| state.dispatch(Action::AddExpected(more)))
    };
    let report = (*report).clone();
    let checked = (*checked).clone();
    let tabs = (count > 1).then(|| {
        let buttons = report.0.credentials.iter().enumerate().map(|(i, c)| {
            let state = state.clone();
            let onclick = Callback::from(move |_| state.dispatch(Action::Select(i)));
            html! {
                <button type="button" role="tab" class="tab" aria-selected={(i == selected).to_string()}
                    data-testid="credential-tab" {onclick}>
                    <span class="tab-label">{ crate::inspect::text::reveal(&c.label) }</span>
                    <span class="tab-kind">{ c.title() }</span>
                </button>
            }
        });
        html! {
            <nav class="tabs" role="tablist" aria-label="Credentials found in the paste">{ for buttons }</nav>
        }
    });
    let granted = report
        .credential(selected)
        .and_then(|c| c.sfcc())
        .map(|s| Rc::new(s.scopes.iter().map(|g| g.name.clone()).collect::<Vec<_>>()));
    let from_request = checked
        .check()
        .map(|c| Rc::new(c.expected.clone()))
        .filter(|e| !e.is_empty());
    html! {
        <main id="app" class="app">
            <header class="topbar">
                <h1>{ "SFCC Token Inspector" }</h1>
                <p class="tagline">{ "Decoded in your browser. Nothing you paste leaves this page; only the expected-scope checklist is remembered." }</p>
            </header>
            <TokenInput value={AttrValue::from(state.input.clone())} on_input={dispatch(Action::Input)} {on_clear}
                stripped={Rc::new(report.0.stripped.clone())} />
            <div class="context">
                <RequestInput value={AttrValue::from(state.request.clone())} on_input={dispatch(Action::Request)}
                    check={checked.clone()} />
                <ChecklistPanel text={AttrValue::from(state.checklist.clone())} expectations={expectations.clone()}
                    {granted} {from_request} on_text={dispatch(Action::Checklist)} {on_add} />
            </div>
            { tabs.unwrap_or_default() }
            if let Some(credential) = (*credential).clone() {
                <CredentialView {credential} request={checked.clone()} />
            } else {
                <section class="card empty" data-testid="empty">
                    <h2>{ "What can I paste?" }</h2>
                    <ul>
                        <li>{ "A SLAS shopper token, an Account Manager token, an OCAPI JWT or any JWT" }</li>
                        <li>{ "A whole Authorization: Bearer … line, or a curl command" }</li>
                        <li>{ "A JSON token response (access_token, id_token, refresh_token)" }</li>
                        <li>{ "A Cookie line or a cookie value (cc-at, cc-at_2, cc-nx-g …)" }</li>
                        <li>{ "A URL with access_token= or id_token=" }</li>
                    </ul>
                    <p>{ "Then paste the failing request next to it, or list the scopes the call needs: the inspector says whether this token can make that call, and why not." }</p>
                </section>
            }
        </main>
    }
}
