//! A whole session at once: a HAR read into every SFCC call in time order, every token and
//! refresh token with where it was issued and used, each call checked and judged at the time
//! it was made, and the findings that only a session shows (a refresh token redeemed twice, a
//! 401 after expiry, a scope set that changed between two tokens, usid continuity, a sanitized
//! export).
//!
//! [`read`] composes it once from a [`Har`]; the page shows it and, when the engineer selects a
//! call, fills the inspector with [`Session::inspect`]: the call's token, its request and its
//! answer, judged at the call's `startedDateTime`.
//!
//! The steps, one module each: `classify` tells SFCC calls from the rest by URL, resource type
//! and cookie names alone (the others are only counted, so thousands of them cost little);
//! `carried` reads what an entry carries (the `Authorization` header, the credential cookies
//! with the `cc-at` chunks joined by name, form fields, a token response's body, `Set-Cookie`);
//! `tokens` keeps every JWT and refresh token once, labelled in order of first appearance;
//! `calls` reads each call (operation, token judged at the call, refresh token redeemed,
//! verdict); `evidence` writes a call back as the inspector's three inputs; `findings` is a list
//! of small rules over the data. No secret is ever written into a text: tokens are named by
//! label.

mod calls;
mod carried;
mod classify;
mod evidence;
mod findings;
mod tokens;

use std::rc::Rc;

use super::credential::Credential;
use super::findings::Severity;
use super::har::Har;
use carried::Carried;
use classify::{Kind, OTHER_KINDS};
use tokens::Registry;

/// What kind of SFCC traffic an entry is (INDEX.json `category`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// SLAS (Shopper Login and API Access Service), its admin API included.
    Slas,
    /// A SCAPI shopper API.
    ScapiShopper,
    /// A SCAPI admin API.
    ScapiAdmin,
    /// A custom API (`/custom/…`).
    ScapiCustom,
    /// OCAPI Shop (`/s/{site}/dw/shop/…`).
    OcapiShop,
    /// OCAPI Data (`/s/-/dw/data/…`).
    OcapiData,
    /// Account Manager's token endpoint.
    AccountManager,
    /// A storefront page carrying SFCC cookies.
    StorefrontPage,
    /// A storefront controller (`/on/demandware.store/…`) carrying SFCC cookies.
    StorefrontController,
    /// A PWA Kit app request carrying SFCC cookies.
    StorefrontApp,
}

impl Category {
    /// The INDEX.json spelling, also the CSS class.
    pub fn id(self) -> &'static str {
        match self {
            Category::Slas => "slas",
            Category::ScapiShopper => "scapi-shopper",
            Category::ScapiAdmin => "scapi-admin",
            Category::ScapiCustom => "scapi-custom",
            Category::OcapiShop => "ocapi-shop",
            Category::OcapiData => "ocapi-data",
            Category::AccountManager => "account-manager",
            Category::StorefrontPage => "storefront-page",
            Category::StorefrontController => "storefront-controller",
            Category::StorefrontApp => "storefront-app",
        }
    }
}

/// How a token looked at the time of a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AtCall {
    /// Within `nbf`..`exp`.
    Valid,
    /// Past `exp`.
    Expired,
    /// Before `nbf`.
    NotYetValid,
    /// The token as sent was cut (a `cc-at` chunk without its `cc-at_2`).
    Truncated,
}

