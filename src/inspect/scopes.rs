//! Granted scopes (`scp`/`scope`, string or array), classified against the scope catalog
//! (REFERENCE.md §7), and the findings about them.

use serde_json::{Map, Value};

use super::catalog::Audience;
use super::catalog::{self, ScopeEntry, ScopeKind, ScopeStatus};
use super::findings::{Finding, Severity};

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
    /// Not in the catalog and matching no known pattern.
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
    /// The read-only form of a shopper or admin scope.
    Read,
    /// The `.rw` form: read and write.
    ReadWrite,
    /// Not an API scope (OIDC, tenant, role, hook, unknown).
    NotApplicable,
}

/// One granted scope, classified.
#[derive(Debug, Clone, PartialEq)]
pub struct GrantedScope {
    /// As written in the token.
    pub name: String,
    /// What kind of scope it is.
    pub class: ScopeClass,
    /// Read, read-write or neither.
    pub access: Access,
    /// What it grants, in words: "Shopper Baskets, Shopper Orders, Shopper Payments — read and write".
    pub grants: String,
    /// Catalog status (documented, legacy …); `None` for a name the catalog does not know.
    pub status: Option<ScopeStatus>,
    /// The current name, for legacy spellings and typos.
    pub replacement: Option<&'static str>,
    /// Invisible or look-alike characters in the name (zero-width space …), described.
    pub hidden_chars: Vec<String>,
}

