//! A whole session at once: a HAR read into every SFCC call in time order, every token and
//! refresh token with where it was issued and used, each call checked and judged at the time
//! it was made, and the findings that only a session shows (a refresh token redeemed twice, a
//! 401 after expiry, a scope set that changed between two tokens, usid continuity, a sanitized
//! export).
//!
//! [`read`] composes it once from a [`Har`]; the page shows it and, when the engineer selects a
//! call, fills the inspector with [`Session::inspect`]: the call's token, its request and its
//! answer, judged at the call's `startedDateTime`.

use std::rc::Rc;

use super::credential::Credential;
use super::findings::Severity;
use super::har::Har;

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
    /// Where the request carried it (`Authorization: Bearer`, `cookies cc-at + cc-at_2`).
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
    /// The answer: status line, headers, body.
    pub answer: String,
    /// The call's time, in seconds: the instant it is judged at.
    pub at: i64,
}

impl Session {
    /// The inspector's inputs for call `i` (an index into [`Session::calls`]).
    pub fn inspect(&self, i: usize) -> Option<CallEvidence> {
        let _ = i;
        None
    }
}

/// Composes the session from a HAR read.
pub fn read(har: Har) -> Session {
    Session {
        har: Rc::new(har),
        calls: Vec::new(),
        others: Others::default(),
        tokens: Vec::new(),
        refresh_tokens: Vec::new(),
        findings: Vec::new(),
        sanitized: false,
        span: None,
    }
}

/// A paste that is a whole HAR, read as a session (`None` when it is not one).
pub fn from_paste(text: &str) -> Option<Session> {
    let t = text.trim_start();
    if !t.starts_with('{') || !t.contains("\"entries\"") || !t.contains("\"log\"") {
        return None;
    }
    let har = super::har::read(t.as_bytes()).ok()?;
    (!har.entries.is_empty()).then(|| read(har))
}