/// One SFCC call of the session.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// 0-based position in `log.entries`.
    pub entry: usize,
    /// When it started (ms since the epoch).
    pub started_ms: i64,
    /// `GET`, `POST` …
    pub method: String,
    /// The URL without its query, for the table.
    pub url: String,
    /// The response status (0: none).
    pub status: u16,
    /// What kind of SFCC traffic it is.
    pub category: Category,
    /// It went through the PWA Kit proxy (`/mobify/proxy/api`, `/mobify/slas/private`).
    pub proxied: bool,
    /// The API's name (`Shopper Baskets`), when known.
    pub api: Option<&'static str>,
    /// The operation id from endpoints.json (`updateItemInBasket`).
    pub operation: Option<&'static str>,
    /// The access token the request sent: an index into [`Session::tokens`].
    pub token: Option<usize>,
    /// Where the request carried it (`request header authorization (Bearer)`, `request cookies
    /// cc-at+cc-at_2`; in a sanitized export, that the export removed it).
    pub token_sent_as: Option<String>,
    /// Sanitized exports: the latest access token issued before the call (what the app most
    /// likely sent), an index into [`Session::tokens`].
    pub likely_token: Option<usize>,
    /// The token (sent or likely) at the time of the call.
    pub at_call: Option<AtCall>,
    /// `exp` minus the call's time, in seconds (negative: expired that long before).
    pub seconds_to_exp: Option<i64>,
    /// The refresh token a refresh grant redeemed: an index into [`Session::refresh_tokens`].
    pub refresh_token: Option<usize>,
    /// Tokens first issued by this call's response: indexes into [`Session::tokens`].
    pub issued: Vec<usize>,
    /// Refresh tokens first issued by this call's response.
    pub issued_refresh: Vec<usize>,
    /// The response's correlation id (`sfdc_correlation_id`, `correlation-id` …).
    pub correlation_id: Option<String>,
    /// The call succeeded (2xx/3xx).
    pub ok: bool,
    /// For a failing call: the verdict's one line, judged at the time of the call.
    pub diagnosis: Option<String>,
}

/// A JWT found in the session.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Short label, in order of first appearance (`AT1`, `IDT1`).
    pub label: String,
    /// The credential, decoded (cookie chunks joined).
    pub credential: Rc<Credential>,
    /// `jti`, when present.
    pub jti: Option<String>,
    /// `iat`, `exp` (seconds).
    pub iat: Option<i64>,
    /// Expiry (seconds).
    pub exp: Option<i64>,
    /// The entry whose response issued it (`None`: issued before the capture).
    pub issued_in: Option<usize>,
    /// Where that response held it (`response body access_token`, `Set-Cookie cc-at + cc-at_2`).
    pub issued_where: Option<String>,
    /// Entries whose request sent it.
    pub used_in: Vec<usize>,
    /// Every place it occurs: (entry, where).
    pub seen_in: Vec<(usize, String)>,
}

/// What happened when a refresh token was redeemed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Redemption {
    /// The entry that sent it to `/oauth2/token`.
    pub entry: usize,
    /// Its status.
    pub status: u16,
}

/// An opaque SLAS refresh token found in the session.
#[derive(Debug, Clone, PartialEq)]
pub struct RefreshToken {
    /// Short label (`RT1`).
    pub label: String,
    /// The entry whose response issued it (`None`: before the capture).
    pub issued_in: Option<usize>,
    /// Each redemption, in time order.
    pub redeemed_in: Vec<Redemption>,
    /// Every place it occurs: (entry, where).
    pub seen_in: Vec<(usize, String)>,
}

impl RefreshToken {
    /// Redeemed more than once.
    pub fn reused(&self) -> bool {
        self.redeemed_in.len() > 1
    }
}

/// A finding only the whole session shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionFinding {
    /// How much it matters.
    pub severity: Severity,
    /// Stable id (INDEX.json's: `expired-token-401`, `refresh-token-reused` …).
    pub id: &'static str,
    /// The short title.
    pub title: String,
    /// The explaining sentences.
    pub detail: String,
    /// The entries it rests on.
    pub entries: Vec<usize>,
}

/// How many entries of each non-SFCC kind the session holds (counted, not listed).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Others {
    /// Every entry that is not an SFCC call.
    pub total: usize,
    /// By kind (`static`, `analytics`, `image-service`, `einstein`, `other`), in a stable order.
    pub by_kind: Vec<(&'static str, usize)>,
}

/// The whole session.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// The file as read (entries with their kept bodies, problems).
    pub har: Rc<Har>,
    /// Every SFCC call, in time order.
    pub calls: Vec<Call>,
    /// What else the file holds.
    pub others: Others,
    /// Every JWT, in order of first appearance.
    pub tokens: Vec<Token>,
    /// Every refresh token, in order of first appearance.
    pub refresh_tokens: Vec<RefreshToken>,
    /// The session's findings, most serious first.
    pub findings: Vec<SessionFinding>,
    /// The export removed `Authorization`, `Cookie` and `Set-Cookie` (Chrome ≥ 130's default).
    pub sanitized: bool,
    /// First and last `startedDateTime` (ms).
    pub span: Option<(i64, i64)>,
}

