//! The ranked findings at the top of a credential — the token's own and the request check's —
//! with the error body the API returns in that case; and the validity badge. Both live.

use yew::prelude::*;

use super::clock::use_now;
use super::copy::CopyButton;
use std::rc::Rc;

use super::{CredentialProps, RequestRef};
use crate::inspect::findings::rank;
use crate::inspect::{Credential, Finding, TimeStatus};

/// Text with `backticked` names shown as code, as the core writes claim and scope names.
pub fn rich(text: &str) -> Html {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                html! { <code>{ part }</code> }
            } else {
                html! { { part } }
            }
        })
        .collect()
}

#[derive(Properties, PartialEq, Clone)]
pub struct FindingsProps {
    /// The credential whose findings are shown.
    pub credential: Rc<Credential>,
    /// The request check, whose findings are ranked with the credential's.
    pub request: RequestRef,
}

#[component]
pub fn Findings(props: &FindingsProps) -> Html {
    let now = use_now();
    let mut findings: Vec<Finding> = props.credential.findings_at(now);
    if let Some(check) = props.request.check() {
        findings.extend(check.findings.iter().cloned());
    }
    rank(&mut findings);
    if findings.is_empty() {
        return Html::default();
    }
    html! {
        <section class="card findings" aria-label="Findings" data-testid="findings">
            <ul>
                { for findings.iter().map(|f| html! {
                    <li class={classes!("finding", f.severity.name())} data-finding={f.id}>
                        <span class="severity">{ f.severity.name() }</span>
                        <div>
                            <strong class="finding-title">{ rich(&f.title) }</strong>
                            <p class="finding-detail">{ rich(&f.detail) }</p>
                            if let Some(e) = f.error {
                                <details class="error-body" data-testid="error-body">
                                    <summary>{ format!("What the API answers: HTTP {}", e.status) }</summary>
                                    <pre class="json">{ e.body }</pre>
                                    <p class="source">{ "Source: " }{ e.source }
                                        <CopyButton text={AttrValue::from(e.body)} what="Copy the error body" /></p>
                                </details>
                            }
                        </div>
                    </li>
                }) }
            </ul>
        </section>
    }
}

#[component]
pub fn StatusBadge(props: &CredentialProps) -> Html {
    let now = use_now();
    let Some(status) = props.credential.time_status(now) else {
        return Html::default();
    };
    let (class, text) = match status {
        TimeStatus::Valid => ("ok", "Valid now"),
        TimeStatus::Expired => ("error", "Expired"),
        TimeStatus::NotYetValid => ("error", "Not yet valid"),
        TimeStatus::NoExpiry => ("warning", "No expiry"),
    };
    html! { <span class={classes!("badge", class)} data-testid="status">{ text }</span> }
}
