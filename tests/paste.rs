//! Paste anything, for real: every form a support engineer copies a credential from gives that
//! credential, labelled by where it was found, with what was stripped named.
#![cfg(not(target_arch = "wasm32"))]

use std::time::{Duration, Instant};

use sfcc_token_inspector::inspect::extract::extract;
use sfcc_token_inspector::inspect::{analyze, Kind, Report, Scheme};

mod common;

use common::token as fixture;

fn guest() -> String {
    fixture("slas-access-guest.jwt")
}

fn registered() -> String {
    fixture("slas-access-registered.jwt")
}

fn refresh() -> String {
    fixture("slas-refresh-token.txt")
}

fn labels(report: &Report) -> Vec<&str> {
    report
        .credentials
        .iter()
        .map(|c| c.label.as_str())
        .collect()
}

fn kinds(report: &Report) -> Vec<&'static str> {
    report.credentials.iter().map(|c| c.kind_id()).collect()
}

fn mentions(report: &Report, words: &str) -> bool {
    report.stripped.iter().any(|s| s.contains(words))
}

/// The one credential of `pasted`, which must be the guest token.
fn finds_only_guest(case: &str, pasted: &str) -> Report {
    let report = analyze(pasted);
    assert_eq!(
        labels(&report).len(),
        1,
        "{case}: {:?} / {:?}",
        labels(&report),
        report.stripped
    );
    assert_eq!(report.credentials[0].text, guest(), "{case}");
    assert_eq!(report.credentials[0].kind_id(), "slas-access", "{case}");
    report
}

#[test]
fn any_authorization_scheme_word_in_any_case_is_stripped_and_named() {
    let t = guest();
    for (line, named, scheme) in [
        (
            format!("Authorization: Bearer {t}"),
            "“Bearer”",
            Scheme::Bearer,
        ),
        (
            format!("authorization: bearer {t}"),
            "“Bearer”",
            Scheme::Bearer,
        ),
        (format!("Authorization: SLAS {t}"), "“SLAS”", Scheme::Slas),
        (format!("authorization: slas {t}"), "“SLAS”", Scheme::Slas),
        (format!("Authorization: DPoP {t}"), "“DPoP”", Scheme::Dpop),
        (format!("AUTHORIZATION: DPOP {t}"), "“DPoP”", Scheme::Dpop),
        (
            format!("Authorization: Negotiate {t}"),
            "“Negotiate”",
            Scheme::Other,
        ),
        (format!("SLAS {t}"), "“SLAS”", Scheme::Slas),
    ] {
        let report = finds_only_guest(&line, &line);
        assert!(
            mentions(&report, &format!("removed the {named} scheme")),
            "{line:.40}: {:?}",
            report.stripped
        );
        assert_eq!(report.credentials[0].scheme, Some(scheme), "{line:.40}");
    }
    let basic = format!(
        "Authorization: basic {}",
        fixture("slas-client-auth-header-value.txt")
    );
    let report = analyze(&basic);
    assert_eq!(kinds(&report), ["basic-auth"]);
    assert!(mentions(&report, "removed the “Basic” scheme"));
}

#[test]
fn a_scheme_word_is_never_taken_for_the_token() {
    for line in [
        "Authorization: SLAS",
        "Authorization: DPoP  ",
        "Authorization: Bearer",
    ] {
        let report = analyze(line);
        assert_eq!(report.credentials.len(), 1, "{line}");
        let c = &report.credentials[0];
        assert_eq!(
            c.text, "",
            "{line}: the scheme word was taken for the token"
        );
        assert_eq!(c.findings[0].id, "no-token", "{line}");
    }
}

#[test]
fn two_tokens_on_two_lines_are_two_credentials_labelled_by_line() {
    let report = analyze(&format!(
        "{}\n{}\n",
        guest(),
        fixture("am-client-credentials.jwt")
    ));
    assert_eq!(labels(&report), ["line 1", "line 2"]);
    assert_eq!(kinds(&report), ["slas-access", "am-access"]);
    assert_eq!(report.credentials[0].text, guest());
}

