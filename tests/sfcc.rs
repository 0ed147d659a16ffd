//! SFCC interpretation: every fixture of INDEX.json yields the expected kind, variant, tenant,
//! guest flag, site, client id, customer, usid and scopes; and the claim grammars, table-driven.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use sfcc_token_inspector::inspect::findings::Severity;
use sfcc_token_inspector::inspect::sfcc::{grammar, tenant, InstanceType};
use sfcc_token_inspector::inspect::{analyze, Credential};

mod common;

fn fixtures() -> Vec<(String, String, Value, String)> {
    common::index()
        .1
        .into_iter()
        .map(|f| (f.file, f.kind, f.expect, f.text))
        .collect()
}

use common::fixture;

fn credential(text: &str) -> Credential {
    (*analyze(text).credentials.remove(0)).clone()
}

fn opt(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

#[test]
fn every_fixture_yields_its_kind_identity_tenant_and_scopes() {
    let mut checked = 0;
    for (file, kind, expect, text) in fixtures() {
        let c = credential(&text);
        if !matches!(kind.as_str(), "malformed" | "half-token") {
            assert_eq!(c.kind_id(), kind, "{file}: kind");
        }
        let Some(s) = c.sfcc() else {
            continue;
        };
        checked += 1;
        let want = |k: &str| opt(&expect[k]);
        if kind == "malformed" {
            // INDEX.json only states what a malformed token still tells: its tenant and client.
            for (k, got) in [
                ("tenant", s.tenants.tenant.as_ref().map(|t| t.id.clone())),
                ("client_id", s.client_id.clone()),
            ] {
                if want(k).is_some() {
                    assert_eq!(got, want(k), "{file}: {k}");
                }
            }
            continue;
        }
        if expect.get("tenant").is_some() {
            assert_eq!(
                s.tenants.tenant.as_ref().map(|t| t.id.clone()),
                want("tenant"),
                "{file}: tenant"
            );
        }
        if let Some(all) = expect["tenants"].as_array() {
            let mut want: Vec<&str> = all.iter().filter_map(Value::as_str).collect();
            let mut got: Vec<&str> = s.tenants.all.iter().map(String::as_str).collect();
            want.sort();
            got.sort();
            assert_eq!(got, want, "{file}: tenants");
        }
        if let Some(seen) = expect["tenants_seen"].as_object() {
            for (place, t) in seen {
                assert!(
                    s.tenants
                        .places
                        .iter()
                        .any(|p| p.place == *place && Some(p.tenant.as_str()) == t.as_str()),
                    "{file}: {place} says {t}: {:?}",
                    s.tenants.places
                );
            }
            assert!(
                s.findings.iter().any(|f| f.id == "tenant-mismatch"),
                "{file}: mismatch finding"
            );
        }
        if let Some(filter) = expect["tenant_filter"].as_object() {
            for (role, tenants) in filter {
                let got = s
                    .tenant_filter
                    .iter()
                    .find(|(r, _)| r == role)
                    .map(|(_, t)| t.clone());
                let want: Vec<String> =
                    tenants.as_array().unwrap().iter().filter_map(opt).collect();
                assert_eq!(got, Some(want), "{file}: tenantFilter {role}");
            }
        }
        if expect.get("guest").is_some() {
            assert_eq!(s.guest, expect["guest"].as_bool(), "{file}: guest");
        }
        if expect.get("site").is_some() {
            assert_eq!(s.site, want("site"), "{file}: site");
        }
        if let Some(raw) = expect["site_raw"].as_str() {
            assert_eq!(s.site_raw.as_deref(), Some(raw), "{file}: site_raw");
        }
        if expect.get("client_id").is_some() {
            assert_eq!(s.client_id, want("client_id"), "{file}: client id");
        }
        if expect.get("customer_id").is_some() {
            assert_eq!(s.customer_id, want("customer_id"), "{file}: customer id");
        }
        if expect.get("usid").is_some() {
            assert_eq!(s.usid, want("usid"), "{file}: usid");
        }
        if expect.get("variant").is_some() {
            assert_eq!(
                s.variant.map(|v| v.id().to_string()),
                want("variant"),
                "{file}: variant"
            );
        }
        if let Some(agent) = expect["agent"].as_str() {
            assert_eq!(s.agent.as_deref(), Some(agent), "{file}: agent");
        }
        if let Some(name) = expect["display_name"].as_str() {
            assert_eq!(
                s.display_name.as_deref(),
                Some(name),
                "{file}: display name"
            );
        }
        if let Some(scopes) = expect["scopes"].as_array() {
            let got: Vec<&str> = s.scopes.iter().map(|g| g.name.as_str()).collect();
            let want: Vec<&str> = scopes.iter().filter_map(Value::as_str).collect();
            assert_eq!(got, want, "{file}: scopes");
        }
    }
    assert!(checked >= 37, "only {checked} fixtures had claims");
}

#[test]
fn kinds_are_explained_with_their_evidence() {
    for (file, kind, _, text) in fixtures() {
        let c = credential(&text);
        if let Some(s) = c.sfcc().filter(|_| kind != "malformed") {
            if kind != "generic-jwt" {
                assert!(!s.evidence.is_empty(), "{file}: no evidence");
                assert!(!s.kind.explanation().is_empty(), "{file}: no explanation");
            }
        }
    }
    let c = credential(&fixture("slas-access-registered.jwt"));
    let evidence = c.sfcc().cloned().unwrap().evidence.join("; ");
    assert!(
        evidence.contains("`sub` starts with `cc-slas::`"),
        "{evidence}"
    );
    assert!(evidence.contains("non-empty `rcid`"), "{evidence}");
}

#[test]
fn a_blank_chid_is_called_out() {
    let c = credential(&fixture("slas-access-chid-space.jwt"));
    let s = c.sfcc().cloned().unwrap();
    assert!(s.findings.iter().any(|f| f.id == "blank-site"));
    let site = s.identity.iter().find(|f| f.id == "site").unwrap();
    assert!(site
        .note
        .as_deref()
        .unwrap()
        .contains("not bound to a site"));
}

#[test]
fn registered_iff_isb_has_a_non_empty_rcid() {
    let cases = [
        ("uido:ecom::upn:a@b.c::gcid:g1::rcid:r1::chid:X", true),
        ("rcid:r1::uido:ecom::gcid:g1", true),
        ("uido:slas::upn:Guest::gcid:g1::rcid:::chid:X", false),
        ("uido:slas::upn:Guest::gcid:g1::chid:X", false),
    ];
    for (isb, registered) in cases {
        let pairs = grammar::isb(isb);
        let rcid = grammar::isb_get(&pairs, "rcid").filter(|r| !r.is_empty());
        assert_eq!(rcid.is_some(), registered, "{isb}");
    }
}

#[test]
fn isb_is_read_by_key_with_escapes_and_unknown_keys() {
    let pairs = grammar::isb("::uidn:Dr%3A Who::zzz:new key::upn:x@y.z::chid: ::flag::");
    assert_eq!(grammar::isb_get(&pairs, "uidn"), Some("Dr: Who"));
    assert_eq!(grammar::isb_get(&pairs, "zzz"), Some("new key"));
    assert_eq!(grammar::isb_get(&pairs, "chid"), Some(" "));
    assert_eq!(grammar::isb_get(&pairs, "flag"), Some(""));
    assert_eq!(grammar::isb_get(&pairs, "rcid"), None);
}

#[test]
fn slas_sub_is_read_by_key_in_any_order() {
    let s = grammar::slas_sub("cc-slas::abcd_001::usid:u-1::scid:c-1::extra:x").unwrap();
    assert_eq!(s.tenant.as_deref(), Some("abcd_001"));
    assert_eq!(s.scid.as_deref(), Some("c-1"));
    assert_eq!(s.usid.as_deref(), Some("u-1"));
    assert_eq!(s.other, vec![("extra".to_string(), "x".to_string())]);
    let s = grammar::slas_sub("cc-slas::abcd_001::scid:c-1").unwrap();
    assert_eq!(s.usid, None);
    assert!(grammar::slas_sub("usid::abc::upn:guest").is_none());
}

#[test]
fn tenant_filter_tolerates_spaces_empties_and_wildcards() {
    let f = grammar::tenant_filter(
        " SLAS_ORGANIZATION_ADMIN:abcd_001, abcd_stg ;;ECOM_ADMIN:wxyz_prd;LOGCENTER_USER:*_*; ",
    );
    assert_eq!(
        f,
        vec![
            (
                "SLAS_ORGANIZATION_ADMIN".to_string(),
                vec!["abcd_001".to_string(), "abcd_stg".to_string()]
            ),
            ("ECOM_ADMIN".to_string(), vec!["wxyz_prd".to_string()]),
            ("LOGCENTER_USER".to_string(), vec!["*_*".to_string()]),
        ]
    );
    assert!(grammar::tenant_filter("").is_empty());
}

#[test]
fn tenant_ids_are_normalised_and_typed() {
    let cases = [
        ("f_ecom_ABCD_001", "abcd_001", InstanceType::OnDemandSandbox),
        (
            "abcd-001.dx.commercecloud.salesforce.com",
            "abcd_001",
            InstanceType::OnDemandSandbox,
        ),
        (" ABCD_S05 ", "abcd_s05", InstanceType::PodSandbox),
        ("wxyz_prd", "wxyz_prd", InstanceType::Production),
        ("wxyz_stg", "wxyz_stg", InstanceType::Staging),
        ("wxyz_dev", "wxyz_dev", InstanceType::Development),
        ("wxyz_xyz", "wxyz_xyz", InstanceType::Unknown),
    ];
    for (raw, id, kind) in cases {
        let t = tenant::parse(raw).unwrap();
        assert_eq!(t.id, id, "{raw}");
        assert_eq!(t.instance_type, kind, "{raw}");
        assert_eq!(t.org_id, format!("f_ecom_{id}"));
    }
    // The strict shape allows any three letters as instance: unknown type, but not unusual.
    assert!(!tenant::parse("wxyz_xyz").unwrap().unusual);
    for raw in [
        "abcde_001",
        "ab_001",
        "abcd_0001",
        "abcd_s5x",
        "abcd_0_1",
        "ab$d_001",
    ] {
        assert!(tenant::parse(raw).unwrap().unusual, "{raw}");
    }
    for raw in ["abcd_001", "zzte_s05", "wxyz_prd", "a1b2_053"] {
        assert!(!tenant::parse(raw).unwrap().unusual, "{raw}");
    }
    assert!(tenant::parse("*_*").is_none());
    assert!(tenant::parse("nounderscore").is_none());
    assert_eq!(
        grammar::slas_path("slas/prod/abcd_001"),
        Some(("prod".into(), "abcd_001".into()))
    );
    assert_eq!(grammar::slas_path("https://x/y"), None);
}

#[test]
fn an_expired_shopper_token_carries_the_documented_401_body() {
    let c = credential(&fixture("slas-access-expired.jwt"));
    let expired = c
        .findings_at(1_795_342_200)
        .into_iter()
        .find(|f| f.id == "expired")
        .unwrap();
    let error = expired.error.unwrap();
    assert_eq!(error.status, 401);
    assert!(error.body.contains("Your shopper JWT is invalid"));
    let c = credential(&fixture("am-client-credentials-no-tenant.jwt"));
    let expired = c
        .findings_at(1_795_342_200)
        .into_iter()
        .find(|f| f.id == "expired")
        .unwrap();
    assert!(expired.error.unwrap().body.contains("invalid-access-token"));
}

#[test]
fn a_token_expiring_within_five_minutes_is_flagged() {
    let c = credential(&fixture("slas-access-guest.jwt"));
    let exp = c.times().at("exp").unwrap();
    let ids = |now: i64| c.findings_at(now).iter().map(|f| f.id).collect::<Vec<_>>();
    assert!(ids(exp - 299).contains(&"expiring"));
    assert!(!ids(exp - 301).contains(&"expiring"));
}

#[test]
fn an_am_token_for_several_tenants_is_not_a_conflict_but_a_foreign_scope_tenant_is() {
    use base64::Engine as _;
    let b64 = |j: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(j);
    let token = |scope: &str| {
        format!(
            "{}.{}.c2ln",
            b64(r#"{"typ":"JWT","alg":"RS256"}"#),
            b64(&format!(
                r#"{{"iss":"https://account.demandware.com:443/dwsso/oauth2","sub":"c1","client_id":"c1","grant_type":"client_credentials","scope":["{scope}","sfcc.orders"],"tenantFilter":"SALESFORCE_COMMERCE_API:abcd_001,abcd_stg"}}"#
            ))
        )
    };
    let ok = credential(&token("SALESFORCE_COMMERCE_API:abcd_stg"))
        .sfcc()
        .cloned()
        .unwrap();
    assert!(
        !ok.findings.iter().any(|f| f.id == "tenant-mismatch"),
        "{:?}",
        ok.findings
    );
    let bad = credential(&token("SALESFORCE_COMMERCE_API:wxyz_prd"))
        .sfcc()
        .cloned()
        .unwrap();
    let f = bad
        .findings
        .iter()
        .find(|f| f.id == "tenant-mismatch")
        .unwrap();
    assert!(
        f.title.contains("wxyz_prd") && f.title.contains("abcd_001"),
        "{}",
        f.title
    );
}

#[test]
fn instance_types_have_plain_labels() {
    let cases = [
        (InstanceType::Production, "production"),
        (InstanceType::Staging, "staging"),
        (InstanceType::Development, "development"),
        (InstanceType::OnDemandSandbox, "on-demand sandbox"),
        (InstanceType::PodSandbox, "POD sandbox"),
        (InstanceType::Unknown, "unknown"),
    ];
    for (t, label) in cases {
        assert_eq!(t.label(), label);
    }
    for (instance, t) in [
        ("053", InstanceType::OnDemandSandbox),
        ("s99", InstanceType::PodSandbox),
        ("s9", InstanceType::Unknown),
        ("sxx", InstanceType::Unknown),
        ("", InstanceType::Unknown),
        ("é01", InstanceType::Unknown),
    ] {
        assert_eq!(InstanceType::of(instance), t, "{instance}");
    }
}

/// A compact JWS with the given header and payload JSON (unsigned: analysis never verifies).
fn jws(header: &str, payload: &str) -> String {
    use base64::Engine as _;
    let b64 = |j: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(j);
    format!("{}.{}.c2ln", b64(header), b64(payload))
}

fn sfcc_of(header: &str, payload: &str) -> sfcc_token_inspector::inspect::sfcc::Sfcc {
    credential(&jws(header, payload))
        .sfcc()
        .cloned()
        .expect("claims decode")
}

const ES256: &str = r#"{"alg":"ES256","typ":"jwt"}"#;

fn slas_payload(isb: &str, life: i64) -> String {
    format!(
        r#"{{"sub":"cc-slas::abcd_001::scid:c-1::usid:u-1","isb":"{isb}","scp":"sfcc.shopper-products","iss":"slas/prod/abcd_001","aud":"commercecloud/prod/abcd_001","iat":1795341600,"exp":{}}}"#,
        1_795_341_600 + life
    )
}

#[test]
fn the_variant_follows_the_isb_flow_keys_before_guest_or_registered() {
    let cases = [
        ("uido:slas::upn:Guest::gcid:g::chid:S", "guest"),
        ("uido:ecom::upn:a@b.c::gcid:g::rcid:r::chid:S", "registered"),
        (
            "uido:ecom::gcid:g::rcid:r::tsob:ts_ext_on_behalf_of::chid:S",
            "tsob",
        ),
        (
            "uido:slas::gcid:g::taob:ta_ext_on_behalf_of::agent:a1::chid:S",
            "taob",
        ),
        ("uido:slas::gcid:g::agent:a1::chid:S", "taob"),
        ("uido:slas::gcid:g::sesb:session_bridge::chid:S", "sesb"),
        (
            "uido:slas::gcid:g::rcid:r::login:pwdless::chid:S",
            "pwdless",
        ),
        // `sty` never decides: a guest with sty User stays a guest.
        ("uido:slas::upn:Guest::gcid:g::sty:User", "guest"),
    ];
    for (isb, variant) in cases {
        let s = sfcc_of(ES256, &slas_payload(isb, 1800));
        assert_eq!(s.kind.id(), "slas-access", "{isb}");
        assert_eq!(s.variant.map(|v| v.id()), Some(variant), "{isb}");
    }
}

#[test]
fn an_am_token_is_a_user_token_when_sub_is_a_login_or_the_grant_is_not_client_credentials() {
    let am = |sub: &str, grant: Option<&str>| {
        let grant = grant
            .map(|g| format!(r#","grant_type":"{g}""#))
            .unwrap_or_default();
        sfcc_of(
            r#"{"typ":"JWT","alg":"RS256"}"#,
            &format!(
                r#"{{"iss":"https://account.demandware.com:443/dwsso/oauth2","sub":"{sub}","client_id":"c1","scope":["mail"]{grant}}}"#
            ),
        )
    };
    let cases = [
        ("c1", Some("client_credentials"), "client-credentials"),
        ("c1", None, "client-credentials"),
        ("someone@example.com", Some("client_credentials"), "user"),
        ("c1", Some("authorization_code"), "user"),
        ("c1", Some("token"), "user"),
    ];
    for (sub, grant, variant) in cases {
        let s = am(sub, grant);
        assert_eq!(s.kind.id(), "am-access");
        assert_eq!(s.variant.map(|v| v.id()), Some(variant), "{sub} {grant:?}");
        assert_eq!(s.client_id.as_deref(), Some("c1"));
        let user = s.identity.iter().find(|f| f.id == "user");
        assert_eq!(user.is_some(), variant == "user", "{sub} {grant:?}");
    }
}

#[test]
fn the_am_issuer_is_recognised_on_pod_hosts_and_without_the_port() {
    let cases = [
        (
            "https://account.demandware.com:443/dwsso/oauth2",
            "am-access",
        ),
        ("https://account.demandware.com/dwsso/oauth2", "am-access"),
        (
            "https://account-pod5.demandware.net:443/dwsso/oauth2",
            "am-access",
        ),
        (
            "https://account-pod.demandware.net/dwsso/oauth2",
            "external-idp",
        ),
        (
            "https://account.demandware.com/dwsso/oauth2/x",
            "external-idp",
        ),
        ("https://login.example.com", "external-idp"),
        ("somewhere", "generic-jwt"),
    ];
    for (iss, kind) in cases {
        let s = sfcc_of(
            r#"{"alg":"RS256"}"#,
            &format!(r#"{{"iss":"{iss}","sub":"x"}}"#),
        );
        assert_eq!(s.kind.id(), kind, "{iss}");
    }
}

#[test]
fn a_cc_slas_token_with_the_2020_context_is_legacy_not_current() {
    let c = credential(&fixture("legacy-slas-2020-cc-slas.jwt"));
    let s = c.sfcc().cloned().unwrap();
    assert_eq!(s.kind.id(), "legacy-slas-2020");
    assert!(s
        .evidence
        .iter()
        .any(|e| e.contains("slas.not_for_external_use")));
    let legacy = s.findings.iter().find(|f| f.id == "legacy-format").unwrap();
    assert_eq!(legacy.severity, Severity::Warning);
}

#[test]
fn evidence_names_the_claims_that_decided_the_kind() {
    let cases = [
        ("ocapi-shop-guest.jwt", "`customer_info`"),
        (
            "slas-id-token.jwt",
            "`iss` ends with `.shopper.cc.salesforce.com`",
        ),
        ("am-user-multi-tenant.jwt", "`iss`"),
        ("b2c-session-dwsgst.jwt", "`tenantId`"),
        ("slas-callback-token.jwt", "`email_id`"),
        ("legacy-slas-2020.jwt", "`usid::`"),
        (
            "legacy-commerce-api-2021.jwt",
            "`commercecloud/production/`",
        ),
        ("external-idp-access-token.jwt", "https"),
        ("slas-access-taob-guest.jwt", "`taob:`"),
        ("slas-access-guest.jwt", "no `rcid`"),
    ];
    for (file, phrase) in cases {
        let s = credential(&fixture(file)).sfcc().cloned().unwrap();
        let evidence = s.evidence.join("; ");
        assert!(evidence.contains(phrase), "{file}: {evidence}");
    }
}

#[test]
fn a_tenant_mismatch_names_both_places_and_carries_the_401_body() {
    let s = credential(&fixture("slas-access-tenant-mismatch.jwt"))
        .sfcc()
        .cloned()
        .unwrap();
    let f = s
        .findings
        .iter()
        .find(|f| f.id == "tenant-mismatch")
        .unwrap();
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.title, "`iss` says wxyz_prd but `sub` says abcd_001");
    assert!(f.detail.contains("case-insensitively"), "{}", f.detail);
    assert_eq!(f.error.as_ref().map(|e| e.status), Some(401));
    for place in ["sub", "aud", "iss", "jku"] {
        assert!(s.tenants.places.iter().any(|p| p.place == place), "{place}");
    }
}

#[test]
fn tenants_agree_when_they_differ_only_in_case_and_prefix() {
    let payload = r#"{"sub":"cc-slas::ABCD_001::scid:c::usid:u","isb":"uido:slas::gcid:g::chid:S","iss":"slas/prod/f_ecom_abcd_001","aud":"commercecloud/prod/abcd-001"}"#;
    let s = sfcc_of(ES256, payload);
    assert!(
        !s.findings.iter().any(|f| f.id == "tenant-mismatch"),
        "{:?}",
        s.findings
    );
    assert_eq!(s.tenants.tenant.map(|t| t.id), Some("abcd_001".into()));
}

#[test]
fn findings_that_do_not_depend_on_the_clock_are_raised_per_fixture() {
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            "slas-access-guest.jwt",
            &[],
            &[
                "lifetime",
                "test-token",
                "blank-site",
                "tenant-mismatch",
                "legacy-format",
                "not-an-api-token",
                "unusual-tenant",
            ],
        ),
        (
            "slas-access-chid-space.jwt",
            &["blank-site"],
            &["tenant-mismatch"],
        ),
        (
            "slas-access-tenant-mismatch.jwt",
            &["tenant-mismatch"],
            &["blank-site"],
        ),
        (
            "slas-access-hs256-resigned.jwt",
            &["test-token", "lifetime"],
            &[],
        ),
        ("slas-access-ps256.jwt", &["test-token"], &[]),
        ("slas-access-eddsa.jwt", &["test-token"], &[]),
        ("slas-access-taob-guest.jwt", &[], &["lifetime"]),
        ("slas-id-token.jwt", &["not-an-api-token"], &["lifetime"]),
        ("slas-callback-token.jwt", &["not-an-api-token"], &[]),
        (
            "b2c-session-dwsgst.jwt",
            &["not-an-api-token"],
            &["unusual-tenant"],
        ),
        ("b2c-session-dwsrst.jwt", &["not-an-api-token"], &[]),
        ("external-idp-access-token.jwt", &["not-an-api-token"], &[]),
        (
            "legacy-slas-2020.jwt",
            &["legacy-format"],
            &["not-an-api-token"],
        ),
        ("legacy-commerce-api-2021.jwt", &["legacy-format"], &[]),
        (
            "am-client-credentials.jwt",
            &[],
            &["lifetime", "tenant-mismatch", "test-token"],
        ),
        (
            "am-user-multi-tenant.jwt",
            &[],
            &["tenant-mismatch", "unusual-tenant"],
        ),
    ];
    for (file, present, absent) in cases {
        let s = credential(&fixture(file)).sfcc().cloned().unwrap();
        let ids: Vec<&str> = s.findings.iter().map(|f| f.id).collect();
        for id in *present {
            assert!(ids.contains(id), "{file}: missing {id} in {ids:?}");
        }
        for id in *absent {
            assert!(!ids.contains(id), "{file}: unexpected {id} in {ids:?}");
        }
    }
}

#[test]
fn a_lifetime_other_than_the_kinds_is_noted() {
    let ids = |isb: &str, life: i64| {
        sfcc_of(ES256, &slas_payload(isb, life))
            .findings
            .iter()
            .map(|f| f.id)
            .collect::<Vec<_>>()
    };
    let guest = "uido:slas::gcid:g::chid:S";
    let taob = "uido:slas::gcid:g::taob:t::agent:a::chid:S";
    assert!(!ids(guest, 1800).contains(&"lifetime"));
    assert!(ids(guest, 900).contains(&"lifetime"));
    assert!(!ids(taob, 900).contains(&"lifetime"));
    assert!(ids(taob, 1800).contains(&"lifetime"));
    assert!(ids(guest, -5).contains(&"lifetime"));
}

#[test]
fn an_unusual_tenant_is_only_information() {
    let payload =
        r#"{"sub":"cc-slas::abcdef_x1::scid:c::usid:u","isb":"uido:slas::gcid:g::chid:S"}"#;
    let s = sfcc_of(ES256, payload);
    let f = s
        .findings
        .iter()
        .find(|f| f.id == "unusual-tenant")
        .unwrap();
    assert_eq!(f.severity, Severity::Info);
    assert!(f.title.contains("abcdef_x1"), "{}", f.title);
}

#[test]
fn identity_rows_name_what_each_kind_carries() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "slas-access-registered.jwt",
            &[
                ("scid", "9dfb369b-ab13-4fae-a276-55daa05f1119"),
                ("usid", "473a1797-8df0-4078-a22e-a180c5c2c2af"),
                ("customer", "bdlIKiUBKnCfK2vuAiSDMK2xTY"),
                ("login", "jane.shopper@example.com"),
                ("display-name", "Jane Shopper"),
                ("uido", "ecom"),
                ("site", "MyShop-US"),
                ("dnt", "1"),
            ],
        ),
        (
            "slas-access-taob-guest.jwt",
            &[
                ("agent", "merchant.agent@example.com"),
                ("flow", "trusted agent on behalf (TAOB)"),
            ],
        ),
        (
            "am-user-multi-tenant.jwt",
            &[
                ("client-id", "a1bdbb60-f2a3-42bb-ba63-5a18ec3d7361"),
                ("user", "support.engineer@example.com"),
                ("grant-type", "authorization_code"),
            ],
        ),
        (
            "ocapi-shop-guest.jwt",
            &[
                ("customer", "beM2ONG5HLDFIBp7D547oMnxXX"),
                ("shopper", "guest"),
                ("visit", "df3b46bedab2891b0027eb3605"),
            ],
        ),
        (
            "legacy-commerce-api-2021.jwt",
            &[("visit", "3753bfd65b38272084e8ab678f")],
        ),
        (
            "slas-callback-token.jwt",
            &[
                ("customer", "beaieNvSUvmYv22AsfFpe1LKtu"),
                ("login", "reset.me@example.com"),
            ],
        ),
        (
            "b2c-session-dwsrst.jwt",
            &[
                ("customer", "dx919to07l2pscao48frr0v7hb"),
                ("session-customer", "j7ohmpbz0uhm2lk5lwp3cv5fhu"),
                ("login", "chris.example@example.com"),
                ("display-name", "Chris Example"),
            ],
        ),
    ];
    for (file, rows) in cases {
        let s = credential(&fixture(file)).sfcc().cloned().unwrap();
        for (id, value) in *rows {
            assert!(
                s.identity.iter().any(|f| f.id == *id && f.value == *value),
                "{file}: no {id} = {value} in {:?}",
                s.identity
            );
        }
    }
    let guest = credential(&fixture("slas-access-guest.jwt"))
        .sfcc()
        .cloned()
        .unwrap();
    assert!(
        !guest.identity.iter().any(|f| f.id == "login"),
        "upn Guest is no login"
    );
    let s = credential(&fixture("am-user-multi-tenant.jwt"))
        .sfcc()
        .cloned()
        .unwrap();
    let filter = s.identity.iter().find(|f| f.id == "tenant-filter").unwrap();
    assert!(
        filter
            .value
            .contains("SLAS_ORGANIZATION_ADMIN: abcd_001, abcd_stg"),
        "{}",
        filter.value
    );
}

