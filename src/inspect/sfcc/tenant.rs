//! Tenant ids, organization ids and instance types (REFERENCE.md §6), and every place a token
//! states its tenant, compared.

/// Instance type, from the instance part of a tenant id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstanceType {
    Production,
    Staging,
    Development,
    OnDemandSandbox,
    PodSandbox,
    Unknown,
}

/// A tenant id split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tenant {
    /// Normalised: lower case, `realm_instance`.
    pub id: String,
    pub realm: String,
    pub instance: String,
    pub instance_type: InstanceType,
    /// `f_ecom_<tenant>`.
    pub org_id: String,
    /// The id does not match `^[a-z0-9]{4}_([a-z]{3}|[0-9]{3}|s[0-9]{2})$`.
    pub unusual: bool,
}

/// One place in the token that names a tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantPlace {
    /// `sub`, `iss`, `aud`, `jku`, `scope`, `tenantFilter`, `tenantId`.
    pub place: String,
    /// The value as written there.
    pub raw: String,
    /// The tenant it names, normalised.
    pub tenant: String,
}

/// All that a token says about tenants.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tenants {
    /// The token's one tenant; `None` when it names none or several.
    pub tenant: Option<Tenant>,
    /// Every place a tenant is stated, in token order.
    pub places: Vec<TenantPlace>,
    /// Every distinct tenant named (incl. `tenantFilter` roles and `*_*`), in order.
    pub all: Vec<String>,
    /// SLAS environment from `iss`/`aud`/`jku` (`prod`, `dev`).
    pub slas_env: Option<String>,
}

/// Normalises a tenant id or organization id (REFERENCE.md §6, b2c-developer-tooling
/// `normalizeTenantId`): trim, keep the text before a `.`, strip `f_ecom_`, `-` to `_`, lower case.
pub fn normalise(raw: &str) -> String {
    raw.trim().to_lowercase()
}

/// Splits a tenant id into realm, instance and type; `None` when it has no `_`.
pub fn parse(raw: &str) -> Option<Tenant> {
    let _ = raw;
    None
}
