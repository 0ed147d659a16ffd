//! Diagnosing a [`Shape`]: small rule functions, each returning its findings, that do not
//! depend on the clock (those are in [`super::clock`]).

use serde_json::Value;

use super::basic::BasicCredentials;
use super::kinds::Kind;
use super::shape::{is_alg_none, Claims, Decoded, Shape, Unrecognised};
use crate::inspect::extract::{is_token_char, Candidate, Scheme};
use crate::inspect::findings::{Finding, Severity};
use crate::inspect::jose::{DecodeError, Jose, JsonPart, PayloadForm};
use crate::inspect::text::{describe_char, is_hidden};
use crate::inspect::time::iso_utc;

/// Every clock-free finding about `shape`, decoded from `text` after `scheme` (unranked).
pub fn findings(shape: &Shape, candidate: &Candidate) -> Vec<Finding> {
    let (text, scheme) = (candidate.text.as_str(), candidate.scheme);
    let own: Vec<Finding> = match shape {
        Shape::Unrecognised(Unrecognised::Placeholder { title, detail }) => {
            return vec![Finding::new(Severity::Error, "no-token", title, detail)];
        }
        Shape::Unrecognised(Unrecognised::Json(detail)) => {
            return vec![Finding::new(
                Severity::Error,
                "json-not-token",
                "JSON, but no token in it",
                detail,
            )];
        }
        Shape::Unrecognised(Unrecognised::NotAToken) => vec![not_a_token(text)],
        Shape::Basic(basic) => vec![secret_pasted(basic, candidate.token_request.is_some())],
        Shape::Opaque(_) => Vec::new(),
        Shape::FirstHalf(d) => [vec![first_half(text)], json_rules(d)].concat(),
        Shape::SecondHalf { token, .. } => [vec![second_half()], json_rules(token)].concat(),
        Shape::Jwe(d) => [
            decode_errors(&d.jose),
            vec![encrypted(&d.jose)],
            json_rules(d),
        ]
        .concat(),
        Shape::Jws(d)
        | Shape::UnsignedJws(d)
        | Shape::TextPayloadJws(d)
        | Shape::DetachedJws(d)
        | Shape::Malformed(d) => [jws_rules(d), json_rules(d)].concat(),
    };
    own.into_iter()
        .chain(basic_not_credentials(shape.kind(), scheme))
        .collect()
}

/// The rules for a compact JWS, in the order they are shown.
fn jws_rules(d: &Decoded) -> Vec<Finding> {
    let jose = &d.jose;
    let claims = d.claims.as_ref();
    [
        decode_errors(jose),
        signature(jose).into_iter().collect(),
        text_payload(jose).into_iter().collect(),
        detached(jose).into_iter().collect(),
        unencoded(jose),
        standard_base64(jose).into_iter().collect(),
        claims.map(time_claims).unwrap_or_default(),
    ]
    .concat()
}

/// The rules about the decoded JSON: repeated keys, lone surrogates, an empty claims set,
/// invisible characters in values.
fn json_rules(d: &Decoded) -> Vec<Finding> {
    let parts = [(&d.jose.header, "header"), (&d.jose.payload, "payload")];
    parts
        .into_iter()
        .flat_map(|(part, role)| [duplicates(part, role), lone_surrogates(part, role)])
        .flatten()
        .chain(empty_payload(&d.jose.payload))
        .chain(hidden_characters(d))
        .collect()
}

fn not_a_token(text: &str) -> Finding {
    let len = text.chars().count();
    let detail = match text.chars().enumerate().find(|(_, c)| !is_token_char(*c)) {
        Some((pos, c)) => format!(
            "It contains {} at position {}, which no token contains: a JWT is three base64url parts separated by dots.",
            describe_char(c),
            pos + 1
        ),
        None => format!(
            "It is {len} characters with no dots: a JWT has three dot-separated parts; SLAS refresh tokens are 43 \
             characters, legacy Account Manager tokens 27, and dwsid session ids about 88 ending in “==”."
        ),
    };
    Finding::new(Severity::Error, "not-a-token", "Not a token", detail)
}

