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

pub use super::catalog::Audience;
use super::claims;
use super::errors;
use super::findings::{Finding, Severity};
use super::scopes::{self, GrantedScope};
use super::time;
use kind::text;

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
    let (kind, evidence) = kind::classify(header, payload);
    let mut s = Sfcc {
        kind,
        variant: None,
        evidence,
        audience: match kind {
            SfccKind::SlasAccess | SfccKind::LegacySlas2020 | SfccKind::LegacyCommerceApi2021 => {
                Audience::Shopper
            }
            SfccKind::AmAccess => Audience::Admin,
            _ => Audience::Other,
        },
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
    };
    let names = scopes::names(payload);
    s.scopes = names.iter().map(|n| scopes::classify(n)).collect();
    s.read_tenants(header, payload, &names);
    s.read_identity(payload);
    s.findings = s.own_findings(header, payload);
    s.findings.extend(scopes::findings(&s.scopes, s.audience));
    s
}

/// Whether a tenant read from an `…/<env>/<tenant>` path is a real tenant id (the `dwsgst`
/// `iss` `commercecloud/production/zztes05` and the 2021 `iss` are not).
fn tenant_like(t: &str) -> bool {
    let n = tenant::normalise(t);
    n.matches('_').count() == 1 && tenant::parse(&n).is_some()
}

impl Sfcc {
    fn read_tenants(
        &mut self,
        header: Option<&Map<String, Value>>,
        p: &Map<String, Value>,
        names: &[String],
    ) {
        let t = &mut self.tenants;
        if let Some(sub) = text(p, "sub").and_then(grammar::slas_sub) {
            if let Some(tenant) = sub.tenant.as_deref() {
                t.add("sub", text(p, "sub").unwrap_or(""), tenant);
            }
        }
        let paths = [("iss", text(p, "iss")), ("aud", text(p, "aud"))]
            .into_iter()
            .chain([("jku", header.and_then(|h| text(h, "jku")))]);
        for (place, value) in paths {
            let Some(value) = value else { continue };
            if let Some((env, tenant)) = grammar::slas_path(value) {
                if value.starts_with("core/") || !tenant_like(&tenant) {
                    continue;
                }
                if value.starts_with("slas/") {
                    t.slas_env.get_or_insert(env);
                }
                t.add(place, value, &tenant);
            }
        }
        for name in names {
            if let Some(tenant) = name.strip_prefix("SALESFORCE_COMMERCE_API:") {
                t.add("scope", name, tenant);
            }
        }
        if let Some(filter) = text(p, "tenantFilter") {
            self.tenant_filter = grammar::tenant_filter(filter);
            for (role, tenants) in &self.tenant_filter {
                for tenant in tenants {
                    if role == "SALESFORCE_COMMERCE_API" {
                        t.add("tenantFilter", &format!("{role}:{tenant}"), tenant);
                    } else {
                        t.note(tenant);
                    }
                }
            }
        }
        if let Some(id) = text(p, "tenantId") {
            t.add("tenantId", id, id);
        }
        t.tenant = if self.kind == SfccKind::AmAccess {
            match t.all.as_slice() {
                [only] => tenant::parse(only),
                _ => None,
            }
        } else {
            t.places.first().and_then(|p| tenant::parse(&p.tenant))
        };
    }

    fn field(&mut self, id: &'static str, label: &'static str, value: &str, note: Option<String>) {
        self.identity.push(IdentityField {
            id,
            label,
            value: value.to_string(),
            note,
        });
    }

