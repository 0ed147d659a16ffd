//! The scopes the token grants, each with its class and what it grants.

use yew::prelude::*;

use super::CredentialProps;
use crate::inspect::catalog::ScopeStatus;
use crate::inspect::scopes::{visible, Access};

/// Scope rows shown before "Show all".
const SHOWN_ROWS: usize = 100;

#[component]
pub fn ScopesPanel(props: &CredentialProps) -> Html {
    // Hooks first, before any early return: Yew needs the same hooks on every render.
    let all = use_state(|| false);
    let Some(sfcc) = props.credential().and_then(|c| c.sfcc()) else {
        return Html::default();
    };
    if sfcc.scopes.is_empty() {
        return Html::default();
    }
    // A token with thousands of scopes would take the page seconds to lay out: the first rows,
    // and a button for the rest (findings above cover every scope either way).
    let shown = if *all {
        sfcc.scopes.len()
    } else {
        sfcc.scopes.len().min(SHOWN_ROWS)
    };
    let more = sfcc.scopes.len() - shown;
    let show_all = {
        let all = all.clone();
        Callback::from(move |_| all.set(true))
    };
    html! {
        <section class="card scopes" data-testid="scopes">
            <h3>{ format!("Granted scopes ({})", sfcc.scopes.len()) }</h3>
            <table class="scope-table">
                <caption class="sr-only">{ "Granted scopes" }</caption>
                <thead><tr><th scope="col">{ "Scope" }</th><th scope="col">{ "Class" }</th><th scope="col">{ "Grants" }</th></tr></thead>
                <tbody>
                    { for sfcc.scopes.iter().take(shown).map(|s| {
                        let access = match s.access {
                            Access::Read => Some("read"),
                            Access::ReadWrite => Some("read-write"),
                            Access::NotApplicable => None,
                        };
                        html! {
                            <tr data-scope={s.name.clone()} data-class={s.class.id()}>
                                <th scope="row"><code class="scope-name">{ visible(&s.name) }</code>
                                    if let Some(r) = s.replacement { <span class="note">{ format!("legacy name of {r}") }</span> }
                                    { for s.hidden_chars.iter().map(|h| html! { <span class="tag error">{ h.clone() }</span> }) }
                                </th>
                                <td><span class={classes!("tag", "class", s.class.id())}>{ s.class.id() }</span>
                                    if let Some(a) = access { <span class={classes!("tag", "access", a)}>{ a }</span> }
                                    if !s.status.is_some_and(ScopeStatus::is_current) { <span class="tag warning">{ s.status.map_or("unknown", ScopeStatus::id) }</span> }
                                </td>
                                <td>{ s.grants.clone() }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            if more > 0 {
                <button type="button" class="button more" data-testid="show-all-scopes" onclick={show_all}>
                    { format!("Show the other {more} scopes") }
                </button>
            }
        </section>
    }
}
