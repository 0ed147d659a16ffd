//! The checks of a matched request against the token: each a small function returning one
//! result line (with, when the call fails for it, the verdict clause and the findings), and the
//! verdict a fold over the lines (REFERENCE.md §6.1, §6.2, §7.5).

use super::matching::{Matched, OperationMatch};
use super::parse::ParsedRequest;
use super::{CheckItem, Outcome, RequestCheck};
use crate::inspect::catalog::{ApiFamily, Audience, AuthScheme, Endpoint, TokenAudience};
use crate::inspect::checklist::{Expectations, Expected};
use crate::inspect::credential::Credential;
use crate::inspect::documented::TokenCheck;
use crate::inspect::errors;
use crate::inspect::findings::{Finding, Severity};
use crate::inspect::scopes::covers;
use crate::inspect::sfcc::tenant::normalise;
use crate::inspect::sfcc::{Sfcc, Variant};
use crate::inspect::time::{self, Moment, TimeStatus};

/// The call being checked: the operation, the parameters the URL filled in and the request.
struct Call<'a> {
    e: &'static Endpoint,
    op: &'a OperationMatch,
    request: &'a ParsedRequest,
    /// The URL's `organizationId` or `tenantId` parameter: (name, value).
    tenant: Option<(&'a str, &'a str)>,
}

/// One check's result line, with why the call fails (a verdict clause) when it does, and the
/// findings for the ranked list.
pub(super) struct Line {
    pub(super) item: CheckItem,
    pub(super) why: Option<String>,
    pub(super) findings: Vec<Finding>,
}

impl Line {
    pub(super) fn new(
        id: &'static str,
        label: &'static str,
        outcome: Outcome,
        text: impl Into<String>,
    ) -> Line {
        let check = match id {
            "time" => Some(TokenCheck::Expired),
            "token-kind" => Some(TokenCheck::WrongTokenKind),
            "tenant" => Some(TokenCheck::TenantMismatch),
            "scopes" => Some(TokenCheck::ScopeMissing),
            "site" => Some(TokenCheck::SiteMismatch),
            "customer" => Some(TokenCheck::CustomerMismatch),
            _ => None,
        };
        let item = CheckItem {
            id,
            label,
            outcome,
            text: text.into(),
            check,
        };
        Line {
            item,
            why: None,
            findings: Vec::new(),
        }
    }

    /// The call fails for this reason.
    pub(super) fn failing(mut self, why: String) -> Line {
        self.why = Some(why);
        self
    }

    /// The catalogue's check this line decides, when it is not the one its id implies.
    pub(super) fn decides(mut self, check: TokenCheck) -> Line {
        self.item.check = Some(check);
        self
    }

    /// A finding for the ranked list.
    pub(super) fn with(mut self, finding: Finding) -> Line {
        self.findings.push(finding);
        self
    }
}

/// Checks `token` against the operation the request matched.
pub(super) fn check_operation(
    request: ParsedRequest,
    op: OperationMatch,
    token: Option<&Credential>,
    now: Moment,
) -> RequestCheck {
    let e = op.endpoint;
    let (expected, (items, findings, failure)) = {
        let call = Call {
            e,
            op: &op,
            request: &request,
            tenant: op
                .params
                .iter()
                .find(|(k, _)| k == "organizationId" || k == "tenantId")
                .map(|(k, v)| (k.as_str(), v.as_str())),
        };
        (expectations(&call, token), fold(lines(&call, token, now)))
    };
    let ok = failure.is_none() && token.is_some();
    let verdict = match (token, failure) {
        (None, _) => format!(
            "{} {} ({} {}): paste a token to check whether it can make this call.",
            e.method,
            e.operation_id,
            e.api,
            version(e)
        ),
        (Some(_), Some(why)) => format!("This token cannot call {}: {why}.", e.operation_id),
        (Some(_), None) => format!(
            "This token can call {} ({} {}).",
            e.operation_id,
            e.api,
            version(e)
        ),
    };
    RequestCheck {
        request,
        matched: Matched::Operation(op),
        ok,
        verdict,
        items,
        findings,
        expected,
    }
}

