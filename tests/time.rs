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

/// A JWS with these claims (unsigned header is irrelevant to the clock rules).
fn token_with(claims: &str) -> std::rc::Rc<sfcc_token_inspector::inspect::Credential> {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
    use base64::Engine;
    let text = format!(
        "{}.{}.c2ln",
        B64.encode(r#"{"alg":"RS256","typ":"JWT"}"#),
        B64.encode(claims)
    );
    sfcc_token_inspector::inspect::analyze(&text)
        .credentials
        .remove(0)
}

fn clock_ids(c: &sfcc_token_inspector::inspect::Credential, now: i64) -> Vec<&'static str> {
    c.findings_at(now)
        .iter()
        .map(|f| f.id)
        .filter(|id| ["expired", "not-yet-valid", "expiring", "iat-future"].contains(id))
        .collect()
}

#[test]
fn clock_findings_follow_the_clock_passed_in() {
    let c = token_with(r#"{"sub":"x","iat":1000,"nbf":1000,"exp":2000}"#);
    assert_eq!(clock_ids(&c, 500), vec!["not-yet-valid", "iat-future"]);
    assert_eq!(clock_ids(&c, 1500), Vec::<&str>::new());
    assert_eq!(clock_ids(&c, 1900), vec!["expiring"]);
    assert_eq!(clock_ids(&c, 2000), vec!["expired"]);
    let expired = c.findings_at(2600);
    let f = expired.iter().find(|f| f.id == "expired").unwrap();
    assert_eq!(f.title, "Expired 10 min ago");
}

#[test]
fn a_shopper_token_past_its_expiry_carries_the_401_body() {
    let c = token_with(
        r#"{"aut":"GUID","scp":"sfcc.shopper-products","sub":"cc-slas::zzrf_001::scid:c9c45bfd-0ed3-4aa2-9971-40f88962b836::usid:9b3a9e8b-5e2c-4f7c-8e53-9f3c9a1b2c3d","ctx":"slas","iss":"slas/prod/zzrf_001","ist":1,"dnt":"0","aud":"commercecloud/prod/zzrf_001","nbf":1000,"sty":"User","isb":"uido:slas::upn:Guest::uidn:Guest User::gcid:abc::sesb:session_bridge::chid:RefArch","exp":2000,"iat":1000,"jti":"C2C-1"}"#,
    );
    let at = c.findings_at(3000);
    let expired = at.iter().find(|f| f.id == "expired").unwrap();
    assert!(expired.error.is_some(), "{expired:?}");
    // A token with no claims has no clock findings at all.
    assert!(clock_ids(&token_with("{}"), 0).is_empty());
}

/// `seconds_2dp` writes what `{:.2}` of the seconds wrote, ties and signs included.
#[test]
fn seconds_2dp_agrees_with_float_formatting() {
    use sfcc_token_inspector::inspect::time::seconds_2dp;
    let mut cases: Vec<i64> = (-300_000..300_000).collect();
    cases.extend([
        i64::MIN,
        i64::MIN + 1,
        i64::MAX,
        i64::MAX - 1,
        1 << 53,
        (1 << 53) + 1,
    ]);
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    for _ in 0..200_000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        cases.push(seed as i64 >> (seed % 60));
    }
    for ms in cases {
        assert_eq!(
            seconds_2dp(ms),
            format!("{:.2}", ms as f64 / 1000.0),
            "{ms} ms"
        );
    }
}
