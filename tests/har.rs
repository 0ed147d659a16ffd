//! Reading HAR files: every fixture session of ../shared/sfcc/fixtures/har (copied to
//! tests/fixtures/har/), and every bad input the page must explain.

mod common;

use serde_json::{json, Value};
use sfcc_token_inspector::inspect::har::{self, Body, Har, HarError, Reader, KEPT_BODY_BYTES};

use common::har_bytes as bytes;

use common::HAR_SESSIONS as SESSIONS;

/// Reads in slices of `budget` bytes, as the page does between frames.
fn stepped(bytes: &[u8], budget: usize) -> Har {
    let mut reader = Reader::new(bytes).unwrap();
    let mut last = reader.progress();
    loop {
        let progress = reader.step(bytes, budget);
        assert!(progress.bytes_read >= last.bytes_read);
        assert!(progress.bytes_read <= bytes.len());
        last = progress;
        if progress.done {
            break;
        }
    }
    reader.finish()
}

/// A HAR of these entries, pretty-printed as browsers write it.
fn har_of(entries: Vec<Value>) -> String {
    serde_json::to_string_pretty(&json!({
        "log": {
            "version": "1.2",
            "creator": { "name": "WebInspector", "version": "537.36" },
            "entries": entries,
        }
    }))
    .unwrap()
}

fn call(url: &str, status: u16) -> Value {
    json!({
        "startedDateTime": "2026-11-18T09:12:03.117Z",
        "request": { "method": "GET", "url": url, "httpVersion": "http/2.0", "headers": [] },
        "response": {
            "status": status,
            "statusText": "",
            "headers": [{ "name": "content-type", "value": "application/json" }],
            "content": { "size": 11, "mimeType": "application/json", "text": "{\"ok\":true}" }
        }
    })
}

fn urls(har: &Har) -> Vec<&str> {
    har.entries.iter().map(|e| e.url.as_str()).collect()
}

#[test]
fn every_session_fixture_reads_all_its_entries() {
    for (name, count) in SESSIONS.iter().zip([39, 39, 22, 10, 7]) {
        let har = har::read(&bytes(name)).unwrap();
        assert_eq!(har.entries.len(), count, "{name}");
        assert!(har.entries.iter().all(|e| e.started_ms.is_some()), "{name}");
        assert!(har.problems.is_empty(), "{name}: {:?}", har.problems);
        assert!(har.creator.is_some(), "{name}");
    }
}

