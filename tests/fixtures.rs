//! Every fixture of ../shared/sfcc/fixtures (copied to tests/fixtures/) decodes, or fails to
//! decode, the way its INDEX.json entry says.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use sfcc_token_inspector::inspect::jose::DecodeError;
use sfcc_token_inspector::inspect::{analyze, Credential, Kind, Report};

mod common;

use common::{index, Indexed as Fixture};

impl Fixture {
    fn flags(&self) -> Vec<&str> {
        self.expect["flags"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }
    fn has_flag(&self, flag: &str) -> bool {
        self.flags().contains(&flag)
    }
    fn report(&self) -> Report {
        analyze(&self.text)
    }
}

fn only(report: &Report, file: &str) -> Credential {
    assert_eq!(
        report.credentials.len(),
        1,
        "{file}: expected exactly one credential"
    );
    (*report.credentials[0]).clone()
}

fn header_str(c: &Credential, name: &str) -> Option<String> {
    c.jose()?
        .header
        .object()?
        .get(name)?
        .as_str()
        .map(str::to_string)
}

fn finding_ids(c: &Credential, now: i64) -> Vec<&'static str> {
    c.findings_at(now).iter().map(|f| f.id).collect()
}

const JWT_KINDS: &[&str] = &[
    "slas-access",
    "slas-id-token",
    "slas-callback",
    "b2c-session-dwsgst",
    "b2c-session-dwsrst",
    "am-access",
    "ocapi-shop",
    "external-idp",
    "legacy-slas-2020",
    "legacy-commerce-api-2021",
];

#[test]
fn every_signed_fixture_decodes_with_its_header_and_claims() {
    let (_, fixtures) = index();
    let mut checked = 0;
    for fx in fixtures
        .iter()
        .filter(|f| JWT_KINDS.contains(&f.kind.as_str()))
    {
        let c = only(&fx.report(), &fx.file);
        assert_eq!(c.kind(), Kind::Jws, "{}: kind", fx.file);
        let jose = c.jose().unwrap();
        assert!(jose.errors.is_empty(), "{}: {:?}", fx.file, jose.errors);
        assert_eq!(
            header_str(&c, "alg").as_deref(),
            fx.expect["alg"].as_str(),
            "{}: alg",
            fx.file
        );
        assert_eq!(
            header_str(&c, "kid").as_deref(),
            fx.expect["kid"].as_str(),
            "{}: kid",
            fx.file
        );
        assert!(!c.claim_rows().is_empty(), "{}: claims", fx.file);
        assert!(
            jose.payload.pretty().unwrap().starts_with("{\n"),
            "{}: pretty payload",
            fx.file
        );
        checked += 1;
    }
    assert_eq!(checked, 37, "signed fixtures checked");
}

#[test]
fn claims_keep_the_tokens_own_order() {
    let (_, fixtures) = index();
    let fx = fixtures
        .iter()
        .find(|f| f.file == "slas-access-guest.jwt")
        .unwrap();
    let c = only(&fx.report(), &fx.file);
    let names: Vec<&str> = c.claim_rows().iter().map(|r| r.name.as_str()).collect();
    let payload_b64 = fx.text.trim().split('.').nth(1).unwrap();
    let raw = String::from_utf8(
        sfcc_token_inspector::inspect::jose::decode_segment(
            payload_b64,
            2,
            sfcc_token_inspector::inspect::jose::Role::Payload,
        )
        .unwrap(),
    )
    .unwrap();
    let positions: Vec<usize> = names
        .iter()
        .map(|n| raw.find(&format!("\"{n}\":")).unwrap())
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "claims reordered: {names:?}"
    );
    let pretty = c.jose().unwrap().payload.pretty().unwrap();
    assert!(pretty.find("\"aut\"").unwrap() < pretty.find("\"scp\"").unwrap());
}

#[test]
fn time_status_matches_the_index_at_the_reference_clock() {
    let (now, fixtures) = index();
    for fx in &fixtures {
        let Some(expected) = fx.expect["time_status"].as_str() else {
            continue;
        };
        let c = only(&fx.report(), &fx.file);
        let status = c.time_status(now).map(|s| s.id());
        assert_eq!(status, Some(expected), "{}", fx.file);
    }
}

