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
        Signature::Unverifiable(w)
        | Signature::NoKey(w)
        | Signature::Failed(w)
        | Signature::BrowserCannot(w) => w,
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

fn token_with(header: &str, payload: &str, signature: &[u8]) -> String {
    format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(payload),
        URL_SAFE_NO_PAD.encode(signature)
    )
}

#[test]
fn a_token_never_vouches_for_itself_with_its_own_x5c() {
    let cert: String = common::fixture("x509/cert-p256.pem")
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    let t = token_with(
        &format!(r#"{{"alg":"ES256","kid":"not-in-set","x5c":["{cert}"]}}"#),
        r#"{"sub":"x"}"#,
        &[1u8; 64],
    );
    let c = credential(&t);
    assert_eq!(
        check(&c, &keys::KeySet::default(), &[]),
        Signature::NotChecked
    );
    let s = check(&c, &jwks(), &[]);
    assert!(
        reason(&s).contains("kid not-in-set is not in the pasted keys"),
        "{s:?}"
    );
    assert!(where_keys_are(&c, None)
        .0
        .contains("proves nothing by itself"));
}

#[test]
fn the_curl_command_holds_only_plain_ids() {
    let guest = common::token("slas-access-guest.jwt");
    let parts: Vec<&str> = guest.split('.').collect();
    let payload = String::from_utf8(URL_SAFE_NO_PAD.decode(parts[1]).unwrap())
        .unwrap()
        .replace("abcd_001", "abcd_001'$(id)'");
    let evil = credential(&format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(payload),
        parts[2]
    ));
    let (help, curl) = where_keys_are(&evil, Some("kv7kzm78"));
    assert!(curl.is_none() && !help.contains("$(id)"), "{help} {curl:?}");
    assert!(where_keys_are(&credential(&guest), Some("kv7k'zm"))
        .1
        .is_none());
    assert!(
        where_keys_are(&credential(&guest), None).1.is_none(),
        "no curl with a placeholder host"
    );
}

#[test]
fn what_the_browser_cannot_do_says_nothing_about_the_token() {
    let token = common::token("slas-access-guest.jwt");
    let id = check(&credential(&token), &jwks(), &[]).plan().unwrap().id;
    let s = check(
        &credential(&token),
        &jwks(),
        &[(id, Outcome::Error("NotSupportedError: no".into()))],
    );
    assert!(matches!(s, Signature::BrowserCannot(_)), "{s:?}");
    let answer = "HTTP/2 401\n\n{\"type\":\"https://api.commercecloud.salesforce.com/documentation/error/v1/errors/unauthorized\",\"title\":\"U\",\"detail\":\"x\"}";
    let e = Evidence::new(&token, "", "")
        .with_answer(answer)
        .with_keys(&common::fixture("jwks.json"));
    let p = page(
        &e.with_outcome(id, Outcome::Error("NotSupportedError: no".into())),
        common::NOW,
    );
    let cause = p
        .verdict
        .unwrap()
        .causes
        .into_iter()
        .find(|c| c.check.id() == "signature")
        .unwrap();
    assert_eq!(cause.judgement, Judgement::CannotTell);
}

#[test]
fn more_not_verified_reasons_from_the_review() {
    let guest = credential(&common::token("slas-access-guest.jwt"));
    // Keys that could not be read.
    let bad = keys::read(r#"{"keys":[{"kty":"EC","crv":"P-256","x":"!!","y":"AA"}]}"#);
    assert!(reason(&check(&guest, &bad, &[])).contains("could not be read"));
    // Ed448.
    let ed448 = token_with(r#"{"alg":"EdDSA"}"#, r#"{"sub":"x"}"#, &[7u8; 114]);
    assert!(reason(&check(&credential(&ed448), &jwks(), &[])).contains("Ed448"));
    // A key whose alg is another than the token's.
    let ps = keys::read(
        r#"{"kty":"RSA","alg":"RS256","n":"sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1WlUzewbgBHod5pcM9H95GQRV3JDXboIRROSBigeC5yjU1hGzHHyXss8UDprecbAYxknTcQkhslANGRUZmdTOQ5qTRsLAt6BTYuyvVRdhS8exSZEy_c4gs_7svlJJQ4H9_NxsiIoLwAEk7-Q3UXERGYw_75IDrGA84-lA_-Ct4eTlXHBIY2EaV7t7LjJaynVJCpkv4LKjTTAumiGUIuQhrNhZLuF_RJLqHpM2kgWFLU7-VTdL1VbC2tejvcI2BlMkEpk1BzBZI0KQB0GaDWFLN-aEAw3vRw","e":"AQAB"}"#,
    );
    let pst = token_with(r#"{"alg":"PS256"}"#, r#"{"sub":"x"}"#, &[1u8; 256]);
    assert!(
        reason(&check(&credential(&pst), &ps, &[])).contains("says alg RS256"),
        "{:?}",
        check(&credential(&pst), &ps, &[])
    );
    // An unknown kid tried against a kid-less PEM: said so, not "the same kid".
    let pem = keys::read(&common::fixture("keys/es256-slas-a.pub.pem"));
    let unknown = credential(&common::token("slas-access-unknown-kid.jwt"));
    let id = check(&unknown, &pem, &[]).plan().unwrap().id;
    let why = reason(&check(&unknown, &pem, &[(id, Outcome::Mismatch)])).to_string();
    assert!(
        why.contains("is not among the pasted keys") && !why.contains("same kid"),
        "{why}"
    );
    // Opaque tokens: nothing to verify, and the help says why.
    let opaque = credential(&common::token("am-opaque-legacy-token.txt"));
    assert!(
        where_keys_are(&opaque, None)
            .0
            .contains("nothing to verify")
            || where_keys_are(&opaque, None)
                .0
                .contains("no signature to verify")
    );
}

#[test]
fn bare_der_keys_are_keys_not_secrets() {
    let spki = URL_SAFE_NO_PAD
        .decode(
            common::fixture("keys/rs256-account-manager.pub.pem")
                .lines()
                .filter(|l| !l.starts_with("-----"))
                .collect::<String>()
                .replace('+', "-")
                .replace('/', "_")
                .trim_end_matches('='),
        )
        .unwrap();
    // The RSAPublicKey inside the SPKI's BIT STRING (after the 0x00 unused-bits byte).
    let at = spki
        .windows(3)
        .rposition(|w| w == [0x03, 0x82, 0x01])
        .unwrap();
    let pkcs1 = &spki[at + 5..];
    let bare = base64::engine::general_purpose::STANDARD.encode(pkcs1);
    let set = keys::read(&bare);
    assert!(!set.secret && set.keys.len() == 1, "{:?}", set.problems);
    assert_eq!(set.keys[0].bits, Some(2048));
    // A private key in bare base64 is flagged, never a secret.
    let private = base64::engine::general_purpose::STANDARD
        .encode([0x30u8, 0x82, 0x04, 0xbe, 0x02, 0x01, 0x00, 0x30, 0x0d]);
    let set = keys::read(&private);
    assert!(set.private && !set.secret && set.keys.is_empty(), "{set:?}");
}
