//! Every computation the page performs for one set of inputs, in one call: the entry point of the
//! fuzz target (`fuzz/`), the property tests and the bench, so all cover exactly what a user can
//! reach. It is a loop over [`page`]: one page per credential selected, plus what the views
//! derive from a page at the same instant (relative times, pretty JSON, masked secrets); and
//! [`session`] for a HAR opened whole.

use super::claims::display;
use super::page::{page, Evidence, Page};
use super::report::Report;
use super::scopes::visible;
use super::time::iso_utc;
use super::time::UnixTime;

/// The pages for `token`, `expected`, `request_text`, `answer` and `keys` at `now`, with every
/// credential selected in turn. Returns the report and a count of the lines computed (so that
/// nothing is optimised away). Never panics.
pub fn everything(
    token: &str,
    expected: &str,
    request_text: &str,
    answer: &str,
    keys: &str,
    now: UnixTime,
) -> (Report, usize) {
    let evidence = Evidence::new(token, request_text, expected)
        .with_answer(answer)
        .with_keys(keys);
    let count = evidence.report.credentials.len().max(1);
    let mut lines = evidence.checklist.to_text().len() + evidence.report.stripped.len();
    for selected in 0..count {
        let shown = page(
            &Evidence {
                selected,
                ..evidence.clone()
            },
            now,
        );
        lines += views(&shown, now);
    }
    ((*evidence.report).clone(), lines)
}

/// A HAR opened as the page opens it: read in slices of `budget` bytes, composed into a session,
/// each call inspected (the page with its token, request and answer, judged at the call), two
/// tokens compared and the sanitized export written. Returns a count of the lines computed.
/// Never panics.
pub fn session(bytes: &[u8], budget: usize, now: UnixTime) -> usize {
    use std::rc::Rc;
    let Ok(mut reader) = super::har::Reader::new(bytes) else {
        return 0;
    };
    while !reader.step(bytes, budget.max(1)).done {}
    let session = Rc::new(super::session::read(reader.finish()));
    let mut evidence = Evidence::default().with_session(Some(session.clone()));
    evidence.session_pair = Some((0, session.tokens.len().saturating_sub(1)));
    let mut lines = session.findings.len() + session.tokens.len();
    lines += views(&page(&evidence, now), now);
    for i in 0..session.calls.len() {
        if let Some((call, _)) = evidence.with_call(i) {
            lines += views(&page(&call, now), now);
        }
    }
    lines + super::sanitize::sanitize(bytes).map_or(0, |(text, _)| text.len())
}

/// What the views compute from a page on their own: a count of the lines.
fn views(shown: &Page, now: UnixTime) -> usize {
    let mut lines = shown.findings.len() + shown.tabs.len();
    lines += shown.status.map_or(0, |s| s.id().len());
    lines += shown.checklist.expected.items.len();
    lines += shown
        .checklist
        .result
        .as_ref()
        .map_or(0, |r| r.rows.len() + r.extra.len());
    lines += shown
        .request
        .check()
        .map_or(0, |c| c.items.len() + c.verdict.len());
    lines += shown.summary.len();
    if let Some(s) = &shown.signature {
        lines += s.help.len() + s.keys.keys.len() + s.keys.problems.len();
        lines += s
            .signature
            .plan()
            .map_or(0, |p| p.attempts.len() + p.signing_input.len());
    }
    if let Some(v) = &shown.verdict {
        lines += v.headline.len() + v.causes.len() + v.findings.len();
    }
    if let Some(a) = &shown.answer {
        lines += a.answer.notable_headers().len() + a.answer.notes.len();
        lines += a.answer.correlation().map_or(0, |c| c.value.len());
        lines += a.answer.body.json.as_ref().map_or(0, |j| display(j).len());
    }
    let Some(c) = shown.credential() else {
        return lines;
    };
    lines += c.segment_roles().len() + c.title().len() + c.kind_id().len();
    for t in &c.times().claims {
        lines += t.relative(now).map_or(0, |r| r.len());
        lines += t.seconds.map_or(0, |s| iso_utc(s).len());
    }
    for row in c.header_rows().iter().chain(c.claim_rows()) {
        lines += row.display.len() + display(&row.value).len();
    }
    if let Some(j) = c.jose() {
        lines += j.header.pretty().map_or(0, |s| s.len());
        lines += j.payload.pretty().map_or(0, |s| s.len());
    }
    lines += c.basic().map_or(0, |b| b.masked_secret().len());
    if let Some(s) = c.sfcc() {
        lines += s
            .scopes
            .iter()
            .map(|g| visible(&g.name).len())
            .sum::<usize>();
    }
    lines
}
