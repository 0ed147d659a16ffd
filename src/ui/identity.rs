//! Who the token is for: SLAS client, shopper, site; AM client, user, roles, tenant filter.

use yew::prelude::*;

use crate::inspect::text::reveal;

use super::copy::CopyButton;
use super::CredentialProps;

/// Identity fields worth copying into a ticket or a query (ids, logins), not flags.
const COPYABLE: &[&str] = &[
    "scid",
    "usid",
    "customer",
    "login",
    "client-id",
    "user",
    "agent",
    "site",
];

/// The identity card: the rows the core built for the token's kind (`Sfcc::identity`), each
/// with its note and, for ids and logins, a copy button.
/// Rendered by the credential view (a function, not a component: it holds no state, and
/// the view re-renders only when its credential, request or findings change).
pub fn identity_panel(props: &CredentialProps) -> Html {
    let Some(sfcc) = props.credential().and_then(|c| c.sfcc()) else {
        return Html::default();
    };
    if sfcc.identity.is_empty() {
        return Html::default();
    }
    html! {
        <section class="card identity" data-testid="identity">
            <h3>{ "Identity" }</h3>
            <dl class="facts">
                { for sfcc.identity.iter().map(|f| html! {
                    <div class="fact" data-field={f.id}>
                        <dt>{ f.label }</dt>
                        <dd>
                            <span class="value">{ visible(&f.value) }</span>
                            if COPYABLE.contains(&f.id) && !f.value.trim().is_empty() {
                                <CopyButton text={AttrValue::from(f.value.clone())} what={format!("Copy {}", f.label)} />
                            }
                            if let Some(note) = &f.note { <span class="note">{ note.clone() }</span> }
                        </dd>
                    </div>
                }) }
            </dl>
        </section>
    }
}

/// A value with blank or whitespace-only text made visible ("␠" for a lone space), and hidden
/// characters shown as `⟨U+200B⟩`.
pub fn visible(value: &str) -> String {
    if value.is_empty() {
        "(empty)".into()
    } else if value.trim().is_empty() {
        reveal(&value.replace(' ', "␠"))
    } else {
        reveal(value)
    }
}
