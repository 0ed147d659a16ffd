//! The identity panel's rows, from two tables (Account Manager tokens, and every other kind):
//! each row an id, a label, how to get its value and an optional note. A row whose value is
//! absent is left out; the order of the table is the order on the page.

use serde_json::Value;

use super::data;
use super::kind::{SfccKind, Variant};
use super::parsed::SfccClaims;
use super::{IdentityField, Sfcc};
use crate::inspect::claims;

/// How a row is labelled.
enum Label {
    /// Always the same.
    Text(&'static str),
    /// Depends on the kind (and guest flag) of the token.
    By(fn(&Sfcc) -> &'static str),
}

/// The note beside a row's value.
enum Note {
    /// None.
    Empty,
    /// Always the same.
    Text(&'static str),
    /// Computed from the reading, the claims and the row's value.
    By(fn(&Sfcc, &SfccClaims, &str) -> Option<String>),
}

/// One row of a table.
struct Row {
    /// Stable id (`scid`, `usid`, `customer`, `login` …).
    id: &'static str,
    label: Label,
    /// The value, or `None` to leave the row out.
    value: fn(&Sfcc, &SfccClaims) -> Option<String>,
    note: Note,
}

/// The rows of an Account Manager token (REFERENCE.md §4.1).
const AM_ROWS: &[Row] = &[
    Row {
        id: "client-id",
        label: Label::Text("API client id"),
        value: |s, _| s.client_id.clone(),
        note: Note::Empty,
    },
    Row {
        id: "user",
        label: Label::Text("User"),
        value: |s, c| (s.variant == Some(Variant::User)).then(|| c.sub_text().to_string()),
        note: Note::Empty,
    },
    Row {
        id: "grant-type",
        label: Label::Text("Grant type"),
        value: |_, c| owned(c.text("grant_type")),
        note: Note::Empty,
    },
    Row {
        id: "roles",
        label: Label::Text("Roles"),
        value: |s, _| (!s.roles.is_empty()).then(|| s.roles.join(", ")),
        note: Note::By(role_meanings),
    },
    Row {
        id: "tenant-filter",
        label: Label::Text("Tenant filter (role: tenants)"),
        value: |s, _| (!s.tenant_filter.is_empty()).then(|| tenant_filter(s)),
        note: Note::Empty,
    },
];

/// The rows of every other kind (REFERENCE.md §2.5, §3, §5).
const SHOPPER_ROWS: &[Row] = &[
    Row {
        id: "scid",
        label: Label::By(client_label),
        value: |s, _| s.client_id.clone(),
        note: Note::Empty,
    },
    Row {
        id: "usid",
        label: Label::Text("Shopper id (usid)"),
        value: |s, _| s.usid.clone(),
        note: Note::Empty,
    },
    Row {
        id: "customer",
        label: Label::By(customer_label),
        value: |s, _| s.customer_id.clone(),
        note: Note::Empty,
    },
    Row {
        id: "shopper",
        label: Label::Text("Shopper"),
        value: |s, _| {
            s.guest
                .map(|g| if g { "guest" } else { "registered" }.into())
        },
        note: Note::Empty,
    },
    Row {
        id: "login",
        label: Label::Text("Login (upn)"),
        value: |_, c| owned(c.isb("upn").filter(|u| !u.eq_ignore_ascii_case("guest"))),
        note: Note::Empty,
    },
    Row {
        id: "login",
        label: Label::Text("Login / e-mail"),
        value: |_, c| filled(c.text("email")),
        note: Note::Text("`email`"),
    },
    Row {
        id: "login",
        label: Label::Text("Login / e-mail"),
        value: |_, c| filled(c.text("email_id")),
        note: Note::Text("`email_id`"),
    },
    Row {
        id: "login",
        label: Label::Text("Login / e-mail"),
        value: |_, c| filled(c.text("login_id")),
        note: Note::Text("`login_id`"),
    },
    Row {
        id: "display-name",
        label: Label::Text("Display name"),
        value: |s, _| s.display_name.clone(),
        note: Note::Empty,
    },
    Row {
        id: "visit",
        label: Label::Text("Visit id"),
        value: |_, c| {
            let info = c.customer_info()?;
            owned(
                ["visit_id", "visitId"]
                    .iter()
                    .find_map(|k| info.get(*k)?.as_str()),
            )
        },
        note: Note::Empty,
    },
    Row {
        id: "session-customer",
        label: Label::Text("Customer id (customerId)"),
        value: |s, c| {
            let c = c
                .text("customerId")
                .filter(|c| Some(*c) != s.customer_id.as_deref());
            owned(c.filter(|_| s.kind == SfccKind::SessionRegistered))
        },
        note: Note::Empty,
    },
    Row {
        id: "dwsid",
        label: Label::Text("B2C session id (dwsid)"),
        value: |s, c| {
            let session = matches!(s.kind, SfccKind::SessionGuest | SfccKind::SessionRegistered);
            owned(c.text("dwsid").filter(|_| session))
        },
        note: Note::Text("a session id, not a token: keep it private"),
    },
    Row {
        id: "phone",
        label: Label::Text("Phone"),
        value: |_, c| owned(c.text("phone").filter(|v| !v.trim().is_empty())),
        note: Note::Empty,
    },
    Row {
        id: "uido",
        label: Label::Text("Identity origin (uido)"),
        value: |_, c| owned(c.isb("uido")),
        note: Note::By(|_, _, uido| Some(identity_origin(uido).to_string())),
    },
    Row {
        id: "site",
        label: Label::Text("Site (chid)"),
        value: |s, _| s.site_raw.clone(),
        note: Note::By(|s, _, _| {
            s.site
                .is_none()
                .then(|| "blank: this token is not bound to a site".to_string())
        }),
    },
    Row {
        id: "agent",
        label: Label::Text("Agent (TAOB)"),
        value: |s, _| s.agent.clone(),
        note: Note::Empty,
    },
    Row {
        id: "flow",
        label: Label::Text("Flow"),
        value: |s, _| {
            let flow = s
                .variant
                .filter(|v| !matches!(v, Variant::Guest | Variant::Registered));
            flow.map(|v| v.label().to_string())
        },
        note: Note::Empty,
    },
    Row {
        id: "dnt",
        label: Label::Text("Do-not-track (dnt)"),
        value: |_, c| c.payload.get("dnt").map(claims::display),
        note: Note::By(|_, c, _| {
            let dnt = c.payload.get("dnt")?;
            let on = matches!(dnt, Value::Bool(true)) || matches!(dnt.as_str(), Some("1" | "true"));
            Some(if on { "on" } else { "off" }.into())
        }),
    },
];

/// The identity rows of a reading, in display order.
pub fn rows(s: &Sfcc, c: &SfccClaims) -> Vec<IdentityField> {
    let table = if s.kind == SfccKind::AmAccess {
        AM_ROWS
    } else {
        SHOPPER_ROWS
    };
    table
        .iter()
        .filter_map(|row| {
            let value = (row.value)(s, c)?;
            let note = match row.note {
                Note::Empty => None,
                Note::Text(text) => Some(text.to_string()),
                Note::By(note) => note(s, c, &value),
            };
            let label = match row.label {
                Label::Text(text) => text,
                Label::By(label) => label(s),
            };
            Some(IdentityField {
                id: row.id,
                label,
                value,
                note,
            })
        })
        .collect()
}

fn owned(v: Option<&str>) -> Option<String> {
    v.map(str::to_string)
}

fn filled(v: Option<&str>) -> Option<String> {
    owned(v.filter(|v| !v.is_empty()))
}

fn client_label(s: &Sfcc) -> &'static str {
    match s.kind {
        SfccKind::SlasAccess | SfccKind::LegacySlas2020 | SfccKind::GenericJwt => {
            "SLAS client id (scid)"
        }
        SfccKind::SlasIdToken => "SLAS client id (aud)",
        SfccKind::OcapiShop => "OCAPI client id (iss)",
        _ => "Client id",
    }
}

fn customer_label(s: &Sfcc) -> &'static str {
    match (s.kind, s.guest) {
        (SfccKind::SlasAccess, Some(false)) => "Customer id (registered: rcid)",
        (SfccKind::SlasAccess, _) => "Customer id (guest: gcid)",
        _ => "Customer id",
    }
}

/// What an `isb` `uido` value says about the login (REFERENCE.md §2.4).
fn identity_origin(uido: &str) -> &'static str {
    match uido {
        "slas" => "SLAS itself (guest or passwordless login)",
        "ecom" => "B2C Commerce login",
        _ => "an identity provider configured in SLAS",
    }
}

/// `ROLE: tenant, tenant; ROLE2: tenant`.
fn tenant_filter(s: &Sfcc) -> String {
    s.tenant_filter
        .iter()
        .map(|(role, tenants)| format!("{role}: {}", tenants.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// What the roles that matter unlock (data/sfcc/am-roles.json); `None` when none is known.
fn role_meanings(s: &Sfcc, _: &SfccClaims, _: &str) -> Option<String> {
    let known: Vec<String> = s
        .roles
        .iter()
        .filter_map(|r| data::role(r))
        .map(|r| format!("{}: {}", r.id, r.meaning))
        .collect();
    (!known.is_empty()).then(|| known.join("; "))
}
