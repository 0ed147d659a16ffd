//! A table of claims (or header parameters): name and meaning, value with a copy button.

use yew::prelude::*;

use super::copy::CopyButton;
use crate::inspect::claims::ClaimRow;
use crate::inspect::time::iso_utc;

#[derive(Properties, PartialEq)]
pub struct ClaimsTableProps {
    pub rows: Vec<ClaimRow>,
    pub caption: AttrValue,
}

fn row(r: &ClaimRow) -> Html {
    let time = r.time.as_ref().and_then(|t| t.seconds).map(|s| {
        html! { <span class="time-note">{ iso_utc(s) }</span> }
    });
    let source = r.doc.map(|d| d.source).unwrap_or_default();
    html! {
        <tr data-claim={r.name.clone()}>
            <th scope="row">
                <code class="claim-name">{ r.name.clone() }</code>
                if let Some(doc) = r.doc {
                    <p class="claim-doc" title={format!("Source: {source}")}>{ doc.text }</p>
                } else {
                    <p class="claim-doc">{ "Not a registered, OpenID Connect or known SFCC name: specific to this issuer." }</p>
                }
            </th>
            <td>
                <div class="value-line">
                    // A long value scrolls inside its 12em box: keyboard users reach it too.
                    <code class="claim-value" tabindex={(r.display.len() > 240).then_some("0")}>{ shown_value(&r.display) }</code>
                    <CopyButton text={AttrValue::from(r.copy_text())} what={format!("Copy {}", r.name)} />
                </div>
                { time.unwrap_or_default() }
                if let Some(nested) = &r.nested {
                    <details class="nested" open=true>
                        <summary>{ "JSON inside this string" }</summary>
                        <pre class="json">{ nested.clone() }</pre>
                    </details>
                }
            </td>
        </tr>
    }
}

/// Characters of a claim value shown in the table; the rest is counted (copy and the JSON view
/// have it whole). Laying out a 48 KB value in a small box costs a visible pause.
const VALUE_SHOWN: usize = 4096;

fn shown_value(display: &str) -> Html {
    match display.char_indices().nth(VALUE_SHOWN) {
        None => html! { display.to_string() },
        Some((cut, _)) => html! {
            <>{ &display[..cut] }<span class="muted cut">{ format!(" … {} more characters: copy the value or see the JSON", display[cut..].chars().count()) }</span></>
        },
    }
}

/// Rendered by the credential view (a function, not a component: it holds no state, and
/// the view re-renders only when its credential, request or findings change).
pub fn claims_table(props: &ClaimsTableProps) -> Html {
    html! {
        <div class="table-wrap">
            <table class="claims">
                <caption class="sr-only">{ props.caption.clone() }</caption>
                <thead><tr><th scope="col">{ "Name" }</th><th scope="col">{ "Value" }</th></tr></thead>
                <tbody>{ for props.rows.iter().map(row) }</tbody>
            </table>
        </div>
    }
}
