//! Property tests: whatever is pasted (token, expected scopes, request), the page answers. They run
//! `exercise::everything`, the same entry point as the fuzz target in `fuzz/`, on generated inputs
//! shaped like what users paste: JWTs with arbitrary JSON, in every wrapper the inspector reads.
#![cfg(not(target_arch = "wasm32"))]

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use proptest::prelude::*;
use serde_json::{json, Map, Value};
use sfcc_token_inspector::inspect::exercise::everything;
use sfcc_token_inspector::inspect::har;

/// Clocks from year 1 to year 9999 (what `Date.now()` can give), weighted to today.
fn clock() -> impl Strategy<Value = i64> {
    prop_oneof![
        3 => 1_600_000_000i64..1_900_000_000,
        1 => -62_135_596_800i64..=253_402_300_799,
    ]
}

/// Any JSON value, nested a few levels, with the numbers that break naive code.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
        scope_words().prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((claim_name(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Claim names the inspector reads, and random ones.
fn claim_name() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "exp",
            "iat",
            "nbf",
            "auth_time",
            "sub",
            "isb",
            "iss",
            "aud",
            "scp",
            "scope",
            "tsob",
            "ctx",
            "dnt",
            "jku",
            "kid",
            "alg",
            "typ",
            "tenantFilter",
            "roles",
            "client_id",
            "grant_type",
            "tenantId",
            "cty",
            "enc",
            "zip",
        ])
        .prop_map(str::to_string),
        "[a-zA-Z_]{1,10}",
    ]
}

/// Space-separated scope-like words, some real, some not, some with invisible characters.
fn scope_words() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        prop::sample::select(vec![
            "sfcc.shopper-baskets-orders",
            "sfcc.shopper-baskets-orders.rw",
            "sfcc.products",
            "sfcc.orders.rw",
            "SALESFORCE_COMMERCE_API:zzrf_001",
            "tenant_filter",
            "sfcc.shopper-myaccount.rw",
            "sfcc.shopper-standard",
        ])
        .prop_map(str::to_string),
        "sfcc\\.[a-z-]{0,12}(\\.rw)?",
        "[\\PC]{0,6}",
        Just("sfcc.products\u{200b}".to_string()),
    ];
    prop::collection::vec(word, 0..5).prop_map(|w| w.join(" "))
}

/// SFCC-shaped subject strings (`cc-slas::…`, `isb` with escaped colons) and noise.
fn sfcc_string() -> impl Strategy<Value = String> {
    prop_oneof![
        "cc-slas::zzrf_[0-9a-z]{3}::scid:[a-f0-9-]{0,36}::usid:[a-f0-9-]{0,36}",
        "uido:(slas|ecom)::upn:[a-zA-Z@.]{0,10}::uidn:[a-z ]{0,8}::gcid:[a-z0-9]{0,8}::rcid:[a-z0-9]{0,8}::chid:[A-Za-z]{0,8}",
        "[a-z0-9%:;=_-]{0,40}",
        "SFCC_TENANT_FILTER:[a-z_0-9;:]{0,20}",
    ]
}

/// A claims object: the claims SFCC code reads, with values of every type.
fn claims() -> impl Strategy<Value = Value> {
    let value = prop_oneof![
        2 => json(),
        2 => sfcc_string().prop_map(Value::from),
        1 => scope_words().prop_map(Value::from),
    ];
    prop::collection::vec((claim_name(), value), 0..12)
        .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>()))
}

/// One segment: base64url of JSON, of random bytes, or random text that may not be base64.
fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => claims().prop_map(|v| URL_SAFE_NO_PAD.encode(v.to_string())),
        1 => json().prop_map(|v| STANDARD.encode(v.to_string())),
        1 => prop::collection::vec(any::<u8>(), 0..48).prop_map(|b| URL_SAFE_NO_PAD.encode(b)),
        1 => "[A-Za-z0-9_=+/.-]{0,24}",
        1 => ".{0,8}",
    ]
}

/// Compact tokens of 1 to 6 segments.
fn token() -> impl Strategy<Value = String> {
    prop::collection::vec(segment(), 1..=6).prop_map(|parts| parts.join("."))
}

/// The token as users paste it: bare, or in a header, a JSON response, a cookie, a curl command.
fn paste() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => token(),
        1 => token().prop_map(|t| format!("Authorization: Bearer {t}")),
        1 => (token(), token()).prop_map(|(a, b)| {
            format!("{{\"access_token\":\"{a}\",\"id_token\":\"{b}\",\"refresh_token\":\"x\"}}")
        }),
        1 => token().prop_map(|t| format!("Cookie: cc-nx-g=1; cc-at_RefArch={t}; dwsid=abc==")),
        1 => token().prop_map(|t| format!("curl -H 'Authorization: Bearer {t}' https://x")),
        1 => "[\\PC]{0,6}".prop_map(|u| format!("Basic {}", STANDARD.encode(u))),
        1 => any::<String>(),
    ]
}

