//! The failing request: its text area, the operation it matched and the line-by-line check.

use yew::prelude::*;

use crate::inspect::text::reveal;
use crate::markup::Markup;

use std::rc::Rc;

use crate::inspect::page::RequestState;
use crate::inspect::request::Matched;

#[derive(Properties, PartialEq)]
pub struct RequestInputProps {
    pub value: AttrValue,
    pub on_input: Callback<String>,
    pub check: Rc<RequestState>,
}

/// Where the engineer pastes the call that fails, with what it was matched to.
#[component]
pub fn RequestInput(props: &RequestInputProps) -> Html {
    let oninput = super::text_input(&props.on_input);
    let matched = match &*props.check {
        RequestState::Absent => html! {
            <p class="hint">{ "A URL, a curl command or a line like " }<code>{ "GET https://kv7kzm78.api.commercecloud.salesforce.com/…" }</code>
                { " — also PWA Kit " }<code>{ "/mobify/proxy/api/…" }</code>{ " and SLAS paths." }</p>
        },
        RequestState::Unreadable(message) => html! {
            <p class="hint error-text" data-testid="request-error" role="status">{ reveal(&message.to_string()) }</p>
        },
        RequestState::Checked(check) => match &check.matched {
            Matched::Operation(op) => {
                let e = op.endpoint;
                html! {
                    <p class="matched" data-testid="operation" data-operation={e.operation_id}>
                        <span class="method">{ e.method }</span>{ " " }
                        <strong>{ e.operation_id }</strong>
                        <span class="muted">{ format!(" — {} ({}{})", e.api, e.base_path, e.path) }</span>
                    </p>
                }
            }
            Matched::Custom(api) => html! {
                <p class="matched" data-testid="operation" data-operation={format!("custom:{}", api.name)}>
                    <span class="method">{ check.request.method.clone().unwrap_or_else(|| "GET".into()) }</span>{ " " }
                    <strong>{ format!("custom API {} {}", reveal(&api.name), reveal(&api.version)) }</strong>
                    <span class="muted">{ format!(" — {} (no published spec: its scope is one of the client's c_ scopes)", reveal(&api.endpoint)) }</span>
                </p>
            },
            Matched::Nothing { nearest } => html! {
                <div class="matched none" data-testid="operation" data-operation="">
                    <p>{ "No Commerce API operation matches this method and path." }</p>
                    if !nearest.is_empty() {
                        <p>{ "Nearest: " }
                            { for nearest.iter().map(|e| html! {
                                <span class="nearest"><span class="method">{ e.method }</span>{ " " }<code>{ format!("{}{}", e.base_path, e.path) }</code>
                                    { format!(" ({}) ", e.operation_id) }</span>
                            }) }
                        </p>
                    }
                </div>
            },
        },
    };
    html! {
        <section class="card request-card">
            <label for="request-input" class="input-label">{ "The failing request (optional)" }</label>
            <textarea id="request-input" data-testid="request-input" class="request-input"
                spellcheck="false" autocomplete="off" autocapitalize="off" autocorrect="off" rows="3"
                placeholder="PATCH https://kv7kzm78.api.commercecloud.salesforce.com/checkout/shopper-baskets/v2/organizations/f_ecom_abcd_001/baskets/…?siteId=RefArch"
                value={props.value.clone()} {oninput} />
            { matched }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct RequestResultProps {
    pub check: Rc<RequestState>,
}

/// The one-line verdict at the top of the report.
/// Rendered by the credential view (a function, not a component: it holds no state, and
/// the view re-renders only when its credential, request or findings change).
pub fn verdict(props: &RequestResultProps) -> Html {
    let Some(check) = props.check.check() else {
        return Html::default();
    };
    let class = if check.ok { "ok" } else { "error" };
    html! {
        <section class={classes!("card", "verdict", class)} data-testid="verdict" data-ok={check.ok.to_string()} role="status">
            <span class={classes!("badge", class)}>{ if check.ok { "Can call" } else { "Cannot call" } }</span>
            <p>{ reveal(&check.verdict) }</p>
        </section>
    }
}

/// Every line of the request check: operation, token kind, scopes, tenant, site, customer, time.
/// Rendered by the credential view (a function, not a component: it holds no state, and
/// the view re-renders only when its credential, request or findings change).
pub fn request_checks(props: &RequestResultProps) -> Html {
    let Some(check) = props.check.check() else {
        return Html::default();
    };
    if check.items.is_empty() {
        return Html::default();
    }
    let mut m = Markup::new();
    m.open("section", "card request-checks")
        .attr("data-testid", "request-checks")
        .leaf("h3", "", "The request, checked")
        .open("table", "checks")
        .leaf("caption", "sr-only", "Request check")
        .open("tbody", "");
    for item in &check.items {
        let outcome = item.outcome.id();
        m.open("tr", "")
            .attr("data-check", item.id)
            .attr("data-outcome", outcome)
            .open("th", "")
            .attr("scope", "row")
            .text(item.label)
            .close()
            .open("td", "")
            .leaf("span", &format!("tag {outcome}"), outcome_word(outcome))
            .close()
            .leaf("td", "", &reveal(&item.text))
            .close();
    }
    super::raw(m)
}

fn outcome_word(id: &str) -> &'static str {
    match id {
        "pass" => "OK",
        "fail" => "Fails",
        "warn" => "Check",
        _ => "—",
    }
}
