//! The catalogue of malformed input: each case is named, and asserts the specific message a user
//! sees for it (the kind shown and a finding's title or text, or a note on what was stripped).
#![cfg(not(target_arch = "wasm32"))]

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD as B64};
use base64::Engine;
use sfcc_token_inspector::inspect::analyze;

fn e(s: &str) -> String {
    B64.encode(s)
}

const NOW: i64 = 1_850_000_000;
const H: &str = r#"{"alg":"RS256","typ":"JWT"}"#;
const P: &str = r#"{"sub":"x","exp":1900000000,"iat":1800000000}"#;
const S: &str = "c2lnbmF0dXJl";

/// A JWS with this header and payload JSON (base64url-encoded) and a dummy signature.
fn jws(header: &str, payload: &str) -> String {
    format!("{}.{}.{S}", e(header), e(payload))
}

/// A JWS with this payload JSON.
fn with_payload(payload: &str) -> String {
    jws(H, payload)
}

/// (name, input, kind shown, text that must appear in a finding or a note).
fn catalogue() -> Vec<(&'static str, String, &'static str, &'static str)> {
    let (h, p) = (e(H), e(P));
    vec![
        ("only punctuation, which quote-stripping empties", ",".into(), "unrecognised",
            "It contains ',' at position 1"),
        ("only a pair of quotes", "\"\"".into(), "unrecognised",
            "It contains '\"' at position 1"),
        ("bad base64 in the header", format!("eyJ!bGc.{p}.{S}"), "malformed",
            "segment 1 (header) is not valid base64url: unexpected '!' at position 4"),
        ("bad base64 in the payload", format!("{h}.eyJz*dWIi.{S}"), "malformed",
            "segment 2 (payload) is not valid base64url: unexpected '*' at position 5"),
        ("bad base64 in the signature", format!("{h}.{p}.c2ln~bmF0"), "malformed",
            "segment 3 (signature) is not valid base64url: unexpected '~' at position 5"),
        ("bad base64 in a JWE part", format!("{}.YQ.b!c.ZA.ZQ", e(r#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#)), "jwe",
            "segment 3 (initialisation vector) is not valid base64url: unexpected '!' at position 2"),
        ("a base64url length no text can have", format!("{h}.{p}x.{S}"), "malformed",
            "segment 2 (payload) has 61 characters, a length no base64url text can have"),
        ("header is not JSON", format!("{}.{p}.{S}", e("hello there")), "malformed",
            "segment 1 (header) is not JSON: expected value at line 1 column 1; the decoded text starts “hello there”"),
        ("payload is not JSON", format!("{h}.{}.{S}", e("hello there")), "malformed",
            "segment 2 (payload) is not JSON: expected value at line 1 column 1"),
        ("header is a JSON array", jws("[1,2]", P), "malformed",
            "segment 1 (header) is JSON but an array, not an object"),
        ("payload is a JSON string", with_payload("\"a string\""), "malformed",
            "segment 2 (payload) is JSON but a string, not an object"),
        ("payload is a JSON number", with_payload("42"), "malformed",
            "segment 2 (payload) is JSON but a number, not an object"),
        ("payload is JSON null", with_payload("null"), "malformed",
            "segment 2 (payload) is JSON but null, not an object"),
        ("payload has trailing text after the JSON", with_payload(r#"{"exp":1900000000} x"#), "malformed",
            "segment 2 (payload) is not JSON: trailing characters at line 1 column 20"),
        ("payload JSON cut short", format!("{h}.{}.{S}", &p[..20]), "malformed",
            "segment 2 (payload) stops in the middle of its JSON (after 15 characters): the token was cut short"),
        ("one segment", h.clone(), "malformed",
            "this has no dots, but a JWS has 3 dot-separated parts and a JWE has 5"),
        ("two segments", format!("{h}.{p}"), "unsigned-jws",
            "The signature is missing"),
        ("four segments", format!("{h}.{p}.{S}.{S}"), "malformed",
            "this has 4 dot-separated parts, but a JWS has 3 and a JWE has 5"),
        ("six segments", format!("{h}.{p}.{S}.{S}.{S}.{S}"), "malformed",
            "this has 6 dot-separated parts, but a JWS has 3 and a JWE has 5"),
        ("empty header segment", format!(".{p}.{S}"), "malformed", "segment 1 (header) is empty"),
        ("empty payload segment", format!("{h}..{S}"), "malformed", "segment 2 (payload) is empty"),
        ("empty signature segment", format!("{h}.{p}."), "unsigned-jws",
            "The token ends with a dot and no signature"),
        ("only dots", "..".into(), "malformed", "segment 2 (payload) is empty"),
        ("a 10 MB paste", "A".repeat(10 << 20), "unrecognised",
            "analysed only the first 1024 KB: the paste is 10240 KB"),
        ("a 10 MB paste cut inside a character", "€".repeat(3_500_000), "unrecognised",
            "analysed only the first 1024 KB: the paste is 10253 KB"),
        ("a 10 MB paste of dots", ".".repeat(10 << 20), "malformed",
            "this has 1048577 dot-separated parts"),
        ("deeply nested JSON", with_payload(&format!("{{\"a\":{}1{}}}", "[".repeat(5000), "]".repeat(5000))), "malformed",
            "segment 2 (payload) nests arrays or objects more than 128 levels deep"),
        ("a number too large for JSON", with_payload(r#"{"exp":1e400}"#), "malformed",
            "segment 2 (payload) holds the number 1e400, too large for any JSON parser"),
        ("a number too large, after non-ASCII text", with_payload(r#"{"name":"🛒 cart","exp":1e400}"#), "malformed",
            "segment 2 (payload) holds the number 1e400, too large for any JSON parser"),
        ("exp beyond year 9999", with_payload(r#"{"exp":99999999999999999999999}"#), "generic-jwt",
            "“exp” is too far from today to be a date"),
        ("exp at the i64 minimum", with_payload(r#"{"exp":-9223372036854775808}"#), "generic-jwt",
            "“exp” is too far from today to be a date"),
        ("negative exp", with_payload(r#"{"exp":-5}"#), "generic-jwt",
            "“exp” is negative: a date before 1970"),
        ("fractional exp", with_payload(r#"{"exp":1900000000.5}"#), "generic-jwt",
            "“exp” has a fraction of a second"),
        ("exp as a numeric string", with_payload(r#"{"exp":"1900000000"}"#), "generic-jwt",
            "“exp” is a string, not a number (RFC 7519 NumericDate)"),
        ("exp as a word", with_payload(r#"{"exp":"tomorrow"}"#), "generic-jwt",
            "“exp” is a string, not a number"),
        ("exp as a boolean", with_payload(r#"{"exp":true}"#), "generic-jwt",
            "“exp” is a boolean, not a number of seconds"),
        ("exp in milliseconds", with_payload(r#"{"exp":1900000000000}"#), "generic-jwt",
            "“exp” looks like milliseconds"),
        ("no exp", with_payload(r#"{"sub":"x"}"#), "generic-jwt", "No expiry claim"),
        ("nbf after exp", with_payload(r#"{"exp":1900000000,"nbf":1950000000}"#), "generic-jwt",
            "the token is not valid yet"),
        ("empty payload object", with_payload("{}"), "generic-jwt", "The payload has no claims"),
        ("duplicate claim in the payload", with_payload(r#"{"exp":1900000000,"sub":"a","exp":1}"#), "generic-jwt",
            "Repeated in the payload: “exp”"),
        ("a claim repeated after 3,000 others", with_payload(&format!(
            r#" {{"exp":1900000000,{}"sub":"a","exp":1}}"#,
            (0..3000).map(|i| format!(r#""c_{i}":{{"n":{i}}},"#)).collect::<String>()
        )), "generic-jwt", "Repeated in the payload: “exp”"),
        ("duplicate alg in the header", jws(r#"{"alg":"RS256","alg":"none"}"#, P), "unsigned-jws",
            "Repeated in the header: “alg”"),
        ("invalid UTF-8 in the payload", format!("{h}.{}.{S}", B64.encode(b"{\"sub\":\"\xff\xfe\"}")), "malformed",
            "segment 2 (payload) does not decode to UTF-8 text (invalid byte 9 of the decoded bytes)"),
        ("invalid UTF-8 in the header", format!("{}.{p}.{S}", B64.encode(b"{\"alg\":\"\xc3\"}")), "malformed",
            "segment 1 (header) does not decode to UTF-8 text"),
        ("a lone high surrogate", with_payload(r#"{"exp":1900000000,"sub":"\ud800"}"#), "generic-jwt",
            "1 lone UTF-16 surrogate escape"),
        ("a lone low surrogate after text", with_payload(r#"{"exp":1900000000,"sub":"a\udc00b\ud83d\ude00"}"#), "generic-jwt",
            "Half a character in the payload"),
        ("a NUL escape in a claim", with_payload(r#"{"exp":1900000000,"sub":"a\u0000b"}"#), "generic-jwt",
            "Its value contains U+0000 (NUL)"),
        ("a raw NUL byte in the decoded JSON", format!("{h}.{}.{S}", B64.encode(b"{\"sub\":\"a\0b\"}")), "malformed",
            "control character (\\u0000-\\u001F) found while parsing a string"),
        ("a NUL in the pasted token", format!("{h}.{p}\0.{S}"), "malformed",
            "unexpected U+0000 (NUL) at position 61"),
        ("a zero-width space in the token", format!("{h}.{}\u{200b}{}.{S}", &p[..10], &p[10..]), "malformed",
            "unexpected U+200B (zero-width space) at position 11"),
        ("a right-to-left override in the token", format!("{h}.{p}\u{202e}.{S}"), "malformed",
            "unexpected U+202E (right-to-left override)"),
        ("a right-to-left override in a claim", with_payload("{\"exp\":1900000000,\"sub\":\"abc\u{202e}def\"}"), "generic-jwt",
            "Hidden characters in “sub”"),
        ("an accented letter in the token", format!("{h}.{p}é.{S}"), "malformed", "unexpected U+00E9"),
        ("a byte-order mark before the token", format!("\u{feff}{h}.{p}.{S}"), "generic-jwt",
            "removed the invisible U+FEFF (byte-order mark) around the token"),
        ("alg none with a signature", jws(r#"{"alg":"none"}"#, P), "unsigned-jws",
            "The header says alg none yet a signature part is present: treat this token as forged"),
        ("alg none without a signature", format!("{}.{p}.", e(r#"{"alg":"none"}"#)), "unsigned-jws",
            "Unsigned: alg is “none”"),
        ("alg NONE in capitals", jws(r#"{"alg":"NONE"}"#, P), "unsigned-jws", "Unsigned: alg is “none”"),
        ("no alg in the header", jws(r#"{"typ":"JWT"}"#, P), "generic-jwt", "The header has no “alg”"),
        ("standard base64 instead of base64url", format!("{h}.{}.{S}", STANDARD.encode(r#"{"sub":"??>>","exp":1900000000}"#)), "generic-jwt",
            "Standard base64 instead of base64url"),
        ("a JWE whose header is cut", format!("eyJhbGci.{S}.{S}.{S}.{S}"), "malformed",
            "segment 1 (header) stops in the middle of its JSON"),
        ("Authorization header with no token", "Authorization: Bearer".into(), "unrecognised",
            "No token after “Bearer”"),
        ("the word Bearer alone", "Bearer".into(), "unrecognised", "Only the word “Bearer”"),
        ("Bearer undefined", "Authorization: Bearer undefined".into(), "unrecognised",
            "The token is the text “undefined”"),
        ("Bearer null", "Bearer null".into(), "unrecognised", "The token is the text “null”"),
        ("JSON with a token field that is a number", r#"{"access_token": 42}"#.into(), "unrecognised",
            "“access_token” is a number, not a token string"),
        ("a SLAS error response instead of a token", r#"{"status_code":"401 UNAUTHORIZED","error":"invalid_client","error_description":"Invalid credentials"}"#.into(), "unrecognised",
            "This is an error response (“error”: “invalid_client”)"),
        ("JSON with no token", r#"{"a": [1, 2]}"#.into(), "unrecognised",
            "This is JSON (an object) but none of its fields holds a token"),
        ("a JSON array", "[1, 2, 3]".into(), "unrecognised", "This is JSON (an array)"),
        ("Basic with no base64", "Basic !!!".into(), "unrecognised",
            "A Basic header holds base64 of client_id:client_secret"),
        ("control characters only", "\u{1}\u{2}".into(), "unrecognised",
            "It contains U+0001 at position 1, which no token contains"),
        ("an HTML tag", "<img src=x onerror=alert(1)>".into(), "unrecognised", "which no token contains"),
        ("a short word", "hello".into(), "unrecognised", "It is 5 characters with no dots"),
        ("a text payload without typ JWT", jws(r#"{"alg":"RS256"}"#, "hello there"), "jws-text-payload",
            "The payload is text, not a JWT claims set"),
        ("an empty payload without typ JWT", format!("{}..{S}", e(r#"{"alg":"HS256"}"#)), "jws-detached",
            "Detached content: the payload is not in the token"),
        ("a JWE with no encrypted key under RSA-OAEP", format!("{}..aXY.Y2lwaGVy.dGFn", e(r#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#)), "jwe",
            "segment 2 (encrypted key) is empty, but alg “RSA-OAEP” requires an encrypted key"),
        ("a JWE with no encrypted key under dir", format!("{}..aXY.Y2lwaGVy.dGFn", e(r#"{"alg":"dir","enc":"A256GCM"}"#)), "jwe",
            "With alg “dir” the content key is not sent"),
    ]
}

#[test]
fn every_malformed_input_gets_its_own_message() {
    let cases = catalogue();
    assert!(cases.len() >= 40, "the catalogue has {} cases", cases.len());
    let mut failures = Vec::new();
    let mut names: Vec<&str> = cases.iter().map(|c| c.0).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), cases.len(), "case names are unique");
    for (name, input, kind, says) in &cases {
        let report = analyze(input);
        let Some(c) = report.credentials.first() else {
            failures.push(format!("{name}: no credential at all"));
            continue;
        };
        let mut seen: Vec<String> = report.stripped.clone();
        seen.extend(
            c.findings_at(NOW)
                .iter()
                .map(|f| format!("{}: {}", f.title, f.detail)),
        );
        if c.kind_id() != *kind {
            failures.push(format!(
                "{name}: shown as {} instead of {kind}",
                c.kind_id()
            ));
        }
        if !seen.iter().any(|s| s.contains(says)) {
            failures.push(format!(
                "{name}: no message containing {says:?}; got {seen:#?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
