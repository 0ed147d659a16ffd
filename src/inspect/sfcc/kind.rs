//! Classifying a decoded JWS (REFERENCE.md §1.3) and naming its flow variant (§2.5). The titles,
//! explanations and labels are data (data/sfcc/token-kinds.json, see [`super::data`]); the rules
//! that recognise each kind are the small functions of [`classify`], tried in the order of §1.3.

use super::parsed::SfccClaims;

/// The SFCC kinds of JWT (ids match `kind` in fixtures/INDEX.json).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SfccKind {
    /// SLAS shopper access token (§2).
    SlasAccess,
    /// SLAS OpenID Connect id_token (§3.1).
    SlasIdToken,
    /// SLAS `x-slas-callback-token` (§3.2).
    SlasCallback,
    /// Session-bridge guest input `dwsgst` (§3.3).
    SessionGuest,
    /// Session-bridge registered input `dwsrst` (§3.3).
    SessionRegistered,
    /// Account Manager access token (§4).
    AmAccess,
    /// OCAPI Shop API customer JWT (§5.1).
    OcapiShop,
    /// A third-party identity provider token (§1.2).
    ExternalIdp,
    /// A 2020 SLAS token (§5.2).
    LegacySlas2020,
    /// A 2021 pre-SLAS Commerce API shopper token (§5.2).
    LegacyCommerceApi2021,
    /// No SFCC shape recognised.
    GenericJwt,
}

impl SfccKind {
    /// Every kind, in the order of data/sfcc/token-kinds.json.
    pub const ALL: [SfccKind; 11] = [
        SfccKind::SlasAccess,
        SfccKind::SlasIdToken,
        SfccKind::SlasCallback,
        SfccKind::SessionGuest,
        SfccKind::SessionRegistered,
        SfccKind::AmAccess,
        SfccKind::OcapiShop,
        SfccKind::ExternalIdp,
        SfccKind::LegacySlas2020,
        SfccKind::LegacyCommerceApi2021,
        SfccKind::GenericJwt,
    ];

    /// Stable id, as in INDEX.json: `slas-access`, `am-access`, `generic-jwt` …
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// Title shown at the top of the report.
    pub fn title(self) -> &'static str {
        self.info().title
    }

    /// One or two sentences: what it is for and which APIs accept it.
    pub fn explanation(self) -> &'static str {
        self.info().explanation
    }
}

/// Flow variant of a SLAS access token, or grant of an AM token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// A guest shopper (no non-empty `rcid`).
    Guest,
    /// A registered shopper (`isb` has a non-empty `rcid`).
    Registered,
    /// Trusted system on behalf (`isb` `tsob:`).
    Tsob,
    /// Trusted agent on behalf (`isb` `taob:` / `agent:`).
    Taob,
    /// Session bridge (`isb` `sesb:`).
    Sesb,
    /// Passwordless login (`isb` `login:`).
    Pwdless,
    /// AM client credentials grant.
    ClientCredentials,
    /// AM user login.
    User,
}

impl Variant {
    /// Id as in INDEX.json `expect.variant`: `guest`, `tsob`, `client-credentials` …
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// Human label: "trusted system on behalf (TSOB)".
    pub fn label(self) -> &'static str {
        self.info().label
    }
}

/// `https://account[-podN].demandware.(com|net)[:443]/dwsso/oauth2` (REFERENCE.md §1.3 rule 4).
pub fn is_am_issuer(iss: &str) -> bool {
    let Some(rest) = iss.strip_prefix("https://account") else {
        return false;
    };
    let rest = match rest.strip_prefix("-pod") {
        Some(pod) => {
            let digits = pod.chars().take_while(char::is_ascii_digit).count();
            if digits == 0 {
                return false;
            }
            &pod[digits..]
        }
        None => rest,
    };
    let Some(rest) = rest
        .strip_prefix(".demandware.com")
        .or_else(|| rest.strip_prefix(".demandware.net"))
    else {
        return false;
    };
    let rest = rest.strip_prefix(":443").unwrap_or(rest);
    rest == "/dwsso/oauth2"
}

/// One rule of §1.3: the kind it recognises, with the evidence, or `None` to try the next.
type Rule = fn(&SfccClaims) -> Option<(SfccKind, Vec<String>)>;

/// The rules of REFERENCE.md §1.3, in order; the first that matches decides.
const RULES: &[Rule] = &[
    ocapi_shop,
    slas_access,
    slas_id_token,
    am_access,
    session_bridge,
    slas_callback,
    legacy,
    external_idp,
];

/// Classifies decoded claims, following REFERENCE.md §1.3 in order, with the evidence.
pub fn classify(c: &SfccClaims) -> (SfccKind, Vec<String>) {
    RULES
        .iter()
        .find_map(|rule| rule(c))
        .unwrap_or((SfccKind::GenericJwt, Vec::new()))
}

fn found(kind: SfccKind, evidence: &[&str]) -> Option<(SfccKind, Vec<String>)> {
    Some((kind, evidence.iter().map(|s| s.to_string()).collect()))
}