#[test]
fn a_token_and_a_refresh_token_on_two_lines_are_two_credentials() {
    let report = analyze(&format!("{}\n\n{}", registered(), refresh()));
    assert_eq!(labels(&report), ["line 1", "line 3"]);
    assert_eq!(kinds(&report), ["slas-access", "slas-refresh-opaque"]);
}

#[test]
fn labelled_lines_are_labelled_by_their_label() {
    let report = analyze(&format!("works: {}\nfails: {}", registered(), guest()));
    assert_eq!(labels(&report), ["works:", "fails:"]);
    assert_eq!(report.credentials[1].text, guest());
}

#[test]
fn the_rfc_7519_example_printed_with_line_breaks_decodes_as_one_token() {
    let compact = fixture("rfc7519-3.1.jwt");
    let parts: Vec<&str> = compact.split('.').collect();
    // As RFC 7519 §3.1 prints it: each part on its own line, the payload wrapped, the dots alone.
    let (p1, p2) = parts[1].split_at(80);
    let printed = format!(
        "     {}\n     .\n     {p1}\n     {p2}\n     .\n     {}\n",
        parts[0], parts[2]
    );
    let report = analyze(&printed);
    assert_eq!(report.credentials.len(), 1, "{:?}", labels(&report));
    assert_eq!(report.credentials[0].text, compact);
    assert_eq!(report.credentials[0].kind(), Kind::Jws);
    assert!(mentions(&report, "line breaks from inside the token"));
}

#[test]
fn identical_tokens_found_twice_are_shown_once_with_both_places() {
    let report = analyze(&format!("{}\n{}\n{}", guest(), registered(), guest()));
    assert_eq!(labels(&report), ["line 1, line 3", "line 2"]);
    assert_eq!(report.credentials[0].places, ["line 1", "line 3"]);
    assert!(report.credentials[1].places.is_empty());
}

#[test]
fn two_authorization_headers_are_told_apart_by_line() {
    let report = analyze(&format!(
        "Authorization: Bearer {}\nAuthorization: SLAS {}",
        guest(),
        registered()
    ));
    assert_eq!(
        labels(&report),
        [
            "Authorization header, line 1",
            "Authorization header, line 2"
        ]
    );
    assert!(mentions(&report, "removed the “SLAS” scheme"));
}

#[test]
fn a_token_on_its_own_line_after_a_header_line_is_its_own_credential() {
    let report = analyze(&format!(
        "Authorization: Bearer {}\n{}\n",
        guest(),
        refresh()
    ));
    assert_eq!(labels(&report), ["Authorization header", "line 2"]);
    assert_eq!(kinds(&report), ["slas-access", "slas-refresh-opaque"]);
}

#[test]
fn a_har_file_gives_each_token_labelled_by_its_json_path() {
    let report = analyze(&fixture("har-am-admin-two-entries.har"));
    assert_eq!(
        labels(&report),
        [
            "log.entries[0].request.postData.text",
            "log.entries[0].response.content.text.access_token, log.entries[1].request.headers[authorization]",
        ]
    );
    assert_eq!(kinds(&report), ["basic-auth", "am-access"]);
    let token = &report.credentials[1];
    assert_eq!(
        token.places,
        [
            "log.entries[0].response.content.text.access_token",
            "log.entries[1].request.headers[authorization]"
        ]
    );
    let request = report.credentials[0].token_request.as_ref().unwrap();
    assert_eq!(request.grant_type.as_deref(), Some("client_credentials"));
    assert_eq!(
        request.endpoint.as_deref(),
        Some("https://account.demandware.com/dwsso/oauth2/access_token")
    );
    assert!(mentions(&report, "removed the “Bearer” scheme"));
    assert_no_secret(&report, "fake-secret-do-not-use");
}

