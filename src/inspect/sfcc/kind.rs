//! Classifying a decoded JWS (REFERENCE.md §1.3) and naming its flow variant (§2.5).

use serde_json::{Map, Value};

/// The SFCC kinds of JWT (ids match `kind` in fixtures/INDEX.json).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SfccKind {
    SlasAccess,
    SlasIdToken,
    SlasCallback,
    SessionGuest,
    SessionRegistered,
    AmAccess,
    OcapiShop,
    ExternalIdp,
    LegacySlas2020,
    LegacyCommerceApi2021,
    GenericJwt,
}

impl SfccKind {
    /// Stable id, as in INDEX.json: `slas-access`, `am-access`, `generic-jwt` …
    pub fn id(self) -> &'static str {
        match self {
            SfccKind::SlasAccess => "slas-access",
            SfccKind::SlasIdToken => "slas-id-token",
            SfccKind::SlasCallback => "slas-callback",
            SfccKind::SessionGuest => "b2c-session-dwsgst",
            SfccKind::SessionRegistered => "b2c-session-dwsrst",
            SfccKind::AmAccess => "am-access",
            SfccKind::OcapiShop => "ocapi-shop",
            SfccKind::ExternalIdp => "external-idp",
            SfccKind::LegacySlas2020 => "legacy-slas-2020",
            SfccKind::LegacyCommerceApi2021 => "legacy-commerce-api-2021",
            SfccKind::GenericJwt => "generic-jwt",
        }
    }

    /// Title shown at the top of the report.
    pub fn title(self) -> &'static str {
        match self {
            SfccKind::SlasAccess => "SLAS shopper access token",
            SfccKind::SlasIdToken => "SLAS id_token (OpenID Connect)",
            SfccKind::SlasCallback => "SLAS callback token (x-slas-callback-token)",
            SfccKind::SessionGuest => "B2C session-bridge guest token (dwsgst)",
            SfccKind::SessionRegistered => "B2C session-bridge registered token (dwsrst)",
            SfccKind::AmAccess => "Account Manager access token",
            SfccKind::OcapiShop => "OCAPI Shop API customer JWT",
            SfccKind::ExternalIdp => "External identity provider token",
            SfccKind::LegacySlas2020 => "Legacy 2020 SLAS token",
            SfccKind::LegacyCommerceApi2021 => "Legacy 2021 Commerce API shopper token",
            SfccKind::GenericJwt => "Generic JWT (no SFCC shape recognised)",
        }
    }

    /// One or two sentences: what it is for and which APIs accept it.
    pub fn explanation(self) -> &'static str {
        match self {
            SfccKind::SlasAccess => "Issued by SLAS (Shopper Login and API Access Service) to a shopper: the bearer token for the Shopper APIs (baskets, products, customers …) of one tenant and one site, valid for 30 minutes.",
            SfccKind::SlasIdToken => "The OpenID Connect identity token SLAS returns next to the access token. It describes the shopper; no Commerce API accepts it as a bearer token.",
            SfccKind::SlasCallback => "Sent by SLAS in the x-slas-callback-token header of passwordless-login and password-reset callbacks, so the merchant's endpoint can verify the call. Not an API token.",
            SfccKind::SessionGuest => "Signed by B2C Commerce for a guest storefront session and passed to the SLAS session-bridge token endpoint to mint a shopper token. Not an API token.",
            SfccKind::SessionRegistered => "Signed for a registered shopper's storefront session and passed to the SLAS session-bridge token endpoint (ECOM 25.4 and later). Not an API token.",
            SfccKind::AmAccess => "Issued by Account Manager to an API client or a user: the bearer token for the Admin APIs, OCAPI Data API and SLAS Admin. Admin APIs also need the SALESFORCE_COMMERCE_API:<tenant> scope.",
            SfccKind::OcapiShop => "Returned by OCAPI Shop API /customers/auth: identifies a shopper for OCAPI Shop calls only, signed with a server secret (HS256). SCAPI does not accept it.",
            SfccKind::ExternalIdp => "A token from a third-party identity provider, such as SLAS returns as idp_access_token. Commerce APIs do not accept it.",
            SfccKind::LegacySlas2020 => "A 2020-era SLAS token shape. Current SLAS no longer issues it, and current APIs will not accept it.",
            SfccKind::LegacyCommerceApi2021 => "A pre-SLAS (2020–21) Commerce API shopper token from Shopper Customers login. Current APIs do not accept it: shoppers now get SLAS tokens.",
            SfccKind::GenericJwt => "A JWT without a recognised SFCC shape: its claims are shown without SFCC interpretation.",
        }
    }
}

