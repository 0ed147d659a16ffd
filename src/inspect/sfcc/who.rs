//! Whose token it is: client id, shopper or user, customer id, usid, site, agent, display name
//! and the flow variant, read from the parsed claims the way each kind states them
//! (REFERENCE.md §2.5, §3, §4.1, §5).

use super::kind::{SfccKind, Variant};
use super::parsed::{SfccClaims, Subject};

/// The identity answers of one token, before they become rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Who {
    /// See [`super::Sfcc::variant`].
    pub variant: Option<Variant>,
    /// Evidence for the variant, appended to the kind's.
    pub evidence: Vec<String>,
    /// See [`super::Sfcc::guest`].
    pub guest: Option<bool>,
    /// See [`super::Sfcc::site_raw`].
    pub site_raw: Option<String>,
    /// See [`super::Sfcc::client_id`].
    pub client_id: Option<String>,
    /// See [`super::Sfcc::customer_id`].
    pub customer_id: Option<String>,
    /// See [`super::Sfcc::usid`].
    pub usid: Option<String>,
    /// See [`super::Sfcc::agent`].
    pub agent: Option<String>,
    /// See [`super::Sfcc::display_name`].
    pub display_name: Option<String>,
    /// See [`super::Sfcc::roles`].
    pub roles: Vec<String>,
}

fn owned(v: Option<&str>) -> Option<String> {
    v.map(str::to_string)
}

/// Reads the identity answers of a token of `kind`. Any SLAS `sub` first gives the client id
/// and usid; each kind then states its own.
pub fn read(kind: SfccKind, c: &SfccClaims) -> Who {
    let mut w = Who::default();
    if let Some(slas) = c.slas_sub() {
        w.client_id.clone_from(&slas.scid);
        w.usid.clone_from(&slas.usid);
    }
    match kind {
        SfccKind::SlasAccess | SfccKind::LegacySlas2020 => slas(&mut w, c),
        SfccKind::SlasIdToken => {
            w.client_id = owned(c.aud);
            if let Subject::Usid(u) = &c.subject {
                w.usid = Some(u.clone());
            }
            w.display_name = owned(c.text("name"));
        }
        SfccKind::AmAccess => am(&mut w, c),
        SfccKind::OcapiShop | SfccKind::LegacyCommerceApi2021 => json_sub(&mut w, kind, c),
        SfccKind::SlasCallback => {
            w.customer_id = owned(c.text("customer_id"));
            w.usid = owned(c.text("usid"));
        }
        SfccKind::SessionGuest => {
            w.guest = Some(true);
            w.customer_id = owned(c.text("customerId"));
        }
        SfccKind::SessionRegistered => session_registered(&mut w, c),
        SfccKind::ExternalIdp => {
            w.client_id = owned(["cid", "client_id", "azp"].iter().find_map(|k| c.text(k)));
        }
        SfccKind::GenericJwt => {}
    }
    w
}

/// The `isb` keys that name a flow, in the order they decide (REFERENCE.md §2.5).
const FLOW_KEYS: &[(&str, Variant)] = &[
    ("taob", Variant::Taob),
    ("agent", Variant::Taob),
    ("tsob", Variant::Tsob),
    ("sesb", Variant::Sesb),
    ("login", Variant::Pwdless),
];

/// SLAS access (and 2020) tokens: guest iff no non-empty `rcid`, the customer id, site, agent
/// and the flow from `isb`; the 2020 `usid::` subject instead states only usid and guest.
fn slas(w: &mut Who, c: &SfccClaims) {
    if let Subject::Legacy2020 { usid, guest } = &c.subject {
        w.usid = Some(usid.clone());
        w.guest = Some(*guest);
        return;
    }
    let get = |k: &str| owned(c.isb(k));
    let rcid = get("rcid").filter(|r| !r.trim().is_empty());
    let registered = rcid.is_some();
    w.guest = Some(!registered);
    w.customer_id = rcid.or_else(|| get("gcid").filter(|g| !g.trim().is_empty()));
    w.display_name = get("uidn");
    w.agent = get("agent");
    w.site_raw = get("chid");
    let flow = FLOW_KEYS.iter().find(|(k, _)| c.isb(k).is_some());
    w.variant = Some(match flow {
        Some((key, v)) => {
            w.evidence.push(format!("`isb` has `{key}:`"));
            *v
        }
        None if registered => Variant::Registered,
        None => Variant::Guest,
    });
    w.evidence.push(if registered {
        "`isb` has a non-empty `rcid` (registered shopper)".into()
    } else {
        "`isb` has no `rcid` (guest shopper)".into()
    });
}

/// AM tokens: the API client, user or client-credentials grant (REFERENCE.md §1.3 rule 4), roles.
fn am(w: &mut Who, c: &SfccClaims) {
    let sub = c.sub_text();
    w.client_id = owned(c.text("client_id").or(c.aud));
    let grant = c.text("grant_type").unwrap_or("");
    let login = sub.contains('@');
    let user = login || (!grant.is_empty() && grant != "client_credentials");
    w.variant = Some(if user {
        Variant::User
    } else {
        Variant::ClientCredentials
    });
    w.evidence.push(if login {
        "`sub` is a user login (contains `@`): a user token".into()
    } else if user {
        format!("`grant_type` is `{grant}`, not `client_credentials`: a user token")
    } else if grant.is_empty() {
        "`sub` is no user login and there is no `grant_type`: an API client token".into()
    } else {
        "`grant_type` is `client_credentials`: an API client token".into()
    });
    w.roles = c.roles.present().cloned().unwrap_or_default();
}

/// OCAPI Shop (client id `iss`) and 2021 (client id `aud`) tokens: the JSON `sub`'s customer.
fn json_sub(w: &mut Who, kind: SfccKind, c: &SfccClaims) {
    w.client_id = owned(if kind == SfccKind::OcapiShop {
        c.iss
    } else {
        c.aud
    });
    if let Some(info) = c.customer_info() {
        w.customer_id = owned(
            ["customer_id", "customerId"]
                .iter()
                .find_map(|k| info.get(*k).and_then(serde_json::Value::as_str)),
        );
        w.guest = info.get("guest").and_then(serde_json::Value::as_bool);
    }
}

/// `dwsrst`: the registered customer id (`rcustomerId`, else `customerId`) and the name.
fn session_registered(w: &mut Who, c: &SfccClaims) {
    w.guest = Some(false);
    w.customer_id = owned(c.text("rcustomerId").or_else(|| c.text("customerId")));
    let name = [c.text("fname"), c.text("lname")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    w.display_name = (!name.is_empty()).then_some(name);
}
