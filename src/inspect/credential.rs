//! One credential, decoded and recognised: a JWS or JWE, or one of the opaque SFCC shapes
//! (REFERENCE.md §1.2, §1.4): SLAS refresh tokens, legacy Account Manager tokens, `dwsid`,
//! `Basic` client credentials, and the halves of a token split over the `cc-at` cookies.

use super::catalog::Audience;
use super::claims::{self, ClaimRow, Place};
use super::errors::{self, ApiError};
use super::extract::{is_token_char, Candidate, Scheme, TokenRequest};
use super::findings::{rank, Finding, Severity};
use super::jose::{self, DecodeError, Jose, Role};
use super::sfcc::{self, Sfcc, SfccKind};
use super::text::{describe_char, is_hidden, json_type};
use super::time::{duration, iso_utc, TimeStatus, Times, UnixTime, SKEW_ALLOWANCE};

/// What kind of credential this is, as far as its shape tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A signed JWT (JWS compact, 3 parts) whose header and payload decode.
    Jws,
    /// A JWT with `alg: none` or an empty signature part.
    UnsignedJws,
    /// An encrypted JWT (JWE compact, 5 parts).
    Jwe,
    /// Opaque SLAS refresh token: 43 base64url characters, or two such joined by one dot.
    SlasRefreshToken { two_part: bool },
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

impl Kind {
    /// Short name shown as the credential's title.
    pub fn title(self) -> &'static str {
        match self {
            Kind::Jws => "JSON Web Token (signed, JWS)",
            Kind::UnsignedJws => "Unsigned JSON Web Token",
            Kind::Jwe => "Encrypted JSON Web Token (JWE)",
            Kind::SlasRefreshToken { two_part: false } => "SLAS refresh token (opaque)",
            Kind::SlasRefreshToken { two_part: true } => {
                "SLAS refresh token (opaque, two-part form)"
            }
            Kind::AmOpaqueToken => "Legacy opaque Account Manager token",
            Kind::Dwsid => "B2C Commerce session id (dwsid)",
            Kind::Basic => "Basic client credentials (client id and secret)",
            Kind::FirstHalf => "First half of a split SLAS token (cc-at cookie)",
            Kind::SecondHalf => "Second half of a split SLAS token (cc-at_2 cookie)",
            Kind::Malformed => "Malformed token",
            Kind::Unrecognised => "Not a recognised token",
        }
    }

    /// Stable identifier, used by tests and as a CSS class.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Jws => "jws",
            Kind::UnsignedJws => "unsigned-jws",
            Kind::Jwe => "jwe",
            Kind::SlasRefreshToken { .. } => "slas-refresh-opaque",
            Kind::AmOpaqueToken => "am-opaque-legacy",
            Kind::Dwsid => "b2c-dwsid",
            Kind::Basic => "basic-auth",
            Kind::FirstHalf | Kind::SecondHalf => "half-token",
            Kind::Malformed => "malformed",
            Kind::Unrecognised => "unrecognised",
        }
    }

    /// One or two sentences on what this is and what can be done with it.
    pub fn explanation(self) -> &'static str {
        match self {
            Kind::Jws => "A signed token whose header and claims are readable by anyone; the signature proves who issued it.",
            Kind::UnsignedJws => "Header and claims decode, but nothing signs them: anyone could have written this token, and no SFCC API accepts it.",
            Kind::Jwe => "The payload is encrypted — it cannot be read here. Only the protected header is shown.",
            Kind::SlasRefreshToken { .. } => "An opaque SLAS refresh token: nothing inside can be decoded. It is exchanged at the SLAS token endpoint (grant_type=refresh_token) by the client and tenant it was issued to; it lives 30 days for guests and 90 days for registered shoppers in production, 9 days on non-production tenants.",
            Kind::AmOpaqueToken => "A 27-character opaque Account Manager access token (the \"UUID\" format). Account Manager stopped issuing these to API clients in 2023; the same short shape is the AM bearer passed to the SLAS trusted-agent token call. It cannot be decoded.",
            Kind::Dwsid => "A B2C Commerce storefront session id (dwsid cookie / sfdc_dwsid header). It is not an API token and cannot be decoded; SLAS session bridge takes it to mint a shopper token.",
            Kind::Basic => "HTTP Basic credentials: base64 of client_id:client_secret, used to obtain Account Manager tokens and by private SLAS clients. This is a secret, not a token.",
            Kind::FirstHalf => "SFRA (plugin_slas) splits the SLAS access token over two cookies because cookie values are capped at 1200 characters: this is cc-at, the first part. Paste cc-at and cc-at_2 together to see the whole token.",
            Kind::SecondHalf => "This does not start with a JOSE header: it is the tail of a token — the cc-at_2 cookie that SFRA uses for the rest of a SLAS access token. Paste it after cc-at to see the whole token.",
            Kind::Malformed => "This looks like a JWT, but some parts do not decode. What did decode is shown below.",
            Kind::Unrecognised => "This is neither a JWT nor one of the opaque SFCC credential shapes.",
        }
    }
}

