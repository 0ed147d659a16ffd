//! A whole session: what the HAR holds, the session's findings, the timeline (one lane per
//! token from its issue to its `exp`, each call a mark coloured by status), every SFCC call in
//! a table, two tokens compared and the sanitized export. Selecting a call fills the inspector
//! with it, judged at the time of the call.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::compare_panel::comparison_card;
use crate::inspect::compare::Comparison;
use crate::inspect::session::{AtCall, Call, Session, Token};
use crate::inspect::text::reveal;
use crate::inspect::time::{duration, iso_utc};

/// Text with `backticked` names shown as code, as the core writes claim and scope names (the
/// cards written as text use [`Markup::rich`](crate::markup::Markup::rich)).
fn rich(text: &str) -> Html {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                html! { <code>{ part }</code> }
            } else {
                html! { { part } }
            }
        })
        .collect()
}

/// What the session view shows and can do.
#[derive(Properties, PartialEq, Clone)]
pub struct SessionProps {
    /// The session, compared by identity.
    pub session: super::Shared<Session>,
    /// The file's name (or "pasted HAR").
    pub name: AttrValue,
    /// The call the inspector holds (an index into `calls`).
    pub selected: Option<usize>,
    /// Fills the inspector with a call.
    pub on_inspect: Callback<usize>,
    /// The two tokens compared.
    pub pair: Option<(usize, usize)>,
    /// Picks the two tokens.
    pub on_pair: Callback<Option<(usize, usize)>>,
    /// The comparison, when two are picked.
    pub comparison: Option<Rc<Comparison>>,
    /// Writes the sanitized HAR and downloads it.
    pub on_export: Callback<()>,
    /// What the export removed, once it ran (or why it failed).
    pub exported: Option<Rc<Result<Vec<String>, String>>>,
    /// The export is being written.
    pub exporting: bool,
}

/// The session view.
#[component]
pub fn SessionView(p: &SessionProps) -> Html {
    let s = &*p.session;
    html! {
        <section class="card session" data-testid="session" aria-labelledby="session-title">
            <h2 id="session-title">{ format!("Session: {}", p.name) }</h2>
            { capture(s) }
            { findings(s, &p.on_inspect) }
            { timeline(s, p.selected, &p.on_inspect) }
            { table(s, p.selected, &p.on_inspect) }
            { pair_pick(s, p.pair, &p.on_pair) }
            if let Some(c) = &p.comparison {
                { comparison_card(c) }
            }
            { export(&p.on_export, p.exported.as_deref(), p.exporting) }
        </section>
    }
}

/// `09:48:11` (UTC) for an instant in ms.
fn clock(ms: i64) -> String {
    let iso = iso_utc(ms.div_euclid(1000));
    iso.get(11..19).unwrap_or(&iso).to_string()
}

fn capture(s: &Session) -> Html {
    let har = &s.har;
    let others = s
        .others
        .by_kind
        .iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect::<Vec<_>>()
        .join(", ");
    let span = s.span.map(|(a, b)| {
        format!(
            "{} – {} UTC ({})",
            iso_utc(a.div_euclid(1000)),
            clock(b),
            duration(((b - a) / 1000).unsigned_abs())
        )
    });
    html! {
        <div class="session-capture" data-testid="session-capture">
            <p>
                { format!("{} entries: {} SFCC calls", har.entries.len(), s.calls.len()) }
                if s.others.total > 0 {
                    { format!("; {} other requests counted, not listed ({others})", s.others.total) }
                }
                { "." }
                if let Some(c) = &har.creator { { format!(" Written by {}.", reveal(c)) } }
                if let Some(span) = span { { format!(" {span}.") } }
                if har.skipped_bodies > 0 {
                    { format!(" {} bodies that cannot matter (images, scripts, base64) were skipped ({}).",
                        har.skipped_bodies, size(har.skipped_bytes)) }
                }
            </p>
            if s.sanitized {
                <p class="finding info" data-testid="sanitized-note">
                    { "This is a sanitized export (Chrome ≥ 130's default): Authorization, Cookie and Set-Cookie were removed, so the tokens shown come from token-response bodies, and each call's token is the one most likely sent. For the real ones: the browser's Application tab (cookies cc-at, cc-nx-g, usid; local storage); PWA Kit's HttpOnly mode keeps tokens out of any HAR." }
                </p>
            }
            if !har.problems.is_empty() {
                <ul class="har-problems" data-testid="har-problems">
                    { for har.problems.iter().map(|p| html! { <li class="finding warning">{ reveal(p) }</li> }) }
                </ul>
            }
        </div>
    }
}

