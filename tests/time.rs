//! Times made human: ISO-8601 UTC, relative text, lifetimes, odd values.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::json;
use sfcc_token_inspector::inspect::time::{duration, iso_utc, TimeClaim};

#[test]
fn instants_are_formatted_as_iso_8601_utc() {
    assert_eq!(iso_utc(0), "1970-01-01T00:00:00Z");
    assert_eq!(iso_utc(1_795_342_200), "2026-11-22T10:10:00Z");
    assert_eq!(iso_utc(951_782_400), "2000-02-29T00:00:00Z");
    assert_eq!(iso_utc(-1), "1969-12-31T23:59:59Z");
}

#[test]
fn durations_use_the_two_largest_units() {
    assert_eq!(duration(45), "45 s");
    assert_eq!(duration(12 * 60), "12 min");
    assert_eq!(duration(3 * 3600 + 4 * 60 + 9), "3 h 4 min");
    assert_eq!(duration(86_400 + 3 * 3600), "1 day 3 h");
    assert_eq!(duration(2 * 365 * 86_400 + 86_400), "2 years 1 day");
}

#[test]
fn expired_guest_token_reports_minutes_since_expiry() {
    let exp = TimeClaim::read("exp", &json!(1000));
    assert_eq!(
        exp.relative(1000 + 3 * 3600 + 4 * 60).unwrap(),
        "expired 3 h 4 min ago"
    );
    assert_eq!(exp.relative(1000 - 12 * 60).unwrap(), "expires in 12 min");
    assert_eq!(exp.relative(1000 - 65).unwrap(), "expires in 1 min 5 s");
}

#[test]
fn future_nbf_and_iat_read_as_future() {
    assert_eq!(
        TimeClaim::read("nbf", &json!(100)).relative(40).unwrap(),
        "not valid for another 1 min"
    );
    assert_eq!(
        TimeClaim::read("iat", &json!(100)).relative(40).unwrap(),
        "issued 1 min in the future"
    );
}

#[test]
fn milliseconds_are_detected_and_converted() {
    let exp = TimeClaim::read("exp", &json!(1_795_343_400_000_i64));
    assert!(exp.millis);
    assert_eq!(exp.seconds, Some(1_795_343_400));
}

#[test]
fn odd_values_are_kept_with_a_problem_and_never_panic() {
    let s = TimeClaim::read("exp", &json!("1795343400"));
    assert_eq!(s.seconds, Some(1_795_343_400));
    assert!(s.problem.unwrap().contains("string"));
    let f = TimeClaim::read("exp", &json!(1_795_343_400.75));
    assert_eq!(f.seconds, Some(1_795_343_400));
    assert!(TimeClaim::read("exp", &json!(-5))
        .problem
        .unwrap()
        .contains("negative"));
    assert!(TimeClaim::read("exp", &json!(1e300)).seconds.is_none());
    assert!(TimeClaim::read("exp", &json!(null)).seconds.is_none());
    assert!(TimeClaim::read("exp", &json!({"a": 1})).problem.is_some());
}
