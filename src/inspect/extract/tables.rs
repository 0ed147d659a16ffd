//! What the extractor knows, as data: scheme words, header and cookie names, JSON and form
//! keys, curl flags, grants and token endpoints. Adding a form of paste is a line here.

use super::Scheme;

/// Authorization scheme words, any case (RFC 9110 §11.4, RFC 6750, RFC 7617, RFC 9449). A
/// header may also carry a word not listed here: it is then [`Scheme::Other`].
pub const SCHEMES: &[(&str, Scheme)] = &[
    ("Bearer", Scheme::Bearer),
    ("Basic", Scheme::Basic),
    ("DPoP", Scheme::Dpop),
    ("SLAS", Scheme::Slas),
];

/// The longest word read as an unlisted scheme (`Negotiate`, `Token`, `JWT` …).
pub const MAX_SCHEME_WORD: usize = 20;

/// Headers that carry a credential, with how it is shown and the scheme of a bare value
/// (REFERENCE.md §1.2: SLAS takes bare Basic values in its client-auth headers).
pub const CREDENTIAL_HEADERS: &[Header] = &[
    Header {
        name: "authorization",
        shown: "Authorization",
        bare_scheme: None,
    },
    Header {
        name: "x-slas-client-auth",
        shown: "x-slas-client-auth",
        bare_scheme: Some(Scheme::Basic),
    },
    Header {
        name: "_sfdc_client_auth",
        shown: "_sfdc_client_auth",
        bare_scheme: Some(Scheme::Basic),
    },
    Header {
        name: "x-slas-callback-token",
        shown: "x-slas-callback-token",
        bare_scheme: None,
    },
    Header {
        name: "sfdc_dwsid",
        shown: "sfdc_dwsid",
        bare_scheme: None,
    },
    Header {
        name: "dpop",
        shown: "DPoP",
        bare_scheme: None,
    },
];

/// A header whose value is a credential.
#[derive(Debug, Clone, Copy)]
pub struct Header {
    /// Lower-case name, as searched.
    pub name: &'static str,
    /// The name as shown in labels and notes.
    pub shown: &'static str,
    /// The scheme of a value given without a scheme word.
    pub bare_scheme: Option<Scheme>,
}

/// Headers whose value is a list of cookies.
pub const COOKIE_HEADERS: &[&str] = &["set-cookie", "cookie"];

/// Cookies whose value is a credential, with what each holds (REFERENCE.md §10). A name may
/// carry a site suffix (`cc-nx-g_RefArch`); `split_with` names the cookie holding the rest of a
/// token split over two (SFRA's `cc-at` + `cc-at_2`, REFERENCE.md §1.2).
pub const CREDENTIAL_COOKIES: &[Cookie] = &[
    Cookie {
        name: "cc-at_2",
        meaning: "second half of a split SLAS access token",
        split_with: None,
    },
    Cookie {
        name: "cc-at",
        meaning: "SLAS access token (SFRA/plugin_slas)",
        split_with: Some("cc-at_2"),
    },
    Cookie {
        name: "cc-nx-g",
        meaning: "SLAS guest refresh token",
        split_with: None,
    },
    Cookie {
        name: "cc-nx",
        meaning: "SLAS registered refresh token",
        split_with: None,
    },
    Cookie {
        name: "dwsid",
        meaning: "B2C Commerce session id",
        split_with: None,
    },
    Cookie {
        name: "access_token",
        meaning: "access token",
        split_with: None,
    },
    Cookie {
        name: "id_token",
        meaning: "id token",
        split_with: None,
    },
    Cookie {
        name: "refresh_token",
        meaning: "refresh token",
        split_with: None,
    },
];

/// A cookie whose value is a credential.
#[derive(Debug, Clone, Copy)]
pub struct Cookie {
    /// The name without a site suffix.
    pub name: &'static str,
    /// What its value holds.
    pub meaning: &'static str,
    /// The cookie holding the second part, when the token is split over two.
    pub split_with: Option<&'static str>,
}