#[test]
fn every_entry_matches_its_reading_in_the_index() {
    let index: Value = serde_json::from_slice(&bytes("INDEX.json")).unwrap();
    let files = index["files"].as_array().unwrap();
    let mut checked = 0;
    for file in files.iter().filter(|f| f["kind"] == "har") {
        let name = file["file"].as_str().unwrap();
        let har = har::read(&bytes(name)).unwrap();
        let expected = file["entries"].as_array().unwrap();
        assert_eq!(har.entries.len(), expected.len(), "{name}");
        for (entry, want) in har.entries.iter().zip(expected) {
            let at = format!("{name} entry {}", entry.index);
            assert_eq!(entry.index as u64, want["index"].as_u64().unwrap(), "{at}");
            assert_eq!(entry.method, want["method"].as_str().unwrap(), "{at}");
            assert_eq!(entry.url, want["url"].as_str().unwrap(), "{at}");
            assert_eq!(
                u64::from(entry.status),
                want["status"].as_u64().unwrap(),
                "{at}"
            );
            assert_eq!(
                entry.started,
                want["startedDateTime"].as_str().unwrap(),
                "{at}"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 39 + 39 + 22 + 10 + 7);
}

#[test]
fn reading_in_slices_of_any_size_gives_the_same_har() {
    for name in SESSIONS.iter().chain(&["truncated.har"]) {
        let file = bytes(name);
        let whole = har::read(&file).unwrap();
        for budget in [1, 100, 1 << 20] {
            assert_eq!(stepped(&file, budget), whole, "{name}, budget {budget}");
        }
    }
}

#[test]
fn a_one_megabyte_budget_reads_a_session_in_one_step() {
    let file = bytes("pwa-kit-session.har");
    let mut reader = Reader::new(&file).unwrap();
    let progress = reader.step(&file, 1 << 20);
    assert!(progress.done);
    assert_eq!(progress.entries, 39);
    assert_eq!(progress.bytes_read, file.len());
}

#[test]
fn a_cancelled_reading_keeps_the_entries_read() {
    let file = bytes("pwa-kit-session.har");
    let mut reader = Reader::new(&file).unwrap();
    let progress = reader.step(&file, 10_000);
    assert!(!progress.done);
    let har = reader.finish();
    assert_eq!(har.entries.len(), progress.entries);
    assert!(!har.entries.is_empty());
    assert_eq!(har.creator.as_deref(), Some("WebInspector 537.36"));
}

#[test]
fn the_truncated_session_keeps_its_30_complete_entries_and_says_where_it_ends() {
    let har = har::read(&bytes("truncated.har")).unwrap();
    let full = har::read(&bytes("pwa-kit-session.har")).unwrap();
    assert_eq!(
        har.problems,
        ["The file ends inside entry 31; 30 entries read."]
    );
    assert_eq!(har.entries.len(), 30);
    assert_eq!(har.entries[..], full.entries[..30]);
    // Entry 30, cut inside its token response (halfway through AT3), never reaches the
    // entries: its first 905 characters are also AT2's, so only its absence proves it.
    assert!(har.entries.iter().all(|e| e.index < 30));
}

#[test]
fn a_postman_collection_is_not_a_har() {
    let err = har::read(&bytes("not-a-har.json")).unwrap_err();
    assert!(matches!(err, HarError::NotHar(_)), "{err}");
    assert_eq!(
        err.to_string(),
        "Valid JSON, but not a HAR: there is no log.entries (it looks like a Postman collection)."
    );
}

#[test]
fn other_json_says_what_it_looks_like() {
    let jwks = String::from_utf8(bytes("jwks.json")).unwrap();
    for (text, looks) in [
        (jwks.as_str(), "it looks like a JWKS, a set of signing keys"),
        (
            r#"{"id":"e","name":"dev","values":[{"key":"siteId","value":"RefArch"}]}"#,
            "it looks like a Postman environment",
        ),
        (
            r#"{"access_token":"eyJ","token_type":"BEARER","expires_in":1800}"#,
            "it looks like a token response",
        ),
        (
            r#"[{"request":{}}]"#,
            "it is a JSON array; a HAR is an object with a log",
        ),
        (
            r#"{"log":{"version":"1.2","pages":[]}}"#,
            "its log has no entries list",
        ),
        (r#"{"log":{"entries":{}}}"#, "its log has no entries list"),
        (r#"{"a":1,"b":2}"#, "its top-level keys are a, b"),
        ("\"eyJ\"", "it is a single string"),
    ] {
        let err = har::read(text.as_bytes()).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("Valid JSON, but not a HAR: there is no log.entries ({looks})."),
            "{text}"
        );
    }
}

#[test]
fn archives_binary_and_empty_files_are_named() {
    let zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00session.har".to_vec();
    let gzip = vec![0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00];
    let nul = b"{\"log\":\x00\x00\x01}".to_vec();
    let latin1 = b"{\"log\": \"caf\xe9\"}".to_vec();
    for (input, want) in [
        (zip, HarError::Zip),
        (gzip, HarError::Gzip),
        (nul, HarError::Binary),
        (latin1, HarError::Binary),
        (Vec::new(), HarError::Empty),
        (b" \n\t ".to_vec(), HarError::Empty),
        (b"\xEF\xBB\xBF\n".to_vec(), HarError::Empty),
    ] {
        assert_eq!(har::read(&input).unwrap_err(), want, "{input:?}");
    }
}

#[test]
fn text_that_is_not_json_says_where() {
    let err = har::read(b"{\n  \"log\": {\n    \"entries\" [\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "This is not JSON, so not a HAR: expected `:`, at line 3, column 15 (byte 28)."
    );
    let err = har::read(b"<!doctype html><html></html>").unwrap_err();
    assert_eq!(
        err.to_string(),
        "This is not JSON, so not a HAR: it starts with `<`, like an HTML or XML page, at line 1, column 1 (byte 1)."
    );
    let err = har::read(b"Authorization: Bearer eyJ").unwrap_err();
    assert!(matches!(err, HarError::NotJson(_)), "{err}");
}

#[test]
fn a_byte_order_mark_is_fine() {
    let mut file = b"\xEF\xBB\xBF".to_vec();
    file.extend(har_of(vec![call("https://a.example.com/", 200)]).bytes());
    let har = har::read(&file).unwrap();
    assert_eq!(urls(&har), ["https://a.example.com/"]);
    assert!(har.problems.is_empty());
}

#[test]
fn a_file_cut_in_the_log_head_says_so() {
    let file = har_of(vec![call("https://a.example.com/", 200)]);
    let at = file.find("\"WebInspector\"").unwrap() + 5;
    let err = har::read(&file.as_bytes()[..at]).unwrap_err();
    assert_eq!(err, HarError::Cut { line: 5 });
    assert_eq!(
        err.to_string(),
        "The file ends at line 5, inside the log and before log.entries: it was cut short and holds no entry."
    );
}

#[test]
fn a_file_cut_between_entries_keeps_them_all() {
    let file = har_of(vec![
        call("https://a.example.com/", 200),
        call("https://b.example.com/", 401),
    ]);
    let second = file.find("https://b.example.com/").unwrap();
    let comma = file[..second].rfind("},").unwrap() + 2;
    for (cut, problem) in [
        (
            comma,
            "The file ends after entry 1, before log.entries closes; 1 entry read.",
        ),
        (
            comma - 1,
            "The file ends after entry 1, before log.entries closes; 1 entry read.",
        ),
        (
            file.find("\"entries\": [").unwrap() + 12,
            "The file ends just after log.entries opens, before entry 1; 0 entries read.",
        ),
        (
            file.rfind(']').unwrap() + 1,
            "The file ends after log.entries, before the log closes; 2 entries read.",
        ),
    ] {
        let har = har::read(&file.as_bytes()[..cut]).unwrap();
        assert_eq!(har.problems, [problem], "cut at {cut}");
    }
}

#[test]
fn a_broken_entry_is_skipped_and_the_rest_read() {
    // Invalid JSON inside an entry whose brackets still match: serde_json names the fault.
    let file = har_of(vec![
        call("https://a.example.com/", 200),
        call("https://b.example.com/", 200),
        call("https://c.example.com/", 200),
    ])
    .replacen("\"status\": 200", "\"status\": 2OO", 2)
    .replacen("\"status\": 2OO", "\"status\": 200", 1);
    let har = har::read(file.as_bytes()).unwrap();
    assert_eq!(
        urls(&har),
        ["https://a.example.com/", "https://c.example.com/"]
    );
    assert_eq!(har.entries[1].index, 2);
    assert_eq!(har.problems.len(), 1);
    assert!(
        har.problems[0].starts_with("Entry 2 is not valid JSON (line "),
        "{:?}",
        har.problems
    );
    assert!(
        har.problems[0].ends_with("); skipped."),
        "{:?}",
        har.problems
    );
}

#[test]
fn an_entry_with_unmatched_brackets_is_skipped_to_the_next_entry_line() {
    let base = har_of(vec![
        call("https://a.example.com/", 200),
        call("https://b.example.com/", 200),
        call("https://c.example.com/", 200),
    ]);
    let b = base.find("https://b.example.com/").unwrap();
    // One bracket too many, one too few, and a string that never closes: each is skipped.
    for (from, to) in [
        ("\"headers\": []", "\"headers\": [[]"),
        ("\"headers\": []", "\"headers\": ]"),
        (
            "\"httpVersion\": \"http/2.0\"",
            "\"httpVersion\": \"http/2.0",
        ),
    ] {
        let at = base[b..].find(from).unwrap() + b;
        let file = format!("{}{to}{}", &base[..at], &base[at + from.len()..]);
        let har = har::read(file.as_bytes()).unwrap();
        assert_eq!(
            urls(&har),
            ["https://a.example.com/", "https://c.example.com/"],
            "{to}: {:?}",
            har.problems
        );
        assert_eq!(har.problems.len(), 1, "{to}");
        assert!(
            har.problems[0].starts_with("Entry 2 is not valid JSON ("),
            "{:?}",
            har.problems
        );
    }
}

#[test]
fn a_broken_entry_of_a_minified_file_ends_the_reading_with_what_was_read() {
    let entries = json!([
        call("https://a.example.com/", 200),
        call("https://b.example.com/", 200),
        call("https://c.example.com/", 200)
    ]);
    let file = json!({ "log": { "entries": entries } })
        .to_string()
        .replacen("\"headers\":[]", "\"headers\":]", 2)
        .replacen("\"headers\":]", "\"headers\":[]", 1);
    let column = file.rfind("\"headers\":]").unwrap() + 11;
    let har = har::read(file.as_bytes()).unwrap();
    assert_eq!(urls(&har), ["https://a.example.com/"]);
    assert_eq!(
        har.problems,
        [format!(
            "Entry 2 is not valid JSON (line 1, column {column}: unexpected `]`); 1 entry read."
        )]
    );
}

#[test]
fn entries_without_a_response_are_kept_and_noted() {
    let mut no_response = call("https://a.example.com/", 200);
    no_response.as_object_mut().unwrap().remove("response");
    let mut blocked = call("https://b.example.com/", 0);
    blocked["_error"] = json!("net::ERR_BLOCKED_BY_CLIENT");
    let har = har::read(har_of(vec![no_response, blocked]).as_bytes()).unwrap();
    assert_eq!(har.entries.len(), 2);
    assert!(har.entries[0].missing_response);
    assert_eq!(har.entries[0].status, 0);
    assert_eq!(
        har.problems,
        ["Entry 1 has no response; kept, with status 0."]
    );
    assert_eq!(har.entries[1].status, 0);
    assert_eq!(
        har.entries[1].error.as_deref(),
        Some("net::ERR_BLOCKED_BY_CLIENT")
    );
}

#[test]
fn entries_that_are_not_calls_are_skipped_by_number() {
    let mut no_request = call("https://b.example.com/", 200);
    no_request.as_object_mut().unwrap().remove("request");
    let file = har_of(vec![
        json!(42),
        no_request,
        call("https://c.example.com/", 200),
    ]);
    let har = har::read(file.as_bytes()).unwrap();
    assert_eq!(urls(&har), ["https://c.example.com/"]);
    assert_eq!(har.entries[0].index, 2);
    assert_eq!(
        har.problems,
        [
            "Entry 1 is not an object (it is a number); skipped.",
            "Entry 2 has no request; skipped."
        ]
    );
}

#[test]
fn bodies_that_cannot_matter_are_skipped_and_counted() {
    let with = |mime: &str, text: &str, encoding: Option<&str>| {
        let mut e = call("https://a.example.com/", 200);
        e["response"]["content"] = json!({ "mimeType": mime, "text": text });
        if let Some(enc) = encoding {
            e["response"]["content"]["encoding"] = json!(enc);
        }
        e
    };
    let big = "x".repeat(KEPT_BODY_BYTES + 1);
    let file = har_of(vec![
        with("image/png", "iVBORw0KGgo=", Some("base64")),
        with("application/json", "eyJvayI6dHJ1ZX0=", Some("base64")),
        with("application/javascript", "let a = 1;", None),
        with("font/woff2", "d09GMg", None),
        with("text/css; charset=utf-8", "a{}", None),
        with("application/wasm", "AGFzbQ", None),
        with("text/html", &big, None),
        with("application/json", "{\"access_token\":\"eyJ\"}", None),
        with(
            "application/x-www-form-urlencoded",
            "grant_type=refresh_token",
            None,
        ),
        with("text/html; charset=utf-8", "<p>Forbidden</p>", None),
    ]);
    let har = har::read(file.as_bytes()).unwrap();
    let bodies: Vec<&Body> = har.entries.iter().map(|e| &e.response_body).collect();
    let skipped = |bytes: usize, why: &'static str| Body::Skipped { bytes, why };
    assert_eq!(
        bodies,
        [
            &skipped(12, "base64"),
            &skipped(16, "base64"),
            &skipped(10, "script"),
            &skipped(6, "font"),
            &skipped(3, "css"),
            &skipped(6, "wasm"),
            &skipped(big.len(), "too big"),
            &Body::Text("{\"access_token\":\"eyJ\"}".into()),
            &Body::Text("grant_type=refresh_token".into()),
            &Body::Text("<p>Forbidden</p>".into()),
        ]
    );
    assert_eq!(har.skipped_bodies, 7);
    assert_eq!(har.skipped_bytes, 12 + 16 + 10 + 6 + 3 + 6 + big.len());
}

#[test]
fn the_fixture_sessions_keep_token_responses_and_skip_images_and_scripts() {
    let har = har::read(&bytes("pwa-kit-session.har")).unwrap();
    let token = &har.entries[8];
    assert!(matches!(&token.response_body, Body::Text(t) if t.contains("access_token")));
    assert!(matches!(
        har.entries[12].response_body,
        Body::Skipped { why: "base64", .. }
    ));
    assert!(matches!(
        har.entries[1].response_body,
        Body::Skipped { why: "script", .. }
    ));
    assert_eq!(
        har.entries[22].error.as_deref(),
        Some("net::ERR_BLOCKED_BY_CLIENT")
    );
    assert!(har.skipped_bodies >= 10);
}

#[test]
fn the_log_members_may_come_after_the_entries() {
    let file = json!({
        "log": {
            "entries": [call("https://a.example.com/", 200)],
            "pages": [{ "id": "page_1" }],
            "creator": { "name": "Firefox", "version": "145.0" },
            "browser": { "name": "Firefox", "version": "145.0" },
            "comment": "exported",
            "version": "1.2"
        }
    });
    for text in [
        file.to_string(),
        serde_json::to_string_pretty(&file).unwrap(),
    ] {
        let har = har::read(text.as_bytes()).unwrap();
        assert_eq!(har.creator.as_deref(), Some("Firefox 145.0"));
        assert_eq!(har.browser.as_deref(), Some("Firefox 145.0"));
        assert_eq!(har.comment.as_deref(), Some("exported"));
        assert_eq!(har.entries.len(), 1);
        assert!(har.problems.is_empty(), "{:?}", har.problems);
    }
}

#[test]
fn many_broken_entries_are_counted_not_all_listed() {
    let entries = (0..60)
        .map(|i| json!(i))
        .chain([call("https://a.example.com/", 200)])
        .collect();
    let har = har::read(har_of(entries).as_bytes()).unwrap();
    assert_eq!(har.entries.len(), 1);
    assert_eq!(har.problems.len(), 21);
    assert_eq!(
        har.problems.last().unwrap(),
        "40 more problems with single entries are not listed."
    );
}

#[test]
fn random_cuts_and_byte_mutations_never_panic() {
    let mut rng = common::Rng(0x4841_5221);
    for name in SESSIONS.iter().chain(&["truncated.har", "not-a-har.json"]) {
        let file = bytes(name);
        for _ in 0..15 {
            let cut = rng.below(file.len() + 1);
            let _ = har::read(&file[..cut]);
            let mut mutated = file.clone();
            for _ in 0..=rng.below(8) {
                let at = rng.below(mutated.len());
                mutated[at] = match rng.below(4) {
                    0 => b'"',
                    1 => b"{}[],:\\"[rng.below(7)],
                    _ => rng.next() as u8,
                };
            }
            let whole = har::read(&mutated);
            if let Ok(whole) = whole {
                let budget = 1 + rng.below(5000);
                assert_eq!(stepped(&mutated, budget), whole, "{name}, budget {budget}");
            }
        }
    }
    for _ in 0..2000 {
        let n = rng.below(64);
        let _ = har::read(&rng.bytes(n));
    }
}

#[test]
fn absurd_declared_sizes_do_not_overflow_the_count() {
    let mut e = call("https://a.example.com/", 200);
    e["response"]["content"] = json!({ "size": u64::MAX, "mimeType": "image/png", "text": "AA==" });
    let har = har::read(har_of(vec![e.clone(), e]).as_bytes()).unwrap();
    assert_eq!(har.skipped_bodies, 2);
    assert_eq!(har.skipped_bytes, usize::MAX);
}

#[test]
fn a_file_of_more_entries_than_kept_says_so() {
    let tiny = "{\"request\":{},\"response\":{}},".repeat(har::MAX_ENTRIES + 5);
    let file = format!("{{\"log\":{{\"entries\":[{tiny}{{}}]}}}}");
    let har = har::read(file.as_bytes()).unwrap();
    assert_eq!(har.entries.len(), har::MAX_ENTRIES);
    assert_eq!(
        har.problems,
        ["The file has more than 100000 entries: the first 100000 are read, the rest is not."]
    );
}

#[test]
fn a_missing_comma_or_garbage_between_entries_is_named_after_the_entry_before_it() {
    let base = har_of(vec![
        call("https://a.example.com/", 200),
        call("https://b.example.com/", 200),
        call("https://c.example.com/", 200),
    ]);
    let b = base.find("https://b.example.com/").unwrap();
    let comma = base[..b].rfind("},").unwrap() + 1;
    let line = base[..comma].lines().count();
    let no_comma = format!("{}{}", &base[..comma], &base[comma + 1..]);
    let har = har::read(no_comma.as_bytes()).unwrap();
    assert_eq!(urls(&har).len(), 3);
    assert_eq!(
        har.problems,
        [format!(
            "A comma is missing after entry 1 (line {}); read on.",
            line + 1
        )]
    );
    let column = comma - base[..comma].rfind('\n').unwrap() + 1;
    let garbage = format!("{} x{}", &base[..comma], &base[comma..]);
    let har = har::read(garbage.as_bytes()).unwrap();
    assert_eq!(
        urls(&har),
        [
            "https://a.example.com/",
            "https://b.example.com/",
            "https://c.example.com/"
        ]
    );
    assert_eq!(
        har.problems,
        [format!("After entry 1, the file is not valid JSON (line {line}, column {column}: unexpected `x`); skipped to the next entry.")]
    );
}
