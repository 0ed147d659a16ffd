//! The SFCC knowledge tables, generated at build time from `data/sfcc/scope-catalog.json` and
//! `data/sfcc/endpoints.json` (copies of ../shared/sfcc; see `build.rs`).

/// One scope of the catalog (scope-catalog.json; fields as documented in ../shared/sfcc/README.md).
#[derive(Debug, PartialEq, Eq)]
pub struct ScopeEntry {
    /// The scope name as written; patterns use braces (`c_{custom_scope}`).
    pub scope: &'static str,
    /// `shopper`, `admin`, `tenant`, `oidc` or `custom`.
    pub kind: &'static str,
    /// A `.rw` form exists.
    pub read_write_variant: bool,
    /// The read-only form (no `.rw`) exists.
    pub read_only_variant: bool,
    pub apis: &'static [&'static str],
    /// `documented`, `new`, `legacy`, `doubtful`, `tooling-only` or `pattern`.
    pub status: &'static str,
    /// Only `sfcc.shopper-standard`: the scopes it stands for.
    pub members: &'static [&'static str],
    /// Legacy spellings and typos: the current name.
    pub alias_of: Option<&'static str>,
}

/// The query parameter an operation takes the site from.
#[derive(Debug, PartialEq, Eq)]
pub struct SiteParam {
    /// `siteId` (SCAPI) or `channel_id` (SLAS).
    pub name: &'static str,
    pub required: bool,
}

/// One Commerce API operation (endpoints.json).
#[derive(Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub api: &'static str,
    /// `/checkout/shopper-baskets/v2`.
    pub base_path: &'static str,
    pub method: &'static str,
    /// Path template under `base_path`: `/organizations/{organizationId}/baskets/{basketId}`.
    pub path: &'static str,
    pub operation_id: &'static str,
    /// `shopper`, `admin`, `either` or `none`.
    pub token: &'static str,
    /// Security schemes: `ShopperToken`, `ShopperTokenTsob`, `ShopperTokenTaob`, `AmOAuth2`, `BearerToken`.
    pub schemes: &'static [&'static str],
    /// Any one of these suffices (a `.rw` also covers its read-only form).
    pub scopes_any_of: &'static [&'static str],
    pub site_param: Option<SiteParam>,
}

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

include!(concat!(env!("OUT_DIR"), "/sfcc_data.rs"));

/// The catalog entry for exactly this scope name.
pub fn scope(name: &str) -> Option<&'static ScopeEntry> {
    SCOPES.iter().find(|e| e.scope == name)
}
