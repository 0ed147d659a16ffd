//! The SFCC findings that do not depend on the clock, one small rule each (tenant mismatch,
//! blank site, unusual tenant, lifetime, test token, legacy or non-API kind), combined by
//! [`findings`].

use super::data::{self, Bearer};
use super::kind::SfccKind;
use super::parsed::SfccClaims;
use super::tenant::TenantPlace;
use super::{Audience, Sfcc};
use crate::inspect::errors;
use crate::inspect::findings::{Finding, Severity};
use crate::inspect::time;

/// One rule: the finding it raises for a reading and its claims, if any.
type Rule = fn(&Sfcc, &SfccClaims) -> Option<Finding>;

/// Every rule, in the order their findings are listed.
const RULES: &[Rule] = &[
    tenant_mismatch,
    blank_site,
    unusual_tenant,
    lifetime,
    test_token,
    not_for_apis,
];

/// The findings of every rule, in rule order.
pub fn findings(s: &Sfcc, c: &SfccClaims) -> Vec<Finding> {
    RULES.iter().filter_map(|rule| rule(s, c)).collect()
}

/// Two places naming different tenants. An AM token may name several tenants on purpose
/// (one role, several tenants): there, only a `scope` tenant missing from the
/// `SALESFORCE_COMMERCE_API` role of `tenantFilter` is a conflict.
fn tenant_conflict(s: &Sfcc) -> Option<(&TenantPlace, &TenantPlace)> {
    if s.kind != SfccKind::AmAccess {
        return s.tenants.disagreeing();
    }
    let places = &s.tenants.places;
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

fn tenant_mismatch(s: &Sfcc, _: &SfccClaims) -> Option<Finding> {
    let (a, b) = tenant_conflict(s)?;
    let f = Finding::new(
        Severity::Error,
        "tenant-mismatch",
        format!("`{}` says {} but `{}` says {}", b.place, b.tenant, a.place, a.tenant),
        "The token names two different tenants (compared case-insensitively, without f_ecom_). A token is \
         only accepted by the tenant that issued it, so one of these values was altered or the token was \
         assembled by hand.",
    );
    Some(if s.audience == Audience::Shopper {
        f.with_error(&errors::SHOPPER_UNAUTHORIZED)
    } else {
        f
    })
}

fn blank_site(s: &Sfcc, _: &SfccClaims) -> Option<Finding> {
    (s.site_raw.is_some() && s.site.is_none()).then(|| {
        Finding::new(
            Severity::Warning,
            "blank-site",
            "The site (chid) is blank",
            "`isb` has a `chid` with no site id: the token was minted without a channel_id, so it is not \
             bound to a site. SLAS requires channel_id on token requests; Shopper API calls with siteId may fail.",
        )
    })
}

fn unusual_tenant(s: &Sfcc, _: &SfccClaims) -> Option<Finding> {
    let t = s.tenants.tenant.as_ref().filter(|t| t.unusual)?;
    Some(Finding::new(
        Severity::Info,
        "unusual-tenant",
        format!("Unusual tenant id “{}”", t.id),
        "A tenant id is usually a 4-character realm, “_”, and an instance: prd, stg, dev, a 3-digit sandbox \
         number or s01–s99.",
    ))
}

/// `exp − iat` differs from the documented lifetime of the kind (data/sfcc/lifetimes.json).
fn lifetime(s: &Sfcc, c: &SfccClaims) -> Option<Finding> {
    let expected = data::expected_lifetime(s.kind, s.variant)?.seconds;
    let life = c.exp?.saturating_sub(c.iat?);
    if u64::try_from(life).is_ok_and(|l| l == expected) {
        return None;
    }
    let lives = match u64::try_from(life) {
        Ok(l) => format!("lives {}", time::duration(l)),
        Err(_) => "expires before it was issued".to_string(),
    };
    Some(Finding::new(
        Severity::Info,
        "lifetime",
        format!(
            "Lifetime {} instead of {}",
            time::duration(life.unsigned_abs()),
            time::duration(expected)
        ),
        format!(
            "{} tokens live {} (exp − iat); this one {lives}. It was probably made or edited by hand (a test token).",
            s.kind.title(),
            time::duration(expected),
        ),
    ))
}

/// SLAS-shaped but not signed ES256 (REFERENCE.md §9.1).
fn test_token(s: &Sfcc, c: &SfccClaims) -> Option<Finding> {
    let alg = c.alg.unwrap_or("");
    let resigned = s.kind == SfccKind::SlasAccess
        && !alg.is_empty()
        && alg != "ES256"
        && !alg.eq_ignore_ascii_case("none");
    resigned.then(|| {
        Finding::new(
            Severity::Info,
            "test-token",
            format!("SLAS-shaped but signed with {alg}"),
            "Real SLAS tokens are signed ES256 with the tenant's keys. This one is probably a test token \
             re-signed by hand; no Commerce API will accept its signature.",
        )
    })
}

/// A legacy shape, or a kind no Commerce API takes as a bearer token (data/sfcc/token-kinds.json).
fn not_for_apis(s: &Sfcc, _: &SfccClaims) -> Option<Finding> {
    let explanation = s.kind.explanation();
    match s.kind.info().bearer {
        Bearer::Legacy => Some(Finding::new(
            Severity::Warning,
            "legacy-format",
            "A legacy token format",
            format!("{explanation} Get a current SLAS token instead."),
        )),
        Bearer::NotABearer(title) => Some(Finding::new(
            Severity::Info,
            "not-an-api-token",
            title,
            explanation,
        )),
        Bearer::Current | Bearer::Unknown => None,
    }
}