/// The lines in order, their findings in order, and the first reason the call fails (the
/// most important: the checks run from validity to customer).
pub(super) fn fold(lines: Vec<Line>) -> (Vec<CheckItem>, Vec<Finding>, Option<String>) {
    lines.into_iter().fold(
        (Vec::new(), Vec::new(), None),
        |(mut items, mut findings, failure), line| {
            items.push(line.item);
            findings.extend(line.findings);
            (items, findings, failure.or(line.why))
        },
    )
}

/// What the operation needs, for the checklist: its scope, and for an Account Manager token on
/// an Admin API also `SALESFORCE_COMMERCE_API:<tenant>`.
fn expectations(call: &Call, token: Option<&Credential>) -> Expectations {
    let e = call.e;
    let mut expected = Expectations::default();
    let needed = expected_for(e);
    if !needed.scope.is_empty() {
        expected.items.push(needed);
    }
    let sfcc = token.and_then(|c| c.sfcc());
    if let (Some((_, t)), Some(s)) = (call.tenant, sfcc) {
        if s.audience == Audience::Admin
            && e.token != TokenAudience::Shopper
            && e.family != ApiFamily::SlasAdmin
        {
            expected.merge(&Expectations::parse(&format!(
                "SALESFORCE_COMMERCE_API:{}",
                normalise(t)
            )));
        }
    }
    expected
}

/// Every line for this call: the operation, then (with a token that has claims) validity,
/// token kind, tenant, scopes, site and customer.
fn lines(call: &Call, token: Option<&Credential>, now: Moment) -> Vec<Line> {
    let mut lines = vec![operation(call.e)];
    let Some(token) = token else {
        lines.push(Line::new(
            "token-kind",
            "Token",
            Outcome::Skip,
            "Paste a token to check it against this call.",
        ));
        return lines;
    };
    let Some(s) = token.sfcc() else {
        lines.push(not_a_bearer_token(token));
        return lines;
    };
    lines.extend([
        validity(token, now),
        kind(call.e, s),
        tenant(call.tenant, s),
        scopes(call.e, s),
        site(call, s),
    ]);
    lines.extend(customer(call, s));
    lines
}

/// The scopes an operation needs, collapsed for the checklist: the most specific needed scope
/// (the read-only form when the operation lists it, since `.rw` covers it) with the other listed
/// scopes that are not implied as alternatives.
pub fn expected_for(e: &Endpoint) -> Expected {
    let scopes: Vec<&str> = e
        .scopes_any_of
        .iter()
        .copied()
        .filter(|s| !is_role(s))
        .collect();
    let main = scopes
        .iter()
        .find(|s| {
            !s.ends_with(".rw")
                && **s != "sfcc.shopper-standard"
                && scopes.contains(&format!("{s}.rw").as_str())
        })
        .or_else(|| scopes.iter().find(|s| **s != "sfcc.shopper-standard"))
        .or_else(|| scopes.first())
        .copied()
        .unwrap_or_default();
    let alternatives = scopes
        .iter()
        .filter(|s| **s != main && !covers(s, main))
        .map(|s| s.to_string())
        .collect();
    Expected {
        scope: main.to_string(),
        alternatives,
    }
}

/// An Account Manager role name (`SLAS_ORGANIZATION_ADMIN`) where the spec lists scopes.
fn is_role(name: &str) -> bool {
    name.chars().all(|c| c.is_ascii_uppercase() || c == '_')
}

/// "an Account Manager access token", "a SLAS shopper access token".
pub(super) fn with_article(title: &str) -> String {
    let vowel = title.starts_with(['A', 'E', 'I', 'O', 'U', 'a', 'e', 'i', 'o', 'u']);
    format!("{} {title}", if vowel { "an" } else { "a" })
}

/// `v2` of `/checkout/shopper-baskets/v2`.
fn version(e: &Endpoint) -> &'static str {
    e.base_path.rsplit('/').next().unwrap_or("")
}

/// The operation matched, in full.
fn operation(e: &Endpoint) -> Line {
    Line::new(
        "operation",
        "Operation",
        Outcome::Pass,
        format!(
            "{} {} — {} {} ({}{})",
            e.method,
            e.operation_id,
            e.api,
            version(e),
            e.base_path,
            e.path
        ),
    )
}

