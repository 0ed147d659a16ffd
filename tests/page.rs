//! The page model: `page(&Evidence, now)` composes what the page shows from the paste, the
//! request and the checklist, at one instant.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{token, NOW};
use sfcc_token_inspector::inspect::page::RequestState;
use sfcc_token_inspector::inspect::{page, Evidence, Severity, TimeStatus};

const HOST: &str = "https://kv7kzm78.api.commercecloud.salesforce.com";

fn basket_post() -> String {
    format!("POST {HOST}/checkout/shopper-baskets/v2/organizations/f_ecom_abcd_001/baskets?siteId=RefArch")
}

#[test]
fn the_request_findings_join_the_tokens_ranked_most_serious_first() {
    let evidence = Evidence::new(
        &token("slas-access-tenant-mismatch.jwt"),
        &basket_post(),
        "",
    );
    let shown = page(&evidence, NOW);
    let ids: Vec<&str> = shown.findings.iter().map(|f| f.id).collect();
    assert!(ids.contains(&"missing-scope"), "{ids:?}");
    let severities: Vec<Severity> = shown.findings.iter().map(|f| f.severity).collect();
    let mut sorted = severities.clone();
    sorted.sort();
    assert_eq!(severities, sorted, "ranked: {ids:?}");
    let check = shown.request.check().expect("the request was read");
    assert!(check
        .verdict
        .contains("lacks sfcc.shopper-baskets-orders.rw"));
}

#[test]
fn the_checklist_lists_the_requests_scopes_first_then_the_engineers_own() {
    let evidence = Evidence::new(
        &token("slas-access-guest.jwt"),
        &basket_post(),
        "sfcc.shopper-products",
    );
    let list = page(&evidence, NOW).checklist;
    assert_eq!(list.from_request, 1);
    let scopes: Vec<&str> = list
        .expected
        .items
        .iter()
        .map(|i| i.scope.as_str())
        .collect();
    assert_eq!(
        scopes,
        ["sfcc.shopper-baskets-orders.rw", "sfcc.shopper-products"]
    );
    let result = list.result.expect("a token with scopes is checked");
    assert_eq!(result.rows.len(), 2);
}

#[test]
fn the_tokens_validity_and_expiry_finding_follow_the_clock() {
    let evidence = Evidence::new(&token("slas-access-guest.jwt"), "", "");
    let now = page(&evidence, NOW);
    assert_eq!(now.status, Some(TimeStatus::Valid));
    let later = page(&evidence, NOW + 86_400);
    assert_eq!(later.status, Some(TimeStatus::Expired));
    assert_eq!(later.findings[0].id, "expired");
    assert!(!now.findings.iter().any(|f| f.id == "expired"));
}

#[test]
fn a_request_that_cannot_be_read_says_why_and_the_token_is_still_shown() {
    let evidence = Evidence::new(&token("slas-access-guest.jwt"), "hello there", "");
    let shown = page(&evidence, NOW);
    let RequestState::Unreadable(why) = &shown.request else {
        panic!("{:?}", shown.request);
    };
    let why = why.to_string();
    assert!(why.contains("URL") || why.contains("path"), "{why}");
    assert_eq!(shown.credential().map(|c| c.kind_id()), Some("slas-access"));
}

#[test]
fn tabs_appear_for_several_credentials_and_the_selection_is_clamped() {
    let paste = format!(
        "{{\"access_token\":\"{}\",\"refresh_token\":\"{}\"}}",
        token("slas-access-guest.jwt"),
        token("slas-refresh-token.txt")
    );
    let mut evidence = Evidence::new(&paste, "", "");
    assert_eq!(page(&evidence, NOW).tabs.len(), 2);
    evidence.selected = 7;
    let shown = page(&evidence, NOW);
    assert_eq!(shown.selected, Some(1));
    assert_eq!(shown.tabs[1].kind_id, "slas-refresh-opaque");
    assert_eq!(
        shown.credential().map(|c| c.kind_id()),
        Some("slas-refresh-opaque")
    );
    let single = page(&Evidence::new(&token("slas-access-guest.jwt"), "", ""), NOW);
    assert!(single.tabs.is_empty(), "one credential needs no tabs");
}

#[test]
fn nothing_pasted_is_an_empty_page_that_still_checks_the_request() {
    let shown = page(&Evidence::new("", &basket_post(), ""), NOW);
    assert_eq!(shown.selected, None);
    assert!(shown.findings.is_empty());
    let check = shown.request.check().expect("read without a token");
    assert!(check.verdict.contains("paste a token"), "{}", check.verdict);
    assert_eq!(shown.checklist.from_request, 1);
    assert!(shown.checklist.result.is_none());
}
