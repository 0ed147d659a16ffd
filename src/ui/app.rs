//! The page: what is pasted at the top (token, and optionally the failing request and the
//! expected scopes), the report below.

use std::rc::Rc;

use yew::prelude::*;

use super::answer_panel::{answer_card, answer_input, ticket_card, verdict_card, AnswerInputProps};
use super::browser;
use super::checklist_panel::ChecklistPanel;
use super::clock::{use_clock, Now};
use super::compare_panel::{compare_select, comparison_card};
use super::credential_view::CredentialView;
use super::har_open::HarOpen;
use super::keys_panel::{keys_input, signature_card, KeysInputProps};
use super::request_panel::RequestInput;
use super::session_view::SessionView;
use super::state::{Action, State};
use super::token_input::TokenInput;
use crate::inspect::checklist::Expectations;
use crate::inspect::extract::token_from_fragment;
use crate::inspect::page::{page, Page};
use crate::inspect::text::percent_decode;

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

/// What the page is computed from: the evidence (its report compared by identity, so that a
/// second's tick does not compare two reports) and the clock.
#[derive(PartialEq, Clone)]
struct PageKey {
    report: *const crate::inspect::Report,
    selected: usize,
    compare_with: Option<usize>,
    request: Rc<str>,
    checklist: Rc<Expectations>,
    answer: Option<*const crate::inspect::answer::Answer>,
    keys: *const crate::inspect::keys::KeySet,
    verified: *const Vec<(u64, crate::inspect::signature::Outcome)>,
    session: Option<*const crate::inspect::session::Session>,
    session_pair: Option<(usize, usize)>,
    call_at: Option<crate::inspect::UnixTime>,
    now: crate::inspect::UnixTime,
}