/// JSON keys whose string value is a credential (token responses, PWA Kit storage, Postman
/// variables and `auth.bearer[token]`).
pub const JSON_TOKEN_KEYS: &[&str] = &[
    "access_token",
    "id_token",
    "refresh_token",
    "idp_access_token",
    "idp_refresh_token",
    "accessToken",
    "idToken",
    "refreshToken",
    "token",
    "jwt",
    "bearer",
];

/// Keys of `[{name, value}]` / `[{key, value}]` entries (HAR headers, cookies and query
/// strings; Postman environments), whose `value` is the entry's value.
pub const ENTRY_NAME_KEYS: &[&str] = &["name", "key"];

/// How deep the JSON walk goes, how many values it visits, and how many JSON texts nested in
/// strings (a HAR response body) it opens inside each other: a paste is at most 1 MB, these
/// keep a hostile one from costing more than one pass.
pub const JSON_MAX_DEPTH: usize = 24;
/// See [`JSON_MAX_DEPTH`].
pub const JSON_MAX_VALUES: usize = 200_000;
/// See [`JSON_MAX_DEPTH`].
pub const JSON_MAX_NESTED: usize = 3;

/// URL / form / log keys whose value is a credential.
pub const PARAM_KEYS: &[&str] = &[
    "access_token",
    "id_token",
    "refresh_token",
    "idp_access_token",
    "token",
];

/// Form keys of a token request that posts client credentials (`client_secret_post`).
pub const CLIENT_ID_KEY: &str = "client_id";
/// See [`CLIENT_ID_KEY`].
pub const CLIENT_SECRET_KEY: &str = "client_secret";
/// See [`CLIENT_ID_KEY`].
pub const GRANT_TYPE_KEY: &str = "grant_type";

/// curl flags that give `user:password` (Basic credentials).
pub const CURL_USER_FLAGS: &[&str] = &["-u", "--user"];

/// curl flags whose value is a cookie list: Chromium's "Copy as cURL" puts the cookies there
/// (`-b 'cc-at=…; dwsid=…'`), not in a `Cookie:` header.
pub const CURL_COOKIE_FLAGS: &[&str] = &["-b", "--cookie"];

/// Grants a token request may name, with what each asks for (REFERENCE.md §2.6, §4).
pub const GRANTS: &[(&str, &str)] = &[
    ("client_credentials", "The client asks for a token as itself, with its id and secret and no shopper or user: Account Manager issues an API-client token for Admin APIs; a private SLAS client gets a guest shopper token."),
    ("refresh_token", "Exchanges a refresh token for a new access token (SLAS refresh tokens live 30 days for guests and 90 days for registered shoppers in production). It must come from the same client and tenant."),
    ("authorization_code", "Exchanges the code returned by the authorize (or login) step for tokens; a private SLAS client also proves itself with its secret."),
    ("authorization_code_pkce", "The public-client SLAS flow: exchanges the code from authorize/login for tokens, proving possession with code_verifier instead of a secret."),
    ("session_bridge", "SLAS session bridge: exchanges a B2C Commerce session (dwsgst/dwsrst or dwsid) for a shopper token."),
    ("password", "Resource-owner password grant: an Account Manager user's login and password (as sfcc-ci sends them)."),
    ("urn:ietf:params:oauth:grant-type:jwt-bearer", "JWT bearer (private_key_jwt): the client signs a JWT with its private key instead of sending a secret."),
];

/// Token endpoints, recognised by a part of their URL, and the service behind them.
pub const TOKEN_ENDPOINTS: &[(&str, &str)] = &[
    ("account.demandware.com/dwsso/oauth2", "Account Manager"),
    ("/dwsso/oauth2/access_token", "Account Manager"),
    ("/dw/oauth2/access_token", "Account Manager (older path)"),
    ("/shopper/auth/v1/organizations/", "SLAS"),
];

/// Searches stop after this many occurrences of one name, and extraction after this many
/// credentials: enough for any real paste, and a bound on a hostile one.
pub const MAX_OCCURRENCES: usize = 1000;
/// See [`MAX_OCCURRENCES`].
pub const MAX_CANDIDATES: usize = 32;
