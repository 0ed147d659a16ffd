//! Two credentials side by side — "this one works, that one fails": what each is, whose tenant,
//! site, client and customer, their times, the scopes one has and the other lacks, and every
//! claim that differs.

use serde_json::Value;

use super::claims::display;
use super::credential::Credential;
use super::time::{duration, iso_utc, UnixTime};

/// One line of the side-by-side table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// What is compared: "Tenant".
    pub label: &'static str,
    /// The first credential's value ("—" when it has none).
    pub a: String,
    /// The second's.
    pub b: String,
}

impl Line {
    /// Both say the same.
    pub fn same(&self) -> bool {
        self.a == self.b
    }
}

/// A claim whose value differs, or that only one of them has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimChange {
    /// The claim.
    pub name: String,
    /// Its value in the first, if there.
    pub a: Option<String>,
    /// Its value in the second, if there.
    pub b: Option<String>,
}

/// Two credentials compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// Where each was found (the tab labels).
    pub labels: (String, String),
    /// What each is, whose, and when.
    pub lines: Vec<Line>,
    /// Scopes the second has and the first lacks.
    pub added: Vec<String>,
    /// Scopes the first has and the second lacks.
    pub removed: Vec<String>,
    /// Claims that differ (the time claims and `jti` are in `lines`, not here).
    pub claims: Vec<ClaimChange>,
}

/// Claims every fresh token changes: compared as times in the lines, not listed as changes.
const ALWAYS_NEW: &[&str] = &["iat", "exp", "nbf", "auth_time", "jti"];

const NONE: &str = "—";

/// Compares `a` with `b` at `now`.
pub fn compare(a: &Credential, b: &Credential, now: UnixTime) -> Comparison {
    let lines = FACTS
        .iter()
        .map(|(label, fact)| Line {
            label,
            a: fact(a, now).unwrap_or_else(|| NONE.into()),
            b: fact(b, now).unwrap_or_else(|| NONE.into()),
        })
        .filter(|l| l.a != NONE || l.b != NONE)
        .collect();
    let (sa, sb) = (scopes(a), scopes(b));
    Comparison {
        labels: (a.label.clone(), b.label.clone()),
        lines,
        added: sb.iter().filter(|s| !sa.contains(s)).cloned().collect(),
        removed: sa.iter().filter(|s| !sb.contains(s)).cloned().collect(),
        claims: claim_changes(a, b),
    }
}

fn scopes(c: &Credential) -> Vec<String> {
    c.sfcc()
        .map(|s| s.scopes.iter().map(|g| g.name.clone()).collect())
        .unwrap_or_default()
}

type Fact = fn(&Credential, UnixTime) -> Option<String>;

/// The lines, in order: each reads one fact of a credential.
const FACTS: &[(&str, Fact)] = &[
    ("Kind", |c, _| Some(c.title().to_string())),
    ("Variant", |c, _| {
        c.sfcc()?.variant.map(|v| v.label().to_string())
    }),
    ("Tenant", |c, _| {
        let s = c.sfcc()?;
        match &s.tenants.tenant {
            Some(t) => Some(t.id.clone()),
            None => (!s.tenants.all.is_empty()).then(|| s.tenants.all.join(", ")),
        }
    }),
    ("Organization id", |c, _| {
        Some(c.sfcc()?.tenants.tenant.as_ref()?.org_id.clone())
    }),
    ("Site", |c, _| c.sfcc()?.site.clone()),
    ("Client id", |c, _| c.sfcc()?.client_id.clone()),
    ("Customer id", |c, _| c.sfcc()?.customer_id.clone()),
    ("usid", |c, _| c.sfcc()?.usid.clone()),
    ("Shopper", |c, _| {
        c.sfcc()?
            .guest
            .map(|g| if g { "guest" } else { "registered" }.to_string())
    }),
    ("Algorithm", |c, _| header(c, "alg")),
    ("Key id (kid)", |c, _| header(c, "kid")),
    ("Issuer (iss)", |c, _| claim(c, "iss")),
    ("Audience (aud)", |c, _| claim(c, "aud")),
    ("Issued (iat)", |c, _| c.times().at("iat").map(iso_utc)),
    ("Expires (exp)", |c, _| c.times().at("exp").map(iso_utc)),
    ("Lifetime", |c, _| {
        c.times().lifetime().map(|l| duration(l.unsigned_abs()))
    }),
    ("Now", |c, now| {
        c.time_status(now).map(|s| s.id().replace('_', " "))
    }),
    ("Scopes", |c, _| {
        c.sfcc()
            .map(|s| s.scopes.len())
            .filter(|n| *n > 0)
            .map(|n| n.to_string())
    }),
];

fn header(c: &Credential, name: &str) -> Option<String> {
    let v = c.jose()?.header.object()?.get(name)?;
    Some(display(v))
}

fn claim(c: &Credential, name: &str) -> Option<String> {
    let v = c.jose()?.payload.object()?.get(name)?;
    Some(display(v))
}

/// Every claim that differs between the two, in the first's order, then the second's own.
fn claim_changes(a: &Credential, b: &Credential) -> Vec<ClaimChange> {
    let empty = serde_json::Map::new();
    let pa = a.jose().and_then(|j| j.payload.object()).unwrap_or(&empty);
    let pb = b.jose().and_then(|j| j.payload.object()).unwrap_or(&empty);
    let shown = |v: Option<&Value>| v.map(display);
    let mut changes: Vec<ClaimChange> = pa
        .iter()
        .filter(|(k, v)| !ALWAYS_NEW.contains(&k.as_str()) && pb.get(*k) != Some(*v))
        .map(|(k, v)| ClaimChange {
            name: k.clone(),
            a: Some(display(v)),
            b: shown(pb.get(k)),
        })
        .collect();
    changes.extend(
        pb.iter()
            .filter(|(k, _)| !ALWAYS_NEW.contains(&k.as_str()) && !pa.contains_key(*k))
            .map(|(k, v)| ClaimChange {
                name: k.clone(),
                a: None,
                b: Some(display(v)),
            }),
    );
    changes
}
