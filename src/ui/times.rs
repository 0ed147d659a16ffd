//! exp / iat / nbf / auth_time: UTC, local time and a live relative time, plus the lifetime.

use yew::prelude::*;

use super::browser::local_time;
use super::clock::use_now;
use super::CredentialProps;
use crate::inspect::time::{duration, iso_utc};

#[component]
pub fn TimesPanel(props: &CredentialProps) -> Html {
    let now = use_now();
    let times = props.credential.times();
    let rows = times.claims.iter().map(|t| {
        let (utc, local, relative) = match t.seconds {
            Some(s) => (
                iso_utc(s),
                local_time(s),
                t.relative(now).unwrap_or_default(),
            ),
            None => ("—".into(), "—".into(), String::new()),
        };
        let past = t.seconds.is_some_and(|s| s <= now);
        html! {
            <tr data-time={t.name.clone()}>
                <th scope="row"><code>{ t.name.clone() }</code></th>
                <td class="mono">{ utc }</td>
                <td>{ local }</td>
                <td class={classes!("relative", (t.name == "exp" && past).then_some("error"))}
                    data-testid={format!("relative-{}", t.name)}>{ relative }
                    if t.millis { <span class="tag warning">{ "milliseconds" }</span> }
                    if let Some(p) = &t.problem { <span class="tag warning">{ p.clone() }</span> }
                </td>
            </tr>
        }
    });
    let lifetime = times.lifetime().map(|l| {
        let text = if l >= 0 { duration(l.unsigned_abs()) } else { format!("negative ({} before iat)", duration(l.unsigned_abs())) };
        html! { <p class="lifetime" data-testid="lifetime">{ "Lifetime (exp − iat): " }<strong>{ text }</strong></p> }
    });
    html! {
        <section class="card times" data-testid="times">
            <h3>{ "Times" }</h3>
            <div class="table-wrap">
                <table class="claims">
                    <thead><tr>
                        <th scope="col">{ "Claim" }</th><th scope="col">{ "UTC" }</th>
                        <th scope="col">{ "Your time" }</th><th scope="col">{ "Relative (live)" }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            { lifetime.unwrap_or_default() }
        </section>
    }
}