/// Decoded `Basic` credentials. The secret itself is never kept, only its length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasicCredentials {
    pub client_id: String,
    pub secret_len: usize,
}

impl BasicCredentials {
    /// The secret masked for display: one dot per character (at most 24) and its length.
    pub fn masked_secret(&self) -> String {
        format!(
            "{} ({} characters, hidden)",
            "•".repeat(self.secret_len.min(24)),
            self.secret_len
        )
    }
}

/// A credential found in the input, decoded as far as it goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Credential {
    /// Where it was found ("access_token", "Authorization header", "cc-at cookie").
    pub label: String,
    /// Every place it was found, when it occurs more than once in the paste (else empty).
    pub places: Vec<String>,
    /// The token request that sent these client credentials (`client_secret_post`).
    pub token_request: Option<TokenRequest>,
    /// The credential text exactly as analysed.
    pub text: String,
    pub scheme: Option<Scheme>,
    pub cookie: Option<String>,
    pub kind: Kind,
    /// Split and decoded compact JOSE parts, for anything that looks like a JWT.
    pub jose: Option<Jose>,
    pub header_rows: Vec<ClaimRow>,
    pub claim_rows: Vec<ClaimRow>,
    pub times: Times,
    pub basic: Option<BasicCredentials>,
    /// Decoded text of a token's tail (second half of a split token).
    pub tail_text: Option<String>,
    /// What SFCC makes of the decoded claims (whenever the payload decodes to an object).
    pub sfcc: Option<Sfcc>,
    /// Findings that do not depend on the clock.
    pub findings: Vec<Finding>,
}

impl Credential {
    /// Decodes and recognises one extracted candidate.
    pub fn from_candidate(candidate: &Candidate) -> Credential {
        let mut credential = Credential {
            label: candidate.label.clone(),
            places: candidate.places.clone(),
            token_request: candidate.token_request.clone(),
            text: candidate.text.clone(),
            scheme: candidate.scheme,
            cookie: candidate.cookie.clone(),
            kind: Kind::Unrecognised,
            jose: None,
            header_rows: Vec::new(),
            claim_rows: Vec::new(),
            times: Times::default(),
            basic: None,
            tail_text: None,
            sfcc: None,
            findings: Vec::new(),
        };
        credential.recognise();
        credential
    }

