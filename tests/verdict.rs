//! One verdict from token × request × answer, judged at the time of the call, and the ticket
//! summary that carries it without anything usable or personal.

mod common;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use common::NOW;
use serde_json::Value;
use sfcc_token_inspector::inspect::page::{page, Page};
use sfcc_token_inspector::inspect::verdict::Judgement;
use sfcc_token_inspector::inspect::Evidence;

const HOST: &str = "https://kv7kzm78.api.commercecloud.salesforce.com";
const BASKET: &str = "/checkout/shopper-baskets/v1/organizations/f_ecom_abcd_001/baskets/bcXwkiaaBYP9Cz4K1wQ9prqvy5?siteId=RefArch";

/// A fixture token with its payload changed by `edit` (the signature no longer fits; the
/// inspector does not verify it).
fn edited(file: &str, edit: impl FnOnce(&mut serde_json::Map<String, Value>)) -> String {
    let token = common::token(file);
    let parts: Vec<&str> = token.split('.').collect();
    let mut payload: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    edit(payload.as_object_mut().unwrap());
    format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(payload.to_string()),
        parts[2]
    )
}

/// The guest token with only the read-only baskets scope.
fn read_only_token() -> String {
    edited("slas-access-guest.jwt", |p| {
        let scp = p["scp"]
            .as_str()
            .unwrap()
            .split(' ')
            .filter(|s| *s != "sfcc.shopper-baskets-orders.rw")
            .collect::<Vec<_>>()
            .join(" ");
        p.insert("scp".into(), scp.into());
    })
}

fn problem(slug: &str, detail: &str) -> String {
    format!(
        r#"{{"type":"https://api.commercecloud.salesforce.com/documentation/error/v1/errors/{slug}","title":"T","detail":"{detail}"}}"#
    )
}

fn judged(token: &str, request: &str, answer: &str, now: i64) -> Page {
    let evidence = Evidence::new(token, request, "").with_answer(answer);
    page(&evidence, now)
}

fn judgement(p: &Page, check: &str) -> Option<Judgement> {
    p.verdict
        .as_ref()
        .unwrap()
        .causes
        .iter()
        .find(|c| c.check.id() == check)
        .map(|c| c.judgement)
}

#[test]
fn a_403_for_a_read_only_scope_names_the_scope_and_the_operation() {
    let p = judged(
        &read_only_token(),
        &format!("PATCH {HOST}{BASKET}"),
        &format!(
            "HTTP/2 403\ncontent-type: application/problem+json\n\n{}",
            problem(
                "forbidden",
                "Your shopper JWT is valid, but you have no permissions to access the resource."
            )
        ),
        NOW,
    );
    let v = p.verdict.as_ref().unwrap();
    assert_eq!(v.headline, "403: the token has sfcc.shopper-baskets-orders (read); updateBasket needs sfcc.shopper-baskets-orders.rw.");
    assert!(v.settled);
    assert_eq!(judgement(&p, "scope-read-only"), Some(Judgement::Confirmed));
    assert_eq!(judgement(&p, "wrong-token-kind"), Some(Judgement::RuledOut));
    assert_eq!(v.causes[0].check.id(), "scope-read-only", "confirmed first");
    assert_eq!(
        p.answer.as_ref().unwrap().recognition.entry.unwrap().id,
        "scapi-forbidden"
    );
}

#[test]
fn a_401_is_judged_at_the_time_of_the_call_not_now() {
    // The guest token expires at NOW + 1200; the call was made 2 min after that, and the
    // engineer looks at it 5 hours later.
    let exp = 1_795_343_400;
    let call = exp + 120;
    let date = "Sun, 22 Nov 2026 10:32:00 GMT";
    assert_eq!(
        sfcc_token_inspector::inspect::time::http_date(date),
        Some(call)
    );
    let answer = format!("HTTP/2 401\ndate: {date}\nwww-authenticate: Bearer realm=\"servers\", error=\"invalid_token\", error_description=\"The token expired\"\n\n{}", problem("unauthorized", "Your access token is invalid or expired and can’t be used to identify a user."));
    let p = judged(
        &common::token("slas-access-guest.jwt"),
        &format!("PATCH {HOST}{BASKET}"),
        &answer,
        call + 5 * 3600,
    );
    let v = p.verdict.as_ref().unwrap();
    assert_eq!(
        v.headline,
        "401: the token had expired 2 min before the call."
    );
    assert!(v.at.of_call && v.at.at == call);
    assert_eq!(judgement(&p, "expired"), Some(Judgement::Confirmed));
    // The request check is judged at the call too.
    let check = p.request.check().unwrap();
    assert!(
        check.items.iter().any(|i| i.id == "time"
            && i.text == "Expired 2 min before the call: the call gets 401 Unauthorized."),
        "{:?}",
        check.items
    );

    // The same answer at a call made while the token was valid: expiry ruled out.
    let early = answer.replace(date, "Sun, 22 Nov 2026 10:11:00 GMT");
    let p = judged(
        &common::token("slas-access-guest.jwt"),
        &format!("PATCH {HOST}{BASKET}"),
        &early,
        call + 5 * 3600,
    );
    assert_eq!(judgement(&p, "expired"), Some(Judgement::RuledOut));
    assert_eq!(judgement(&p, "signature"), Some(Judgement::CannotTell));
    let v = p.verdict.unwrap();
    assert!(!v.settled);
    assert!(v.headline.starts_with("401 although the token was valid at the call, is the right kind for the right tenant and has the scopes"), "{}", v.headline);
}