/// `posted`: the secret came in a token request's body (`client_secret_post`), not a header.
fn secret_pasted(basic: &BasicCredentials, posted: bool) -> Finding {
    Finding::new(
        Severity::Error,
        "secret-pasted",
        "A client secret was pasted",
        format!(
            "This {} contains the secret of client {}. It is masked here and never leaves this page, \
             but if you copied it into a ticket, chat or log, rotate the secret in Account Manager or SLAS Admin.",
            if posted { "token request" } else { "Basic credential" },
            basic.client_id
        ),
    )
}

fn basic_not_credentials(kind: Kind, scheme: Option<Scheme>) -> Option<Finding> {
    (scheme == Some(Scheme::Basic) && kind != Kind::Basic).then(|| {
        Finding::new(
            Severity::Warning,
            "basic-not-credentials",
            "“Basic” but not client credentials",
            "A Basic header holds base64 of client_id:client_secret; this value does not decode to that.",
        )
    })
}

fn first_half(text: &str) -> Finding {
    let len = text.chars().count();
    Finding::new(
        Severity::Error,
        "half-token",
        "Only the first half of a token",
        format!(
            "The payload stops part-way and there is no signature ({len} characters{}): this is the cc-at cookie of a \
             SLAS token that SFRA split in two. Paste cc-at and cc-at_2 together.",
            if len == 1200 { ", exactly the 1200 that SFRA puts in cc-at" } else { "" }
        ),
    )
}

fn second_half() -> Finding {
    Finding::new(
        Severity::Error,
        "half-token",
        "Only the second half of a token",
        "This is the tail of a payload plus a signature, as stored in the cc-at_2 cookie. Paste cc-at and cc-at_2 \
         together (cc-at first).",
    )
}

/// One finding per part that does not decode.
fn decode_errors(jose: &Jose) -> Vec<Finding> {
    jose.errors
        .iter()
        // A 2-part token whose payload decodes is a JWS missing its signature: said elsewhere.
        .filter(|e| {
            !(matches!(e, DecodeError::WrongPartCount { parts: 2 })
                && jose.payload.object().is_some())
        })
        .map(|e| {
            Finding::new(
                Severity::Error,
                "decode-error",
                "Does not decode",
                e.to_string(),
            )
        })
        .collect()
}

fn encrypted(jose: &Jose) -> Finding {
    let header = jose.header.object();
    let enc = header
        .and_then(|h| h.get("enc"))
        .and_then(Value::as_str)
        .unwrap_or("?");
    let direct = match jose.alg() {
        Some(alg @ ("dir" | "ECDH-ES")) => format!(
            " With alg “{alg}” the content key is not sent, so the encrypted-key part is empty, as RFC 7518 §4.5–4.6 \
             require."
        ),
        _ => String::new(),
    };
    Finding::new(
        Severity::Info,
        "encrypted",
        "Encrypted — the payload cannot be read here",
        format!(
            "This JWE is encrypted with {enc}; only the holder of the private key can read its claims.{direct} SFCC \
             APIs expect a signed (JWS) token in Authorization."
        ),
    )
}

/// `alg: none`, a lost or empty signature, or no `alg` at all.
fn signature(jose: &Jose) -> Option<Finding> {
    let parts = jose.parts();
    let header_ok = jose.header.object().is_some();
    if is_alg_none(jose) {
        let detail = if jose.has_signature() {
            "The header says alg none yet a signature part is present: treat this token as forged. No SFCC API accepts unsigned tokens."
        } else {
            "Nothing signs this token, so anyone could have written it. No SFCC API accepts unsigned tokens."
        };
        Some(Finding::new(
            Severity::Error,
            "alg-none",
            "Unsigned: alg is “none”",
            detail,
        ))
    } else if parts == 2 && jose.payload.object().is_some() {
        Some(Finding::new(
            Severity::Error,
            "missing-signature",
            "The signature is missing",
            "Header and payload decode, but the third part (the signature) and its dot are gone — probably lost \
             when the token was copied. APIs reject it.",
        ))
    } else if parts == 3 && !jose.has_signature() && header_ok {
        Some(Finding::new(
            Severity::Error,
            "missing-signature",
            "The signature is empty",
            "The token ends with a dot and no signature: it is unsigned, and APIs reject it.",
        ))
    } else if header_ok && jose.alg().is_none() {
        Some(Finding::new(
            Severity::Warning,
            "no-alg",
            "The header has no “alg”",
            "Every JWS header must say which algorithm signed it (RFC 7515 §4.1.1).",
        ))
    } else {
        None
    }
}

