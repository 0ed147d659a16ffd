//! The request check: parsing what engineers paste, matching every operation of endpoints.json,
//! and checking fixture tokens against concrete calls.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::NOW;
use sfcc_token_inspector::inspect::catalog::ENDPOINTS;
use sfcc_token_inspector::inspect::request::{self, Matched, Outcome, RequestCheck};
use sfcc_token_inspector::inspect::{analyze, Credential};

const HOST: &str = "https://kv7kzm78.api.commercecloud.salesforce.com";

fn token(file: &str) -> std::rc::Rc<Credential> {
    analyze(&common::fixture(file)).credentials.remove(0)
}

fn check(text: &str, file: Option<&str>) -> RequestCheck {
    let t = file.map(token);
    request::check(text, t.as_deref(), NOW)
        .expect("not blank")
        .expect("parses")
}

fn outcome(c: &RequestCheck, id: &str) -> Outcome {
    c.items
        .iter()
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("no {id} item: {:?}", c.items))
        .outcome
}

fn finding_ids(c: &RequestCheck) -> Vec<&'static str> {
    c.findings.iter().map(|f| f.id).collect()
}

/// A concrete URL for an operation's template.
fn concrete(base: &str, path: &str) -> String {
    let filled: Vec<String> = format!("{base}{path}")
        .split('/')
        .map(|s| match s {
            "{organizationId}" => "f_ecom_abcd_001".to_string(),
            "{tenantId}" => "abcd_001".to_string(),
            s if s.starts_with('{') => format!("x-{}", s.trim_matches(['{', '}'])),
            s => s.to_string(),
        })
        .collect();
    format!("{HOST}{}", filled.join("/"))
}

#[test]
fn every_operation_round_trips_from_a_concrete_url() {
    for e in ENDPOINTS {
        let url = concrete(e.base_path, e.path);
        let parsed = request::parse(&format!("{} {url}?siteId=RefArch", e.method)).unwrap();
        match request::find(&parsed) {
            Matched::Operation(op) => {
                assert_eq!(op.endpoint.method, e.method, "{url}");
                assert_eq!(
                    format!("{}{}", op.endpoint.base_path, op.endpoint.path),
                    format!("{}{}", e.base_path, e.path),
                    "{} {url} matched {}",
                    e.operation_id,
                    op.endpoint.operation_id
                );
            }
            other => panic!("{} {url} matched {other:?}", e.operation_id),
        }
    }
}

#[test]
fn every_api_has_an_operation_that_matches_by_operation_id() {
    let mut apis: Vec<&str> = ENDPOINTS.iter().map(|e| e.api).collect();
    apis.dedup();
    for api in apis {
        let ok = ENDPOINTS.iter().filter(|e| e.api == api).any(|e| {
            let parsed = request::parse(&format!("{} {}", e.method, concrete(e.base_path, e.path))).unwrap();
            matches!(request::find(&parsed), Matched::Operation(op) if op.endpoint.operation_id == e.operation_id)
        });
        assert!(ok, "{api}: no operation round-trips");
    }
}

#[test]
fn shopper_baskets_v1_and_v2_are_told_apart() {
    for v in ["v1", "v2"] {
        let p = request::parse(&format!(
            "GET {HOST}/checkout/shopper-baskets/{v}/organizations/f_ecom_abcd_001/baskets/b1"
        ))
        .unwrap();
        let Matched::Operation(op) = request::find(&p) else {
            panic!("{v}")
        };
        assert_eq!(
            op.endpoint.base_path,
            format!("/checkout/shopper-baskets/{v}")
        );
        assert_eq!(
            op.params,
            vec![
                ("organizationId".to_string(), "f_ecom_abcd_001".to_string()),
                ("basketId".to_string(), "b1".to_string())
            ]
        );
    }
}