/// Flow variant of a SLAS access token, or grant of an AM token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    Guest,
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
        match self {
            Variant::Guest => "guest",
            Variant::Registered => "registered",
            Variant::Tsob => "tsob",
            Variant::Taob => "taob",
            Variant::Sesb => "sesb",
            Variant::Pwdless => "pwdless",
            Variant::ClientCredentials => "client-credentials",
            Variant::User => "user",
        }
    }

    /// Human label: "trusted system on behalf (TSOB)".
    pub fn label(self) -> &'static str {
        match self {
            Variant::Guest => "guest shopper",
            Variant::Registered => "registered shopper",
            Variant::Tsob => "trusted system on behalf (TSOB)",
            Variant::Taob => "trusted agent on behalf (TAOB)",
            Variant::Sesb => "session bridge",
            Variant::Pwdless => "passwordless login",
            Variant::ClientCredentials => "client credentials (API client)",
            Variant::User => "user login",
        }
    }
}

/// The string value of claim `name`.
pub fn text<'a>(map: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    map.get(name).and_then(Value::as_str)
}

/// `sub` parsed as JSON when it holds an object (OCAPI and 2021 Commerce API tokens).
pub fn json_sub(payload: &Map<String, Value>) -> Option<Map<String, Value>> {
    let sub = text(payload, "sub")?.trim();
    if !sub.starts_with('{') {
        return None;
    }
    serde_json::from_str::<Value>(sub)
        .ok()?
        .as_object()
        .cloned()
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

/// Classifies a decoded payload, following REFERENCE.md §1.3 in order, with the evidence.
pub fn classify(
    header: Option<&Map<String, Value>>,
    p: &Map<String, Value>,
) -> (SfccKind, Vec<String>) {
    let sub = text(p, "sub").unwrap_or("");
    let iss = text(p, "iss").unwrap_or("");
    let has = |name: &str| p.contains_key(name);
    let ev = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let header_v = header.is_some_and(|h| h.contains_key("_v"));
    if let Some(inner) = json_sub(p) {
        if (has("_v") || header_v) && inner.contains_key("customer_info") {
            return (
                SfccKind::OcapiShop,
                ev(&[
                    "the token has `_v`",
                    "`sub` is JSON holding `customer_info`",
                ]),
            );
        }
    }
    if sub.starts_with("cc-slas::") && (has("isb") || has("scp")) {
        if text(p, "ctx") == Some("slas.not_for_external_use") {
            return (
                SfccKind::LegacySlas2020,
                ev(&[
                    "`sub` starts with `cc-slas::`",
                    "`ctx` is `slas.not_for_external_use` (2020 SLAS)",
                ]),
            );
        }
        let mut e = ev(&["`sub` starts with `cc-slas::`"]);
        e.push(if has("isb") {
            "it has an `isb`".into()
        } else {
            "it has an `scp`".into()
        });
        return (SfccKind::SlasAccess, e);
    }
    if (sub.starts_with("cc-slas::") || sub.starts_with("usid:"))
        && !sub.starts_with("usid::")
        && iss.ends_with(".shopper.cc.salesforce.com")
    {
        return (
            SfccKind::SlasIdToken,
            ev(&[
                "`sub` is a SLAS subject",
                "`iss` ends with `.shopper.cc.salesforce.com`",
            ]),
        );
    }
    if is_am_issuer(iss) {
        return (
            SfccKind::AmAccess,
            ev(&["`iss` is the Account Manager OAuth2 issuer"]),
        );
    }
    if text(p, "cts") == Some("OAUTH2_STATELESS_GRANT") {
        return (
            SfccKind::AmAccess,
            ev(&["`cts` is `OAUTH2_STATELESS_GRANT` (Account Manager)"]),
        );
    }
    if has("tenantId") && has("dwsid") && has("type") {
        return match text(p, "type") {
            Some("R") => (
                SfccKind::SessionRegistered,
                ev(&["it has `tenantId`, `dwsid` and `type` `R`"]),
            ),
            _ => (
                SfccKind::SessionGuest,
                ev(&["it has `tenantId`, `dwsid` and `type` `G`"]),
            ),
        };
    }
    if (has("email_id") || has("login_id")) && has("token") && iss.starts_with("slas/") {
        return (
            SfccKind::SlasCallback,
            ev(&[
                "it has `email_id`/`login_id` and a one-time `token`",
                "`iss` starts with `slas/`",
            ]),
        );
    }
    if sub.starts_with("usid::") || iss.starts_with("core/") {
        return (
            SfccKind::LegacySlas2020,
            ev(&["`sub` starts with `usid::` or `iss` with `core/` (2020 SLAS)"]),
        );
    }
    if iss.starts_with("commercecloud/production/") && json_sub(p).is_some() {
        return (
            SfccKind::LegacyCommerceApi2021,
            ev(&[
                "`iss` starts with `commercecloud/production/`",
                "`sub` is JSON",
            ]),
        );
    }
    if iss.starts_with("https://") {
        return (
            SfccKind::ExternalIdp,
            ev(&["`iss` is an https identity provider URL that is not Account Manager"]),
        );
    }
    (SfccKind::GenericJwt, Vec::new())
}