/// `812 KB`, `48 MB`.
fn size(bytes: usize) -> String {
    if bytes < 1 << 20 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{} MB", bytes >> 20)
    }
}

fn entry_buttons(entries: &[usize], s: &Session, on_inspect: &Callback<usize>) -> Html {
    html! {
        <>{ for entries.iter().map(|e| {
            // An entry that is not an SFCC call (a beacon without a response) is named, not
            // offered for inspection.
            let Some(i) = s.calls.iter().position(|c| c.entry == *e) else {
                return html! { <span class="entry-ref">{ format!("#{e} ") }</span> };
            };
            let on_inspect = on_inspect.clone();
            html! {
                <button type="button" class="link" data-entry={e.to_string()}
                    aria-label={format!("Inspect entry {e}")}
                    onclick={Callback::from(move |_| on_inspect.emit(i))}>{ format!("#{e}") }</button>
            }
        }) }</>
    }
}

fn findings(s: &Session, on_inspect: &Callback<usize>) -> Html {
    if s.findings.is_empty() {
        return Html::default();
    }
    html! {
        <section class="findings" aria-label="What the session shows" data-testid="session-findings">
            <h3>{ "What the session shows" }</h3>
            <ul>
                { for s.findings.iter().map(|f| html! {
                    <li class={classes!("finding", f.severity.name())} data-finding={f.id}>
                        <span class="severity">{ f.severity.name() }</span>
                        <div>
                            <strong class="finding-title">{ rich(&f.title) }</strong>
                            <p class="finding-detail">{ rich(&f.detail) }</p>
                            if !f.entries.is_empty() {
                                <p class="finding-entries">{ "Entries: " }{ entry_buttons(&f.entries, s, on_inspect) }</p>
                            }
                        </div>
                    </li>
                }) }
            </ul>
        </section>
    }
}

/// The token a call sent, or the one it most likely sent.
fn call_token(c: &Call) -> Option<usize> {
    c.token.or(c.likely_token)
}

fn status_class(status: u16) -> &'static str {
    match status {
        0 => "none",
        200..=399 => "ok",
        400..=499 => "client-error",
        _ => "server-error",
    }
}

fn at_call_text(c: &Call) -> String {
    let Some(at) = c.at_call else {
        return String::new();
    };
    let secs = c.seconds_to_exp.unwrap_or(0);
    match at {
        AtCall::Valid => format!("valid, {} left", duration(secs.unsigned_abs())),
        AtCall::Expired => format!("expired {} before", duration(secs.unsigned_abs())),
        AtCall::NotYetValid => "not yet valid".into(),
        AtCall::Truncated => "truncated".into(),
    }
}

