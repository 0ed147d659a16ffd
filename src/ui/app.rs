//! The page: input at the top, the report below.

use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::credential_view::CredentialView;
use super::token_input::TokenInput;
use super::ReportRef;
use crate::inspect::{analyze, extract::token_from_fragment};

/// What the page remembers: the raw input and which credential is selected. Nothing else.
#[derive(Clone, PartialEq, Default)]
pub struct State {
    pub input: Rc<str>,
    pub selected: usize,
}

/// Everything a user can do to the state.
pub enum Action {
    Input(String),
    Select(usize),
    Clear,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(match action {
            Action::Input(text) => State {
                input: text.into(),
                selected: 0,
            },
            Action::Select(selected) => State {
                input: self.input.clone(),
                selected,
            },
            Action::Clear => State::default(),
        })
    }
}

/// Loads a token given in the page's URL fragment into the input, then removes it from the
/// address bar.
fn take_fragment(state: &UseReducerHandle<State>) {
    if let Some(hash) = browser::fragment() {
        if let Some(token) = token_from_fragment(&hash) {
            state.dispatch(Action::Input(token));
        }
        browser::clear_fragment();
    }
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(State::default);
    let report = {
        let input = state.input.clone();
        use_memo(input, |input| ReportRef(Rc::new(analyze(input))))
    };
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            browser::forbid_connections();
            take_fragment(&state);
            let listener = browser::on_hash_change(move || take_fragment(&state));
            move || drop(listener)
        });
    }
    let on_input = {
        let state = state.clone();
        Callback::from(move |text: String| state.dispatch(Action::Input(text)))
    };
    let on_clear = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Clear))
    };
    let report = (*report).clone();
    let count = report.0.credentials.len();
    let selected = state.selected.min(count.saturating_sub(1));
    let tabs = (count > 1).then(|| {
        let buttons = report.0.credentials.iter().enumerate().map(|(i, c)| {
            let state = state.clone();
            let onclick = Callback::from(move |_| state.dispatch(Action::Select(i)));
            html! {
                <button type="button" role="tab" class="tab" aria-selected={(i == selected).to_string()}
                    data-testid="credential-tab" {onclick}>
                    <span class="tab-label">{ c.label.clone() }</span>
                    <span class="tab-kind">{ c.kind.title() }</span>
                </button>
            }
        });
        html! {
            <nav class="tabs" role="tablist" aria-label="Credentials found in the paste">{ for buttons }</nav>
        }
    });
    html! {
        <main id="app" class="app">
            <header class="topbar">
                <h1>{ "SFCC Token Inspector" }</h1>
                <p class="tagline">{ "Decoded in your browser. Nothing you paste leaves this page or is stored." }</p>
            </header>
            <TokenInput value={AttrValue::from(state.input.to_string())} {on_input} {on_clear}
                stripped={Rc::new(report.0.stripped.clone())} />
            { tabs.unwrap_or_default() }
            if count > 0 {
                <CredentialView report={report.clone()} index={selected} />
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
                </section>
            }
        </main>
    }
}