#[test]
fn audiences_follow_the_kind() {
    use sfcc_token_inspector::inspect::sfcc::Audience;
    let cases = [
        ("slas-access-guest.jwt", Audience::Shopper),
        ("legacy-slas-2020.jwt", Audience::Shopper),
        ("legacy-commerce-api-2021.jwt", Audience::Shopper),
        ("am-client-credentials.jwt", Audience::Admin),
        ("slas-id-token.jwt", Audience::Other),
        ("ocapi-shop-guest.jwt", Audience::Other),
        ("external-idp-access-token.jwt", Audience::Other),
    ];
    for (file, audience) in cases {
        let s = credential(&fixture(file)).sfcc().cloned().unwrap();
        assert_eq!(s.audience, audience, "{file}");
    }
}

#[test]
fn am_tenants_include_every_tenant_filter_role_and_the_wildcard_but_never_pick_the_wildcard() {
    let s = sfcc_of(
        r#"{"alg":"RS256"}"#,
        r#"{"iss":"https://account.demandware.com/dwsso/oauth2","sub":"u@x.y","tenantFilter":"LOGCENTER_USER:*_*"}"#,
    );
    assert_eq!(s.tenants.all, vec!["*_*".to_string()]);
    assert_eq!(s.tenants.tenant, None);
}

