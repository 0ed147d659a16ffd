//! The API's answer: every documented example recognised as its entry, every body shape and
//! header form engineers copy, and bad input read as far as it goes.

mod common;

use serde_json::Value;
use sfcc_token_inspector::inspect::answer::{read, recognise, Answer, Shape};
use sfcc_token_inspector::inspect::documented::{entry, ERRORS};

fn answer(text: &str) -> Answer {
    read(text).expect("a non-blank answer is read")
}

/// The id the answer is recognised as, without a request URL.
fn id(text: &str) -> Option<&'static str> {
    recognise(&answer(text), None).entry.map(|e| e.id)
}

fn id_at(text: &str, url: &str) -> Option<&'static str> {
    recognise(&answer(text), Some(url)).entry.map(|e| e.id)
}

#[test]
fn every_published_example_is_recognised_as_its_entry() {
    let shared: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/sfcc/errors.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let mut checked = 0;
    for e in shared.as_array().unwrap() {
        let Some(example) = e["example"].as_str().filter(|x| !x.is_empty()) else {
            continue;
        };
        let want = e["id"].as_str().unwrap();
        // As a body alone, and with its status line when one is published.
        assert_eq!(id(example), Some(want), "body alone: {example}");
        if let Some(status) = e["status"].as_u64() {
            let whole = if example.starts_with(['{', '\u{201c}']) {
                format!("HTTP/1.1 {status}\r\ncontent-type: application/json\r\n\r\n{example}")
            } else {
                format!("HTTP/1.1 {status}\r\n{example}\r\n\r\n")
            };
            let got = recognise(&answer(&whole), None).entry.map(|e| e.id);
            assert_eq!(got, Some(want), "with its status: {whole}");
        }
        checked += 1;
    }
    assert!(checked > 180, "only {checked} examples");
    assert_eq!(ERRORS.len(), 224);
}

#[test]
fn the_embedded_catalogue_keeps_what_the_page_uses() {
    let e = entry("scapi-unauthorized-credentials-changed").unwrap();
    assert_eq!(e.status, Some(401));
    assert!(e.checks.is_empty(), "the token cannot tell a revocation");
    assert!(e.meaning.contains("revoked"));
    assert!(e.causes[0].ends_with("[doc: SLAS overview; pwa-kit issue #1475]"));
}

const FORBIDDEN: &str = r#"{"type":"https://api.commercecloud.salesforce.com/documentation/error/v1/errors/forbidden","title":"Forbidden","detail":"Your shopper JWT is valid, but you have no permissions to access the resource."}"#;

#[test]
fn curl_i_output_gives_status_headers_date_correlation_and_body() {
    let a = answer(&format!(
        "HTTP/2 403 \r\ndate: Sun, 22 Nov 2026 10:12:00 GMT\r\ncontent-type: application/problem+json\r\n\
         sfdc_correlation_id: 3b0c5f1e-aa11-4c3e-9d1f-0f6e2a9b7c55\r\nx-dw-request-base-id: abc\r\n\r\n{FORBIDDEN}"
    ));
    assert_eq!(a.status, Some(403));
    assert_eq!(a.date, Some(1_795_342_320));
    assert_eq!(a.body.shape, Shape::Problem);
    assert_eq!(a.body.fields.slug.as_deref(), Some("forbidden"));
    let c = a.correlation().unwrap();
    assert_eq!(
        (c.name, c.value.as_str()),
        (
            "sfdc_correlation_id",
            "3b0c5f1e-aa11-4c3e-9d1f-0f6e2a9b7c55"
        )
    );
    let notable: Vec<&str> = a
        .notable_headers()
        .iter()
        .map(|(h, _)| h.name.as_str())
        .collect();
    assert_eq!(
        notable,
        [
            "date",
            "content-type",
            "sfdc_correlation_id",
            "x-dw-request-base-id"
        ]
    );
    assert_eq!(recognise(&a, None).entry.unwrap().id, "scapi-forbidden");
}

