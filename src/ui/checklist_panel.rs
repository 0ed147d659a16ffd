//! The expected-scope checklist: typed, picked from presets or filled in by the pasted request;
//! each scope checked against the token. Remembered in localStorage and shareable as a link —
//! it holds scope names only, never a token.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::browser::checklist_link;
use super::copy::CopyButton;
use crate::inspect::checklist::{self, Check, Expectations, Expected};
use crate::inspect::page::ScopeChecklist;
use crate::inspect::scopes::visible;

#[derive(Properties, PartialEq)]
pub struct ChecklistProps {
    /// The checklist as typed.
    pub text: AttrValue,
    /// The same, parsed.
    pub expectations: Rc<Expectations>,
    /// The checklist as the page composed it: the request's needs, then this list, checked
    /// against the selected token.
    pub shown: Rc<ScopeChecklist>,
    pub on_text: Callback<String>,
    pub on_add: Callback<Expectations>,
}

/// Extra granted scopes listed by name; beyond this, counted.
const EXTRA_SHOWN: usize = 60;

#[component]
pub fn ChecklistPanel(props: &ChecklistProps) -> Html {
    let presets = use_memo((), |_| checklist::presets());
    let oninput = super::text_input(&props.on_text);
    let onchange = {
        let on_add = props.on_add.clone();
        let presets = presets.clone();
        Callback::from(move |e: Event| {
            let Some(select) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
            else {
                return;
            };
            if let Some(p) = presets.iter().find(|p| p.id == select.value()) {
                on_add.emit(p.expectations.clone());
            }
            select.set_value("");
        })
    };
    let on_clear = {
        let on_text = props.on_text.clone();
        Callback::from(move |_| on_text.emit(String::new()))
    };
    let ScopeChecklist {
        expected: all,
        from_request,
        result,
    } = &*props.shown;
    let from_request = *from_request;
    let rows = all.items.iter().enumerate().map(|(i, item)| {
        let check = result
            .as_ref()
            .and_then(|r| r.rows.get(i))
            .map(|r| &r.check);
        check_row(item, check, i < from_request)
    });
    let extra = result
        .as_ref()
        .filter(|r| !r.extra.is_empty() && !all.is_empty())
        .map(|r| extra_scopes(&r.extra));
    let link = checklist_link(&props.expectations);
    html! {
        <section class="card checklist" data-testid="checklist">
            <label for="checklist-input" class="input-label">{ "Expected scopes — what the call needs" }</label>
            <textarea id="checklist-input" data-testid="checklist-input" class="checklist-input" rows="3"
                spellcheck="false" autocomplete="off" autocapitalize="off"
                placeholder="sfcc.shopper-baskets-orders.rw, sfcc.shopper-products"
                value={props.text.clone()} {oninput} />
            <div class="checklist-actions">
                <label class="preset">
                    <span>{ "Add a preset " }</span>
                    { preset_select(&presets, onchange) }
                </label>
                if !props.expectations.is_empty() {
                    <CopyButton text={AttrValue::from(link.clone())} what="Copy a link to this checklist" />
                    <button type="button" class="button" data-testid="clear-checklist" onclick={on_clear}>{ "Clear checklist" }</button>
                }
            </div>
            if !all.is_empty() {
                <ul class="check-rows" data-testid="checklist-rows">{ for rows }</ul>
            }
            { extra.unwrap_or_default() }
            if !props.expectations.is_empty() {
                <p class="share">
                    <label for="share-link">{ "Link to this checklist (scopes only, no token): " }</label>
                    <input id="share-link" data-testid="share-link" readonly=true value={link} />
                </p>
            }
            <p class="hint">{ "Separate scopes with spaces, commas or new lines; " }<code>{ "a|b" }</code>
                { " means either will do. Remembered in this browser — the token never is." }</p>
        </section>
    }
}

/// One checklist line: the scope, its alternatives and how the token fares (`None`: no token).
fn check_row(item: &Expected, check: Option<&Check>, from_request: bool) -> Html {
    let (state, text) = match check {
        Some(Check::Satisfied { by }) if *by == item.scope => ("satisfied", "granted".to_string()),
        Some(Check::Satisfied { by }) => ("satisfied", format!("granted via {by}")),
        Some(Check::ReadOnly { have }) => {
            ("read-only", format!("only {have} (read) — write is needed"))
        }
        Some(Check::Missing) => ("missing", "not granted".to_string()),
        None => ("unchecked", "paste a token to check".to_string()),
    };
    let alternatives = (!item.alternatives.is_empty())
        .then(|| html! { <span class="muted">{ format!(" or {}", item.alternatives.iter().map(|a| visible(a)).collect::<Vec<_>>().join(" or ")) }</span> });
    html! {
        <li class={classes!("check-row", state)} data-scope={item.scope.clone()} data-check={state}>
            <span class={classes!("tag", state)}>{ state.replace('-', " ") }</span>
            <code>{ visible(&item.scope) }</code>{ alternatives.unwrap_or_default() }
            <span class="check-text">{ format!(" — {text}") }</span>
            if from_request { <span class="tag source">{ "from the request" }</span> }
        </li>
    }
}

/// The granted scopes nobody asked for: the first by name, the rest counted.
fn extra_scopes(extra: &[String]) -> Html {
    html! {
        <p class="extra" data-testid="extra-scopes">{ "Also granted: " }
            { for extra.iter().take(EXTRA_SHOWN).map(|s| html! { <code class="scope-chip">{ visible(s) }</code> }) }
            if extra.len() > EXTRA_SHOWN { <span class="muted">{ format!(" and {} more", extra.len() - EXTRA_SHOWN) }</span> }
        </p>
    }
}

/// The preset menu, grouped ("SLAS", "Shopper APIs", "Admin APIs") in first-seen order.
fn preset_select(presets: &[checklist::Preset], onchange: Callback<Event>) -> Html {
    let mut groups: Vec<&'static str> = Vec::new();
    for p in presets {
        if !groups.contains(&p.group) {
            groups.push(p.group);
        }
    }
    html! {
        <select data-testid="preset" {onchange}>
            <option value="" selected=true>{ "Choose…" }</option>
            { for groups.iter().map(|g| html! {
                <optgroup label={*g}>
                    { for presets.iter().filter(|p| p.group == *g).map(|p| html! {
                        <option value={p.id.clone()}>{ p.label.clone() }</option>
                    }) }
                </optgroup>
            }) }
        </select>
    }
}
