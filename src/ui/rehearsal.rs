//! The first paste, rehearsed while the page is idle after it has loaded.
//!
//! A person opens the page and pastes once, and that first paste used to be three times slower
//! than the next one: the browser compiles each wasm function the first time it runs, and its
//! first layout of a report builds style, font and text-shaping caches (measured in
//! BENCHMARKS.md: 34 ms of script and 36 ms of layout cold, 15 ms and 7 ms warm). So once the app
//! has mounted, at the browser's first idle moment, the page composes the report of a made-up
//! SLAS token with the same [`page`] and renders it with the same components, in a box outside
//! the view that nobody sees or reaches (`aria-hidden`, `inert`, hidden), lets the browser lay it
//! out, then removes it. Nothing of it is kept: no result, no state, no DOM.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::answer_panel::ticket_card;
use super::browser::when_idle;
use super::credential_view::CredentialView;
use super::keys_panel::signature_card;
use super::Shared;
use crate::inspect::jose::encode_url;
use crate::inspect::page::{page, Page};
use crate::inspect::{Evidence, UnixTime};

/// A registered shopper's SLAS access token of a made-up tenant, unsigned, issued a minute ago.
fn rehearsal_token(now: UnixTime) -> String {
    let header = r#"{"ver":"1.0","jku":"slas/dev/bcxz_stg","kid":"00000000-0000-4000-8000-000000000000","typ":"jwt","clv":"J2.3.4","alg":"ES256"}"#;
    let payload = format!(
        r#"{{"aut":"GUID","scp":"sfcc.shopper-myaccount.baskets sfcc.shopper-products sfcc.shopper-baskets-orders.rw sfcc.shopper-customers.login","sub":"cc-slas::bcxz_stg::scid:00000000-0000-4000-8000-000000000001::usid:00000000-0000-4000-8000-000000000002","ctx":"slas","iss":"slas/dev/bcxz_stg","ist":1,"dnt":"0","aud":"commercecloud/dev/bcxz_stg","nbf":{},"sty":"User","isb":"uido:slas::upn:rehearsal::uidn:Rehearsal::gcid:rehearsal::rcid:rehearsal::chid:Rehearsal","exp":{},"iat":{},"jti":"rehearsal"}}"#,
        now - 90,
        now + 1740,
        now - 60
    );
    format!(
        "{}.{}.cmVoZWFyc2Fs",
        encode_url(header.as_bytes()),
        encode_url(payload.as_bytes())
    )
}

#[derive(Properties, PartialEq)]
struct RehearsalProps {
    shown: Shared<Page>,
}

/// What the report shows first for a pasted token, with the app's own components.
#[component]
fn Rehearsal(props: &RehearsalProps) -> Html {
    let shown = &props.shown;
    let credential = shown.shared_credential().cloned().map(Shared);
    html! {
        <>
            if let Some(credential) = credential {
                <CredentialView {credential} request={Rc::new(shown.request.clone())}
                    findings={Rc::new(shown.findings.clone())} status={shown.status} />
            }
            if let Some(s) = &shown.signature {
                { signature_card(s) }
            }
            { ticket_card(&shown.summary) }
        </>
    }
}

/// Rehearses the first paste at the browser's next idle moment, unless something was pasted
/// already (the boot shell's text: that report has just been rendered for real). Marks the root
/// `data-rehearsal="done"` when the box has gone (the E2E tests wait for it).
pub fn rehearse_when_idle(pasted: bool) {
    let doc = gloo::utils::document();
    let Some(root) = doc.document_element() else {
        return;
    };
    if pasted {
        let _ = root.set_attribute("data-rehearsal", "done");
        return;
    }
    when_idle(0, move || {
        let (Ok(host), Some(body)) = (doc.create_element("div"), doc.body()) else {
            return;
        };
        host.set_class_name("app rehearsal");
        let _ = host.set_attribute("aria-hidden", "true");
        let _ = host.set_attribute("inert", "");
        if body.append_child(&host).is_err() {
            return;
        }
        let now = super::clock::now();
        let evidence = Evidence::default().with_paste(&rehearsal_token(now), 0);
        let shown = Shared(Rc::new(page(&evidence, now)));
        let app =
            yew::Renderer::<Rehearsal>::with_root_and_props(host.clone(), RehearsalProps { shown })
                .render();
        // Yew renders at the end of this task, the report's first screen, and asks for the rest
        // at the next idle moment (`credential_view::use_rest_after_paint`); the browser lays
        // both out. Two idle moments later (idle callbacks run in the order they were asked
        // for), read its size (a layout, if a frame was skipped) and remove it.
        when_idle(0, move || {
            when_idle(0, move || {
                let _ = host.unchecked_ref::<web_sys::HtmlElement>().offset_height();
                app.destroy();
                host.remove();
                let _ = root.set_attribute("data-rehearsal", "done");
            });
        });
    });
}
