//! A table of claims (or header parameters): name and meaning, value with a copy button.

use yew::prelude::*;

use crate::inspect::claims::ClaimRow;
use crate::inspect::time::iso_utc;
use crate::markup::Markup;

#[derive(Properties, PartialEq)]
pub struct ClaimsTableProps {
    pub rows: Vec<ClaimRow>,
    pub caption: AttrValue,
}

fn row(m: &mut Markup, r: &ClaimRow) {
    m.open("tr", "")
        .attr("data-claim", &r.name)
        .open("th", "")
        .attr("scope", "row")
        .leaf("code", "claim-name", &r.name);
    match r.doc {
        Some(doc) => m
            .open("p", "claim-doc")
            .attr("title", &format!("Source: {}", doc.source))
            .text(doc.text)
            .close(),
        None => m.leaf(
            "p",
            "claim-doc",
            "Not a registered, OpenID Connect or known SFCC name: specific to this issuer.",
        ),
    };
    // A long value scrolls inside its 12em box: keyboard users reach it too.
    m.close()
        .open("td", "")
        .open("div", "value-line")
        .open("code", "claim-value")
        .attr_some("tabindex", (r.display.len() > 240).then_some("0"));
    shown_value(m, &r.display);
    m.close()
        .copy_button(&r.copy_text(), &format!("Copy {}", r.name))
        .close();
    if let Some(s) = r.time.as_ref().and_then(|t| t.seconds) {
        m.leaf("span", "time-note", &iso_utc(s));
    }
    if let Some(nested) = &r.nested {
        m.open("details", "nested")
            .attr("open", "")
            .leaf("summary", "", "JSON inside this string")
            .leaf("pre", "json", nested)
            .close();
    }
    m.close().close();
}

/// Characters of a claim value shown in the table; the rest is counted (copy and the JSON view
/// have it whole). Laying out a 48 KB value in a small box costs a visible pause.
const VALUE_SHOWN: usize = 4096;

fn shown_value(m: &mut Markup, display: &str) {
    match display.char_indices().nth(VALUE_SHOWN) {
        None => m.text(display),
        Some((cut, _)) => m.text(&display[..cut]).leaf(
            "span",
            "muted cut",
            &format!(
                " … {} more characters: copy the value or see the JSON",
                display[cut..].chars().count()
            ),
        ),
    };
}

/// The table of `rows` (one text: a `<tr>` cannot be parsed outside its table).
fn table(caption: &str, rows: &[ClaimRow]) -> Html {
    let mut m = Markup::new();
    m.open("table", "claims")
        .leaf("caption", "sr-only", caption)
        .open("thead", "")
        .open("tr", "");
    for head in ["Name", "Value"] {
        m.open("th", "").attr("scope", "col").text(head).close();
    }
    m.close().close().open("tbody", "");
    for r in rows {
        row(&mut m, r);
    }
    super::raw(m)
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
            { table(&props.caption, rows) }
            { more.unwrap_or_default() }
        </div>
    }
}
