//! Native throughput of the analysis core on the fixture set (a plain loop with `std::time`, no
//! harness): `cargo bench --bench analyze`. Prints figures; asserts nothing about speed.

use std::hint::black_box;
use std::time::{Duration, Instant};

use sfcc_token_inspector::inspect::analyze;
use sfcc_token_inspector::inspect::exercise::everything;
use sfcc_token_inspector::inspect::{har, request, session};

const NOW: i64 = 1_795_342_200;
const REQUEST: &str = "PATCH https://kv7kzm78.api.commercecloud.salesforce.com/checkout/shopper-baskets/v2/organizations/f_ecom_abcd_001/baskets/b1?siteId=RefArch";
const ANSWER: &str = "HTTP/2 403\ndate: Sun, 22 Nov 2026 10:12:00 GMT\nsfdc_correlation_id: 3b0c5f1e\n\n{\"type\":\"https://api.commercecloud.salesforce.com/documentation/error/v1/errors/forbidden\",\"title\":\"Forbidden\",\"detail\":\"Your shopper JWT is valid, but you have no permissions to access the resource.\"}";
/// The fixture JWKS, so that every token's signature plan is prepared.
const KEYS: &str = include_str!("../tests/fixtures/jwks.json");
const EXPECTED: &str =
    "sfcc.shopper-baskets-orders.rw sfcc.shopper-products|sfcc.shopper-products.rw";

fn fixtures() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("tests/fixtures")
        .filter_map(|e| {
            let path = e.ok()?.path();
            let name = path.file_name()?.to_str()?.to_string();
            let keep = name.ends_with(".jwt") || name.ends_with(".txt");
            keep.then(|| Some((name, std::fs::read_to_string(&path).ok()?)))?
        })
        .collect();
    out.sort();
    out
}

/// Runs `f` over and over for at least `budget`, in batches, and returns the median time of one
/// call over the batches.
fn median_per_call(budget: Duration, mut f: impl FnMut()) -> Duration {
    let mut batch = 1u32;
    loop {
        let t = Instant::now();
        for _ in 0..batch {
            f();
        }
        if t.elapsed() > Duration::from_millis(20) {
            break;
        }
        batch *= 2;
    }
    let mut samples = Vec::new();
    let start = Instant::now();
    while start.elapsed() < budget || samples.len() < 7 {
        let t = Instant::now();
        for _ in 0..batch {
            f();
        }
        samples.push(t.elapsed() / batch);
    }
    samples.sort();
    samples[samples.len() / 2]
}

