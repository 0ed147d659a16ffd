//! Granted scopes classified against the catalog, the `.rw` rule, suggestions, findings, and the
//! expected-scope checklist.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use sfcc_token_inspector::inspect::analyze;
use sfcc_token_inspector::inspect::catalog::{ScopeKind, ScopeStatus, SCOPES};
use sfcc_token_inspector::inspect::checklist::{self, Check, Expectations};
use sfcc_token_inspector::inspect::scopes::{self, Access, ScopeClass};

fn fixture_findings(file: &str) -> Vec<&'static str> {
    let report = analyze(&common::fixture(file));
    let s = report.credentials[0].sfcc().cloned().unwrap();
    s.findings.iter().map(|f| f.id).collect()
}

fn granted(names: &str) -> Vec<String> {
    names.split_whitespace().map(str::to_string).collect()
}

#[test]
fn every_catalog_entry_classifies_as_its_catalog_kind() {
    for e in SCOPES.iter().filter(|e| !e.scope.contains('{')) {
        let g = scopes::classify(e.scope);
        let want = match e.scope {
            "SLAS_ORGANIZATION_ADMIN" | "SLAS_SERVICE_ADMIN" => ScopeClass::Role,
            _ => match e.kind {
                ScopeKind::Shopper => ScopeClass::Shopper,
                ScopeKind::Admin => ScopeClass::Admin,
                ScopeKind::Tenant => ScopeClass::Tenant,
                ScopeKind::Oidc => ScopeClass::Oidc,
                ScopeKind::Custom => ScopeClass::Custom,
            },
        };
        assert_eq!(g.class, want, "{}", e.scope);
        assert_eq!(g.status, Some(e.status), "{}", e.scope);
        if e.read_write_variant {
            let rw = scopes::classify(&format!("{}.rw", e.scope));
            assert_eq!(rw.access, Access::ReadWrite, "{}.rw", e.scope);
            assert!(
                rw.grants.contains("read and write"),
                "{}.rw: {}",
                e.scope,
                rw.grants
            );
        }
    }
}

#[test]
fn patterns_oidc_hooks_and_unknown_names_are_told_apart() {
    let cases = [
        ("SALESFORCE_COMMERCE_API:abcd_001", ScopeClass::Tenant),
        ("c_loyaltyInfo_r", ScopeClass::Custom),
        ("sfcc.shopper-custom-objects.MyType", ScopeClass::Shopper),
        ("openId", ScopeClass::Oidc),
        ("sfcc.app.shipping.calculate", ScopeClass::Hook),
        (
            "sfcc.product.shopper-availability.v1.availability.beforeGET",
            ScopeClass::Hook,
        ),
        ("sfcc.shopper-basket-orders", ScopeClass::Unknown),
    ];
    for (name, class) in cases {
        assert_eq!(scopes::classify(name).class, class, "{name}");
    }
}

#[test]
fn a_scope_with_a_zero_width_space_is_flagged_and_never_matches() {
    let g = scopes::classify("sfcc.shopper-products\u{200B}");
    assert_eq!(g.hidden_chars.len(), 1);
    assert!(g.hidden_chars[0].contains("zero-width space"));
    let f = scopes::findings(&[g], sfcc_token_inspector::inspect::sfcc::Audience::Shopper);
    assert!(f
        .iter()
        .any(|f| f.id == "hidden-characters-in-scope" && f.title.contains("⟨U+200B⟩")));
    let list = checklist::check(
        &granted("sfcc.shopper-products\u{200B}"),
        &Expectations::parse("sfcc.shopper-products"),
    );
    assert_eq!(list.rows[0].check, Check::Missing);
}

#[test]
fn typos_get_the_nearest_catalog_names() {
    assert_eq!(
        scopes::suggestions("sfcc.shopper-basket-orders").first(),
        Some(&"sfcc.shopper-baskets-orders")
    );
    assert_eq!(
        scopes::suggestions("sfcc.shopper-productsearch").first(),
        Some(&"sfcc.shopper-product-search")
    );
    assert_eq!(
        scopes::suggestions("sfcc:shopper-products").first(),
        Some(&"sfcc.shopper-products")
    );
    assert!(scopes::suggestions("completely-unrelated-thing").is_empty());
}