    fn recognise(&mut self) {
        let text = self.text.clone();
        if let Some((title, detail)) = placeholder(&text, self.scheme) {
            self.kind = Kind::Unrecognised;
            self.findings
                .push(Finding::new(Severity::Error, "no-token", title, detail));
            return;
        }
        if text.starts_with(['{', '[']) {
            if let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) {
                self.kind = Kind::Unrecognised;
                self.findings.push(Finding::new(
                    Severity::Error,
                    "json-not-token",
                    "JSON, but no token in it",
                    json_without_token(&json),
                ));
                return;
            }
        }
        let dots = text.matches('.').count();
        if self.scheme == Some(Scheme::Basic) || (dots == 0 && !text.starts_with("eyJ")) {
            if let Some(basic) = decode_basic(&text) {
                self.set_basic(basic);
                return;
            }
        }
        let all_b64url = !text.is_empty()
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        match dots {
            0 if all_b64url && text.len() == 43 => {
                self.kind = Kind::SlasRefreshToken { two_part: false }
            }
            0 if all_b64url && text.len() == 27 => self.kind = Kind::AmOpaqueToken,
            0 if is_dwsid(&text) => self.kind = Kind::Dwsid,
            1 if is_two_part_refresh(&text) => {
                self.kind = Kind::SlasRefreshToken { two_part: true }
            }
            _ if dots == 0 && !text.starts_with("eyJ") => self.unrecognised(),
            _ => self.decode_jose(),
        }
        if self.scheme == Some(Scheme::Basic) && self.kind != Kind::Basic {
            self.findings.push(Finding::new(
                Severity::Warning,
                "basic-not-credentials",
                "“Basic” but not client credentials",
                "A Basic header holds base64 of client_id:client_secret; this value does not decode to that.",
            ));
        }
        rank(&mut self.findings);
    }

    fn set_basic(&mut self, basic: BasicCredentials) {
        self.kind = Kind::Basic;
        self.findings.push(Finding::new(
            Severity::Error,
            "secret-pasted",
            "A client secret was pasted",
            format!(
                "This {} contains the secret of client {}. It is masked here and never leaves this page, \
                 but if you copied it into a ticket, chat or log, rotate the secret in Account Manager or SLAS Admin.",
                if self.token_request.is_some() { "token request" } else { "Basic credential" },
                basic.client_id
            ),
        ));
        self.basic = Some(basic);
    }

    fn unrecognised(&mut self) {
        self.kind = Kind::Unrecognised;
        let len = self.text.chars().count();
        let detail = if let Some((pos, c)) = self
            .text
            .chars()
            .enumerate()
            .find(|(_, c)| !is_token_char(*c))
        {
            format!(
                "It contains {} at position {}, which no token contains: a JWT is three base64url parts separated by dots.",
                describe_char(c),
                pos + 1
            )
        } else {
            format!(
                "It is {len} characters with no dots: a JWT has three dot-separated parts; SLAS refresh tokens are 43 \
                 characters, legacy Account Manager tokens 27, and dwsid session ids about 88 ending in “==”."
            )
        };
        self.findings.push(Finding::new(
            Severity::Error,
            "not-a-token",
            "Not a token",
            detail,
        ));
    }

    fn decode_jose(&mut self) {
        let jose = jose::parse(&self.text);
        let parts = jose.parts();
        self.header_rows = jose
            .header
            .object()
            .map(|h| claims::rows(h, Place::Header))
            .unwrap_or_default();
        if let Some(payload) = jose.payload.object() {
            self.claim_rows = claims::rows(payload, Place::Payload);
            self.times = Times::read(payload);
            self.sfcc = Some(sfcc::analyse(jose.header.object(), payload));
        }
        let header_ok = jose.header.object().is_some();
        // Two parts that both decode: a JWS that lost its signature, not a malformed token.
        let signature_lost = parts == 2 && header_ok && jose.payload.object().is_some();
        let payload_truncated = jose
            .errors
            .iter()
            .any(|e| matches!(e, DecodeError::TruncatedJson { n: 2, .. }));
        self.kind = if parts == 2 && header_ok && payload_truncated {
            Kind::FirstHalf
        } else if parts == 2 && !self.text.starts_with("eyJ") && self.decode_tail() {
            Kind::SecondHalf
        } else if parts == 5 {
            if header_ok {
                Kind::Jwe
            } else {
                Kind::Malformed
            }
        } else if !jose.errors.is_empty() && !signature_lost {
            Kind::Malformed
        } else if jose.alg().is_some_and(|a| a.eq_ignore_ascii_case("none"))
            || !jose.has_signature()
        {
            Kind::UnsignedJws
        } else {
            Kind::Jws
        };
        self.jose_findings(&jose);
        self.json_findings(&jose);
        self.jose = Some(jose);
    }

    /// What the decoded JSON itself hides: repeated keys, lone surrogates, an empty claims set,
    /// invisible or direction-changing characters in claim values.
    fn json_findings(&mut self, jose: &Jose) {
        let f = &mut self.findings;
        for (part, role) in [(&jose.header, "header"), (&jose.payload, "payload")] {
            if !part.duplicates.is_empty() {
                let names: Vec<String> = part.duplicates.iter().map(|k| format!("“{k}”")).collect();
                f.push(Finding::new(
                    Severity::Error,
                    "duplicate-claims",
                    format!("Repeated in the {role}: {}", names.join(", ")),
                    format!(
                        "The {role} states {} more than once. Parsers disagree on which value counts (this page, like \
                         most, shows the last), so a repeated claim is a classic way to forge a token: RFC 7515 §5.2 \
                         says to reject it.",
                        names.join(", ")
                    ),
                ));
            }
            if part.lone_surrogates > 0 {
                f.push(Finding::new(
                    Severity::Warning,
                    "lone-surrogate",
                    format!("Half a character in the {role}"),
                    format!(
                        "The {role} has {} lone UTF-16 surrogate escape{} (such as \\ud800): half of an emoji or other \
                         character, cut in two. It is shown as U+FFFD (�); strict JSON parsers reject the token.",
                        part.lone_surrogates,
                        if part.lone_surrogates == 1 { "" } else { "s" }
                    ),
                ));
            }
        }
        if jose.payload.object().is_some_and(|o| o.is_empty()) {
            f.push(Finding::new(
                Severity::Warning,
                "empty-payload",
                "The payload has no claims",
                "The payload is an empty JSON object “{}”: no subject, no expiry, no scopes. Nothing SFCC issues \
                 looks like this.",
            ));
        }
        let rows = self.header_rows.iter().chain(&self.claim_rows);
        for row in rows.filter(|r| !matches!(r.name.as_str(), "scope" | "scp")) {
            let hidden = hidden_in(&row.value);
            if let Some(first) = hidden.first() {
                f.push(Finding::new(
                    Severity::Warning,
                    "hidden-characters",
                    format!("Hidden characters in “{}”", row.name),
                    format!(
                        "Its value contains {}{}: invisible on screen or able to reorder the text around it, a way to \
                         make two different values look alike. Shown here as ⟨U+…⟩.",
                        describe_char(*first),
                        match hidden.len() {
                            1 => String::new(),
                            n => format!(" and {} more", n - 1),
                        }
                    ),
                ));
            }
        }
    }

    /// For a `cc-at_2` tail: decode what follows the split point.
    fn decode_tail(&mut self) -> bool {
        let first = self.text.split('.').next().unwrap_or("");
        match jose::decode_unaligned_tail(first) {
            Some(text) if text.trim_end().ends_with('}') => {
                self.tail_text = Some(text);
                true
            }
            _ => false,
        }
    }

    fn jose_findings(&mut self, jose: &Jose) {
        let parts = jose.parts();
        let f = &mut self.findings;
        match self.kind {
            Kind::FirstHalf => {
                let len = self.text.chars().count();
                f.push(Finding::new(
                    Severity::Error,
                    "half-token",
                    "Only the first half of a token",
                    format!(
                        "The payload stops part-way and there is no signature ({len} characters{}): this is the cc-at \
                         cookie of a SLAS token that SFRA split in two. Paste cc-at and cc-at_2 together.",
                        if len == 1200 { ", exactly the 1200 that SFRA puts in cc-at" } else { "" }
                    ),
                ));
                return;
            }
            Kind::SecondHalf => {
                f.push(Finding::new(
                    Severity::Error,
                    "half-token",
                    "Only the second half of a token",
                    "This is the tail of a payload plus a signature, as stored in the cc-at_2 cookie. Paste cc-at and \
                     cc-at_2 together (cc-at first).",
                ));
                return;
            }
            _ => {}
        }
        for err in &jose.errors {
            let severity = match err {
                // A 2-part token whose payload decodes is a JWS missing its signature: said below.
                DecodeError::WrongPartCount { parts: 2 } if jose.payload.object().is_some() => {
                    continue
                }
                _ => Severity::Error,
            };
            f.push(Finding::new(
                severity,
                "decode-error",
                "Does not decode",
                err.to_string(),
            ));
        }
        if self.kind == Kind::Jwe {
            let enc = jose
                .header
                .object()
                .and_then(|h| h.get("enc"))
                .and_then(|v| v.as_str())
                .unwrap_or("?");
            f.push(Finding::new(
                Severity::Info,
                "encrypted",
                "Encrypted — the payload cannot be read here",
                format!(
                    "This JWE is encrypted with {enc}; only the holder of the private key can read its claims. \
                     SFCC APIs expect a signed (JWS) token in Authorization."
                ),
            ));
            return;
        }
        let alg = jose.alg();
        if alg.is_some_and(|a| a.eq_ignore_ascii_case("none")) {
            f.push(Finding::new(
                Severity::Error,
                "alg-none",
                "Unsigned: alg is “none”",
                if jose.has_signature() {
                    "The header says alg none yet a signature part is present: treat this token as forged. No SFCC API accepts unsigned tokens."
                } else {
                    "Nothing signs this token, so anyone could have written it. No SFCC API accepts unsigned tokens."
                },
            ));
        } else if parts == 2 && jose.payload.object().is_some() {
            f.push(Finding::new(
                Severity::Error,
                "missing-signature",
                "The signature is missing",
                "Header and payload decode, but the third part (the signature) and its dot are gone — probably lost \
                 when the token was copied. APIs reject it.",
            ));
        } else if parts == 3 && !jose.has_signature() && jose.header.object().is_some() {
            f.push(Finding::new(
                Severity::Error,
                "missing-signature",
                "The signature is empty",
                "The token ends with a dot and no signature: it is unsigned, and APIs reject it.",
            ));
        } else if jose.header.object().is_some() && alg.is_none() {
            f.push(Finding::new(
                Severity::Warning,
                "no-alg",
                "The header has no “alg”",
                "Every JWS header must say which algorithm signed it (RFC 7515 §4.1.1).",
            ));
        }
        if jose.uses_standard_base64() {
            let which: Vec<String> = jose
                .segments
                .iter()
                .enumerate()
                .filter(|(_, s)| s.standard_base64)
                .map(|(i, s)| format!("{} ({})", i + 1, s.role.name()))
                .collect();
            f.push(Finding::new(
                Severity::Warning,
                "standard-base64",
                "Standard base64 instead of base64url",
                format!(
                    "Segment {} use “+”, “/” or “=”, which a JWT must not: it was decoded anyway, but the signature \
                     covers the exact text, so the token was altered after signing and will be rejected.",
                    which.join(", ")
                ),
            ));
        }
        self.time_claim_findings();
    }

    /// Findings about the time claims themselves (not about the clock).
    fn time_claim_findings(&mut self) {
        if self.jose.is_none() && self.claim_rows.is_empty() {
            return;
        }
        let f = &mut self.findings;
        for claim in &self.times.claims {
            if claim.millis {
                // What a verifier that follows RFC 7519 (seconds) makes of the raw value.
                let as_written = claim.raw.as_f64().unwrap_or_default();
                let year = 1970.0 + as_written / 31_556_952.0;
                f.push(Finding::new(
                    Severity::Warning,
                    "millis",
                    format!("“{}” looks like milliseconds", claim.name),
                    format!(
                        "{} has 13 digits. Divided by 1000 it is {} — the time shown here. Read as seconds, as RFC 7519 \
                         says and SFCC APIs do, it is the year {:.0}.",
                        claim.raw,
                        claim.seconds.map(iso_utc).unwrap_or_default(),
                        year.floor()
                    ),
                ));
            }
            if claim.fraction {
                f.push(Finding::new(
                    Severity::Info,
                    "fractional-time",
                    format!("“{}” has a fraction of a second", claim.name),
                    format!(
                        "{} is allowed by RFC 7519 (a NumericDate may be fractional), but SFCC issues whole seconds: \
                         the token was probably made by hand. Read as {}.",
                        claim.raw,
                        claim.seconds.map(iso_utc).unwrap_or_default()
                    ),
                ));
            }
            if let Some(problem) = &claim.problem {
                f.push(Finding::new(
                    Severity::Warning,
                    "bad-time",
                    format!("“{}” {}", claim.name, problem),
                    format!("The value is {}.", claim.raw),
                ));
            }
        }
        if self.times.get("exp").is_none() && !self.claim_rows.is_empty() {
            f.push(Finding::new(
                Severity::Warning,
                "no-exp",
                "No expiry claim",
                "This token has no “exp”: SFCC never issues one without it, so it is probably hand-made or a test token.",
            ));
        }
    }

    /// The SFCC kind when one was recognised (not a generic JWT).
    pub fn sfcc_kind(&self) -> Option<SfccKind> {
        self.sfcc
            .as_ref()
            .map(|s| s.kind)
            .filter(|k| *k != SfccKind::GenericJwt)
    }

    /// The title to show: the SFCC kind for a readable, signed JWT, else the shape.
    pub fn title(&self) -> &'static str {
        match (self.kind, self.sfcc_kind()) {
            (Kind::Jws, Some(k)) => k.title(),
            _ => self.kind.title(),
        }
    }

    /// Stable id matching INDEX.json `kind`: the SFCC kind for a signed JWT, else the shape.
    pub fn kind_id(&self) -> &'static str {
        match (self.kind, self.sfcc.as_ref().map(|s| s.kind)) {
            (Kind::Jws, Some(k)) => k.id(),
            _ => self.kind.id(),
        }
    }

    /// Validity at `now` (seconds).
    pub fn time_status(&self, now: UnixTime) -> Option<TimeStatus> {
        (!self.claim_rows.is_empty()).then(|| self.times.status(now))
    }

    /// Every finding at `now`: the clock-free ones plus expiry, not-yet-valid and issued-in-the-
    /// future, ranked most serious first.
    pub fn findings_at(&self, now: UnixTime) -> Vec<Finding> {
        let mut all = self.findings.clone();
        if let Some(sfcc) = &self.sfcc {
            all.extend(sfcc.findings.iter().cloned());
        }
        if !self.claim_rows.is_empty() {
            all.extend(self.clock_findings(now));
        }
        rank(&mut all);
        all
    }

    /// The documented 401 body for an invalid token of this audience (REFERENCE.md §8.1, §8.2).
    fn unauthorized(&self) -> Option<&'static ApiError> {
        match self.sfcc.as_ref().map(|s| s.audience) {
            Some(Audience::Shopper) => Some(&errors::SHOPPER_UNAUTHORIZED),
            Some(Audience::Admin) => Some(&errors::ADMIN_INVALID_TOKEN),
            _ => None,
        }
    }

    fn clock_findings(&self, now: UnixTime) -> Vec<Finding> {
        let mut out = Vec::new();
        let t = &self.times;
        match t.status(now) {
            TimeStatus::Expired => {
                let exp = t.at("exp").unwrap_or(now);
                out.push(Finding::new(
                    Severity::Error,
                    "expired",
                    format!("Expired {} ago", duration(exp.abs_diff(now))),
                    format!(
                        "It expired at {}. Any API answers 401 Unauthorized: get a new token (SLAS: refresh it).",
                        iso_utc(exp)
                    ),
                ));
                if let (Some(f), Some(e)) = (out.last_mut(), self.unauthorized()) {
                    f.error = Some(e);
                }
            }
            TimeStatus::NotYetValid => {
                let nbf = t.at("nbf").unwrap_or(now);
                out.push(Finding::new(
                    Severity::Error,
                    "not-yet-valid",
                    format!("Not valid for another {}", duration(nbf.abs_diff(now))),
                    format!(
                        "“nbf” is {}: the token is not valid yet. Check the clock of the machine that issued it, or this one.",
                        iso_utc(nbf)
                    ),
                ));
                if let (Some(f), Some(e)) = (out.last_mut(), self.unauthorized()) {
                    f.error = Some(e);
                }
            }
            TimeStatus::Valid => {
                let left = t.at("exp").unwrap_or(now) - now;
                if left <= EXPIRING_SOON {
                    out.push(Finding::new(
                        Severity::Warning,
                        "expiring",
                        format!("Expires in {}", duration(left.unsigned_abs())),
                        "Clients refresh a token 60 s before it expires (PWA Kit, b2c-developer-tooling): a call made \
                         with it in a few minutes will get 401 Unauthorized.",
                    ));
                }
            }
            TimeStatus::NoExpiry => {}
        }
        if let Some(iat) = t.at("iat").filter(|iat| *iat > now + SKEW_ALLOWANCE) {
            out.push(Finding::new(
                Severity::Warning,
                "iat-future",
                format!("Issued {} in the future", duration(iat.abs_diff(now))),
                "“iat” is later than this computer's clock: one of the two clocks is wrong.",
            ));
        }
        out
    }

    /// The role of each dot-separated part, for colour-coding the raw token.
    pub fn segment_roles(&self) -> Vec<Role> {
        self.jose
            .as_ref()
            .map(|j| j.segments.iter().map(|s| s.role).collect())
            .unwrap_or_default()
    }
}