#[test]
fn curl_v_output_gives_the_request_too() {
    let a = answer(&format!(
        "*   Trying 1.2.3.4:443...\n* Connected to kv7kzm78.api.commercecloud.salesforce.com\n\
         > PATCH /checkout/shopper-baskets/v1/organizations/f_ecom_abcd_001/baskets/b1?siteId=RefArch HTTP/2\n\
         > Host: kv7kzm78.api.commercecloud.salesforce.com\n> authorization: Bearer eyJx.eyJy.z\n> accept: */*\n>\n\
         {{ [5 bytes data]\n< HTTP/2 403\n< content-type: application/problem+json\n< correlation-id: my-id-1\n<\n\
         {FORBIDDEN}\n* Connection #0 to host kv7kzm78.api.commercecloud.salesforce.com left intact\n"
    ));
    assert_eq!(a.status, Some(403));
    assert_eq!(a.body.shape, Shape::Problem, "{:?}", a.body.raw);
    let request = a.request.clone().unwrap();
    assert!(request.starts_with(
        "PATCH https://kv7kzm78.api.commercecloud.salesforce.com/checkout/shopper-baskets/v1/organizations/f_ecom_abcd_001/baskets/b1?siteId=RefArch\n"
    ), "{request}");
    assert!(request.contains("authorization: Bearer eyJx.eyJy.z"));
    assert_eq!(a.correlation().unwrap().value, "my-id-1");
}

#[test]
fn devtools_copies_are_read() {
    // The Headers tab, name and value on their own lines, with the General block.
    let a = answer(
        "General\nRequest URL: https://kv7kzm78.api.commercecloud.salesforce.com/custom/loyalty/v1/organizations/f_ecom_abcd_001/points\n\
         Request Method: GET\nStatus Code: 404 Not Found\nResponse Headers\ncontent-type:\napplication/json\nx-correlation-id:\nc1,abc\n\
         Request Headers\nauthorization:\nBearer eyJx.eyJy.z\n",
    );
    assert_eq!(a.status, Some(404));
    assert_eq!(a.reason.as_deref(), Some("Not Found"));
    assert_eq!(a.header("content-type"), Some("application/json"));
    assert_eq!(a.correlation().unwrap().value, "c1,abc");
    assert!(
        a.header("authorization").is_none(),
        "request headers stay the request's"
    );
    let request = a.request.clone().unwrap();
    assert!(request
        .starts_with("GET https://kv7kzm78.api.commercecloud.salesforce.com/custom/loyalty/"));
    assert!(request.contains("authorization: Bearer eyJx.eyJy.z"));
}

#[test]
fn a_status_line_with_a_body_and_a_body_alone() {
    let a = answer(&format!("403 Forbidden\n{FORBIDDEN}"));
    assert_eq!((a.status, a.body.shape), (Some(403), Shape::Problem));
    let a = answer(&format!("Status: 401\n\n{FORBIDDEN}"));
    assert_eq!(a.status, Some(401));
    let a = answer(FORBIDDEN);
    assert_eq!((a.status, a.body.shape), (None, Shape::Problem));
    assert!(a.headers.is_empty());
}

#[test]
fn a_www_authenticate_header_alone_folded_over_lines() {
    let a = answer("WWW-Authenticate: Bearer realm=\"servers\",\nerror=\"invalid_token\",\nerror_description=\"The token expired\"");
    assert_eq!(
        a.header("www-authenticate"),
        Some(
            r#"Bearer realm="servers", error="invalid_token", error_description="The token expired""#
        )
    );
    assert_eq!(a.body.shape, Shape::Empty);
    assert_eq!(
        recognise(&a, None).entry.unwrap().id,
        "scapi-www-authenticate-invalid-token"
    );
}

