//! Native time to sanitize a whole HAR (a plain loop with `std::time`, no harness):
//! `cargo bench --bench sanitize [-- FILE.har …]`. Without a file, the fixture
//! `pwa-kit-session.har` with its entries repeated to about 50 MB (tokens, cookies and bodies
//! everywhere, the worst case); with files (`node make-hars.mjs --big 50 --out /tmp`), each
//! of them. Prints figures; asserts nothing about speed.

use std::time::Instant;

use serde_json::Value;
use sfcc_token_inspector::inspect::sanitize::sanitize;

/// `pwa-kit-session.har` with its entries repeated until the file is about `mb` MB.
fn repeated(mb: usize) -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/har/pwa-kit-session.har"
    );
    let text = std::fs::read_to_string(path).expect("the fixture");
    let mut har: Value = serde_json::from_str(&text).expect("JSON");
    let entries = har["log"]["entries"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let compact = serde_json::to_vec(&har).map_or(text.len(), |v| v.len());
    let copies = (mb * 1_000_000 / compact).max(1);
    har["log"]["entries"] = Value::Array(std::iter::repeat_n(entries, copies).flatten().collect());
    serde_json::to_vec(&har).expect("a HAR")
}

fn time(label: &str, bytes: &[u8]) {
    let mut best = f64::MAX;
    let mut lines = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let (out, manifest) = sanitize(bytes).expect("a HAR");
        best = best.min(t.elapsed().as_secs_f64());
        std::hint::black_box(out);
        lines = manifest.lines();
    }
    println!(
        "  {label}: {:.1} MB in {:.0} ms ({:.0} MB/s), best of 3; {} manifest lines",
        bytes.len() as f64 / 1e6,
        best * 1e3,
        bytes.len() as f64 / 1e6 / best,
        lines.len()
    );
}

fn main() {
    println!("native sanitize time");
    let files: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a.ends_with(".har"))
        .collect();
    if files.is_empty() {
        time("pwa-kit-session.har repeated", &repeated(50));
    }
    for file in files {
        match std::fs::read(&file) {
            Ok(bytes) => time(&file, &bytes),
            Err(e) => println!("  {file}: {e}"),
        }
    }
}
