//! The signature check's core: which keys can have signed a token, the WebCrypto plan for them,
//! and every "not verified" reason, natively (the browser's part runs in tests/wasm_verify.rs).

mod common;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use sfcc_token_inspector::inspect::keys;
use sfcc_token_inspector::inspect::page::page;
use sfcc_token_inspector::inspect::signature::{
    check, where_keys_are, KeyData, Outcome, Signature,
};
use sfcc_token_inspector::inspect::verdict::Judgement;
use sfcc_token_inspector::inspect::{analyze, Credential, Evidence};

fn credential(text: &str) -> std::rc::Rc<Credential> {
    analyze(text).credentials.remove(0)
}

fn jwks() -> keys::KeySet {
    keys::read(&common::fixture("jwks.json"))
}

fn reason(s: &Signature) -> &str {
    match s {
        Signature::Unverifiable(w) | Signature::NoKey(w) | Signature::Failed(w) => w,
        other => panic!("no reason: {other:?}"),
    }
}

#[test]
fn a_slas_token_and_its_jwks_make_one_attempt_with_the_kid_s_key() {
    let token = common::token("slas-access-guest.jwt");
    let s = check(&credential(&token), &jwks(), &[]);
    let plan = s.plan().expect("pending");
    assert_eq!(plan.alg, "ES256");
    assert_eq!(plan.attempts.len(), 1, "only the key with the token's kid");
    let a = &plan.attempts[0];
    assert_eq!(a.format, "jwk");
    assert_eq!(a.import, r#"{"name":"ECDSA","namedCurve":"P-256"}"#);
    assert_eq!(a.verify, r#"{"name":"ECDSA","hash":"SHA-256"}"#);
    let KeyData::Jwk(jwk) = &a.data else { panic!() };
    assert!(
        jwk.contains(r#""kty":"EC""#) && !jwk.contains("kid"),
        "{jwk}"
    );
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(
        plan.signing_input,
        format!("{}.{}", parts[0], parts[1]).into_bytes()
    );
    assert_eq!(plan.signature, URL_SAFE_NO_PAD.decode(parts[2]).unwrap());
    assert_eq!(plan.signature.len(), 64);
    // The browser's answer comes back by plan id.
    let verified = check(
        &credential(&token),
        &jwks(),
        &[(plan.id, Outcome::Verified(0))],
    );
    let Signature::Verified { key, alg } = verified else {
        panic!("{verified:?}")
    };
    assert_eq!(
        (key.kid.as_deref(), alg.as_str()),
        (Some("5c0b2f7e-3d1a-4e8b-9f62-1a7c4d9e0b35"), "ES256")
    );
    let failed = check(
        &credential(&token),
        &jwks(),
        &[(plan.id, Outcome::Mismatch)],
    );
    assert!(reason(&failed)
        .contains("the token was altered, or signed by another key with the same kid"));
    let error = check(
        &credential(&token),
        &jwks(),
        &[(plan.id, Outcome::Error("DataError: bad".into()))],
    );
    assert!(reason(&error).contains("DataError: bad"));
}

#[test]
fn every_not_verified_reason() {
    // The kid is not in the set.
    let s = check(
        &credential(&common::token("slas-access-unknown-kid.jwt")),
        &jwks(),
        &[],
    );
    assert!(matches!(s, Signature::NoKey(_)));
    assert!(
        reason(&s).contains("00000000-dead-4bad-8bad-000000000000")
            && reason(&s).contains("5c0b2f7e-3d1a-4e8b-9f62-1a7c4d9e0b35")
    );
    // The key does not fit alg.
    let rsa = keys::read(&common::fixture("keys/rs256-account-manager.pub.pem"));
    let s = check(
        &credential(&common::token("slas-access-guest.jwt")),
        &rsa,
        &[],
    );
    assert!(
        reason(&s).contains("ES256 needs an EC P-256 key"),
        "{}",
        reason(&s)
    );
    // HS256 with only public keys.
    let s = check(
        &credential(&common::token("slas-access-hs256-resigned.jwt")),
        &jwks(),
        &[],
    );
    assert!(reason(&s).contains("shared secret"), "{}", reason(&s));
    // alg none, a JWE, an opaque token, ES256K.
    let none = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#),
        URL_SAFE_NO_PAD.encode(r#"{"sub":"x"}"#)
    );
    assert!(reason(&check(&credential(&none), &jwks(), &[])).contains("\"none\""));
    assert!(matches!(
        check(
            &credential(&common::token("jwe-rsa-oaep-256-a256gcm.jwt")),
            &jwks(),
            &[]
        ),
        Signature::Unverifiable(_)
    ));
    assert!(matches!(
        check(
            &credential(&common::token("slas-refresh-token.txt")),
            &jwks(),
            &[]
        ),
        Signature::Unverifiable(_)
    ));
    let k = format!(
        "{}.{}.c2ln",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"ES256K"}"#),
        URL_SAFE_NO_PAD.encode(r#"{"sub":"x"}"#)
    );
    assert!(reason(&check(&credential(&k), &jwks(), &[])).contains("secp256k1"));
    // An ES256 signature of the wrong length (a DER signature).
    let token = common::token("slas-access-guest.jwt");
    let der = format!(
        "{}.{}",
        token.rsplit_once('.').unwrap().0,
        URL_SAFE_NO_PAD.encode([0x30u8; 70])
    );
    assert!(reason(&check(&credential(&der), &jwks(), &[])).contains("70 bytes; ES256 takes 64"));
    // Instance-signed tokens, with no key pasted.
    let s = check(
        &credential(&common::token("ocapi-shop-guest.jwt")),
        &keys::KeySet::default(),
        &[],
    );
    assert!(
        reason(&s).contains("never leaves Salesforce"),
        "{}",
        reason(&s)
    );
}

#[test]
fn a_secret_is_tried_in_each_reading_and_never_with_public_keys() {
    let s = check(
        &credential(&common::token("slas-access-hs256-resigned.jwt")),
        &keys::read("c2VjcmV0LXNlY3JldA"),
        &[],
    );
    let plan = s.plan().unwrap();
    assert!(
        plan.attempts.len() >= 2,
        "text and base64url readings: {}",
        plan.attempts.len()
    );
    assert!(plan
        .attempts
        .iter()
        .all(|a| a.format == "raw" && a.import == r#"{"name":"HMAC","hash":"SHA-256"}"#));
}

#[test]
fn where_the_keys_are_for_each_kind() {
    let guest = credential(&common::token("slas-access-guest.jwt"));
    let (help, curl) = where_keys_are(&guest, Some("kv7kzm78"));
    assert!(help.contains("https://kv7kzm78.api.commercecloud.salesforce.com/shopper/auth/v1/organizations/f_ecom_abcd_001/oauth2/jwks"));
    assert_eq!(curl.unwrap(), "curl -s 'https://kv7kzm78.api.commercecloud.salesforce.com/shopper/auth/v1/organizations/f_ecom_abcd_001/oauth2/jwks'");
    assert!(where_keys_are(&guest, None)
        .0
        .contains("https://{shortCode}.api.commercecloud.salesforce.com/"));
    assert!(where_keys_are(
        &credential(&common::token("am-client-credentials.jwt")),
        None
    )
    .0
    .contains("not documented"));
    assert!(
        where_keys_are(&credential(&common::token("b2c-session-dwsgst.jwt")), None)
            .0
            .contains("not published")
    );
}

#[test]
fn the_verdict_and_the_summary_say_what_the_signature_check_found() {
    let token = common::token("slas-access-bad-signature.jwt");
    let answer = r#"HTTP/2 401

{"type":"https://api.commercecloud.salesforce.com/documentation/error/v1/errors/unauthorized","title":"Unauthorized","detail":"x"}"#;
    let evidence = Evidence::new(&token, "", "")
        .with_answer(answer)
        .with_keys(&common::fixture("jwks.json"));
    let id = page(&evidence, common::NOW)
        .signature
        .unwrap()
        .signature
        .plan()
        .unwrap()
        .id;
    let p = page(&evidence.with_outcome(id, Outcome::Mismatch), common::NOW);
    let v = p.verdict.as_ref().unwrap();
    let cause = v
        .causes
        .iter()
        .find(|c| c.check.id() == "signature")
        .unwrap();
    assert_eq!(cause.judgement, Judgement::Confirmed);
    assert!(
        v.headline.starts_with("401: the signature does not verify"),
        "{}",
        v.headline
    );
    assert!(
        p.summary.contains("**Signature:** NOT verified"),
        "{}",
        p.summary
    );
    // Nothing of the keys in the summary but their source and kid.
    assert!(
        !p.summary.contains("\"x\":") && !p.summary.contains("dKstJjxfm"),
        "{}",
        p.summary
    );
}