    fn read_identity(&mut self, p: &Map<String, Value>) {
        let sub = text(p, "sub").unwrap_or("");
        let slas = grammar::slas_sub(sub);
        if let Some(slas) = &slas {
            self.client_id = slas.scid.clone();
            self.usid = slas.usid.clone();
        }
        match self.kind {
            SfccKind::SlasAccess | SfccKind::LegacySlas2020 => self.read_slas(p),
            SfccKind::SlasIdToken => {
                self.client_id = text(p, "aud").map(str::to_string);
                if let Some(u) = sub.strip_prefix("usid:") {
                    self.usid = Some(u.to_string());
                }
                self.display_name = text(p, "name").map(str::to_string);
            }
            SfccKind::AmAccess => self.read_am(p),
            SfccKind::OcapiShop | SfccKind::LegacyCommerceApi2021 => self.read_json_sub(p),
            SfccKind::SlasCallback => {
                self.customer_id = text(p, "customer_id").map(str::to_string);
                self.usid = text(p, "usid").map(str::to_string);
            }
            SfccKind::SessionGuest => {
                self.guest = Some(true);
                self.customer_id = text(p, "customerId").map(str::to_string);
            }
            SfccKind::SessionRegistered => {
                self.guest = Some(false);
                self.customer_id = text(p, "rcustomerId")
                    .or_else(|| text(p, "customerId"))
                    .map(str::to_string);
                let name = [text(p, "fname"), text(p, "lname")]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                self.display_name = (!name.is_empty()).then_some(name);
            }
            SfccKind::ExternalIdp => {
                self.client_id = ["cid", "client_id", "azp"]
                    .iter()
                    .find_map(|k| text(p, k))
                    .map(str::to_string);
            }
            SfccKind::GenericJwt => {}
        }
        self.identity_rows(p);
    }

    fn read_slas(&mut self, p: &Map<String, Value>) {
        let sub = text(p, "sub").unwrap_or("");
        if let Some(rest) = sub.strip_prefix("usid::") {
            // 2020: usid::<uuid>::upn:guest
            let mut parts = rest.split("::");
            self.usid = parts.next().map(str::to_string);
            self.guest = Some(parts.any(|p| p.eq_ignore_ascii_case("upn:guest")));
            return;
        }
        let isb = grammar::isb(text(p, "isb").unwrap_or(""));
        let get = |k: &str| grammar::isb_get(&isb, k).map(str::to_string);
        let rcid = get("rcid").filter(|r| !r.trim().is_empty());
        let registered = rcid.is_some();
        self.guest = Some(!registered);
        self.customer_id = rcid.or_else(|| get("gcid").filter(|g| !g.trim().is_empty()));
        self.display_name = get("uidn");
        self.agent = get("agent");
        self.site_raw = get("chid");
        self.site = self
            .site_raw
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        let flow = [
            ("taob", Variant::Taob),
            ("agent", Variant::Taob),
            ("tsob", Variant::Tsob),
            ("sesb", Variant::Sesb),
            ("login", Variant::Pwdless),
        ]
        .into_iter()
        .find(|(k, _)| grammar::isb_get(&isb, k).is_some());
        self.variant = Some(match flow {
            Some((key, v)) => {
                self.evidence.push(format!("`isb` has `{key}:`"));
                v
            }
            None if registered => Variant::Registered,
            None => Variant::Guest,
        });
        self.evidence.push(if registered {
            "`isb` has a non-empty `rcid` (registered shopper)".into()
        } else {
            "`isb` has no `rcid` (guest shopper)".into()
        });
    }

    fn read_am(&mut self, p: &Map<String, Value>) {
        let sub = text(p, "sub").unwrap_or("");
        self.client_id = text(p, "client_id")
            .or_else(|| text(p, "aud"))
            .map(str::to_string);
        let grant = text(p, "grant_type").unwrap_or("");
        let user = sub.contains('@') || (!grant.is_empty() && grant != "client_credentials");
        self.variant = Some(if user {
            Variant::User
        } else {
            Variant::ClientCredentials
        });
        self.evidence.push(if sub.contains('@') {
            "`sub` is a user login (contains `@`): a user token".into()
        } else if user {
            format!("`grant_type` is `{grant}`, not `client_credentials`: a user token")
        } else if grant.is_empty() {
            "`sub` is no user login and there is no `grant_type`: an API client token".into()
        } else {
            "`grant_type` is `client_credentials`: an API client token".into()
        });
        self.roles = p
            .get("roles")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
    }