/// What the inspector is filled with for one call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallEvidence {
    /// The credential as the request carried it (an `Authorization` line, a `Cookie` line).
    pub paste: String,
    /// The request: `METHOD URL` and its headers.
    pub request: String,
    /// The answer: status line, headers, body (empty when the request got no response).
    pub answer: String,
    /// The call's time, in seconds: the instant it is judged at.
    pub at: i64,
}

impl Session {
    /// The inspector's inputs for call `i` (an index into [`Session::calls`]).
    pub fn inspect(&self, i: usize) -> Option<CallEvidence> {
        let call = self.calls.get(i)?;
        let e = self.har.entries.get(call.entry)?;
        Some(CallEvidence {
            paste: self.paste(call).unwrap_or_default(),
            request: evidence::request_text(e),
            answer: evidence::answer_text(e),
            at: call.started_ms.div_euclid(1000),
        })
    }

    /// The credential line of a call: what its request carried, else (sanitized exports) the
    /// token it most likely sent.
    fn paste(&self, call: &Call) -> Option<String> {
        let e = self.har.entries.get(call.entry)?;
        evidence::sent_line(&carried::read(e, false)).or_else(|| {
            let t = self.tokens.get(call.likely_token?)?;
            Some(format!("Authorization: Bearer {}", t.credential.text))
        })
    }
}

/// Composes the session from a HAR read.
pub fn read(mut har: Har) -> Session {
    place_undated(&mut har);
    let kinds: Vec<Kind> = har.entries.iter().map(classify::classify).collect();
    let carried: Vec<Carried> = har
        .entries
        .iter()
        .zip(&kinds)
        .map(|(e, k)| match k {
            Kind::Sfcc(..) => carried::read(e, true),
            // Beacons go to third-party hosts: the browser sends them no SFCC credential.
            Kind::Other("analytics" | "einstein") => Carried::default(),
            Kind::Other(_) => carried::read(e, false),
        })
        .collect();
    let mut reg = Registry::default();
    for (i, c) in carried.iter().enumerate() {
        reg.add(i, c);
    }
    let sanitized = is_sanitized(&har, &kinds, &reg);
    let mut calls = build_calls(&har, &kinds, &carried, &reg, sanitized);
    link(&mut calls, &mut reg);
    for call in calls.iter_mut().filter(|c| !c.ok) {
        call.diagnosis = diagnose(&har, call, &carried, &reg);
    }
    let findings = findings::all(&findings::Ctx {
        har: &har,
        calls: &calls,
        tokens: &reg.tokens,
        refresh: &reg.refresh,
        refresh_texts: &reg.refresh_texts,
        carried: &carried,
        sanitized,
    });
    let span = span(&har);
    Session {
        others: others(&kinds),
        har: Rc::new(har),
        calls,
        tokens: reg.tokens,
        refresh_tokens: reg.refresh,
        findings,
        sanitized,
        span,
    }
}

/// Every SFCC call; in a sanitized export each with the latest access token issued in a
/// token-response body before it.
fn build_calls(
    har: &Har,
    kinds: &[Kind],
    carried: &[Carried],
    reg: &Registry,
    sanitized: bool,
) -> Vec<Call> {
    // Token responses by the time they started: a HAR is not always in time order.
    let issued: Vec<(i64, usize, usize)> = reg
        .tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.issued_where.as_deref() == Some("response body access_token"))
        .filter_map(|(i, t)| {
            let entry = t.issued_in?;
            Some((har.entries.get(entry)?.started_ms?, entry, i))
        })
        .collect();
    let mut calls = Vec::new();
    for (i, e) in har.entries.iter().enumerate() {
        let Kind::Sfcc(category, proxied) = kinds[i] else {
            continue;
        };
        let sends = !matches!(category, Category::Slas | Category::AccountManager);
        let likely = (sanitized && sends)
            .then(|| {
                let at = e.started_ms.unwrap_or(i64::MAX);
                issued
                    .iter()
                    .filter(|(t, entry, _)| *t < at && *entry != i)
                    .max_by_key(|(t, entry, _)| (*t, *entry))
                    .map(|(_, _, token)| *token)
            })
            .flatten();
        calls.push(calls::build(
            e,
            i,
            (category, proxied),
            &carried[i],
            reg,
            likely,
        ));
    }
    crate::inspect::order::sort_by_key(&mut calls, |c| (c.started_ms, c.entry));
    calls
}

