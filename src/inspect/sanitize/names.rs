//! What the sanitizer knows, as data: which parameter, JSON key, header and cookie names hold
//! which kind of secret, how pseudonyms look, and how to recognise what it already wrote.

use super::What;

/// A family of pseudonyms, each numbered from 1 in order of first sight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    /// Refresh tokens (bodies, forms, `cc-nx` cookies).
    RefreshToken,
    /// B2C Commerce session ids.
    Dwsid,
    /// Authorization codes.
    Code,
    /// Any other cookie value.
    Cookie,
    /// E-mail addresses (compared without case).
    Email,
    /// Names and logins.
    Name,
    /// Phone numbers.
    Phone,
}

impl Class {
    /// How many classes there are.
    pub const COUNT: usize = 7;

    /// The class's place in per-class tables (`0..COUNT`).
    pub fn index(self) -> usize {
        self as usize
    }

    fn prefix(self) -> &'static str {
        match self {
            Class::RefreshToken => "removed-refresh-token-",
            Class::Dwsid => "removed-dwsid-",
            Class::Code => "removed-code-",
            Class::Cookie => "removed-cookie-",
            Class::Email => "email-",
            Class::Name => "masked-name-",
            Class::Phone => "masked-phone-",
        }
    }

    /// The `n`th pseudonym of this class.
    pub fn render(self, n: usize) -> String {
        match self {
            Class::Email => format!("email-{n}@{MASKED_DOMAIN}"),
            _ => format!("{}{n}", self.prefix()),
        }
    }

    /// The number of a pseudonym of this class (`removed-code-3` → 3).
    pub fn number_in(self, text: &str) -> Option<usize> {
        let rest = text.strip_prefix(self.prefix())?;
        let rest = match self {
            Class::Email => rest.strip_suffix(MASKED_DOMAIN)?.strip_suffix('@')?,
            _ => rest,
        };
        rest.parse().ok()
    }

    /// A secret (not personal data): replaced wherever else it occurs in text.
    pub fn is_secret(self) -> bool {
        matches!(
            self,
            Class::RefreshToken | Class::Dwsid | Class::Code | Class::Cookie
        )
    }

    /// The manifest line pseudonyms of this class are counted in.
    pub fn what(self) -> What {
        match self {
            Class::RefreshToken => What::RefreshToken,
            Class::Dwsid => What::Dwsid,
            Class::Code => What::AuthorizationCode,
            Class::Cookie => What::OtherCookie,
            Class::Email => What::Email,
            Class::Name | Class::Phone => What::Personal,
        }
    }

    /// The value as pseudonyms are looked up: e-mail addresses without case.
    pub fn key(self, value: &str) -> String {
        match self {
            Class::Email => value.to_ascii_lowercase(),
            _ => value.to_string(),
        }
    }
}

/// The domain of masked e-mail addresses (RFC 2606: `.invalid` never resolves).
pub const MASKED_DOMAIN: &str = "masked.invalid";