/// A request line: SCAPI URLs built from real path pieces, curl commands and noise.
fn request() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "shopper",
        "checkout",
        "baskets",
        "v1",
        "v2",
        "organizations",
        "f_ecom_zzrf_001",
        "items",
        "customers",
        "{id}",
        "",
        "products",
        "oauth2",
        "shopper-context",
        "..",
        "%2F",
        "😀",
    ]);
    let url = (
        prop::sample::select(vec!["GET", "POST", "PATCH", "PUT", "DELETE", "", "get"]),
        "[a-z]{0,6}",
        prop::collection::vec(piece, 0..10),
        "[a-zA-Z0-9=&?_-]{0,20}",
    )
        .prop_map(|(m, short, path, query)| {
            format!(
                "{m} https://{short}.api.commercecloud.salesforce.com/{}?siteId=RefArch&{query}",
                path.join("/")
            )
        });
    prop_oneof![
        3 => url.clone(),
        1 => url.prop_map(|u| format!("curl -X PATCH '{}' -d '{{}}'", u.trim_start_matches(|c: char| c.is_ascii_alphabetic()).trim())),
        1 => any::<String>(),
        1 => Just(String::new()),
    ]
}

/// Answers as engineers copy them: a status line, headers that matter, and a documented body
/// (errors.json examples) or any text, cut anywhere.
fn answer() -> impl Strategy<Value = String> {
    // The published examples of errors.json (bodies and headers), as engineers paste them.
    let catalogue: serde_json::Value =
        serde_json::from_str(include_str!("../data/sfcc/errors.json")).unwrap();
    let examples: Vec<String> = catalogue
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["example"].as_str().map(str::to_string))
        .collect();
    let head = (
        prop::sample::select(vec![
            "HTTP/2 ",
            "HTTP/1.1 ",
            "< HTTP/2 ",
            "Status Code: ",
            "",
            "> GET /x HTTP/2\n< HTTP/2 ",
        ]),
        0u16..700,
        prop::collection::vec(
            prop::sample::select(vec![
                "date: Sun, 22 Nov 2026 10:12:00 GMT",
                "date: garbage",
                "www-authenticate: Bearer error=\"invalid_token\",",
                "sfdc_correlation_id: abc",
                "retry-after: 120",
                "content-type: text/html",
                "content-type:",
                "x-dw-client-id: c",
            ]),
            0..4,
        ),
    );
    let body = prop_oneof![
        prop::sample::select(examples),
        any::<String>(),
        Just("<html><title>x</title>Error 1020 Ray ID: 1</html>".to_string())
    ];
    prop_oneof![
        3 => (head, body, any::<prop::sample::Index>()).prop_map(|((line, status, headers), body, cut)| {
            let mut text = format!("{line}{status}\n{}\n\n{body}", headers.join("\n"));
            let at = cut.index(text.len() + 1);
            if text.is_char_boundary(at) { text.truncate(at); }
            text
        }),
        1 => any::<String>(),
        1 => Just(String::new()),
    ]
}

/// Keys as engineers paste them: the fixture JWKS and PEM keys, cut anywhere, a secret, or any text.
fn keys() -> impl Strategy<Value = String> {
    let pasted = vec![
        include_str!("fixtures/jwks.json").to_string(),
        include_str!("fixtures/keys/es256-slas-a.pub.pem").to_string(),
        include_str!("fixtures/keys/rs256-account-manager.pub.pem").to_string(),
        "sfcc-inspector-fixtures-hs256-secret-not-for-production".to_string(),
    ];
    prop_oneof![
        2 => (prop::sample::select(pasted), any::<prop::sample::Index>()).prop_map(|(text, cut)| {
            let at = cut.index(text.len() + 1);
            if text.is_char_boundary(at) { text[..at].to_string() } else { text }
        }),
        1 => any::<String>(),
        1 => Just(String::new()),
    ]
}

fn expected() -> impl Strategy<Value = String> {
    prop_oneof![scope_words(), "[a-z.|, \n-]{0,30}", any::<String>()]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    /// Any paste, checklist and request give a report without panicking, and a paste with any
    /// text in it always gets at least one credential on the page (never a silent blank).
    #[test]
    fn any_input_gets_a_report(token in paste(), expected in expected(), request in request(), answer in answer(), keys in keys(), now in clock()) {
        let (report, _) = everything(&token, &expected, &request, &answer, &keys, now);
        if !token.trim().is_empty() {
            prop_assert!(!report.credentials.is_empty(), "no credential for {token:?}");
        }
    }

    /// Arbitrary bytes, made text the way the browser would (invalid UTF-8 replaced).
    #[test]
    fn any_bytes_get_a_report(bytes in prop::collection::vec(any::<u8>(), 0..400), now in clock()) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = everything(&text, &text, &text, &text, &text, now);
    }
}

