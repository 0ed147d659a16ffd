//! Tenant ids, organization ids and instance types (REFERENCE.md §6), and every place a token
//! states its tenant, compared.

use super::data;
use super::grammar;
use super::kind::SfccKind;
use super::parsed::SfccClaims;

/// Instance type, from the instance part of a tenant id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstanceType {
    /// `prd`.
    Production,
    /// `stg`.
    Staging,
    /// `dev`.
    Development,
    /// Three digits: `001`.
    OnDemandSandbox,
    /// `s` and two digits: `s05`.
    PodSandbox,
    /// Any other instance id.
    Unknown,
}

impl InstanceType {
    /// How people call it: "production", "on-demand sandbox" …
    pub fn label(self) -> &'static str {
        match self {
            InstanceType::Production => "production",
            InstanceType::Staging => "staging",
            InstanceType::Development => "development",
            InstanceType::OnDemandSandbox => "on-demand sandbox",
            InstanceType::PodSandbox => "POD sandbox",
            InstanceType::Unknown => "unknown",
        }
    }

    /// The type of instance id `instance` (`prd`, `stg`, `dev`, `001`, `s05`).
    pub fn of(instance: &str) -> InstanceType {
        let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        match instance {
            "prd" => InstanceType::Production,
            "stg" => InstanceType::Staging,
            "dev" => InstanceType::Development,
            i if i.len() == 3 && digits(i) => InstanceType::OnDemandSandbox,
            i if i.len() == 3 && i.starts_with('s') && digits(&i[1..]) => InstanceType::PodSandbox,
            _ => InstanceType::Unknown,
        }
    }
}

/// A tenant id split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tenant {
    /// Normalised: lower case, `realm_instance`.
    pub id: String,
    /// The part before `_`.
    pub realm: String,
    /// The part after `_`.
    pub instance: String,
    /// What the instance part says about the instance.
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
    let text = raw.trim();
    let text = text.split('.').next().unwrap_or(text).to_ascii_lowercase();
    let text = text.strip_prefix("f_ecom_").unwrap_or(&text);
    text.replace('-', "_")
}

/// Splits a tenant id into realm, instance and type; `None` when it has no `_` or is `*_*`.
pub fn parse(raw: &str) -> Option<Tenant> {
    let id = normalise(raw);
    let (realm, instance) = id.split_once('_')?;
    if realm.is_empty() || instance.is_empty() || id.contains('*') {
        return None;
    }
    let instance_type = InstanceType::of(instance);
    let unusual = !strict_shape(realm, instance);
    Some(Tenant {
        org_id: format!("f_ecom_{id}"),
        realm: realm.to_string(),
        instance: instance.to_string(),
        instance_type,
        unusual,
        id: id.clone(),
    })
}

/// `^[a-z0-9]{4}_([a-z]{3}|[0-9]{3}|s[0-9]{2})$` on the parts of a normalised id (REFERENCE.md §6;
/// inferred, so a miss is only reported as "unusual").
fn strict_shape(realm: &str, instance: &str) -> bool {
    let all = |s: &str, f: fn(&u8) -> bool| s.bytes().all(|b| f(&b));
    let realm_ok = realm.len() == 4 && all(realm, |b| b.is_ascii_lowercase() || b.is_ascii_digit());
    let instance_ok = instance.len() == 3
        && (all(instance, u8::is_ascii_lowercase)
            || all(instance, u8::is_ascii_digit)
            || instance
                .strip_prefix('s')
                .is_some_and(|d| all(d, u8::is_ascii_digit)));
    realm_ok && instance_ok
}

impl Tenants {
    /// Records that `place` states tenant `raw` (as written in `written`).
    pub fn add(&mut self, place: &str, written: &str, raw: &str) {
        let tenant = normalise(raw);
        if tenant.is_empty() {
            return;
        }
        self.note(&tenant);
        self.places.push(TenantPlace {
            place: place.to_string(),
            raw: written.to_string(),
            tenant,
        });
    }

    /// Adds a tenant to [`Tenants::all`] without a place (e.g. a non-API role in `tenantFilter`).
    pub fn note(&mut self, tenant: &str) {
        let tenant = normalise(tenant);
        if !tenant.is_empty() && !self.all.contains(&tenant) {
            self.all.push(tenant);
        }
    }

    /// Places whose tenant differs from `reference`'s.
    pub fn disagreeing(&self) -> Option<(&TenantPlace, &TenantPlace)> {
        let first = self.places.first()?;
        self.places
            .iter()
            .find(|p| p.tenant != first.tenant)
            .map(|p| (first, p))
    }
}

/// The prefix of a tenant scope, `SALESFORCE_COMMERCE_API:<tenant>` (REFERENCE.md §7.1).
const TENANT_SCOPE: &str = "SALESFORCE_COMMERCE_API:";

/// Whether a tenant read from an `…/<env>/<tenant>` path is a real tenant id (the `dwsgst`
/// `iss` `commercecloud/production/zztes05` and the 2021 `iss` are not).
fn tenant_like(t: &str) -> bool {
    let n = normalise(t);
    n.matches('_').count() == 1 && parse(&n).is_some()
}

/// Every place the claims of a `kind` token state a tenant, in token order (`sub`, `iss`, `aud`,
/// `jku`, tenant scopes, `tenantFilter`, `tenantId`), and its one tenant: for an AM token the only
/// tenant it names, otherwise the first place's (REFERENCE.md §2.3, §4.2, §6).
pub fn read(kind: SfccKind, c: &SfccClaims) -> Tenants {
    let mut t = Tenants::default();
    if let Some(tenant) = c.slas_sub().and_then(|s| s.tenant.as_deref()) {
        t.add("sub", c.sub_text(), tenant);
    }
    for (place, value) in [("iss", c.iss), ("aud", c.aud), ("jku", c.jku)] {
        let Some(value) = value else { continue };
        let Some((env, tenant)) = grammar::slas_path(value) else {
            continue;
        };
        if value.starts_with("core/") || !tenant_like(&tenant) {
            continue;
        }
        if value.starts_with("slas/") {
            t.slas_env.get_or_insert(env);
        }
        t.add(place, value, &tenant);
    }
    for name in &c.scopes {
        if let Some(tenant) = name.strip_prefix(TENANT_SCOPE) {
            t.add("scope", name, tenant);
        }
    }
    for (role, tenants) in c.tenant_filter.present().into_iter().flatten() {
        let api = data::role(role).is_some_and(|r| r.api_tenants);
        for tenant in tenants {
            if api {
                t.add("tenantFilter", &format!("{role}:{tenant}"), tenant);
            } else {
                t.note(tenant);
            }
        }
    }
    if let Some(id) = c.text("tenantId") {
        t.add("tenantId", id, id);
    }
    t.tenant = if kind == SfccKind::AmAccess {
        match t.all.as_slice() {
            [only] => parse(only),
            _ => None,
        }
    } else {
        t.places.first().and_then(|p| parse(&p.tenant))
    };
    t
}