/// A credential without claims (a refresh token, a dwsid …) is not a bearer token.
fn not_a_bearer_token(token: &Credential) -> Line {
    let what = with_article(token.title());
    Line::new(
        "token-kind",
        "Token",
        Outcome::Fail,
        format!("This is {what}: it cannot be sent as a bearer token."),
    )
    .failing(format!("it is {what}, not a token with claims"))
}

/// Expired or not yet valid tokens get 401 whatever the call (judged at the call's time when
/// the answer gives it).
pub(super) fn validity(token: &Credential, now: Moment) -> Line {
    match token.time_status(now.at) {
        Some(TimeStatus::Expired) => {
            let ago = token
                .times()
                .at("exp")
                .map(|exp| time::duration(exp.abs_diff(now.at)))
                .unwrap_or_default();
            let ago = format!("{ago} {}", now.ago());
            Line::new(
                "time",
                "Validity",
                Outcome::Fail,
                format!("Expired {ago}: the call gets 401 Unauthorized."),
            )
            .failing(format!("it expired {ago}"))
        }
        Some(TimeStatus::NotYetValid) => Line::new(
            "time",
            "Validity",
            Outcome::Fail,
            format!("Not valid yet {} (nbf is after it).", now.when()),
        )
        .failing(format!("it is not valid yet {}", now.when()))
        .decides(TokenCheck::NotYetValid),
        Some(TimeStatus::Valid) => Line::new(
            "time",
            "Validity",
            Outcome::Pass,
            format!("Valid {}.", now.when()),
        ),
        _ => Line::new("time", "Validity", Outcome::Warn, "No expiry claim."),
    }
}

/// Which kinds of token an operation takes, from its security schemes (or its `token` field
/// when the spec lists none).
struct Accepts {
    account_manager: bool,
    shopper: bool,
    tsob: bool,
    taob: bool,
}

impl Accepts {
    fn of(e: &Endpoint) -> Accepts {
        let has = |scheme| e.schemes.contains(&scheme);
        let none = e.schemes.is_empty();
        Accepts {
            account_manager: has(AuthScheme::AmOAuth2)
                || has(AuthScheme::BearerToken)
                || (none && e.token == TokenAudience::Admin),
            shopper: has(AuthScheme::ShopperToken) || (none && e.token == TokenAudience::Shopper),
            tsob: has(AuthScheme::ShopperTokenTsob),
            taob: has(AuthScheme::ShopperTokenTaob),
        }
    }

    fn token(&self, s: &Sfcc) -> bool {
        match s.audience {
            Audience::Admin => self.account_manager,
            Audience::Shopper => {
                self.shopper
                    || (self.tsob && s.variant == Some(Variant::Tsob))
                    || (self.taob && s.variant == Some(Variant::Taob))
            }
            Audience::Other => false,
        }
    }

    /// "an Account Manager token or a SLAS shopper token".
    fn wanted(&self) -> String {
        let wants: Vec<&str> = [
            (self.account_manager, "an Account Manager token"),
            (self.shopper, "a SLAS shopper token"),
            (self.tsob, "a trusted-system (TSOB) SLAS token"),
            (self.taob, "a trusted-agent (TAOB) SLAS token"),
        ]
        .into_iter()
        .filter_map(|(yes, what)| yes.then_some(what))
        .collect();
        if wants.is_empty() {
            "another kind of token".to_string()
        } else {
            wants.join(" or ")
        }
    }
}

