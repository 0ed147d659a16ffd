//! Classifying a decoded JWS (REFERENCE.md §1.3) and naming its flow variant (§2.5).

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
        ""
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
