//! Every published JOSE example (RFC 7515, 7516, 7519, 7520, 7797, 8037; shared/jose-vectors)
//! decodes as its RFC says: the right kind and title, no decode error, the header as published,
//! and the payload (claims or text) as published — tampered copies showing their changed payload.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use serde_json::Value;
use sfcc_token_inspector::inspect::jose::PayloadForm;
use sfcc_token_inspector::inspect::{analyze, Candidate, Credential, Kind};

const CHECKED_IN: &str = "tests/fixtures/jose-vectors.json";
const SHARED: &str = "../shared/jose-vectors/vectors.json";

fn path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn vectors() -> Vec<Value> {
    let text = std::fs::read_to_string(path(CHECKED_IN)).expect("the checked-in vectors");
    let json: Value = serde_json::from_str(&text).expect("vectors are JSON");
    json["vectors"].as_array().expect("a vectors list").clone()
}

fn field<'a>(v: &'a Value, name: &str) -> &'a str {
    v[name].as_str().unwrap_or_default()
}

/// The credential read from the compact form, as the extractor hands it over.
fn credential(compact: &str) -> Credential {
    Credential::from_candidate(&Candidate {
        label: "pasted".into(),
        text: compact.into(),
        ..Candidate::default()
    })
}

/// The kind each vector's RFC reading is.
fn expected_kind(v: &Value) -> Kind {
    match (field(v, "kind"), field(v, "payload_kind")) {
        ("jwe", _) => Kind::Jwe,
        ("unsecured", _) => Kind::UnsignedJws,
        (_, "text") => Kind::TextPayloadJws,
        (_, "detached") => Kind::DetachedJws,
        _ => Kind::Jws,
    }
}

/// Everything one vector must show; each problem as a line naming the vector.
fn check(v: &Value) -> Vec<String> {
    let id = field(v, "id");
    let c = credential(field(v, "compact"));
    let mut problems = Vec::new();
    let mut fail = |what: String| problems.push(format!("{id}: {what}"));
    let kind = expected_kind(v);
    if c.kind() != kind {
        fail(format!("kind {:?}, expected {kind:?}", c.kind()));
    }
    if c.title() != kind.title() || c.title().contains("Malformed") {
        fail(format!("titled “{}”", c.title()));
    }
    let Some(jose) = c.jose() else {
        fail("not decoded as JOSE".into());
        return problems;
    };
    if !jose.errors.is_empty() {
        fail(format!("decode errors {:?}", jose.errors));
    }
    let error_findings: Vec<_> = c
        .findings
        .iter()
        .filter(|f| f.id == "decode-error")
        .collect();
    if !error_findings.is_empty() {
        fail(format!("“Does not decode” findings {error_findings:?}"));
    }
    if jose.header.json.as_ref() != Some(&v["header"]) {
        fail(format!("header {:?}", jose.header.json));
    }
    if jose.alg() != Some(field(v, "alg")) {
        fail(format!("alg {:?}", jose.alg()));
    }
    let kid = c.header_rows().iter().find(|r| r.name == "kid");
    if kid.map(|r| &r.value) != v["header"].get("kid") {
        fail(format!("kid row {kid:?}"));
    }
    check_payload(v, &c, &mut fail);
    problems
}

/// The payload as published: the claims set, the text, or nothing (detached, encrypted).
fn check_payload(v: &Value, c: &Credential, fail: &mut impl FnMut(String)) {
    let Some(jose) = c.jose() else { return };
    match field(v, "payload_kind") {
        "json" => {
            let published: Value = serde_json::from_str(field(v, "payload")).expect("JSON");
            if jose.payload.json.as_ref() != Some(&published) {
                fail(format!("claims {:?}", jose.payload.json));
            }
            let names: Vec<&str> = c.claim_rows().iter().map(|r| r.name.as_str()).collect();
            let published_names: Vec<&str> = published
                .as_object()
                .map(|o| o.keys().map(String::as_str).collect())
                .unwrap_or_default();
            if names != published_names {
                fail(format!("claim rows {names:?}"));
            }
        }
        "text" => {
            if c.text_payload() != Some(field(v, "payload")) {
                fail(format!("text payload {:?}", c.text_payload()));
            }
            if !c.findings.iter().any(|f| f.id == "not-a-jwt") {
                fail("no finding saying the text is not a JWT claims set".into());
            }
        }
        "detached" => {
            if jose.payload_form != PayloadForm::Detached || c.text_payload().is_some() {
                fail(format!("payload form {:?}", jose.payload_form));
            }
            if !c.findings.iter().any(|f| f.id == "detached-content") {
                fail("detached content is not explained".into());
            }
        }
        _ => {
            if c.claims().is_some() || c.text_payload().is_some() {
                fail("a JWE payload was read".into());
            }
        }
    }
    if jose.unencoded() != (v["header"].get("b64") == Some(&Value::Bool(false))) {
        fail("b64 read wrongly".into());
    }
    if jose.unencoded() && !c.findings.iter().any(|f| f.id == "unencoded-payload") {
        fail("b64: false is not explained".into());
    }
}