#[test]
fn flagged_time_problems_become_findings() {
    let (now, fixtures) = index();
    let cases = [
        ("exp_in_ms", "millis"),
        ("expired", "expired"),
        ("not_yet_valid", "not-yet-valid"),
        ("iat_in_future", "iat-future"),
        ("no_exp", "no-exp"),
        ("alg_none", "alg-none"),
        ("missing_signature", "missing-signature"),
        ("non_base64url", "standard-base64"),
        ("contains_secret", "secret-pasted"),
        ("split_cookie", "half-token"),
        ("encrypted", "encrypted"),
    ];
    for (flag, finding) in cases {
        let with_flag: Vec<&Fixture> = fixtures.iter().filter(|f| f.has_flag(flag)).collect();
        assert!(!with_flag.is_empty(), "no fixture has flag {flag}");
        for fx in with_flag {
            let c = only(&fx.report(), &fx.file);
            assert!(
                finding_ids(&c, now).contains(&finding),
                "{}: flag {flag} should give finding {finding}; got {:?}",
                fx.file,
                finding_ids(&c, now)
            );
        }
    }
}

#[test]
fn valid_fixtures_without_time_flags_have_no_time_findings() {
    let (now, fixtures) = index();
    for fx in fixtures
        .iter()
        .filter(|f| f.expect["time_status"] == "valid" && !f.has_flag("exp_in_ms"))
    {
        let ids = finding_ids(&only(&fx.report(), &fx.file), now);
        for id in ["expired", "not-yet-valid", "iat-future", "no-exp", "millis"] {
            assert!(!ids.contains(&id), "{}: unexpected {id}", fx.file);
        }
    }
}

#[test]
fn milliseconds_exp_is_converted_and_explained() {
    let (now, fixtures) = index();
    let fx = fixtures.iter().find(|f| f.has_flag("exp_in_ms")).unwrap();
    let c = only(&fx.report(), &fx.file);
    let exp = c.times().get("exp").unwrap();
    assert!(exp.millis);
    assert!(exp.raw.as_i64().unwrap() / 1000 == exp.seconds.unwrap());
    let finding = c
        .findings_at(now)
        .into_iter()
        .find(|f| f.id == "millis")
        .unwrap();
    assert!(
        finding
            .detail
            .contains("Divided by 1000 it is 2026-11-22T10:30:00Z"),
        "{}",
        finding.detail
    );
    assert!(
        finding.detail.contains("it is the year 58862"),
        "{}",
        finding.detail
    );
}

#[test]
fn opaque_credentials_are_recognised_not_rejected() {
    let (_, fixtures) = index();
    let expected = [
        (
            "slas-refresh-token.txt",
            Kind::SlasRefreshToken { two_part: false },
        ),
        (
            "slas-refresh-token-2part.txt",
            Kind::SlasRefreshToken { two_part: true },
        ),
        ("am-opaque-legacy-token.txt", Kind::AmOpaqueToken),
        ("b2c-dwsid.txt", Kind::Dwsid),
        ("basic-auth-header.txt", Kind::Basic),
        ("slas-client-auth-header-value.txt", Kind::Basic),
        ("cookie-cc-at.txt", Kind::FirstHalf),
        ("cookie-cc-at_2.txt", Kind::SecondHalf),
        ("jwe-rsa-oaep-256-a256gcm.jwt", Kind::Jwe),
    ];
    for (file, kind) in expected {
        let fx = fixtures.iter().find(|f| f.file == file).unwrap();
        assert_eq!(fx.kind, kind.id(), "{file}: INDEX kind");
        assert_eq!(only(&fx.report(), file).kind(), kind, "{file}");
    }
}

#[test]
fn basic_credentials_show_the_client_id_and_hide_the_secret() {
    let (_, fixtures) = index();
    for fx in fixtures.iter().filter(|f| f.kind == "basic-auth") {
        let c = only(&fx.report(), &fx.file);
        let basic = c.basic().unwrap();
        assert_eq!(basic.client_id, fx.expect["client_id"].as_str().unwrap());
        let secret = fx.expect["client_secret"].as_str().unwrap();
        assert_eq!(basic.secret_len, secret.len());
        assert!(!basic.masked_secret().contains(&secret[..4]));
        assert!(
            !format!("{c:?}").contains(secret),
            "the secret must not be kept in the report"
        );
    }
}

#[test]
fn jwe_shows_its_protected_header_only() {
    let (_, fixtures) = index();
    let fx = fixtures.iter().find(|f| f.kind == "jwe").unwrap();
    let c = only(&fx.report(), &fx.file);
    assert_eq!(header_str(&c, "alg").as_deref(), Some("RSA-OAEP-256"));
    assert_eq!(header_str(&c, "enc").as_deref(), Some("A256GCM"));
    assert_eq!(c.jose().unwrap().parts(), 5);
    assert!(c.claim_rows().is_empty());
}