    fn read_json_sub(&mut self, p: &Map<String, Value>) {
        self.client_id = if self.kind == SfccKind::OcapiShop {
            text(p, "iss")
        } else {
            text(p, "aud")
        }
        .map(str::to_string);
        let Some(inner) = kind::json_sub(p) else {
            return;
        };
        let info = inner
            .get("customer_info")
            .or_else(|| inner.get("CustomerInfo"))
            .and_then(Value::as_object);
        if let Some(info) = info {
            self.customer_id = ["customer_id", "customerId"]
                .iter()
                .find_map(|k| text(info, k))
                .map(str::to_string);
            self.guest = info.get("guest").and_then(Value::as_bool);
        }
    }

    fn identity_rows(&mut self, p: &Map<String, Value>) {
        let isb = grammar::isb(text(p, "isb").unwrap_or(""));
        let get = |k: &str| grammar::isb_get(&isb, k).map(str::to_string);
        match self.kind {
            SfccKind::AmAccess => {
                if let Some(id) = self.client_id.clone() {
                    self.field("client-id", "API client id", &id, None);
                }
                if self.variant == Some(Variant::User) {
                    let sub = text(p, "sub").unwrap_or("").to_string();
                    self.field("user", "User", &sub, None);
                }
                if let Some(g) = text(p, "grant_type") {
                    self.field("grant-type", "Grant type", g, None);
                }
                if !self.roles.is_empty() {
                    let roles = self.roles.join(", ");
                    self.field("roles", "Roles", &roles, None);
                }
                if !self.tenant_filter.is_empty() {
                    let text = self
                        .tenant_filter
                        .iter()
                        .map(|(role, tenants)| format!("{role}: {}", tenants.join(", ")))
                        .collect::<Vec<_>>()
                        .join("; ");
                    self.field(
                        "tenant-filter",
                        "Tenant filter (role: tenants)",
                        &text,
                        None,
                    );
                }
            }
            _ => {
                if let Some(id) = self.client_id.clone() {
                    let label = match self.kind {
                        SfccKind::SlasAccess | SfccKind::LegacySlas2020 | SfccKind::GenericJwt => {
                            "SLAS client id (scid)"
                        }
                        SfccKind::SlasIdToken => "SLAS client id (aud)",
                        SfccKind::OcapiShop => "OCAPI client id (iss)",
                        _ => "Client id",
                    };
                    self.field("scid", label, &id, None);
                }
                if let Some(u) = self.usid.clone() {
                    self.field("usid", "Shopper id (usid)", &u, None);
                }
                if let Some(c) = self.customer_id.clone() {
                    let label = match (self.kind, self.guest) {
                        (SfccKind::SlasAccess, Some(false)) => "Customer id (registered: rcid)",
                        (SfccKind::SlasAccess, _) => "Customer id (guest: gcid)",
                        _ => "Customer id",
                    };
                    self.field("customer", label, &c, None);
                }
                if let Some(g) = self.guest {
                    let value = if g { "guest" } else { "registered" };
                    self.field("shopper", "Shopper", value, None);
                }
                if let Some(upn) = get("upn").filter(|u| !u.eq_ignore_ascii_case("guest")) {
                    self.field("login", "Login (upn)", &upn, None);
                }
                for key in ["email", "email_id", "login_id"] {
                    if let Some(v) = text(p, key).filter(|v| !v.is_empty()) {
                        self.field("login", "Login / e-mail", v, Some(format!("`{key}`")));
                    }
                }
                if let Some(name) = self.display_name.clone() {
                    self.field("display-name", "Display name", &name, None);
                }
                self.session_rows(p);
                if let Some(uido) = get("uido") {
                    let note = match uido.as_str() {
                        "slas" => Some("SLAS itself (guest or passwordless login)".to_string()),
                        "ecom" => Some("B2C Commerce login".to_string()),
                        _ => Some("an identity provider configured in SLAS".to_string()),
                    };
                    self.field("uido", "Identity origin (uido)", &uido, note);
                }
                if let Some(raw) = self.site_raw.clone() {
                    let note = self
                        .site
                        .is_none()
                        .then(|| "blank: this token is not bound to a site".to_string());
                    self.field("site", "Site (chid)", &raw, note);
                }
                if let Some(agent) = self.agent.clone() {
                    self.field("agent", "Agent (TAOB)", &agent, None);
                }
                if let Some(v) = self
                    .variant
                    .filter(|v| !matches!(v, Variant::Guest | Variant::Registered))
                {
                    self.field("flow", "Flow", v.label(), None);
                }
                if let Some(dnt) = p.get("dnt") {
                    let on = matches!(dnt, Value::Bool(true))
                        || matches!(dnt.as_str(), Some("1" | "true"));
                    let raw = claims::display(dnt);
                    self.field(
                        "dnt",
                        "Do-not-track (dnt)",
                        &raw,
                        Some(if on { "on" } else { "off" }.into()),
                    );
                }
            }
        }
    }

