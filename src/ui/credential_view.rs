//! One credential: what it is, what is wrong with it, its parts, times and claims.

use std::rc::Rc;

use yew::prelude::*;

use crate::inspect::jose::PayloadForm;
use crate::inspect::text::{escape_hidden, reveal};
use crate::inspect::{Credential, Finding, Kind, TimeStatus};

use super::basic::{basic_panel, BasicPanelProps};
use super::claims_table::ClaimsTable;
use super::findings::{findings as findings_card, status_badge, FindingsProps};
use super::identity::identity_panel;
use super::json_block::{json_block, JsonBlockProps};
use super::request_panel::{request_checks, verdict, RequestResultProps};
use super::scopes_panel::ScopesPanel;
use super::segments::segments;
use super::tenant_panel::tenant_panel;
use super::times::TimesPanel;
use super::CredentialProps;
use crate::inspect::page::RequestState;
use crate::markup::Markup;

#[derive(Properties, PartialEq, Clone)]
pub struct CredentialViewProps {
    /// The credential shown.
    pub credential: super::Shared<Credential>,
    /// The request check of the moment.
    pub request: Rc<RequestState>,
    /// Its findings and the request check's, ranked, as the page composed them.
    pub findings: Rc<Vec<Finding>>,
    /// Its validity now.
    pub status: Option<TimeStatus>,
}

/// A key that changes with the token text, so per-token view state starts afresh.
fn token_key(text: &str) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    text.hash(&mut h);
    format!("{:x}", h.finish())
}

/// What the payload panel holds: claims, text, or why there is nothing to read.
fn payload_body(c: &Credential) -> Html {
    let jose = c.jose();
    if c.kind() == Kind::Jwe {
        return html! { <p class="muted" data-testid="encrypted">{ "Encrypted — the payload cannot be read here." }</p> };
    }
    if jose.is_some_and(|j| j.payload_form == PayloadForm::Detached) {
        return html! {
            <p class="muted" data-testid="detached">{ "Detached content: the payload is not in this token (RFC 7515 Appendix F), only the header and the signature are." }</p>
        };
    }
    if let Some(text) = c.text_payload() {
        return html! {
            <>
                <p class="muted">{ "Text, not a JWT claims set: there are no claims to list." }</p>
                { json_block(&JsonBlockProps { title: "Payload text".into(), json: AttrValue::from(escape_hidden(text)), testid: "payload-text".into() }) }
            </>
        };
    }
    match jose.and_then(|j| j.payload.pretty()) {
        None => {
            html! { <p class="muted">{ "The payload did not decode: see the messages above." }</p> }
        }
        Some(json) => html! {
            <>
                <ClaimsTable key={token_key(&c.text)} rows={c.claim_rows().to_vec()} caption="Payload claims" />
                { json_block(&JsonBlockProps { title: "Payload JSON".into(), json: AttrValue::from(json), testid: "payload-json".into() }) }
            </>
        },
    }
}

/// The header and payload panels of a JOSE token.
fn part_panels(c: &Credential) -> Html {
    let Some(jose) = c.jose() else {
        return Html::default();
    };
    let header_json = jose.header.pretty().unwrap_or_default();
    html! {
        <div class="panels">
            <section class="card part part-header" data-testid="header-panel">
                <h3>{ "Header" }</h3>
                if header_json.is_empty() {
                    <p class="muted">{ "The header did not decode: see the messages above." }</p>
                } else {
                    <ClaimsTable key={token_key(&c.text)} rows={c.header_rows().to_vec()} caption="Header parameters" />
                    { json_block(&JsonBlockProps { title: "Header JSON".into(), json: AttrValue::from(header_json), testid: "header-json".into() }) }
                }
            </section>
            <section class="card part part-payload" data-testid="payload-panel">
                <h3>{ if c.kind() == Kind::Jwe { "Payload (encrypted)" } else { "Payload" } }</h3>
                { payload_body(c) }
            </section>
        </div>
    }
}

/// The title, its SFCC variant, the explanation and where the credential was found.
fn summary(c: &Credential, status: Option<TimeStatus>) -> Html {
    let sfcc = c.sfcc().filter(|_| c.sfcc_kind().is_some());
    let variant = sfcc.and_then(|s| s.variant).map(|v| v.label());
    let evidence = sfcc.map(|s| s.evidence.join("; ")).unwrap_or_default();
    let mut m = Markup::new();
    m.open("section", "card summary")
        .open("div", "summary-head")
        .open("h2", "")
        .attr("data-testid", "kind")
        .text(c.title())
        .close();
    if let Some(v) = variant {
        m.open("span", "tag info variant")
            .attr("data-testid", "variant")
            .text(v)
            .close();
    }
    status_badge(&mut m, status);
    m.close().leaf("p", "explanation", c.explanation());
    if !evidence.is_empty() {
        m.open("p", "evidence")
            .attr("data-testid", "evidence")
            .text("Recognised because ")
            .rich(&evidence)
            .text(".")
            .close();
    }
    m.open("p", "found-in")
        .text("Found in: ")
        .leaf("strong", "", &reveal(&c.label));
    super::raw(m)
}

/// Whether the cards below the report's first screen are rendered for the token `key`: not in
/// the render that shows a new token (the browser paints the verdict, the summary, the findings,
/// who and which tenant at once), then at the browser's first idle moment after that paint, at
/// most 100 ms later. A paste costs about as many milliseconds as the elements it creates, and
/// the scopes, times, header and payload cards are two thirds of them.
#[hook]
fn use_rest_after_paint(key: String) -> bool {
    let rest_of = use_state(|| None::<String>);
    {
        let rest_of = rest_of.clone();
        use_effect_with(key.clone(), move |key| {
            let key = key.clone();
            super::browser::when_idle(100, move || rest_of.set(Some(key)));
        });
    }
    rest_of.as_deref() == Some(key.as_str())
}

#[component]
pub fn CredentialView(view: &CredentialViewProps) -> Html {
    let c = &view.credential;
    let props = CredentialProps {
        credential: c.clone(),
    };
    let key = token_key(&c.text);
    let rest = use_rest_after_paint(key.clone());
    html! {
        <section class="result" data-testid="result" data-kind={c.kind().id()} data-sfcc-kind={c.kind_id()}
            data-complete={rest.then_some("true")}>
            { verdict(&RequestResultProps { check: view.request.clone() }) }
            { summary(c, view.status) }
            { findings_card(&FindingsProps { findings: view.findings.clone() }) }
            { request_checks(&RequestResultProps { check: view.request.clone() }) }
            <div class="panels pair">
                { identity_panel(&props) }
                { tenant_panel(&props) }
            </div>
            if rest {
                { rest_of_report(c, &props, key) }
            }
        </section>
    }
}

/// The cards after the first screen: scopes, parts, times, header and payload.
fn rest_of_report(c: &Credential, props: &CredentialProps, key: String) -> Html {
    html! {
        <>
            // A new token starts with its scope list folded again.
            <ScopesPanel key={key} ..props.clone() />
            if c.kind() != Kind::Basic {
                { segments(props) }
            }
            if let Some(basic) = c.basic() {
                { basic_panel(&BasicPanelProps { basic: basic.clone(), token_request: c.token_request.clone() }) }
            }
            if let Some(tail) = c.tail_text() {
                <section class="card">
                    <h3>{ "What the tail decodes to" }</h3>
                    <pre class="json">{ escape_hidden(tail) }</pre>
                </section>
            }
            if !c.times().claims.is_empty() {
                <TimesPanel ..props.clone() />
            }
            { part_panels(c) }
        </>
    }
}