/// A HAR entry: a call as browsers write it (any method, path, status, media type and body,
/// base64 or not), or any JSON at all.
fn har_entry() -> impl Strategy<Value = Value> {
    let call = (
        prop::sample::select(vec!["GET", "POST", "PATCH", ""]),
        prop_oneof![
            "[a-z/?=&%.]{0,30}".prop_map(|p| format!("a.example.com/{p}")),
            prop::sample::select(vec![
                "kv7kzm78.api.commercecloud.salesforce.com/checkout/shopper-baskets/v1/organizations/f_ecom_zzkt_prd/baskets/b1?siteId=RefArch",
                "shop.example.com/mobify/proxy/api/shopper/auth/v1/organizations/f_ecom_zzkt_prd/oauth2/token",
                "shop.example.com/mobify/proxy/api/customer/shopper-customers/v1/organizations/f_ecom_zzkt_prd/customers/c1/orders",
                "account.demandware.com/dwsso/oauth2/access_token",
                "shop.example.com/s/RefArch/dw/shop/v23_2/baskets/b1",
            ]).prop_map(str::to_string),
        ],
        prop::sample::select(vec![
            Value::Null,
            json!({ "name": "authorization", "value": "Bearer eyJhbGciOiJFUzI1NiIsInR5cCI6Imp3dCJ9.eyJzdWIiOiJjYy1zbGFzOjp6emt0X3ByZDo6c2NpZDpjMTo6dXNpZDp1MSIsInNjcCI6InNmY2Muc2hvcHBlci1iYXNrZXRzLW9yZGVycyIsImV4cCI6MTc5NDk5NDkyNCwiaWF0IjoxNzk0OTkzMTI0fQ.c2ln" }),
            json!({ "name": "cookie", "value": "cc-nx-g_RefArch=abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ; dwsid=xyz" }),
        ]),
        0u16..600,
        prop::sample::select(vec![
            "application/json",
            "image/png",
            "text/html",
            "application/javascript",
            "",
        ]),
        any::<String>(),
        any::<bool>(),
        json(),
    )
        .prop_map(|(method, url, header, status, mime, text, base64, extra)| {
            let headers = if header.is_null() { json!([]) } else { json!([header]) };
            json!({
                "startedDateTime": "2026-11-18T09:12:03.117Z",
                "_extra": extra,
                "request": { "method": method, "url": format!("https://{url}"), "headers": headers },
                "response": {
                    "status": status,
                    "headers": [{ "name": "content-type", "value": mime }],
                    "content": { "mimeType": mime, "text": text, "encoding": if base64 { "base64" } else { "" } }
                }
            })
        });
    prop_oneof![4 => call, 1 => json()]
}

/// A HAR of those entries, minified or pretty-printed, with `creator` before or after them.
fn har_file() -> impl Strategy<Value = (Vec<Value>, Vec<u8>)> {
    (
        prop::collection::vec(har_entry(), 0..6),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(entries, pretty, creator_after)| {
            let creator = json!({ "name": "WebInspector", "version": "537.36" });
            let mut log = Map::new();
            if !creator_after {
                log.insert("creator".into(), creator.clone());
            }
            log.insert("entries".into(), Value::Array(entries.clone()));
            if creator_after {
                log.insert("creator".into(), creator);
            }
            let file = json!({ "log": log });
            let text = if pretty {
                serde_json::to_string_pretty(&file).unwrap()
            } else {
                file.to_string()
            };
            (entries, text.into_bytes())
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// Any HAR reads every call and skips the rest; read in slices of any size it gives the
    /// same `Har`; cut anywhere, it never panics, keeps exactly the calls before the cut, and says where it
    /// ends when it lost any.
    #[test]
    fn any_har_reads_in_slices_and_any_cut_keeps_the_calls_before_it(
        (entries, file) in har_file(),
        budget in 1usize..4000,
        cut in any::<prop::sample::Index>(),
    ) {
        let full = har::read(&file).unwrap();
        let calls = entries.iter().filter(|e| e.get("request").is_some_and(Value::is_object)).count();
        prop_assert_eq!(full.entries.len(), calls);
        prop_assert_eq!(full.creator.as_deref(), Some("WebInspector 537.36"));
        let mut reader = har::Reader::new(&file).unwrap();
        while !reader.step(&file, budget).done {}
        prop_assert_eq!(&reader.finish(), &full);
        let at = cut.index(file.len() + 1);
        if let Ok(part) = har::read(&file[..at]) {
            prop_assert!(full.entries.starts_with(&part.entries));
            if part.entries.len() < full.entries.len() {
                prop_assert!(part.problems.iter().any(|p| p.contains("ends")), "{:?}", part.problems);
            }
        }
    }

    /// Any HAR, whole or cut anywhere, opens as a session the page can show: every call
    /// inspected, two tokens compared, the export written (`exercise::session`), at any clock.
    #[test]
    fn any_har_opens_as_a_session_the_page_can_show(
        (_, file) in har_file(),
        budget in 1usize..4000,
        cut in any::<prop::sample::Index>(),
        now in clock(),
    ) {
        let at = cut.index(file.len() + 1);
        let _ = sfcc_token_inspector::inspect::exercise::session(&file, budget, now);
        let _ = sfcc_token_inspector::inspect::exercise::session(&file[..at], budget, now);
    }
}