#[test]
fn fixtures_get_their_scope_findings() {
    assert!(fixture_findings("slas-access-guest.jwt").contains(&"redundant-read-scope"));
    assert!(fixture_findings("am-client-credentials-no-tenant.jwt").contains(&"am-no-tenant-scope"));
    assert!(!fixture_findings("am-client-credentials.jwt").contains(&"am-no-tenant-scope"));
    assert!(fixture_findings("legacy-commerce-api-2021.jwt").contains(&"legacy-scope"));
    assert!(fixture_findings("legacy-slas-2020-cc-slas.jwt").contains(&"legacy-scope"));
}

#[test]
fn admin_scopes_in_a_shopper_token_and_shopper_scopes_in_an_am_token_are_flagged() {
    use sfcc_token_inspector::inspect::sfcc::Audience;
    let slas: Vec<_> = ["sfcc.shopper-products", "sfcc.catalogs"]
        .iter()
        .map(|n| scopes::classify(n))
        .collect();
    assert!(scopes::findings(&slas, Audience::Shopper)
        .iter()
        .any(|f| f.id == "admin-scope-in-shopper-token"));
    let am: Vec<_> = ["SALESFORCE_COMMERCE_API:abcd_001", "sfcc.shopper-products"]
        .iter()
        .map(|n| scopes::classify(n))
        .collect();
    assert!(scopes::findings(&am, Audience::Admin)
        .iter()
        .any(|f| f.id == "shopper-scope-in-am-token"));
}

#[test]
fn rw_covers_read_but_read_does_not_cover_rw() {
    assert!(scopes::covers("sfcc.orders.rw", "sfcc.orders"));
    assert!(scopes::covers("sfcc.orders", "sfcc.orders"));
    assert!(!scopes::covers("sfcc.orders", "sfcc.orders.rw"));
    assert!(!scopes::covers(
        "sfcc.shopper.stores",
        "sfcc.shopper-stores"
    ));
}

#[test]
fn the_checklist_says_granted_missing_or_read_only_and_lists_extras() {
    let list = checklist::check(
        &granted("sfcc.shopper-baskets-orders sfcc.shopper-products.rw sfcc.shopper-stores sfcc.shopper-standard"),
        &Expectations::parse("sfcc.shopper-baskets-orders.rw, sfcc.shopper-products\nsfcc.shopper-context sfcc.shopper-myaccount|sfcc.shopper-standard"),
    );
    let checks: Vec<_> = list.rows.iter().map(|r| r.check.clone()).collect();
    assert_eq!(
        checks,
        vec![
            Check::ReadOnly {
                have: "sfcc.shopper-baskets-orders".into()
            },
            Check::Satisfied {
                by: "sfcc.shopper-products.rw".into()
            },
            Check::Missing,
            Check::Satisfied {
                by: "sfcc.shopper-standard".into()
            },
        ]
    );
    assert_eq!(list.extra, vec!["sfcc.shopper-stores".to_string()]);
}

#[test]
fn checklist_text_parses_any_separator_drops_duplicates_and_round_trips() {
    let e = Expectations::parse(" a, b;c\n\ta b|d|b  |e ");
    let scopes: Vec<_> = e.items.iter().map(|i| i.scope.as_str()).collect();
    assert_eq!(scopes, ["a", "b", "c"]);
    let e = Expectations::parse("x|y z");
    assert_eq!(e.items[0].alternatives, ["y"]);
    assert_eq!(Expectations::parse(&e.to_text()), e);
    let mut more = Expectations::parse("z w");
    more.merge(&e);
    assert_eq!(more.to_text(), "z\nw\nx|y");
}

#[test]
fn presets_come_from_the_catalog_with_read_and_write_forms() {
    let presets = checklist::presets();
    let ids: Vec<_> = presets.iter().map(|p| p.id.as_str()).collect();
    for id in [
        "slas-default",
        "shopper-standard",
        "shopper-baskets-orders-read",
        "shopper-baskets-orders-write",
        "orders-write",
    ] {
        assert!(ids.contains(&id), "missing preset {id}");
    }
    let write = presets
        .iter()
        .find(|p| p.id == "shopper-baskets-orders-write")
        .unwrap();
    assert_eq!(write.label, "Shopper Baskets & Orders — write");
    assert_eq!(
        write.expectations.to_text(),
        "sfcc.shopper-baskets-orders.rw"
    );
    for p in &presets {
        for item in &p.expectations.items {
            let base = item.scope.trim_end_matches(".rw");
            let e = SCOPES
                .iter()
                .find(|e| e.scope == base)
                .unwrap_or_else(|| panic!("{} not in catalog", item.scope));
            assert!(
                matches!(e.status, ScopeStatus::Documented | ScopeStatus::New),
                "{} is {}",
                e.scope,
                e.status.id()
            );
        }
    }
}