#[test]
fn har_cookies_and_set_cookie_headers_are_read_by_name() {
    let har = serde_json::json!({"log": {"entries": [{
        "request": {"url": "https://shop.example/", "cookies": [
            {"name": "dw_dnt", "value": "0"},
            {"name": "cc-nx-g_RefArch", "value": refresh()}
        ], "headers": []},
        "response": {"headers": [
            {"name": "Set-Cookie", "value": format!("cc-at_RefArch={}; Path=/; Secure", guest())}
        ], "content": {"text": ""}}
    }]}});
    let report = analyze(&har.to_string());
    assert_eq!(
        labels(&report),
        [
            "log.entries[0].request.cookies[cc-nx-g_RefArch]",
            "log.entries[0].response.headers[Set-Cookie][cc-at_RefArch]"
        ]
    );
    assert_eq!(kinds(&report), ["slas-refresh-opaque", "slas-access"]);
    assert_eq!(
        report.credentials[0].cookie.as_deref(),
        Some("cc-nx-g_RefArch")
    );
}

#[test]
fn postman_exports_give_their_tokens_by_variable_and_auth() {
    let environment = serde_json::json!({"id": "5d1", "name": "SLAS sandbox", "values": [
        {"key": "client_id", "value": "6301bbfc-a0c5-454e-8ff9-bb510944fe0c", "enabled": true},
        {"key": "access_token", "value": guest(), "enabled": true},
        {"key": "refresh_token", "value": refresh(), "enabled": true}
    ], "_postman_variable_scope": "environment"});
    let report = analyze(&environment.to_string());
    assert_eq!(
        labels(&report),
        ["values[access_token]", "values[refresh_token]"]
    );
    assert_eq!(kinds(&report), ["slas-access", "slas-refresh-opaque"]);

    let collection = serde_json::json!({"info": {"name": "SCAPI"}, "item": [{"name": "basket",
        "request": {"auth": {"type": "bearer", "bearer": [
            {"key": "token", "value": registered(), "type": "string"}
        ]}, "method": "GET", "url": {"raw": "{{base}}/baskets"}}}]});
    let report = analyze(&collection.to_string());
    assert_eq!(labels(&report), ["item[0].request.auth.bearer[token]"]);
    assert_eq!(kinds(&report), ["slas-access"]);
}

#[test]
fn json_log_lines_give_the_authorization_header_by_path() {
    let line = |t: &str| {
        serde_json::json!({"level": "warn", "msg": "401 from SCAPI",
            "headers": {"authorization": format!("Bearer {t}"), "x-correlation-id": "c1"}})
        .to_string()
    };
    let report = analyze(&line(&guest()));
    assert_eq!(labels(&report), ["headers.authorization"]);
    assert_eq!(report.credentials[0].text, guest());
    assert_eq!(report.credentials[0].scheme, Some(Scheme::Bearer));
    let report = analyze(&format!("{}\n{}\n", line(&guest()), line(&registered())));
    assert_eq!(
        labels(&report),
        [
            "line 1: headers.authorization",
            "line 2: headers.authorization"
        ]
    );
    assert_eq!(kinds(&report), ["slas-access", "slas-access"]);
}

