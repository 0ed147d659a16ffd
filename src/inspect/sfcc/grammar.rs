//! The SFCC claim grammars, parsed by key and tolerant of order, unknown keys and escaping:
//! SLAS `sub` (§2.3), `isb` (§2.4), AM `tenantFilter` (§4.1), `iss`/`aud`/`jku` (§2.3).

/// `cc-slas::<tenant>::scid:<client>::usid:<usid>`, read by key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SlasSub {
    pub tenant: Option<String>,
    pub scid: Option<String>,
    pub usid: Option<String>,
    /// Any other `key:value` or bare segments, in order.
    pub other: Vec<(String, String)>,
}

/// Parses a SLAS `sub`; `None` unless it starts with `cc-slas::`.
pub fn slas_sub(sub: &str) -> Option<SlasSub> {
    let _ = sub;
    None
}

/// `isb` as ordered `key:value` pairs (split on `::`, each pair on its first `:`; `%3A` unescaped).
pub fn isb(isb: &str) -> Vec<(String, String)> {
    let _ = isb;
    Vec::new()
}

/// AM `tenantFilter`: `ROLE:t1,t2;ROLE2:t3` → `[(ROLE, [t1, t2]), (ROLE2, [t3])]`.
pub fn tenant_filter(filter: &str) -> Vec<(String, Vec<String>)> {
    let _ = filter;
    Vec::new()
}

/// `slas/<env>/<tenant>` or `commercecloud/<env>/<tenant>` → `(env, tenant)`.
pub fn slas_path(value: &str) -> Option<(String, String)> {
    let _ = value;
    None
}