/// The identity of the evidence's report, for memo keys.
fn key_report(evidence: &crate::inspect::Evidence) -> *const crate::inspect::Report {
    Rc::as_ptr(&evidence.report)
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| State::starting(browser::load_checklist(), &browser::boot_text()));
    let now = use_clock();
    let evidence = &state.evidence;
    let key = PageKey {
        report: key_report(evidence),
        selected: evidence.selected,
        compare_with: evidence.compare_with,
        request: evidence.request.clone(),
        checklist: evidence.checklist.clone(),
        answer: evidence.answer.as_ref().map(Rc::as_ptr),
        keys: Rc::as_ptr(&evidence.keys),
        verified: Rc::as_ptr(&evidence.verified),
        session: evidence.session.as_ref().map(Rc::as_ptr),
        session_pair: evidence.session_pair,
        call_at: evidence.call_at,
        now,
    };
    // New evidence is first painted with the cards below the fold laid out lazily, then all of
    // them once the browser is idle (a full-page capture shows every card); not on a clock tick.
    use_effect_with(
        PageKey {
            now: 0,
            ..key.clone()
        },
        |_| browser::render_lazily_until_idle(),
    );
    let shown: Rc<Page> = {
        let evidence = evidence.clone();
        use_memo(key, move |key| page(&evidence, key.now))
    };
    // The request panels re-render only when the check itself changes, not every second.
    let checked = use_memo(shown.request.clone(), |r| r.clone());
    // The selected credential, shared with the views: the same `Rc` until the paste or the
    // selection changes.
    let credential = use_memo((key_report(evidence), shown.selected), {
        let shown = shown.clone();
        move |_| shown.shared_credential().cloned().map(super::Shared)
    });
    let findings = use_memo(shown.findings.clone(), |f| f.clone());
    let checklist = use_memo(shown.checklist.clone(), |c| c.clone());
    let answer = use_memo(shown.answer.clone(), |a| a.clone());
    let signature = use_memo(shown.signature.clone(), |s| s.clone());
    // A signature plan is run by the browser's WebCrypto; its outcome comes back as evidence.
    {
        let state = state.clone();
        let plan = shown
            .signature
            .as_ref()
            .and_then(|s| s.signature.plan().cloned());
        use_effect_with(plan.as_ref().map(|p| p.id), move |_| {
            if let Some(plan) = plan {
                wasm_bindgen_futures::spawn_local(async move {
                    let outcome = super::verify::run(&plan).await;
                    state.dispatch(Action::Verified(plan.id, outcome));
                });
            }
        });
    }
    {
        let list = evidence.checklist.clone();
        use_effect_with(list, |list| browser::save_checklist(list));
    }
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            browser::forbid_connections();
            browser::drop_boot();
            take_fragment(&state);
            let listener = browser::on_hash_change(move || take_fragment(&state));
            let print = browser::open_disclosures_for_print();
            move || drop((listener, print))
        });
    }
    // The same callbacks on every render: the inputs do not re-render on the clock's tick (a
    // text box's render reads its whole value back from the DOM).
    let on_input = use_send(&state, Action::Input);
    let on_request = use_send(&state, Action::Request);
    let on_answer = use_send(&state, Action::Answer);
    let on_keys = use_send(&state, Action::Keys);
    let on_checklist = use_send(&state, Action::Checklist);
    let on_clear = use_send(&state, |()| Action::Clear);
    let on_add = use_send(&state, Action::AddExpected);
    // Selecting a call brings its verdict into view.
    {
        let selected_call = state.selected_call;
        use_effect_with(selected_call, move |call| {
            if call.is_some() {
                browser::bring_into_view("inspector");
            }
        });
    }
    let session = session_view(&state, &shown);
    let selected = shown.selected.unwrap_or(0);
    let tabs = (!shown.tabs.is_empty()).then(|| {
        let buttons = shown.tabs.iter().enumerate().map(|(i, tab)| {
            let state = state.clone();
            let onclick = Callback::from(move |_| state.dispatch(Action::Select(i)));
            html! {
                <button type="button" role="tab" class="tab" aria-selected={(i == selected).to_string()}
                    data-testid="credential-tab" data-kind={tab.kind_id} {onclick}>
                    <span class="tab-label" title={crate::inspect::text::reveal(&tab.label)}>{ crate::inspect::text::reveal(&tab.label) }</span>
                    <span class="tab-kind">{ tab.title }</span>
                </button>
            }
        });
        let on_pick = {
            let state = state.clone();
            Callback::from(move |other: Option<usize>| state.dispatch(Action::CompareWith(other)))
        };
        html! {
            <>
                <nav class="tabs" role="tablist" aria-label="Credentials found in the paste">{ for buttons }</nav>
                { compare_select(&shown.tabs, selected, evidence.compare_with, on_pick) }
            </>
        }
    });
    html! {
        <ContextProvider<Now> context={Now(now)}>
        <main id="app" class="app">
            <header class="topbar">
                <h1>{ "SFCC Token Inspector" }</h1>
                <p class="tagline">{ "Decoded in your browser. Nothing you paste leaves this page; only the expected-scope checklist is remembered." }</p>
            </header>
            <HarOpen on_open={Callback::from({
                let state = state.clone();
                move |o| state.dispatch(Action::Opened(o))
            })} />
            if let Some(why) = &state.har_error {
                <p class="finding error har-error" role="alert" data-testid="har-error">{ crate::inspect::text::reveal(why) }</p>
            }
            <TokenInput value={AttrValue::from(state.input.clone())} {on_input} {on_clear}
                stripped={Rc::new(shown.report.stripped.clone())} />
            <div class="context">
                <RequestInput value={AttrValue::from(evidence.request.clone())} on_input={on_request}
                    check={checked.clone()} />
                { answer_input(&AnswerInputProps { value: AttrValue::from(state.answer.clone()),
                    on_input: on_answer, answer: answer.clone() }) }
                { keys_input(&KeysInputProps { value: AttrValue::from(state.keys.clone()),
                    on_input: on_keys, keys: evidence.keys.clone() }) }
                <ChecklistPanel text={AttrValue::from(state.checklist.clone())} expectations={evidence.checklist.clone()}
                    shown={checklist.clone()} on_text={on_checklist} {on_add} />
            </div>
            { session }
            <div id="inspector" tabindex="-1" class="inspector-anchor"></div>
            if let Some(v) = &shown.verdict {
                { verdict_card(v, now, evidence.call_at.is_some()) }
                { ticket_card(&shown.summary) }
            }
            if let Some(a) = &*answer {
                { answer_card(a) }
            }
            { tabs.unwrap_or_default() }
            if let Some(c) = &shown.comparison {
                { comparison_card(c) }
            }
            if let Some(credential) = (*credential).clone() {
                <CredentialView {credential} request={checked.clone()} findings={findings.clone()}
                    status={shown.status} />
            } else if shown.answer.is_none() {
                { empty_state() }
            }
            // After the credential it concerns: what it is comes first, whether it is genuine next.
            if let Some(s) = &*signature {
                { signature_card(s) }
            }
            // Without an answer the summary closes the report; with one it follows the verdict.
            if shown.verdict.is_none() && has_evidence(&shown) {
                { ticket_card(&shown.summary) }
            }
        </main>
        </ContextProvider<Now>>
    }
}

/// A callback that sends `make(value)` to the reducer, the same one on every render.
#[hook]
fn use_send<T: 'static>(state: &UseReducerHandle<State>, make: fn(T) -> Action) -> Callback<T> {
    use_callback(state.dispatcher(), move |value: T, to| {
        to.dispatch(make(value))
    })
}