/// A JWS over text rather than a claims set (RFC 7515 A.4, RFC 7520 §4.1–4.4, RFC 8037 A.4).
fn text_payload(jose: &Jose) -> Option<Finding> {
    let text = jose.text_payload()?;
    Some(Finding::new(
        Severity::Warning,
        "not-a-jwt",
        "The payload is text, not a JWT claims set",
        format!(
            "Every part decodes, and the payload is {} characters of text (RFC 7515 lets a JWS sign any content). It \
             has no issuer, subject, expiry or scopes, so no SFCC API takes it as a token.",
            text.chars().count()
        ),
    ))
}

/// Detached content: an empty payload part on purpose (RFC 7515 App. F).
fn detached(jose: &Jose) -> Option<Finding> {
    (jose.payload_form == PayloadForm::Detached).then(|| {
        Finding::new(
            Severity::Info,
            "detached-content",
            "Detached content: the payload is not in the token",
            "The payload part is empty by design (RFC 7515 Appendix F): the signed content travels apart from the \
             token, and verifying the signature needs it. No SFCC API takes a detached JWS as a token.",
        )
    })
}

/// `b64: false` (RFC 7797): the payload is signed as it is, and `crit` must list `b64`.
fn unencoded(jose: &Jose) -> Vec<Finding> {
    if !jose.unencoded() {
        return Vec::new();
    }
    let info = Finding::new(
        Severity::Info,
        "unencoded-payload",
        "The payload is not base64url-encoded (b64: false)",
        "The header sets “b64”: false (RFC 7797): the payload is signed and sent as it is, not base64url-encoded, \
         so part 2 is shown as written. Only a verifier that understands “b64” can check the signature.",
    );
    let crit = (!jose.critical("b64")).then(|| {
        Finding::new(
            Severity::Warning,
            "b64-not-critical",
            "“b64” is not listed in “crit”",
            "RFC 7797 §6 requires “crit” to name “b64”, so that a verifier that does not know it rejects the token \
             instead of reading the payload as base64url.",
        )
    });
    [Some(info), crit].into_iter().flatten().collect()
}

fn standard_base64(jose: &Jose) -> Option<Finding> {
    let which: Vec<String> = jose
        .segments
        .iter()
        .enumerate()
        .filter(|(_, s)| s.standard_base64)
        .map(|(i, s)| format!("{} ({})", i + 1, s.role.name()))
        .collect();
    (!which.is_empty()).then(|| {
        Finding::new(
            Severity::Warning,
            "standard-base64",
            "Standard base64 instead of base64url",
            format!(
                "Segment {} use “+”, “/” or “=”, which a JWT must not: it was decoded anyway, but the signature \
                 covers the exact text, so the token was altered after signing and will be rejected.",
                which.join(", ")
            ),
        )
    })
}