/// Something the sanitizer wrote (or nothing at all): left as it is. Only the whole value
/// counts, so a secret cannot hide behind a marker (`removed-1 eyJ…`).
pub fn is_masked(value: &str) -> bool {
    let word = |s: &str| {
        s.len() < 64
            && s.bytes().all(|b| {
                b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
            })
    };
    value.is_empty()
        || value
            .strip_prefix("[removed:")
            .and_then(|v| v.strip_suffix(']'))
            .is_some_and(word)
        || ((value.starts_with("removed-") || value.starts_with("masked-")) && word(value))
        || value
            .strip_prefix("email-")
            .and_then(|v| v.strip_suffix(MASKED_DOMAIN))
            .and_then(|v| v.strip_suffix(['@']))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The marker that replaces a removed value.
pub fn marker(what: &str) -> String {
    format!("[removed:{what}]")
}

/// What a parameter, form field or JSON key holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// A value replaced by a pseudonym of this class.
    Pseudonym(Class),
    /// A secret removed, counted under this kind.
    Remove(What, &'static str),
    /// An access, id or other token: a JWT is re-encoded, anything else removed.
    Token,
    /// Nothing known: scanned for JWTs and e-mail addresses.
    Plain,
}

/// Keys and what they hold, compared without case. `code` only counts in URLs and forms (a
/// JSON error body's `code` is not a secret); `name` only in claims.
const KEYS: &[(&str, Field)] = &[
    ("refresh_token", Field::Pseudonym(Class::RefreshToken)),
    ("refreshtoken", Field::Pseudonym(Class::RefreshToken)),
    ("refresh_token_guest", Field::Pseudonym(Class::RefreshToken)),
    (
        "refresh_token_registered",
        Field::Pseudonym(Class::RefreshToken),
    ),
    ("idp_refresh_token", Field::Pseudonym(Class::RefreshToken)),
    ("dwsid", Field::Pseudonym(Class::Dwsid)),
    ("sfdc_dwsid", Field::Pseudonym(Class::Dwsid)),
    (
        "client_secret",
        Field::Remove(What::ClientSecret, "client_secret"),
    ),
    ("password", Field::Remove(What::Password, "password")),
    (
        "code_verifier",
        Field::Remove(What::CodeVerifier, "code_verifier"),
    ),
    ("enc_user_id", Field::Remove(What::EncUserId, "enc_user_id")),
    (
        "idp_access_token",
        Field::Remove(What::IdpAccessToken, "idp_access_token"),
    ),
    ("access_token", Field::Token),
    ("accesstoken", Field::Token),
    ("id_token", Field::Token),
    ("idtoken", Field::Token),
    ("token", Field::Token),
    ("jwt", Field::Token),
    ("bearer", Field::Token),
    ("firstname", Field::Pseudonym(Class::Name)),
    ("lastname", Field::Pseudonym(Class::Name)),
    ("fullname", Field::Pseudonym(Class::Name)),
    ("given_name", Field::Pseudonym(Class::Name)),
    ("family_name", Field::Pseudonym(Class::Name)),
    ("middle_name", Field::Pseudonym(Class::Name)),
    ("nickname", Field::Pseudonym(Class::Name)),
    ("preferred_username", Field::Pseudonym(Class::Name)),
    ("login_id", Field::Pseudonym(Class::Name)),
    ("phone", Field::Pseudonym(Class::Phone)),
    ("phone_number", Field::Pseudonym(Class::Phone)),
    ("phonehome", Field::Pseudonym(Class::Phone)),
    ("phonemobile", Field::Pseudonym(Class::Phone)),
    ("phonebusiness", Field::Pseudonym(Class::Phone)),
];

/// Where a key stands, which decides a few keys' meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A URL's query or fragment, or a form.
    Form,
    /// A JSON body.
    Json,
    /// A JWT's claims.
    Claims,
}

/// What the value of `key` holds at `place`.
pub fn field(key: &str, place: Place) -> Field {
    let key = key.trim().to_ascii_lowercase();
    match (key.as_str(), place) {
        ("code", Place::Form) => Field::Pseudonym(Class::Code),
        ("name" | "login" | "upn", Place::Claims) => Field::Pseudonym(Class::Name),
        _ => KEYS
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, f)| *f)
            .or_else(|| by_shape(&key))
            .unwrap_or_else(|| cookie_field(&key)),
    }
}