#[test]
fn a_401_after_the_credentials_changed_is_a_revoked_token() {
    let p = judged(
        &common::token("slas-access-registered.jwt"),
        &format!("GET {HOST}/customer/shopper-customers/v1/organizations/f_ecom_wxyz_prd/customers/bdlIKiUBKnCfK2vuAiSDMK2xTY?siteId=MyShop-US"),
        &format!("HTTP/2 401\ndate: Sun, 22 Nov 2026 10:11:00 GMT\n\n{}", problem("unauthorized", "Customer credentials changed after token was issued.")),
        NOW + 7200,
    );
    let v = p.verdict.unwrap();
    assert!(
        v.headline
            .starts_with("401 although the token was valid at the call"),
        "{}",
        v.headline
    );
    assert!(v.headline.ends_with("the answer says the customer's credentials changed — the token was revoked; the shopper must log in again."), "{}", v.headline);
    // A token that fails a check besides: said too.
    let p = judged(
        &common::token("slas-access-registered.jwt"),
        &format!("GET {HOST}/customer/shopper-customers/v1/organizations/f_ecom_abcd_001/customers/bdlIKiUBKnCfK2vuAiSDMK2xTY?siteId=MyShop-US"),
        &format!("HTTP/2 401\n\n{}", problem("unauthorized", "Customer credentials changed after token was issued.")),
        NOW,
    );
    assert!(p
        .verdict
        .unwrap()
        .headline
        .ends_with("log in again (besides, the URL is for abcd_001; the token is for wxyz_prd)."));
}

#[test]
fn a_404_on_a_custom_api_is_not_an_auth_problem() {
    let url = format!(
        "GET {HOST}/custom/loyalty-info/v1/organizations/f_ecom_abcd_001/points?siteId=RefArch"
    );
    let p = judged(
        &common::token("slas-access-guest.jwt"),
        &url,
        "HTTP/2 404\n\n",
        NOW,
    );
    let v = p.verdict.as_ref().unwrap();
    assert_eq!(
        v.headline,
        "404: on a custom API: the endpoint is not registered for this site; not an auth problem."
    );
    let check = p.request.check().unwrap();
    assert!(matches!(
        check.matched,
        sfcc_token_inspector::inspect::request::Matched::Custom(_)
    ));
    assert!(
        check.verdict.contains("custom API loyalty-info v1"),
        "{}",
        check.verdict
    );
    // A 401 there with a token without a c_ scope: the missing c_ scope is confirmed.
    let p = judged(
        &common::token("slas-access-guest.jwt"),
        &url,
        "HTTP/2 401\n\n",
        NOW,
    );
    assert_eq!(
        p.answer.as_ref().unwrap().recognition.entry.unwrap().id,
        "custom-api-unauthorized"
    );
    assert_eq!(p.verdict.unwrap().headline, "401: the token has no c_ scope: a custom API needs the c_ scope its schema names, granted to the client.");
}

#[test]
fn a_403_for_a_scope_the_token_has_is_a_disagreement() {
    let p = judged(
        &common::token("slas-access-guest.jwt"),
        &format!("PATCH {HOST}{BASKET}"),
        &format!("HTTP/2 403\n\n{}", problem("forbidden", "no permissions")),
        NOW,
    );
    assert_eq!(judgement(&p, "scope-missing"), Some(Judgement::RuledOut));
    assert!(p
        .findings
        .iter()
        .any(|f| f.id == "answer-disagrees" && f.title.contains("403 for a scope the token has")));
}

#[test]
fn without_an_answer_the_request_check_works_as_before() {
    let p = page(
        &Evidence::new(&read_only_token(), &format!("PATCH {HOST}{BASKET}"), ""),
        NOW,
    );
    assert!(p.verdict.is_none() && p.answer.is_none());
    assert!(!p.at.of_call);
    assert!(p.request.check().unwrap().verdict.contains("it has sfcc.shopper-baskets-orders (read) but the call needs sfcc.shopper-baskets-orders.rw"));
}

