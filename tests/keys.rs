//! The keys box: every shape of key an engineer pastes to verify a token offline is read into
//! keys WebCrypto can import, with a precise sentence for whatever is not, and nothing panics.
//!
//! Fixtures: `jwks.json` and `keys/*.pub.pem` are copies of ../shared/sfcc/fixtures (checked
//! for drift below). `x509/` holds two throwaway self-signed certificates made for these tests
//! (their private keys were never kept), with the public keys `openssl x509 -pubkey` prints:
//! `cert-p256.pem` (v3, `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256
//! -subj /O=Helper/CN=test.example`) and `cert-rsa-v1.pem` (v1, no `[0]` version: `openssl
//! x509 -req -signkey` of an RSA-2048 CSR for `/CN=v1.example`).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde_json::Value;
use sfcc_token_inspector::inspect::keys::{read, read_x5c, Key, KeySet, Kty, Material};

use common::fixture;

// ---------------------------------------------------------------------------------------------
// Helpers

/// The DER inside a PEM text's first block.
fn pem_der(pem: &str) -> Vec<u8> {
    let body: String = pem
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .map(str::trim)
        .collect();
    STANDARD.decode(body).expect("a PEM fixture is base64")
}

/// `der` as a PEM block with `label`, 64 characters a line.
fn pem(label: &str, der: &[u8], eol: &str) -> String {
    let b64 = STANDARD.encode(der);
    let mut out = format!("-----BEGIN {label}-----{eol}");
    for line in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap());
        out.push_str(eol);
    }
    out.push_str(&format!("-----END {label}-----{eol}"));
    out
}

/// One DER element (short and long form lengths).
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    match content.len() {
        n @ 0..=127 => out.push(n as u8),
        n @ 128..=255 => out.extend([0x81, n as u8]),
        n => out.extend([0x82, (n >> 8) as u8, n as u8]),
    }
    out.extend_from_slice(content);
    out
}

fn only_key(set: &KeySet) -> &Key {
    assert!(set.problems.is_empty(), "problems: {:?}", set.problems);
    assert_eq!(set.keys.len(), 1, "keys: {:?}", set.keys);
    &set.keys[0]
}

fn only_problem(set: &KeySet) -> &str {
    assert_eq!(set.problems.len(), 1, "problems: {:?}", set.problems);
    &set.problems[0]
}

fn spki(key: &Key) -> &[u8] {
    match &key.material {
        Material::Spki(der) => der,
        other => panic!("{}: not SPKI: {other:?}", key.source),
    }
}

fn pub_pems() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(format!("{}/keys", common::DIR))
        .unwrap()
        .filter_map(|e| {
            let path = e.ok()?.path();
            let name = path.file_name()?.to_str()?.to_string();
            name.ends_with(".pub.pem")
                .then(|| (name, std::fs::read_to_string(&path).unwrap()))
        })
        .collect();
    files.sort();
    files
}

// ---------------------------------------------------------------------------------------------
// JWKS and JWK

#[test]
fn every_key_of_the_fixture_jwks_is_read_with_its_kid_kty_crv_and_alg() {
    let text = fixture("jwks.json");
    let set = read(&text);
    assert!(set.problems.is_empty(), "{:?}", set.problems);
    assert!(!set.secret && !set.private);
    let jwks: Value = serde_json::from_str(&text).unwrap();
    let entries = jwks["keys"].as_array().unwrap();
    assert_eq!(set.keys.len(), entries.len());
    assert_eq!(entries.len(), 11);
    for (i, (key, jwk)) in set.keys.iter().zip(entries).enumerate() {
        assert_eq!(key.source, format!("JWKS key {} of 11", i + 1));
        assert_eq!(key.kid.as_deref(), jwk["kid"].as_str());
        assert_eq!(key.alg.as_deref(), jwk["alg"].as_str());
        assert_eq!(Some(key.kty.id()), jwk["kty"].as_str());
        assert_eq!(key.crv.as_deref(), jwk["crv"].as_str());
        assert_eq!(
            key.bits,
            (key.kty == Kty::Rsa).then_some(2048),
            "{}",
            key.source
        );
        let Material::Jwk(public) = &key.material else {
            panic!("{}: not a JWK", key.source)
        };
        let public: Value = serde_json::from_str(public).unwrap();
        let names: Vec<&str> = public
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let expected: Vec<&str> = ["kty", "crv", "n", "e", "x", "y"]
            .into_iter()
            .filter(|m| jwk.get(*m).is_some())
            .collect();
        assert_eq!(
            names, expected,
            "{}: only the public members, in order",
            key.source
        );
        for name in names {
            assert_eq!(public[name], jwk[name], "{}: {name}", key.source);
        }
    }
}

