//! Reading HAR files: every fixture session of ../shared/sfcc/fixtures/har (copied to
//! tests/fixtures/har/), and every bad input the page must explain.

mod common;

use sfcc_token_inspector::inspect::har::{self, HarError};

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/har/{name}", common::DIR)).unwrap()
}

#[test]
fn every_session_fixture_reads_all_its_entries() {
    for (name, count) in [
        ("pwa-kit-session.har", 39),
        ("pwa-kit-session-sanitized.har", 39),
        ("sfra-hybrid-session.har", 22),
        ("refresh-race.har", 10),
        ("am-admin.har", 7),
    ] {
        let har = har::read(&bytes(name)).unwrap();
        assert_eq!(har.entries.len(), count, "{name}");
        assert!(har.entries.iter().all(|e| e.started_ms.is_some()), "{name}");
    }
}

#[test]
fn a_postman_collection_is_not_a_har() {
    let err = har::read(&bytes("not-a-har.json")).unwrap_err();
    assert!(matches!(err, HarError::NotHar(_)), "{err}");
}
