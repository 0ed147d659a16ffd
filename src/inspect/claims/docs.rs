//! Claim and header-parameter descriptions, as data. One row per name and place; adding a
//! description is a one-line change. `source` names where the meaning comes from
//! (see ../shared/sfcc/REFERENCE.md for the SFCC ones).

/// Where a name appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A JOSE header parameter.
    Header,
    /// A claim of the payload (the claims set).
    Payload,
}

/// A short explanation of one claim or header parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimDoc {
    /// The name as written in the token.
    pub name: &'static str,
    /// Where the name has this meaning.
    pub place: Place,
    /// What it means, in one or two sentences.
    pub text: &'static str,
    /// The RFC or SFCC document that defines it.
    pub source: &'static str,
}

const fn h(name: &'static str, text: &'static str, source: &'static str) -> ClaimDoc {
    ClaimDoc {
        name,
        place: Place::Header,
        text,
        source,
    }
}

const fn p(name: &'static str, text: &'static str, source: &'static str) -> ClaimDoc {
    ClaimDoc {
        name,
        place: Place::Payload,
        text,
        source,
    }
}

const RFC7515: &str = "RFC 7515 §4.1";
const RFC7516: &str = "RFC 7516 §4.1";
const RFC7519: &str = "RFC 7519 §4.1";
const OIDC: &str = "OpenID Connect Core 1.0 §2, §5.1";
const SLAS: &str =
    "SLAS guide (developer.salesforce.com …/commerce-api/guide/slas.html); REFERENCE.md §2";
const SLAS_OBS: &str = "observed in SLAS tokens, undocumented; REFERENCE.md §2.1–2.2";
const AM: &str = "observed in Account Manager tokens; REFERENCE.md §4.1";
const OCAPI: &str = "OCAPI JWT guide (b2c-commerce-ocapi/jwt.html); REFERENCE.md §5.1";
const SESB: &str = "SLAS spec SessionBridgeTokenRequest (auth-oas); REFERENCE.md §3.3";
const CALLBACK: &str = "SLAS guide, password-action callback; REFERENCE.md §3.2";