/// The session view, when a HAR is open.
fn session_view(state: &UseReducerHandle<State>, shown: &Page) -> Html {
    let Some(session) = shown.session.clone() else {
        return Html::default();
    };
    let send = |make: fn(usize) -> Action| {
        let state = state.clone();
        Callback::from(move |i: usize| state.dispatch(make(i)))
    };
    let on_pair = {
        let state = state.clone();
        Callback::from(move |p| state.dispatch(Action::Pair(p)))
    };
    let on_export = {
        let state = state.clone();
        Callback::from(move |()| export(state.clone()))
    };
    let on_close = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::CloseSession))
    };
    html! {
        <>
            <SessionView session={super::Shared(session)} name={AttrValue::from(state.session_name.clone())}
                selected={state.selected_call} on_inspect={send(Action::InspectCall)}
                pair={state.evidence.session_pair} {on_pair}
                comparison={shown.session_comparison.clone().map(Rc::new)}
                {on_export} exported={state.exported.clone()} exporting={state.exporting} />
            <p class="session-close"><button type="button" class="button" data-testid="close-session" onclick={on_close}>{ "Close the session" }</button></p>
        </>
    }
}

/// The largest HAR the page writes a sanitized copy of.
const EXPORT_MAX_BYTES: usize = 256 << 20;

/// Writes the sanitized HAR (from the file, read again, or the pasted text) and downloads it.
fn export(state: UseReducerHandle<State>) {
    if state.exporting {
        return;
    }
    state.dispatch(Action::Exporting);
    wasm_bindgen_futures::spawn_local(async move {
        // Lets the page say "Writing…" before the work starts.
        super::har_open::next_task().await;
        let bytes = match &state.har_file {
            Some(file) => super::har_open::bytes_of(file).await,
            None => state
                .har_text
                .as_ref()
                .map(|t| t.as_bytes().to_vec())
                .ok_or_else(|| "The HAR is no longer here: open it again.".to_string()),
        };
        // The export holds the whole file as JSON while it writes it (about 4.5× the file).
        let bytes = bytes.and_then(|b| {
            if b.len() > EXPORT_MAX_BYTES {
                Err(format!(
                    "This HAR is {} MB: the page writes sanitized copies of files up to {} MB (the export holds the whole file in memory). Export fewer requests from the browser and open that file.",
                    b.len() >> 20,
                    EXPORT_MAX_BYTES >> 20
                ))
            } else {
                Ok(b)
            }
        });
        let result = bytes
            .and_then(|b| crate::inspect::sanitize::sanitize(&b))
            .and_then(|(har, manifest)| {
                let stem = state
                    .session_name
                    .trim_end_matches(".har")
                    .trim_end_matches(".json");
                let name = format!(
                    "{}.sanitized.har",
                    if stem.is_empty() { "session" } else { stem }
                );
                if browser::download(&name, &har, "application/json") {
                    Ok(manifest.lines())
                } else {
                    Err("The browser did not accept the download.".to_string())
                }
            });
        state.dispatch(Action::Exported(result));
    });
}

/// Something was given that a ticket can say something about.
fn has_evidence(page: &Page) -> bool {
    !page.report.is_empty() || page.answer.is_some() || page.request.check().is_some()
}

/// What the page says before anything is pasted (a function, not a component: it has no state).
fn empty_state() -> Html {
    html! {
        <section class="card empty" data-testid="empty">
            <h2>{ "What can I paste?" }</h2>
            <ul>
                <li>{ "A SLAS shopper token, an Account Manager token, an OCAPI JWT or any JWT — or several, one a line (each gets its own tab)" }</li>
                <li>{ "An Authorization line with any scheme (Bearer, SLAS, DPoP, Basic), or copied request headers" }</li>
                <li>{ "A browser copy: “Copy as cURL” (bash or cmd), “Copy as fetch”, “Copy as PowerShell”, or a raw HTTP request" }</li>
                <li>{ "A HAR entry, a Postman environment or collection, a JSON log line or a JSON token response" }</li>
                <li>{ "Cookies (cc-at + cc-at_2, cc-nx-g, with or without a site suffix such as _RefArch), a form body or a URL with access_token= / refresh_token=" }</li>
                <li>{ "A token request with client_id and client_secret (curl -u or -d): the client id is shown, the secret masked" }</li>
            </ul>
            <p>{ "Then paste the failing request next to it, or list the scopes the call needs: the inspector says whether this token can make that call, and why not." }</p>
        </section>
    }
}
