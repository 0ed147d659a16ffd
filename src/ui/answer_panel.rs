//! The API's answer: its text area, the verdict on the call at the top of the report, what the
//! answer was read and recognised as, and the ticket summary. The panels are plain functions of
//! what `page` composed; only the text area is a component.

use std::rc::Rc;

use yew::prelude::*;

use super::copy::CopyButton;
use super::json_block::{json_block, JsonBlockProps};
use crate::inspect::answer::{Answer, Shape};
use crate::inspect::page::AnswerState;
use crate::inspect::text::{preview, reveal};
use crate::inspect::time::iso_utc;
use crate::inspect::verdict::Verdict;

/// What the answer input shows.
pub struct AnswerInputProps {
    pub value: AttrValue,
    pub on_input: Callback<String>,
    pub answer: Rc<Option<AnswerState>>,
}

/// Where the engineer pastes what the API answered (a function, not a component: it holds no
/// state).
pub fn answer_input(props: &AnswerInputProps) -> Html {
    let oninput = super::text_input(&props.on_input);
    let status = match &*props.answer {
        None => html! {
            <p class="hint">{ "The error body, " }<code>{ "curl -i" }</code>{ " or " }<code>{ "curl -v" }</code>
                { " output, the devtools Response or Headers copy, or a " }<code>{ "WWW-Authenticate" }</code>{ " line." }</p>
        },
        Some(a) => html! {
            <p class="matched" data-testid="answer-recognised" data-entry={a.recognition.entry.map_or("", |e| e.id)}>
                { recognised(a) }
            </p>
        },
    };
    html! {
        <section class="card request-card">
            <label for="answer-input" class="input-label">{ "The API's answer (optional)" }</label>
            <textarea id="answer-input" data-testid="answer-input" class="request-input"
                spellcheck="false" autocomplete="off" autocapitalize="off" autocorrect="off" rows="3"
                placeholder={r#"HTTP/2 403 … {"type":"…/errors/forbidden","title":"Forbidden",…}"#}
                value={props.value.clone()} {oninput} />
            { status }
        </section>
    }
}

/// "403 · Forbidden — scapi-forbidden (Commerce API (SCAPI))".
fn recognised(a: &AnswerState) -> Html {
    let status = a
        .answer
        .status
        .map(|s| format!("{s} · "))
        .unwrap_or_default();
    match a.recognition.entry {
        Some(e) => html! {
            <>
                <strong>{ format!("{status}{}", e.title) }</strong>
                <span class="muted">{ format!(" — {} ({}{})", e.id, e.family.name(),
                    if a.recognition.guessed { "; family guessed: paste the request URL to be sure" } else { "" }) }</span>
            </>
        },
        None => html! {
            <><strong>{ status }</strong>{ "not a documented SFCC error answer" }</>
        },
    }
}

/// The verdict on the call: one line, the causes judged under it, and when it was judged.
/// `from_session`: the time of the call is the HAR entry's `startedDateTime`, not the answer's
/// `Date`.
pub fn verdict_card(v: &Verdict, now: i64, from_session: bool) -> Html {
    let class = if v.succeeded {
        "ok"
    } else if v.settled {
        "error"
    } else {
        "warning"
    };
    let badge = if v.succeeded {
        "Succeeded"
    } else if v.settled {
        "Why it failed"
    } else {
        "Not settled"
    };
    let when = if v.at.of_call {
        format!(
            "Judged at the time of the call, {} ({}); now it is {}.",
            iso_utc(v.at.at),
            if from_session {
                "the HAR entry's startedDateTime"
            } else {
                "the answer's Date"
            },
            iso_utc(now)
        )
    } else {
        "Judged now: the answer gives no Date, so the time of the call is not known.".to_string()
    };
    html! {
        <section class={classes!("card", "call-verdict", class)} data-testid="call-verdict" data-settled={v.settled.to_string()} role="status">
            <h2 class="verdict-line">
                <span class={classes!("badge", class)}>{ badge }</span>
                <span data-testid="verdict-headline">{ reveal(&v.headline) }</span>
            </h2>
            if !v.causes.is_empty() {
                <ul class="causes" data-testid="causes">
                    { for v.causes.iter().map(|c| html! {
                        <li data-check={c.check.id()} data-judgement={c.judgement.id()}>
                            <span class={classes!("tag", c.judgement.id())}>{ c.judgement.word() }</span>
                            <code>{ c.check.id() }</code>{ " " }{ reveal(&c.text) }
                        </li>
                    }) }
                </ul>
            }
            <p class="hint" data-testid="judged-at">{ when }</p>
        </section>
    }
}

/// The ticket summary: shown, then copied on click.
pub fn ticket_card(summary: &str) -> Html {
    html! {
        <section class="card ticket" data-testid="ticket">
            <div class="ticket-head">
                <h2>{ "Ticket summary" }</h2>
                <CopyButton text={AttrValue::from(summary.to_string())} what="Copy for a ticket" label="Copy for a ticket" />
            </div>
            <p class="hint">{ "Markdown, redacted: no token, signature, refresh token, secret or Basic credentials; logins, e-mails and names masked; shopper ids replaced by pseudonyms. This is exactly what is copied:" }</p>
            <details class="json-block" open=true>
                <summary>{ "The summary" }</summary>
                <pre class="json" data-testid="ticket-text" tabindex="0">{ summary.to_string() }</pre>
            </details>
        </section>
    }
}

/// What the answer was read as: its recognition and meaning, its fields, the headers that
/// matter (the correlation id to copy), its body, and what could not be read.
pub fn answer_card(a: &AnswerState) -> Html {
    let answer = &a.answer;
    html! {
        <section class="card answer-card" data-testid="answer">
            <h2>{ "The API's answer" }</h2>
            { for answer.notes.iter().map(|n| html! { <p class="error-text" data-testid="answer-note">{ reveal(n) }</p> }) }
            if a.request_from_answer {
                <p class="hint" data-testid="request-from-answer">{ "The request (and, with no token pasted, its Authorization header) was read from the curl -v output." }</p>
            }
            { entry(a) }
            { correlation(a) }
            <dl class="facts" data-testid="answer-fields">
                { for fields(answer).into_iter().map(|(label, value)| html! {
                    <div class="fact"><dt>{ label }</dt><dd><span class="value">{ reveal(&value) }</span></dd></div>
                }) }
            </dl>
            { headers(answer) }
            { body(answer) }
        </section>
    }
}

/// The recognised entry: meaning and likely causes; or "not a documented SFCC error answer".
fn entry(a: &AnswerState) -> Html {
    let Some(e) = a.recognition.entry else {
        if !a.recognition.undocumented(&a.answer) {
            return Html::default();
        }
        return html! {
            <p data-testid="answer-undocumented">{ "Not a documented SFCC error answer: it is shown below as it was read." }</p>
        };
    };
    html! {
        <div class="entry" data-testid="answer-entry" data-entry={e.id}>
            <p><strong>{ e.title }</strong>{ format!(" — {} · {} · published shape: {}", e.id, e.family.name(), e.label.id()) }</p>
            <p>{ e.meaning }</p>
            if !e.causes.is_empty() {
                <details class="nested" open=true>
                    <summary>{ "Likely causes, most likely first" }</summary>
                    <ol class="entry-causes">{ for e.causes.iter().map(|c| html! { <li>{ *c }</li> }) }</ol>
                </details>
            }
        </div>
    }
}

/// The correlation id, to copy, and where support searches it.
fn correlation(a: &AnswerState) -> Html {
    let Some(c) = a.answer.correlation() else {
        return Html::default();
    };
    let note = if !a.in_log_center {
        "This API does not log to Log Center: quote the id, the UTC time and the tenant to support."
    } else {
        "Support searches Log Center with it (field externalID); quote it with the UTC time and the tenant."
    };
    html! {
        <div class="correlation" data-testid="correlation">
            <span class="muted">{ format!("Correlation id ({})", c.name) }</span>
            <code data-testid="correlation-id">{ reveal(&c.value) }</code>
            <CopyButton text={AttrValue::from(c.value.clone())} what="Copy the correlation id" />
            <p class="hint">{ note }</p>
        </div>
    }
}

/// The fields of the body and status, as label and value.
fn fields(answer: &Answer) -> Vec<(&'static str, String)> {
    let f = &answer.body.fields;
    let mut rows = Vec::new();
    if let Some(s) = answer.status {
        let reason = answer
            .reason
            .as_deref()
            .map(|r| format!(" {r}"))
            .unwrap_or_default();
        rows.push(("Status", format!("{s}{reason}")));
    }
    rows.push(("Body", answer.body.shape.name().to_string()));
    let named = [
        ("type", &f.r#type),
        ("title", &f.title),
        ("detail", &f.detail),
        ("error", &f.error),
        ("error_description", &f.error_description),
        ("fault.type", &f.fault_type),
        ("message", &f.message),
        ("code", &f.code),
        ("Page title", &f.html_title),
    ];
    for (label, value) in named {
        if let Some(v) = value {
            rows.push((label, preview(v, 400)));
        }
    }
    if let Some((code, ray)) = &f.cloudflare {
        rows.push((
            "Cloudflare error",
            format!(
                "{code}{}",
                ray.as_deref()
                    .map(|r| format!(" (Ray ID {r})"))
                    .unwrap_or_default()
            ),
        ));
    }
    for (k, v) in f.extra.iter().take(20) {
        rows.push(("field", format!("{k}: {}", preview(v, 200))));
    }
    if let Some(d) = answer.date {
        rows.push(("Date", iso_utc(d)));
    }
    rows
}

/// The headers that carry a diagnosis, each with what it says; the others counted.
fn headers(answer: &Answer) -> Html {
    let notable = answer.notable_headers();
    if answer.headers.is_empty() {
        return Html::default();
    }
    let others = answer.headers.len() - notable.len();
    html! {
        <table class="checks" data-testid="answer-headers">
            <caption class="sr-only">{ "Headers that matter" }</caption>
            <tbody>
                { for notable.iter().map(|(h, what)| html! {
                    <tr data-header={h.name.clone()}>
                        <th scope="row"><code>{ h.name.clone() }</code></th>
                        <td class="value">{ reveal(&preview(&h.value, 300)) }</td>
                        <td class="muted">{ *what }</td>
                    </tr>
                }) }
                if others > 0 {
                    <tr><td colspan="3" class="muted">{ format!("{others} other header{}", if others == 1 { "" } else { "s" }) }</td></tr>
                }
            </tbody>
        </table>
    }
}

/// The body as read: pretty JSON, or the start of the text or page.
fn body(answer: &Answer) -> Html {
    let b = &answer.body;
    if b.shape == Shape::Empty {
        return Html::default();
    }
    let text = match &b.json {
        Some(json) => serde_json::to_string_pretty(json).unwrap_or_default(),
        None => preview(&b.raw, 4000),
    };
    let title = if b.truncated {
        "Body (read as far as it goes)"
    } else {
        "Body"
    };
    json_block(&JsonBlockProps {
        title: title.into(),
        json: AttrValue::from(preview(&text, 20_000)),
        testid: "answer-body".into(),
    })
}