/// Every described name. Order does not matter; lookups are by name and place.
pub const CLAIM_DOCS: &[ClaimDoc] = &[
    // JOSE header parameters
    h("alg", "Signature (JWS) or key-management (JWE) algorithm. SLAS signs ES256, Account Manager RS256, OCAPI HS256.", RFC7515),
    h("typ", "Media type of the token: \"jwt\" (lower case) in SLAS tokens, \"JWT\" elsewhere.", RFC7515),
    h("kid", "Key id: which key of the issuer's key set (JWKS) signed the token.", RFC7515),
    h("jku", "SLAS: \"slas/<env>/<tenant>\", the same value as the payload iss (the standard meaning is a JWKS URL).", SLAS),
    h("ver", "SLAS token format version, \"1.0\".", SLAS_OBS),
    h("clv", "SLAS library version that issued the token (J2.1.0 in 2020–21, J2.3.4 since 2022).", SLAS_OBS),
    h("cty", "Content type of the payload: \"JWT\" when a JWE wraps a signed token.", RFC7515),
    h("enc", "JWE content-encryption algorithm (e.g. A256GCM).", RFC7516),
    h("zip", "JWE compression applied before encryption.", RFC7516),
    h("x5t", "SHA-1 thumbprint of the signing certificate.", RFC7515),
    h("x5t#S256", "SHA-256 thumbprint of the signing certificate.", RFC7515),
    h("x5u", "URL of the signing certificate chain.", RFC7515),
    h("x5c", "The signing certificate chain itself.", RFC7515),
    h("jwk", "The public key that signed the token, embedded (never trust it on its own).", RFC7515),
    h("crit", "Header parameters the receiver must understand.", RFC7515),
    h("_v", "OCAPI JWT format version, \"1\".", OCAPI),
    // Registered claims (RFC 7519)
    p("iss", "Issuer. SLAS: slas/<env>/<tenant>; Account Manager: https://account.demandware.com:443/dwsso/oauth2; SLAS id_token: prd.us.shopper.cc.salesforce.com; OCAPI: the OCAPI client id.", RFC7519),
    p("sub", "Subject. SLAS: cc-slas::<tenant>::scid:<SLAS client id>::usid:<shopper id>; Account Manager: the API client id or the user's login; OCAPI: a JSON string with customer_info.", RFC7519),
    p("aud", "Audience. SLAS access token: commercecloud/<env>/<tenant>; SLAS id_token and Account Manager: the client id.", RFC7519),
    p("exp", "Expiry: the token must not be accepted at or after this instant (seconds since 1970).", RFC7519),
    p("nbf", "Not before: the token must not be accepted before this instant. SLAS sets it 30 s before iat.", RFC7519),
    p("iat", "Issued at: when the token was created.", RFC7519),
    p("jti", "Unique token id. SLAS: C2C<digits>-<digits> (older) or C2C-<digits>.", RFC7519),
    // OpenID Connect
    p("auth_time", "When the user actually authenticated (OIDC).", OIDC),
    p("nonce", "Value from the authentication request, echoed to stop replay (OIDC).", OIDC),
    p("azp", "Authorized party: the client the token was issued to (OIDC).", OIDC),
    p("name", "User's display name (OIDC). In a SLAS id_token, the shopper's name.", OIDC),
    p("email", "User's e-mail address (OIDC; SLAS id_token).", OIDC),
    p("email_verified", "Whether the e-mail address was verified (OIDC).", OIDC),
    p("given_name", "User's first name (OIDC).", OIDC),
    p("family_name", "User's last name (OIDC).", OIDC),
    p("preferred_username", "User's preferred login name (OIDC).", OIDC),
    p("at_hash", "Hash of the access token issued with this id_token (OIDC).", OIDC),
    p("c_hash", "Hash of the authorization code issued with this id_token (OIDC).", OIDC),
    p("acr", "Authentication context class reference (OIDC).", OIDC),
    p("amr", "Authentication methods used, e.g. pwd, otp (RFC 8176).", OIDC),
    p("sid", "Session id at the identity provider (OIDC front-channel logout).", OIDC),
    p("scope", "Granted scopes. Account Manager: a JSON array such as [\"SALESFORCE_COMMERCE_API:abcd_001\", \"sfcc.orders.rw\", \"mail\"]; elsewhere a space-separated string.", "RFC 8693 §4.2; REFERENCE.md §4.1, §7"),
    // SLAS shopper access token
    p("scp", "SLAS: granted scopes, space-separated (the SLAS client's scopes unless fewer were requested). IDP tokens: an array.", SLAS),
    p("isb", "SLAS issuer subject: key:value pairs joined by :: — uido (identity origin), upn (login or Guest), uidn (display name), gcid/rcid (guest/registered customer id), chid (site), and flow markers tsob, taob, agent, sesb, login.", SLAS),
    p("ctx", "SLAS context, \"slas\" (2020 tokens: slas.not_for_external_use or sfdc.commercecloud).", SLAS_OBS),
    p("ist", "SLAS claim, always 1; meaning undocumented.", SLAS_OBS),
    p("dnt", "SLAS: the shopper's Do-Not-Track preference, \"0\" or \"1\" (TAOB tokens default to \"1\").", SLAS),
    p("aut", "SLAS claim, \"GUID\"; meaning undocumented.", SLAS_OBS),
    p("sty", "SLAS subject type, \"User\" for guests and registered shoppers alike: never use it to tell them apart.", SLAS_OBS),
    // SLAS callback token
    p("email_id", "SLAS callback: the shopper's e-mail address.", CALLBACK),
    p("login_id", "SLAS callback: the shopper's login id.", CALLBACK),
    p("customer_id", "Customer id (SLAS callback token; 26 characters).", CALLBACK),
    p("token", "SLAS callback: the one-time code sent to the shopper.", CALLBACK),
    p("usid", "SLAS unique shopper id.", CALLBACK),
    p("phone", "Shopper's phone number (SLAS callback, dwsrst).", CALLBACK),
    // Session-bridge input tokens
    p("tenantId", "B2C session token (dwsgst/dwsrst): the tenant, realm_instance (upper case in dwsgst).", SESB),
    p("dwsid", "B2C Commerce session id carried into SLAS session bridge.", SESB),
    p("customerId", "B2C session token: the customer id (guest customer for dwsgst).", SESB),
    p("rcustomerId", "dwsrst: the registered customer id.", SESB),
    p("type", "B2C session token type: G = guest (dwsgst), R = registered (dwsrst).", SESB),
    p("vers", "B2C session token version: \"1\" dwsgst, \"2\" dwsrst.", SESB),
    p("fname", "dwsrst: shopper's first name.", SESB),
    p("lname", "dwsrst: shopper's last name.", SESB),
    // Account Manager
    p("tenantFilter", "Account Manager: the tenants each role applies to, ROLE:tenant,tenant;ROLE:tenant (\"*_*\" = all).", AM),
    p("roles", "Account Manager roles, e.g. SALESFORCE_COMMERCE_API, SLAS_ORGANIZATION_ADMIN, ECOM_ADMIN.", AM),
    p("cts", "Account Manager token store, \"OAUTH2_STATELESS_GRANT\".", AM),
    p("grant_type", "Account Manager OAuth grant: client_credentials (API client), token or authorization_code (user login).", AM),
    p("client_id", "The API client (OAuth client) id the token was issued to.", AM),
    p("subname", "Account Manager: the API client id (client-credentials tokens only).", AM),
    p("realm", "Account Manager realm, \"/\".", AM),
    p("auditTrackingId", "Account Manager audit id for this token request (quote it to Salesforce support).", AM),
    p("authGrantId", "Account Manager grant id.", AM),
    p("auth_level", "Account Manager authentication level, 0.", AM),
    p("tokenName", "Account Manager token name, \"access_token\".", AM),
    p("token_type", "Token type, \"Bearer\".", AM),
    p("expires_in", "Lifetime in seconds stated inside the token (Account Manager: 1800).", AM),
    // OCAPI
    p("_v", "OCAPI JWT format version, \"1\".", OCAPI),
    p("customer_info", "OCAPI: the customer (customer_id, guest, visit_id) — found inside the JSON string of sub.", OCAPI),
    // External IdP (Okta style)
    p("cid", "Identity provider's client id (Okta style).", "Okta access token reference; REFERENCE.md §1.2"),
    p("uid", "Identity provider's user id (Okta style).", "Okta access token reference; REFERENCE.md §1.2"),
    p("ver", "Token format version.", "REFERENCE.md §1.2"),
];

/// The description of `name` at `place`, if there is one.
pub fn lookup(name: &str, place: Place) -> Option<&'static ClaimDoc> {
    CLAIM_DOCS
        .iter()
        .find(|doc| doc.place == place && doc.name == name)
}
