//! One credential, decoded and recognised: a JWS or JWE, or one of the opaque SFCC shapes
//! (REFERENCE.md §1.2, §1.4): SLAS refresh tokens, legacy Account Manager tokens, `dwsid`,
//! `Basic` client credentials, and the halves of a token split over the `cc-at` cookies.
//!
//! Two steps, each pure: [`shape::choose`] says what the text decodes to (a [`Shape`]), and
//! [`rules::findings`] diagnoses that shape with small rule functions; [`clock`] adds what
//! depends on the time of day.

pub mod basic;
pub mod clock;
pub mod kinds;
pub mod rules;
pub mod shape;

use crate::inspect::claims::ClaimRow;
use crate::inspect::extract::{Candidate, Scheme, TokenRequest};
use crate::inspect::findings::{rank, Finding};
use crate::inspect::jose::{Jose, Role};
use crate::inspect::sfcc::{Sfcc, SfccKind};
use crate::inspect::time::{TimeStatus, Times, UnixTime};

pub use basic::BasicCredentials;
pub use clock::EXPIRING_SOON;
pub use kinds::Kind;
pub use shape::{Claims, Decoded, OpaqueKind, Shape, Unrecognised};

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
    /// The scheme word that preceded it (`Bearer`, `Basic`), if any.
    pub scheme: Option<Scheme>,
    /// The cookie it came from, if it came from one.
    pub cookie: Option<String>,
    /// What the text decoded to.
    pub shape: Shape,
    /// Findings that do not depend on the clock, most serious first.
    pub findings: Vec<Finding>,
}

/// Times of a credential without claims.
static NO_TIMES: Times = Times { claims: Vec::new() };

impl Credential {
    /// Decodes and recognises one extracted candidate: chooses its shape, then diagnoses it.
    pub fn from_candidate(candidate: &Candidate) -> Credential {
        let shape = shape::choose(&candidate.text, candidate.scheme);
        let mut findings = rules::findings(&shape, candidate);
        rank(&mut findings);
        Credential {
            label: candidate.label.clone(),
            places: candidate.places.clone(),
            token_request: candidate.token_request.clone(),
            text: candidate.text.clone(),
            scheme: candidate.scheme,
            cookie: candidate.cookie.clone(),
            shape,
            findings,
        }
    }

    /// What kind of credential this is, as far as its shape tells.
    pub fn kind(&self) -> Kind {
        self.shape.kind()
    }

    /// Split and decoded compact JOSE parts, for anything that looks like a JWT.
    pub fn jose(&self) -> Option<&Jose> {
        self.shape.decoded().map(|d| &d.jose)
    }

    /// The header parameters, one row each (empty when the header did not decode).
    pub fn header_rows(&self) -> &[ClaimRow] {
        self.shape.decoded().map_or(&[], |d| &d.header_rows)
    }

    /// The claims set, when the payload is a JSON object.
    pub fn claims(&self) -> Option<&Claims> {
        self.shape.decoded().and_then(|d| d.claims.as_ref())
    }

    /// The payload claims, one row each (empty when there is no claims set).
    pub fn claim_rows(&self) -> &[ClaimRow] {
        self.claims().map_or(&[], |c| &c.rows)
    }

    /// The time claims (`exp`, `iat`, `nbf` …) of the claims set.
    pub fn times(&self) -> &Times {
        self.claims().map_or(&NO_TIMES, |c| &c.times)
    }

    /// What SFCC makes of the decoded claims (whenever the payload decodes to an object).
    pub fn sfcc(&self) -> Option<&Sfcc> {
        self.claims().map(|c| &c.sfcc)
    }

    /// Decoded `Basic` credentials.
    pub fn basic(&self) -> Option<&BasicCredentials> {
        match &self.shape {
            Shape::Basic(basic) => Some(basic),
            _ => None,
        }
    }

    /// Decoded text of a token's tail (second half of a split token).
    pub fn tail_text(&self) -> Option<&str> {
        match &self.shape {
            Shape::SecondHalf { tail, .. } => Some(tail),
            _ => None,
        }
    }

    /// The payload of a JWS whose payload is text, not a claims set (RFC 7515 A.4).
    pub fn text_payload(&self) -> Option<&str> {
        match &self.shape {
            Shape::TextPayloadJws(d) => d.jose.text_payload(),
            _ => None,
        }
    }

    /// The SFCC kind when one was recognised (not a generic JWT).
    pub fn sfcc_kind(&self) -> Option<SfccKind> {
        self.sfcc()
            .map(|s| s.kind)
            .filter(|k| *k != SfccKind::GenericJwt)
    }

    /// The title to show: the SFCC kind for a readable, signed JWT, else the shape.
    pub fn title(&self) -> &'static str {
        match (self.kind(), self.sfcc_kind()) {
            (Kind::Jws, Some(k)) => k.title(),
            (kind, _) => kind.title(),
        }
    }

    /// Stable id matching INDEX.json `kind`: the SFCC kind for a signed JWT, else the shape.
    pub fn kind_id(&self) -> &'static str {
        match (self.kind(), self.sfcc().map(|s| s.kind)) {
            (Kind::Jws, Some(k)) => k.id(),
            (kind, _) => kind.id(),
        }
    }

    /// One or two sentences on what this is: the SFCC kind's for a signed JWT it recognised,
    /// else the shape's.
    pub fn explanation(&self) -> &'static str {
        match (self.kind(), self.sfcc_kind()) {
            (Kind::Jws, Some(k)) if !k.explanation().is_empty() => k.explanation(),
            (kind, _) => kind.explanation(),
        }
    }

    /// Validity at `now` (seconds).
    pub fn time_status(&self, now: UnixTime) -> Option<TimeStatus> {
        self.claims()
            .filter(|c| !c.rows.is_empty())
            .map(|c| c.times.status(now))
    }

    /// Every finding at `now`: the clock-free ones, SFCC's, plus expiry, not-yet-valid and
    /// issued-in-the-future, ranked most serious first.
    pub fn findings_at(&self, now: UnixTime) -> Vec<Finding> {
        let sfcc = self.sfcc().map(|s| s.findings.iter().cloned());
        let clock = self.claims().map(|c| clock::findings(c, now));
        let mut all: Vec<Finding> = self
            .findings
            .iter()
            .cloned()
            .chain(sfcc.into_iter().flatten())
            .chain(clock.into_iter().flatten())
            .collect();
        rank(&mut all);
        all
    }

    /// The role of each dot-separated part, for colour-coding the raw token.
    pub fn segment_roles(&self) -> Vec<Role> {
        self.jose()
            .map(|j| j.segments.iter().map(|s| s.role).collect())
            .unwrap_or_default()
    }
}
