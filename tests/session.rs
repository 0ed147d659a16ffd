//! A whole HAR session read (`session::read`) against the readings of
//! tests/fixtures/har/INDEX.json, fixture by fixture and field by field; the inspector's inputs
//! for each call fed back through the page; no secret in any text; and the rules on synthetic
//! variations of the sessions (so that they hold for the data, not for the files).

mod common;

use std::collections::BTreeSet;

use serde_json::Value;
use sfcc_token_inspector::inspect::findings::Severity;
use sfcc_token_inspector::inspect::har::{self, Har, Pair};
use sfcc_token_inspector::inspect::page::{page, Evidence};
use sfcc_token_inspector::inspect::report::analyze;
use sfcc_token_inspector::inspect::request::{self, Matched};
use sfcc_token_inspector::inspect::session::{self, AtCall, Session};
use sfcc_token_inspector::inspect::time::Moment;

use common::HAR_SESSIONS as SESSIONS;

use common::har_bytes as bytes;

fn har_of(name: &str) -> Har {
    har::read(&bytes(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn index() -> Value {
    serde_json::from_slice(&bytes("INDEX.json")).expect("INDEX.json")
}

fn reading<'a>(index: &'a Value, name: &str) -> &'a Value {
    index["files"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["file"] == name))
        .unwrap_or_else(|| panic!("INDEX has no {name}"))
}

/// INDEX's labels mapped to ours: tokens by `jti` (else by where they were issued), refresh
/// tokens by where they were issued (else by where first seen).
struct Labels {
    pairs: Vec<(String, String)>,
}

impl Labels {
    fn new(s: &Session, file: &Value) -> Labels {
        let mut pairs = Vec::new();
        for t in file["tokens"].as_array().into_iter().flatten() {
            let ours = s
                .tokens
                .iter()
                .find(|o| match (t["jti"].as_str(), o.jti.as_deref()) {
                    (Some(a), Some(b)) => a == b,
                    _ => {
                        t["issued_in_entry"].as_u64().map(|e| e as usize) == o.issued_in
                            && t["issued_where"].as_str() == o.issued_where.as_deref()
                    }
                });
            let ours = ours.unwrap_or_else(|| panic!("token {} not found", t["label"]));
            pairs.push((t["label"].as_str().unwrap().to_string(), ours.label.clone()));
        }
        for r in file["refresh_tokens"].as_array().into_iter().flatten() {
            let first = &r["seen_in"][0];
            let ours = s.refresh_tokens.iter().find(|o| {
                o.seen_in.first().is_some_and(|(e, w)| {
                    Some(*e as u64) == first["entry"].as_u64()
                        && Some(w.as_str()) == first["where"].as_str()
                })
            });
            let ours = ours.unwrap_or_else(|| panic!("refresh token {} not found", r["label"]));
            pairs.push((r["label"].as_str().unwrap().to_string(), ours.label.clone()));
        }
        Labels { pairs }
    }

    fn ours(&self, theirs: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(t, _)| t == theirs)
            .map(|(_, o)| o.as_str())
    }
}

