//! The ranked findings at the top of a credential, and its validity badge; both live.

use yew::prelude::*;

use super::clock::use_now;
use super::CredentialProps;
use crate::inspect::TimeStatus;

#[component]
pub fn Findings(props: &CredentialProps) -> Html {
    let now = use_now();
    let Some(c) = props.credential() else {
        return Html::default();
    };
    let findings = c.findings_at(now);
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
                            <strong class="finding-title">{ f.title.clone() }</strong>
                            <p class="finding-detail">{ f.detail.clone() }</p>
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
    let Some(status) = props
        .report
        .credential(props.index)
        .and_then(|c| c.time_status(now))
    else {
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