/// Redemptions and uses: which refresh token each refresh grant redeemed, which calls sent
/// each token.
fn link(calls: &mut [Call], reg: &mut Registry) {
    for c in calls.iter() {
        if let Some(r) = c.refresh_token.and_then(|r| reg.refresh.get_mut(r)) {
            r.redeemed_in.push(Redemption {
                entry: c.entry,
                status: c.status,
            });
        }
        if let Some(t) = c.token.and_then(|t| reg.tokens.get_mut(t)) {
            t.used_in.push(c.entry);
        }
    }
}

/// The export removed every `Authorization`, `Cookie` and `Set-Cookie` (of the SFCC calls: a
/// sanitizer removes them everywhere, and the other entries need not be read), though it holds
/// API calls and token responses.
fn is_sanitized(har: &Har, kinds: &[Kind], reg: &Registry) -> bool {
    let removed = ["authorization", "cookie"];
    let mut api_calls = false;
    for (e, k) in har.entries.iter().zip(kinds) {
        let Kind::Sfcc(category, _) = k else { continue };
        let credentials = !e.request_cookies.is_empty()
            || !e.response_cookies.is_empty()
            || e.request_headers
                .iter()
                .any(|h| removed.iter().any(|r| h.name.eq_ignore_ascii_case(r)))
            || e.response_headers
                .iter()
                .any(|h| h.name.eq_ignore_ascii_case("set-cookie"));
        if credentials {
            return false;
        }
        api_calls |= !matches!(
            category,
            Category::Slas
                | Category::AccountManager
                | Category::StorefrontPage
                | Category::StorefrontController
                | Category::StorefrontApp
        );
    }
    // Without token responses, only a browser's own export says the headers were removed.
    let browser = har
        .creator
        .as_deref()
        .is_some_and(|c| c.starts_with("WebInspector") || c.starts_with("Firefox"));
    api_calls && (!reg.tokens.is_empty() || browser)
}

/// The verdict's headline for a failing call, with what only the session adds.
fn diagnose(har: &Har, call: &Call, carried: &[Carried], reg: &Registry) -> Option<String> {
    let e = har.entries.get(call.entry)?;
    let c = carried.get(call.entry)?;
    if e.status == 0 {
        let error = e
            .error
            .as_deref()
            .map(|x| format!(", _error {x}"))
            .unwrap_or_default();
        return Some(format!(
            "No response (status 0{error}): the request got no answer (blocked by the browser or an extension, cancelled, or the connection failed), so there is nothing to judge; check whether it was retried."
        ));
    }
    // The credential the call's credential line reads back to (tests/session.rs checks that
    // the extractor gives the same): the token sent, the cut value as sent, or the likely one.
    let cut = c
        .bearer()
        .filter(|_| call.at_call == Some(AtCall::Truncated))
        .map(|value| {
            Credential::from_candidate(&super::extract::Candidate {
                label: "Authorization header".into(),
                text: value.to_string(),
                scheme: Some(super::extract::Scheme::Bearer),
                ..Default::default()
            })
        });
    let token = match &cut {
        Some(cut) => Some(cut),
        None => call
            .token
            .or(call.likely_token)
            .and_then(|i| reg.tokens.get(i))
            .map(|t| &*t.credential),
    };
    let headline = calls::headline(e, token)?;
    Some(format!("{headline}{}", context(har, call, c, reg)))
}