/// An empty token, or a word a client sends when its token variable was never set.
fn placeholder(text: &str, scheme: Option<Scheme>) -> Option<(String, String)> {
    let scheme_word = match scheme {
        Some(Scheme::Basic) => "Basic",
        _ => "Bearer",
    };
    let t = text.trim();
    if t.is_empty() {
        return Some((
            format!("No token after “{scheme_word}”"),
            format!(
                "The header says “{scheme_word}” and stops: the client sent no token at all, so any API answers 401. \
                 Check that the code building the header has a token to put in it."
            ),
        ));
    }
    if t.eq_ignore_ascii_case("bearer") || t.eq_ignore_ascii_case("basic") {
        return Some((
            format!("Only the word “{t}”"),
            format!(
                "“{t}” is the scheme; the token that should follow it (after a space) is missing."
            ),
        ));
    }
    let unset = [
        "undefined",
        "null",
        "none",
        "nil",
        "[object object]",
        "${token}",
        "{{token}}",
        "<token>",
        "token",
    ];
    unset.iter().any(|w| t.eq_ignore_ascii_case(w)).then(|| {
        (
            format!("The token is the text “{t}”"),
            format!(
                "“{t}” is what code prints for a variable that was never set (or a template placeholder left in): \
                 the client had no token when it built the header. Any API answers 401."
            ),
        )
    })
}