/// The scope names of a payload, in token order: `scp` or `scope`, a space-separated string or
/// an array of strings.
pub fn names(payload: &Map<String, Value>) -> Vec<String> {
    match payload.get("scp").or_else(|| payload.get("scope")) {
        Some(Value::String(s)) => s.split_whitespace().map(str::to_string).collect(),
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// OIDC-style scopes, compared case-insensitively (Account Manager writes `openId`).
const OIDC: &[&str] = &[
    "openid",
    "profile",
    "mail",
    "roles",
    "tenantfilter",
    "offline_access",
    "email",
];

/// A hook name from the specs' `x-extensionPoints` or an sfcc-ci API name, not a scope
/// (REFERENCE.md §7.4 heuristic).
fn is_hook(name: &str) -> bool {
    let last = name.rsplit('.').next().unwrap_or("");
    name.starts_with("sfcc.app.")
        || name.starts_with("dw.")
        || name.contains(".v1.")
        || name.contains(".v2.")
        || last.starts_with("before")
        || last.starts_with("after")
        || (last.starts_with("modify") && last.ends_with("Response"))
}

/// Characters that make a scope name look right but never match.
fn hidden_chars(name: &str) -> Vec<String> {
    name.chars()
        .enumerate()
        // Scope names are printable ASCII: anything else is invisible, a look-alike or a control.
        .filter(|(_, c)| !c.is_ascii_graphic())
        .map(|(i, c)| {
            format!(
                "U+{:04X} {} at position {}",
                c as u32,
                super::text::char_kind(c),
                i + 1
            )
        })
        .collect()
}

fn grants_of(entry: &ScopeEntry, access: Access) -> String {
    let apis = if entry.apis.is_empty() {
        "no current API".to_string()
    } else {
        entry.apis.join(", ")
    };
    if !entry.members.is_empty() {
        return format!(
            "stands for {} shopper scopes, on the operations whose spec lists it ({apis} …)",
            entry.members.len()
        );
    }
    match access {
        Access::Read => format!("{apis} — read only"),
        Access::ReadWrite => format!("{apis} — read and write"),
        Access::NotApplicable => apis,
    }
}

fn class_of(kind: ScopeKind) -> ScopeClass {
    match kind {
        ScopeKind::Shopper => ScopeClass::Shopper,
        ScopeKind::Admin => ScopeClass::Admin,
        ScopeKind::Tenant => ScopeClass::Tenant,
        ScopeKind::Oidc => ScopeClass::Oidc,
        ScopeKind::Custom => ScopeClass::Custom,
    }
}

/// Classifies one scope name against the catalog.
pub fn classify(name: &str) -> GrantedScope {
    let mut g = GrantedScope {
        name: name.to_string(),
        class: ScopeClass::Unknown,
        access: Access::NotApplicable,
        grants: String::new(),
        status: None,
        replacement: None,
        hidden_chars: hidden_chars(name),
    };
    let (base, rw) = match name.strip_suffix(".rw") {
        Some(base) => (base, true),
        None => (name, false),
    };
    let entry = catalog::scope(name)
        .or_else(|| catalog::scope(base).filter(|e| rw && e.read_write_variant));
    if let Some(e) = entry {
        g.class = if matches!(e.scope, "SLAS_ORGANIZATION_ADMIN" | "SLAS_SERVICE_ADMIN") {
            ScopeClass::Role
        } else {
            class_of(e.kind)
        };
        g.access = match g.class {
            ScopeClass::Shopper | ScopeClass::Admin if rw => Access::ReadWrite,
            ScopeClass::Shopper | ScopeClass::Admin => Access::Read,
            _ => Access::NotApplicable,
        };
        g.grants = if g.class == ScopeClass::Role {
            "an Account Manager role, not a scope: SLAS Admin checks it on the token".into()
        } else {
            grants_of(e, g.access)
        };
        g.status = Some(e.status);
        g.replacement = e.alias_of;
        return g;
    }
    if let Some(t) = name.strip_prefix("SALESFORCE_COMMERCE_API:") {
        g.class = ScopeClass::Tenant;
        g.grants = format!("all SCAPI Admin APIs for tenant {t}, with the API's own scope");
        g.status = Some(ScopeStatus::Documented);
    } else if name.starts_with("c_") {
        g.class = ScopeClass::Custom;
        g.grants = "a custom API scope".into();
        g.status = Some(ScopeStatus::Pattern);
    } else if let Some(object) = base.strip_prefix("sfcc.shopper-custom-objects.") {
        g.class = ScopeClass::Shopper;
        g.access = Access::Read;
        g.grants = format!("Shopper Custom Objects of type {object} — read only");
        g.status = Some(ScopeStatus::Pattern);
    } else if OIDC.contains(&name.to_ascii_lowercase().as_str()) {
        g.class = ScopeClass::Oidc;
        g.grants = "OpenID Connect / Account Manager user information".into();
        g.status = Some(ScopeStatus::Documented);
    } else if is_hook(name) {
        g.class = ScopeClass::Hook;
        g.grants = "nothing: this is a hook or API name, not a scope".into();
    } else if rw {
        g.access = Access::ReadWrite;
    }
    g
}

/// Whether granted scope `granted` satisfies wanted scope `wanted`: the same name, or the `.rw`
/// form of it (REFERENCE.md §7.1). Legacy spellings do not satisfy their current names: the
/// APIs compare exact strings.
pub fn covers(granted: &str, wanted: &str) -> bool {
    granted == wanted || granted.strip_suffix(".rw") == Some(wanted)
}

fn list(names: &[&str]) -> String {
    names.join(", ")
}

/// Findings about a token's scopes: admin scopes in a SLAS token, shopper scopes in an AM token,
/// read-only scopes made redundant by their `.rw`, legacy/typo names, unknown `sfcc.*` names
/// (with suggestions), hidden characters, and an AM token without `SALESFORCE_COMMERCE_API:<tenant>`.
pub fn findings(scopes: &[GrantedScope], audience: Audience) -> Vec<Finding> {
    let mut out: Vec<Finding> = hidden_characters(scopes).collect();
    out.extend(
        [
            admin_scopes_in_shopper_token(scopes, audience),
            shopper_scopes_in_am_token(scopes, audience),
            am_without_tenant_scope(scopes, audience),
            redundant_read_scopes(scopes),
            legacy_scopes(scopes),
            unknown_scopes(scopes),
            hook_names(scopes),
        ]
        .into_iter()
        .flatten(),
    );
    out
}

/// The names of the scopes that `pred` picks, in token order.
fn named(scopes: &[GrantedScope], pred: impl Fn(&GrantedScope) -> bool) -> Vec<&str> {
    scopes
        .iter()
        .filter(|s| pred(s))
        .map(|s| s.name.as_str())
        .collect()
}

/// One finding per scope name with invisible or look-alike characters.
fn hidden_characters(scopes: &[GrantedScope]) -> impl Iterator<Item = Finding> + '_ {
    scopes
        .iter()
        .filter(|s| !s.hidden_chars.is_empty())
        .map(|s| {
            Finding::new(
                Severity::Error,
                "hidden-characters-in-scope",
                format!("Invisible characters in scope “{}”", visible(&s.name)),
                format!(
                    "{}. APIs compare scope names exactly, so this scope never matches anything.",
                    s.hidden_chars.join("; ")
                ),
            )
        })
}

/// Admin API scopes on a SLAS token.
fn admin_scopes_in_shopper_token(scopes: &[GrantedScope], audience: Audience) -> Option<Finding> {
    let admin = named(scopes, |s| s.class == ScopeClass::Admin);
    (audience == Audience::Shopper && !admin.is_empty()).then(|| {
        Finding::new(
            Severity::Warning,
            "admin-scope-in-shopper-token",
            format!("Admin API scopes in a shopper token: {}", list(&admin)),
            "Admin API scopes do not belong on a SLAS client: they “cause token bloat and do not work as \
             expected”. Admin APIs need an Account Manager token. (sfcc.orders.rw is legitimate for a trusted-system \
             client calling Orders on behalf of a shopper.)",
        )
    })
}

/// Shopper API scopes on an Account Manager token.
fn shopper_scopes_in_am_token(scopes: &[GrantedScope], audience: Audience) -> Option<Finding> {
    let shopper = named(scopes, |s| s.class == ScopeClass::Shopper);
    (audience == Audience::Admin && !shopper.is_empty()).then(|| {
        Finding::new(
            Severity::Warning,
            "shopper-scope-in-am-token",
            format!("Shopper API scopes in an Account Manager token: {}", list(&shopper)),
            "Shopper APIs want a SLAS shopper token; shopper scopes on an Account Manager client do not work \
             there (only a few basket/order tax and price-book operations accept an AM token with a shopper scope).",
        )
    })
}

/// An Account Manager token without `SALESFORCE_COMMERCE_API:<tenant>`: every SCAPI Admin call
/// answers 403 (an error when it carries Admin API scopes, a warning otherwise).
fn am_without_tenant_scope(scopes: &[GrantedScope], audience: Audience) -> Option<Finding> {
    if audience != Audience::Admin || scopes.iter().any(|s| s.class == ScopeClass::Tenant) {
        return None;
    }
    let admin = named(scopes, |s| s.class == ScopeClass::Admin);
    let (severity, which) = if admin.is_empty() {
        (Severity::Warning, "no Admin API scope either".to_string())
    } else {
        (
            Severity::Error,
            format!("Admin API scopes ({})", list(&admin)),
        )
    };
    Some(Finding::new(
        severity,
        "am-no-tenant-scope",
        "No SALESFORCE_COMMERCE_API:<tenant> scope",
        format!(
            "This Account Manager token has {which} but no tenant scope, so every SCAPI Admin call answers \
             403 Forbidden (b2c-developer-tooling PR #524; the body is not documented). Request the token \
             with scope=SALESFORCE_COMMERCE_API:<tenant> and the API scopes, and give the API client the \
             Salesforce Commerce API role with a tenant filter."
        ),
    ))
}

/// Read-only scopes also granted as `.rw`.
fn redundant_read_scopes(scopes: &[GrantedScope]) -> Option<Finding> {
    // Sorted once, so a token with thousands of scopes stays fast (no n² search).
    let mut names: Vec<&str> = scopes.iter().map(|s| s.name.as_str()).collect();
    crate::inspect::order::sort_by(&mut names, |a, b| a < b);
    let granted = |name: &str| names.binary_search(&name).is_ok();
    let redundant = named(scopes, |s| {
        s.access == Access::Read && granted(&format!("{}.rw", s.name))
    });
    (!redundant.is_empty()).then(|| {
        Finding::new(
            Severity::Info,
            "redundant-read-scope",
            format!("{} read-only scope{} also granted as .rw", redundant.len(), if redundant.len() == 1 { " is" } else { "s are" }),
            format!(
                "A scope ending in .rw always includes the read-only rights, so these only make the token bigger: {}.",
                list(&redundant)
            ),
        )
    })
}

/// Legacy spellings and typos the catalog knows, with their current names.
fn legacy_scopes(scopes: &[GrantedScope]) -> Option<Finding> {
    let legacy: Vec<String> = scopes
        .iter()
        .filter(|s| s.status == Some(ScopeStatus::Legacy))
        .map(|s| match s.replacement {
            Some(r) => format!("{} (now {r})", s.name),
            None => format!("{} (no current equivalent)", s.name),
        })
        .collect();
    (!legacy.is_empty()).then(|| {
        Finding::new(
            Severity::Warning,
            "legacy-scope",
            "Legacy or misspelt scope names",
            format!(
                "No current operation accepts these names: {}. Use the current name in the client's scopes.",
                legacy.join(", ")
            ),
        )
    })
}

/// `sfcc.*` names the catalog does not know, with the nearest catalog names.
fn unknown_scopes(scopes: &[GrantedScope]) -> Option<Finding> {
    let unknown: Vec<String> = scopes
        .iter()
        .filter(|s| {
            s.class == ScopeClass::Unknown
                && (s.name.starts_with("sfcc.") || s.name.starts_with("sfcc:"))
        })
        .map(|s| {
            let near = suggestions(&s.name);
            if near.is_empty() {
                s.name.clone()
            } else {
                format!("{} (did you mean {}?)", s.name, near.join(" or "))
            }
        })
        .collect();
    (!unknown.is_empty()).then(|| {
        Finding::new(
            Severity::Warning,
            "unknown-scope",
            "Scope names not in the SFCC scope catalog",
            format!("{}.", unknown.join("; ")),
        )
    })
}

/// Hook or API names where scopes go: they grant nothing.
fn hook_names(scopes: &[GrantedScope]) -> Option<Finding> {
    let hooks = named(scopes, |s| s.class == ScopeClass::Hook);
    (!hooks.is_empty()).then(|| {
        Finding::new(
            Severity::Info,
            "hook-not-scope",
            "Hook names, not scopes",
            format!(
                "{} look like hook or API names from the specs (x-extensionPoints), not scopes: they grant nothing.",
                list(&hooks)
            ),
        )
    })
}

/// A scope name with invisible, control and look-alike characters shown as `⟨U+200B⟩`, so a
/// scope that cannot match looks different from one that can.
pub fn visible(name: &str) -> String {
    name.chars()
        .map(|c| {
            if hidden_chars(&c.to_string()).is_empty() {
                c.to_string()
            } else {
                format!("⟨U+{:04X}⟩", c as u32)
            }
        })
        .collect()
}

/// Edit distance between two strings (Levenshtein, on chars).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Up to three catalog names nearest to `name` (edit distance, ignoring case and `:`/`.`),
/// best first; only current names (no patterns, legacy or tooling-only entries).
pub fn suggestions(name: &str) -> Vec<&'static str> {
    let norm = |s: &str| s.to_ascii_lowercase().replace(':', ".");
    let wanted = norm(name);
    let (wanted, rw) = match wanted.strip_suffix(".rw") {
        Some(base) => (base.to_string(), true),
        None => (wanted, false),
    };
    let scored: Vec<(usize, &'static str)> = catalog::SCOPES
        .iter()
        .filter(|e| e.status.is_current() && !e.scope.contains('{'))
        .filter(|e| !rw || e.read_write_variant)
        .map(|e| (distance(&wanted, &norm(e.scope)), e.scope))
        .filter(|(d, _)| *d <= wanted.chars().count().max(8) / 4 + 1)
        .collect();
    crate::inspect::order::smallest_by_key(scored, 3, |&(d, s)| (d, s))
        .into_iter()
        .map(|(_, s)| s)
        .collect()
}
