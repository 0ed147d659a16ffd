//! The scopes the token grants, each with its class and what it grants.

use yew::prelude::*;

use super::CredentialProps;
use crate::inspect::scopes::Access;

#[component]
pub fn ScopesPanel(props: &CredentialProps) -> Html {
    let Some(sfcc) = props.credential().and_then(|c| c.sfcc.as_ref()) else {
        return Html::default();
    };
    if sfcc.scopes.is_empty() {
        return Html::default();
    }
    html! {
        <section class="card scopes" data-testid="scopes">
            <h3>{ format!("Granted scopes ({})", sfcc.scopes.len()) }</h3>
            <table class="scope-table">
                <caption class="sr-only">{ "Granted scopes" }</caption>
                <thead><tr><th scope="col">{ "Scope" }</th><th scope="col">{ "Class" }</th><th scope="col">{ "Grants" }</th></tr></thead>
                <tbody>
                    { for sfcc.scopes.iter().map(|s| {
                        let access = match s.access {
                            Access::Read => Some("read"),
                            Access::ReadWrite => Some("read-write"),
                            Access::NotApplicable => None,
                        };
                        html! {
                            <tr data-scope={s.name.clone()} data-class={s.class.id()}>
                                <th scope="row"><code class="scope-name">{ shown(&s.name) }</code>
                                    if let Some(r) = s.replacement { <span class="note">{ format!("legacy name of {r}") }</span> }
                                    { for s.hidden_chars.iter().map(|h| html! { <span class="tag error">{ h.clone() }</span> }) }
                                </th>
                                <td><span class={classes!("tag", "class", s.class.id())}>{ s.class.id() }</span>
                                    if let Some(a) = access { <span class={classes!("tag", "access", a)}>{ a }</span> }
                                    if !matches!(s.status, "documented" | "new") { <span class="tag warning">{ s.status }</span> }
                                </td>
                                <td>{ s.grants.clone() }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </section>
    }
}

/// A scope name with invisible and control characters shown as `⟨U+200B⟩`, so a scope that
/// cannot match is visibly different from one that can.
pub fn shown(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_control()
                || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00A0}')
            {
                format!("⟨U+{:04X}⟩", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}
