//! Findings that depend on the clock: expired, not yet valid, expiring soon, issued in the
//! future. Each is a small rule over the claims and `now`.

use super::shape::Claims;
use crate::inspect::catalog::Audience;
use crate::inspect::errors::{self, ApiError};
use crate::inspect::findings::{Finding, Severity};
use crate::inspect::time::{duration, iso_utc, TimeStatus, UnixTime, SKEW_ALLOWANCE};

/// A valid token with less than this many seconds left is flagged as expiring.
pub const EXPIRING_SOON: i64 = 300;

/// Every clock finding about `claims` at `now` (none for an empty claims set).
pub fn findings(claims: &Claims, now: UnixTime) -> Vec<Finding> {
    if claims.rows.is_empty() {
        return Vec::new();
    }
    [
        expired(claims, now),
        not_yet_valid(claims, now),
        expiring(claims, now),
        issued_in_future(claims, now),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The documented 401 body for an invalid token of this audience (REFERENCE.md §8.1, §8.2).
fn unauthorized(claims: &Claims) -> Option<&'static ApiError> {
    match claims.sfcc.audience {
        Audience::Shopper => Some(&errors::SHOPPER_UNAUTHORIZED),
        Audience::Admin => Some(&errors::ADMIN_INVALID_TOKEN),
        _ => None,
    }
}

/// `finding`, with the 401 body of this audience when there is one.
fn with_401(finding: Finding, claims: &Claims) -> Finding {
    match unauthorized(claims) {
        Some(error) => finding.with_error(error),
        None => finding,
    }
}

fn expired(claims: &Claims, now: UnixTime) -> Option<Finding> {
    let t = &claims.times;
    (t.status(now) == TimeStatus::Expired).then(|| {
        let exp = t.at("exp").unwrap_or(now);
        let finding = Finding::new(
            Severity::Error,
            "expired",
            format!("Expired {} ago", duration(exp.abs_diff(now))),
            format!(
                "It expired at {}. Any API answers 401 Unauthorized: get a new token (SLAS: refresh it).",
                iso_utc(exp)
            ),
        );
        with_401(finding, claims)
    })
}

fn not_yet_valid(claims: &Claims, now: UnixTime) -> Option<Finding> {
    let t = &claims.times;
    (t.status(now) == TimeStatus::NotYetValid).then(|| {
        let nbf = t.at("nbf").unwrap_or(now);
        let finding = Finding::new(
            Severity::Error,
            "not-yet-valid",
            format!("Not valid for another {}", duration(nbf.abs_diff(now))),
            format!(
                "“nbf” is {}: the token is not valid yet. Check the clock of the machine that issued it, or this one.",
                iso_utc(nbf)
            ),
        );
        with_401(finding, claims)
    })
}

fn expiring(claims: &Claims, now: UnixTime) -> Option<Finding> {
    let t = &claims.times;
    let left = t.at("exp").unwrap_or(now).saturating_sub(now);
    (t.status(now) == TimeStatus::Valid && left <= EXPIRING_SOON).then(|| {
        Finding::new(
            Severity::Warning,
            "expiring",
            format!("Expires in {}", duration(left.unsigned_abs())),
            "Clients refresh a token 60 s before it expires (PWA Kit, b2c-developer-tooling): a call made with it in \
             a few minutes will get 401 Unauthorized.",
        )
    })
}

fn issued_in_future(claims: &Claims, now: UnixTime) -> Option<Finding> {
    let iat = claims
        .times
        .at("iat")
        .filter(|iat| *iat > now + SKEW_ALLOWANCE)?;
    Some(Finding::new(
        Severity::Warning,
        "iat-future",
        format!("Issued {} in the future", duration(iat.abs_diff(now))),
        "“iat” is later than this computer's clock: one of the two clocks is wrong.",
    ))
}
