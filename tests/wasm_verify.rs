//! Signature verification in a real browser (headless Chromium, via `wasm-pack test --headless
//! --chrome`): the core prepares, the browser's WebCrypto verifies. Every RFC vector with a
//! `verify` block must give its expected result (tampered and wrong-key variants must fail), and
//! the signed SFCC fixtures verify with their JWKS, PEM keys and HS256 secret; the bad-signature
//! and unknown-kid fixtures fail, each with its own reason.
#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use sfcc_token_inspector::inspect::keys;
use sfcc_token_inspector::inspect::signature::{check, check_detached, Outcome, Signature};
use sfcc_token_inspector::inspect::{analyze, Candidate, Credential};
use sfcc_token_inspector::ui::verify::run;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const VECTORS: &str = include_str!("fixtures/jose-vectors.json");
const INDEX: &str = include_str!("fixtures/INDEX.json");
const JWKS: &str = include_str!("fixtures/jwks.json");

fn credential(token: &str) -> std::rc::Rc<Credential> {
    analyze(token).credentials.remove(0)
}

/// The signature of `token` with `keys`, run in the browser to the end.
async fn verified(c: &Credential, keys: &keys::KeySet, detached: Option<&[u8]>) -> Signature {
    let first = check_detached(c, keys, &[], detached);
    let Some(plan) = first.plan().cloned() else {
        return first;
    };
    let outcome: Outcome = run(&plan).await;
    check_detached(c, keys, &[(plan.id, outcome)], detached)
}

#[wasm_bindgen_test]
async fn every_rfc_vector_with_a_verify_block_gives_its_expected_result() {
    let vectors: Value = serde_json::from_str(VECTORS).unwrap();
    let mut checked = 0;
    for v in vectors["vectors"].as_array().unwrap() {
        let Some(verify) = v.get("verify").filter(|x| !x.is_null()) else {
            continue;
        };
        let id = v["id"].as_str().unwrap();
        let expected = verify["expected"].as_bool().unwrap();
        let keys = keys::read(&verify["key"].to_string());
        assert!(keys.problems.is_empty(), "{id}: {:?}", keys.problems);
        // The compact form as the extractor hands it over (one vector's unencoded payload holds
        // spaces, which a paste would split at).
        let c = Credential::from_candidate(&Candidate {
            label: "pasted".into(),
            text: v["compact"].as_str().unwrap().into(),
            ..Candidate::default()
        });
        let detached = (v["payload_kind"] == "detached")
            .then(|| v["detached_payload"].as_str().unwrap().as_bytes().to_vec());
        let got = verified(&c, &keys, detached.as_deref()).await;
        if expected {
            assert!(matches!(got, Signature::Verified { .. }), "{id}: {got:?}");
        } else {
            assert!(
                matches!(got, Signature::Failed(_) | Signature::NoKey(_)),
                "{id} must fail: {got:?}"
            );
        }
        checked += 1;
    }
    assert!(checked >= 32, "{checked} vectors");
}

fn fixture_token(name: &str) -> String {
    let index: Value = serde_json::from_str(INDEX).unwrap();
    let _ = index;
    match name {
        "slas-access-guest.jwt" => include_str!("fixtures/slas-access-guest.jwt"),
        "slas-access-bad-signature.jwt" => include_str!("fixtures/slas-access-bad-signature.jwt"),
        "slas-access-unknown-kid.jwt" => include_str!("fixtures/slas-access-unknown-kid.jwt"),
        "slas-access-hs256-resigned.jwt" => include_str!("fixtures/slas-access-hs256-resigned.jwt"),
        "am-client-credentials.jwt" => include_str!("fixtures/am-client-credentials.jwt"),
        "slas-access-eddsa.jwt" => include_str!("fixtures/slas-access-eddsa.jwt"),
        "slas-access-ps256.jwt" => include_str!("fixtures/slas-access-ps256.jwt"),
        _ => panic!("{name}"),
    }
    .trim()
    .to_string()
}

#[wasm_bindgen_test]
async fn the_sfcc_fixtures_verify_with_their_jwks_pem_keys_and_secret() {
    let jwks = keys::read(JWKS);
    for name in [
        "slas-access-guest.jwt",
        "am-client-credentials.jwt",
        "slas-access-eddsa.jwt",
        "slas-access-ps256.jwt",
    ] {
        let got = verified(&credential(&fixture_token(name)), &jwks, None).await;
        assert!(
            matches!(got, Signature::Verified { .. }),
            "{name} with jwks.json: {got:?}"
        );
    }
    // The same with the PEM public keys.
    let pem = keys::read(concat!(
        include_str!("fixtures/keys/es256-slas-a.pub.pem"),
        include_str!("fixtures/keys/rs256-account-manager.pub.pem"),
    ));
    for name in ["slas-access-guest.jwt", "am-client-credentials.jwt"] {
        let got = verified(&credential(&fixture_token(name)), &pem, None).await;
        assert!(
            matches!(got, Signature::Verified { .. }),
            "{name} with PEM: {got:?}"
        );
    }
    // The HS256 re-signed test token with INDEX.json's secret, as text.
    let index: Value = serde_json::from_str(INDEX).unwrap();
    let secret = keys::read(index["hs256_secret"]["secret_utf8"].as_str().unwrap());
    let got = verified(
        &credential(&fixture_token("slas-access-hs256-resigned.jwt")),
        &secret,
        None,
    )
    .await;
    let Signature::Verified { key, .. } = &got else {
        panic!("HS256: {got:?}")
    };
    assert!(key.source.contains("text"), "{}", key.source);
}

#[wasm_bindgen_test]
async fn a_bad_signature_and_an_unknown_kid_fail_each_with_its_own_reason() {
    let jwks = keys::read(JWKS);
    let got = verified(
        &credential(&fixture_token("slas-access-bad-signature.jwt")),
        &jwks,
        None,
    )
    .await;
    let Signature::Failed(why) = &got else {
        panic!("bad signature: {got:?}")
    };
    assert!(why.contains("does not match"), "{why}");
    let got = check(
        &credential(&fixture_token("slas-access-unknown-kid.jwt")),
        &jwks,
        &[],
    );
    let Signature::NoKey(why) = &got else {
        panic!("unknown kid: {got:?}")
    };
    assert!(
        why.contains("is not in the pasted keys") && why.contains("fetch the set again"),
        "{why}"
    );
}