fn table(s: &Session, selected: Option<usize>, on_inspect: &Callback<usize>) -> Html {
    if s.calls.is_empty() {
        return html! { <p class="muted" data-testid="no-calls">{ "No SFCC call in this file: no SCAPI, SLAS, OCAPI or Account Manager request, and no request with SFCC cookies." }</p> };
    }
    let label = |i: Option<usize>| i.and_then(|i| s.tokens.get(i)).map(|t| t.label.clone());
    html! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="SFCC calls">
        <table class="checks calls" data-testid="calls">
            <caption class="sr-only">{ "Every SFCC call of the session, in time order" }</caption>
            <thead><tr>
                <th scope="col">{ "#" }</th><th scope="col">{ "Time (UTC)" }</th><th scope="col">{ "Call" }</th>
                <th scope="col">{ "Status" }</th><th scope="col">{ "Token" }</th><th scope="col">{ "At the call" }</th>
                <th scope="col">{ "Verdict" }</th>
            </tr></thead>
            <tbody>
                { for s.calls.iter().enumerate().map(|(i, c)| {
                    let on_inspect = on_inspect.clone();
                    let onclick = Callback::from(move |_| on_inspect.emit(i));
                    let token = match (label(c.token), label(c.likely_token)) {
                        (Some(t), _) => t,
                        (None, Some(t)) => format!("{t}?"),
                        _ => "—".into(),
                    };
                    let what = c.operation.map_or_else(|| c.category.id().to_string(), str::to_string);
                    html! {
                        <tr data-entry={c.entry.to_string()} data-status={c.status.to_string()}
                            class={classes!(status_class(c.status), (selected == Some(i)).then_some("selected"))}
                            aria-current={(selected == Some(i)).then_some("true")}>
                            <td><button type="button" class="link" data-testid="inspect-call" {onclick}
                                aria-label={format!("Inspect entry {}", c.entry)}>{ format!("#{}", c.entry) }</button></td>
                            <td class="mono">{ clock(c.started_ms) }</td>
                            <td><span class="method">{ c.method.clone() }</span>{ " " }<span title={reveal(&c.url)}>{ what }</span></td>
                            <td><span class={classes!("status", status_class(c.status))}>{ c.status }</span></td>
                            <td class="mono">{ token }</td>
                            <td>{ at_call_text(c) }</td>
                            <td class="diagnosis">{ c.diagnosis.as_deref().map(reveal).unwrap_or_default() }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
        </div>
    }
}

/// The picture: a time axis, one lane per token (issued → exp), a mark per call.
fn timeline(s: &Session, selected: Option<usize>, on_inspect: &Callback<usize>) -> Html {
    let Some((first, last)) = s.span else {
        return Html::default();
    };
    let lanes = lanes(s);
    let geometry = Geometry::new(first, last);
    let height = 40 + 28 * lanes.len() as i64;
    let lane_of = |c: &Call| {
        let t = call_token(c);
        lanes.iter().position(|l| *l == t).unwrap_or(0)
    };
    let y = |lane: usize| 34 + 28 * lane as i64;
    html! {
        <figure class="timeline" data-testid="timeline">
            <svg viewBox={format!("0 0 {WIDTH} {height}")} role="img" class="timeline-svg"
                aria-label={format!("Timeline: {} calls on {} lanes, from {} to {} UTC", s.calls.len(), lanes.len(), clock(first), clock(last))}>
                { geometry.axis(height) }
                { for lanes.iter().enumerate().map(|(n, lane)| lane_row(s, *lane, y(n), &geometry)) }
                { for s.calls.iter().enumerate().map(|(i, c)| {
                    let on_inspect = on_inspect.clone();
                    let onclick = Callback::from(move |_| on_inspect.emit(i));
                    let title = format!("#{} {} {} {} → {}", c.entry, clock(c.started_ms), c.method,
                        c.operation.unwrap_or(c.category.id()), c.status);
                    html! {
                        <circle class={classes!("mark", status_class(c.status), (selected == Some(i)).then_some("selected"))}
                            cx={geometry.x(c.started_ms).to_string()} cy={y(lane_of(c)).to_string()} r="6"
                            data-entry={c.entry.to_string()} {onclick}>
                            <title>{ title }</title>
                        </circle>
                    }
                }) }
            </svg>
            <figcaption class="muted">{ "One lane per token, from when it was issued to its exp; each call is a mark on the lane of the token it sent (green: succeeded, red: 4xx, dark red: 5xx, grey: no response). Select a mark or a row to inspect the call." }</figcaption>
        </figure>
    }
}

/// The lanes: `None` (calls without a token) first when there are any, then every token that
/// was issued or used, in order of first appearance.
fn lanes(s: &Session) -> Vec<Option<usize>> {
    let mut lanes = Vec::new();
    if s.calls.iter().any(|c| call_token(c).is_none()) {
        lanes.push(None);
    }
    for (i, t) in s.tokens.iter().enumerate() {
        let used = s.calls.iter().any(|c| call_token(c) == Some(i));
        if used || t.issued_in.is_some() {
            lanes.push(Some(i));
        }
    }
    lanes
}

const WIDTH: i64 = 1000;
const LEFT: i64 = 150;
const RIGHT: i64 = 16;

/// Time → x.
struct Geometry {
    from: i64,
    to: i64,
}

impl Geometry {
    fn new(first: i64, last: i64) -> Geometry {
        let pad = ((last - first) / 40).max(1000);
        Geometry {
            from: first - pad,
            to: last + pad,
        }
    }

    fn x(&self, ms: i64) -> i64 {
        let ms = ms.clamp(self.from, self.to);
        let span = (self.to - self.from).max(1);
        LEFT + (ms - self.from) * (WIDTH - LEFT - RIGHT) / span
    }

    fn axis(&self, height: i64) -> Html {
        const STEPS: [i64; 12] = [1, 5, 10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];
        let span = (self.to - self.from) / 1000;
        let step = STEPS
            .iter()
            .copied()
            .find(|s| span / s <= 8)
            .unwrap_or(21_600)
            * 1000;
        let first = (self.from / step + 1) * step;
        let ticks = (0..12)
            .map(|k| first + k * step)
            .take_while(|t| *t <= self.to);
        html! {
            <g class="axis">
                <line x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1="16" y2="16" />
                { for ticks.map(|t| {
                    let x = self.x(t).to_string();
                    html! { <>
                        <line class="tick" x1={x.clone()} x2={x.clone()} y1="16" y2={height.to_string()} />
                        <text x={x} y="11" text-anchor="middle">{ clock(t).get(..5).unwrap_or_default().to_string() }</text>
                    </> }
                }) }
            </g>
        }
    }
}

fn lane_row(s: &Session, lane: Option<usize>, y: i64, g: &Geometry) -> Html {
    let yl = y.to_string();
    let Some(t) = lane.and_then(|i| s.tokens.get(i)) else {
        return html! {
            <g class="lane none">
                <text x="4" y={(y + 4).to_string()}>{ "no token" }</text>
                <line x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={yl.clone()} y2={yl} />
            </g>
        };
    };
    let issued = t
        .issued_in
        .and_then(|e| s.har.entries.get(e))
        .and_then(|e| e.started_ms)
        .or(t.iat.map(|s| s * 1000));
    let start = issued.map_or(LEFT, |ms| g.x(ms));
    let end = t.exp.map_or(WIDTH - RIGHT, |e| g.x(e * 1000));
    html! {
        <g class={classes!("lane", kind_class(t))} data-token={t.label.clone()}>
            <text x="4" y={(y + 4).to_string()}>{ format!("{} {}", t.label, short_kind(t)) }<title>{ lane_title(t) }</title></text>
            <rect x={start.to_string()} y={(y - 7).to_string()} width={(end - start).max(2).to_string()} height="14" rx="3" />
        </g>
    }
}

/// The kind in two words (`SLAS shopper`, `SLAS id_token`): the lane's label has little room.
fn short_kind(t: &Token) -> String {
    t.credential
        .title()
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
}

fn kind_class(t: &Token) -> &'static str {
    t.credential.kind_id()
}

fn lane_title(t: &Token) -> String {
    let issued = t.issued_in.map_or_else(
        || "issued before the capture".to_string(),
        |e| format!("issued by entry #{e}"),
    );
    let exp = t
        .exp
        .map(|e| format!(", expires {}", iso_utc(e)))
        .unwrap_or_default();
    format!("{} ({}): {}{exp}", t.label, t.credential.title(), issued)
}

fn pair_pick(
    s: &Session,
    pair: Option<(usize, usize)>,
    on_pair: &Callback<Option<(usize, usize)>>,
) -> Html {
    if s.tokens.len() < 2 {
        return Html::default();
    }
    let (a, b) = pair.unwrap_or((0, 1));
    let pick = |id: &'static str, label: &'static str, value: usize, other: usize, first: bool| {
        let on_pair = on_pair.clone();
        let onchange = Callback::from(move |e: Event| {
            let v = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .and_then(|s| s.value().parse::<usize>().ok());
            on_pair.emit(v.map(|v| if first { (v, other) } else { (other, v) }));
        });
        html! {
            <>
                <label for={id}>{ label }</label>
                <select id={id} data-testid={id} {onchange}>
                    { for s.tokens.iter().enumerate().map(|(i, t)| html! {
                        <option value={i.to_string()} selected={i == value}>
                            { format!("{} — {}", t.label, t.credential.title()) }
                        </option>
                    }) }
                </select>
            </>
        }
    };
    let on_pair = on_pair.clone();
    let compare = Callback::from(move |_| on_pair.emit(Some((a, b))));
    html! {
        <div class="compare-pick" data-testid="session-compare">
            { pick("session-compare-a", "Compare ", a, b, true) }
            { pick("session-compare-b", " with ", b, a, false) }
            if pair.is_none() {
                <button type="button" class="button" data-testid="session-compare-go" onclick={compare}>{ "Compare" }</button>
            }
        </div>
    }
}

fn export(
    on_export: &Callback<()>,
    exported: Option<&Result<Vec<String>, String>>,
    exporting: bool,
) -> Html {
    let on_export = on_export.clone();
    let onclick = Callback::from(move |_| on_export.emit(()));
    html! {
        <div class="export" data-testid="export">
            <button type="button" class="button" data-testid="download-sanitized" {onclick} disabled={exporting}>{ "Download sanitized HAR" }</button>
            if exporting {
                <p role="status" data-testid="exporting">{ "Writing the sanitized HAR…" }</p>
            }
            <span class="muted">{ " Signatures removed, personal data masked in each token, refresh tokens, session cookies, secrets, passwords and e-mail addresses removed; written here and downloaded, nothing is sent." }</span>
            if let Some(done) = exported {
                { match done {
                    Ok(lines) => html! {
                        <div data-testid="export-manifest" role="status">
                            <p>{ "Downloaded. What the export removed or masked (also in the HAR's log.comment):" }</p>
                            <ul>{ for lines.iter().map(|l| html! { <li>{ reveal(l) }</li> }) }</ul>
                        </div>
                    },
                    Err(why) => html! { <p class="finding error" role="alert">{ reveal(why) }</p> },
                } }
            }
        </div>
    }
}
