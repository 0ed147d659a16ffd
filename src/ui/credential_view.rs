//! One credential: what it is, what is wrong with it, its parts, times and claims.

use yew::prelude::*;

use crate::inspect::text::reveal;

use super::basic::BasicPanel;
use super::claims_table::ClaimsTable;
use super::findings::{Findings, StatusBadge};
use super::identity::IdentityPanel;
use super::json_block::JsonBlock;
use super::request_panel::{RequestChecks, Verdict};
use super::scopes_panel::ScopesPanel;
use super::segments::Segments;
use super::tenant_panel::TenantPanel;
use super::times::TimesPanel;
use super::{CredentialProps, ReportRef, RequestRef};
use crate::inspect::Kind;

#[derive(Properties, PartialEq, Clone)]
pub struct CredentialViewProps {
    pub report: ReportRef,
    pub index: usize,
    pub request: RequestRef,
}

/// A key that changes with the token text, so per-token view state starts afresh.
fn token_key(text: &str) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    text.hash(&mut h);
    format!("{:x}", h.finish())
}

#[component]
pub fn CredentialView(view: &CredentialViewProps) -> Html {
    let props = CredentialProps {
        report: view.report.clone(),
        index: view.index,
    };
    let Some(c) = props.credential() else {
        return Html::default();
    };
    let sfcc = c
        .sfcc
        .as_ref()
        .filter(|s| s.kind != crate::inspect::sfcc::SfccKind::GenericJwt);
    let variant = sfcc.and_then(|s| s.variant).map(|v| v.label());
    let evidence = sfcc.map(|s| s.evidence.clone()).unwrap_or_default();
    let explanation = match (c.kind, sfcc) {
        (Kind::Jws, Some(s)) if !s.kind.explanation().is_empty() => s.kind.explanation(),
        _ => c.kind.explanation(),
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
        <section class="result" data-testid="result" data-kind={c.kind.id()} data-sfcc-kind={c.kind_id()}>
            <Verdict check={view.request.clone()} />
            <section class="card summary">
                <div class="summary-head">
                    <h2 data-testid="kind">{ c.title() }</h2>
                    if let Some(v) = variant { <span class="tag info variant" data-testid="variant">{ v }</span> }
                    <StatusBadge ..props.clone() />
                </div>
                <p class="explanation">{ explanation }</p>
                if !evidence.is_empty() {
                    <p class="evidence" data-testid="evidence">{ "Recognised because " }{ super::findings::rich(&evidence.join("; ")) }{ "." }</p>
                }
                <p class="found-in">{ "Found in: " }<strong>{ reveal(&c.label) }</strong></p>
            </section>
            <Findings report={view.report.clone()} index={view.index} request={view.request.clone()} />
            <RequestChecks check={view.request.clone()} />
            <div class="panels pair">
                <IdentityPanel ..props.clone() />
                <TenantPanel ..props.clone() />
            </div>
            // A new token starts with its scope list folded again.
            <ScopesPanel key={token_key(&c.text)} ..props.clone() />
            if c.kind != Kind::Basic {
                <Segments ..props.clone() />
            }
            if let Some(basic) = &c.basic {
                <BasicPanel basic={basic.clone()} token_request={c.token_request.clone()} />
            }
            if let Some(tail) = &c.tail_text {
                <section class="card">
                    <h3>{ "What the tail decodes to" }</h3>
                    <pre class="json">{ crate::inspect::text::escape_hidden(tail) }</pre>
                </section>
            }
            if !c.times.claims.is_empty() {
                <TimesPanel ..props.clone() />
            }
            { panels.unwrap_or_default() }
        </section>
    }
}
