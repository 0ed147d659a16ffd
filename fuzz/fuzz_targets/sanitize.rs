//! Fuzzes the sanitized HAR export: the bytes as a whole file, and the same bytes (made valid
//! UTF-8 as the browser would) standing in every place of one entry the sanitizer reads by
//! name: headers, cookies, `Set-Cookie`, the URL, forms, a JSON or text body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::json;
use sfcc_token_inspector::inspect::sanitize::{sanitize, Sanitizer};

fuzz_target!(|data: &[u8]| {
    let _ = sanitize(data);
    let text = String::from_utf8_lossy(data).into_owned();
    let mut entry = json!({
        "_initiator": {"url": format!("https://x.example/{text}")},
        "request": {
            "url": format!("https://x.example/p?{text}#{text}"),
            "headers": [
                {"name": "Authorization", "value": text},
                {"name": "Cookie", "value": text},
                {"name": "x-any", "value": text},
            ],
            "cookies": [{"name": "cc-at", "value": text}, {"name": "cc-at_2", "value": text}],
            "queryString": [{"name": "code", "value": text}],
            "postData": {"mimeType": "application/x-www-form-urlencoded", "text": text},
        },
        "response": {
            "headers": [{"name": "Set-Cookie", "value": text}, {"name": "Location", "value": text}],
            "content": {"text": text},
        },
    });
    let mut sanitizer = Sanitizer::new();
    sanitizer.entry(&mut entry);
    sanitizer.entry(&mut entry);
    let mut head = json!({"pages": [{"title": text}], "comment": text});
    sanitizer.head(&mut head);
});