/// `BIG_HAR=/tmp/big-50mb.har cargo bench --bench analyze` (make one with
/// `node ../shared/sfcc/fixtures/har/make-hars.mjs --big 50 --out /tmp`): the whole read, and the
/// longest single step at the 1 MB budget the page uses.
fn big_har() {
    let Some(path) = std::env::var_os("BIG_HAR") else {
        println!("  (set BIG_HAR to a big .har file to time the HAR reader)");
        return;
    };
    let bytes = std::fs::read(&path).expect("BIG_HAR is readable");
    let mb = bytes.len() as f64 / 1e6;
    let mut times: Vec<Duration> = (0..5)
        .map(|_| {
            let t = Instant::now();
            black_box(har::read(black_box(&bytes)).expect("a HAR"));
            t.elapsed()
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2].as_secs_f64();
    let har = har::read(&bytes).expect("a HAR");
    println!(
        "  har::read, {mb:.1} MB, {} entries, {} bodies skipped: {:>7.1} ms  {:>6.0} MB/s",
        har.entries.len(),
        har.skipped_bodies,
        median * 1e3,
        mb / median
    );
    let mut reader = har::Reader::new(&bytes).expect("a HAR");
    let (mut steps, mut longest) = (0, Duration::ZERO);
    loop {
        let t = Instant::now();
        let progress = reader.step(&bytes, 1 << 20);
        longest = longest.max(t.elapsed());
        steps += 1;
        if progress.done {
            break;
        }
    }
    println!(
        "  har::Reader::step, 1 MB budget: {steps} steps, the longest {:>6.2} ms",
        longest.as_secs_f64() * 1e3
    );
}

fn main() {
    let all = fixtures();
    let bytes: usize = all.iter().map(|(_, t)| t.len()).sum();
    println!(
        "native analyze throughput ({} fixtures, {} bytes in all)",
        all.len(),
        bytes
    );

    let whole_set = |label: &str, run: &dyn Fn(&str)| {
        let secs = median_per_call(Duration::from_secs(2), || {
            all.iter().for_each(|(_, t)| run(t))
        })
        .as_secs_f64();
        println!(
            "  {label:<26} {:>9.1} µs per set  {:>8.0} tokens/s  {:>6.1} MB/s",
            secs * 1e6,
            all.len() as f64 / secs,
            bytes as f64 / secs / 1e6
        );
    };
    whole_set("analyze, whole set:", &|t| {
        black_box(analyze(black_box(t)));
    });
    whole_set("everything the page shows:", &|t| {
        black_box(everything(
            black_box(t),
            EXPECTED,
            REQUEST,
            ANSWER,
            KEYS,
            NOW,
        ));
    });
    for name in ["slas-access-registered.jwt", "slas-access-large-64k.jwt"] {
        let (_, text) = all.iter().find(|(n, _)| n == name).expect(name);
        let one = median_per_call(Duration::from_millis(800), || {
            black_box(everything(
                black_box(text),
                EXPECTED,
                REQUEST,
                ANSWER,
                KEYS,
                NOW,
            ));
        });
        println!(
            "  one {:<27} {:>6} bytes: {:>9.1} µs",
            name,
            text.len(),
            one.as_secs_f64() * 1e6
        );
    }
    // The request check runs on every keystroke in the request field; a runaway paste must
    // cost about as much as its length, not its length times the number of operations.
    let runaway = format!(
        "GET https://kv7kzm78.api.commercecloud.salesforce.com{}",
        "/ab".repeat(30_000)
    );
    for (label, text) in [
        ("request check, basket URL", REQUEST),
        ("request check, 90 KB URL", &runaway),
    ] {
        let one = median_per_call(Duration::from_millis(800), || {
            black_box(request::check(black_box(text), None, NOW));
        });
        println!(
            "  {label:<27} {:>6} bytes: {:>9.1} µs",
            text.len(),
            one.as_secs_f64() * 1e6
        );
    }
    big_har();
    sessions();
}

/// A whole HAR session read (`session::read`), each fixture session and one with 5,000 other
/// entries; the `Har` is cloned for each read, so its clone is measured apart.
fn sessions() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/har");
    let read = |name: &str| {
        let bytes = std::fs::read(format!("{dir}/{name}")).expect(name);
        har::read(&bytes).expect(name)
    };
    let mut big = read("pwa-kit-session.har");
    let (mut file, beacon) = (big.entries[1].clone(), big.entries[9].clone());
    // Most of a big capture's entries are images and scripts whose bodies are not kept.
    file.response_body = har::Body::Skipped {
        bytes: 150_000,
        why: "script",
    };
    for i in 0..5000 {
        big.entries.push(if i % 2 == 0 {
            file.clone()
        } else {
            beacon.clone()
        });
    }
    for (i, e) in big.entries.iter_mut().enumerate() {
        e.index = i;
    }
    let mut cases: Vec<(String, har::Har)> = [
        "pwa-kit-session.har",
        "pwa-kit-session-sanitized.har",
        "sfra-hybrid-session.har",
        "refresh-race.har",
        "am-admin.har",
    ]
    .iter()
    .map(|n| (n.to_string(), read(n)))
    .collect();
    cases.push(("pwa-kit + 5,000 others".into(), big));
    println!("  session::read (a HAR's clone included, then the clone alone)");
    for (name, h) in &cases {
        let both = median_per_call(Duration::from_millis(800), || {
            black_box(session::read(black_box(h.clone())));
        });
        let clone = median_per_call(Duration::from_millis(400), || {
            black_box(black_box(h).clone());
        });
        println!(
            "    {name:<30} {:>5} entries: {:>8.1} µs  (clone {:>7.1} µs)",
            h.entries.len(),
            both.as_secs_f64() * 1e6,
            clone.as_secs_f64() * 1e6
        );
    }
}