#[test]
fn a_single_jwk_is_read_as_jwk() {
    let jwks: Value = serde_json::from_str(&fixture("jwks.json")).unwrap();
    let key = read(&jwks["keys"][9].to_string());
    let key = only_key(&key);
    assert_eq!(key.source, "JWK");
    assert_eq!(key.kty, Kty::Okp);
    assert_eq!(key.crv.as_deref(), Some("Ed25519"));
    assert_eq!(key.kid.as_deref(), Some("ed25519-test-key-1"));
    assert_eq!(
        key.material,
        Material::Jwk(
            r#"{"kty":"OKP","crv":"Ed25519","x":"LotUfv41Mb0ar6q-WVKAIzQpVJh2tHvVtbijxpc8Pt0"}"#
                .into()
        )
    );
}

#[test]
fn a_private_jwk_gives_only_its_public_members_and_is_flagged() {
    let text = r#"{"keys":[{"kty":"EC","crv":"P-256","kid":"k1","use":"sig","key_ops":["sign"],
        "ext":true,"x":"dKstJjxfm-o_3ewsWpoZx4Zgj7a4n-jptChBZ354QH8",
        "y":"UTMusyeMK6mvkOO2IvDPzAVFKdxMOSMCysei3xzaDL8",
        "d":"ABEiM0RVZneImaq7zN3u_wARIjNEVWZ3iJmqu8zd7v8"}]}"#;
    let set = read(text);
    assert!(set.private);
    assert_eq!(
        only_problem(&set),
        "JWKS key 1 holds a private key (d): only its public part is used; a private key that \
         was shared must be rotated."
    );
    let Material::Jwk(public) = &set.keys[0].material else {
        panic!("not a JWK")
    };
    assert_eq!(
        public,
        r#"{"kty":"EC","crv":"P-256","x":"dKstJjxfm-o_3ewsWpoZx4Zgj7a4n-jptChBZ354QH8","y":"UTMusyeMK6mvkOO2IvDPzAVFKdxMOSMCysei3xzaDL8"}"#
    );
    assert_eq!(set.keys[0].kid.as_deref(), Some("k1"));

    let rsa = r#"{"kty":"RSA","n":"AQAB","e":"AQAB","d":"AQ","p":"AQ","q":"AQ","dp":"AQ","dq":"AQ","qi":"AQ","alg":"RS256"}"#;
    let set = read(rsa);
    assert!(set.private);
    assert_eq!(
        only_problem(&set),
        "This JWK holds a private key (d, p, q, dp, dq, qi): only its public part is used; a \
         private key that was shared must be rotated."
    );
    assert_eq!(
        set.keys[0].material,
        Material::Jwk(r#"{"kty":"RSA","n":"AQAB","e":"AQAB"}"#.into())
    );
    assert_eq!(set.keys[0].bits, Some(17));
    assert_eq!(set.keys[0].alg.as_deref(), Some("RS256"));
}

