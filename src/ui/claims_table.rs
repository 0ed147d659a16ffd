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

/// Rows laid out at first: a token with 600 custom claims would otherwise put 6,000 elements on
/// the page before anyone reads them (the JSON view below the table has them all).
const ROWS_SHOWN: usize = 60;

/// The table; past [`ROWS_SHOWN`] rows a button shows the rest. Keyed by the token in the
/// credential view, so a new token starts folded again.
#[component]
pub fn ClaimsTable(props: &ClaimsTableProps) -> Html {
    let all = use_state(|| false);
    let hidden = if *all {
        0
    } else {
        props.rows.len().saturating_sub(ROWS_SHOWN)
    };
    let rows = &props.rows[..props.rows.len() - hidden];
    let more = (hidden > 0).then(|| {
        let onclick = Callback::from(move |_| all.set(true));
        html! {
            <p class="more-rows">
                <button type="button" class="button" data-testid="more-claims" {onclick}>
                    { format!("Show the other {hidden} of {} rows", props.rows.len()) }
                </button>
            </p>
        }
    });
    html! {
        <div class="table-wrap">
            <table class="claims">
                <caption class="sr-only">{ props.caption.clone() }</caption>
                <thead><tr><th scope="col">{ "Name" }</th><th scope="col">{ "Value" }</th></tr></thead>
                <tbody>{ for rows.iter().map(row) }</tbody>
            </table>
            { more.unwrap_or_default() }
        </div>
    }
}
