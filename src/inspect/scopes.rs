//! Granted scopes (`scp`/`scope`, string or array), classified against the scope catalog
//! (REFERENCE.md §7), and the findings about them.

use serde_json::{Map, Value};

use super::findings::Finding;
use super::sfcc::Audience;

/// What kind of scope a name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeClass {
    /// `sfcc.shopper-…` and the SLAS-only client scopes: Shopper APIs.
    Shopper,
    /// `sfcc.orders`, `sfcc.catalogs` …: Admin APIs (Account Manager tokens).
    Admin,
    /// `SALESFORCE_COMMERCE_API:<tenant>`.
    Tenant,
    /// `openid`, `profile`, `mail`, `roles`, `tenantFilter`, `offline_access`, `email`.
    Oidc,
    /// `c_…` custom API scopes.
    Custom,
    /// An AM role listed where scopes go (`SLAS_ORGANIZATION_ADMIN`).
    Role,
    /// A hook name such as `sfcc.app.shipping.calculate`, not a scope.
    Hook,
    Unknown,
}

impl ScopeClass {
    /// Lower-case id, also the CSS class: `shopper`, `admin`, `tenant`, `oidc`, `custom`, `role`, `hook`, `unknown`.
    pub fn id(self) -> &'static str {
        match self {
            ScopeClass::Shopper => "shopper",
            ScopeClass::Admin => "admin",
            ScopeClass::Tenant => "tenant",
            ScopeClass::Oidc => "oidc",
            ScopeClass::Custom => "custom",
            ScopeClass::Role => "role",
            ScopeClass::Hook => "hook",
            ScopeClass::Unknown => "unknown",
        }
    }
}

/// Read-only, read-write, or neither (OIDC, tenant, roles).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    ReadWrite,
    NotApplicable,
}

/// One granted scope, classified.
#[derive(Debug, Clone, PartialEq)]
pub struct GrantedScope {
    /// As written in the token.
    pub name: String,
    pub class: ScopeClass,
    pub access: Access,
    /// What it grants, in words: "Shopper Baskets, Shopper Orders, Shopper Payments — read and write".
    pub grants: String,
    /// Catalog status (`documented`, `legacy` …) or `unknown`.
    pub status: &'static str,
    /// The current name, for legacy spellings and typos.
    pub replacement: Option<&'static str>,
    /// Invisible or look-alike characters in the name (zero-width space …), described.
    pub hidden_chars: Vec<String>,
}

/// The scope names of a payload, in token order: `scp` or `scope`, a space-separated string or
/// an array of strings.
pub fn names(payload: &Map<String, Value>) -> Vec<String> {
    let _ = payload;
    Vec::new()
}

/// Classifies one scope name against the catalog.
pub fn classify(name: &str) -> GrantedScope {
    GrantedScope {
        name: name.to_string(),
        class: ScopeClass::Unknown,
        access: Access::NotApplicable,
        grants: String::new(),
        status: "unknown",
        replacement: None,
        hidden_chars: Vec::new(),
    }
}

/// Findings about a token's scopes: admin scopes in a SLAS token, shopper scopes in an AM token,
/// read-only scopes made redundant by their `.rw`, legacy/typo names, unknown `sfcc.*` names
/// (with suggestions), hidden characters, and an AM token without `SALESFORCE_COMMERCE_API:<tenant>`.
pub fn findings(scopes: &[GrantedScope], audience: Audience) -> Vec<Finding> {
    let _ = (scopes, audience);
    Vec::new()
}

/// Up to three catalog names nearest to `name` (edit distance), best first.
pub fn suggestions(name: &str) -> Vec<&'static str> {
    let _ = name;
    Vec::new()
}