#[test]
fn hostile_claim_values_never_panic() {
    let values = [
        "",
        "::",
        ":::",
        "cc-slas::",
        "cc-slas::::",
        "cc-slas::é::scid:",
        "%",
        "%3",
        "%zz",
        "%E2%82",
        "é::ü:%3A",
        "slas//",
        "slas/prod/",
        "https://account-pod",
        "https://account-podé.demandware.com",
        "{",
        "{\"customer_info\":1}",
        ";;:,,",
        "*_*",
        "_",
        "f_ecom_",
        "a.b.c",
        "🛒_🛒",
    ];
    for v in values {
        let v = v.replace('"', "\\\"");
        for claim in [
            "sub",
            "isb",
            "iss",
            "aud",
            "tenantFilter",
            "tenantId",
            "chid",
            "grant_type",
        ] {
            let payload = format!(
                r#"{{"{claim}":"{v}","sub":"cc-slas::{v}","isb":"chid:{v}::rcid:{v}","scp":"{v}","_v":"1","exp":1,"iat":99999999999999}}"#
            );
            let _ = credential(&jws(ES256, &payload));
        }
        let _ = grammar::isb(&v);
        let _ = grammar::slas_sub(&v);
        let _ = grammar::tenant_filter(&v);
        let _ = grammar::slas_path(&v);
        let _ = tenant::parse(&v);
        let _ = tenant::normalise(&v);
    }
}

