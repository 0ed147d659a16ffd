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
use crate::markup::Markup;

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
    let mut m = Markup::new();
    for n in &answer.notes {
        m.open("p", "error-text")
            .attr("data-testid", "answer-note")
            .text(&reveal(n))
            .close();
    }
    if a.request_from_answer {
        m.open("p", "hint")
            .attr("data-testid", "request-from-answer")
            .text("The request (and, with no token pasted, its Authorization header) was read from the curl -v output.")
            .close();
    }
    entry(&mut m, a);
    correlation(&mut m, a);
    m.open("dl", "facts").attr("data-testid", "answer-fields");
    for (label, value) in fields(answer) {
        m.open("div", "fact")
            .leaf("dt", "", label)
            .open("dd", "")
            .leaf("span", "value", &reveal(&value))
            .close()
            .close();
    }
    m.close();
    headers(&mut m, answer);
    html! {
        <section class="card answer-card" data-testid="answer">
            <h2>{ "The API's answer" }</h2>
            { super::raw(m) }
            { body(answer) }
        </section>
    }
}

/// The recognised entry: meaning and likely causes; or "not a documented SFCC error answer".
fn entry(m: &mut Markup, a: &AnswerState) {
    let Some(e) = a.recognition.entry else {
        if a.recognition.undocumented(&a.answer) {
            m.open("p", "")
                .attr("data-testid", "answer-undocumented")
                .text("Not a documented SFCC error answer: it is shown below as it was read.")
                .close();
        }
        return;
    };
    m.open("div", "entry")
        .attr("data-testid", "answer-entry")
        .attr("data-entry", e.id)
        .open("p", "")
        .leaf("strong", "", e.title)
        .text(&format!(
            " — {} · {} · published shape: {}",
            e.id,
            e.family.name(),
            e.label.id()
        ))
        .close()
        .leaf("p", "", e.meaning);
    if !e.causes.is_empty() {
        m.open("details", "nested")
            .attr("open", "")
            .leaf("summary", "", "Likely causes, most likely first")
            .open("ol", "entry-causes");
        for c in e.causes {
            m.leaf("li", "", c);
        }
        m.close().close();
    }
    m.close();
}

/// The correlation id, to copy, and where support searches it.
fn correlation(m: &mut Markup, a: &AnswerState) {
    let Some(c) = a.answer.correlation() else {
        return;
    };
    let note = if !a.in_log_center {
        "This API does not log to Log Center: quote the id, the UTC time and the tenant to support."
    } else {
        "Support searches Log Center with it (field externalID); quote it with the UTC time and the tenant."
    };
    m.open("div", "correlation")
        .attr("data-testid", "correlation")
        .leaf("span", "muted", &format!("Correlation id ({})", c.name))
        .open("code", "")
        .attr("data-testid", "correlation-id")
        .text(&reveal(&c.value))
        .close()
        .copy_button(&c.value, "Copy the correlation id")
        .leaf("p", "hint", note)
        .close();
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
fn headers(m: &mut Markup, answer: &Answer) {
    if answer.headers.is_empty() {
        return;
    }
    let notable = answer.notable_headers();
    let others = answer.headers.len() - notable.len();
    m.open("table", "checks")
        .attr("data-testid", "answer-headers")
        .leaf("caption", "sr-only", "Headers that matter")
        .open("tbody", "");
    for (h, what) in &notable {
        m.named_row("data-header", &h.name)
            .leaf("td", "value", &reveal(&preview(&h.value, 300)))
            .leaf("td", "muted", what)
            .close();
    }
    if others > 0 {
        let s = if others == 1 { "" } else { "s" };
        m.open("tr", "")
            .open("td", "muted")
            .attr("colspan", "3")
            .text(&format!("{others} other header{s}"))
            .close()
            .close();
    }
    m.close().close();
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
