//! exp / iat / nbf / auth_time: UTC, local time and a live relative time, plus the lifetime.

use yew::prelude::*;

use super::browser::local_time;
use super::clock::use_now;
use super::CredentialProps;
use crate::inspect::time::{duration, iso_utc};
use crate::markup::Markup;

#[component]
pub fn TimesPanel(props: &CredentialProps) -> Html {
    let now = use_now();
    let times = props.credential.times();
    let mut m = Markup::new();
    m.open("section", "card times")
        .attr("data-testid", "times")
        .leaf("h3", "", "Times")
        .open("div", "table-wrap")
        .open("table", "claims")
        .open("thead", "")
        .open("tr", "");
    for head in ["Claim", "UTC", "Your time", "Relative (live)"] {
        m.open("th", "").attr("scope", "col").text(head).close();
    }
    m.close().close().open("tbody", "");
    for t in &times.claims {
        let (utc, local, relative) = match t.seconds {
            Some(s) => (
                iso_utc(s),
                local_time(s),
                t.relative(now).unwrap_or_default(),
            ),
            None => ("—".into(), "—".into(), String::new()),
        };
        let past = t.seconds.is_some_and(|s| s <= now);
        let class = if t.name == "exp" && past {
            "relative error"
        } else {
            "relative"
        };
        m.named_row("data-time", &t.name)
            .leaf("td", "mono", &utc)
            .leaf("td", "", &local)
            .open("td", class)
            .attr("data-testid", &format!("relative-{}", t.name))
            .text(&relative);
        if t.millis {
            m.leaf("span", "tag warning", "milliseconds");
        }
        if let Some(p) = &t.problem {
            m.leaf("span", "tag warning", p);
        }
        m.close().close();
    }
    m.close().close().close();
    if let Some(l) = times.lifetime() {
        let text = if l >= 0 {
            duration(l.unsigned_abs())
        } else {
            format!("negative ({} before iat)", duration(l.unsigned_abs()))
        };
        m.open("p", "lifetime")
            .attr("data-testid", "lifetime")
            .text("Lifetime (exp − iat): ")
            .leaf("strong", "", &text)
            .close();
    }
    super::raw(m)
}