/// Keys known by their shape rather than their exact name: any password field (SFRA's
/// `loginPassword`, `dwfrm_profile_login_password`, SCAPI's `currentPassword`, SLAS's
/// `new_password`), any `…_token` (`pwd_action_token`, `pwdless_login_token`), and the names and
/// phones written with separators (OCAPI's `first_name`, `phone_mobile`).
fn by_shape(key: &str) -> Option<Field> {
    let compact: String = key
        .chars()
        .filter(|c| !matches!(c, '_' | '-' | '.'))
        .collect();
    if ["password", "passwd", "passphrase"]
        .iter()
        .any(|p| compact.contains(p))
        || compact.ends_with("pwd")
    {
        return Some(Field::Remove(What::Password, "password"));
    }
    if compact.ends_with("token") && key != "token_type" {
        return Some(Field::Token);
    }
    KEYS.iter()
        .find(|(k, f)| *k == compact && matches!(f, Field::Pseudonym(Class::Name | Class::Phone)))
        .map(|(_, f)| *f)
}

/// A key named like a credential cookie (PWA Kit's storage keys are the cookies' names:
/// `cc-nx-g_RefArch`, `cc-at`), or nothing known.
fn cookie_field(key: &str) -> Field {
    match cookie_kind(key) {
        CookieKind::Refresh => Field::Pseudonym(Class::RefreshToken),
        CookieKind::Dwsid => Field::Pseudonym(Class::Dwsid),
        CookieKind::Chunk | CookieKind::Token => Field::Token,
        CookieKind::Keep | CookieKind::Other => Field::Plain,
    }
}

/// Values of `isb` (SLAS identity) pairs that name the shopper: masked; `Guest` stays.
pub const ISB_PERSONAL: &[&str] = &["upn", "uidn", "login", "email"];

/// Values that name nobody.
pub const NOT_PERSONAL: &[&str] = &["Guest", "Guest User", "guest"];

/// What a cookie holds, by its name without a site suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CookieKind {
    /// A chunk of a split access token (`cc-at`, `cc-at_2` …), with its site and number.
    Chunk,
    /// A refresh token (`cc-nx`, `cc-nx-g`, `refresh_token`).
    Refresh,
    /// A B2C Commerce session id.
    Dwsid,
    /// Kept as it is (`usid`: it is in every token's `sub` anyway).
    Keep,
    /// A token cookie (`access_token`, `id_token`).
    Token,
    /// Anything else: a pseudonym.
    Other,
}

/// Cookie names (with or without a `_<site>` suffix) and what they hold.
const COOKIES: &[(&str, CookieKind)] = &[
    ("cc-nx-g", CookieKind::Refresh),
    ("cc-nx", CookieKind::Refresh),
    ("refresh_token", CookieKind::Refresh),
    ("dwsid", CookieKind::Dwsid),
    ("sfdc_dwsid", CookieKind::Dwsid),
    ("usid", CookieKind::Keep),
    ("access_token", CookieKind::Token),
    ("id_token", CookieKind::Token),
];

/// What the cookie `name` holds.
pub fn cookie_kind(name: &str) -> CookieKind {
    if chunk(name).is_some() {
        return CookieKind::Chunk;
    }
    COOKIES
        .iter()
        .find(|(base, _)| {
            name == *base
                || name
                    .strip_prefix(base)
                    .is_some_and(|rest| rest.starts_with('_'))
        })
        .map_or(CookieKind::Other, |(_, kind)| *kind)
}

/// The site and the 1-based chunk number of a `cc-at` cookie: `cc-at` (site "", 1),
/// `cc-at_2` ("", 2), `cc-at_RefArch` ("RefArch", 1), `cc-at_RefArch_2` ("RefArch", 2).
pub fn chunk(name: &str) -> Option<(String, usize)> {
    let rest = name.strip_prefix("cc-at")?;
    if rest.is_empty() {
        return Some((String::new(), 1));
    }
    let rest = rest.strip_prefix('_')?;
    let mut site = Vec::new();
    let mut number = 1;
    for part in rest.split('_') {
        match part.parse::<usize>() {
            Ok(n) if (1..100).contains(&n) => number = n,
            _ => site.push(part),
        }
    }
    Some((site.join("_"), number))
}

/// plugin_slas splits cookie values with `value.match(/.{1,1199}/g)` (fixtures README).
pub const CHUNK: usize = 1199;