#[test]
fn split_cookie_halves_join_into_the_full_token() {
    let (_, fixtures) = index();
    let read = |name: &str| {
        fixtures
            .iter()
            .find(|f| f.file == name)
            .unwrap()
            .text
            .trim()
            .to_string()
    };
    let full = read("slas-access-registered-full-scopes.jwt");
    let pasted = format!(
        "Cookie: cc-at={}; cc-at_2={}; dw_dnt=0",
        read("cookie-cc-at.txt"),
        read("cookie-cc-at_2.txt")
    );
    let report = analyze(&pasted);
    let c = only(&report, "cookies");
    assert_eq!(c.text, full);
    assert_eq!(c.kind(), Kind::Jws);
    assert!(report
        .stripped
        .iter()
        .any(|s| s.contains("joined the cc-at and cc-at_2")));
}

#[test]
fn malformed_fixtures_give_part_numbered_messages() {
    let (_, fixtures) = index();
    let message = |file: &str| -> (Credential, Vec<String>) {
        let fx = fixtures.iter().find(|f| f.file == file).unwrap();
        let c = only(&fx.report(), file);
        let errors = c
            .jose()
            .map(|j| j.errors.iter().map(ToString::to_string).collect())
            .unwrap_or_default();
        (c, errors)
    };
    let (c, errors) = message("malformed-bad-base64.jwt");
    assert_eq!(c.kind(), Kind::Malformed);
    assert!(
        errors.iter().any(|e| e
            .starts_with("segment 2 (payload) is not valid base64url: unexpected '*' at position")),
        "{errors:?}"
    );
    assert!(!c.header_rows().is_empty(), "the header still decodes");

    let (c, errors) = message("malformed-header-not-json.jwt");
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("segment 1 (header) is not JSON")
                && e.contains("“not a json header”")),
        "{errors:?}"
    );
    assert!(!c.claim_rows().is_empty(), "the payload still decodes");

    let (c, errors) = message("malformed-payload-not-object.jwt");
    assert_eq!(errors, vec!["segment 2 (payload) is JSON but an array, not an object: a JOSE payload must be a JSON object"]);
    assert!(c
        .jose()
        .unwrap()
        .payload
        .pretty()
        .unwrap()
        .contains("sfcc.shopper-products"));

    let (_, errors) = message("malformed-four-parts.jwt");
    assert_eq!(
        errors,
        vec!["this has 4 dot-separated parts, but a JWS has 3 and a JWE has 5"]
    );

    let (c, _) = message("malformed-missing-signature.jwt");
    assert_eq!(c.kind(), Kind::UnsignedJws);

    let (c, _) = message("malformed-alg-none.jwt");
    assert_eq!(c.kind(), Kind::UnsignedJws);

    let (c, errors) = message("malformed-empty-and-garbage.txt");
    assert_eq!(c.kind(), Kind::Malformed);
    assert!(
        errors.iter().any(|e| e.contains(
            "segment 1 (header) is not valid base64url: unexpected U+0020 at position 4"
        )),
        "{errors:?}"
    );
}

#[test]
fn nested_json_in_the_ocapi_sub_is_decoded() {
    let (_, fixtures) = index();
    for fx in fixtures.iter().filter(|f| f.has_flag("json_in_sub")) {
        let c = only(&fx.report(), &fx.file);
        let sub = c.claim_rows().iter().find(|r| r.name == "sub").unwrap();
        let nested = sub
            .nested
            .as_ref()
            .unwrap_or_else(|| panic!("{}: sub not decoded", fx.file));
        assert!(nested.contains("\n"), "{}: pretty", fx.file);
    }
}

#[test]
fn unicode_claims_survive_decoding() {
    let (_, fixtures) = index();
    let fx = fixtures.iter().find(|f| f.has_flag("unicode")).unwrap();
    let c = only(&fx.report(), &fx.file);
    let isb = c.claim_rows().iter().find(|r| r.name == "isb").unwrap();
    assert!(
        isb.display.contains("Zoë Ångström-Łukasiewicz 山田 🛒"),
        "{}",
        isb.display
    );
}

#[test]
fn standard_base64_tokens_decode_with_a_warning() {
    let (now, fixtures) = index();
    let fx = fixtures
        .iter()
        .find(|f| f.has_flag("non_base64url"))
        .unwrap();
    let c = only(&fx.report(), &fx.file);
    assert_eq!(c.kind(), Kind::Jws);
    assert!(finding_ids(&c, now).contains(&"standard-base64"));
}

#[test]
fn decode_errors_are_one_enum_with_segment_numbers() {
    let err = DecodeError::EmptySegment {
        n: 2,
        role: "payload",
    };
    assert_eq!(err.to_string(), "segment 2 (payload) is empty");
}
