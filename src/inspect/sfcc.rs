//! SFCC interpretation of a decoded JWT: which kind of SFCC credential it is (with the evidence),
//! whose identity, tenant and site it carries, and its scopes classified (REFERENCE.md §1.3, §2–§7).
//!
//! Everything here reads the decoded header and payload only; nothing here knows about the UI.

pub mod grammar;
pub mod kind;
pub mod tenant;

use serde_json::{Map, Value};

pub use kind::{SfccKind, Variant};
pub use tenant::{InstanceType, Tenant, TenantPlace, Tenants};

use super::findings::Finding;
use super::scopes::GrantedScope;

/// Which family of APIs a token is meant for: decides the shopper/admin checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// A SLAS shopper token (or a legacy shopper token): Shopper APIs.
    Shopper,
    /// An Account Manager token: Admin APIs, OCAPI Data, SLAS Admin.
    Admin,
    /// Anything else (id_token, callback token, OCAPI Shop JWT, external IdP …): no SCAPI call.
    Other,
}

/// One row of the identity panel: a label, the value, and an optional note
/// ("blank: the token names no site").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityField {
    /// Stable id for tests and styling (`scid`, `usid`, `customer`, `login`, `site` …).
    pub id: &'static str,
    pub label: &'static str,
    pub value: String,
    pub note: Option<String>,
}

/// What SFCC makes of one decoded JWT.
#[derive(Debug, Clone, PartialEq)]
pub struct Sfcc {
    pub kind: SfccKind,
    pub variant: Option<Variant>,
    /// Why we think so, each a short phrase: "`sub` starts with `cc-slas::`".
    pub evidence: Vec<String>,
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
    pub usid: Option<String>,
    /// TAOB agent id (`isb` `agent:`).
    pub agent: Option<String>,
    /// `isb` `uidn` (unescaped) or `name`.
    pub display_name: Option<String>,
    /// AM `tenantFilter`, parsed: role → tenants, in token order.
    pub tenant_filter: Vec<(String, Vec<String>)>,
    /// AM `roles`.
    pub roles: Vec<String>,
    pub tenants: Tenants,
    /// Granted scopes (`scp` or `scope`, string or array), classified.
    pub scopes: Vec<GrantedScope>,
    /// SFCC findings that do not depend on the clock (tenant mismatch, blank site, scope problems …).
    pub findings: Vec<Finding>,
}

/// Interprets a decoded JWT. `header` is `None` when it did not decode.
pub fn analyse(header: Option<&Map<String, Value>>, payload: &Map<String, Value>) -> Sfcc {
    let _ = (header, payload);
    Sfcc {
        kind: SfccKind::GenericJwt,
        variant: None,
        evidence: Vec::new(),
        audience: Audience::Other,
        identity: Vec::new(),
        guest: None,
        site: None,
        site_raw: None,
        client_id: None,
        customer_id: None,
        usid: None,
        agent: None,
        display_name: None,
        tenant_filter: Vec::new(),
        roles: Vec::new(),
        tenants: Tenants::default(),
        scopes: Vec::new(),
        findings: Vec::new(),
    }
}
