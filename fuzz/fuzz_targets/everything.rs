//! Fuzzes everything the page computes: `analyze` on the pasted text, the expected-scope
//! checklist, the request check, the API's answer, the signing keys and every clock-dependent view. The
//! input bytes are split on 0xFF (never part of UTF-8) into token, expected scopes, request,
//! answer, keys and clock; text is made
//! valid UTF-8 the way the browser hands it to the app (invalid sequences replaced).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sfcc_token_inspector::inspect::exercise::everything;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(6, |&b| b == 0xFF);
    let mut text = || String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let (token, expected, request, answer, keys, clock) =
        (text(), text(), text(), text(), text(), text());
    // Clocks from year 1 to year 9999, as `Date.now()` can give.
    let mut now = 1_795_342_200i64;
    for b in clock.bytes().take(8) {
        now = now.wrapping_mul(31).wrapping_add(i64::from(b));
    }
    let now = now.rem_euclid(253_402_300_799 + 62_135_596_800) - 62_135_596_800;
    let _ = everything(&token, &expected, &request, &answer, &keys, now);
});