#[test]
fn every_kind_has_one_data_row_with_its_index_id_a_title_and_an_explanation() {
    use sfcc_token_inspector::inspect::sfcc::SfccKind;
    let index: Vec<String> = fixtures().into_iter().map(|(_, kind, _, _)| kind).collect();
    let mut ids = Vec::new();
    for kind in SfccKind::ALL {
        let info = kind.info();
        assert_eq!(info.id, kind.id());
        assert!(
            !info.title.is_empty() && !info.explanation.is_empty(),
            "{}",
            info.id
        );
        assert!(!ids.contains(&info.id), "{} twice", info.id);
        ids.push(info.id);
        if kind != SfccKind::GenericJwt {
            assert!(
                index.iter().any(|k| k == info.id),
                "{}: no fixture",
                info.id
            );
        }
    }
}

#[test]
fn documented_lifetimes_come_from_the_data_taob_first_then_the_kind() {
    use sfcc_token_inspector::inspect::sfcc::data::{expected_lifetime, lifetime};
    use sfcc_token_inspector::inspect::sfcc::{SfccKind, Variant};
    let secs = |k, v| expected_lifetime(k, v).map(|l| l.seconds);
    assert_eq!(secs(SfccKind::SlasAccess, Some(Variant::Taob)), Some(900));
    assert_eq!(secs(SfccKind::SlasAccess, Some(Variant::Tsob)), Some(1800));
    assert_eq!(secs(SfccKind::SlasAccess, None), Some(1800));
    assert_eq!(secs(SfccKind::SlasIdToken, None), Some(1800));
    assert_eq!(secs(SfccKind::AmAccess, Some(Variant::User)), Some(1800));
    assert_eq!(secs(SfccKind::OcapiShop, None), None);
    let days = |id| lifetime(id).map(|l| l.seconds / 86_400);
    assert_eq!(days("slas-refresh-guest"), Some(30));
    assert_eq!(days("slas-refresh-registered"), Some(90));
    assert_eq!(days("slas-refresh-non-production"), Some(9));
}

