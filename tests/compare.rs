//! Two credentials side by side: "this one works, that one fails".

mod common;

use common::NOW;
use sfcc_token_inspector::inspect::compare::compare;
use sfcc_token_inspector::inspect::page::page;
use sfcc_token_inspector::inspect::{analyze, Evidence};

#[test]
fn a_guest_and_a_registered_token_differ_in_tenant_site_shopper_and_scopes() {
    let paste = format!(
        "works: {}\nfails: {}",
        common::token("slas-access-guest.jwt"),
        common::token("slas-access-registered.jwt")
    );
    let r = analyze(&paste);
    let c = compare(&r.credentials[0], &r.credentials[1], NOW);
    assert_eq!(c.labels, ("works:".to_string(), "fails:".to_string()));
    let line = |label: &str| {
        c.lines
            .iter()
            .find(|l| l.label == label)
            .unwrap_or_else(|| panic!("{label}: {:?}", c.lines))
    };
    assert_eq!(
        (line("Tenant").a.as_str(), line("Tenant").b.as_str()),
        ("abcd_001", "wxyz_prd")
    );
    assert_eq!(
        (line("Site").a.as_str(), line("Site").b.as_str()),
        ("RefArch", "MyShop-US")
    );
    assert_eq!(
        (line("Shopper").a.as_str(), line("Shopper").b.as_str()),
        ("guest", "registered")
    );
    assert!(line("Kind").same());
    assert!(!line("Client id").same());
    assert!(
        c.removed
            .contains(&"sfcc.shopper-baskets-orders.rw".to_string()),
        "{:?}",
        c.removed
    );
    assert!(
        c.added.contains(&"sfcc.shopper-standard".to_string()),
        "{:?}",
        c.added
    );
    // Claims that differ, times and jti apart.
    let names: Vec<&str> = c.claims.iter().map(|ch| ch.name.as_str()).collect();
    assert!(
        names.contains(&"sub") && names.contains(&"isb"),
        "{names:?}"
    );
    assert!(!names.contains(&"exp") && !names.contains(&"jti"));
}

#[test]
fn the_page_compares_the_selected_credential_with_the_one_asked_for() {
    let paste = format!(
        "{}\n{}",
        common::token("slas-access-guest.jwt"),
        common::token("am-client-credentials.jwt")
    );
    let mut e = Evidence::new(&paste, "", "");
    assert!(page(&e, NOW).comparison.is_none());
    e.compare_with = Some(1);
    let c = page(&e, NOW).comparison.expect("compared");
    assert!(c.lines.iter().any(|l| l.label == "Kind" && !l.same()));
    // Comparing a credential with itself shows nothing; a new paste forgets the choice.
    e.compare_with = Some(0);
    assert!(page(&e, NOW).comparison.is_none());
    e.compare_with = Some(1);
    assert!(e.with_paste(&paste, 0).compare_with.is_none());
    // A credential without claims compares too (kind only).
    let r = analyze(&format!(
        "{}\n{}",
        common::token("slas-refresh-token.txt"),
        common::token("slas-access-guest.jwt")
    ));
    let c = compare(&r.credentials[0], &r.credentials[1], NOW);
    assert!(c.lines.iter().any(|l| l.label == "Tenant" && l.a == "—"));
}
