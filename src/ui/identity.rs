//! Who the token is for: SLAS client, shopper, site; AM client, user, roles, tenant filter.

use yew::prelude::*;

use crate::inspect::text::reveal;

use super::CredentialProps;
use crate::markup::Markup;

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
    let mut m = Markup::new();
    m.open("section", "card identity")
        .attr("data-testid", "identity")
        .leaf("h3", "", "Identity")
        .open("dl", "facts");
    for f in &sfcc.identity {
        m.open("div", "fact")
            .attr("data-field", f.id)
            .leaf("dt", "", f.label)
            .open("dd", "")
            .leaf("span", "value", &visible(&f.value));
        if COPYABLE.contains(&f.id) && !f.value.trim().is_empty() {
            m.copy_button(&f.value, &format!("Copy {}", f.label));
        }
        if let Some(note) = &f.note {
            m.leaf("span", "note", note);
        }
        m.close().close();
    }
    super::raw(m)
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
