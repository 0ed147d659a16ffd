//! Is this token genuine? Its signature checked against the keys the engineer pasted, offline.
//!
//! The core does everything but the cryptography: it picks the keys that can have signed the
//! token (by `kid`, by key type and curve for `alg`), and prepares, for each, what the browser's
//! WebCrypto needs — the key material and its import parameters, the signing input and the raw
//! signature ([`Plan`]). The thin browser module (`ui/verify.rs`) runs `importKey` and `verify`
//! and hands back which attempt verified ([`Outcome`]); [`check`] turns that into what the page
//! says. Every "not verified" comes with its reason.

use std::hash::{Hash, Hasher};
use std::rc::Rc;

use super::credential::{Credential, Kind};
use super::jose::{decode_segment, encode_url, Jose, PayloadForm, Role};
use super::keys::{Key, KeySet, Kty, Material};
use super::sfcc::SfccKind;

/// The key data WebCrypto imports.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum KeyData {
    /// A JWK, as JSON text (`importKey("jwk", …)`).
    Jwk(String),
    /// DER bytes (`"spki"`) or a secret (`"raw"`).
    Bytes(Vec<u8>),
}

/// One key to try: its import and verify parameters as WebCrypto takes them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Attempt {
    /// Which pasted key (index into the keys tried, see [`Plan::keys`]).
    pub key: usize,
    /// `jwk`, `spki` or `raw`.
    pub format: &'static str,
    /// The key material.
    pub data: KeyData,
    /// The import algorithm, as JSON (`{"name":"ECDSA","namedCurve":"P-256"}`).
    pub import: String,
    /// The verify algorithm, as JSON (`{"name":"ECDSA","hash":"SHA-256"}`).
    pub verify: String,
}

/// What the browser runs: every attempt on the same signing input and signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Identifies the plan, so that a result is matched to the evidence it was computed for.
    pub id: u64,
    /// The token's `alg`.
    pub alg: String,
    /// `BASE64URL(header) '.' BASE64URL(payload)`, as pasted (RFC 7515 §5.2).
    pub signing_input: Vec<u8>,
    /// The signature's octets (for ES*, the raw `r‖s` JWS uses, which WebCrypto takes as is).
    pub signature: Vec<u8>,
    /// The keys tried, in order.
    pub attempts: Vec<Attempt>,
    /// The keys the attempts refer to.
    pub keys: Vec<Key>,
}

/// What the browser found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Attempt `n` verified.
    Verified(usize),
    /// No attempt verified.
    Mismatch,
    /// A key could not be imported or the browser refused the algorithm: its message.
    Error(String),
}

/// What the page says about the signature.
#[derive(Debug, Clone, PartialEq)]
pub enum Signature {
    /// No keys given: where to get them.
    NotChecked,
    /// The token cannot be verified outside Salesforce, or at all: why.
    Unverifiable(String),
    /// Keys were given, but none can have signed this token: why.
    NoKey(String),
    /// Ready: the browser is verifying.
    Pending(Rc<Plan>),
    /// Verified.
    Verified {
        /// The key that verified.
        key: Box<Key>,
        /// The algorithm.
        alg: String,
    },
    /// Not verified: why.
    Failed(String),
    /// The browser could not check it (no WebCrypto on this page, an algorithm or key it does
    /// not support): why. Says nothing about the token.
    BrowserCannot(String),
}

impl Signature {
    /// `not-checked`, `unverifiable`, `no-key`, `pending`, `verified`, `failed`: also
    /// `data-signature` on the page.
    pub fn id(&self) -> &'static str {
        match self {
            Signature::NotChecked => "not-checked",
            Signature::Unverifiable(_) => "unverifiable",
            Signature::NoKey(_) => "no-key",
            Signature::Pending(_) => "pending",
            Signature::Verified { .. } => "verified",
            Signature::Failed(_) => "failed",
            Signature::BrowserCannot(_) => "browser-cannot",
        }
    }

    /// The plan to run, while pending.
    pub fn plan(&self) -> Option<&Rc<Plan>> {
        match self {
            Signature::Pending(plan) => Some(plan),
            _ => None,
        }
    }
}

/// An algorithm the page can verify, with the WebCrypto parameters and the key it needs.
struct Algorithm {
    kty: Kty,
    crv: Option<&'static str>,
    import: String,
    verify: String,
    /// The signature length, for ES* (`r‖s`).
    signature_len: Option<usize>,
}