#[test]
fn an_answer_alone_and_an_undocumented_one() {
    let p = judged("", "", &problem("unauthorized", "x"), NOW);
    let v = p.verdict.unwrap();
    assert!(v.headline.contains("Paste the token"), "{}", v.headline);
    let p = judged("", "", "HTTP/1.1 418 I'm a teapot\n\n{\"oops\":1}", NOW);
    assert_eq!(
        p.verdict.unwrap().headline,
        "418 I'm a teapot: not a documented SFCC error answer."
    );
}

#[test]
fn curl_v_output_alone_gives_token_request_and_answer() {
    let token = read_only_token();
    let answer = format!(
        "> PATCH {BASKET} HTTP/2\n> Host: kv7kzm78.api.commercecloud.salesforce.com\n> Authorization: Bearer {token}\n>\n< HTTP/2 403\n< content-type: application/problem+json\n<\n{}",
        problem("forbidden", "no permissions")
    );
    let evidence = Evidence::new("", "", "").with_answer(&answer);
    assert!(evidence.token_from_answer);
    let p = page(&evidence, NOW);
    assert!(p.answer.as_ref().unwrap().request_from_answer);
    assert!(p
        .verdict
        .unwrap()
        .headline
        .starts_with("403: the token has sfcc.shopper-baskets-orders (read)"));
}

#[test]
fn the_ticket_summary_keeps_what_support_needs_and_nothing_usable_or_personal() {
    let registered = common::token("slas-access-registered.jwt");
    let guest = common::token("slas-access-guest.jwt");
    let paste = format!(
        "{registered}\n{guest}\nrefresh_token={}",
        common::token("slas-refresh-token.txt")
    );
    let answer = format!(
        "HTTP/2 401\nsfdc_correlation_id: 9f1c2d3e-aaaa-bbbb-cccc-0123456789ab\n\n{}",
        problem(
            "unauthorized",
            "Customer credentials changed after token was issued."
        )
    );
    let evidence = Evidence::new(&paste, &format!("GET {HOST}/customer/shopper-customers/v1/organizations/f_ecom_abcd_001/customers/abcXYZ?siteId=RefArch"), "").with_answer(&answer);
    let p = page(&evidence, NOW);
    let s = &p.summary;
    // Nothing usable: no token, no segment of one, no refresh token.
    for t in [&registered, &guest] {
        for part in t.split('.') {
            assert!(!s.contains(part), "a token segment is in the summary:\n{s}");
        }
    }
    assert!(!s.contains(&common::token("slas-refresh-token.txt")));
    // Nothing personal: the registered shopper's login, name and ids.
    let reg = &p.report.credentials[0].sfcc().unwrap().identity;
    for row in reg {
        if ["login", "display-name", "usid", "customer"].contains(&row.id) {
            assert!(
                !s.contains(&row.value),
                "{} ({}) is in the summary:\n{s}",
                row.id,
                row.value
            );
        }
    }
    // What support needs.
    for kept in [
        "abcd_001",
        "f_ecom_abcd_001",
        "RefArch",
        "9f1c2d3e-aaaa-bbbb-cccc-0123456789ab",
        "scapi-unauthorized-credentials-changed",
        "getCustomer",
        "usid#1",
        "usid#2",
        "client id `",
        "sfcc.shopper-baskets-orders.rw",
        "expires 2026-11-22T10:30:00Z",
        "revoked",
    ] {
        assert!(s.contains(kept), "{kept} is missing from the summary:\n{s}");
    }
    assert!(s.trim_end().ends_with("match within this summary._"), "{s}");
    if std::env::var_os("SHOW").is_some() {
        println!("{s}\n{:#?}", p.verdict);
    }
}

#[test]
fn correlation_ids_of_apis_that_do_not_log_to_log_center_are_said_to_be_so() {
    let answer = "HTTP/2 400\ncorrelation-id: c-1\n\n{\"error\":\"invalid_request\",\"error_description\":\"Bad or missing refresh token.\"}";
    let slas = format!("POST {HOST}/shopper/auth/v1/organizations/f_ecom_abcd_001/oauth2/token");
    let p = judged("", &slas, answer, NOW);
    let a = p.answer.unwrap();
    assert!(!a.in_log_center);
    assert_eq!(
        a.recognition.entry.unwrap().id,
        "slas-bad-or-missing-refresh-token"
    );
    assert!(!a.recognition.guessed);
    let p = judged("", &format!("PATCH {HOST}{BASKET}"), answer, NOW);
    assert!(p.answer.unwrap().in_log_center);
}

