//! Whatever is pasted, analysis answers and never panics (a panic would kill the app in the
//! browser). Mutates every fixture many ways with a fixed-seed generator, so failures reproduce.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use sfcc_token_inspector::inspect::analyze;

use common::Rng;

const ODD: &[&str] = &[
    ".",
    "..",
    "=",
    "+",
    "/",
    "%",
    "%2",
    "%E2%80",
    "{",
    "}",
    "\"",
    "'",
    "`",
    " ",
    "\n",
    "\t",
    "\0",
    "é",
    "山",
    "🛒",
    "\u{202e}",
    "\u{200b}",
    "\u{fffd}",
    ":",
    ";",
    "Bearer ",
    "Basic ",
    "eyJ",
    "cc-at=",
    "access_token=",
    "Authorization: ",
    "curl -u ",
    "{\"access_token\":\"",
];

fn fixtures() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(common::DIR)
        .unwrap()
        .filter_map(|e| {
            let path = e.ok()?.path();
            let name = path.file_name()?.to_str()?.to_string();
            (name.ends_with(".jwt") || name.ends_with(".txt"))
                .then(|| std::fs::read_to_string(&path).ok())
                .flatten()
        })
        .filter(|t| t.len() < 10_000)
        .collect();
    out.sort();
    out
}

fn mutate(rng: &mut Rng, text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = rng.below(chars.len() + 1);
    let head: String = chars[..at].iter().collect();
    let tail: String = chars[at..].iter().collect();
    match rng.below(5) {
        0 => head,                                                 // cut short
        1 => format!("{head}{}{tail}", ODD[rng.below(ODD.len())]), // insert something odd
        2 => format!(
            "{head}{}",
            tail.chars().skip(1 + rng.below(8)).collect::<String>()
        ), // delete
        3 => tail,                                                 // lose the start
        _ => format!(
            "{}{text}{}",
            ODD[rng.below(ODD.len())],
            ODD[rng.below(ODD.len())]
        ),
    }
}

#[test]
fn mutated_fixtures_always_give_a_report() {
    let mut rng = Rng(0x5fcc_70c3_11d0_0042);
    let fixtures = fixtures();
    assert!(fixtures.len() > 40);
    for fixture in &fixtures {
        let mut text = fixture.clone();
        for _ in 0..150 {
            text = if rng.below(3) == 0 {
                fixture.clone()
            } else {
                mutate(&mut rng, &text)
            };
            let report = analyze(&text);
            for c in &report.credentials {
                // Every clock-dependent view too, at ordinary and extreme instants.
                for now in [0, 1_795_342_200, -62_135_596_800, 253_402_300_799] {
                    let _ = c.findings_at(now);
                    let _ = c.time_status(now);
                    for t in &c.times().claims {
                        let _ = t.relative(now);
                    }
                }
            }
        }
    }
}

#[test]
fn hand_picked_oddities_give_a_report() {
    let cases = [
        "",
        ".",
        "..",
        "....",
        "eyJ",
        "eyJ.",
        ".eyJ",
        "Bearer",
        "Bearer ",
        "Authorization:",
        "Authorization: Bearer",
        "Cookie:",
        "cc-at=",
        "{}",
        "[]",
        "{\"access_token\":1}",
        "\"",
        "'",
        "%",
        "access_token=%",
        "curl -u",
        "curl -u ':'",
        "Basic Og==",
        "\u{0}",
        "🛒.🛒.🛒",
        "e\u{301}yJ.a.b",
    ];
    for case in cases {
        let _ = analyze(case);
    }
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let _ = analyze(&deep);
    let nested_payload = format!(
        "eyJhbGciOiJub25lIn0.{}.",
        base64_url(&format!(
            "{{\"a\":{}1{}}}",
            "[".repeat(5_000),
            "]".repeat(5_000)
        ))
    );
    let _ = analyze(&nested_payload);
}

fn base64_url(text: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
}

#[test]
fn mutated_requests_and_checklists_always_give_an_answer() {
    use sfcc_token_inspector::inspect::catalog::ENDPOINTS;
    use sfcc_token_inspector::inspect::checklist::{self, Expectations};
    use sfcc_token_inspector::inspect::request;
    let mut rng = Rng(0x0dd5_ca1e_5eed_0003);
    let tokens: Vec<_> = fixtures()
        .iter()
        .filter_map(|f| analyze(f).credentials.into_iter().next())
        .collect();
    let requests: Vec<String> = ENDPOINTS
        .iter()
        .step_by(7)
        .map(|e| {
            format!(
                "curl -X {} 'https://kv7kzm78.api.commercecloud.salesforce.com{}{}?siteId=RefArch' -H 'x: y'",
                e.method, e.base_path, e.path
            )
        })
        .collect();
    for (i, base) in requests.iter().enumerate() {
        let mut text = base.clone();
        for _ in 0..40 {
            text = mutate(&mut rng, &text);
            let token = tokens.get(rng.below(tokens.len() + 1)).map(|c| &**c);
            if let Some(Ok(check)) = request::check(&text, token, 1_795_342_200) {
                assert!(!check.verdict.is_empty(), "request {i}: {text}");
            }
            let list = Expectations::parse(&text);
            let _ = checklist::check(&[text.clone()], &list);
            let _ = Expectations::parse(&list.to_text());
        }
    }
}