#[test]
fn every_rfc_vector_decodes_as_its_rfc_says() {
    let vectors = vectors();
    assert_eq!(vectors.len(), 47, "the README's 47 vectors");
    let problems: Vec<String> = vectors.iter().flat_map(check).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn pasted_vectors_reach_the_same_reading_through_the_extractor() {
    // The cookbook's b64:false example has spaces in its payload, so a paste splits there.
    for v in vectors()
        .iter()
        .filter(|v| !field(v, "compact").contains(' '))
    {
        let report = analyze(field(v, "compact"));
        let kinds: Vec<Kind> = report.credentials.iter().map(|c| c.kind()).collect();
        assert_eq!(kinds, vec![expected_kind(v)], "{}", field(v, "id"));
    }
}

#[test]
fn tampered_vectors_show_the_changed_payload_not_the_original() {
    let vectors = vectors();
    let by_id = |id: &str| vectors.iter().find(|v| field(v, "id") == id);
    let mut seen = 0;
    for v in vectors
        .iter()
        .filter(|v| field(v, "id").ends_with("-tampered"))
    {
        let id = field(v, "id");
        let original = by_id(id.trim_end_matches("-tampered")).expect("the original vector");
        let (c, o) = (
            credential(field(v, "compact")),
            credential(field(original, "compact")),
        );
        let shown = |c: &Credential| c.jose().and_then(|j| j.payload.pretty());
        if field(v, "payload_kind") == "detached" {
            // The compact form is untouched: only the detached content (not in the token) changed.
            assert_eq!(shown(&c), shown(&o), "{id}");
        } else {
            assert_ne!(shown(&c), shown(&o), "{id}: the change is visible");
        }
        assert_eq!(c.kind(), o.kind(), "{id}: still the same kind");
        seen += 1;
    }
    assert_eq!(seen, 15, "tampered vectors");
}

#[test]
fn alg_none_example_says_unsigned_rather_than_bad_signature() {
    let v = vectors();
    let a5 = v.iter().find(|v| field(v, "id") == "rfc7515-A.5").unwrap();
    let c = credential(field(a5, "compact"));
    let ids: Vec<&str> = c.findings.iter().map(|f| f.id).collect();
    assert!(ids.contains(&"alg-none"), "{ids:?}");
    assert!(!ids.contains(&"decode-error"), "{ids:?}");
}

#[test]
fn empty_encrypted_key_is_right_for_dir_and_ecdh_es_only() {
    let v = vectors();
    for id in ["rfc7520-5.5", "rfc7520-5.6"] {
        let jwe = v.iter().find(|v| field(v, "id") == id).unwrap();
        let c = credential(field(jwe, "compact"));
        let encrypted = c.findings.iter().find(|f| f.id == "encrypted").unwrap();
        assert!(
            encrypted.detail.contains("encrypted-key part is empty"),
            "{id}"
        );
    }
    // The same empty key under RSA-OAEP is a real problem, said in words.
    let header = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ"; // {"alg":"RSA-OAEP","enc":"A256GCM"}
    let c = credential(&format!("{header}..aXY.Y2lwaGVy.dGFn"));
    let errors: Vec<String> = c
        .jose()
        .unwrap()
        .errors
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        errors,
        vec!["segment 2 (encrypted key) is empty, but alg “RSA-OAEP” requires an encrypted key: only “dir” and \
              “ECDH-ES” leave it empty (RFC 7516 §5.1, RFC 7518 §4.5–4.6)"]
    );
}

#[test]
fn b64_false_without_crit_is_flagged() {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
    use base64::Engine;
    let header = B64.encode(r#"{"alg":"HS256","b64":false}"#);
    let c = credential(&format!("{header}.$0,02 raw!.c2ln"));
    assert_eq!(c.kind(), Kind::TextPayloadJws);
    assert_eq!(c.text_payload(), Some("$0,02 raw!"));
    let ids: Vec<&str> = c.findings.iter().map(|f| f.id).collect();
    assert!(ids.contains(&"b64-not-critical"), "{ids:?}");
}

#[test]
fn checked_in_vectors_match_the_shared_ones() {
    let shared = path(SHARED);
    let Ok(shared_text) = std::fs::read_to_string(&shared) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is missing: on CI the drift check must run",
            shared.display()
        );
        eprintln!("skipped: {} is not here", shared.display());
        return;
    };
    let checked_in = std::fs::read_to_string(path(CHECKED_IN)).expect("the checked-in vectors");
    assert!(
        shared_text == checked_in,
        "{CHECKED_IN} differs from {SHARED}: copy the shared file again"
    );
}

#[test]
fn the_basic_encoder_writes_standard_base64_with_padding_as_rfc_4648_says() {
    use sfcc_token_inspector::inspect::jose::{decode_standard, encode_standard};
    // RFC 4648 §10 test vectors.
    for (plain, encoded) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(encode_standard(plain.as_bytes()), encoded, "{plain:?}");
    }
    let bytes: Vec<u8> = (0..=255).collect();
    assert_eq!(decode_standard(&encode_standard(&bytes)), Some(bytes));
}

#[test]
fn an_encrypted_key_under_dir_or_ecdh_es_is_an_error_the_recipient_would_reject() {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
    use base64::Engine;
    for alg in ["dir", "ECDH-ES"] {
        let header = B64.encode(format!(r#"{{"alg":"{alg}","enc":"A128GCM"}}"#));
        let c = credential(&format!("{header}.a2V5.aXY.Y2lwaGVy.dGFn"));
        assert_eq!(c.kind(), Kind::Jwe, "{alg}: still shown as a JWE");
        let errors: Vec<String> = c
            .jose()
            .unwrap()
            .errors
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            errors,
            vec![format!(
                "segment 2 (encrypted key) holds 4 characters, but alg “{alg}” takes no encrypted key: with \
                 direct encryption or direct key agreement it must be empty, and a recipient rejects the token \
                 (RFC 7516 §5.2 step 10)"
            )],
            "{alg}"
        );
        // The RFC's own dir and ECDH-ES examples (empty keys) have no such error.
        let empty = credential(&format!("{header}..aXY.Y2lwaGVy.dGFn"));
        assert!(empty.jose().unwrap().errors.is_empty(), "{alg}");
    }
}