/// The token is of a kind the operation's security schemes accept.
fn kind(e: &Endpoint, s: &Sfcc) -> Line {
    if e.token == TokenAudience::NoToken {
        return Line::new(
            "token-kind",
            "Token kind",
            Outcome::Warn,
            "This SLAS endpoint authenticates the SLAS client (Basic client_id:secret, or client_id in the body), not a bearer token.",
        );
    }
    let accepts = Accepts::of(e);
    let kind = with_article(s.kind.title());
    if accepts.token(s) {
        let text = format!("{} accepts {kind}.", e.operation_id);
        return Line::new("token-kind", "Token kind", Outcome::Pass, text);
    }
    let want = accepts.wanted();
    let error = if accepts.account_manager && !accepts.shopper {
        &errors::ADMIN_INVALID_TOKEN
    } else {
        &errors::SHOPPER_UNAUTHORIZED
    };
    let text = format!("{} needs {want}; this is {kind}.", e.operation_id);
    Line::new("token-kind", "Token kind", Outcome::Fail, text)
        .failing(format!("it is {kind}, but the call needs {want}"))
        .with(
            Finding::new(
                Severity::Error,
                "wrong-token-kind",
                format!("Wrong kind of token for {}", e.api),
                format!(
                    "{} ({}) needs {want}, but this is {kind}.",
                    e.operation_id, e.api
                ),
            )
            .with_error(error),
        )
}

/// The token grants one of the scopes the operation accepts (or, for SLAS Admin, has one of
/// the Account Manager roles).
fn scopes(e: &Endpoint, s: &Sfcc) -> Line {
    let wanted = e.scopes_any_of;
    if wanted.is_empty() {
        return Line::new(
            "scopes",
            "Scopes",
            Outcome::Skip,
            "This operation's spec lists no scope.",
        );
    }
    if wanted.iter().all(|w| is_role(w)) {
        return roles(wanted, s);
    }
    let granted: Vec<&str> = s.scopes.iter().map(|g| g.name.as_str()).collect();
    match wanted
        .iter()
        .find_map(|w| granted.iter().find(|g| covers(g, w)))
    {
        Some(g) => Line::new(
            "scopes",
            "Scopes",
            Outcome::Pass,
            format!(
                "{g} — one of the scopes {} accepts ({}).",
                e.operation_id,
                wanted.join(", ")
            ),
        ),
        None => missing_scope(e, s, &granted),
    }
}

/// SLAS Admin checks Account Manager roles, not scopes.
fn roles(wanted: &[&str], s: &Sfcc) -> Line {
    let has: Vec<&str> = s
        .roles
        .iter()
        .map(String::as_str)
        .chain(s.tenant_filter.iter().map(|(r, _)| r.as_str()))
        .collect();
    if let Some(r) = wanted.iter().find(|w| has.contains(w)) {
        return Line::new(
            "scopes",
            "Role",
            Outcome::Pass,
            format!("The token has the {r} role."),
        );
    }
    let need = wanted.join(" or ");
    Line::new(
        "scopes",
        "Role",
        Outcome::Fail,
        format!("Needs the Account Manager role {need}; the token has none of them."),
    )
    .failing(format!("it lacks the {need} role"))
    .with(Finding::new(
        Severity::Error,
        "missing-role",
        format!("Missing the {need} role"),
        "SLAS Admin checks Account Manager roles, not scopes: give the user or API client one of these roles for the tenant.",
    ))
}

/// None of the accepted scopes is granted: which one to add, and whether only its read-only
/// form is there.
fn missing_scope(e: &Endpoint, s: &Sfcc, granted: &[&str]) -> Line {
    let wanted = e.scopes_any_of;
    let fix = wanted
        .iter()
        .find(|w| **w != "sfcc.shopper-standard")
        .or(wanted.first())
        .copied()
        .unwrap_or_default();
    let read_only = wanted.iter().find_map(|w| {
        w.strip_suffix(".rw")
            .and_then(|r| granted.iter().find(|g| **g == r))
    });
    let (why, text) = match read_only {
        Some(have) => (
            format!("it has {have} (read) but the call needs {fix}"),
            format!(
                "The token has {have} (read); {} needs {fix}.",
                e.operation_id
            ),
        ),
        None => (
            format!("it lacks {fix}"),
            match wanted {
                [one] => format!("{one} is not granted; add it to the client's scopes."),
                _ => format!(
                    "None of {} is granted; add {fix} to the client's scopes.",
                    wanted.join(", ")
                ),
            },
        ),
    };
    let mut f = Finding::new(
        Severity::Error,
        "missing-scope",
        format!("{} needs {fix}", e.operation_id),
        text.clone(),
    );
    if s.audience != Audience::Admin {
        f = f.with_error(&errors::SHOPPER_FORBIDDEN);
    } else {
        f.detail
            .push_str(" Admin APIs answer 403 Forbidden (body not documented).");
    }
    let line = Line::new("scopes", "Scopes", Outcome::Fail, text)
        .failing(why)
        .with(f);
    if read_only.is_some() {
        line.decides(TokenCheck::ScopeReadOnly)
    } else {
        line
    }
}