#[test]
fn json_that_holds_no_credential_still_says_so() {
    let report = analyze(r#"{"customer_id":"abc","basket":{"total":12.5,"items":[1,2]}}"#);
    assert_eq!(labels(&report), ["JSON"]);
    let c = &report.credentials[0];
    assert_eq!(c.kind(), Kind::Unrecognised);
    assert_eq!(c.findings[0].id, "json-not-token");
    assert!(c.findings[0]
        .detail
        .contains("none of its fields holds a token"));
}

#[test]
fn devtools_and_log_copies_give_their_token() {
    let t = guest();
    let url = "https://kv7kzm78.api.commercecloud.salesforce.com/checkout/shopper-baskets/v2/organizations/f_ecom_abcd_001/baskets?siteId=RefArch";
    let cases = [
        ("curl (bash)", format!("curl '{url}' \\\n  -H 'accept: application/json' \\\n  -H 'authorization: Bearer {t}' \\\n  -H 'cookie: dw_dnt=0; usid=abc' \\\n  --data-raw '{{}}'")),
        ("curl (cmd)", format!("curl ^\"{url}^\" ^\n  -H ^\"accept: application/json^\" ^\n  -H ^\"authorization: Bearer {t}^\" ^\n  -H ^\"cookie: dw_dnt=0^\" ^\n  --data-raw ^\"^{{^}}^\"")),
        ("fetch", format!("fetch(\"{url}\", {{\n  \"headers\": {{\n    \"accept\": \"application/json\",\n    \"authorization\": \"Bearer {t}\",\n    \"content-type\": \"application/json\"\n  }},\n  \"body\": \"{{}}\",\n  \"method\": \"POST\"\n}});")),
        ("PowerShell", format!("$session = New-Object Microsoft.PowerShell.Commands.WebRequestSession\n$session.UserAgent = \"Mozilla/5.0\"\n$session.Cookies.Add((New-Object System.Net.Cookie(\"dw_dnt\", \"0\", \"/\", \"shop.example\")))\nInvoke-WebRequest -UseBasicParsing -Uri \"{url}\" `\n-Method \"POST\" `\n-WebSession $session `\n-Headers @{{\n\"authority\"=\"kv7kzm78.api.commercecloud.salesforce.com\"\n  \"method\"=\"POST\"\n  \"authorization\"=\"Bearer {t}\"\n}} `\n-ContentType \"application/json\" `\n-Body \"{{}}\"")),
        ("request headers (HTTP/2)", format!(":authority: kv7kzm78.api.commercecloud.salesforce.com\n:method: GET\n:path: /checkout/shopper-baskets/v2/organizations/f_ecom_abcd_001/baskets\n:scheme: https\naccept: application/json\nauthorization: Bearer {t}\ncookie: dw_dnt=0; usid=abc\n")),
        ("raw HTTP request", format!("GET /checkout/shopper-baskets/v2/organizations/f_ecom_abcd_001/baskets HTTP/1.1\r\nHost: kv7kzm78.api.commercecloud.salesforce.com\r\nAuthorization: Bearer {t}\r\nAccept: */*\r\n\r\n")),
        ("Node util.inspect", format!("{{\n  headers: {{\n    Authorization: 'Bearer {t}',\n    'Content-Type': 'application/json'\n  }}\n}}")),
        ("Node util.inspect, lower case", format!("{{ method: 'GET', headers: {{ authorization: 'Bearer {t}' }} }}")),
    ];
    for (case, pasted) in cases {
        let report = finds_only_guest(case, &pasted);
        assert!(mentions(&report, "removed the “Bearer” scheme"), "{case}");
        assert!(
            report.credentials[0].label.contains("Authorization header"),
            "{case}: {}",
            report.credentials[0].label
        );
    }
}

#[test]
fn a_url_encoded_form_body_gives_each_token() {
    let report = analyze(&format!(
        "refresh_token={}&access_token={}",
        refresh(),
        guest()
    ));
    assert_eq!(labels(&report), ["refresh_token", "access_token"]);
    assert_eq!(kinds(&report), ["slas-refresh-opaque", "slas-access"]);
}

#[test]
fn site_suffixed_cookies_are_named_and_the_split_pair_is_joined() {
    let pasted = format!(
        "Cookie: cc-at_RefArch={}; cc-at_2_RefArch={}; cc-nx-g_RefArch={}; dw_dnt=0",
        fixture("cookie-cc-at.txt"),
        fixture("cookie-cc-at_2.txt"),
        refresh()
    );
    let report = analyze(&pasted);
    assert_eq!(
        labels(&report),
        [
            "cc-at_RefArch + cc-at_2_RefArch cookies",
            "cc-nx-g_RefArch cookie"
        ]
    );
    assert_eq!(
        report.credentials[0].text,
        fixture("slas-access-registered-full-scopes.jwt")
    );
    assert_eq!(kinds(&report), ["slas-access", "slas-refresh-opaque"]);
    assert!(mentions(
        &report,
        "joined the cc-at_RefArch and cc-at_2_RefArch cookies"
    ));
}

/// The secret appears nowhere the page shows: not in a label, a note, a credential's text
/// or a finding.
fn assert_no_secret(report: &Report, secret: &str) {
    for s in &report.stripped {
        assert!(!s.contains(secret), "stripped: {s}");
    }
    for c in &report.credentials {
        assert!(
            !c.label.contains(secret) && !c.text.contains(secret),
            "{}",
            c.label
        );
        assert!(c.places.iter().all(|p| !p.contains(secret)));
        for f in &c.findings {
            assert!(!f.title.contains(secret) && !f.detail.contains(secret));
        }
    }
}

const CLIENT: &str = "6301bbfc-a0c5-454e-8ff9-bb510944fe0c";
const SECRET: &str = "XochQL6s8S8ON4upHUj0lXA8xMVH";
const AM: &str = "https://account.demandware.com/dwsso/oauth2/access_token";
const SLAS: &str =
    "https://kv7kzm78.api.commercecloud.salesforce.com/shopper/auth/v1/organizations/f_ecom_abcd_001/oauth2/token";

#[test]
fn client_credentials_posted_in_a_form_are_read_like_basic_with_the_secret_masked() {
    let form = format!("grant_type=client_credentials&client_id={CLIENT}&client_secret={SECRET}");
    let cases = [
        ("curl -d to Account Manager", format!("curl -X POST '{AM}' -H 'Content-Type: application/x-www-form-urlencoded' -d '{form}'"), Some(AM), "Account Manager"),
        ("curl --data-raw to SLAS", format!("curl \"{SLAS}\" \\\n  --data-raw \"{form}&channel_id=RefArch\""), Some(SLAS), "SLAS"),
        ("curl with one -d per field", format!("curl {SLAS} -d grant_type=client_credentials -d client_id={CLIENT} -d client_secret={SECRET}"), Some(SLAS), "SLAS"),
        ("a bare form body", form.clone(), None, ""),
        ("a raw HTTP request", format!("POST /dwsso/oauth2/access_token HTTP/1.1\nHost: account.demandware.com\nContent-Type: application/x-www-form-urlencoded\n\n{form}"), Some(AM), "Account Manager"),
    ];
    for (case, pasted, endpoint, service) in cases {
        let report = analyze(&pasted);
        assert_eq!(
            kinds(&report),
            ["basic-auth"],
            "{case}: {:?}",
            labels(&report)
        );
        let c = &report.credentials[0];
        assert_eq!(c.title(), Kind::Basic.title(), "{case}");
        let basic = c.basic().unwrap();
        assert_eq!(basic.client_id, CLIENT, "{case}");
        assert_eq!(basic.secret_len, SECRET.len(), "{case}");
        let request = c.token_request.as_ref().unwrap();
        assert_eq!(
            request.grant_type.as_deref(),
            Some("client_credentials"),
            "{case}"
        );
        assert_eq!(request.endpoint.as_deref(), endpoint, "{case}");
        assert_eq!(request.service().unwrap_or(""), service, "{case}");
        assert!(
            request.grant_meaning().unwrap().contains("as itself"),
            "{case}"
        );
        let rotate = c.findings.iter().find(|f| f.id == "secret-pasted").unwrap();
        assert!(rotate.detail.contains("rotate the secret"), "{case}");
        assert!(mentions(&report, "client_secret_post"), "{case}");
        assert_no_secret(&report, SECRET);
    }
}

#[test]
fn a_refresh_token_in_the_same_form_body_is_its_own_credential() {
    let pasted = format!(
        "curl -X POST '{SLAS}' -d 'grant_type=refresh_token&refresh_token={}&client_id={CLIENT}&client_secret={SECRET}'",
        refresh()
    );
    let report = analyze(&pasted);
    // In the order of the paste: the refresh token comes first in the body.
    assert_eq!(kinds(&report), ["slas-refresh-opaque", "basic-auth"]);
    assert_eq!(labels(&report)[0], "refresh_token");
    assert_eq!(report.credentials[0].text, refresh());
    let request = report.credentials[1].token_request.as_ref().unwrap();
    assert_eq!(request.grant_type.as_deref(), Some("refresh_token"));
    assert!(request.grant_meaning().unwrap().contains("refresh token"));
    assert_no_secret(&report, SECRET);
}

#[test]
fn curl_user_credentials_carry_their_token_request() {
    let report = analyze(&format!(
        "curl -X POST '{AM}' -u '{CLIENT}:{SECRET}' -d grant_type=client_credentials"
    ));
    assert_eq!(labels(&report), ["curl -u"]);
    let request = report.credentials[0].token_request.as_ref().unwrap();
    assert_eq!(request.grant_type.as_deref(), Some("client_credentials"));
    assert_eq!(request.endpoint.as_deref(), Some(AM));
    assert_no_secret(&report, SECRET);
}

/// Extraction of `pasted` takes less than `limit` (the bound is for an unoptimised test
/// build; a release build is many times faster).
fn quick(case: &str, pasted: &str, limit: Duration) {
    let start = Instant::now();
    let extraction = extract(pasted);
    let took = start.elapsed();
    assert!(!extraction.candidates.is_empty(), "{case}");
    eprintln!("{case}: {took:?}");
    assert!(took < limit, "{case}: {took:?}");
}

#[test]
fn a_hostile_one_megabyte_paste_of_any_form_extracts_in_linear_time() {
    const MB: usize = 1 << 20;
    let fill = |unit: &str| unit.repeat(MB / unit.len());
    let entries = format!(
        "{{\"log\":{{\"entries\":[{}]}}}}",
        vec![r#"{"name":"authorization","value":"Bearer x"}"#; MB / 48].join(",")
    );
    for (case, pasted) in [
        ("words", fill("ab cd ")),
        ("wrapped pieces", fill("eyJhbGciOi\n")),
        (
            "standalone-looking pieces",
            format!(
                "eyJ\n{}",
                fill("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n")
            ),
        ),
        ("dots", fill("eyJ.")),
        ("headers", fill("authorization: a\n")),
        (
            "a header before a long run",
            format!("{}{}", "authorization: x\n".repeat(1000), fill("A\n")),
        ),
        ("cookies", fill("cc-at=x; ")),
        ("cookie headers on one line", fill("cookie: a=b ")),
        ("client secrets", fill("client_secret=x&")),
        ("params", fill("access_token=")),
        ("JSON entries", entries),
        (
            "labelled lines",
            fill("works: eyJhbGciOiJIUzI1NiJ9.e30.x\n"),
        ),
    ] {
        quick(case, &pasted, Duration::from_secs(3));
    }
}

#[test]
fn chromes_copy_as_curl_cookies_after_dash_b_are_read_and_the_split_pair_joined() {
    let t = guest();
    let (a, b) = t.split_at(1000);
    for flag in ["-b '", "--cookie '", "-b \"", "--cookie=\""] {
        let close = if flag.ends_with('"') { '"' } else { '\'' };
        let pasted = format!(
            "curl 'https://www.example.com/on/demandware.store/Sites-RefArch-Site/en_US/Cart-Show' \\\n  \
             -H 'accept: text/html' \\\n  {flag}cc-at_RefArch={a}; cc-at_2_RefArch={b}; dwsid=abc{close} \\\n  \
             -H 'user-agent: x'"
        );
        let report = analyze(&pasted);
        assert_eq!(
            labels(&report)[0],
            "cc-at_RefArch + cc-at_2_RefArch cookies",
            "{flag}"
        );
        assert_eq!(report.credentials[0].text, t, "{flag}");
        assert_eq!(kinds(&report)[0], "slas-access", "{flag}");
        let dwsid = report
            .credentials
            .iter()
            .find(|c| c.label == "dwsid cookie");
        assert_eq!(dwsid.map(|c| c.text.as_str()), Some("abc"), "{flag}");
    }
    // A cookie jar file is not a cookie list.
    let report = analyze(&format!(
        "curl -b cookies.txt -H 'Authorization: Bearer {t}' https://x"
    ));
    assert_eq!(kinds(&report), ["slas-access"]);
}