#[test]
fn every_body_shape_sfcc_answers_with() {
    let cases: &[(&str, Shape, &str)] = &[
        (FORBIDDEN, Shape::Problem, "scapi-forbidden"),
        (
            r#"{"error":"invalid_request","error_description":"Bad or missing refresh token."}"#,
            Shape::OAuth,
            "slas-bad-or-missing-refresh-token",
        ),
        (
            r#"{"status_code":400,"message":"invalid refresh_token"}"#,
            Shape::Message,
            "slas-invalid-refresh-token-legacy",
        ),
        (
            r#"{"_v":"23.2","fault":{"type":"InvalidAccessTokenException","message":"Unauthorized request! The access token is invalid."}}"#,
            Shape::Fault,
            "ocapi-invalid-access-token",
        ),
        (
            r#"{"error":"invalid_client","error_description":"Client authentication failed"}"#,
            Shape::OAuth,
            "am-invalid-client-authentication-failed",
        ),
        (
            r#"{"type":"ClientNotFoundException","title":"Client not found","detail":"No client"}"#,
            Shape::Problem,
            "slas-admin-client-not-found",
        ),
        (
            r#"{"message":"Full authentication is required","code":"InsufficientAuthenticationException","fieldErrors":null}"#,
            Shape::AmRest,
            "am-api-insufficient-authentication",
        ),
        (
            r#"{"errors":[{"code":"AccessDeniedException","message":"no"}]}"#,
            Shape::AmRest,
            "am-api-access-denied",
        ),
        (
            r#"{"message":"access_token_cookie_missing"}"#,
            Shape::Message,
            "edge-pwa-kit-proxy-access-token-cookie-missing",
        ),
    ];
    for (body, shape, want) in cases {
        let url = "https://kv7kzm78.api.commercecloud.salesforce.com/shopper/auth/v1/organizations/f_ecom_abcd_001/oauth2/token";
        let a = answer(body);
        assert_eq!(a.body.shape, *shape, "{body}");
        let url = if want.starts_with("am-inv") {
            "https://account.demandware.com/dwsso/oauth2/access_token"
        } else if want.starts_with("slas-admin") {
            "https://kv7kzm78.api.commercecloud.salesforce.com/shopper/auth-admin/v1/tenants/abcd_001/clients/x"
        } else {
            url
        };
        assert_eq!(id_at(body, url), Some(*want), "{body}");
    }
    // The SLAS Admin exception without its URL: recognised, the family a guess.
    let r = recognise(&answer(cases[5].0), None);
    assert_eq!(
        (r.entry.map(|e| e.id), r.guessed),
        (Some("slas-admin-client-not-found"), true)
    );
}

#[test]
fn custom_api_answers_need_the_url() {
    let url = "https://kv7kzm78.api.commercecloud.salesforce.com/custom/loyalty/v1/organizations/f_ecom_abcd_001/points?siteId=RefArch";
    assert_eq!(
        id_at("HTTP/2 404\r\n\r\n", url),
        Some("custom-api-endpoint-not-registered")
    );
    assert_eq!(
        id_at("HTTP/2 401\r\n\r\n", url),
        Some("custom-api-unauthorized")
    );
    assert_eq!(
        id("HTTP/2 404\r\n\r\n"),
        None,
        "without the URL a bare 404 is nothing documented"
    );
    let unauthorized = r#"{"type":"https://api.commercecloud.salesforce.com/documentation/error/v1/errors/unauthorized","title":"Unauthorized","detail":"Customer credentials changed after token was issued."}"#;
    assert_eq!(
        id_at(&format!("HTTP/2 401\n\n{unauthorized}"), url),
        Some("scapi-unauthorized-credentials-changed")
    );
}