#[test]
fn an_am_roles_row_says_what_the_known_roles_unlock() {
    let s = sfcc_of(
        r#"{"alg":"RS256"}"#,
        r#"{"iss":"https://account.demandware.com/dwsso/oauth2","sub":"c1","client_id":"c1","roles":["SALESFORCE_COMMERCE_API","SLAS_ORGANIZATION_ADMIN","ECOM_ADMIN"]}"#,
    );
    let roles = s.identity.iter().find(|f| f.id == "roles").unwrap();
    assert_eq!(
        roles.value,
        "SALESFORCE_COMMERCE_API, SLAS_ORGANIZATION_ADMIN, ECOM_ADMIN"
    );
    let note = roles.note.as_deref().unwrap();
    assert!(
        note.contains("SALESFORCE_COMMERCE_API: SCAPI Admin APIs"),
        "{note}"
    );
    assert!(
        note.contains("SLAS_ORGANIZATION_ADMIN: SLAS Admin API"),
        "{note}"
    );
    assert!(
        !note.contains("ECOM_ADMIN"),
        "no meaning is documented: {note}"
    );
    let unknown = sfcc_of(
        r#"{"alg":"RS256"}"#,
        r#"{"iss":"https://account.demandware.com/dwsso/oauth2","sub":"c1","roles":["ECOM_ADMIN"]}"#,
    );
    let row = unknown.identity.iter().find(|f| f.id == "roles").unwrap();
    assert_eq!(row.note, None);
}

