//! "Download sanitized HAR": every session fixture of tests/fixtures/har exported, and the export
//! holds none of the input's credentials or e-mail addresses, still opens as the same HAR, still
//! lets the analyser read every token's tenant, kind and scopes, keeps refresh tokens' equality,
//! counts right, is idempotent, and never panics on a mutated file.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use sfcc_token_inspector::inspect::sanitize::{sanitize, Manifest, Sanitizer, What, PREFIX};
use sfcc_token_inspector::inspect::{analyze, har};

mod common;

use common::HAR_SESSIONS as SESSIONS;

use common::har_bytes as bytes;

fn input(name: &str) -> (String, Value) {
    let text = String::from_utf8(bytes(name)).unwrap();
    let json = serde_json::from_str(&text).unwrap();
    (text, json)
}

fn export(name: &str) -> (String, Value, Manifest) {
    let (text, manifest) = sanitize(&bytes(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    (text, json, manifest)
}

fn entries(har: &Value) -> &Vec<Value> {
    har["log"]["entries"].as_array().expect("entries")
}

fn b64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// Every `eyJ….….…` in `text` (the signature may be empty).
fn jwts(text: &str) -> BTreeSet<String> {
    let bytes = text.as_bytes();
    let mut out = BTreeSet::new();
    let mut i = 0;
    while let Some(at) = text[i..].find("eyJ").map(|n| n + i) {
        let end = (at..bytes.len())
            .find(|&j| !(b64url(bytes[j]) || bytes[j] == b'.'))
            .unwrap_or(bytes.len());
        let parts: Vec<&str> = text[at..end].split('.').collect();
        if parts.len() >= 3 {
            out.insert(parts[..3].join("."));
        }
        i = end.max(at + 3);
    }
    out
}

/// Every match of `[\w.+-]+@[\w-]+\.[\w.]+` in `text`.
fn emails(text: &str) -> BTreeSet<String> {
    let b = text.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut out = BTreeSet::new();
    for (at, _) in text.match_indices('@') {
        let mut start = at;
        while start > 0 && (word(b[start - 1]) || b".+-".contains(&b[start - 1])) {
            start -= 1;
        }
        let mut dot = at + 1;
        while dot < b.len() && (word(b[dot]) || b[dot] == b'-') {
            dot += 1;
        }
        if start == at || dot == at + 1 || b.get(dot) != Some(&b'.') {
            continue;
        }
        let mut end = dot + 1;
        while end < b.len() && (word(b[end]) || b[end] == b'.') {
            end += 1;
        }
        if end > dot + 1 {
            out.insert(text[start..end].to_string());
        }
    }
    out
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_default()
}

/// (name, value) of every cookie an entry carries: `cookies` arrays, `Cookie` and `Set-Cookie`
/// headers (Chrome joins several `Set-Cookie` with `\n`).
fn cookies(entry: &Value) -> Vec<(String, String)> {
    let mut out = side_cookies(entry, "request");
    out.extend(side_cookies(entry, "response"));
    out
}

/// (name, value) of every cookie of the entry's request or response.
fn side_cookies(entry: &Value, side: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    {
        for c in entry[side]["cookies"].as_array().into_iter().flatten() {
            out.push((str_of(c, "name").into(), str_of(c, "value").into()));
        }
        for h in entry[side]["headers"].as_array().into_iter().flatten() {
            let name = str_of(h, "name").to_ascii_lowercase();
            let pairs: Vec<&str> = match name.as_str() {
                "cookie" => str_of(h, "value").split(';').collect(),
                "set-cookie" => str_of(h, "value")
                    .lines()
                    .filter_map(|l| l.split(';').next())
                    .collect(),
                _ => continue,
            };
            for pair in pairs {
                if let Some((n, v)) = pair.trim().split_once('=') {
                    out.push((n.into(), v.into()));
                }
            }
        }
    }
    out
}

/// The token of a `cc-at`, `cc-at_2` … cookie list, joined by name.
fn joined_cc_at(cookies: &[(String, String)]) -> Vec<String> {
    let mut chunks: BTreeMap<String, String> = BTreeMap::new();
    for (name, value) in cookies {
        if name == "cc-at" || name.starts_with("cc-at_") {
            chunks.insert(name.clone(), value.clone());
        }
    }
    let mut out = Vec::new();
    if let Some(first) = chunks.get("cc-at").filter(|v| !v.is_empty()) {
        let rest: String = (2..10)
            .filter_map(|n| chunks.get(&format!("cc-at_{n}")))
            .cloned()
            .collect();
        out.push(format!("{first}{rest}"));
    }
    out
}

/// Parameters of forms and queries (`[{name, value}]`) of an entry, and of form texts.
fn params(entry: &Value) -> Vec<(String, String)> {
    let request = &entry["request"];
    let mut out: Vec<(String, String)> = [&request["queryString"], &request["postData"]["params"]]
        .into_iter()
        .filter_map(Value::as_array)
        .flatten()
        .map(|p| (str_of(p, "name").into(), str_of(p, "value").into()))
        .collect();
    let text = str_of(&request["postData"], "text");
    if !text.trim_start().starts_with('{') {
        for pair in text.split('&') {
            if let Some((n, v)) = pair.split_once('=') {
                out.push((n.into(), v.into()));
            }
        }
    }
    out
}

/// The response body as JSON, when it is.
fn body(entry: &Value) -> Value {
    serde_json::from_str(str_of(&entry["response"]["content"], "text")).unwrap_or(Value::Null)
}

/// Every refresh token of the input: token-response bodies, forms, `cc-nx` cookies.
fn refresh_tokens(har: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for e in entries(har) {
        if let Some(rt) = body(e)["refresh_token"].as_str() {
            out.insert(rt.to_string());
        }
        for (n, v) in params(e) {
            if n == "refresh_token" {
                out.insert(v);
            }
        }
        for (n, v) in cookies(e) {
            if n.starts_with("cc-nx") {
                out.insert(v);
            }
        }
    }
    out.retain(|v| !v.is_empty());
    out
}

/// Everything of the input that must not reach the export.
fn secrets(har: &Value) -> BTreeSet<String> {
    let mut out = refresh_tokens(har);
    for e in entries(har) {
        for (n, v) in cookies(e) {
            if n.starts_with("cc-at") || n.starts_with("cc-nx") || n == "dwsid" {
                out.insert(v);
            }
        }
        for (n, v) in params(e) {
            if ["client_secret", "password", "code_verifier", "code"].contains(&n.as_str()) {
                out.insert(v);
            }
        }
        for h in e["request"]["headers"].as_array().into_iter().flatten() {
            let value = str_of(h, "value");
            if let Some(basic) = value.strip_prefix("Basic ") {
                out.insert(basic.to_string());
            }
            if str_of(h, "name").eq_ignore_ascii_case("sfdc_dwsid") {
                out.insert(value.to_string());
            }
        }
        if let Some(enc) = body(e)["enc_user_id"].as_str() {
            out.insert(enc.to_string());
        }
    }
    out.insert("fake-secret-do-not-use".into());
    out.retain(|v| v.len() > 8);
    out
}

#[test]
fn every_export_is_the_same_har_minus_its_secrets() {
    for name in SESSIONS {
        let (_, original) = input(name);
        let (_, export, _) = export(name);
        let (a, b) = (entries(&original), entries(&export));
        assert_eq!(a.len(), b.len(), "{name}: entries");
        let (out, _, _) = self::export(name);
        let read = har::read(out.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(read.entries.len(), a.len(), "{name}: our reader");
        assert!(
            read.comment.is_some_and(|c| c.starts_with(PREFIX)),
            "{name}"
        );
        for (i, (a, b)) in a.iter().zip(b).enumerate() {
            let path = |e: &Value| {
                str_of(&e["request"], "url")
                    .split('?')
                    .next()
                    .unwrap()
                    .to_string()
            };
            assert_eq!(path(a), path(b), "{name} {i}: URL path");
            assert_eq!(a["request"]["method"], b["request"]["method"], "{name} {i}");
            assert_eq!(
                a["response"]["status"], b["response"]["status"],
                "{name} {i}"
            );
            assert_eq!(a["timings"], b["timings"], "{name} {i}: timings");
            assert_eq!(a["startedDateTime"], b["startedDateTime"], "{name} {i}");
            for side in ["request", "response"] {
                let names = |e: &Value| -> Vec<String> {
                    e[side]["headers"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|h| str_of(h, "name").to_string())
                        .collect()
                };
                assert_eq!(names(a), names(b), "{name} {i}: {side} header names");
            }
        }
        assert_eq!(
            original["log"]["pages"].as_array().map(Vec::len),
            export["log"]["pages"].as_array().map(Vec::len)
        );
    }
}

#[test]
fn no_signature_and_no_whole_token_of_the_input_survives() {
    for name in SESSIONS {
        let (text, original) = input(name);
        let (out, _, _) = export(name);
        let mut tokens = jwts(&text);
        for e in entries(&original) {
            tokens.extend(joined_cc_at(&cookies(e)));
        }
        assert!(!tokens.is_empty(), "{name}: no token in the input");
        for token in &tokens {
            let signature = token.rsplit('.').next().unwrap();
            assert!(signature.len() > 20, "{name}: {token}");
            assert!(!out.contains(signature), "{name}: a signature survives");
            assert!(!out.contains(token.as_str()), "{name}: a token survives");
        }
        for token in jwts(&out) {
            assert!(
                token.ends_with('.'),
                "{name}: a signed token in the export: {token}"
            );
        }
    }
}

#[test]
fn no_refresh_token_cookie_value_secret_or_basic_credential_survives() {
    for name in SESSIONS {
        let (_, original) = input(name);
        let (out, _, manifest) = export(name);
        let secrets = secrets(&original);
        assert!(!secrets.is_empty(), "{name}: {secrets:?}");
        let manifest = format!("{manifest:?}");
        for secret in &secrets {
            assert!(!out.contains(secret.as_str()), "{name}: {secret} survives");
            assert!(
                !manifest.contains(secret.as_str()),
                "{name}: the manifest holds {secret}"
            );
        }
    }
    let (_, original) = input("pwa-kit-session.har");
    assert_eq!(refresh_tokens(&original).len(), 4, "RT1–RT4");
}

#[test]
fn no_email_address_of_the_input_survives() {
    let mut found = 0;
    for name in SESSIONS {
        let (text, _) = input(name);
        let (out, _, _) = export(name);
        for email in emails(&text) {
            found += 1;
            assert!(!out.contains(&email), "{name}: {email}");
            assert!(
                !out.to_lowercase().contains(&email.to_lowercase()),
                "{name}: {email}"
            );
        }
        for email in emails(&out) {
            assert!(email.ends_with("@masked.invalid"), "{name}: {email}");
        }
    }
    assert!(found >= 2, "the fixtures hold the shoppers' addresses");
}

/// What the analyser reads of a token: (key, SFCC kind, tenant, scopes); the key is `jti`, or
/// `sub` and `iat` for an id_token.
fn reading(token: &str) -> (String, String, Option<String>, Vec<String>) {
    let report = analyze(token);
    let c = report.credentials.first().expect("a credential");
    let payload = c.jose().and_then(|j| j.payload.object()).expect("claims");
    let key = match payload.get("jti") {
        Some(jti) => jti.to_string(),
        None => format!("{}@{}", payload["sub"], payload["iat"]),
    };
    let s = c.sfcc().expect("SFCC readings");
    (
        key,
        s.kind.id().to_string(),
        s.tenants.tenant.as_ref().map(|t| t.id.clone()),
        s.scopes.iter().map(|g| g.name.clone()).collect(),
    )
}

#[test]
fn every_re_encoded_token_reads_with_the_same_tenant_kind_and_scopes() {
    for name in SESSIONS {
        let (text, original) = input(name);
        let (out, export, _) = export(name);
        let mut before = jwts(&text);
        let mut after = jwts(&out);
        for e in entries(&original) {
            before.extend(joined_cc_at(&cookies(e)));
        }
        for e in entries(&export) {
            after.extend(joined_cc_at(&cookies(e)));
        }
        let after: BTreeMap<String, (String, Option<String>, Vec<String>)> = after
            .iter()
            .map(|t| {
                let (key, kind, tenant, scopes) = reading(t);
                (key, (kind, tenant, scopes))
            })
            .collect();
        for token in &before {
            let (key, kind, tenant, scopes) = reading(token);
            let got = after
                .get(&key)
                .unwrap_or_else(|| panic!("{name}: {key} is gone"));
            assert_eq!(
                got,
                &(kind.clone(), tenant.clone(), scopes.clone()),
                "{name}: {key}"
            );
            assert_ne!(kind, "generic-jwt", "{name}: {key}");
            assert!(tenant.is_some(), "{name}: {key}");
        }
    }
}

#[test]
fn split_tokens_still_rejoin_and_a_cc_at_bearer_stays_its_prefix() {
    let (_, original) = input("sfra-hybrid-session.har");
    let (_, export, _) = export("sfra-hybrid-session.har");
    let (a, b) = (&entries(&original)[12], &entries(&export)[12]);
    let bearer = |e: &Value| {
        e["request"]["headers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| str_of(h, "name") == "authorization")
            .map(|h| str_of(h, "value").to_string())
            .unwrap()
    };
    assert_eq!(bearer(a).len(), bearer(b).len(), "the same length");
    let cookies = cookies(b);
    let chunk = |n: &str| {
        cookies
            .iter()
            .find(|(name, _)| name == n)
            .unwrap()
            .1
            .clone()
    };
    assert_eq!(chunk("cc-at").len(), 1199);
    assert_eq!(bearer(b), format!("Bearer {}", chunk("cc-at")));
    let joined = format!("{}{}", chunk("cc-at"), chunk("cc-at_2"));
    assert!(joined.ends_with('.') && joined.matches('.').count() == 2);
    let (_, kind, tenant, _) = reading(&joined);
    assert_eq!(
        (kind.as_str(), tenant.as_deref()),
        ("slas-access", Some("zzhb_prd"))
    );
}

/// The value INDEX.json's `seen_in.where` names in an entry.
fn value_at(entry: &Value, place: &str) -> Option<String> {
    if place.ends_with("body refresh_token") {
        return if place.starts_with("response") {
            body(entry)["refresh_token"].as_str().map(str::to_string)
        } else {
            params(entry)
                .into_iter()
                .find(|(n, _)| n == "refresh_token")
                .map(|(_, v)| v)
        };
    }
    let cookie = place.rsplit(' ').next()?;
    side_cookies(entry, place.split(' ').next()?)
        .into_iter()
        .find(|(n, _)| n == cookie)
        .map(|(_, v)| v)
}

#[test]
fn pseudonyms_keep_the_equality_of_refresh_tokens_and_dwsids() {
    let index: Value = serde_json::from_str(&common::fixture("har/INDEX.json")).unwrap();
    let mut checked = 0;
    for file in index["files"].as_array().unwrap() {
        let name = str_of(file, "file");
        if !SESSIONS.contains(&name) {
            continue;
        }
        let (_, export, _) = export(name);
        let mut by_label: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for list in ["refresh_tokens", "other_credentials"] {
            for rt in file[list].as_array().into_iter().flatten() {
                for seen in rt["seen_in"].as_array().unwrap() {
                    let entry = &entries(&export)[seen["entry"].as_u64().unwrap() as usize];
                    let place = str_of(seen, "where");
                    let value = value_at(entry, place).unwrap_or_else(|| panic!("{name}: {place}"));
                    assert!(value.starts_with("removed-"), "{name}: {place}: {value}");
                    by_label
                        .entry(str_of(rt, "label").into())
                        .or_default()
                        .insert(value);
                    checked += 1;
                }
            }
        }
        let mut all = BTreeSet::new();
        for (label, values) in &by_label {
            assert_eq!(values.len(), 1, "{name}: {label} has {values:?}");
            assert!(
                all.insert(values.first().unwrap().clone()),
                "{name}: {label} shares a pseudonym"
            );
        }
    }
    assert!(checked > 40, "{checked}");
}

#[test]
fn the_manifest_of_the_sfra_session_counts_what_was_changed() {
    let (_, export, manifest) = export("sfra-hybrid-session.har");
    // HAT1, HAT2; HRT1, HRT2 (cc-nx-g); cc-at (one value for both, the same 1199 characters),
    // HAT1's and HAT2's cc-at_2; DWSID1, DWSID2; dwanonymous_… and the two sid values.
    let want = [
        (What::TokenReencoded, 2),
        (What::SignatureRemoved, 2),
        (What::RefreshToken, 2),
        (What::SplitTokenCookie, 3),
        (What::RefreshCookie, 2),
        (What::Dwsid, 2),
        (What::OtherCookie, 3),
        (What::Email, 0),
        (What::BasicCredentials, 0),
    ];
    for (what, n) in want {
        assert_eq!(manifest.count(what), n, "{what:?}");
    }
    assert_eq!(manifest.total(), 16);
    assert_eq!(
        manifest.lines()[2],
        "2 refresh tokens replaced by pseudonyms"
    );
    let comment = str_of(&export["log"], "comment");
    assert!(comment.starts_with(PREFIX), "{comment}");
    for line in manifest.lines() {
        assert!(comment.contains(&line), "{line}");
    }
    let (_, _, am) = self::export("am-admin.har");
    assert_eq!(
        am.lines(),
        vec![
            "1 token re-encoded with personal data masked",
            "1 signature removed (the token can no longer be used)",
            "1 client_secret removed",
        ]
    );
}

#[test]
fn sanitizing_an_export_again_changes_nothing() {
    for name in SESSIONS {
        let (out, _, _) = export(name);
        let (again, manifest) = sanitize(out.as_bytes()).unwrap();
        assert_eq!(manifest.lines(), Vec::<String>::new(), "{name}");
        assert!(again == out, "{name}: the second pass changed the export");
    }
}

#[test]
fn a_chrome_sanitized_export_keeps_its_shape_and_loses_what_was_left() {
    let (_, export, manifest) = export("pwa-kit-session-sanitized.har");
    for e in entries(&export) {
        assert!(cookies(e).is_empty());
    }
    assert_eq!(manifest.count(What::RefreshToken), 4);
    assert_eq!(manifest.count(What::TokenReencoded), 6);
    assert_eq!(manifest.count(What::BasicCredentials), 0);
}

#[test]
fn entries_fed_one_at_a_time_give_the_same_export() {
    let (_, mut har) = input("refresh-race.har");
    let (whole, _, manifest) = export("refresh-race.har");
    let mut s = Sanitizer::new();
    let mut list = har["log"]["entries"].take();
    for e in list.as_array_mut().unwrap() {
        s.entry(e);
    }
    s.head(&mut har["log"]);
    har["log"]["entries"] = list;
    assert_eq!(serde_json::to_string(&har).unwrap(), whole);
    assert_eq!(s.manifest().lines(), manifest.lines());
}

#[test]
fn loose_values_are_sanitized_where_they_stand() {
    let (_, har) = input("sfra-hybrid-session.har");
    let token = joined_cc_at(&cookies(&entries(&har)[0])).remove(0);
    let (one, two) = token.split_at(1199);
    let mut entry = serde_json::json!({
        "_initiator": {"type": "script", "url": format!("https://x.example.com/a.js?t={token}")},
        "request": {
            "method": "GET",
            "url": "https://x.example.com/p?email=Jo.Doe%40Example.org&id_token=opaque123456",
            "headers": [
                {"name": "Set-Cookie", "value": format!("cc-at_RefArch={one}; Path=/")},
                {"name": "x-custom", "value": format!("see {token} and jo.doe@example.org")},
                {"name": "x-slas-client-auth", "value": "YWJjOmRlZg=="},
            ],
            "cookies": [
                {"name": "cc-at_RefArch", "value": one},
                {"name": "cc-at_RefArch_2", "value": two},
            ],
        },
        "response": {"status": 200, "headers": [
            {"name": "Set-Cookie", "value": format!("cc-at_RefArch_2={two}; Path=/")}
        ], "content": {"text": "{\"customer\":{\"email\":\"JO.DOE@example.org\",\"phone\":\"+1 555\"}}"}},
    });
    let mut s = Sanitizer::new();
    s.entry(&mut entry);
    let text = entry.to_string();
    assert!(!text.contains(one) && !text.contains(two), "{text}");
    assert!(!text.to_lowercase().contains("jo.doe"), "{text}");
    assert!(
        !text.contains("YWJjOmRlZg") && !text.contains("opaque123456"),
        "{text}"
    );
    assert!(text.contains("email-1%40masked.invalid") && text.contains("email-1@masked.invalid"));
    let array = &entry["request"]["cookies"];
    let joined = format!(
        "{}{}",
        str_of(&array[0], "value"),
        str_of(&array[1], "value")
    );
    assert_eq!(reading(&joined).1, "slas-access");
    let set_cookie = |side: &str| {
        str_of(&entry[side]["headers"][0], "value")
            .split(';')
            .next()
            .unwrap()
            .split_once('=')
            .unwrap()
            .1
            .to_string()
    };
    // Two `Set-Cookie` in two responses do not rejoin: each half is a part of a known token.
    assert_eq!(set_cookie("request"), str_of(&array[0], "value"));
    assert_eq!(set_cookie("response"), str_of(&array[1], "value"));
    assert_eq!(s.manifest().count(What::BasicCredentials), 1);
    assert_eq!(s.manifest().count(What::Personal), 1);
}

/// A random edit of one string: cut, a piece of a token or an address put in, or noise.
fn mutate(rng: &mut common::Rng, s: &mut String, pieces: &[String]) {
    let at = (0..=s.len())
        .filter(|&i| s.is_char_boundary(i))
        .nth(rng.below(s.len() + 1))
        .unwrap_or(0);
    match rng.below(5) {
        0 => s.truncate(at),
        1 => {
            let p = &pieces[rng.below(pieces.len())];
            let cut = (0..=p.len()).nth(rng.below(p.len() + 1)).unwrap_or(0);
            s.insert_str(at, &p[..cut]);
        }
        2 => s.insert_str(
            at,
            [
                "@",
                "%40",
                "eyJ",
                ".",
                "::",
                "=",
                ";",
                "\n",
                "{\"a\":",
                "\u{1F600}",
            ][rng.below(10)],
        ),
        3 => {
            let len = rng.below(40);
            *s = String::from_utf8_lossy(&rng.bytes(len)).into_owned();
        }
        _ => {
            let p = &pieces[rng.below(pieces.len())];
            s.push_str(p);
        }
    }
}

/// The `n`th string of `v` (depth first), if there are that many.
fn nth_string<'a>(v: &'a mut Value, n: &mut usize) -> Option<&'a mut String> {
    match v {
        Value::String(s) if *n == 0 => Some(s),
        Value::String(_) => {
            *n -= 1;
            None
        }
        Value::Array(a) => a.iter_mut().find_map(|v| nth_string(v, n)),
        Value::Object(m) => m.values_mut().find_map(|v| nth_string(v, n)),
        _ => None,
    }
}

fn count_strings(v: &Value) -> usize {
    match v {
        Value::String(_) => 1,
        Value::Array(a) => a.iter().map(count_strings).sum(),
        Value::Object(m) => m.values().map(count_strings).sum(),
        _ => 0,
    }
}

#[test]
fn random_mutations_of_every_fixture_never_panic() {
    let mut rng = common::Rng(0x5A17_12E5);
    for name in SESSIONS {
        let (text, original) = input(name);
        let pieces: Vec<String> = jwts(&text)
            .into_iter()
            .chain([
                "a.b@c.de".into(),
                "cc-at=eyJhbGciOiJub25lIn0.e30".into(),
                "removed-refresh-token-7".into(),
            ])
            .collect();
        for _ in 0..16 {
            let mut har = original.clone();
            let count = count_strings(&har);
            for _ in 0..30 {
                let mut n = rng.below(count);
                if let Some(s) = nth_string(&mut har, &mut n) {
                    mutate(&mut rng, s, &pieces);
                }
            }
            let _ = sanitize(har.to_string().as_bytes());
        }
        let raw = text.into_bytes();
        for _ in 0..20 {
            let mut bytes = raw.clone();
            bytes.truncate(rng.below(raw.len() + 1));
            let _ = sanitize(&bytes);
        }
    }
    for odd in [
        "{}",
        "[]",
        "{\"log\":1}",
        "{\"log\":{}}",
        "{\"log\":{\"entries\":{}}}",
        "{\"log\":{\"entries\":[1,\"eyJ\",[]]}}",
    ] {
        let _ = sanitize(odd.as_bytes());
    }
}

#[test]
fn hostile_bodies_cost_about_their_length() {
    let (_, har) = input("sfra-hybrid-session.har");
    let token = joined_cc_at(&cookies(&entries(&har)[0])).remove(0);
    let (cut, _) = token.split_at(1199);
    let bodies = [
        "eyJ.".repeat(250_000),
        format!("{}{}", "a".repeat(500_000), "@".repeat(500_000)),
        format!("{}{}", "a.".repeat(250_000), "%40b.cd ".repeat(60_000)),
        format!("{cut} ").repeat(800),
    ];
    let started = std::time::Instant::now();
    for text in bodies {
        let mut entry = serde_json::json!({
            "request": {"headers": [{"name": "authorization", "value": format!("Bearer {text}")}]},
            "response": {"content": {"text": text}},
        });
        Sanitizer::new().entry(&mut entry);
    }
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}

/// What the analyser reads of one token that the export must keep.
fn identity(token: &str) -> Option<Vec<String>> {
    let report = analyze(token);
    let s = report.credentials.first()?.sfcc()?.clone();
    Some(vec![
        s.kind.id().to_string(),
        format!("{:?}", s.variant.map(|v| v.id())),
        format!("{:?}", s.tenants.tenant.map(|t| t.id)),
        format!("{:?}", s.guest),
        format!("{:?}", s.site),
        format!("{:?}", s.client_id),
        format!("{:?}", s.customer_id),
        format!("{:?}", s.usid),
        format!(
            "{:?}",
            s.scopes.iter().map(|g| g.name.clone()).collect::<Vec<_>>()
        ),
    ])
}

#[test]
fn every_single_token_fixture_keeps_its_sfcc_reading_when_sent_as_a_bearer() {
    let (mut checked, mut masked) = (0, 0);
    for f in common::index().1 {
        let token = f.text.trim().to_string();
        if !f.file.ends_with(".jwt") || f.kind == "malformed" || f.kind == "jwe" {
            continue;
        }
        let Some(before) = identity(&token) else {
            continue;
        };
        let mut entry = serde_json::json!({"request": {"headers": [
            {"name": "Authorization", "value": format!("Bearer {token}")}
        ]}});
        Sanitizer::new().entry(&mut entry);
        let sent = str_of(&entry["request"]["headers"][0], "value");
        let after = sent
            .strip_prefix("Bearer ")
            .unwrap_or_else(|| panic!("{}: {sent}", f.file));
        assert!(
            after.ends_with('.') && after != token,
            "{}: {after}",
            f.file
        );
        assert_eq!(identity(after), Some(before), "{}", f.file);
        let claims = |t: &str| {
            let report = analyze(t);
            let c = report.credentials.first().cloned();
            c.and_then(|c| c.jose().and_then(|j| j.payload.pretty()))
                .unwrap_or_default()
        };
        let (was, now) = (claims(&token), claims(after));
        for email in emails(&now) {
            assert!(email.ends_with("@masked.invalid"), "{}: {email}", f.file);
        }
        masked += usize::from(emails(&was).iter().any(|e| !now.contains(e.as_str())));
        checked += 1;
    }
    assert!(checked >= 30, "{checked}");
    assert!(masked >= 5, "{masked} tokens had an e-mail address");
}

#[test]
fn a_jwt_whose_header_starts_with_a_space_or_a_line_break_is_found_too() {
    use base64::Engine as _;
    let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    let claims =
        b64(r#"{"sub":"cc-slas::abcd_001::scid:c-1::usid:u-1","email":"a.b@shop.example"}"#);
    for header in ["{ \"alg\": \"ES256\" }", "{\n  \"alg\": \"ES256\"\n}"] {
        let token = format!("{}.{claims}.c2lnbmF0dXJlLXNpZ25hdHVyZQ", b64(header));
        assert!(!token.starts_with("eyJ"));
        let mut entry = serde_json::json!({
            "request": {"headers": [{"name": "x-token-copy", "value": format!("see {token}")}],
                        "cookies": [{"name": "my_jwt", "value": token}]},
        });
        Sanitizer::new().entry(&mut entry);
        let text = entry.to_string();
        assert!(
            !text.contains("c2lnbmF0dXJl") && !text.contains(&claims),
            "{text}"
        );
        let value = str_of(&entry["request"]["cookies"][0], "value");
        assert!(
            value.ends_with('.') && value.starts_with(&b64(header)),
            "{value}"
        );
    }
}

#[test]
fn a_secret_seen_once_is_replaced_wherever_else_it_stands() {
    let rt = "i7fMP6OONy16qQfWrf29ASmovsQQtUnrf2pI2bvPVtQ";
    let dwsid =
        "WKqDg5dwgflNZqBAYtpeX6ZNv7Giww9FEKCi7hYlxvY32iayf73YNMmNCO2AvYTA5i2Pfi9W9H9RkYlmXykNBQ==";
    let mut s = Sanitizer::new();
    let mut first = serde_json::json!({
        "request": {"cookies": [{"name": "dwsid", "value": dwsid}]},
        "response": {"content": {"text": format!("{{\"refresh_token\":\"{rt}\"}}")}},
    });
    let mut second = serde_json::json!({
        "response": {"content": {"mimeType": "text/html", "text":
            format!("<script>window.s={{rt:'{rt}',sid:\"{dwsid}\"}}; var other='{rt}x';</script>")}},
    });
    s.entry(&mut first);
    s.entry(&mut second);
    let html = str_of(&second["response"]["content"], "text");
    assert_eq!(
        html,
        format!("<script>window.s={{rt:'removed-refresh-token-1',sid:\"removed-dwsid-1\"}}; var other='{rt}x';</script>")
    );
}

#[test]
fn a_relative_location_and_a_form_without_its_type_are_read_by_parameter() {
    let mut entry = serde_json::json!({
        "request": {"postData": {"text": "grant_type=client_credentials&client_secret=s3cr3t-value-123"}},
        "response": {
            "headers": [{"name": "Location", "value": "/callback?code=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg&usid=u-1"}],
            "redirectURL": "/callback?code=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg&usid=u-1",
        },
    });
    let mut s = Sanitizer::new();
    s.entry(&mut entry);
    assert_eq!(
        str_of(&entry["request"]["postData"], "text"),
        "grant_type=client_credentials&client_secret=[removed:client_secret]"
    );
    let want = "/callback?code=removed-code-1&usid=u-1";
    assert_eq!(str_of(&entry["response"]["headers"][0], "value"), want);
    assert_eq!(str_of(&entry["response"], "redirectURL"), want);
    assert_eq!(s.manifest().count(What::AuthorizationCode), 1);
}

#[test]
fn a_secret_cannot_hide_behind_something_that_looks_sanitized() {
    let (text, _) = input("am-admin.har");
    let token = jwts(&text).into_iter().next().unwrap();
    let signature = token.rsplit('.').next().unwrap().to_string();
    let mut entry = serde_json::json!({"request": {
        "headers": [
            {"name": "x-note", "value": format!("removed-refresh-token-1 {token}")},
            {"name": "Authorization", "value": format!("Bearer [removed:opaque-token] {token}")},
        ],
        "postData": {"text": format!("client_secret=removed-x%20{signature}")},
    }});
    Sanitizer::new().entry(&mut entry);
    let out = entry.to_string();
    assert!(!out.contains(&signature), "{out}");
}

#[test]
fn every_password_field_and_one_time_token_is_removed_whatever_its_name() {
    let form = "loginEmail=jo%40example.org&loginPassword=Hunter2Secret&dwfrm_profile_login_passwordconfirm=Hunter2Confirm&pwd_action_token=PwdAction123456&csrf_token=Csrf1234567";
    let mut entry = serde_json::json!({
        "request": {
            "method": "POST",
            "url": "https://shop.example.com/on/demandware.store/Sites-RefArch-Site/en_US/Account-Login",
            "headers": [],
            "postData": {
                "mimeType": "application/x-www-form-urlencoded",
                "text": form,
                "params": [
                    {"name": "dwfrm_profile_login_password", "value": "Hunter2Param"},
                    {"name": "new_password", "value": "NewHunter2"},
                ],
            },
        },
        "response": {"status": 200, "headers": [], "content": {"mimeType": "application/json",
            "text": "{\"currentPassword\":\"OldHunter2\",\"pwdless_login_token\":\"Pwdless7654321\",\"first_name\":\"Johanna\",\"phone_mobile\":\"+1 555 0100\"}"}},
    });
    let mut s = Sanitizer::new();
    s.entry(&mut entry);
    let text = entry.to_string();
    for secret in [
        "Hunter2Secret",
        "Hunter2Confirm",
        "Hunter2Param",
        "NewHunter2",
        "OldHunter2",
        "PwdAction123456",
        "Pwdless7654321",
        "Csrf1234567",
        "Johanna",
        "555 0100",
    ] {
        assert!(!text.contains(secret), "{secret} survived: {text}");
    }
    // The names stay, so the export still says what was posted.
    assert!(
        text.contains("loginPassword") && text.contains("currentPassword"),
        "{text}"
    );
}
