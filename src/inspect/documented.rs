//! The documented error answers of the SFCC APIs (`data/sfcc/errors.json`, a copy of
//! ../shared/sfcc/errors.json, with ERRORS.md beside it there): how to recognise each, what it
//! means, its likely causes and which of the inspector's checks confirm or rule them out.
//! `build.rs` generates the table; the closed vocabularies are the enums below.

/// Which API (or which layer in front of it) answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// The Commerce API (SCAPI), problem details.
    Scapi,
    /// SLAS, Shopper Login: OAuth 2 errors.
    Slas,
    /// The SLAS Admin API.
    SlasAdmin,
    /// OCAPI: `fault` objects.
    Ocapi,
    /// Account Manager: its token endpoint and REST APIs.
    Am,
    /// A custom API (`/custom/{apiName}/…`).
    CustomApi,
    /// A CDN, the eCDN, Managed Runtime or the PWA Kit proxy in front of the API.
    Edge,
}

impl Family {
    /// How the page names the family.
    pub fn name(self) -> &'static str {
        match self {
            Family::Scapi => "Commerce API (SCAPI)",
            Family::Slas => "SLAS (Shopper Login)",
            Family::SlasAdmin => "SLAS Admin API",
            Family::Ocapi => "OCAPI",
            Family::Am => "Account Manager",
            Family::CustomApi => "Custom API",
            Family::Edge => "edge (CDN, Managed Runtime or proxy)",
        }
    }
}

/// One key of an entry's `match` (ERRORS.md §3): all of an entry's keys must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKey {
    /// The text after the last `/` of `type` equals the value.
    TypeSuffix,
    /// `detail` contains the value.
    DetailContains,
    /// `message` or `fault.message` contains the value.
    MessageContains,
    /// The raw body contains the value.
    BodyContains,
    /// The OAuth `error` equals the value.
    Error,
    /// `error_description` contains the value.
    ErrorDescriptionContains,
    /// The OCAPI `fault.type` equals the value.
    FaultType,
    /// The Account Manager REST `code` (or `errors[].code`) equals the value.
    Code,
    /// The `WWW-Authenticate` header contains the value.
    WwwAuthenticateContains,
    /// The answer has this header.
    HeaderPresent,
    /// The `Content-Type` header contains the value.
    ContentTypeContains,
    /// The failing request's URL contains the value.
    UrlContains,
    /// The failing request's URL contains one of the values (one pair per value).
    UrlContainsAny,
}

impl MatchKey {
    /// Keys about the request's URL: skipped (and the family called a guess) without one.
    pub fn is_url(self) -> bool {
        matches!(self, MatchKey::UrlContains | MatchKey::UrlContainsAny)
    }
}

/// One of the inspector's checks that confirms or rules out a cause (`token_checks`; `none`,
/// "the token cannot tell", is an empty list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenCheck {
    /// `exp` is before the call.
    Expired,
    /// `nbf` (or `iat`) is after the call.
    NotYetValid,
    /// Not the kind of token the API takes.
    WrongTokenKind,
    /// The signature does not verify.
    Signature,
    /// The token is for another tenant than the URL.
    TenantMismatch,
    /// The token lacks the scope the operation needs.
    ScopeMissing,
    /// The token has only the read-only form of the scope.
    ScopeReadOnly,
    /// An Account Manager token without `SALESFORCE_COMMERCE_API:<tenant>`.
    AmTenantScopeMissing,
    /// The token is for another site than the request.
    SiteMismatch,
    /// The URL names another customer than the token's.
    CustomerMismatch,
}

impl TokenCheck {
    /// The JSON spelling, also `data-check` on the page.
    pub fn id(self) -> &'static str {
        match self {
            TokenCheck::Expired => "expired",
            TokenCheck::NotYetValid => "not-yet-valid",
            TokenCheck::WrongTokenKind => "wrong-token-kind",
            TokenCheck::Signature => "signature",
            TokenCheck::TenantMismatch => "tenant-mismatch",
            TokenCheck::ScopeMissing => "scope-missing",
            TokenCheck::ScopeReadOnly => "scope-read-only",
            TokenCheck::AmTenantScopeMissing => "am-tenant-scope-missing",
            TokenCheck::SiteMismatch => "site-mismatch",
            TokenCheck::CustomerMismatch => "customer-mismatch",
        }
    }
}

/// How sure the catalogue is of an entry's published shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// Published in a spec or the documentation.
    Doc,
    /// Seen in Salesforce's own code.
    Code,
    /// Observed in a real answer.
    Obs,
    /// Our reading.
    Inferred,
    /// From SFCC tooling only (illustrative).
    Tool,
}

impl Label {
    /// The tag shown: `doc`, `code`, `obs`, `inferred`, `tool`.
    pub fn id(self) -> &'static str {
        match self {
            Label::Doc => "doc",
            Label::Code => "code",
            Label::Obs => "obs",
            Label::Inferred => "inferred",
            Label::Tool => "tool",
        }
    }
}

/// One documented error answer.
#[derive(Debug, PartialEq, Eq)]
pub struct ErrorEntry {
    /// Stable id (`scapi-unauthorized-credentials-changed`).
    pub id: &'static str,
    /// Who answers this way.
    pub family: Family,
    /// The status it comes with, `None` when not published.
    pub status: Option<u16>,
    /// Other statuses seen with the same body.
    pub other_statuses: &'static [u16],
    /// How to recognise it: every key must hold (`UrlContainsAny` pairs: one of them).
    pub keys: &'static [(MatchKey, &'static str)],
    /// Its title (`Unauthorized`).
    pub title: &'static str,
    /// What it means.
    pub meaning: &'static str,
    /// Its likely causes, most likely first, each tagged with its source (`[doc]`, `[inferred]`).
    pub causes: &'static [&'static str],
    /// The checks that confirm or rule out its causes; empty when the token cannot tell.
    pub checks: &'static [TokenCheck],
    /// How sure the published shape is.
    pub label: Label,
}

impl ErrorEntry {
    /// The entry comes with `status` (any status when it publishes none).
    pub fn fits_status(&self, status: u16) -> bool {
        self.status.is_none_or(|s| s == status) || self.other_statuses.contains(&status)
    }
}

include!(concat!(env!("OUT_DIR"), "/sfcc_errors.rs"));

/// The entry with this id.
pub fn entry(id: &str) -> Option<&'static ErrorEntry> {
    ERRORS.iter().find(|e| e.id == id)
}