#[test]
fn only_the_api_role_of_a_tenant_filter_states_tenants_the_token_calls() {
    let s = sfcc_of(
        r#"{"alg":"RS256"}"#,
        r#"{"iss":"https://account.demandware.com/dwsso/oauth2","sub":"u@x.y","tenantFilter":"SALESFORCE_COMMERCE_API:abcd_001;ECOM_ADMIN:wxyz_prd"}"#,
    );
    let places: Vec<(&str, &str)> = s
        .tenants
        .places
        .iter()
        .map(|p| (p.place.as_str(), p.tenant.as_str()))
        .collect();
    assert_eq!(places, vec![("tenantFilter", "abcd_001")]);
    assert_eq!(s.tenants.all, vec!["abcd_001", "wxyz_prd"]);
}

#[test]
fn sfcc_claims_tell_present_malformed_and_absent_apart_and_read_each_sub_shape() {
    use serde_json::{json, Map};
    use sfcc_token_inspector::inspect::sfcc::parsed::Subject;
    use sfcc_token_inspector::inspect::sfcc::{Claim, SfccClaims};
    let map = |v: Value| -> Map<String, Value> { v.as_object().unwrap().clone() };
    let p = map(json!({"sub": 5, "roles": "ADMIN", "isb": "uido:slas::upn:Guest"}));
    let c = SfccClaims::parse(None, &p);
    assert_eq!(c.sub, Claim::Malformed(json!(5)));
    assert_eq!(c.roles, Claim::Malformed(json!("ADMIN")));
    assert_eq!(c.tenant_filter, Claim::Absent);
    assert_eq!(c.isb("upn"), Some("Guest"));
    let shapes = [
        ("cc-slas::abcd_001::scid:c::usid:u", "slas"),
        ("usid::u-1::upn:guest", "legacy"),
        ("usid:u-2", "usid"),
        (r#"{"customer_info":{"customer_id":"x"}}"#, "json"),
        ("someone", "text"),
    ];
    for (sub, shape) in shapes {
        let p = map(json!({ "sub": sub }));
        let got = match SfccClaims::parse(None, &p).subject {
            Subject::Slas(s) => format!("slas {}", s.tenant.unwrap_or_default()),
            Subject::Legacy2020 { usid, guest } => format!("legacy {usid} {guest}"),
            Subject::Usid(u) => format!("usid {u}"),
            Subject::Json(j) => format!("json {}", j.contains_key("customer_info")),
            Subject::Text => "text".into(),
        };
        let want = match shape {
            "slas" => "slas abcd_001",
            "legacy" => "legacy u-1 true",
            "usid" => "usid u-2",
            "json" => "json true",
            _ => "text",
        };
        assert_eq!(got, want, "{sub}");
    }
}

#[test]
fn the_typical_slas_scopes_are_documented_shopper_scopes_and_the_preset_offers_them_all() {
    use sfcc_token_inspector::inspect::checklist::presets;
    use sfcc_token_inspector::inspect::scopes;
    use sfcc_token_inspector::inspect::sfcc::data::TYPICAL_SLAS_SCOPES;
    assert_eq!(TYPICAL_SLAS_SCOPES.len(), 18);
    for name in TYPICAL_SLAS_SCOPES {
        assert_eq!(
            scopes::classify(name).status,
            Some(sfcc_token_inspector::inspect::catalog::ScopeStatus::Documented),
            "{name}"
        );
    }
    let preset = presets()
        .into_iter()
        .find(|p| p.id == "slas-default")
        .unwrap();
    let offered: Vec<&str> = preset
        .expectations
        .items
        .iter()
        .map(|i| i.scope.as_str())
        .collect();
    assert_eq!(offered, TYPICAL_SLAS_SCOPES);
}