#[test]
fn an_oct_jwk_is_a_secret() {
    let set = read(r#"{"kty":"oct","k":"c2VjcmV0","alg":"HS256"}"#);
    let key = only_key(&set);
    assert!(set.secret);
    assert_eq!(key.kty, Kty::Oct);
    assert_eq!(key.material, Material::Secret(b"secret".to_vec()));
}

#[test]
fn a_bad_member_names_the_key_and_member_and_the_other_keys_are_still_read() {
    let text = r#"{"keys":[
        {"kty":"OKP","crv":"Ed25519","x":"LotUfv41Mb0ar6q-WVKAIzQpVJh2tHvVtbijxpc8Pt0"},
        {"kty":"EC","crv":"P-256","y":"UTMusyeMK6mvkOO2IvDPzAVFKdxMOSMCysei3xzaDL8"},
        {"kty":"RSA","n":"tDdzUFHLbF/kU","e":"AQAB"},
        {"kty":"RSA","n":"AQAB","e":7},
        {"kty":"rsa"},
        {"n":"AQAB"},
        "a string",
        {"kty":"EC","crv":"P-256","x":"AQAB","y":"A"}
    ]}"#;
    let set = read(text);
    assert_eq!(set.keys.len(), 1);
    assert_eq!(set.keys[0].source, "JWKS key 1 of 8");
    assert_eq!(
        set.problems,
        [
            "JWKS key 2: `x` is missing",
            "JWKS key 3: `n` is not base64url: unexpected '/' at position 11 (standard base64, \
             where base64url has '-' and '_')",
            "JWKS key 4: `e` is a number, not a string",
            "JWKS key 5: `kty` \"rsa\" is not RSA, EC, OKP or oct (they are case-sensitive)",
            "JWKS key 6: `kty` is missing",
            "JWKS key 7 is a string, not a JWK object",
            "JWKS key 8: `y` is not base64url: 1 characters, a length no base64 text can have \
             (one too many, or it was cut)",
        ]
    );
    let set = read(r#"{"kty":"RSA","n":"tDdzUFHLbF_*U","e":"AQAB"}"#);
    assert_eq!(
        only_problem(&set),
        "JWK: `n` is not base64url: unexpected '*' at position 12"
    );
}