/// Why JSON that holds no token string is not a credential, naming the token fields it does have.
fn json_without_token(json: &serde_json::Value) -> String {
    const FIELDS: &[&str] = &["access_token", "id_token", "refresh_token", "token"];
    if let Some(obj) = json.as_object() {
        if let Some((k, v)) = obj.iter().find(|(k, _)| FIELDS.contains(&k.as_str())) {
            return format!(
                "“{k}” is {}, not a token string: a token response holds each token as a string (eyJ…). Was the \
                 response cut or rewritten?",
                json_type(v)
            );
        }
        if let Some(err) = obj.get("error").and_then(|e| e.as_str()) {
            return format!(
                "This is an error response (“error”: “{err}”), not a token: the token request itself failed. \
                 Read its error_description for why."
            );
        }
    }
    format!(
        "This is JSON ({}) but none of its fields holds a token: a token response has “access_token” (and \
         “id_token”, “refresh_token”) as strings.",
        json_type(json)
    )
}

/// Invisible, control and direction-changing characters in the strings of `value`.
fn hidden_in(value: &serde_json::Value) -> Vec<char> {
    let mut out = Vec::new();
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::String(s) => out.extend(s.chars().filter(|c| is_hidden(*c))),
            serde_json::Value::Array(a) => stack.extend(a),
            serde_json::Value::Object(o) => stack.extend(o.values()),
            _ => {}
        }
    }
    out
}

