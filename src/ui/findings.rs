//! The ranked findings at the top of a credential — the token's own and the request check's, as
//! the page composed them — with the error body the API returns in that case; and the validity
//! badge.

use yew::prelude::*;

use std::rc::Rc;

use super::copy::CopyButton;
use crate::inspect::{Finding, TimeStatus};
use crate::markup::Markup;

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
    /// The selected credential's findings and the request check's, ranked (`Page::findings`).
    pub findings: Rc<Vec<Finding>>,
}

/// Rendered by the credential view (a function, not a component: it holds no state, and
/// the view re-renders only when its credential, request or findings change).
pub fn findings(props: &FindingsProps) -> Html {
    let findings = &props.findings;
    if findings.is_empty() {
        return Html::default();
    }
    // Yew's nodes, not text: a finding may count the seconds since `exp`, and a card rebuilt
    // from text every second would close the error body the engineer opened.
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

/// The credential's validity now (`Page::status`) as a badge; none without time claims.
pub fn status_badge(m: &mut Markup, status: Option<TimeStatus>) {
    let Some(status) = status else {
        return;
    };
    let (class, text) = match status {
        TimeStatus::Valid => ("badge ok", "Valid now"),
        TimeStatus::Expired => ("badge error", "Expired"),
        TimeStatus::NotYetValid => ("badge error", "Not yet valid"),
        TimeStatus::NoExpiry => ("badge warning", "No expiry"),
    };
    m.open("span", class)
        .attr("data-testid", "status")
        .text(text)
        .close();
}