    /// Rows only the OCAPI, 2021, callback and session-bridge tokens carry: visit id, B2C
    /// session id, the guest customer id of a registered session, phone.
    fn session_rows(&mut self, p: &Map<String, Value>) {
        if let Some(info) = kind::json_sub(p).and_then(|inner| {
            inner
                .get("customer_info")
                .or_else(|| inner.get("CustomerInfo"))
                .and_then(Value::as_object)
                .cloned()
        }) {
            if let Some(v) = ["visit_id", "visitId"].iter().find_map(|k| text(&info, k)) {
                self.field("visit", "Visit id", v, None);
            }
        }
        if self.kind == SfccKind::SessionRegistered {
            if let Some(c) =
                text(p, "customerId").filter(|c| Some(*c) != self.customer_id.as_deref())
            {
                self.field("session-customer", "Customer id (customerId)", c, None);
            }
        }
        if matches!(
            self.kind,
            SfccKind::SessionGuest | SfccKind::SessionRegistered
        ) {
            if let Some(d) = text(p, "dwsid") {
                self.field(
                    "dwsid",
                    "B2C session id (dwsid)",
                    d,
                    Some("a session id, not a token: keep it private".into()),
                );
            }
        }
        if let Some(phone) = text(p, "phone").filter(|v| !v.trim().is_empty()) {
            self.field("phone", "Phone", phone, None);
        }
    }

    /// Two places naming different tenants. An AM token may name several tenants on purpose
    /// (one role, several tenants): there, only a `scope` tenant missing from the
    /// `SALESFORCE_COMMERCE_API` role of `tenantFilter` is a conflict.
    fn tenant_conflict(&self) -> Option<(&TenantPlace, &TenantPlace)> {
        if self.kind != SfccKind::AmAccess {
            return self.tenants.disagreeing();
        }
        let places = &self.tenants.places;
        let filter: Vec<&TenantPlace> = places
            .iter()
            .filter(|p| p.place == "tenantFilter")
            .collect();
        let scope = places
            .iter()
            .filter(|p| p.place == "scope")
            .find(|s| !filter.is_empty() && !filter.iter().any(|f| f.tenant == s.tenant))?;
        filter.first().map(|f| (*f, scope))
    }

