//! Paste anything: the extraction finds the credential(s) and says what it stripped.
#![cfg(not(target_arch = "wasm32"))]

use sfcc_token_inspector::inspect::{analyze, analyze_kept, keep, Kind, Scheme};

mod common;

use common::token as fixture;

fn guest() -> String {
    fixture("slas-access-guest.jwt")
}

/// The single credential found in `pasted`, which must be the guest token.
fn finds_guest(pasted: &str) -> Vec<String> {
    let report = analyze(pasted);
    assert_eq!(
        report.credentials.len(),
        1,
        "in {pasted:.80}…: {:?}",
        report.stripped
    );
    assert_eq!(report.credentials[0].text, guest(), "in {pasted:.80}…");
    assert_eq!(report.credentials[0].kind(), Kind::Jws);
    report.stripped
}

fn mentions(stripped: &[String], words: &str) -> bool {
    stripped.iter().any(|s| s.contains(words))
}

#[test]
fn a_bare_token_is_taken_as_is() {
    assert!(finds_guest(&guest()).is_empty());
}

#[test]
fn a_token_broken_over_lines_or_with_spaces_is_joined() {
    let t = guest();
    let wrapped: String = t
        .as_bytes()
        .chunks(76)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(mentions(
        &finds_guest(&wrapped),
        "line breaks from inside the token"
    ));
    let spaced = format!("{} {}", &t[..100], &t[100..]);
    assert!(mentions(&finds_guest(&spaced), "removed 1 spaces"));
}

#[test]
fn bearer_prefix_and_authorization_header_are_stripped() {
    let stripped = finds_guest(&format!("Bearer {}", guest()));
    assert!(mentions(&stripped, "“Bearer”"));
    let stripped = finds_guest(&format!("  authorization: BEARER {}  ", guest()));
    assert!(mentions(&stripped, "Authorization header"));
    assert_eq!(
        analyze(&format!("Bearer {}", guest())).credentials[0].scheme,
        Some(Scheme::Bearer)
    );
}

#[test]
fn bearer_prefixed_fixture_line_is_stripped() {
    let report = analyze(&common::fixture("bearer-prefixed.txt"));
    assert_eq!(report.credentials.len(), 1);
    assert_eq!(
        report.credentials[0].text,
        fixture("slas-access-registered.jwt")
    );
}

#[test]
fn quotes_commas_and_log_junk_are_stripped() {
    let t = guest();
    assert!(mentions(&finds_guest(&format!("\"{t}\",")), "quotes"));
    assert!(mentions(&finds_guest(&format!("'{t}'")), "quotes"));
    assert!(mentions(&finds_guest(&format!("({t})")), "punctuation"));
    let log = format!("2026-11-22 10:01:02 WARN [auth] token rejected: {t} (status 401)");
    assert!(mentions(&finds_guest(&log), "text around the token"));
}

#[test]
fn a_json_token_response_yields_each_credential_selectable() {
    let pasted = format!(
        r#"{{"access_token":"{}","id_token":"{}","refresh_token":"{}","expires_in":1800,"token_type":"Bearer","usid":"x"}}"#,
        guest(),
        fixture("slas-id-token.jwt"),
        fixture("slas-refresh-token.txt")
    );
    let report = analyze(&pasted);
    let labels: Vec<&str> = report
        .credentials
        .iter()
        .map(|c| c.label.as_str())
        .collect();
    assert_eq!(labels, ["access_token", "id_token", "refresh_token"]);
    assert_eq!(
        report.credentials[2].kind(),
        Kind::SlasRefreshToken { two_part: false }
    );
    assert!(mentions(
        &report.stripped,
        "found access_token, id_token, refresh_token"
    ));
}

#[test]
fn a_curl_command_gives_its_bearer_token() {
    let curl = format!(
        "curl 'https://kv7kzm78.api.commercecloud.salesforce.com/checkout/shopper-baskets/v2/organizations/f_ecom_abcd_001/baskets?siteId=RefArch' \\\n  -X POST \\\n  -H 'Authorization: Bearer {}' \\\n  -H 'Content-Type: application/json' \\\n  --data-raw '{{}}'",
        guest()
    );
    finds_guest(&curl);
}

