//! SFCC token knowledge as data: one row per token kind and flow variant (id, title,
//! explanation, audience, whether APIs accept it), the documented lifetimes, the Account Manager
//! roles that matter and the typical SLAS scope set. The rows live in `data/sfcc/*.json`, each
//! value beside its REFERENCE.md source; `build/sfcc_kinds.rs` turns them into the tables below.

use super::kind::{SfccKind, Variant};
use crate::inspect::catalog::Audience;

/// What a token kind is, for the report (data/sfcc/token-kinds.json).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindInfo {
    /// Stable id, as in INDEX.json: `slas-access`, `am-access`, `generic-jwt` …
    pub id: &'static str,
    /// Title shown at the top of the report.
    pub title: &'static str,
    /// One or two sentences: what it is for and which APIs accept it.
    pub explanation: &'static str,
    /// Which family of APIs the token is meant for.
    pub audience: Audience,
    /// Whether a Commerce API accepts it as a bearer token.
    pub bearer: Bearer,
}

/// Whether a Commerce API accepts a kind of token as its bearer token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bearer {
    /// A current API token (SLAS access, Account Manager).
    Current,
    /// A shape APIs accepted once and no longer do.
    Legacy,
    /// Never an API token; the title of the finding that says so.
    NotABearer(&'static str),
    /// Nothing is known (a generic JWT).
    Unknown,
}

/// A flow variant's id and label (data/sfcc/token-kinds.json).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VariantInfo {
    /// Id as in INDEX.json `expect.variant`: `guest`, `tsob`, `client-credentials` …
    pub id: &'static str,
    /// Human label: "trusted system on behalf (TSOB)".
    pub label: &'static str,
}

/// A documented lifetime (data/sfcc/lifetimes.json).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lifetime {
    /// Stable id: `slas-access`, `slas-access-taob`, `slas-refresh-guest` …
    pub id: &'static str,
    /// The JWT kind that lives this long (`None`: not a JWT, e.g. a refresh token).
    pub kind: Option<SfccKind>,
    /// Only tokens of this variant (TAOB lives 15 minutes).
    pub variant: Option<Variant>,
    /// `exp − iat`, in seconds.
    pub seconds: u64,
    /// In words: "15 minutes, no refresh token".
    pub label: &'static str,
}

/// An Account Manager role that matters (data/sfcc/am-roles.json, REFERENCE.md §4.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Role {
    /// The id in `roles` and `tenantFilter`: `SALESFORCE_COMMERCE_API`.
    pub id: &'static str,
    /// The name Account Manager shows: "Salesforce Commerce API".
    pub name: &'static str,
    /// What it unlocks.
    pub meaning: &'static str,
    /// Its `tenantFilter` tenants are the tenants the token may call Admin APIs for (§4.2).
    pub api_tenants: bool,
    /// The SLAS Admin spec lists it where scopes go (§7.3).
    pub slas_admin: bool,
}

include!(concat!(env!("OUT_DIR"), "/sfcc_kinds.rs"));

/// The expected `exp − iat` of a token of `kind` and `variant`: the variant's own row first,
/// then the kind's; `None` when no lifetime is documented.
pub fn expected_lifetime(kind: SfccKind, variant: Option<Variant>) -> Option<&'static Lifetime> {
    let of_kind = || LIFETIMES.iter().filter(move |l| l.kind == Some(kind));
    of_kind()
        .find(|l| l.variant.is_some() && l.variant == variant)
        .or_else(|| of_kind().find(|l| l.variant.is_none()))
}

/// The lifetime row `id` (`slas-refresh-guest` …).
pub fn lifetime(id: &str) -> Option<&'static Lifetime> {
    LIFETIMES.iter().find(|l| l.id == id)
}

/// The role row `id`, when it is a role that matters.
pub fn role(id: &str) -> Option<&'static Role> {
    ROLES.iter().find(|r| r.id == id)
}