#[test]
fn json_that_is_not_a_jwks_or_a_jwk_says_what_it_is() {
    let cases = [
        (r#"{"keys": ["#, "The keys start like JSON but do not parse: EOF while parsing a list at line 1 column 10"),
        (r#"{"keys": {}}"#, "The JWKS's `keys` is an object, not an array of JWKs"),
        (r#"{"keys": []}"#, "The JWKS holds no keys: `keys` is an empty array"),
        (r#"[{"kty":"oct","k":"AQ"}]"#, "This is a JSON array of 1 items, not a JWKS: a JWKS is an object, {\"keys\": [ … ]}"),
        (r#"{"alg":"RS256"}"#, "This JSON object is neither a JWKS (it has no `keys`) nor a JWK (it has no `kty`)"),
        ("{\n  \"kty\": \"EC\",\n  \"crv\" \"P-256\"\n}", "The keys start like JSON but do not parse: expected `:` at line 3 column 9"),
    ];
    for (text, problem) in cases {
        let set = read(text);
        assert!(set.keys.is_empty() && !set.secret, "{text}: {set:?}");
        assert_eq!(only_problem(&set), problem, "{text}");
    }
}

// ---------------------------------------------------------------------------------------------
// PEM

#[test]
fn every_fixture_public_key_pem_is_read_as_spki_with_its_type_curve_and_size() {
    let pems = pub_pems();
    assert_eq!(pems.len(), 11);
    let jwks = fixture("jwks.json");
    for (name, text) in &pems {
        let set = read(text);
        let key = only_key(&set);
        assert_eq!(key.source, "PEM public key", "{name}");
        assert_eq!(spki(key), pem_der(text), "{name}: the DER as given");
        let (kty, crv, bits) = match &name[..2] {
            "es" => (Kty::Ec, Some("P-256"), None),
            "ed" => (Kty::Okp, Some("Ed25519"), None),
            _ => (Kty::Rsa, None, Some(2048)),
        };
        assert_eq!(
            (key.kty, key.crv.as_deref(), key.bits),
            (kty, crv, bits),
            "{name}"
        );
        assert!(key.kid.is_none() && key.alg.is_none());
        // The same key is in the JWKS: its point (EC, OKP) or modulus (RSA) ends the SPKI.
        let der = spki(key);
        let tail = match kty {
            Kty::Ec => &der[der.len() - 64..der.len() - 32],
            Kty::Okp => &der[der.len() - 32..],
            _ => &der[der.len() - 5 - 256..der.len() - 5],
        };
        let b64url = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(tail);
        assert!(
            jwks.contains(&format!("\"{b64url}\"")),
            "{name}: in jwks.json"
        );
    }
}

#[test]
fn several_pem_blocks_with_crlf_and_text_around_them_are_all_read() {
    let pems = pub_pems();
    let mut text = String::from("Bag Attributes\r\n");
    for (_, pem) in &pems {
        text.push_str(&format!("  {}\r\n\r\n", pem.replace('\n', "\r\n  ")));
    }
    let set = read(&text);
    assert!(set.problems.is_empty(), "{:?}", set.problems);
    assert_eq!(set.keys.len(), pems.len());
    assert_eq!(set.keys[2].source, "PEM public key 3 of 11");
    for (key, (_, pem)) in set.keys.iter().zip(&pems) {
        assert_eq!(spki(key), pem_der(pem));
    }
}

#[test]
fn a_pkcs1_rsa_public_key_is_wrapped_into_the_same_spki_byte_for_byte() {
    for (name, text) in pub_pems()
        .iter()
        .filter(|(n, _)| n.starts_with('r') || n.starts_with('p'))
    {
        let der = pem_der(text);
        // SEQUENCE(290) { SEQUENCE(13) { OID rsaEncryption, NULL }, BIT STRING(271) { 0, RSAPublicKey } }
        assert_eq!(&der[..4], [0x30, 0x82, 0x01, 0x22], "{name}");
        assert_eq!(&der[19..24], [0x03, 0x82, 0x01, 0x0F, 0x00], "{name}");
        let pkcs1 = &der[24..];
        for eol in ["\n", "\r\n"] {
            let set = read(&pem("RSA PUBLIC KEY", pkcs1, eol));
            let key = only_key(&set);
            assert_eq!(key.source, "PEM RSA public key");
            assert_eq!((key.kty, key.bits), (Kty::Rsa, Some(2048)));
            assert_eq!(spki(key), der, "{name}: wrapped byte for byte");
        }
    }
    // A short modulus: short-form lengths everywhere.
    let small = tlv(
        0x30,
        &[
            tlv(0x02, &[0x00, 0xC5, 0x01]),
            tlv(0x02, &[0x01, 0x00, 0x01]),
        ]
        .concat(),
    );
    let set = read(&pem("RSA PUBLIC KEY", &small, "\n"));
    assert_eq!(only_key(&set).bits, Some(16));
    let wrapped = spki(&set.keys[0]);
    assert_eq!(&wrapped[..2], [0x30, 0x1E]);
    assert_eq!(wrapped[wrapped.len() - small.len()..], small);
}

#[test]
fn an_x509_certificate_gives_its_subject_public_key_and_common_name() {
    let cases = [
        (
            "cert-p256",
            "X.509 certificate (CN=test.example)",
            Kty::Ec,
            Some("P-256"),
            None,
        ),
        (
            "cert-rsa-v1",
            "X.509 certificate (CN=v1.example)",
            Kty::Rsa,
            None,
            Some(2048),
        ),
    ];
    for (name, source, kty, crv, bits) in cases {
        let cert = fixture(&format!("x509/{name}.pem"));
        let public = pem_der(&fixture(&format!("x509/{name}.pub.pem")));
        let set = read(&cert);
        let key = only_key(&set);
        assert_eq!(key.source, source);
        assert_eq!(
            (key.kty, key.crv.as_deref(), key.bits),
            (kty, crv, bits),
            "{name}"
        );
        assert_eq!(spki(key), public, "{name}: the subjectPublicKeyInfo");

        // The same certificate as the base64 DER of an x5c entry, or pasted bare.
        let b64 = STANDARD.encode(pem_der(&cert));
        let bare = read(&b64);
        assert_eq!(
            only_key(&bare).source,
            source.replace("X.509", "base64 DER")
        );
        assert_eq!(spki(&bare.keys[0]), public);
    }
    let p256 = STANDARD.encode(pem_der(&fixture("x509/cert-p256.pem")));
    let rsa = STANDARD.encode(pem_der(&fixture("x509/cert-rsa-v1.pem")));
    let set = read_x5c(&[p256, rsa, "not*base64".into(), "AAAA".into()]);
    assert_eq!(set.keys.len(), 2);
    assert_eq!(set.keys[0].source, "the token's x5c[0]");
    assert_eq!(set.keys[1].source, "the token's x5c[1]");
    assert_eq!(set.keys[1].kty, Kty::Rsa);
    assert_eq!(
        set.problems,
        [
            "The token's x5c[2]: unexpected '*' at position 4",
            "The token's x5c[3]: byte 0 should start the Certificate (tag 0x30) but holds tag 0x00",
        ]
    );
}

#[test]
fn a_bare_base64_public_key_is_read_as_one() {
    let text = fixture("keys/es256-slas-a.pub.pem");
    let b64: String = text
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect::<Vec<_>>()
        .join("\n");
    let set = read(&b64);
    assert_eq!(only_key(&set).source, "base64 DER public key");
    assert_eq!(spki(&set.keys[0]), pem_der(&text));
    assert!(!set.secret);
}

#[test]
fn a_private_key_pem_is_never_used_and_is_flagged() {
    for label in [
        "PRIVATE KEY",
        "RSA PRIVATE KEY",
        "EC PRIVATE KEY",
        "ENCRYPTED PRIVATE KEY",
    ] {
        let text =
            format!("-----BEGIN {label}-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END {label}-----\n");
        let set = read(&text);
        assert!(set.private, "{label}");
        assert!(set.keys.is_empty(), "{label}");
        assert_eq!(
            only_problem(&set),
            format!(
                "PEM block 1 ({label}): this is a private key: paste the public key (-----BEGIN \
                 PUBLIC KEY-----, which `openssl pkey -in key.pem -pubout` prints) or the \
                 certificate; a private key that was shared must be rotated. It was not read."
            )
        );
    }
    // Beside a public key: the public key is still read.
    let text = format!(
        "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n{}",
        fixture("keys/eddsa-test.pub.pem")
    );
    let set = read(&text);
    assert!(set.private);
    assert_eq!(set.keys.len(), 1);
    assert_eq!(set.keys[0].source, "PEM public key 2 of 2");
}

#[test]
fn malformed_pem_and_der_give_a_precise_problem() {
    let es256 = pem_der(&fixture("keys/es256-slas-a.pub.pem"));
    let spki_with = |oid: &[u8], params: &[u8]| {
        let alg = [tlv(0x06, oid), params.to_vec()].concat();
        tlv(0x30, &[tlv(0x30, &alg), tlv(0x03, &[0, 4, 1, 2])].concat())
    };
    let p = |der: &[u8]| pem("PUBLIC KEY", der, "\n");
    let cases: Vec<(String, &str)> = vec![
        ("-----BEGIN PUBLIC KEY-----\nMFkw*EwYH\n-----END PUBLIC KEY-----".into(),
         "PEM block 1 (PUBLIC KEY): line 2 of the block is not base64: unexpected '*' at column 5"),
        ("-----BEGIN PUBLIC KEY-----\nMFkwE\n-----END PUBLIC KEY-----".into(),
         "PEM block 1 (PUBLIC KEY): its base64 does not decode: 5 characters, a length no base64 text can have (one too many, or it was cut)"),
        ("-----BEGIN PUBLIC KEY-----\n\n-----END PUBLIC KEY-----".into(),
         "PEM block 1 (PUBLIC KEY): the block is empty"),
        ("-----BEGIN PUBLIC KEY-----\nMFkw".into(),
         "PEM block 1 (PUBLIC KEY) has no -----END line: it was cut"),
        ("-----BEGIN PUBLIC KEY-----\nMFkw\n-----END CERTIFICATE-----".into(),
         "PEM block 1 (PUBLIC KEY) ends with -----END CERTIFICATE-----: the BEGIN and END labels differ"),
        ("-----BEGIN CERTIFICATE REQUEST-----\nMFkw\n-----END CERTIFICATE REQUEST-----".into(),
         "PEM block 1 (CERTIFICATE REQUEST): this is not a key: paste a PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE block"),
        (p(&es256[..40]),
         "PEM block 1 (PUBLIC KEY): the element at byte 0 claims 89 bytes but only 38 follow: the key was cut or is not DER"),
        (p(&[0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0x00]),
         "PEM block 1 (PUBLIC KEY): the element at byte 0 claims 4294967295 bytes but only 1 follow: the key was cut or is not DER"),
        (p(&[0x30, 0x85, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00]),
         "PEM block 1 (PUBLIC KEY): the length at byte 1 takes 5 bytes: no key is that large"),
        (p(&[0x30, 0x80, 0x00, 0x00]),
         "PEM block 1 (PUBLIC KEY): the length at byte 1 is the indefinite form, which DER does not allow"),
        (p(&[0x30, 0x83, 0x01]),
         "PEM block 1 (PUBLIC KEY): the DER stops inside the length at byte 1"),
        (p(&[es256.as_slice(), &[0x05, 0x00]].concat()),
         "PEM block 1 (PUBLIC KEY): 2 bytes follow the SubjectPublicKeyInfo at byte 91"),
        (p(&spki_with(&[0x2A, 0x86, 0x48, 0xCE, 0x38, 0x04, 0x01], &[])),
         "PEM block 1 (PUBLIC KEY): the key's algorithm, OID 1.2.840.10040.4.1, is none that signs a JWT (RSA, EC, Ed25519, Ed448)"),
        (p(&spki_with(&[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01], &tlv(0x06, &[0x2B, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x07]))),
         "PEM block 1 (PUBLIC KEY): the EC key's curve, OID 1.3.36.3.3.2.8.1.1.7, is not one JOSE names"),
        (p(&spki_with(&[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01], &tlv(0x30, &[]))),
         "PEM block 1 (PUBLIC KEY): the EC key spells out its curve's parameters instead of naming the curve, which WebCrypto does not import"),
        (p(&spki_with(&[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x81], &[])),
         "PEM block 1 (PUBLIC KEY): the OID at byte 4 is malformed"),
        (p(&spki_with(&[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01], &[0x05, 0x00])),
         "PEM block 1 (PUBLIC KEY): byte 0 should start the RSAPublicKey (tag 0x30) but holds tag 0x04"),
        (pem("RSA PUBLIC KEY", &tlv(0x30, &tlv(0x02, &[0, 0])), "\n"),
         "PEM block 1 (RSA PUBLIC KEY): the DER stops at byte 6, before the RSA public exponent"),
        (pem("CERTIFICATE", &tlv(0x30, &tlv(0x30, &[0xA0, 0x03, 0x02, 0x01, 0x02])), "\n"),
         "PEM block 1 (CERTIFICATE): the DER stops at byte 9, before the serial number"),
    ];
    for (text, problem) in &cases {
        let set = read(text);
        assert!(
            set.keys.is_empty() && !set.secret && !set.private,
            "{text}: {set:?}"
        );
        assert_eq!(only_problem(&set), *problem, "{text}");
    }
}

// ---------------------------------------------------------------------------------------------
// Shared secrets

fn secrets(set: &KeySet) -> Vec<(&str, &[u8])> {
    assert!(set.secret);
    set.keys
        .iter()
        .map(|k| {
            assert_eq!((k.kty, k.kid.as_deref(), k.bits), (Kty::Oct, None, None));
            let Material::Secret(bytes) = &k.material else {
                panic!("{}: not a secret", k.source)
            };
            (k.source.as_str(), bytes.as_slice())
        })
        .collect()
}

#[test]
fn a_shared_secret_is_offered_in_each_encoding_it_decodes_as() {
    const TEXT: &str = "shared secret, read as text";
    const URL: &str = "shared secret, read as base64url";
    const STD: &str = "shared secret, read as base64";
    let index: Value = serde_json::from_str(&fixture("INDEX.json")).unwrap();
    let hs256 = index["hs256_secret"]["secret_utf8"].as_str().unwrap();
    type Offered<'a> = &'a [(&'a str, &'a [u8])];
    let cases: [(&str, Offered); 5] = [
        ("my secret!", &[(TEXT, b"my secret!")]),
        ("c2VjcmV0", &[(TEXT, b"c2VjcmV0"), (URL, b"secret")]),
        (
            "c2VjcmV0IQ==",
            &[(TEXT, b"c2VjcmV0IQ=="), (URL, b"secret!")],
        ),
        ("--__", &[(TEXT, b"--__"), (URL, &[0xFB, 0xEF, 0xFF])]),
        ("++//", &[(TEXT, b"++//"), (STD, &[0xFB, 0xEF, 0xFF])]),
    ];
    // The fixtures' HS256 secret: 55 characters of the base64url alphabet, so also a (lenient)
    // base64url text of 41 bytes.
    let set = read(&format!("  {hs256}\n"));
    let got = secrets(&set);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0], (TEXT, hs256.as_bytes()));
    assert_eq!((got[1].0, got[1].1.len()), (URL, 41));
    for (text, expected) in cases {
        let set = read(text);
        assert!(set.problems.is_empty(), "{text}: {:?}", set.problems);
        assert_eq!(secrets(&set), expected, "{text}");
    }
}

#[test]
fn a_secret_with_a_hidden_character_is_still_offered_with_a_warning() {
    let set = read("abc\u{200b}def");
    assert_eq!(
        only_problem(&set),
        "The shared secret holds U+200B (zero-width space) at position 4: it is used as pasted, \
         but a secret rarely holds one (a copy-paste artefact, or two things pasted?)"
    );
    assert_eq!(
        secrets(&set),
        [("shared secret, read as text", "abc\u{200b}def".as_bytes())]
    );
}

#[test]
fn whitespace_alone_reads_nothing() {
    for text in ["", "  ", "\r\n\t ", "\u{feff}\n"] {
        assert_eq!(read(text), KeySet::default());
        assert!(read(text).is_empty());
    }
    assert_eq!(read_x5c(&[]), KeySet::default());
}

// ---------------------------------------------------------------------------------------------
// Never a panic

use common::Rng;

#[test]
fn random_bytes_as_text_as_pem_and_as_x5c_never_panic() {
    let mut rng = Rng(0x6b65_7973_2d6b_6579);
    for _ in 0..50 {
        let bytes = rng.bytes(2048);
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let set = read(&text);
        assert!(
            !set.is_empty(),
            "something is said about {} bytes",
            text.len()
        );
        let set = read(&pem("PUBLIC KEY", &bytes, "\n"));
        assert!(set.keys.is_empty());
        assert!(
            only_problem(&set).starts_with("PEM block 1 (PUBLIC KEY): "),
            "{:?}",
            set.problems
        );
        let set = read_x5c(&[STANDARD.encode(&bytes), text]);
        assert_eq!(set.problems.len(), 2);
    }
}

const ODD: &[&str] = &[
    "",
    "-",
    "-----",
    "-----BEGIN ",
    "-----END ",
    "PUBLIC KEY",
    "\n",
    "\r\n",
    " ",
    "=",
    "*",
    "{",
    "}",
    "[",
    "\"",
    ",",
    ":",
    "\"d\":\"AQ\",",
    "\"kty\":",
    "null",
    "é",
    "\u{200b}",
    "\0",
    "M",
];

fn mutate_text(rng: &mut Rng, text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = rng.below(chars.len() + 1);
    let head: String = chars[..at].iter().collect();
    let tail: String = chars[at..].iter().collect();
    let odd = ODD[rng.below(ODD.len())];
    match rng.below(5) {
        0 => head,
        1 => format!("{head}{odd}{tail}"),
        2 => format!(
            "{head}{}",
            tail.chars().skip(1 + rng.below(8)).collect::<String>()
        ),
        3 => tail,
        _ => format!("{head}{odd}{}", tail.chars().skip(1).collect::<String>()),
    }
}

/// The DER changed where it hurts: a byte flipped (lengths, tags), cut, or a byte inserted.
fn mutate_der(rng: &mut Rng, der: &[u8]) -> Vec<u8> {
    let mut der = der.to_vec();
    let at = rng.below(der.len());
    match rng.below(4) {
        0 if !der.is_empty() => der[at] = rng.next() as u8,
        1 if !der.is_empty() => der[at] = [0x00, 0x7F, 0x80, 0x81, 0x84, 0x85, 0xFF][rng.below(7)],
        2 => der.truncate(at),
        _ => der.insert(at, rng.next() as u8),
    }
    der
}

#[test]
fn five_thousand_mutated_pems_and_jwks_never_panic() {
    let mut rng = Rng(0x5fcc_6b65_7973_0001);
    let mut texts: Vec<String> = pub_pems().into_iter().map(|(_, t)| t).collect();
    texts.push(fixture("jwks.json"));
    texts.push(fixture("x509/cert-p256.pem"));
    texts.push(fixture("x509/cert-rsa-v1.pem"));
    let ders: Vec<(&str, Vec<u8>)> = texts
        .iter()
        .filter(|t| t.starts_with("-----"))
        .map(|t| {
            (
                if t.contains("CERTIFICATE") {
                    "CERTIFICATE"
                } else {
                    "PUBLIC KEY"
                },
                pem_der(t),
            )
        })
        .collect();
    let mut read_keys = 0;
    for round in 0..5_000 {
        let set = if round % 2 == 0 {
            let base = &texts[rng.below(texts.len())];
            let mut text = mutate_text(&mut rng, base);
            for _ in 0..rng.below(3) {
                text = mutate_text(&mut rng, &text);
            }
            read(&text)
        } else {
            let (label, der) = &ders[rng.below(ders.len())];
            let der = mutate_der(&mut rng, der);
            let _ = read_x5c(&[STANDARD.encode(&der)]);
            read(&pem(label, &der, "\n"))
        };
        for key in &set.keys {
            assert!(!key.source.is_empty());
        }
        read_keys += set.keys.len();
    }
    assert!(
        read_keys > 1_000,
        "the mutations leave many keys readable: {read_keys}"
    );
}

// ---------------------------------------------------------------------------------------------
// The copies

#[test]
fn the_key_fixtures_are_the_shared_ones() {
    let root = env!("CARGO_MANIFEST_DIR");
    let shared = format!("{root}/../shared/sfcc/fixtures");
    let Ok(entries) = std::fs::read_dir(format!("{shared}/keys")) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "{shared}/keys is missing: on CI the drift check must run"
        );
        eprintln!("skipped: {shared} is not here");
        return;
    };
    let mut files = vec!["jwks.json".to_string()];
    files.extend(entries.filter_map(|e| {
        let name = e.ok()?.file_name().into_string().ok()?;
        name.ends_with(".pem").then(|| format!("keys/{name}"))
    }));
    assert!(files.len() > 10, "{files:?}");
    for file in &files {
        let theirs = std::fs::read(format!("{shared}/{file}")).unwrap();
        let ours = std::fs::read(format!("{root}/tests/fixtures/{file}"))
            .unwrap_or_else(|e| panic!("tests/fixtures/{file}: {e}: copy it from {shared}"));
        assert!(
            ours == theirs,
            "tests/fixtures/{file} differs from {shared}/{file}: copy it again"
        );
    }
}
