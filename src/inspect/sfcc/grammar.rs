//! The SFCC claim grammars, parsed by key and tolerant of order, unknown keys and escaping:
//! SLAS `sub` (§2.3), `isb` (§2.4), AM `tenantFilter` (§4.1), `iss`/`aud`/`jku` (§2.3).

use crate::inspect::text::percent_decode;

/// `cc-slas::<tenant>::scid:<client>::usid:<usid>`, read by key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SlasSub {
    /// The first segment without a `key:`.
    pub tenant: Option<String>,
    /// The SLAS client id (`scid:`).
    pub scid: Option<String>,
    /// The unique shopper id (`usid:`).
    pub usid: Option<String>,
    /// Any other `key:value` or bare segments, in order.
    pub other: Vec<(String, String)>,
}

/// Parses a SLAS `sub`; `None` unless it starts with `cc-slas::`. The tenant is the first
/// segment without a `key:`; `scid:` and `usid:` are found wherever they are (REFERENCE.md §2.3:
/// parse by key, never by position).
pub fn slas_sub(sub: &str) -> Option<SlasSub> {
    let rest = sub.trim().strip_prefix("cc-slas::")?;
    let mut out = SlasSub::default();
    for segment in rest.split("::").filter(|s| !s.is_empty()) {
        match segment.split_once(':') {
            Some(("scid", v)) => out.scid = Some(v.to_string()),
            Some(("usid", v)) => out.usid = Some(v.to_string()),
            Some((k, v)) => out.other.push((k.to_string(), v.to_string())),
            None if out.tenant.is_none() => out.tenant = Some(segment.to_string()),
            None => out.other.push((String::new(), segment.to_string())),
        }
    }
    Some(out)
}

/// `isb` as ordered `key:value` pairs (split on `::`, each pair on its first `:`; `%3A` and
/// other percent escapes decoded). A segment without `:` becomes a key with an empty value.
pub fn isb(isb: &str) -> Vec<(String, String)> {
    isb.split("::")
        .filter(|s| !s.trim().is_empty())
        .map(|pair| match pair.split_once(':') {
            Some((k, v)) => (k.trim().to_string(), percent_decode(v)),
            None => (pair.trim().to_string(), String::new()),
        })
        .collect()
}

/// The value of `key` in parsed `isb` pairs (the first one).
pub fn isb_get<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// AM `tenantFilter`: `ROLE:t1,t2;ROLE2:t3` → `[(ROLE, [t1, t2]), (ROLE2, [t3])]`. Spaces,
/// empty entries and a trailing `;` are ignored; an entry without `:` is a role with no tenants.
pub fn tenant_filter(filter: &str) -> Vec<(String, Vec<String>)> {
    filter
        .split(';')
        .filter(|e| !e.trim().is_empty())
        .map(|entry| {
            let (role, tenants) = entry.split_once(':').unwrap_or((entry, ""));
            let tenants = tenants
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect();
            (role.trim().to_string(), tenants)
        })
        .collect()
}

/// `slas/<env>/<tenant>` or `commercecloud/<env>/<tenant>` (also `core/<env>/<x>`) →
/// `(env, tenant)`.
pub fn slas_path(value: &str) -> Option<(String, String)> {
    let mut parts = value.trim().split('/');
    let head = parts.next()?;
    if !matches!(head, "slas" | "commercecloud" | "core") {
        return None;
    }
    let env = parts.next().filter(|e| !e.is_empty())?;
    let tenant = parts.next().filter(|t| !t.is_empty())?;
    parts
        .next()
        .is_none()
        .then(|| (env.to_string(), tenant.to_string()))
}