#[test]
fn rate_limits_load_shedding_and_edge_pages() {
    let a = answer("HTTP/1.1 429 Too Many Requests\nRetry-After: 120\ncontent-type: application/problem+json\n\n{\"type\":\"https://api.commercecloud.salesforce.com/documentation/error/v1/errors/too-many-requests\",\"title\":\"Too Many Requests\"}");
    assert_eq!(
        recognise(&a, None).entry.unwrap().id,
        "scapi-too-many-requests"
    );
    assert!(a
        .notable_headers()
        .iter()
        .any(|(h, what)| h.name == "retry-after" && what.contains("wait")));
    assert_eq!(
        id("HTTP/1.1 503 Service Unavailable\nsfdc_load: 95\nsfdc_load_status: THROTTLE\n\n"),
        Some("scapi-load-shedding")
    );
    let page = "HTTP/2 403\ncontent-type: text/html; charset=UTF-8\ncf-ray: 8a1b2c3d4e5f-FRA\n\n<!DOCTYPE html><html><head><title>Access denied | shop.example used Cloudflare to restrict access</title></head><body><h1>Error 1020</h1><p>Ray ID: <strong>8a1b2c3d4e5f</strong></p></body></html>";
    let a = answer(page);
    assert_eq!(a.body.shape, Shape::Html);
    assert_eq!(
        a.body.fields.cloudflare,
        Some(("1020".to_string(), Some("8a1b2c3d4e5f".to_string())))
    );
    assert!(a
        .body
        .fields
        .html_title
        .as_deref()
        .unwrap()
        .starts_with("Access denied"));
    assert_eq!(
        recognise(&a, None).entry.unwrap().id,
        "edge-cloudflare-access-denied-1020"
    );
    assert_eq!(
        id("<html><body>Sorry</body></html>"),
        Some("edge-html-error-page")
    );
    assert_eq!(
        id("HTTP/1.1 521\n\n"),
        Some("edge-cloudflare-origin-down-521")
    );
}

#[test]
fn an_answer_that_matches_nothing_is_kept_and_called_undocumented() {
    let a = answer("HTTP/1.1 418 I'm a teapot\n\n{\"oops\":true}");
    let r = recognise(&a, None);
    assert!(r.entry.is_none() && r.undocumented(&a));
    assert_eq!(a.body.shape, Shape::Json);
    assert_eq!(a.body.json.as_ref().unwrap()["oops"], true);
}

#[test]
fn bad_answers_are_read_as_far_as_they_go() {
    // Truncated while copying: read as far as it goes, and said so.
    let cut = &FORBIDDEN[..FORBIDDEN.len() - 40];
    let a = answer(&format!("HTTP/2 403\n\n{cut}"));
    assert_eq!(a.body.fields.slug.as_deref(), Some("forbidden"));
    assert!(
        a.notes.iter().any(|n| n.contains("ends early")),
        "{:?}",
        a.notes
    );
    assert_eq!(recognise(&a, None).entry.unwrap().id, "scapi-forbidden");
    for cut in [
        "{\"error\":\"invalid_request\",\"error_de",
        "{\"a\":tru",
        "{\"a\":[1,2",
        "{\"a\":\"x\\",
        "{\"a\":",
        "{\"a\":1,",
    ] {
        let a = answer(cut);
        assert!(a.body.truncated, "{cut}");
        assert!(a.body.json.is_some(), "{cut}");
    }
    // Binary or compressed bytes: a message, no crash.
    let a = answer("\u{1f}\u{fffd}\u{8}\0\0\0\0\0\u{3}");
    assert!(a.notes[0].contains("gzip"), "{:?}", a.notes);
    let a = answer(&"\u{fffd}\u{1}".repeat(200));
    assert!(a.notes[0].contains("binary"));
    // Huge: capped like pastes, and said so.
    let a = answer(&format!(
        "HTTP/2 400\n\n{{\"detail\":\"{}\"}}",
        "x".repeat(2 << 20)
    ));
    assert!(
        a.notes.iter().any(|n| n.contains("only its first 1024 KB")),
        "{:?}",
        a.notes
    );
    assert!(read("  \n").is_none());
}

#[test]
fn the_last_of_several_response_heads_is_the_answer() {
    // 100 Continue, a proxy's CONNECT, and curl -L's redirect: the last head is the answer.
    for first in [
        "HTTP/1.1 100 Continue\n\n",
        "HTTP/1.1 200 Connection established\n\n",
        "HTTP/2 302\nlocation: /x\n\n",
    ] {
        let a = answer(&format!(
            "{first}HTTP/2 403\ncontent-type: application/problem+json\n\n{FORBIDDEN}"
        ));
        assert_eq!(a.status, Some(403), "{first}");
        assert_eq!(a.body.shape, Shape::Problem, "{first}");
        assert!(a.header("location").is_none());
    }
}

