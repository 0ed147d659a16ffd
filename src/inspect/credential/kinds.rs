//! The kinds of credential a shape can be, and what is shown for each: one table of rows.

/// What kind of credential this is, as far as its shape tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A signed JWT (JWS compact, 3 parts) whose header and payload decode.
    Jws,
    /// A JWT with `alg: none` or an empty signature part.
    UnsignedJws,
    /// A JWS whose payload is text, not a JWT claims set (RFC 7515 A.4, RFC 7520 §4.1–4.4).
    TextPayloadJws,
    /// A JWS with detached content: the payload part is empty (RFC 7515 App. F).
    DetachedJws,
    /// An encrypted JWT (JWE compact, 5 parts).
    Jwe,
    /// Opaque SLAS refresh token: 43 base64url characters, or two such joined by one dot.
    SlasRefreshToken {
        /// The two-part form (`<43>.<43>`).
        two_part: bool,
    },
    /// Legacy opaque ("UUID") Account Manager token: 27 base64url characters.
    AmOpaqueToken,
    /// B2C Commerce session id (`dwsid` cookie), not a token.
    Dwsid,
    /// `Basic base64(client_id:client_secret)`.
    Basic,
    /// The first part of a token split over the `cc-at` / `cc-at_2` cookies.
    FirstHalf,
    /// The second part (`cc-at_2`).
    SecondHalf,
    /// Looks like a JWT but parts of it do not decode.
    Malformed,
    /// None of the above.
    Unrecognised,
}

/// What is shown for one kind.
#[derive(Debug)]
pub struct KindInfo {
    /// The kind this row describes.
    pub kind: Kind,
    /// Stable identifier, used by tests, INDEX.json and as a CSS class.
    pub id: &'static str,
    /// Short name shown as the credential's title.
    pub title: &'static str,
    /// One or two sentences on what this is and what can be done with it.
    pub explanation: &'static str,
}

const fn row(
    kind: Kind,
    id: &'static str,
    title: &'static str,
    explanation: &'static str,
) -> KindInfo {
    KindInfo {
        kind,
        id,
        title,
        explanation,
    }
}

const UNRECOGNISED: KindInfo = row(
    Kind::Unrecognised,
    "unrecognised",
    "Not a recognised token",
    "This is neither a JWT nor one of the opaque SFCC credential shapes.",
);

/// Every kind, with its id, title and explanation.
pub static KINDS: &[KindInfo] = &[
    row(Kind::Jws, "jws", "JSON Web Token (signed, JWS)",
        "A signed token whose header and claims are readable by anyone; the signature proves who issued it."),
    row(Kind::UnsignedJws, "unsigned-jws", "Unsigned JSON Web Token",
        "Header and claims decode, but nothing signs them: anyone could have written this token, and no SFCC API accepts it."),
    row(Kind::TextPayloadJws, "jws-text-payload", "Signed JWS with a text payload (not a JWT)",
        "Every part decodes: this is a JSON Web Signature over a payload of plain text (RFC 7515 allows any content), \
         not over a JWT claims set. It has no issuer, expiry or scopes, and no SFCC API takes it as a token."),
    row(Kind::DetachedJws, "jws-detached", "Signed JWS with detached content",
        "The payload part is empty by design: the signed content travels apart from the token (RFC 7515 Appendix F), \
         so only the header and the signature are here. It is not a JWT, and no SFCC API takes it as a token."),
    row(Kind::Jwe, "jwe", "Encrypted JSON Web Token (JWE)",
        "The payload is encrypted — it cannot be read here. Only the protected header is shown."),
    row(Kind::SlasRefreshToken { two_part: false }, "slas-refresh-opaque", "SLAS refresh token (opaque)", SLAS_REFRESH),
    row(Kind::SlasRefreshToken { two_part: true }, "slas-refresh-opaque", "SLAS refresh token (opaque, two-part form)", SLAS_REFRESH),
    row(Kind::AmOpaqueToken, "am-opaque-legacy", "Legacy opaque Account Manager token",
        "A 27-character opaque Account Manager access token (the \"UUID\" format). Account Manager stopped issuing these \
         to API clients in 2023; the same short shape is the AM bearer passed to the SLAS trusted-agent token call. It \
         cannot be decoded."),
    row(Kind::Dwsid, "b2c-dwsid", "B2C Commerce session id (dwsid)",
        "A B2C Commerce storefront session id (dwsid cookie / sfdc_dwsid header). It is not an API token and cannot be \
         decoded; SLAS session bridge takes it to mint a shopper token."),
    row(Kind::Basic, "basic-auth", "Basic client credentials (client id and secret)",
        "HTTP Basic credentials: base64 of client_id:client_secret, used to obtain Account Manager tokens and by private \
         SLAS clients. This is a secret, not a token."),
    row(Kind::FirstHalf, "half-token", "First half of a split SLAS token (cc-at cookie)",
        "SFRA (plugin_slas) splits the SLAS access token over two cookies because cookie values are capped at 1200 \
         characters: this is cc-at, the first part. Paste cc-at and cc-at_2 together to see the whole token."),
    row(Kind::SecondHalf, "half-token", "Second half of a split SLAS token (cc-at_2 cookie)",
        "This does not start with a JOSE header: it is the tail of a token — the cc-at_2 cookie that SFRA uses for the \
         rest of a SLAS access token. Paste it after cc-at to see the whole token."),
    row(Kind::Malformed, "malformed", "Malformed token",
        "This looks like a JWT, but some parts do not decode. What did decode is shown below."),
    UNRECOGNISED,
];

const SLAS_REFRESH: &str = "An opaque SLAS refresh token: nothing inside can be decoded. It is exchanged at the SLAS \
     token endpoint (grant_type=refresh_token) by the client and tenant it was issued to; it lives 30 days for guests \
     and 90 days for registered shoppers in production, 9 days on non-production tenants.";

impl Kind {
    /// This kind's row of [`KINDS`].
    pub fn info(self) -> &'static KindInfo {
        KINDS
            .iter()
            .find(|row| row.kind == self)
            .unwrap_or(&UNRECOGNISED)
    }

    /// Short name shown as the credential's title.
    pub fn title(self) -> &'static str {
        self.info().title
    }

    /// Stable identifier, used by tests and as a CSS class.
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// One or two sentences on what this is and what can be done with it.
    pub fn explanation(self) -> &'static str {
        self.info().explanation
    }
}
