//! The SFCC knowledge tables, generated at build time from `data/sfcc/scope-catalog.json` and
//! `data/sfcc/endpoints.json` (copies of ../shared/sfcc; see `build.rs`). The closed
//! vocabularies of the JSON (scope kind and status, token audience, auth schemes) are enums here:
//! the build fails on a value they do not know, and no code compares catalog strings.

/// What a catalog scope is for (`kind` in scope-catalog.json).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    /// `sfcc.shopper-…` and the SLAS client scopes: Shopper APIs.
    Shopper,
    /// `sfcc.orders`, `sfcc.catalogs` …: Admin APIs, with an Account Manager token.
    Admin,
    /// `SALESFORCE_COMMERCE_API:{tenant}`.
    Tenant,
    /// `openid`, `profile`, `roles` … (Account Manager user information).
    Oidc,
    /// `c_…` custom API scopes.
    Custom,
}

impl ScopeKind {
    /// The JSON spelling: `shopper`, `admin`, `tenant`, `oidc`, `custom`.
    pub fn id(self) -> &'static str {
        match self {
            ScopeKind::Shopper => "shopper",
            ScopeKind::Admin => "admin",
            ScopeKind::Tenant => "tenant",
            ScopeKind::Oidc => "oidc",
            ScopeKind::Custom => "custom",
        }
    }
}

/// How sure the catalog is of a scope (`status` in scope-catalog.json; ../shared/sfcc/README.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeStatus {
    /// In the published specs and docs.
    Documented,
    /// A new API whose spec is not published yet.
    New,
    /// An old spelling or a typo no current operation accepts.
    Legacy,
    /// Only in a staging or early spec: probably never released.
    Doubtful,
    /// Used only by SFCC tooling (sfcc-ci, b2c-developer-tooling).
    ToolingOnly,
    /// A pattern with a placeholder (`c_{custom_scope}`), not one name.
    Pattern,
}

impl ScopeStatus {
    /// The JSON spelling, also the tag shown: `documented`, `new`, `legacy`, `doubtful`,
    /// `tooling-only`, `pattern`.
    pub fn id(self) -> &'static str {
        match self {
            ScopeStatus::Documented => "documented",
            ScopeStatus::New => "new",
            ScopeStatus::Legacy => "legacy",
            ScopeStatus::Doubtful => "doubtful",
            ScopeStatus::ToolingOnly => "tooling-only",
            ScopeStatus::Pattern => "pattern",
        }
    }

    /// A current name to offer (documented or new): suggestions and presets use only these.
    pub fn is_current(self) -> bool {
        matches!(self, ScopeStatus::Documented | ScopeStatus::New)
    }
}

/// One scope of the catalog (scope-catalog.json; fields as documented in ../shared/sfcc/README.md).
#[derive(Debug, PartialEq, Eq)]
pub struct ScopeEntry {
    /// The scope name as written; patterns use braces (`c_{custom_scope}`).
    pub scope: &'static str,
    /// What the scope is for.
    pub kind: ScopeKind,
    /// A `.rw` form exists.
    pub read_write_variant: bool,
    /// The read-only form (no `.rw`) exists.
    pub read_only_variant: bool,
    /// The APIs whose operations accept it ("Shopper Baskets", …).
    pub apis: &'static [&'static str],
    /// How sure the catalog is of it.
    pub status: ScopeStatus,
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
    /// The operation fails without it.
    pub required: bool,
}

/// Which token an operation takes (`token` in endpoints.json).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenAudience {
    /// A SLAS shopper token.
    Shopper,
    /// An Account Manager token.
    Admin,
    /// Either kind.
    Either,
    /// No bearer token: the SLAS client authenticates itself (`none` in the JSON).
    NoToken,
}

impl TokenAudience {
    /// The JSON spelling: `shopper`, `admin`, `either`, `none`.
    pub fn id(self) -> &'static str {
        match self {
            TokenAudience::Shopper => "shopper",
            TokenAudience::Admin => "admin",
            TokenAudience::Either => "either",
            TokenAudience::NoToken => "none",
        }
    }
}

/// A security scheme of the operation's spec (`schemes` in endpoints.json).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthScheme {
    /// A SLAS shopper token (guest or registered).
    ShopperToken,
    /// A SLAS trusted-system-on-behalf (TSOB) token.
    ShopperTokenTsob,
    /// A SLAS trusted-agent-on-behalf (TAOB) token.
    ShopperTokenTaob,
    /// An Account Manager OAuth 2 token.
    AmOAuth2,
    /// Any bearer token (the SLAS Admin API: an Account Manager token).
    BearerToken,
}

impl AuthScheme {
    /// The spec's scheme name: `ShopperToken`, `ShopperTokenTsob`, `ShopperTokenTaob`,
    /// `AmOAuth2`, `BearerToken`.
    pub fn id(self) -> &'static str {
        match self {
            AuthScheme::ShopperToken => "ShopperToken",
            AuthScheme::ShopperTokenTsob => "ShopperTokenTsob",
            AuthScheme::ShopperTokenTaob => "ShopperTokenTaob",
            AuthScheme::AmOAuth2 => "AmOAuth2",
            AuthScheme::BearerToken => "BearerToken",
        }
    }
}

/// The family an operation's API belongs to (`api_type` in endpoints.json, with the two SLAS
/// APIs apart: their tenant and authentication rules differ).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiFamily {
    /// A Shopper API (SCAPI), except SLAS.
    Shopper,
    /// SLAS, the Shopper Login API (`/shopper/auth/v1`).
    ShopperLogin,
    /// An Admin API (SCAPI), except SLAS Admin.
    Admin,
    /// The SLAS Admin API (`/shopper/auth-admin/v1`): tenant ids, Account Manager roles.
    SlasAdmin,
}

impl ApiFamily {
    /// `shopper`, `shopper-login`, `admin`, `slas-admin`.
    pub fn id(self) -> &'static str {
        match self {
            ApiFamily::Shopper => "shopper",
            ApiFamily::ShopperLogin => "shopper-login",
            ApiFamily::Admin => "admin",
            ApiFamily::SlasAdmin => "slas-admin",
        }
    }
}

/// One Commerce API operation (endpoints.json).
#[derive(Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// The API's name: "Shopper Baskets".
    pub api: &'static str,
    /// The API's family.
    pub family: ApiFamily,
    /// `/checkout/shopper-baskets/v2`.
    pub base_path: &'static str,
    /// `GET`, `PATCH` …
    pub method: &'static str,
    /// Path template under `base_path`: `/organizations/{organizationId}/baskets/{basketId}`.
    pub path: &'static str,
    /// `updateBasket`.
    pub operation_id: &'static str,
    /// Which token the operation takes.
    pub token: TokenAudience,
    /// The spec's security schemes.
    pub schemes: &'static [AuthScheme],
    /// Any one of these suffices (a `.rw` also covers its read-only form).
    pub scopes_any_of: &'static [&'static str],
    /// Where the site comes from, when the operation takes one.
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