#[test]
fn the_embedded_sfcc_data_is_the_shared_reference_data() {
    // data/sfcc holds copies so that the crate builds on its own; the copies must not have
    // drifted from the shared reference beside the repository. In CI (CI set) the reference must
    // be there: a missing one fails instead of silently checking nothing.
    let root = env!("CARGO_MANIFEST_DIR");
    let in_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    for file in ["scope-catalog.json", "endpoints.json", "errors.json"] {
        let shared_path = format!("{root}/../shared/sfcc/{file}");
        let shared = match std::fs::read(&shared_path) {
            Ok(shared) => shared,
            Err(e) if in_ci => panic!("CI is set but {shared_path} cannot be read ({e}): the drift check needs the shared reference"),
            Err(e) => {
                println!("note: {shared_path} cannot be read ({e}); drift check of data/sfcc/{file} skipped");
                continue;
            }
        };
        let ours = std::fs::read(format!("{root}/data/sfcc/{file}")).unwrap();
        assert!(
            ours == shared,
            "data/sfcc/{file} differs from ../shared/sfcc/{file}: copy it again"
        );
    }
    assert_eq!(SCOPES.len(), 95);
    assert_eq!(sfcc_token_inspector::inspect::catalog::ENDPOINTS.len(), 417);
}

#[test]
fn a_token_pasted_into_the_checklist_is_never_kept() {
    let token = common::fixture("slas-access-guest.jwt");
    let list = Expectations::parse(&format!(
        "sfcc.shopper-products {token} Bearer|{}",
        "a".repeat(81)
    ));
    assert_eq!(list.to_text(), "sfcc.shopper-products\nBearer");
    assert!(SCOPES.iter().all(|e| e.scope.len() <= 80));
}

#[test]
fn the_typed_catalog_spells_every_value_as_the_json_does() {
    // build.rs turns the JSON's closed vocabularies into enums: each generated entry must give
    // back the JSON's own spelling, in the JSON's order.
    use sfcc_token_inspector::inspect::catalog::{ApiFamily, ENDPOINTS};
    let root = env!("CARGO_MANIFEST_DIR");
    let read = |file: &str| -> Vec<serde_json::Value> {
        let text = std::fs::read_to_string(format!("{root}/data/sfcc/{file}")).unwrap();
        serde_json::from_str(&text).unwrap()
    };
    let catalog = read("scope-catalog.json");
    assert_eq!(catalog.len(), SCOPES.len());
    for (json, e) in catalog.iter().zip(SCOPES) {
        assert_eq!(json["scope"], e.scope);
        assert_eq!(json["kind"], e.kind.id(), "{}", e.scope);
        assert_eq!(json["status"], e.status.id(), "{}", e.scope);
    }
    let endpoints = read("endpoints.json");
    assert_eq!(endpoints.len(), ENDPOINTS.len());
    for (json, e) in endpoints.iter().zip(ENDPOINTS) {
        assert_eq!(json["operation_id"], e.operation_id);
        assert_eq!(json["token"], e.token.id(), "{}", e.operation_id);
        let schemes: Vec<&str> = e.schemes.iter().map(|s| s.id()).collect();
        assert_eq!(
            json["schemes"],
            serde_json::json!(schemes),
            "{}",
            e.operation_id
        );
        let family = match json["api"].as_str() {
            Some("SLAS Admin") => ApiFamily::SlasAdmin,
            Some("Shopper Login (SLAS)") => ApiFamily::ShopperLogin,
            _ if json["api_type"] == "Admin" => ApiFamily::Admin,
            _ => ApiFamily::Shopper,
        };
        assert_eq!(e.family, family, "{}", e.operation_id);
    }
}