/// The (entry, where) places of a `seen_in` list, a cut copy left out (INDEX marks it
/// `partial`, ours says `cut` in its place).
fn places_of(v: &Value) -> BTreeSet<(usize, String)> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter(|p| p.get("partial").is_none())
        .map(|p| {
            (
                p["entry"].as_u64().unwrap() as usize,
                p["where"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn our_places(seen: &[(usize, String)]) -> BTreeSet<(usize, String)> {
    seen.iter()
        .filter(|(_, w)| !w.contains(", cut"))
        .cloned()
        .collect()
}

fn entries_of(v: &Value) -> BTreeSet<usize> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e.as_u64().or_else(|| e["entry"].as_u64()))
        .map(|e| e as usize)
        .collect()
}

fn read(name: &str) -> Session {
    session::read(har_of(name))
}

#[test]
fn the_sfcc_entries_are_indexs() {
    let index = index();
    for name in SESSIONS {
        let s = read(name);
        let file = reading(&index, name);
        let ours: BTreeSet<usize> = s.calls.iter().map(|c| c.entry).collect();
        assert_eq!(
            ours,
            entries_of(&file["sfcc_entries"]),
            "{name}: SFCC entries"
        );
        let failing: BTreeSet<usize> = s.calls.iter().filter(|c| !c.ok).map(|c| c.entry).collect();
        assert_eq!(
            failing,
            entries_of(&file["failing_sfcc_entries"]),
            "{name}: failing"
        );
        let others = file["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["sfcc"] == false)
            .count();
        assert_eq!(s.others.total, others, "{name}: others");
        let mut kinds: Vec<(&str, usize)> = Vec::new();
        for e in file["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["sfcc"] == false)
        {
            let kind = e["category"].as_str().unwrap();
            match kinds.iter_mut().find(|(k, _)| *k == kind) {
                Some(slot) => slot.1 += 1,
                None => kinds.push((kind, 1)),
            }
        }
        for (kind, n) in &kinds {
            assert!(
                s.others.by_kind.contains(&(*kind, *n)),
                "{name}: {n} {kind}: {:?}",
                s.others.by_kind
            );
        }
        assert_eq!(s.others.by_kind.len(), kinds.len(), "{name}: kinds");
    }
}

/// INDEX's validity of the token at the entry, as ours says it.
fn expected_at_call(e: &Value) -> Option<AtCall> {
    if e["token_valid_at_entry_time"] == false && e["token_time_status"] == "valid" {
        return Some(AtCall::Truncated);
    }
    match e["token_time_status"].as_str()? {
        "valid" => Some(AtCall::Valid),
        "expired" => Some(AtCall::Expired),
        "not_yet_valid" => Some(AtCall::NotYetValid),
        other => panic!("time status {other}"),
    }
}

#[test]
fn each_call_reads_as_index_says() {
    let index = index();
    for name in SESSIONS {
        let s = read(name);
        let file = reading(&index, name);
        let labels = Labels::new(&s, file);
        let label = |i: Option<usize>| i.map(|i| s.tokens[i].label.as_str());
        for e in file["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["sfcc"] == true)
        {
            let n = e["index"].as_u64().unwrap() as usize;
            let c = s.calls.iter().find(|c| c.entry == n).unwrap();
            let at = format!("{name} entry {n}");
            assert_eq!(c.category.id(), e["category"], "{at}: category");
            assert_eq!(c.operation, e["operation"].as_str(), "{at}: operation");
            assert_eq!(
                u64::from(c.status),
                e["status"].as_u64().unwrap(),
                "{at}: status"
            );
            assert_eq!(c.proxied, e["via"] == "pwa-kit-proxy", "{at}: via");
            let theirs = e["token"].as_str().and_then(|t| labels.ours(t));
            assert_eq!(label(c.token), theirs, "{at}: token");
            let likely = e["likely_token"].as_str().and_then(|t| labels.ours(t));
            assert_eq!(label(c.likely_token), likely, "{at}: likely token");
            assert_eq!(
                c.token_sent_as.as_deref(),
                e["token_sent_as"].as_str(),
                "{at}: sent as"
            );
            if c.token.is_some() {
                assert_eq!(c.at_call, expected_at_call(e), "{at}: at call");
            }
            match (c.seconds_to_exp, e["seconds_to_exp"].as_i64()) {
                (Some(a), Some(b)) => {
                    assert!((a - b).abs() <= 1, "{at}: seconds to exp {a} vs {b}")
                }
                (a, b) => assert_eq!(a, b, "{at}: seconds to exp"),
            }
            let rt = c.refresh_token.map(|i| s.refresh_tokens[i].label.as_str());
            assert_eq!(
                rt,
                e["refresh_token"].as_str().and_then(|t| labels.ours(t)),
                "{at}: refresh token"
            );
            let mut issued: BTreeSet<&str> = c
                .issued
                .iter()
                .map(|i| s.tokens[*i].label.as_str())
                .collect();
            issued.extend(
                c.issued_refresh
                    .iter()
                    .map(|i| s.refresh_tokens[*i].label.as_str()),
            );
            let expected: BTreeSet<&str> = e["issues"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|x| labels.ours(x["token"].as_str()?))
                .collect();
            assert_eq!(issued, expected, "{at}: issues");
            assert_eq!(
                c.correlation_id.as_deref(),
                e["correlation_id"].as_str(),
                "{at}: correlation id"
            );
            assert_eq!(c.ok, e["ok"] == true, "{at}: ok");
            assert_eq!(
                c.diagnosis.is_some(),
                !c.ok,
                "{at}: diagnosis only for failing calls"
            );
            if let Some(d) = &c.diagnosis {
                // A sanitized export's readings leave out the token's checks: its session's
                // readings have them.
                let same = file["same_session_as"]
                    .as_str()
                    .map(|f| &reading(&index, f)["entries"][n]);
                diagnosis_mentions(&at, d, same.unwrap_or(e));
            }
        }
    }
}

/// A failing call's diagnosis names what INDEX says went wrong.
fn diagnosis_mentions(at: &str, d: &str, e: &Value) {
    let mut must: Vec<String> = Vec::new();
    if e["scope_check"]["ok"] == false {
        must.push(
            e["scope_check"]["required_any_of"][0]
                .as_str()
                .unwrap()
                .into(),
        );
    }
    if e["tenant_check"]["ok"] == false {
        must.push(e["tenant_check"]["needs"].as_str().unwrap().into());
    }
    if e["token_time_status"] == "expired" {
        must.push("expired".into());
    }
    if expected_at_call(e) == Some(AtCall::Truncated) {
        must.push("cc-at".into());
    }
    if let Some(error) = e["error"]["error"].as_str() {
        must.push(error.into());
    }
    if e["refresh_token_state"]
        .as_str()
        .is_some_and(|s| s.contains("already redeemed"))
    {
        must.push("already been redeemed".into());
    }
    assert!(!must.is_empty(), "{at}: INDEX says nothing checkable");
    for m in must {
        assert!(d.contains(&m), "{at}: diagnosis {d:?} does not mention {m}");
    }
}

#[test]
fn tokens_and_refresh_tokens_are_indexs() {
    let index = index();
    for name in SESSIONS {
        let s = read(name);
        let file = reading(&index, name);
        let labels = Labels::new(&s, file);
        assert_eq!(
            s.tokens.len(),
            file["tokens"].as_array().unwrap().len(),
            "{name}: tokens"
        );
        for t in file["tokens"].as_array().unwrap() {
            let ours = labels.ours(t["label"].as_str().unwrap()).unwrap();
            let o = s.tokens.iter().find(|o| o.label == ours).unwrap();
            let at = format!("{name} {}", t["label"]);
            assert_eq!(
                o.issued_in.map(|e| e as u64),
                t["issued_in_entry"].as_u64(),
                "{at}: issued in"
            );
            assert_eq!(o.iat, t["iat"].as_i64(), "{at}: iat");
            assert_eq!(o.exp, t["exp"].as_i64(), "{at}: exp");
            assert_eq!(
                o.credential.text.len() as u64,
                t["length"].as_u64().unwrap(),
                "{at}: length"
            );
            let used: BTreeSet<usize> = o.used_in.iter().copied().collect();
            assert_eq!(used, entries_of(&t["used_in_entries"]), "{at}: used in");
            let seen: BTreeSet<usize> = o.seen_in.iter().map(|(e, _)| *e).collect();
            assert_eq!(seen, entries_of(&t["seen_in"]), "{at}: seen in");
            assert_eq!(
                our_places(&o.seen_in),
                places_of(&t["seen_in"]),
                "{at}: places"
            );
            assert_eq!(
                o.issued_where.as_deref(),
                t["issued_where"].as_str(),
                "{at}: issued where"
            );
        }
        assert_eq!(
            s.refresh_tokens.len(),
            file["refresh_tokens"].as_array().unwrap().len(),
            "{name}: refresh tokens"
        );
        for r in file["refresh_tokens"].as_array().unwrap() {
            let ours = labels.ours(r["label"].as_str().unwrap()).unwrap();
            let o = s.refresh_tokens.iter().find(|o| o.label == ours).unwrap();
            let at = format!("{name} {}", r["label"]);
            assert_eq!(
                o.issued_in.map(|e| e as u64),
                r["issued_in_entry"].as_u64(),
                "{at}: issued in"
            );
            let redeemed: Vec<(u64, u64)> = o
                .redeemed_in
                .iter()
                .map(|d| (d.entry as u64, u64::from(d.status)))
                .collect();
            let theirs: Vec<(u64, u64)> = r["redeemed_in"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| (d["entry"].as_u64().unwrap(), d["status"].as_u64().unwrap()))
                .collect();
            assert_eq!(redeemed, theirs, "{at}: redeemed in");
            assert_eq!(o.reused(), r["reused"] == true, "{at}: reused");
            let seen: BTreeSet<usize> = o.seen_in.iter().map(|(e, _)| *e).collect();
            assert_eq!(seen, entries_of(&r["seen_in"]), "{at}: seen in");
            assert_eq!(
                our_places(&o.seen_in),
                places_of(&r["seen_in"]),
                "{at}: places"
            );
        }
    }
}

#[test]
fn the_findings_are_indexs() {
    let index = index();
    for name in SESSIONS {
        let s = read(name);
        let file = reading(&index, name);
        let expected = file["findings"].as_array().unwrap();
        for f in expected {
            let id = f["id"].as_str().unwrap();
            let ours: Vec<_> = s.findings.iter().filter(|o| o.id == id).collect();
            assert!(
                !ours.is_empty(),
                "{name}: no {id}; ours: {:?}",
                s.findings.iter().map(|f| f.id).collect::<Vec<_>>()
            );
            let entries: BTreeSet<usize> = ours
                .iter()
                .flat_map(|o| o.entries.iter().copied())
                .collect();
            assert_eq!(entries, entries_of(&f["entries"]), "{name} {id}: entries");
            assert_eq!(
                ours[0].severity.name(),
                f["severity"],
                "{name} {id}: severity"
            );
            assert!(
                !ours[0].title.is_empty() && ours[0].detail.len() > 40,
                "{name} {id}: text"
            );
        }
        for o in s.findings.iter().filter(|o| o.severity == Severity::Error) {
            assert!(
                expected.iter().any(|f| f["id"] == o.id),
                "{name}: unexpected error {} — {}",
                o.id,
                o.detail
            );
        }
        let ranks: Vec<Severity> = s.findings.iter().map(|f| f.severity).collect();
        assert!(
            ranks.windows(2).all(|w| w[0] <= w[1]),
            "{name}: ranked {ranks:?}"
        );
    }
}

#[test]
fn findings_say_what_a_support_engineer_acts_on() {
    let s = read("pwa-kit-session.har");
    let detail = |id: &str| {
        s.findings
            .iter()
            .find(|f| f.id == id)
            .map(|f| f.detail.clone())
            .unwrap()
    };
    assert!(detail("expired-token-401").contains("2 min 14 s before the call"));
    assert!(detail("expired-token-401").contains("entry 35"));
    assert!(detail("missing-rw-scope-403").contains("sfcc.shopper-baskets-orders.rw"));
    assert!(detail("scope-set-changed").contains("removed sfcc.shopper-baskets-orders.rw"));
    assert!(detail("correlation-ids").contains("bed2b814-0934-455d-b84a-265ce685b654"));
    let race = read("refresh-race.har");
    let reused = race
        .findings
        .iter()
        .find(|f| f.id == "refresh-token-reused")
        .unwrap();
    assert!(reused.detail.contains("0.42 s later"), "{}", reused.detail);
    assert!(
        reused.detail.contains("/account/orders") && reused.detail.contains("/product/"),
        "tabs by referer: {}",
        reused.detail
    );
}

/// Every secret of a HAR: refresh tokens, passwords, client secrets, Basic credentials,
/// `dwsid`, and every full JWT.
fn secrets(har: &Har, s: &Session) -> Vec<String> {
    let mut out: Vec<String> = s.tokens.iter().map(|t| t.credential.text.clone()).collect();
    let secret_param = |p: &Pair| {
        matches!(
            p.name.as_str(),
            "refresh_token" | "password" | "client_secret" | "code_verifier"
        )
    };
    for e in &har.entries {
        out.extend(
            e.post_params
                .iter()
                .filter(|p| secret_param(p))
                .map(|p| p.value.clone()),
        );
        out.extend(
            e.request_cookies
                .iter()
                .chain(&e.response_cookies)
                .filter(|c| c.name.starts_with("cc-") || c.name == "dwsid")
                .map(|c| c.value.clone()),
        );
        if let Some(b) = e
            .request_header("authorization")
            .and_then(|v| v.strip_prefix("Basic "))
        {
            out.push(b.to_string());
        }
        if let har::Body::Text(t) = &e.response_body {
            if let Ok(v) = serde_json::from_str::<Value>(t) {
                out.extend(v["refresh_token"].as_str().map(str::to_string));
            }
        }
    }
    out.push("fake-secret-do-not-use".into());
    out.retain(|x| x.len() >= 16);
    out
}

#[test]
fn no_secret_in_any_text() {
    for name in SESSIONS {
        let har = har_of(name);
        let s = session::read(har.clone());
        let mut texts: Vec<String> = Vec::new();
        for f in &s.findings {
            texts.push(f.title.clone());
            texts.push(f.detail.clone());
        }
        texts.extend(s.calls.iter().filter_map(|c| c.diagnosis.clone()));
        texts.extend(s.calls.iter().filter_map(|c| c.token_sent_as.clone()));
        texts.extend(s.tokens.iter().map(|t| t.label.clone()));
        texts.extend(s.refresh_tokens.iter().map(|t| t.label.clone()));
        texts.extend(
            s.tokens
                .iter()
                .flat_map(|t| t.seen_in.iter().map(|(_, w)| w.clone())),
        );
        texts.extend(
            s.refresh_tokens
                .iter()
                .flat_map(|t| t.seen_in.iter().map(|(_, w)| w.clone())),
        );
        for secret in secrets(&har, &s) {
            for t in &texts {
                assert!(!t.contains(&secret), "{name}: a secret in {t:?}");
            }
        }
    }
}

#[test]
fn inspecting_a_call_gives_the_pages_verdict() {
    for name in SESSIONS {
        let s = read(name);
        assert!(s.inspect(s.calls.len()).is_none());
        for (i, c) in s.calls.iter().enumerate() {
            let ev = s.inspect(i).unwrap();
            let at = format!("{name} entry {}", c.entry);
            assert_eq!(ev.at, c.started_ms.div_euclid(1000), "{at}: at");
            let sent = c
                .token
                .or(c.likely_token)
                .filter(|_| c.at_call != Some(AtCall::Truncated));
            if let Some(t) = sent {
                let report = analyze(&ev.paste);
                let text = report.credentials.first().map(|c| c.text.as_str());
                assert_eq!(
                    text,
                    Some(s.tokens[t].credential.text.as_str()),
                    "{at}: the paste reads back to the token"
                );
            }
            if let Some(op) = c.operation {
                let check = request::check_at(&ev.request, None, Moment::call(ev.at))
                    .unwrap()
                    .unwrap();
                let Matched::Operation(m) = check.matched else {
                    panic!("{at}: no operation")
                };
                assert_eq!(m.endpoint.operation_id, op, "{at}: the request reads back");
            }
            let Some(diagnosis) = &c.diagnosis else {
                continue;
            };
            let evidence = Evidence::new(&ev.paste, &ev.request, "").with_answer(&ev.answer);
            let shown = page(&evidence, common::NOW);
            assert_eq!(shown.at, Moment::call(ev.at), "{at}: judged at the call");
            let headline = shown.verdict.map(|v| v.headline).unwrap_or_default();
            assert!(
                !headline.is_empty() && diagnosis.starts_with(&headline),
                "{at}: {diagnosis:?} vs {headline:?}"
            );
        }
    }
}

#[test]
fn a_sanitized_export_is_read_from_the_timeline() {
    let s = read("pwa-kit-session-sanitized.har");
    assert!(s.sanitized);
    assert!(s.calls.iter().all(|c| c.token.is_none()));
    assert!(!read("pwa-kit-session.har").sanitized);
    assert!(!read("am-admin.har").sanitized);
    let c = s.calls.iter().find(|c| c.entry == 34).unwrap();
    assert_eq!(c.at_call, Some(AtCall::Expired));
    let ev = s
        .inspect(s.calls.iter().position(|c| c.entry == 34).unwrap())
        .unwrap();
    assert!(ev.paste.starts_with("Authorization: Bearer eyJ"));
}

/// The pwa-kit session without entry `n` (later entries move up by one).
fn without(mut har: Har, n: usize) -> Har {
    har.entries.remove(n);
    reindex(&mut har);
    har
}

fn reindex(har: &mut Har) {
    for (i, e) in har.entries.iter_mut().enumerate() {
        e.index = i;
    }
}

#[test]
fn the_expiry_rule_holds_without_the_refresh() {
    let s = session::read(without(har_of("pwa-kit-session.har"), 35));
    let f = s
        .findings
        .iter()
        .find(|f| f.id == "expired-token-401")
        .expect("401 finding");
    assert_eq!(f.entries, vec![34]);
    assert!(
        f.detail.contains("refresh the token before calling"),
        "{}",
        f.detail
    );
    assert!(!s.findings.iter().any(|f| f.id == "refresh-token-reused"));
}

#[test]
fn a_refresh_token_redeemed_twice_is_found_anywhere() {
    let mut har = har_of("pwa-kit-session.har");
    let mut again = har.entries[24].clone();
    again.started_ms = again.started_ms.map(|t| t + 300);
    again.status = 400;
    again.response_body = har::Body::Text(
        r#"{"error":"invalid_grant","error_description":"Refresh token is invalid"}"#.into(),
    );
    har.entries.insert(25, again);
    reindex(&mut har);
    let s = session::read(har);
    let f = s
        .findings
        .iter()
        .find(|f| f.id == "refresh-token-reused")
        .expect("reuse");
    assert_eq!(f.entries, vec![24, 25]);
    assert!(!s
        .findings
        .iter()
        .any(|f| f.id == "refresh-tokens-single-use-ok"));
    let c = s.calls.iter().find(|c| c.entry == 25).unwrap();
    assert!(c
        .diagnosis
        .as_deref()
        .unwrap()
        .contains("already been redeemed at entry 24"));
}

#[test]
fn sanitizing_the_full_session_gives_the_sanitized_reading() {
    let mut har = har_of("pwa-kit-session.har");
    for e in &mut har.entries {
        e.request_headers.retain(|h| {
            !matches!(
                h.name.to_ascii_lowercase().as_str(),
                "authorization" | "cookie"
            )
        });
        e.response_headers
            .retain(|h| !h.name.eq_ignore_ascii_case("set-cookie"));
        e.request_cookies.clear();
        e.response_cookies.clear();
    }
    let ours = session::read(har);
    let chrome = read("pwa-kit-session-sanitized.har");
    assert!(ours.sanitized);
    let likely = |s: &Session| {
        s.calls
            .iter()
            .map(|c| (c.entry, c.likely_token, c.at_call))
            .collect::<Vec<_>>()
    };
    assert_eq!(likely(&ours), likely(&chrome));
    let ids = |s: &Session| s.findings.iter().map(|f| f.id).collect::<Vec<_>>();
    assert_eq!(ids(&ours), ids(&chrome));
}

#[test]
fn the_private_slas_proxy_is_a_proxy_too() {
    let mut har = har_of("pwa-kit-session.har");
    for e in &mut har.entries {
        e.url = e.url.replace(
            "/mobify/proxy/api/shopper/auth/",
            "/mobify/slas/private/shopper/auth/",
        );
    }
    let s = session::read(har);
    let full = read("pwa-kit-session.har");
    let reading = |s: &Session| {
        s.calls
            .iter()
            .map(|c| {
                (
                    c.entry,
                    c.category,
                    c.proxied,
                    c.operation,
                    c.issued.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(reading(&s), reading(&full));
    let ids = |s: &Session| s.findings.iter().map(|f| f.id).collect::<Vec<_>>();
    assert_eq!(ids(&s), ids(&full));
}

#[test]
fn the_first_thirty_entries_read_alone() {
    // What a lenient reader recovers from truncated.har: entries 0–29 of the full session.
    let mut har = har_of("pwa-kit-session.har");
    har.entries.truncate(30);
    let s = session::read(har);
    let full = read("pwa-kit-session.har");
    assert_eq!(
        s.tokens.len(),
        2,
        "AT1 and AT2 only: the half AT3 is not a token"
    );
    for c in &s.calls {
        let f = full.calls.iter().find(|x| x.entry == c.entry).unwrap();
        assert_eq!(
            (c.operation, c.token, c.at_call, c.ok),
            (f.operation, f.token, f.at_call, f.ok)
        );
    }
    assert!(s.findings.iter().any(|f| f.id == "missing-rw-scope-403"));
}

/// truncated.har ends inside entry 30, halfway through AT3: a lenient reader recovers entries
/// 0–29, and the session holds AT1 and AT2 only. The whole-file placeholder reader refuses
/// the file (not JSON); this test checks the session as soon as the slice reader lands.
#[test]
fn truncated_har_reads_its_thirty_entries() {
    let har = match har::read(&bytes("truncated.har")) {
        Ok(har) => har,
        Err(har::HarError::NotJson(_)) => {
            eprintln!("truncated.har: the placeholder reader refuses it; session not checked");
            return;
        }
        Err(e) => panic!("truncated.har: {e}"),
    };
    assert_eq!(har.entries.len(), 30);
    let s = session::read(har);
    assert_eq!(s.tokens.len(), 2);
    assert!(s
        .tokens
        .iter()
        .all(|t| t.credential.text.split('.').count() == 3));
    assert!(s.calls.iter().all(|c| c.entry < 30));
}

#[test]
fn any_har_reads_without_panicking() {
    let mut rng = common::Rng(0x5e55_10f0);
    let base = har_of("sfra-hybrid-session.har");
    for _ in 0..200 {
        let mut har = base.clone();
        for e in &mut har.entries {
            match rng.below(6) {
                0 => {
                    let n = rng.below(40);
                    e.url = String::from_utf8_lossy(&rng.bytes(n)).into_owned();
                }
                1 => e.status = rng.below(600) as u16,
                2 => e.started_ms = None,
                3 => e
                    .request_cookies
                    .iter_mut()
                    .for_each(|c| c.value.truncate(rng.below(50))),
                4 => e.response_body = har::Body::Text("{\"access_token\":\"eyJ.eyJ.\"}".into()),
                _ => {}
            }
        }
        let s = session::read(har);
        for i in 0..s.calls.len() {
            let _ = s.inspect(i);
        }
    }
    let _ = session::read(Har::default());
}

#[test]
fn many_other_entries_cost_little() {
    let mut har = har_of("pwa-kit-session.har");
    let filler = har.entries[1].clone();
    for _ in 0..5000 {
        har.entries.push(filler.clone());
    }
    reindex(&mut har);
    let start = std::time::Instant::now();
    let s = session::read(har);
    let took = start.elapsed();
    assert_eq!(s.calls.len(), 18);
    assert_eq!(s.others.total, 21 + 5000);
    // Debug build, shared machines: generous; the release figure is in the report.
    assert!(took.as_millis() < 1500, "took {took:?}");
}

#[test]
fn an_sfcc_call_without_a_response_is_a_failing_call() {
    let mut har = har_of("pwa-kit-session.har");
    let e = &mut har.entries[25];
    e.status = 0;
    e.status_text.clear();
    e.response_headers.clear();
    e.response_body = har::Body::None;
    e.error = Some("net::ERR_CONNECTION_RESET".into());
    let s = session::read(har);
    let c = s.calls.iter().find(|c| c.entry == 25).unwrap();
    assert!(!c.ok);
    let d = c.diagnosis.as_deref().unwrap();
    assert!(
        d.starts_with("No response (status 0, _error net::ERR_CONNECTION_RESET)"),
        "{d}"
    );
    let ev = s
        .inspect(s.calls.iter().position(|c| c.entry == 25).unwrap())
        .unwrap();
    assert!(ev.answer.is_empty());
    let f = s
        .findings
        .iter()
        .find(|f| f.id == "no-response-entry")
        .unwrap();
    assert_eq!(f.entries, vec![22, 25]);
    assert!(f.detail.contains("scapi-shopper"), "{}", f.detail);
}

#[test]
fn a_cut_bearer_is_told_apart_by_its_own_cookies_only() {
    let mut har = har_of("sfra-hybrid-session.har");
    let bearer = har.entries[12]
        .request_header("authorization")
        .unwrap()
        .to_string();
    let s = session::read(har.clone());
    let label = |s: &Session, entry: usize| {
        let c = s.calls.iter().find(|c| c.entry == entry).unwrap();
        (c.token.map(|t| s.tokens[t].label.clone()), c.at_call)
    };
    assert_eq!(label(&s, 12), (Some("AT1".into()), Some(AtCall::Truncated)));
    // The same cut value on a later request that carries the second token's cookies: the two
    // tokens share their first 1199 characters, and those cookies say it is the second one.
    let later = &mut har.entries[16];
    later.request_headers.push(Pair {
        name: "authorization".into(),
        value: bearer,
    });
    let s = session::read(har.clone());
    assert_eq!(label(&s, 16), (Some("AT2".into()), Some(AtCall::Truncated)));
    // Without its cookies, both tokens start with it: no guess.
    let later = &mut har.entries[16];
    later.request_cookies.clear();
    later.request_headers.retain(|h| h.name != "cookie");
    let s = session::read(har);
    assert_eq!(label(&s, 16), (None, Some(AtCall::Truncated)));
    let f: Vec<_> = s
        .findings
        .iter()
        .filter(|f| f.id == "truncated-bearer")
        .collect();
    assert_eq!(f.len(), 1, "{:?}", s.findings);
    assert_eq!(f[0].entries, vec![16]);
}

#[test]
fn any_file_reads_without_panicking() {
    let mut rng = common::Rng(0xface_b00c);
    for name in SESSIONS {
        let base = bytes(name);
        for _ in 0..12 {
            let mut b = base.clone();
            // Letters and digits changed into others keep the JSON valid and reach the values:
            // tokens, URLs, names, times.
            const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
            for _ in 0..rng.below(400) {
                let at = rng.below(b.len());
                if b[at].is_ascii_alphanumeric() {
                    b[at] = ALNUM[rng.below(ALNUM.len())];
                }
            }
            if let Ok(har) = har::read(&b) {
                let s = session::read(har);
                for i in 0..s.calls.len() {
                    let _ = s.inspect(i);
                }
            }
        }
    }
}

#[test]
fn a_har_out_of_time_order_reads_the_same() {
    let mut har = har_of("pwa-kit-session-sanitized.har");
    let n = har.entries.len();
    har.entries.reverse();
    reindex(&mut har);
    let reversed = session::read(har);
    let straight = read("pwa-kit-session-sanitized.har");
    let jti = |s: &Session, i: Option<usize>| i.and_then(|i| s.tokens[i].jti.clone());
    let reading = |s: &Session, flip: bool| {
        let mut v: Vec<_> = s
            .calls
            .iter()
            .map(|c| {
                let entry = if flip { n - 1 - c.entry } else { c.entry };
                (
                    entry,
                    c.operation,
                    jti(s, c.likely_token),
                    c.at_call,
                    c.seconds_to_exp,
                )
            })
            .collect();
        v.sort_by_key(|r| r.0);
        v
    };
    assert_eq!(reading(&reversed, true), reading(&straight, false));
    // Calls are listed in time order whatever the file's order.
    assert!(reversed
        .calls
        .windows(2)
        .all(|w| w[0].started_ms <= w[1].started_ms));
}

/// What a support engineer reads from a session: each call's entry, operation, status, the
/// label of its token and how the token stood at the call, and whether it failed.
fn readings(s: &Session) -> Vec<String> {
    s.calls
        .iter()
        .map(|c| {
            let label = |i: Option<usize>| i.and_then(|i| s.tokens.get(i)).map(|t| t.label.clone());
            format!(
                "#{} {:?} {} {:?}/{:?} {:?} {:?} ok={}",
                c.entry,
                c.operation,
                c.status,
                label(c.token),
                label(c.likely_token),
                c.at_call,
                c.seconds_to_exp,
                c.ok
            )
        })
        .collect()
}

/// Findings about what the file carries change when the export removes it; the rest must not.
fn diagnostic_ids(s: &Session) -> BTreeSet<(&'static str, Vec<usize>)> {
    s.findings
        .iter()
        .filter(|f| {
            !matches!(
                f.id,
                "secrets-in-har"
                    | "client-secret-in-har"
                    | "login-credentials-removed"
                    | "tokens-in-cookies"
            )
        })
        .map(|f| (f.id, f.entries.clone()))
        .collect()
}

#[test]
fn our_sanitized_export_reads_to_the_same_diagnostics() {
    use sfcc_token_inspector::inspect::sanitize;
    for name in SESSIONS {
        let before = read(name);
        let (export, manifest) = sanitize::sanitize(&bytes(name)).unwrap();
        assert!(manifest.total() > 0 || name.contains("sanitized"), "{name}");
        let after = session::read(har::read(export.as_bytes()).unwrap());
        assert_eq!(readings(&after), readings(&before), "{name}: the calls");
        assert_eq!(
            diagnostic_ids(&after),
            diagnostic_ids(&before),
            "{name}: the findings"
        );
        let diagnoses = |s: &Session| {
            s.calls
                .iter()
                .map(|c| c.diagnosis.is_some())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            diagnoses(&after),
            diagnoses(&before),
            "{name}: diagnosed calls"
        );
    }
}

#[test]
fn a_call_selected_in_the_page_is_judged_at_its_started_date_time() {
    let s = std::rc::Rc::new(read("pwa-kit-session.har"));
    let i = s.calls.iter().position(|c| c.entry == 34).unwrap();
    let evidence = Evidence::default().with_session(Some(s.clone()));
    let (evidence, call) = evidence.with_call(i).unwrap();
    // Looked at days later: still judged at the call.
    let shown = page(&evidence, call.at + 5 * 86_400);
    assert_eq!(shown.at, Moment::call(call.at));
    let verdict = shown.verdict.expect("a verdict");
    assert!(verdict.headline.contains("expired"), "{}", verdict.headline);
    assert!(shown.session.is_some(), "the session stays open");
    assert!(evidence.with_call(s.calls.len()).is_none());
}

#[test]
fn a_har_pasted_as_text_opens_the_session() {
    let text = String::from_utf8(bytes("am-admin.har")).unwrap();
    let s = session::from_paste(&text).expect("a session");
    assert_eq!(s.calls.len(), read("am-admin.har").calls.len());
    assert!(session::from_paste("eyJhbGciOiJFUzI1NiJ9.e30.c2ln").is_none());
    assert!(session::from_paste(r#"{"log": {"entries": []}}"#).is_none());
}

fn ids(s: &Session) -> Vec<&'static str> {
    s.findings.iter().map(|f| f.id).collect()
}

#[test]
fn drift_and_revocation_are_silent_where_nothing_drifts() {
    for name in [
        "pwa-kit-session.har",
        "pwa-kit-session-sanitized.har",
        "refresh-race.har",
        "sfra-hybrid-session.har",
    ] {
        let found = ids(&read(name));
        for id in [
            "client-id-changed",
            "organization-drift",
            "site-drift",
            "revoked-token-401",
        ] {
            assert!(!found.contains(&id), "{name}: {id} in {found:?}");
        }
    }
    // The Account Manager session does call two organizations.
    let am = read("am-admin.har");
    let f = am
        .findings
        .iter()
        .find(|f| f.id == "organization-drift")
        .expect("two organizations");
    assert!(
        f.detail.contains("f_ecom_zzzz_002") && f.detail.contains("f_ecom_zzzz_001"),
        "{}",
        f.detail
    );
}

#[test]
fn a_401_for_a_token_valid_at_the_call_is_a_revocation() {
    let mut har = har_of("pwa-kit-session.har");
    // The retry at 36 (AT4, fresh) answered 401 instead.
    har.entries[36].status = 401;
    let s = session::read(har);
    let f = s
        .findings
        .iter()
        .find(|f| f.id == "revoked-token-401")
        .expect("revoked");
    assert_eq!(f.entries, vec![36]);
    assert!(
        f.detail.contains("AT4") && f.detail.contains("valid at the call"),
        "{}",
        f.detail
    );
    assert_eq!(f.severity, Severity::Error);
}

#[test]
fn a_site_that_changes_between_calls_is_said() {
    let mut har = har_of("pwa-kit-session.har");
    har.entries[36].url = har.entries[36]
        .url
        .replace("siteId=RefArch", "siteId=RefArchGlobal");
    let s = session::read(har);
    let f = s
        .findings
        .iter()
        .find(|f| f.id == "site-drift")
        .expect("site drift");
    assert!(
        f.detail.contains("RefArchGlobal (entry 36)"),
        "{}",
        f.detail
    );
}

#[test]
fn a_client_id_that_changes_between_calls_is_said() {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut har = har_of("pwa-kit-session.har");
    let auth = har.entries[36]
        .request_header("authorization")
        .unwrap()
        .to_string();
    let token = auth.trim_start_matches("Bearer ").to_string();
    let parts: Vec<&str> = token.split('.').collect();
    let payload = String::from_utf8(b64.decode(parts[1]).unwrap()).unwrap();
    let client = read("pwa-kit-session.har").tokens[0]
        .credential
        .sfcc()
        .unwrap()
        .client_id
        .clone()
        .unwrap();
    let other = payload.replace(&client, "0e0a5d06-7e27-4a5b-9c0f-3a2f3b8c1d11");
    let forged = format!("{}.{}.{}", parts[0], b64.encode(other), parts[2]);
    for h in &mut har.entries[36].request_headers {
        if h.name.eq_ignore_ascii_case("authorization") {
            h.value = format!("Bearer {forged}");
        }
    }
    let s = session::read(har);
    let f = s
        .findings
        .iter()
        .find(|f| f.id == "client-id-changed")
        .expect("client change");
    assert!(
        f.detail.contains("0e0a5d06-7e27-4a5b-9c0f-3a2f3b8c1d11") && f.detail.contains(&client),
        "{}",
        f.detail
    );
    assert!(f.entries.contains(&36));
}

#[test]
fn an_entry_without_a_start_time_is_placed_next_to_its_neighbour_not_in_1970() {
    let mut har = har_of("pwa-kit-session.har");
    har.entries[34].started_ms = None;
    har.entries[34].started = String::new();
    let s = session::read(har);
    let c = s.calls.iter().find(|c| c.entry == 34).unwrap();
    assert!(c.started_ms > 1_700_000_000_000, "{}", c.started_ms);
    assert!(
        s.har
            .problems
            .iter()
            .any(|p| p.contains("startedDateTime") && p.contains("34")),
        "{:?}",
        s.har.problems
    );
    assert!(ids(&s).contains(&"missing-rw-scope-403"));
}