    fn own_findings(
        &self,
        header: Option<&Map<String, Value>>,
        p: &Map<String, Value>,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        if let Some((a, b)) = self.tenant_conflict() {
            let mut f = Finding::new(
                Severity::Error,
                "tenant-mismatch",
                format!("`{}` says {} but `{}` says {}", b.place, b.tenant, a.place, a.tenant),
                "The token names two different tenants (compared case-insensitively, without f_ecom_). A token is \
                 only accepted by the tenant that issued it, so one of these values was altered or the token was \
                 assembled by hand.",
            );
            if self.audience == Audience::Shopper {
                f = f.with_error(&errors::SHOPPER_UNAUTHORIZED);
            }
            out.push(f);
        }
        if self.site_raw.is_some() && self.site.is_none() {
            out.push(Finding::new(
                Severity::Warning,
                "blank-site",
                "The site (chid) is blank",
                "`isb` has a `chid` with no site id: the token was minted without a channel_id, so it is not \
                 bound to a site. SLAS requires channel_id on token requests; Shopper API calls with siteId may fail.",
            ));
        }
        if let Some(t) = self.tenants.tenant.as_ref().filter(|t| t.unusual) {
            out.push(Finding::new(
                Severity::Info,
                "unusual-tenant",
                format!("Unusual tenant id “{}”", t.id),
                "A tenant id is usually a 4-character realm, “_”, and an instance: prd, stg, dev, a 3-digit sandbox \
                 number or s01–s99.",
            ));
        }
        let expected = match (self.kind, self.variant) {
            (SfccKind::SlasAccess, Some(Variant::Taob)) => Some(900),
            (SfccKind::SlasAccess | SfccKind::AmAccess | SfccKind::SlasIdToken, _) => Some(1800),
            _ => None,
        };
        let num = |k: &str| {
            p.get(k)
                .and_then(Value::as_i64)
                .filter(|v| *v < 100_000_000_000)
        };
        if let (Some(expected), Some(exp), Some(iat)) = (expected, num("exp"), num("iat")) {
            let life = exp.saturating_sub(iat);
            if life != expected {
                out.push(Finding::new(
                    Severity::Info,
                    "lifetime",
                    format!("Lifetime {} instead of {}", time::duration(life.unsigned_abs()), time::duration(expected as u64)),
                    format!(
                        "{} tokens live {} (exp − iat); this one {}. It was probably made or edited by hand (a test token).",
                        self.kind.title(),
                        time::duration(expected as u64),
                        if life < 0 { "expires before it was issued".to_string() } else { format!("lives {}", time::duration(life as u64)) }
                    ),
                ));
            }
        }
        let alg = header.and_then(|h| text(h, "alg")).unwrap_or("");
        if self.kind == SfccKind::SlasAccess
            && !alg.is_empty()
            && alg != "ES256"
            && !alg.eq_ignore_ascii_case("none")
        {
            out.push(Finding::new(
                Severity::Info,
                "test-token",
                format!("SLAS-shaped but signed with {alg}"),
                "Real SLAS tokens are signed ES256 with the tenant's keys. This one is probably a test token \
                 re-signed by hand; no Commerce API will accept its signature.",
            ));
        }
        match self.kind {
            SfccKind::LegacySlas2020 | SfccKind::LegacyCommerceApi2021 => out.push(Finding::new(
                Severity::Warning,
                "legacy-format",
                "A legacy token format",
                format!(
                    "{} Get a current SLAS token instead.",
                    self.kind.explanation()
                ),
            )),
            SfccKind::SlasIdToken
            | SfccKind::SlasCallback
            | SfccKind::SessionGuest
            | SfccKind::SessionRegistered
            | SfccKind::ExternalIdp
            | SfccKind::OcapiShop => out.push(Finding::new(
                Severity::Info,
                "not-an-api-token",
                match self.kind {
                    SfccKind::OcapiShop => {
                        "An OCAPI Shop token: SCAPI (Commerce API) does not accept it"
                    }
                    SfccKind::SlasIdToken => "An identity token, not an access token",
                    SfccKind::SessionGuest | SfccKind::SessionRegistered => {
                        "An input to the SLAS session bridge, not an API token"
                    }
                    _ => "Not a Commerce API bearer token",
                },
                self.kind.explanation(),
            )),
            _ => {}
        }
        out
    }
}
