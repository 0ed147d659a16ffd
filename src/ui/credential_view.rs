//! One credential: what it is, what is wrong with it, its parts, times and claims.

use yew::prelude::*;

use super::basic::BasicPanel;
use super::claims_table::ClaimsTable;
use super::findings::{Findings, StatusBadge};
use super::json_block::JsonBlock;
use super::segments::Segments;
use super::times::TimesPanel;
use super::CredentialProps;
use crate::inspect::Kind;

#[component]
pub fn CredentialView(props: &CredentialProps) -> Html {
    let Some(c) = props.credential() else {
        return Html::default();
    };
    let jose = c.jose.as_ref();
    let header_json = jose.and_then(|j| j.header.pretty()).unwrap_or_default();
    let payload_json = jose.and_then(|j| j.payload.pretty()).unwrap_or_default();
    let payload_body = if c.kind == Kind::Jwe {
        html! { <p class="muted" data-testid="encrypted">{ "Encrypted — the payload cannot be read here." }</p> }
    } else if payload_json.is_empty() {
        html! { <p class="muted">{ "The payload did not decode: see the messages above." }</p> }
    } else {
        html! {
            <>
                <ClaimsTable rows={c.claim_rows.clone()} caption="Payload claims" />
                <JsonBlock title="Payload JSON" json={AttrValue::from(payload_json.clone())} testid="payload-json" />
            </>
        }
    };
    let panels = jose.map(|_| {
        html! {
            <div class="panels">
                <section class="card part part-header" data-testid="header-panel">
                    <h3>{ "Header" }</h3>
                    if header_json.is_empty() {
                        <p class="muted">{ "The header did not decode: see the messages above." }</p>
                    } else {
                        <ClaimsTable rows={c.header_rows.clone()} caption="Header parameters" />
                        <JsonBlock title="Header JSON" json={AttrValue::from(header_json.clone())} testid="header-json" />
                    }
                </section>
                <section class="card part part-payload" data-testid="payload-panel">
                    <h3>{ if c.kind == Kind::Jwe { "Payload (encrypted)" } else { "Payload" } }</h3>
                    { payload_body }
                </section>
            </div>
        }
    });
    html! {
        <section class="result" data-testid="result" data-kind={c.kind.id()}>
            <section class="card summary">
                <div class="summary-head">
                    <h2 data-testid="kind">{ c.kind.title() }</h2>
                    <StatusBadge ..props.clone() />
                </div>
                <p class="explanation">{ c.kind.explanation() }</p>
                <p class="found-in">{ "Found in: " }<strong>{ c.label.clone() }</strong></p>
            </section>
            <Findings ..props.clone() />
            if c.kind != Kind::Basic {
                <Segments ..props.clone() />
            }
            if let Some(basic) = &c.basic {
                <BasicPanel basic={basic.clone()} />
            }
            if let Some(tail) = &c.tail_text {
                <section class="card">
                    <h3>{ "What the tail decodes to" }</h3>
                    <pre class="json">{ tail.clone() }</pre>
                </section>
            }
            if !c.times.claims.is_empty() {
                <TimesPanel ..props.clone() />
            }
            { panels.unwrap_or_default() }
        </section>
    }
}