/// Rule 1: `_v` and a JSON `sub` holding `customer_info`.
fn ocapi_shop(c: &SfccClaims) -> Option<(SfccKind, Vec<String>)> {
    let inner = c.json_sub()?;
    (c.has_v && inner.contains_key("customer_info")).then_some(())?;
    found(
        SfccKind::OcapiShop,
        &[
            "the token has `_v`",
            "`sub` is JSON holding `customer_info`",
        ],
    )
}

/// Rule 2: a `cc-slas::` `sub` with `isb` or `scp`; the 2020 context makes it legacy.
fn slas_access(c: &SfccClaims) -> Option<(SfccKind, Vec<String>)> {
    let slas = c.sub_text().starts_with("cc-slas::") && (c.isb.exists() || c.has("scp"));
    slas.then_some(())?;
    if c.text("ctx") == Some("slas.not_for_external_use") {
        return found(
            SfccKind::LegacySlas2020,
            &[
                "`sub` starts with `cc-slas::`",
                "`ctx` is `slas.not_for_external_use` (2020 SLAS)",
            ],
        );
    }
    let second = if c.isb.exists() {
        "it has an `isb`"
    } else {
        "it has an `scp`"
    };
    found(
        SfccKind::SlasAccess,
        &["`sub` starts with `cc-slas::`", second],
    )
}

/// Rule 3: a SLAS subject and a `….shopper.cc.salesforce.com` issuer.
fn slas_id_token(c: &SfccClaims) -> Option<(SfccKind, Vec<String>)> {
    let sub = c.sub_text();
    let subject =
        (sub.starts_with("cc-slas::") || sub.starts_with("usid:")) && !sub.starts_with("usid::");
    (subject && c.iss.unwrap_or("").ends_with(".shopper.cc.salesforce.com")).then_some(())?;
    found(
        SfccKind::SlasIdToken,
        &[
            "`sub` is a SLAS subject",
            "`iss` ends with `.shopper.cc.salesforce.com`",
        ],
    )
}

/// Rule 4: the Account Manager issuer or `cts` `OAUTH2_STATELESS_GRANT`.
fn am_access(c: &SfccClaims) -> Option<(SfccKind, Vec<String>)> {
    if is_am_issuer(c.iss.unwrap_or("")) {
        return found(
            SfccKind::AmAccess,
            &["`iss` is the Account Manager OAuth2 issuer"],
        );
    }
    (c.text("cts") == Some("OAUTH2_STATELESS_GRANT")).then_some(())?;
    found(
        SfccKind::AmAccess,
        &["`cts` is `OAUTH2_STATELESS_GRANT` (Account Manager)"],
    )
}

/// Rule 5: `tenantId`, `dwsid` and `type` (`R` registered, otherwise guest).
fn session_bridge(c: &SfccClaims) -> Option<(SfccKind, Vec<String>)> {
    (c.has("tenantId") && c.has("dwsid") && c.has("type")).then_some(())?;
    match c.text("type") {
        Some("R") => found(
            SfccKind::SessionRegistered,
            &["it has `tenantId`, `dwsid` and `type` `R`"],
        ),
        _ => found(
            SfccKind::SessionGuest,
            &["it has `tenantId`, `dwsid` and `type` `G`"],
        ),
    }
}

/// Rule 6: `email_id`/`login_id`, a one-time `token` and a `slas/…` issuer.
fn slas_callback(c: &SfccClaims) -> Option<(SfccKind, Vec<String>)> {
    let login = c.has("email_id") || c.has("login_id");
    (login && c.has("token") && c.iss.unwrap_or("").starts_with("slas/")).then_some(())?;
    found(
        SfccKind::SlasCallback,
        &[
            "it has `email_id`/`login_id` and a one-time `token`",
            "`iss` starts with `slas/`",
        ],
    )
}

/// Rule 7: the 2020 SLAS `usid::` subject or `core/` issuer; the 2021 `commercecloud/production/`
/// issuer with a JSON `sub`.
fn legacy(c: &SfccClaims) -> Option<(SfccKind, Vec<String>)> {
    let iss = c.iss.unwrap_or("");
    if c.sub_text().starts_with("usid::") || iss.starts_with("core/") {
        return found(
            SfccKind::LegacySlas2020,
            &["`sub` starts with `usid::` or `iss` with `core/` (2020 SLAS)"],
        );
    }
    (iss.starts_with("commercecloud/production/") && c.json_sub().is_some()).then_some(())?;
    found(
        SfccKind::LegacyCommerceApi2021,
        &[
            "`iss` starts with `commercecloud/production/`",
            "`sub` is JSON",
        ],
    )
}

/// Rule 8 (in part): any other https issuer is an identity provider.
fn external_idp(c: &SfccClaims) -> Option<(SfccKind, Vec<String>)> {
    c.iss.unwrap_or("").starts_with("https://").then_some(())?;
    found(
        SfccKind::ExternalIdp,
        &["`iss` is an https identity provider URL that is not Account Manager"],
    )
}