/// What the session adds to a call's verdict: which token, cut or most likely sent, a refresh
/// token redeemed before.
fn context(har: &Har, call: &Call, c: &Carried, reg: &Registry) -> String {
    let label = |i: usize| reg.tokens.get(i).map_or("?", |t| t.label.as_str());
    let mut out = String::new();
    match (call.token, call.likely_token, call.at_call) {
        (Some(t), _, Some(AtCall::Truncated)) => {
            let sent = c.bearer().map_or(0, str::len);
            let full = reg.tokens[t].credential.text.len();
            out.push_str(&format!(
                " The Bearer value is only the first {sent} of the {full} characters of {} (the cc-at cookie chunk): send cc-at + cc-at_2 joined.",
                label(t)
            ));
        }
        (Some(t), _, _) => out.push_str(&format!(" The token sent was {}.", label(t))),
        (None, Some(t), _) => out.push_str(&format!(
            " Judged with {}, the access token most likely sent (the latest issued before the call): the export removed the Authorization header.",
            label(t)
        )),
        _ => {}
    }
    if let Some(r) = call.refresh_token.and_then(|r| reg.refresh.get(r)) {
        if let Some(before) = r.redeemed_in.iter().find(|d| d.entry < call.entry) {
            let earlier = har
                .entries
                .get(before.entry)
                .and_then(|b| b.started_ms)
                .map(|ms| {
                    let gap = call.started_ms.saturating_sub(ms);
                    format!(", {} s earlier", crate::inspect::time::seconds_2dp(gap))
                })
                .unwrap_or_default();
            out.push_str(&format!(
                " {} had already been redeemed at entry {} ({}{earlier}): refresh tokens of public clients are single-use.",
                r.label, before.entry, before.status
            ));
        }
    }
    if let Some(cookie) = stale_cookie(call, c, reg) {
        out.push_str(&format!(
            " The request's own Cookie header already held a newer refresh token ({cookie}): a stale in-memory copy was sent."
        ));
    }
    out
}

/// The refresh cookie of a refresh grant's request that holds another refresh token than its
/// form, issued before the call.
fn stale_cookie<'a>(call: &Call, c: &'a Carried, reg: &Registry) -> Option<&'a str> {
    let form = call.refresh_token?;
    c.refresh_cookies().find_map(|(name, value)| {
        let i = reg.refresh_token(value)?;
        let issued = reg.refresh.get(i)?.issued_in?;
        (i != form && issued < call.entry).then_some(name.as_str())
    })
}

/// How many entries of each other kind.
fn others(kinds: &[Kind]) -> Others {
    let mut by_kind: Vec<(&'static str, usize)> = OTHER_KINDS.iter().map(|k| (*k, 0)).collect();
    let mut total = 0;
    for k in kinds {
        if let Kind::Other(name) = k {
            total += 1;
            if let Some(slot) = by_kind.iter_mut().find(|(n, _)| n == name) {
                slot.1 += 1;
            }
        }
    }
    by_kind.retain(|(_, n)| *n > 0);
    Others { total, by_kind }
}

/// First and last `startedDateTime`.
fn span(har: &Har) -> Option<(i64, i64)> {
    let times = har.entries.iter().filter_map(|e| e.started_ms);
    let min = times.clone().min()?;
    Some((min, times.max()?))
}

/// A paste that is a whole HAR, read as a session (`None` when it is not one).
pub fn from_paste(text: &str) -> Option<Session> {
    let t = text.trim_start();
    if !looks_like_har(t) {
        return None;
    }
    let har = super::har::read(t.as_bytes()).ok()?;
    (!har.entries.is_empty()).then(|| read(har))
}

/// The text starts like a HAR (a JSON object with `log` and `entries`).
pub fn looks_like_har(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('{') && t.contains("\"entries\"") && t.contains("\"log\"")
}

/// Entries without a readable `startedDateTime` are placed at the time of the entry before
/// them (else the one after), and the page says so: judged at 1970, every token would look
/// not yet valid.
fn place_undated(har: &mut Har) {
    let mut placed = Vec::new();
    let mut last = har.entries.iter().find_map(|e| e.started_ms);
    for e in &mut har.entries {
        match e.started_ms {
            Some(t) => last = Some(t),
            None => {
                if let Some(t) = last {
                    e.started_ms = Some(t);
                    placed.push(e.index);
                }
            }
        }
    }
    if !placed.is_empty() {
        let list: Vec<String> = placed.iter().take(10).map(ToString::to_string).collect();
        har.problems.push(format!(
            "{} {} no readable startedDateTime ({}{}): each is placed at the time of the entry before it, so its time is approximate.",
            placed.len(),
            if placed.len() == 1 { "entry has" } else { "entries have" },
            list.join(", "),
            if placed.len() > 10 { ", …" } else { "" }
        ));
    }
}
