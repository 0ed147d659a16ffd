//! SFCC interpretation of a decoded JWT: which kind of SFCC credential it is (with the evidence),
//! whose identity, tenant and site it carries, and its scopes classified (REFERENCE.md §1.3, §2–§7).
//!
//! Everything here reads the decoded header and payload only; nothing here knows about the UI.

//!
//! The claims are parsed once ([`parsed::SfccClaims`]); kind detection ([`kind::classify`]),
//! the identity answers ([`who`]), the tenants ([`tenant::read`]), the identity rows
//! ([`identity`]) and the findings ([`rules`]) all read that. What SFCC documents about each kind
//! (titles, lifetimes, roles, typical scopes) is data: [`data`].

pub mod data;
pub mod grammar;
pub mod identity;
pub mod kind;
pub mod parsed;
pub mod rules;
pub mod tenant;
pub mod who;

use serde_json::{Map, Value};

pub use kind::{SfccKind, Variant};
pub use parsed::{Claim, SfccClaims};
pub use tenant::{InstanceType, Tenant, TenantPlace, Tenants};

pub use super::catalog::Audience;
use super::findings::Finding;
use super::scopes::{self, GrantedScope};

/// One row of the identity panel: a label, the value, and an optional note
/// ("blank: the token names no site").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityField {
    /// Stable id for tests and styling (`scid`, `usid`, `customer`, `login`, `site` …).
    pub id: &'static str,
    /// What the row is: "SLAS client id (scid)".
    pub label: &'static str,
    /// The value as the token states it.
    pub value: String,
    /// Why the value matters or what it means, when worth saying.
    pub note: Option<String>,
}

/// What SFCC makes of one decoded JWT.
#[derive(Debug, Clone, PartialEq)]
pub struct Sfcc {
    /// Which kind of SFCC credential it is.
    pub kind: SfccKind,
    /// The SLAS flow or AM grant, when the kind has one.
    pub variant: Option<Variant>,
    /// Why we think so, each a short phrase: "`sub` starts with `cc-slas::`".
    pub evidence: Vec<String>,
    /// Which family of APIs the kind is meant for.
    pub audience: Audience,
    /// Identity panel rows, in display order.
    pub identity: Vec<IdentityField>,
    /// `true` guest, `false` registered, `None` not applicable.
    pub guest: Option<bool>,
    /// Site id (`chid`), trimmed; `None` when absent or blank.
    pub site: Option<String>,
    /// `chid` exactly as written, when present (even blank).
    pub site_raw: Option<String>,
    /// SLAS `scid` / AM `client_id` / OCAPI `iss` / id_token `aud` / IdP `cid`.
    pub client_id: Option<String>,
    /// `rcid` if registered else `gcid` (SLAS); `customer_id`/`customerId`/`rcustomerId` otherwise.
    pub customer_id: Option<String>,
    /// Unique shopper id: SLAS `sub` `usid:`, id_token `usid:<uuid>`, callback `usid`.
    pub usid: Option<String>,
    /// TAOB agent id (`isb` `agent:`).
    pub agent: Option<String>,
    /// `isb` `uidn` (unescaped) or `name`.
    pub display_name: Option<String>,
    /// AM `tenantFilter`, parsed: role → tenants, in token order.
    pub tenant_filter: Vec<(String, Vec<String>)>,
    /// AM `roles`.
    pub roles: Vec<String>,
    /// Every place the token states a tenant, and its one tenant.
    pub tenants: Tenants,
    /// Granted scopes (`scp` or `scope`, string or array), classified.
    pub scopes: Vec<GrantedScope>,
    /// SFCC findings that do not depend on the clock (tenant mismatch, blank site, scope problems …).
    pub findings: Vec<Finding>,
}

/// Interprets a decoded JWT. `header` is `None` when it did not decode.
pub fn analyse(header: Option<&Map<String, Value>>, payload: &Map<String, Value>) -> Sfcc {
    let claims = SfccClaims::parse(header, payload);
    let (kind, mut evidence) = kind::classify(&claims);
    let who = who::read(kind, &claims);
    evidence.extend(who.evidence);
    let site = who
        .site_raw
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    let mut s = Sfcc {
        kind,
        variant: who.variant,
        evidence,
        audience: kind.info().audience,
        identity: Vec::new(),
        guest: who.guest,
        site,
        site_raw: who.site_raw,
        client_id: who.client_id,
        customer_id: who.customer_id,
        usid: who.usid,
        agent: who.agent,
        display_name: who.display_name,
        tenant_filter: claims.tenant_filter.present().cloned().unwrap_or_default(),
        roles: who.roles,
        tenants: tenant::read(kind, &claims),
        scopes: claims.scopes.iter().map(|n| scopes::classify(n)).collect(),
        findings: Vec::new(),
    };
    s.identity = identity::rows(&s, &claims);
    s.findings = own_findings(&s, &claims);
    s
}

/// The SFCC findings of a reading: its own rules, then the scope findings for its audience.
fn own_findings(s: &Sfcc, claims: &SfccClaims) -> Vec<Finding> {
    let mut out = rules::findings(s, claims);
    out.extend(scopes::findings(&s.scopes, s.audience));
    out
}
