//! What an export removed, by kind, counted once per distinct value: the lines a support
//! engineer reads before attaching the file, and the first lines of `log.comment`.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

/// A kind of sensitive value the sanitizer changes, in the manifest's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum What {
    /// A JWT whose payload was re-encoded with personal data masked.
    TokenReencoded,
    /// A JWT signature that was dropped (the token can no longer be presented).
    SignatureRemoved,
    /// A refresh token (body, form, cookie), replaced by a pseudonym.
    RefreshToken,
    /// A `cc-at` / `cc-at_2` … cookie chunk of a split access token.
    SplitTokenCookie,
    /// A `cc-nx` / `cc-nx-g` cookie value (a refresh token).
    RefreshCookie,
    /// A B2C Commerce session id (`dwsid` cookie, `sfdc_dwsid` header).
    Dwsid,
    /// `Authorization: Basic …` or a bare SLAS client-auth value.
    BasicCredentials,
    /// A `client_secret` parameter.
    ClientSecret,
    /// A `password` parameter.
    Password,
    /// A PKCE `code_verifier`.
    CodeVerifier,
    /// An authorization `code` (redirect and token request).
    AuthorizationCode,
    /// SLAS `enc_user_id`.
    EncUserId,
    /// SLAS `idp_access_token` (a third-party IDP's token).
    IdpAccessToken,
    /// A bearer token that is not a JWT (an opaque OCAPI or Account Manager token).
    OpaqueToken,
    /// A half token that could not be re-encoded (its other half is not in the file).
    TokenPart,
    /// An e-mail address.
    Email,
    /// A name or phone number (claims, customer bodies).
    Personal,
    /// Any other cookie value.
    OtherCookie,
}

/// Every kind with its manifest wording: (kind, one, many, what was done).
const LINES: &[(What, &str, &str, &str)] = &[
    (
        What::TokenReencoded,
        "token",
        "tokens",
        "re-encoded with personal data masked",
    ),
    (
        What::SignatureRemoved,
        "signature",
        "signatures",
        "removed (the tokens can no longer be used)",
    ),
    (
        What::RefreshToken,
        "refresh token",
        "refresh tokens",
        "replaced by pseudonyms",
    ),
    (
        What::SplitTokenCookie,
        "cc-at/cc-at_2 value",
        "cc-at/cc-at_2 values",
        "re-split from the re-encoded token",
    ),
    (
        What::RefreshCookie,
        "cc-nx/cc-nx-g value",
        "cc-nx/cc-nx-g values",
        "replaced by their refresh-token pseudonyms",
    ),
    (What::Dwsid, "dwsid", "dwsids", "replaced by pseudonyms"),
    (
        What::BasicCredentials,
        "Basic credential",
        "Basic credentials",
        "removed",
    ),
    (
        What::ClientSecret,
        "client_secret",
        "client_secrets",
        "removed",
    ),
    (What::Password, "password", "passwords", "removed"),
    (
        What::CodeVerifier,
        "code_verifier",
        "code_verifiers",
        "removed",
    ),
    (
        What::AuthorizationCode,
        "authorization code",
        "authorization codes",
        "replaced by pseudonyms",
    ),
    (What::EncUserId, "enc_user_id", "enc_user_ids", "removed"),
    (
        What::IdpAccessToken,
        "idp_access_token",
        "idp_access_tokens",
        "removed",
    ),
    (
        What::OpaqueToken,
        "opaque bearer token",
        "opaque bearer tokens",
        "removed",
    ),
    (
        What::TokenPart,
        "unmatched token part",
        "unmatched token parts",
        "removed",
    ),
    (What::Email, "e-mail address", "e-mail addresses", "masked"),
    (
        What::Personal,
        "name or phone number",
        "names or phone numbers",
        "masked",
    ),
    (
        What::OtherCookie,
        "other cookie value",
        "other cookie values",
        "replaced by pseudonyms",
    ),
];

/// "replaced by pseudonyms" said of one value.
fn singular(done: &str) -> String {
    done.replace(
        "their refresh-token pseudonyms",
        "its refresh-token pseudonym",
    )
    .replace("pseudonyms", "a pseudonym")
    .replace("the tokens", "the token")
}

/// The first line of the manifest in `log.comment`, by which an export is recognised.
pub const PREFIX: &str = "Sanitized by SFCC Token Inspector:";

/// What the sanitizer changed, each distinct value counted once.
///
/// It holds no value itself: what was counted is remembered by a hash, so the manifest can be
/// kept, shown or logged without carrying a secret.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    counts: Vec<(What, usize)>,
    seen: HashSet<(What, u64)>,
}

impl Manifest {
    /// Counts `value` under `what` unless it was counted before.
    pub(super) fn note(&mut self, what: What, value: &str) {
        let mut hasher = DefaultHasher::new();
        value.hash(&mut hasher);
        if self.seen.insert((what, hasher.finish())) {
            match self.counts.iter_mut().find(|(w, _)| *w == what) {
                Some((_, n)) => *n += 1,
                None => self.counts.push((what, 1)),
            }
        }
    }

    /// How many distinct values of this kind were changed.
    pub fn count(&self, what: What) -> usize {
        self.counts
            .iter()
            .find(|(w, _)| *w == what)
            .map_or(0, |(_, n)| *n)
    }

    /// One line per kind that occurred, in a stable order: "3 refresh tokens replaced by
    /// pseudonyms".
    pub fn lines(&self) -> Vec<String> {
        LINES
            .iter()
            .filter_map(|&(what, one, many, done)| match self.count(what) {
                0 => None,
                1 => Some(format!("1 {one} {}", singular(done))),
                n => Some(format!("{n} {many} {done}")),
            })
            .collect()
    }

    /// How many values were changed in all.
    pub fn total(&self) -> usize {
        self.counts.iter().map(|(_, n)| n).sum()
    }

    /// The text written into `log.comment`: [`PREFIX`], then one line per kind.
    pub fn comment(&self) -> String {
        let lines = self.lines();
        if lines.is_empty() {
            return format!("{PREFIX} nothing sensitive found.");
        }
        format!("{PREFIX}\n{}", lines.join("\n"))
    }
}