#[test]
fn a_custom_api_404_with_a_body_of_its_own_is_the_api_answering() {
    let url = format!(
        "GET {HOST}/custom/loyalty-info/v1/organizations/f_ecom_abcd_001/points?siteId=RefArch"
    );
    let p = judged(
        &common::token("slas-access-guest.jwt"),
        &url,
        &format!(
            "HTTP/2 404\n\n{}",
            problem("not-found", "Loyalty account not found")
        ),
        NOW,
    );
    let h = p.verdict.unwrap().headline;
    assert!(
        h.contains("the API's code answered, so the endpoint is registered"),
        "{h}"
    );
}

#[test]
fn timing_causes_never_contradict_each_other() {
    let p = judged(
        &common::token("slas-access-nbf-future.jwt"),
        &format!("PATCH {HOST}{BASKET}"),
        &format!(
            "HTTP/2 401\ndate: Sun, 22 Nov 2026 10:10:00 GMT\n\n{}",
            problem("unauthorized", "x")
        ),
        NOW,
    );
    let v = p.verdict.unwrap();
    assert_eq!(
        judgement_of(&v, "not-yet-valid"),
        Some(Judgement::Confirmed)
    );
    let expired = v.causes.iter().find(|c| c.check.id() == "expired").unwrap();
    assert!(
        expired
            .text
            .starts_with("the token had not expired at the call"),
        "{}",
        expired.text
    );
    // Expired, judged now for want of a Date: said so.
    let p = judged(
        &common::token("slas-access-expired.jwt"),
        "",
        "WWW-Authenticate: Bearer realm=\"servers\", error=\"invalid_token\"",
        NOW,
    );
    let v = p.verdict.unwrap();
    assert!(
        v.headline
            .contains("ago (judged now: the answer gives no Date)"),
        "{}",
        v.headline
    );
    let nbf = v
        .causes
        .iter()
        .find(|c| c.check.id() == "not-yet-valid")
        .unwrap();
    assert!(
        !nbf.text.contains("valid yet") && !nbf.text.contains("was valid now"),
        "{}",
        nbf.text
    );
}

#[test]
fn a_401_for_a_token_that_passes_every_check_is_a_disagreement() {
    let p = judged(
        &common::token("slas-access-guest.jwt"),
        &format!("PATCH {HOST}{BASKET}"),
        &format!(
            "HTTP/2 401\ndate: Sun, 22 Nov 2026 10:11:00 GMT\n\n{}",
            problem("unauthorized", "x")
        ),
        NOW,
    );
    assert!(p.findings.iter().any(|f| f.id == "answer-disagrees"
        && f.title.contains("401 for a token that passes every check")));
    // A 429 without a body: rate limited, with its Retry-After.
    let p = judged(
        "",
        &format!("PATCH {HOST}{BASKET}"),
        "HTTP/2 429\nretry-after: 30\n\n",
        NOW,
    );
    assert!(p.verdict.unwrap().headline.contains("retry after 30 s"));
}

#[test]
fn the_summary_holds_no_shopper_id_from_an_unmatched_path_nor_mangles_short_ids() {
    let registered = common::token("slas-access-registered.jwt");
    let p = page(&Evidence::new(&registered, &format!("GET {HOST}/customer/shopper-customers/v2/organizations/f_ecom_abcd_001/customers/OTHERCUSTOMER123/baskets"), ""), NOW);
    assert!(!p.summary.contains("OTHERCUSTOMER123"), "{}", p.summary);
    // A one-letter guest customer id (gcid:e) must not turn every "e" into a pseudonym.
    let short = edited("slas-access-guest.jwt", |p| {
        let isb = p["isb"]
            .as_str()
            .unwrap()
            .replace("gcid:acTFoOxtzHq8STZHE6svi34zWH", "gcid:e");
        p.insert("isb".into(), isb.into());
    });
    let p = page(&Evidence::new(&short, "", ""), NOW);
    assert!(
        p.summary.contains("SFCC call diagnosis") && p.summary.contains("f_ecom_abcd_001"),
        "{}",
        p.summary
    );
    // Other path ids (a basket id) are pseudonyms too.
    let p = judged(
        &common::token("slas-access-guest.jwt"),
        &format!("PATCH {HOST}{BASKET}"),
        "HTTP/2 403\n\n",
        NOW,
    );
    assert!(!p.summary.contains("bcXwkiaaBYP9Cz4K1wQ9prqvy5"));
}

fn judgement_of(
    v: &sfcc_token_inspector::inspect::verdict::Verdict,
    check: &str,
) -> Option<Judgement> {
    v.causes
        .iter()
        .find(|c| c.check.id() == check)
        .map(|c| c.judgement)
}
