//! SFCC interpretation: every fixture of INDEX.json yields the expected kind, variant, tenant,
//! guest flag, site, client id, customer, usid and scopes; and the claim grammars, table-driven.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use sfcc_token_inspector::inspect::sfcc::{grammar, tenant, InstanceType};
use sfcc_token_inspector::inspect::{analyze, Credential};

fn fixtures() -> Vec<(String, String, Value, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/INDEX.json")).unwrap())
            .unwrap();
    index["fixtures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let file = f["file"].as_str().unwrap().to_string();
            let text = std::fs::read_to_string(format!("{dir}/{file}")).unwrap();
            (
                file,
                f["kind"].as_str().unwrap().to_string(),
                f["expect"].clone(),
                text,
            )
        })
        .collect()
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn credential(text: &str) -> Credential {
    analyze(text).credentials.remove(0)
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
        let Some(s) = c.sfcc.as_ref() else {
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
        if let Some(s) = c.sfcc.as_ref().filter(|_| kind != "malformed") {
            if kind != "generic-jwt" {
                assert!(!s.evidence.is_empty(), "{file}: no evidence");
                assert!(!s.kind.explanation().is_empty(), "{file}: no explanation");
            }
        }
    }
    let c = credential(&fixture("slas-access-registered.jwt"));
    let evidence = c.sfcc.unwrap().evidence.join("; ");
    assert!(
        evidence.contains("`sub` starts with `cc-slas::`"),
        "{evidence}"
    );
    assert!(evidence.contains("non-empty `rcid`"), "{evidence}");
}

#[test]
fn a_blank_chid_is_called_out() {
    let c = credential(&fixture("slas-access-chid-space.jwt"));
    let s = c.sfcc.unwrap();
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
    assert!(tenant::parse("wxyz_xyz").unwrap().unusual);
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
    let exp = c.times.at("exp").unwrap();
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
        .sfcc
        .unwrap();
    assert!(
        !ok.findings.iter().any(|f| f.id == "tenant-mismatch"),
        "{:?}",
        ok.findings
    );
    let bad = credential(&token("SALESFORCE_COMMERCE_API:wxyz_prd"))
        .sfcc
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