fn algorithm(alg: &str) -> Result<Algorithm, String> {
    let hash = |bits: &str| format!("SHA-{bits}");
    let (family, bits) = (alg.get(..2).unwrap_or(alg), alg.get(2..).unwrap_or(""));
    let rsa = |name: &str, verify: String| Algorithm {
        kty: Kty::Rsa,
        crv: None,
        import: format!(r#"{{"name":"{name}","hash":"{}"}}"#, hash(bits)),
        verify,
        signature_len: None,
    };
    Ok(match (family, bits) {
        ("RS", "256" | "384" | "512") => rsa(
            "RSASSA-PKCS1-v1_5",
            r#"{"name":"RSASSA-PKCS1-v1_5"}"#.into(),
        ),
        ("PS", "256" | "384" | "512") => rsa(
            "RSA-PSS",
            format!(r#"{{"name":"RSA-PSS","saltLength":{}}}"#, bits.parse::<usize>().unwrap_or(256) / 8),
        ),
        ("ES", "256" | "384" | "512") => {
            let (crv, len) = match bits {
                "256" => ("P-256", 64),
                "384" => ("P-384", 96),
                _ => ("P-521", 132),
            };
            Algorithm {
                kty: Kty::Ec,
                crv: Some(crv),
                import: format!(r#"{{"name":"ECDSA","namedCurve":"{crv}"}}"#),
                verify: format!(r#"{{"name":"ECDSA","hash":"{}"}}"#, hash(bits)),
                signature_len: Some(len),
            }
        }
        ("HS", "256" | "384" | "512") => Algorithm {
            kty: Kty::Oct,
            crv: None,
            import: format!(r#"{{"name":"HMAC","hash":"{}"}}"#, hash(bits)),
            verify: r#"{"name":"HMAC"}"#.into(),
            signature_len: None,
        },
        ("Ed", "DSA" | "25519") => Algorithm {
            kty: Kty::Okp,
            crv: Some("Ed25519"),
            import: r#"{"name":"Ed25519"}"#.into(),
            verify: r#"{"name":"Ed25519"}"#.into(),
            signature_len: Some(64),
        },
        _ if alg == "ES256K" => {
            return Err("ES256K (secp256k1) cannot be verified here: browsers' WebCrypto does not implement that curve.".into())
        }
        _ if alg.eq_ignore_ascii_case("none") => {
            return Err("alg is \"none\": the token is not signed, and no SFCC API accepts it.".into())
        }
        _ => return Err(format!("alg \"{alg}\" is not a JWS signature algorithm this page can verify (RS*, PS*, ES256/384/512, EdDSA, HS*).")),
    })
}

/// Why a token of this kind cannot be verified here, when it cannot.
fn outside_salesforce(c: &Credential) -> Option<&'static str> {
    match c.sfcc_kind()? {
        SfccKind::OcapiShop => Some("an OCAPI Shop JWT is signed by the B2C instance with a key that never leaves Salesforce (its HS256 secret, or the instance's own key): it cannot be verified outside the platform; the API is the check."),
        SfccKind::SessionGuest | SfccKind::SessionRegistered => Some("a session-bridge token (dwsgst/dwsrst) is signed by the B2C instance with a key that is not published: it cannot be verified outside the platform."),
        _ => None,
    }
}

/// The signature of `c` against `keys`, given what the browser found for earlier plans.
pub fn check(c: &Credential, keys: &KeySet, results: &[(u64, Outcome)]) -> Signature {
    check_detached(c, keys, results, None)
}

/// [`check`] with the payload of a token with detached content (RFC 7515 Appendix F), which the
/// token itself does not carry.
pub fn check_detached(
    c: &Credential,
    keys: &KeySet,
    results: &[(u64, Outcome)],
    detached: Option<&[u8]>,
) -> Signature {
    let plan = match prepare(c, keys, detached) {
        Ok(plan) => plan,
        Err(signature) => return signature,
    };
    match results
        .iter()
        .find(|(id, _)| *id == plan.id)
        .map(|(_, o)| o)
    {
        None => Signature::Pending(Rc::new(plan)),
        Some(Outcome::Verified(n)) => {
            match plan.attempts.get(*n).and_then(|a| plan.keys.get(a.key)) {
                Some(key) => Signature::Verified {
                    key: Box::new(key.clone()),
                    alg: plan.alg.clone(),
                },
                None => {
                    Signature::Failed("the browser reported an attempt that does not exist".into())
                }
            }
        }
        Some(Outcome::Mismatch) => Signature::Failed(mismatch(&plan, c)),
        Some(Outcome::Error(why)) => {
            Signature::BrowserCannot(format!("this browser could not check the signature: {why}"))
        }
    }
}

/// The reason for a signature that matches no key tried.
fn mismatch(plan: &Plan, c: &Credential) -> String {
    let tried: Vec<String> = plan.keys.iter().map(describe).collect();
    if plan.alg.starts_with("HS") {
        return format!(
            "the signature does not match the secret ({}): the token was altered, or signed with another secret.",
            tried.join("; ")
        );
    }
    let kid = c
        .jose()
        .and_then(|j| j.header.object())
        .and_then(|h| h.get("kid"))
        .and_then(|v| v.as_str());
    let named = kid.is_some_and(|kid| plan.keys.iter().any(|k| k.kid.as_deref() == Some(kid)));
    match kid {
        Some(kid) if !named => format!(
            "the token's kid {kid} is not among the pasted keys, and the keys without a kid that were tried do not match ({}): paste the issuer's current key set.",
            tried.join("; ")
        ),
        _ => format!(
            "the signature does not match {}: the token was altered, or signed by another key with the same kid.",
            tried.join("; ")
        ),
    }
}

/// "JWKS key 1 of 2 (kid 5c0b…, EC P-256)".
pub fn describe(k: &Key) -> String {
    let mut what = vec![match &k.crv {
        Some(crv) => format!("{} {crv}", k.kty.id()),
        None if k.kty == Kty::Oct => "secret".into(),
        None => match k.bits {
            Some(bits) => format!("{} {bits} bits", k.kty.id()),
            None => k.kty.id().into(),
        },
    }];
    if let Some(kid) = &k.kid {
        what.insert(0, format!("kid {kid}"));
    }
    format!("{} ({})", k.source, what.join(", "))
}

/// The plan for `c`, or why there is none.
fn prepare(c: &Credential, keys: &KeySet, detached: Option<&[u8]>) -> Result<Plan, Signature> {
    let unverifiable = |why: &str| Err(Signature::Unverifiable(why.to_string()));
    let Some(jose) = c.jose().filter(|_| c.kind() != Kind::Jwe) else {
        return if c.kind() == Kind::Jwe {
            unverifiable("an encrypted token (JWE) has no signature to verify.")
        } else {
            unverifiable("this is not a signed token: there is no signature to verify.")
        };
    };
    let header = jose.header.object();
    let text = |k: &str| header.and_then(|h| h.get(k)).and_then(|v| v.as_str());
    let Some(alg) = text("alg") else {
        return unverifiable("the header names no alg: nothing says how it was signed.");
    };
    let a = algorithm(alg).map_err(Signature::Unverifiable)?;
    if a.kty == Kty::Okp && jose.segments.last().and_then(|s| s.decoded_len) == Some(114) {
        return unverifiable("an EdDSA signature of 114 bytes is Ed448, which this page cannot verify: browsers' WebCrypto implements Ed25519 only.");
    }
    if let Some(why) = outside_salesforce(c).filter(|_| keys.is_empty()) {
        return Err(Signature::Unverifiable(why.into()));
    }
    // An unencoded payload (`b64: false`, RFC 7797) may hold dots of its own: the signature is
    // the last part, the payload everything between the first and the last.
    let unencoded = header
        .and_then(|o| o.get("b64"))
        .and_then(serde_json::Value::as_bool)
        == Some(false);
    let (h, p, s) = match jose.segments.as_slice() {
        [h, p, s] => (h, p.text.clone(), s),
        [h, middle @ .., s] if unencoded && !middle.is_empty() => (
            h,
            middle
                .iter()
                .map(|m| m.text.as_str())
                .collect::<Vec<_>>()
                .join("."),
            s,
        ),
        _ => return unverifiable("a signed token has three parts."),
    };
    let signature = match decode_segment(&s.text, 3, Role::Signature) {
        Ok(sig) => sig,
        Err(_) if s.text.is_empty() => return unverifiable("the signature part is empty."),
        Err(e) => {
            return Err(Signature::Failed(format!(
                "the signature part does not decode: {e}"
            )))
        }
    };
    if let Some(len) = a.signature_len.filter(|l| *l != signature.len()) {
        return Err(Signature::Failed(format!(
            "the signature is {} bytes; {alg} takes {len} (the raw r‖s of JWS, not a DER signature).",
            signature.len()
        )));
    }
    // The token's own x5c is never used on its own: a certificate the token carries proves
    // nothing about who signed it (paste it, or the issuer's keys, to use it).
    let all = keys.keys.clone();
    if all.is_empty() && !keys.problems.is_empty() {
        return Err(Signature::NoKey(format!(
            "the pasted keys could not be read: {}",
            keys.problems.join(" ")
        )));
    }
    if all.is_empty() {
        return Err(Signature::NotChecked);
    }
    let chosen = choose(&all, alg, &a, text("kid"))?;
    let attempts = chosen
        .iter()
        .enumerate()
        .map(|(i, k)| attempt(i, k, &a))
        .collect();
    let mut plan = Plan {
        id: 0,
        alg: alg.to_string(),
        signing_input: signing_input(&h.text, &p, jose, detached)?,
        signature,
        attempts,
        keys: chosen,
    };
    let mut hasher = std::hash::DefaultHasher::new();
    (&plan.signing_input, &plan.signature, &plan.attempts).hash(&mut hasher);
    plan.id = hasher.finish();
    Ok(plan)
}

/// `header '.' payload` as signed: the parts as pasted, or with the detached payload given
/// (base64url-encoded unless the header says `b64: false`, RFC 7797).
fn signing_input(
    h: &str,
    p: &str,
    jose: &Jose,
    detached: Option<&[u8]>,
) -> Result<Vec<u8>, Signature> {
    if jose.payload_form != PayloadForm::Detached {
        return Ok(format!("{h}.{p}").into_bytes());
    }
    let Some(payload) = detached else {
        return Err(Signature::Unverifiable(
            "detached content: the signature covers a payload that is not in the token, so it cannot be verified from the token alone.".into(),
        ));
    };
    let mut input = format!("{h}.").into_bytes();
    let unencoded = jose
        .header
        .object()
        .and_then(|o| o.get("b64"))
        .and_then(serde_json::Value::as_bool)
        == Some(false);
    if unencoded {
        input.extend_from_slice(payload);
    } else {
        input.extend_from_slice(encode_url(payload).as_bytes());
    }
    Ok(input)
}

/// The keys that can have signed a token with this `alg` and `kid`, or why none can.
fn choose(all: &[Key], alg: &str, a: &Algorithm, kid: Option<&str>) -> Result<Vec<Key>, Signature> {
    let fits = |k: &Key| {
        k.kty == a.kty
            && (a.crv.is_none() || k.crv.as_deref() == a.crv)
            && k.alg.as_deref().is_none_or(|ka| ka == alg)
    };
    if a.kty == Kty::Oct {
        let secrets: Vec<Key> = all.iter().filter(|k| k.kty == Kty::Oct).cloned().collect();
        if secrets.is_empty() {
            return Err(Signature::NoKey(format!(
                "{alg} is verified with the shared secret, and only public keys were pasted."
            )));
        }
        return Ok(secrets);
    }
    // A token's kid picks the key; keys without a kid (a PEM, a certificate) are tried too.
    let named: Vec<&Key> = match kid {
        Some(kid) => all
            .iter()
            .filter(|k| k.kid.as_deref().is_none_or(|x| x == kid))
            .collect(),
        None => all.iter().collect(),
    };
    if named.is_empty() {
        let kids: Vec<&str> = all.iter().filter_map(|k| k.kid.as_deref()).collect();
        return Err(Signature::NoKey(format!(
            "the token's kid {} is not in the pasted keys (kids: {}): they are another tenant's, or the key has rotated — SLAS publishes its current, past and next keys and rotates about monthly: fetch the set again.",
            kid.unwrap_or_default(),
            kids.join(", ")
        )));
    }
    let chosen: Vec<Key> = named
        .iter()
        .filter(|k| fits(k))
        .map(|k| (*k).clone())
        .collect();
    let other_alg: Vec<String> = named
        .iter()
        .filter(|k| k.kty == a.kty && (a.crv.is_none() || k.crv.as_deref() == a.crv))
        .filter_map(|k| {
            k.alg
                .as_ref()
                .filter(|ka| *ka != alg)
                .map(|ka| format!("{} says alg {ka}", describe(k)))
        })
        .collect();
    if chosen.is_empty() && !other_alg.is_empty() {
        return Err(Signature::NoKey(format!(
            "the token says alg {alg}, but {}: a key is used with its own algorithm only.",
            other_alg.join("; ")
        )));
    }
    if chosen.is_empty() {
        let want = match a.crv {
            Some(crv) => format!("an {} {crv} key", a.kty.id()),
            None => format!("an {} key", a.kty.id()),
        };
        let have: Vec<String> = named.iter().map(|k| describe(k)).collect();
        return Err(Signature::NoKey(format!(
            "{alg} needs {want}; the keys that could have signed it do not fit: {}.",
            have.join("; ")
        )));
    }
    Ok(chosen)
}

/// The WebCrypto attempt for key `k` (the `i`-th chosen).
fn attempt(i: usize, k: &Key, a: &Algorithm) -> Attempt {
    let (format, data) = match &k.material {
        Material::Jwk(json) => ("jwk", KeyData::Jwk(json.clone())),
        Material::Spki(der) => ("spki", KeyData::Bytes(der.clone())),
        Material::Secret(bytes) => ("raw", KeyData::Bytes(bytes.clone())),
    };
    Attempt {
        key: i,
        format,
        data,
        import: a.import.clone(),
        verify: a.verify.clone(),
    }
}

/// Where the engineer finds the keys for a token of this kind: a sentence, and for SLAS the
/// tenant's JWKS URL (the short code from the request when there is one) and a `curl` command
/// to fetch it. The page never fetches anything itself.
pub fn where_keys_are(c: &Credential, short_code: Option<&str>) -> (String, Option<String>) {
    let generic = "Paste the issuer's public keys (its JWKS, a PEM key or a certificate), or the shared secret for HS*.";
    if c.jose().is_none() {
        return (
            "An opaque token (a refresh token, a legacy Account Manager token, a dwsid) is a reference the server looks up: there is no signature to verify outside Salesforce.".into(),
            None,
        );
    }
    let x5c = c
        .jose()
        .and_then(|j| j.header.object())
        .is_some_and(|h| h.contains_key("x5c"));
    let note = if x5c {
        " The token carries its own certificate (x5c): that proves nothing by itself, so it is not used unless you paste it."
    } else {
        ""
    };
    let Some(kind) = c.sfcc_kind() else {
        return (format!("{generic}{note}"), None);
    };
    let (text, curl) = match kind {
        SfccKind::SlasAccess | SfccKind::SlasIdToken | SfccKind::SlasCallback => slas_jwks(c, short_code),
        SfccKind::AmAccess => ("Account Manager signs with RS256. Its JWKS location is not documented in the sources this page was built from: paste Account Manager's public key or JWKS if you have it.".into(), None),
        SfccKind::OcapiShop | SfccKind::SessionGuest | SfccKind::SessionRegistered => {
            (outside_salesforce(c).unwrap_or_default().to_string(), None)
        }
        SfccKind::LegacySlas2020 | SfccKind::LegacyCommerceApi2021 => ("A token of a retired shape (SLAS 2020, Commerce API 2021): the keys that signed it are no longer published, so it can only be checked against keys you already hold.".into(), None),
        _ => (generic.into(), None),
    };
    (format!("{text}{note}"), curl)
}

/// The tenant's SLAS JWKS URL, and a `curl` for it when the short code is known. Values from the
/// token and the request are used only when they are plain ids, so the command cannot carry
/// anything else into a shell.
fn slas_jwks(c: &Credential, short_code: Option<&str>) -> (String, Option<String>) {
    let plain = |t: &str, extra: &[u8]| {
        !t.is_empty()
            && t.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || extra.contains(&b))
    };
    let org = c
        .sfcc()
        .and_then(|s| s.tenants.tenant.as_ref())
        .map(|t| t.org_id.clone())
        .filter(|o| plain(o, b"_"));
    let code = short_code.filter(|s| plain(s, b""));
    let url = format!(
        "https://{}.api.commercecloud.salesforce.com/shopper/auth/v1/organizations/{}/oauth2/jwks",
        code.unwrap_or("{shortCode}"),
        org.as_deref().unwrap_or("{organizationId}")
    );
    let curl = (code.is_some() && org.is_some()).then(|| format!("curl -s '{url}'"));
    let how = if curl.is_some() {
        ""
    } else {
        " (fill in the short code from the failing request's host)"
    };
    (
        format!("SLAS signs with ES256; its keys are the tenant's JWKS (SLAS getJwksUri), which lists the current, past and next keys. Fetch it yourself and paste it here (this page fetches nothing): {url}{how}"),
        curl,
    )
}