/// The URL's organization id has the form its API wants: SLAS Admin takes the tenant id, the
/// other APIs `f_ecom_<tenant>`.
fn org_id_format(raw: &str, url: &str, slas_admin: bool) -> Option<Finding> {
    if slas_admin && raw.to_ascii_lowercase().starts_with("f_ecom_") {
        Some(
            Finding::new(
                Severity::Error,
                "org-id-format",
                "SLAS Admin takes the tenant id, not the organization id",
                format!("Use {url}, not {raw}, in /tenants/{{tenantId}}."),
            )
            .with_error(&errors::SLAS_ADMIN_TENANT),
        )
    } else if !slas_admin && !raw.starts_with("f_ecom_") {
        Some(Finding::new(
            Severity::Error,
            "org-id-format",
            "The organization id lacks “f_ecom_”",
            format!("Commerce API URLs take the organization id f_ecom_{url}, not {raw}."),
        ))
    } else {
        None
    }
}

/// The tenants the token is for, sorted: an Account Manager token's tenant filter places (or,
/// for SLAS Admin, any tenant it names), a SLAS token's tenant.
fn token_tenants(s: &Sfcc, slas_admin: bool) -> Vec<&str> {
    let mut tenants: Vec<&str> = if s.audience == Audience::Admin {
        s.tenants.places.iter().map(|p| p.tenant.as_str()).collect()
    } else {
        s.tenants.tenant.iter().map(|t| t.id.as_str()).collect()
    };
    crate::inspect::order::sort_by(&mut tenants, |a, b| a < b);
    tenants.dedup();
    if tenants.is_empty() && s.audience == Audience::Admin && slas_admin {
        s.tenants.all.iter().map(String::as_str).collect()
    } else {
        tenants
    }
}

/// The URL's tenant is one the token is for.
pub(super) fn tenant(param: Option<(&str, &str)>, s: &Sfcc) -> Line {
    let Some((param, raw)) = param else {
        return Line::new(
            "tenant",
            "Tenant",
            Outcome::Skip,
            "The URL names no organization.",
        );
    };
    let url = normalise(raw);
    let slas_admin = param == "tenantId";
    let format = org_id_format(raw, &url, slas_admin);
    let tenants = token_tenants(s, slas_admin);
    let line = if tenants.is_empty() {
        Line::new(
            "tenant",
            "Tenant",
            Outcome::Warn,
            format!("The URL is for {url}; the token names no tenant."),
        )
    } else if tenants.contains(&url.as_str()) {
        Line::new(
            "tenant",
            "Tenant",
            Outcome::Pass,
            format!("The URL's {param} {raw} is the token's tenant {url}."),
        )
    } else {
        other_tenant(s, (param, raw), &url, &tenants.join(", "))
    };
    // The format finding comes first in the ranked list, as it explains the mismatch.
    let mut findings: Vec<Finding> = format.into_iter().collect();
    findings.extend(line.findings);
    Line { findings, ..line }
}

/// The URL is for another tenant than the token (`mine`).
fn other_tenant(s: &Sfcc, (param, raw): (&str, &str), url: &str, mine: &str) -> Line {
    let slas_admin = param == "tenantId";
    let mut f = Finding::new(
        Severity::Error,
        "tenant-mismatch-request",
        format!("The call is for tenant {url}, the token for {mine}"),
        format!("The URL's {param} is {raw}, but the token was issued for {mine}: a token only works for its own tenant."),
    );
    if slas_admin {
        f = f.with_error(&errors::SLAS_ADMIN_TENANT);
    } else if s.audience == Audience::Shopper {
        f = f.with_error(&errors::SHOPPER_UNAUTHORIZED);
    }
    let named = if slas_admin {
        raw.to_string()
    } else {
        format!("f_ecom_{url}")
    };
    Line::new(
        "tenant",
        "Tenant",
        Outcome::Fail,
        format!("The URL is for {url}; the token is for {mine}."),
    )
    .failing(format!(
        "it is for tenant {mine} but the URL is for {named}"
    ))
    .with(f)
}