/// Findings about the time claims themselves (not about the clock).
fn time_claims(claims: &Claims) -> Vec<Finding> {
    let per_claim = claims.times.claims.iter().flat_map(|claim| {
        let millis = claim.millis.then(|| {
            // What a verifier that follows RFC 7519 (seconds) makes of the raw value.
            // Whole years, as an integer: no float formatting code in the wasm for one number (a
            // millisecond value is bounded, so the cast cannot saturate).
            let year = (1970.0 + claim.raw.as_f64().unwrap_or_default() / 31_556_952.0).floor() as i64;
            Finding::new(
                Severity::Warning,
                "millis",
                format!("“{}” looks like milliseconds", claim.name),
                format!(
                    "{} has 13 digits. Divided by 1000 it is {} — the time shown here. Read as seconds, as RFC 7519 \
                     says and SFCC APIs do, it is the year {}.",
                    claim.raw,
                    claim.seconds.map(iso_utc).unwrap_or_default(),
                    year
                ),
            )
        });
        let fraction = claim.fraction.then(|| {
            Finding::new(
                Severity::Info,
                "fractional-time",
                format!("“{}” has a fraction of a second", claim.name),
                format!(
                    "{} is allowed by RFC 7519 (a NumericDate may be fractional), but SFCC issues whole seconds: \
                     the token was probably made by hand. Read as {}.",
                    claim.raw,
                    claim.seconds.map(iso_utc).unwrap_or_default()
                ),
            )
        });
        let problem = claim.problem.as_ref().map(|problem| {
            Finding::new(
                Severity::Warning,
                "bad-time",
                format!("“{}” {}", claim.name, problem),
                format!("The value is {}.", claim.raw),
            )
        });
        [millis, fraction, problem].into_iter().flatten()
    });
    let no_exp = (claims.times.get("exp").is_none() && !claims.rows.is_empty()).then(|| {
        Finding::new(
            Severity::Warning,
            "no-exp",
            "No expiry claim",
            "This token has no “exp”: SFCC never issues one without it, so it is probably hand-made or a test token.",
        )
    });
    per_claim.chain(no_exp).collect()
}

fn duplicates(part: &JsonPart, role: &str) -> Option<Finding> {
    let names: Vec<String> = part.duplicates.iter().map(|k| format!("“{k}”")).collect();
    (!names.is_empty()).then(|| {
        Finding::new(
            Severity::Error,
            "duplicate-claims",
            format!("Repeated in the {role}: {}", names.join(", ")),
            format!(
                "The {role} states {} more than once. Parsers disagree on which value counts (this page, like most, \
                 shows the last), so a repeated claim is a classic way to forge a token: RFC 7515 §5.2 says to \
                 reject it.",
                names.join(", ")
            ),
        )
    })
}

fn lone_surrogates(part: &JsonPart, role: &str) -> Option<Finding> {
    let count = part.lone_surrogates;
    (count > 0).then(|| {
        Finding::new(
            Severity::Warning,
            "lone-surrogate",
            format!("Half a character in the {role}"),
            format!(
                "The {role} has {count} lone UTF-16 surrogate escape{} (such as \\ud800): half of an emoji or other \
                 character, cut in two. It is shown as U+FFFD (�); strict JSON parsers reject the token.",
                if count == 1 { "" } else { "s" }
            ),
        )
    })
}

fn empty_payload(payload: &JsonPart) -> Option<Finding> {
    payload.object().is_some_and(|o| o.is_empty()).then(|| {
        Finding::new(
            Severity::Warning,
            "empty-payload",
            "The payload has no claims",
            "The payload is an empty JSON object “{}”: no subject, no expiry, no scopes. Nothing SFCC issues looks \
             like this.",
        )
    })
}

/// Invisible or direction-changing characters in header and claim values (scopes have their own).
fn hidden_characters(d: &Decoded) -> Vec<Finding> {
    let claim_rows = d
        .claims
        .as_ref()
        .map(|c| c.rows.as_slice())
        .unwrap_or_default();
    d.header_rows
        .iter()
        .chain(claim_rows)
        .filter(|r| !matches!(r.name.as_str(), "scope" | "scp"))
        .filter_map(|row| {
            let hidden = hidden_in(&row.value);
            let first = hidden.first()?;
            Some(Finding::new(
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
            ))
        })
        .collect()
}

/// Invisible, control and direction-changing characters in the strings of `value`.
fn hidden_in(value: &Value) -> Vec<char> {
    let mut out = Vec::new();
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::String(s) => out.extend(s.chars().filter(|c| is_hidden(*c))),
            Value::Array(a) => stack.extend(a),
            Value::Object(o) => stack.extend(o.values()),
            _ => {}
        }
    }
    out
}