/// A valid token with less than this many seconds left is flagged as expiring.
pub const EXPIRING_SOON: i64 = 300;

/// `client_id:client_secret` in standard base64, as in a Basic header.
fn decode_basic(text: &str) -> Option<BasicCredentials> {
    let bytes = jose::decode_standard(text)?;
    let decoded = String::from_utf8(bytes).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    let printable = |s: &str| !s.is_empty() && s.chars().all(|c| !c.is_control());
    (printable(id) && printable(secret)).then(|| BasicCredentials {
        client_id: id.to_string(),
        secret_len: secret.chars().count(),
    })
}

/// About 88 base64url characters ending in `==` (REFERENCE.md §1.2).
fn is_dwsid(text: &str) -> bool {
    let body = text.trim_end_matches('=');
    text.ends_with("==")
        && (80..=100).contains(&text.len())
        && body
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Two 43-character base64url parts, neither of which decodes to JSON (REFERENCE.md §1.4).
fn is_two_part_refresh(text: &str) -> bool {
    let Some((a, b)) = text.split_once('.') else {
        return false;
    };
    let opaque = |s: &str| {
        s.len() == 43
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            && jose::decode_segment(s, 1, Role::Header)
                .ok()
                .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
                .is_none()
    };
    opaque(a) && opaque(b)
}