#[test]
fn curl_user_flag_is_read_as_basic_credentials() {
    let report = analyze("curl -X POST 'https://account.demandware.com/dwsso/oauth2/access_token' -u 'my-client:s3cret-value' -d grant_type=client_credentials");
    let c = &report.credentials[0];
    assert_eq!(c.kind(), Kind::Basic);
    assert_eq!(c.basic().unwrap().client_id, "my-client");
    assert_eq!(c.basic().unwrap().secret_len, 12);
}

#[test]
fn a_cookie_line_and_a_set_cookie_line_give_the_cc_at_cookie() {
    let stripped = finds_guest(&format!("Cookie: dw_dnt=0; cc-at={}; usid=abc", guest()));
    assert!(mentions(&stripped, "read the cookies cc-at"));
    finds_guest(&format!(
        "Set-Cookie: cc-at={}; Path=/; Secure; HttpOnly; SameSite=Lax",
        guest()
    ));
}

#[test]
fn a_lone_cc_at_cookie_says_it_is_only_the_first_half() {
    let report = analyze(&format!("cc-at={}", fixture("cookie-cc-at.txt")));
    assert_eq!(report.credentials[0].kind(), Kind::FirstHalf);
    assert!(report.credentials[0]
        .findings
        .iter()
        .any(|f| f.id == "half-token"));
}

#[test]
fn refresh_cookies_are_named_for_what_they_hold() {
    let report = analyze(&format!(
        "Cookie: cc-nx-g_RefArch={}",
        fixture("slas-refresh-token.txt")
    ));
    assert_eq!(
        report.credentials[0].kind(),
        Kind::SlasRefreshToken { two_part: false }
    );
    assert_eq!(report.credentials[0].label, "cc-nx-g_RefArch cookie");
}

#[test]
fn a_url_or_fragment_with_a_token_parameter_gives_the_token() {
    let t = guest();
    for url in [
        format!("https://shop.example/callback#access_token={t}&token_type=Bearer"),
        format!("https://shop.example/cb?code=abc&id_token={t}"),
        format!("#token={t}"),
        format!("access_token={}", t.replace('.', "%2E")),
    ] {
        finds_guest(&url);
    }
}

#[test]
fn basic_header_and_bare_client_auth_value_are_recognised() {
    for file in ["basic-auth-header.txt", "slas-client-auth-header-value.txt"] {
        let report = analyze(&fixture(file));
        assert_eq!(report.credentials[0].kind(), Kind::Basic, "{file}");
    }
    let report = analyze(&format!(
        "x-slas-client-auth: {}",
        fixture("slas-client-auth-header-value.txt")
    ));
    assert_eq!(report.credentials[0].kind(), Kind::Basic);
}

#[test]
fn empty_input_finds_nothing() {
    assert!(analyze("   \n ").is_empty());
}

#[test]
fn a_huge_paste_is_cut_and_says_so() {
    let huge = "A".repeat(3 * 1024 * 1024);
    let report = analyze(&huge);
    assert!(report.cut_bytes > 0);
    assert!(mentions(
        &report.stripped,
        "analysed only the first 1024 KB"
    ));
    assert_eq!(report.credentials.len(), 1);
}

#[test]
fn the_page_keeps_what_it_analyses_and_still_reports_the_whole_paste() {
    // The page keeps only the first 1 MB in its text box and analyses that: the report must be
    // the one for the whole paste, size included.
    let jwt = common::fixture("slas-access-guest.jwt");
    let huge = format!("Bearer {}\n{}", jwt.trim(), "log line ✓\n".repeat(300_000));
    let (kept, dropped) = keep(&huge);
    assert_eq!(kept.len() + dropped, huge.len());
    assert!(kept.len() <= 1024 * 1024 && kept.len() > 1024 * 1024 - 4);
    assert_eq!(analyze_kept(kept, dropped), analyze(&huge));
    let said = format!(
        "kept and analysed only the first 1024 KB: the paste is {} KB",
        huge.len() / 1024
    );
    assert!(mentions(&analyze_kept(kept, dropped).stripped, &said));
    // Kept text that is itself too long is cut as well.
    assert_eq!(analyze_kept(&huge, 0), analyze(&huge));
}

#[test]
fn garbage_gets_a_clear_message() {
    let report = analyze("hello there, this is not a token");
    let c = &report.credentials[0];
    assert_eq!(c.kind(), Kind::Unrecognised);
    assert!(
        c.findings[0].detail.contains("U+0020 at position 6"),
        "{}",
        c.findings[0].detail
    );
}