#[test]
fn requests_are_read_from_urls_curl_devtools_and_the_pwa_proxy() {
    let url = "/product/shopper-products/v1/organizations/f_ecom_abcd_001/products/25";
    let cases = [
        (format!("{HOST}{url}?siteId=RefArch&ids=a%2Cb"), None, false),
        (format!("GET {HOST}{url}?siteId=RefArch HTTP/1.1"), Some("GET"), false),
        (format!("curl -X PATCH \\\n  '{HOST}{url}?siteId=RefArch' \\\n  -H 'Authorization: Bearer eyJx' \\\n  -H \"Content-Type: application/json\""), Some("PATCH"), false),
        (format!("curl --request POST --url \"{HOST}{url}?siteId=RefArch\""), Some("POST"), false),
        (format!("curl '{HOST}{url}?siteId=RefArch' --data-raw '{{\"a\":1}}'"), Some("POST"), false),
        (format!("Request URL: https://www.example.com/mobify/proxy/api{url}?siteId=RefArch\nRequest Method: GET\nStatus Code: 403 Forbidden"), Some("GET"), true),
        (format!("{url}?siteId=RefArch"), None, false),
        (format!("POST https://www.example.com/mobify/slas/private{url}?siteId=RefArch"), Some("POST"), true),
    ];
    for (text, method, proxied) in cases {
        let p = request::parse(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(p.path, url, "{text}");
        assert_eq!(p.method.as_deref(), method, "{text}");
        assert_eq!(p.proxied, proxied, "{text}");
        assert_eq!(
            p.query.first(),
            Some(&("siteId".to_string(), "RefArch".to_string())),
            "{text}"
        );
    }
    let p = request::parse(&format!("{HOST}{url}?siteId=RefArch&ids=a%2Cb")).unwrap();
    assert_eq!(p.short_code.as_deref(), Some("kv7kzm78"));
    assert_eq!(p.query[1], ("ids".to_string(), "a,b".to_string()));
    let err = request::parse("it fails with 403, please help").unwrap_err();
    assert!(err.to_string().contains("No URL found"), "{err}");
    assert!(request::check("   ", None, NOW).is_none());
}

#[test]
fn a_request_that_matches_nothing_names_the_nearest_operations() {
    let c = check(
        &format!("GET {HOST}/checkout/shopper-baskets/v2/organizations/f_ecom_abcd_001/basket/b1"),
        None,
    );
    let Matched::Nothing { nearest } = &c.matched else {
        panic!("matched")
    };
    assert!(!nearest.is_empty());
    assert!(
        nearest
            .iter()
            .any(|e| e.base_path == "/checkout/shopper-baskets/v2"),
        "{nearest:?}"
    );
    assert!(
        c.verdict
            .starts_with("No Commerce API operation matches GET"),
        "{}",
        c.verdict
    );
    assert!(!c.ok);
}

#[test]
fn the_guest_token_can_update_its_own_basket_on_its_own_site() {
    let c = check(&format!("PATCH {HOST}/checkout/shopper-baskets/v2/organizations/f_ecom_abcd_001/baskets/abc?siteId=RefArch"), Some("slas-access-guest.jwt"));
    assert!(c.ok, "{}: {:?}", c.verdict, c.findings);
    assert_eq!(
        c.verdict,
        "This token can call updateBasket (Shopper Baskets v2)."
    );
    for id in ["token-kind", "scopes", "tenant", "site", "time"] {
        assert_eq!(outcome(&c, id), Outcome::Pass, "{id}");
    }
    assert_eq!(
        c.expected.to_text(),
        "sfcc.shopper-baskets-orders.rw|sfcc.shopper-standard"
    );
}

#[test]
fn another_site_or_tenant_is_caught() {
    let c = check(&format!("PATCH {HOST}/checkout/shopper-baskets/v2/organizations/f_ecom_abcd_001/baskets/abc?siteId=Other"), Some("slas-access-guest.jwt"));
    assert!(!c.ok);
    assert!(finding_ids(&c).contains(&"site-mismatch"));
    assert!(c.verdict.contains("site RefArch"), "{}", c.verdict);
    let c = check(&format!("GET {HOST}/product/shopper-products/v1/organizations/f_ecom_wxyz_prd/products/25?siteId=RefArch"), Some("slas-access-guest.jwt"));
    assert_eq!(outcome(&c, "tenant"), Outcome::Fail);
    assert!(finding_ids(&c).contains(&"tenant-mismatch-request"));
    assert_eq!(c.verdict, "This token cannot call getProduct: it is for tenant abcd_001 but the URL is for f_ecom_wxyz_prd.");
}

#[test]
fn read_only_where_write_is_needed_is_the_verdict() {
    let c = check(&format!("POST {HOST}/checkout/shopper-baskets/v2/organizations/f_ecom_abcd_001/baskets?siteId=RefArch"), Some("slas-access-tenant-mismatch.jwt"));
    assert!(!c.ok);
    assert!(
        c.verdict.contains("lacks sfcc.shopper-baskets-orders.rw"),
        "{}",
        c.verdict
    );
    let f = c.findings.iter().find(|f| f.id == "missing-scope").unwrap();
    assert_eq!(f.error.unwrap().status, 403);
}

#[test]
fn an_am_token_on_a_shopper_api_is_the_wrong_kind() {
    let c = check(&format!("GET {HOST}/product/shopper-products/v1/organizations/f_ecom_wxyz_prd/products/25?siteId=RefArch"), Some("am-client-credentials.jwt"));
    assert_eq!(outcome(&c, "token-kind"), Outcome::Fail);
    assert!(finding_ids(&c).contains(&"wrong-token-kind"));
    assert!(
        c.verdict.contains("needs a SLAS shopper token"),
        "{}",
        c.verdict
    );
}

#[test]
fn an_am_token_without_the_api_scope_is_missing_a_scope() {
    let c = check(
        &format!("GET {HOST}/product/products/v1/organizations/f_ecom_wxyz_prd/products/x"),
        Some("am-client-credentials.jwt"),
    );
    assert_eq!(outcome(&c, "token-kind"), Outcome::Pass);
    assert_eq!(outcome(&c, "tenant"), Outcome::Pass);
    assert_eq!(outcome(&c, "scopes"), Outcome::Fail);
    assert!(c.verdict.contains("lacks sfcc.products"), "{}", c.verdict);
    assert_eq!(
        c.expected.to_text(),
        "sfcc.products\nSALESFORCE_COMMERCE_API:wxyz_prd"
    );
    let c = check(
        &format!(
            "GET {HOST}/checkout/orders/v1/organizations/f_ecom_wxyz_prd/orders/o1?siteId=RefArch"
        ),
        Some("am-client-credentials.jwt"),
    );
    assert!(c.ok, "{}", c.verdict);
}

#[test]
fn an_expired_token_cannot_call_anything() {
    let c = check(&format!("GET {HOST}/product/shopper-products/v1/organizations/f_ecom_wxyz_prd/products/25?siteId=MyShop-US"), Some("slas-access-expired.jwt"));
    assert_eq!(outcome(&c, "time"), Outcome::Fail);
    assert!(
        c.verdict
            .starts_with("This token cannot call getProduct: it expired"),
        "{}",
        c.verdict
    );
}

#[test]
fn a_guest_cannot_merge_and_a_customer_url_must_be_the_tokens_customer() {
    let c = check(&format!("POST {HOST}/checkout/shopper-baskets/v2/organizations/f_ecom_abcd_001/baskets/actions/merge?siteId=RefArch"), Some("slas-access-guest.jwt"));
    assert!(
        finding_ids(&c).contains(&"guest-cannot-merge"),
        "{:?}",
        c.findings
    );
    let c = check(&format!("GET {HOST}/customer/shopper-customers/v1/organizations/f_ecom_wxyz_prd/customers/someoneElse?siteId=MyShop-US"), Some("slas-access-registered.jwt"));
    assert!(
        finding_ids(&c).contains(&"customer-mismatch"),
        "{:?}",
        c.findings
    );
    let c = check(&format!("GET {HOST}/customer/shopper-customers/v1/organizations/f_ecom_wxyz_prd/customers/bdlIKiUBKnCfK2vuAiSDMK2xTY?siteId=MyShop-US"), Some("slas-access-registered.jwt"));
    assert_eq!(outcome(&c, "customer"), Outcome::Pass);
}

#[test]
fn slas_admin_wants_the_tenant_id_and_an_am_role() {
    let c = check(
        &format!("GET {HOST}/shopper/auth-admin/v1/tenants/abcd_001/clients"),
        Some("am-user-multi-tenant.jwt"),
    );
    assert_eq!(outcome(&c, "tenant"), Outcome::Pass, "{:?}", c.items);
    assert_eq!(outcome(&c, "scopes"), Outcome::Fail, "{:?}", c.items);
    assert!(c.expected.is_empty());
    let c = check(
        &format!("GET {HOST}/shopper/auth-admin/v1/tenants/f_ecom_abcd_001/clients"),
        Some("am-user-multi-tenant.jwt"),
    );
    assert!(finding_ids(&c).contains(&"org-id-format"));
}

#[test]
fn without_a_token_the_operation_and_its_scopes_are_still_given() {
    let c = check(&format!("GET {HOST}/search/shopper-search/v1/organizations/f_ecom_abcd_001/product-search?siteId=RefArch&q=shirt"), None);
    assert!(!c.ok);
    assert!(c.verdict.contains("productSearch"), "{}", c.verdict);
    assert_eq!(
        c.expected.to_text(),
        "sfcc.shopper-product-search|sfcc.shopper-standard"
    );
}

#[test]
fn an_am_token_for_another_tenant_is_named_once_and_comes_before_scopes() {
    let c = check(
        &format!(
            "curl -X PUT '{HOST}/product/products/v1/organizations/f_ecom_abcd_001/products/P1'"
        ),
        Some("am-client-credentials.jwt"),
    );
    assert_eq!(
        c.verdict,
        "This token cannot call createProduct: it is for tenant wxyz_prd but the URL is for f_ecom_abcd_001."
    );
    let scopes = c.items.iter().find(|i| i.id == "scopes").unwrap();
    assert_eq!(
        scopes.text,
        "sfcc.products.rw is not granted; add it to the client's scopes."
    );
}

#[test]
fn a_runaway_url_is_cut_short_in_the_verdict() {
    // 30,000 path segments: the match must stay linear in the path (it runs on every keystroke)
    // and the sentence must stay readable.
    let path = format!("/checkout/shopper-baskets/v2{}", "/ab".repeat(30_000));
    let c = check(&format!("GET {HOST}{path}"), None);
    assert_eq!(
        c.verdict,
        format!(
            "No Commerce API operation matches GET {}… ({} characters).",
            &path[..100],
            path.len()
        )
    );
    assert!(!c.ok);
}

#[test]
fn a_paste_without_a_url_says_what_to_paste() {
    let err = request::parse("curl -X POST -H 'x: y'").unwrap_err();
    assert_eq!(err, request::RequestError::NoUrl);
    assert_eq!(
        err.to_string(),
        "No URL found: paste a request URL, a curl command or a line like “GET https://…/organizations/f_ecom_…/…”."
    );
    let Some(Err(e)) = request::check("it fails with 403, please help", None, NOW) else {
        panic!("a sentence is not a request")
    };
    assert_eq!(e, request::RequestError::NoUrl);
}

#[test]
fn a_trusted_agent_operation_names_the_token_it_needs() {
    // Operations secured by ShopperTokenTaob only take a trusted-agent SLAS token.
    let e = ENDPOINTS
        .iter()
        .find(|e| {
            e.schemes == [sfcc_token_inspector::inspect::catalog::AuthScheme::ShopperTokenTaob]
        })
        .expect("a TAOB-only operation");
    let c = check(
        &format!(
            "{} {}?siteId=RefArch",
            e.method,
            concrete(e.base_path, e.path)
        ),
        Some("slas-access-guest.jwt"),
    );
    assert_eq!(outcome(&c, "token-kind"), Outcome::Fail, "{:?}", c.items);
    assert!(
        c.verdict
            .contains("needs a trusted-agent (TAOB) SLAS token"),
        "{}",
        c.verdict
    );
}
