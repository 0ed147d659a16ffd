//! Every computation the page performs for one set of inputs, in one call: the entry point of the
//! fuzz target (`fuzz/`) and of the property tests, so both cover exactly what a user can reach.

use super::checklist::{self, Expectations};
use super::claims::display;
use super::scopes::visible;
use super::time::iso_utc;
use super::{analyze, request, Report, UnixTime};

/// Analyses `token`, then, for every credential found, computes what the page shows at `now`:
/// findings, times, claims, scopes, the checklist parsed from `expected` and the check of the
/// request pasted as `request`. Returns the report and a count of the lines computed (so that
/// nothing is optimised away). Never panics.
pub fn everything(
    token: &str,
    expected: &str,
    request_text: &str,
    now: UnixTime,
) -> (Report, usize) {
    let report = analyze(token);
    let expectations = Expectations::parse(expected);
    let mut lines = expectations.to_text().len() + report.stripped.len();
    let mut merged = expectations.clone();
    for c in &report.credentials {
        lines += c.findings_at(now).len() + c.segment_roles().len();
        lines += c.title().len() + c.kind_id().len();
        lines += c.time_status(now).map_or(0, |s| s.id().len());
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
        let granted: Vec<String> = c
            .sfcc()
            .map(|s| s.scopes.iter().map(|g| g.name.clone()).collect())
            .unwrap_or_default();
        lines += granted.iter().map(|g| visible(g).len()).sum::<usize>();
        let checked = request::check(request_text, Some(c), now);
        if let Some(Ok(check)) = &checked {
            merged.merge(&check.expected);
            lines += check.items.len() + check.verdict.len();
        }
        let list = checklist::check(&granted, &merged);
        lines += list.rows.len() + list.extra.len();
    }
    if report.credentials.is_empty() {
        lines +=
            request::check(request_text, None, now).map_or(0, |r| r.map_or(1, |c| c.items.len()));
        lines += checklist::check(&[], &expectations).rows.len();
    }
    (report, lines)
}