/// The request's site parameter is there when required, and is the SLAS token's site.
fn site(call: &Call, s: &Sfcc) -> Line {
    let Some(param) = call.e.site_param.as_ref() else {
        return Line::new(
            "site",
            "Site",
            Outcome::Skip,
            "This operation takes no site.",
        );
    };
    let name = param.name;
    let given = call
        .request
        .query
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str());
    let shopper = s.audience == Audience::Shopper;
    match (given, s.site.as_deref()) {
        (None, _) if param.required => Line::new(
            "site",
            "Site",
            Outcome::Fail,
            format!("The required {name} parameter is missing."),
        )
        .failing(format!("the required {name} parameter is missing"))
        .with(Finding::new(
            Severity::Warning,
            "site-missing",
            format!("No {name} in the request"),
            format!("{} requires ?{name}=<site id>.", call.e.operation_id),
        )),
        (None, _) => Line::new(
            "site",
            "Site",
            Outcome::Skip,
            format!("No {name} given (optional)."),
        ),
        (Some(g), Some(m)) if g == m => Line::new(
            "site",
            "Site",
            Outcome::Pass,
            format!("{name}={g} is the token's site."),
        ),
        (Some(g), Some(m)) if shopper => Line::new(
            "site",
            "Site",
            Outcome::Fail,
            format!("{name}={g}, but the token is for site {m}."),
        )
        .failing(format!("it is for site {m} but the call asks for {name}={g}"))
        .with(Finding::new(Severity::Error, "site-mismatch", format!("The token is for site {m}, the call for {g}"), format!("A SLAS token for channel_id {m} only works with siteId={m} (SLAS docs); the API rejects it for {g}. The exact status is not documented."))),
        (Some(g), _) if shopper => Line::new(
            "site",
            "Site",
            Outcome::Warn,
            format!("{name}={g}; the token names no site (blank chid)."),
        ),
        (Some(g), _) => Line::new("site", "Site", Outcome::Pass, format!("{name}={g}.")),
    }
}

/// A basket transfer or merge needs a registered shopper; a customer URL must be the shopper's
/// own. `None` when the call names no customer (or the token is not a shopper token).
fn customer(call: &Call, s: &Sfcc) -> Option<Line> {
    if matches!(call.e.operation_id, "transferBasket" | "mergeBasket") && s.guest == Some(true) {
        return Some(
            Line::new(
                "customer",
                "Customer",
                Outcome::Fail,
                "A guest token has no previous customer to transfer or merge from.",
            )
            .failing("a guest token cannot transfer or merge a basket".into())
            .with(
                Finding::new(
                    Severity::Error,
                    "guest-cannot-merge",
                    "Guest token on a basket transfer/merge",
                    "transferBasket and mergeBasket need a registered shopper's token.",
                )
                .with_error(&errors::GUEST_NO_PREVIOUS_CUSTOMER),
            ),
        );
    }
    let (_, id) = call.op.params.iter().find(|(k, _)| k == "customerId")?;
    if s.audience != Audience::Shopper {
        return None;
    }
    Some(match s.customer_id.as_deref() {
        Some(mine) if mine == id => Line::new(
            "customer",
            "Customer",
            Outcome::Pass,
            format!("The customerId {id} is the token's customer."),
        ),
        Some(mine) => Line::new(
            "customer",
            "Customer",
            Outcome::Fail,
            format!("The URL's customerId is {id}; the token's customer is {mine}."),
        )
        .failing(format!(
            "the URL's customer {id} is not the token's customer {mine}"
        ))
        .with(
            Finding::new(
                Severity::Error,
                "customer-mismatch",
                "Another customer's URL",
                format!("The path has customerId {id}, but the token belongs to {mine}."),
            )
            .with_error(&errors::INVALID_CUSTOMER),
        ),
        None => Line::new(
            "customer",
            "Customer",
            Outcome::Warn,
            "The token names no customer id.",
        ),
    })
}
