//! Two credentials side by side: the control that picks the second one, and the table.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::inspect::compare::Comparison;
use crate::inspect::page::Tab;
use crate::inspect::text::reveal;

/// "Compare with …": the other credentials of the paste.
pub fn compare_select(
    tabs: &[Tab],
    selected: usize,
    with: Option<usize>,
    on_pick: Callback<Option<usize>>,
) -> Html {
    let onchange = Callback::from(move |e: Event| {
        let value = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            .map(|s| s.value())
            .unwrap_or_default();
        on_pick.emit(value.parse::<usize>().ok());
    });
    html! {
        <p class="compare-pick">
            <label for="compare-with">{ "Compare with " }</label>
            <select id="compare-with" data-testid="compare-with" {onchange}>
                <option value="" selected={with.is_none()}>{ "— nothing —" }</option>
                { for tabs.iter().enumerate().filter(|(i, _)| *i != selected).map(|(i, t)| html! {
                    <option value={i.to_string()} selected={with == Some(i)}>
                        { format!("{} — {}", reveal(&t.label), t.title) }
                    </option>
                }) }
            </select>
        </p>
    }
}

/// The comparison: the facts side by side (differences marked), the scopes one has and the
/// other lacks, and every claim that differs.
pub fn comparison_card(c: &Comparison) -> Html {
    let (a, b) = (reveal(&c.labels.0), reveal(&c.labels.1));
    let list = |names: &[String]| -> Html {
        if names.is_empty() {
            return html! { <span class="muted">{ "none" }</span> };
        }
        html! { <>{ for names.iter().map(|n| html! { <span class="scope-chip">{ reveal(n) }</span> }) }</> }
    };
    html! {
        <section class="card comparison" data-testid="comparison">
            <h2>{ "Side by side" }</h2>
            <table class="checks">
                <caption class="sr-only">{ "The two credentials compared" }</caption>
                <thead><tr><td></td><th scope="col">{ a.clone() }</th><th scope="col">{ b.clone() }</th></tr></thead>
                <tbody>
                    { for c.lines.iter().map(|l| html! {
                        <tr data-line={l.label} data-same={l.same().to_string()} class={classes!((!l.same()).then_some("differs"))}>
                            <th scope="row">{ l.label }</th>
                            <td class="value">{ reveal(&l.a) }</td>
                            <td class="value">{ reveal(&l.b) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <p data-testid="scopes-added"><strong>{ format!("Only in {b}: ") }</strong>{ list(&c.added) }</p>
            <p data-testid="scopes-removed"><strong>{ format!("Only in {a}: ") }</strong>{ list(&c.removed) }</p>
            if !c.claims.is_empty() {
                <table class="checks" data-testid="claims-changed">
                    <caption>{ "Claims that differ (times and jti apart)" }</caption>
                    <tbody>
                        { for c.claims.iter().map(|ch| html! {
                            <tr data-claim={ch.name.clone()}>
                                <th scope="row"><code>{ reveal(&ch.name) }</code></th>
                                <td class="value">{ ch.a.as_deref().map_or_else(|| "—".to_string(), reveal) }</td>
                                <td class="value">{ ch.b.as_deref().map_or_else(|| "—".to_string(), reveal) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
        </section>
    }
}
