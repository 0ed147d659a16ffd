//! One SFCC call read: its operation, the token it sent (or most likely sent) judged at its
//! start, the refresh token it redeemed, what its response issued, and for a failing call the
//! verdict the inspector gives on it.

use super::carried::{looks_cut_jwt, looks_jwt, Carried};
use super::classify::host_path;
use super::evidence::{answer_text, request_text};
use super::tokens::Registry;
use super::{AtCall, Call, Category, Token};
use crate::inspect::answer::{self, recognise};
use crate::inspect::credential::Credential;
use crate::inspect::har::Entry;
use crate::inspect::request::{self, find, parse, Matched};
use crate::inspect::time::{Moment, TimeStatus};
use crate::inspect::verdict::{verdict, Weighed};

/// The token a request sent: its index, where, and whether the value was cut.
pub(crate) struct Sent {
    pub token: Option<usize>,
    pub place: Option<String>,
    pub cut: bool,
}

/// What the request carried, resolved against the registry.
pub(crate) fn sent(c: &Carried, reg: &Registry, entry: usize) -> Sent {
    if let Some((scheme, value)) = c
        .auth
        .as_ref()
        .filter(|(s, _)| !s.eq_ignore_ascii_case("basic"))
    {
        let place = Some(format!("request header authorization ({scheme})"));
        if looks_jwt(value) {
            return Sent {
                token: reg.jwt(value),
                place,
                cut: false,
            };
        }
        if looks_cut_jwt(value) {
            return Sent {
                token: reg.resolve_cut(value, c, entry),
                place,
                cut: true,
            };
        }
    }
    if let Some(ch) = c.cookie_chunks.as_ref().filter(|ch| looks_jwt(&ch.joined)) {
        let word = if ch.count > 1 { "cookies" } else { "cookie" };
        return Sent {
            token: reg.jwt(&ch.joined),
            place: Some(format!("request {word} {}", ch.names)),
            cut: false,
        };
    }
    Sent {
        token: None,
        place: None,
        cut: false,
    }
}

/// The token judged at `started_ms`: its state and `exp` minus the call's time (rounded).
pub(crate) fn judge(t: &Token, started_ms: i64, cut: bool) -> (Option<AtCall>, Option<i64>) {
    let to_exp = t.exp.map(|exp| {
        (exp.saturating_mul(1000)
            .saturating_sub(started_ms)
            .saturating_add(500))
        .div_euclid(1000)
    });
    let at = started_ms.div_euclid(1000);
    let state = if cut {
        Some(AtCall::Truncated)
    } else {
        t.credential.time_status(at).map(|s| match s {
            TimeStatus::Expired => AtCall::Expired,
            TimeStatus::NotYetValid => AtCall::NotYetValid,
            TimeStatus::Valid | TimeStatus::NoExpiry => AtCall::Valid,
        })
    };
    (state, to_exp)
}

/// The API name and operation id of an SCAPI call (SLAS included), from endpoints.json.
fn operation(e: &Entry, category: Category) -> (Option<&'static str>, Option<&'static str>) {
    if !matches!(
        category,
        Category::Slas | Category::ScapiShopper | Category::ScapiAdmin | Category::ScapiCustom
    ) {
        return (None, None);
    }
    let Ok(parsed) = parse(&format!("{} {}", e.method, e.url)) else {
        return (None, None);
    };
    match find(&parsed) {
        Matched::Operation(op) => (Some(op.endpoint.api), Some(op.endpoint.operation_id)),
        Matched::Custom(_) => (Some("Custom API"), None),
        Matched::Nothing { .. } => (None, None),
    }
}

/// The call for entry `e`, the `entry`-th of the file (its diagnosis comes later, once the
/// whole session is known).
pub(crate) fn build(
    e: &Entry,
    entry: usize,
    (category, proxied): (Category, bool),
    c: &Carried,
    reg: &Registry,
    likely: Option<usize>,
) -> Call {
    let started_ms = e.started_ms.unwrap_or(0);
    let s = sent(c, reg, entry);
    let judged = s.token.or(likely).and_then(|i| reg.tokens.get(i));
    let (at_call, seconds_to_exp) = match judged {
        Some(t) => judge(t, started_ms, s.cut),
        None => (s.cut.then_some(AtCall::Truncated), None),
    };
    let (api, operation) = operation(e, category);
    let refresh_token = (c.param("grant_type") == Some("refresh_token"))
        .then(|| c.param("refresh_token").and_then(|t| reg.refresh_token(t)))
        .flatten();
    Call {
        entry,
        started_ms,
        method: e.method.clone(),
        url: e.url.split(['?', '#']).next().unwrap_or("").to_string(),
        status: e.status,
        category,
        proxied,
        api,
        operation,
        token: s.token,
        token_sent_as: s.place.or_else(|| {
            likely.map(|_| "not recorded: the export removed the Authorization header".to_string())
        }),
        likely_token: if s.token.is_none() { likely } else { None },
        at_call,
        seconds_to_exp,
        refresh_token,
        issued: issued_here(reg.tokens.iter().map(|t| t.issued_in), entry),
        issued_refresh: issued_here(reg.refresh.iter().map(|t| t.issued_in), entry),
        correlation_id: correlation(e),
        ok: (200..400).contains(&e.status),
        diagnosis: None,
    }
}

fn issued_here(issued: impl Iterator<Item = Option<usize>>, entry: usize) -> Vec<usize> {
    issued
        .enumerate()
        .filter(|(_, at)| *at == Some(entry))
        .map(|(i, _)| i)
        .collect()
}

/// The response's correlation id header.
fn correlation(e: &Entry) -> Option<String> {
    ["sfdc_correlation_id", "correlation-id", "x-correlation-id"]
        .iter()
        .find_map(|n| e.response_header(n))
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The verdict's headline on a failing call, as the inspector gives it for the credential the
/// call's credential line holds (`token`), its request and its answer, judged at the call's
/// start.
pub(crate) fn headline(e: &Entry, token: Option<&Credential>) -> Option<String> {
    let answer = answer::read(&answer_text(e))?;
    // An unreadable startedDateTime: the answer's Date is the call's time too.
    let at = Moment::call(e.started_at().or(answer.date)?);
    let request_text = request_text(e);
    let check = request::check_at(&request_text, token, at).and_then(Result::ok);
    let url = check.as_ref().map(|c| c.request.url());
    let recognition = recognise(&answer, url.as_deref());
    let v = verdict(&Weighed {
        token,
        request: check.as_ref(),
        answer: &answer,
        recognition,
        at,
        signature: None,
    });
    Some(v.headline)
}

/// The host and path of the call, for sentences (`store.example.com/s/RefArch/dw/shop/…`).
pub(crate) fn short_url(url: &str) -> String {
    let (host, path) = host_path(url);
    format!("{host}{path}")
}