#[test]
fn real_curl_v_output_with_its_data_lines_after_the_head() {
    let a = answer(&format!(
        "> GET /x HTTP/2\n> Host: h\n>\n< HTTP/2 403\n< content-type: application/problem+json\n<\n{{ [183 bytes data]\n{FORBIDDEN}\n* Connection #0 to host h left intact"
    ));
    assert_eq!(a.body.shape, Shape::Problem, "{:?}", a.body.raw);
    assert_eq!(recognise(&a, None).entry.unwrap().id, "scapi-forbidden");
}

#[test]
fn http2_pseudo_headers_in_a_devtools_copy() {
    let a = answer(
        "Request Headers\n:authority:\nkv7kzm78.api.commercecloud.salesforce.com\n:method:\nGET\n:path:\n/product/shopper-products/v1/organizations/f_ecom_abcd_001/products/25?siteId=RefArch\n\
         authorization:\nBearer eyJx.eyJy.z\nResponse Headers\n:status: 401\ncontent-type: application/json\n",
    );
    assert_eq!(a.status, Some(401));
    let request = a.request.clone().unwrap();
    assert!(
        request.starts_with(
            "GET https://kv7kzm78.api.commercecloud.salesforce.com/product/shopper-products/v1/"
        ),
        "{request}"
    );
    assert!(
        request.contains("authorization: Bearer eyJx.eyJy.z"),
        "{request}"
    );
    assert!(
        !a.body.raw.contains("Bearer"),
        "the token is not the body: {:?}",
        a.body.raw
    );
}

#[test]
fn header_copies_without_names_or_colons_and_text_bodies() {
    let a = answer("Bearer realm=\"servers\", error=\"invalid_token\", error_description=\"The token expired\"");
    assert_eq!(
        recognise(&a, None).entry.unwrap().id,
        "scapi-www-authenticate-invalid-token"
    );
    let a = answer("content-type\napplication/json\nsfdc_correlation_id\nabc-123\n");
    assert_eq!(a.header("content-type"), Some("application/json"));
    assert_eq!(a.correlation().unwrap().value, "abc-123");
    let a = answer("Error: Not Found");
    assert!(a.headers.is_empty());
    assert_eq!(a.body.shape, Shape::Text);
    let a = answer(
        "{‘error’: ‘invalid_request’, ‘error_description’: ‘Bad or missing refresh token.’}",
    );
    assert_eq!(a.body.fields.error.as_deref(), Some("invalid_request"));
    let a = answer(r#"{"error":"invalid_request","error_description":"Bad \u00"#);
    assert!(
        a.body.truncated && a.body.fields.error.is_some(),
        "{:?}",
        a.body
    );
}

#[test]
fn url_only_entries_never_beat_what_the_body_says() {
    let ocapi = r#"{"_v":"23.2","fault":{"type":"InvalidAccessTokenException","message":"Unauthorized request! The access token is invalid."}}"#;
    let url = "https://production-eu01-acme.demandware.net/s/RefArch/dw/shop/v23_2/baskets";
    assert_eq!(
        id_at(&format!("HTTP/1.1 401\n\n{ocapi}"), url),
        Some("ocapi-invalid-access-token")
    );
    assert_eq!(
        id_at("HTTP/1.1 403\n\n", url),
        Some("edge-origin-shielding-hyphenated-host")
    );
    // A bare status from SCAPI: the family's fallback, as a guess.
    let scapi = "https://kv7kzm78.api.commercecloud.salesforce.com/checkout/shopper-baskets/v1/organizations/f_ecom_abcd_001/baskets";
    let r = recognise(&answer("HTTP/2 401\n\n"), Some(scapi));
    assert_eq!(
        (r.entry.map(|e| e.id), r.guessed),
        (Some("scapi-unauthorized"), true)
    );
    let r = recognise(&answer("HTTP/2 429\nretry-after: 30\n\n"), Some(scapi));
    assert_eq!(r.entry.map(|e| e.id), Some("scapi-too-many-requests"));
    // A "1020" in a page's CSS is not Cloudflare's error 1020.
    let page = "HTTP/2 403\ncontent-type: text/html\n\n<html><head><title>Blocked</title><style>.x{width:1020px}</style></head><body>no</body></html>";
    assert_eq!(id(page), Some("edge-html-error-page"));
}
