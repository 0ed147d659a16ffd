//! What every native test file shares: the fixtures (copies of ../shared/sfcc/fixtures) and the
//! instant they are valid at. `mod common;` in a test file brings them in.
#![allow(dead_code)]

use serde_json::Value;

/// xorshift64*: small, deterministic, good enough to spread mutations, so that a failure
/// reproduces (tests/no_panic.rs, tests/keys.rs).
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// `n` random bytes.
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

/// INDEX.json `reference_now`: the fixtures are valid then.
pub const NOW: i64 = 1_795_342_200;

/// The folder of the fixtures.
pub const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// A file of tests/fixtures, as text, exactly as stored.
pub fn fixture(name: &str) -> String {
    let path = format!("{DIR}/{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

/// A fixture file without the whitespace around it (the token itself).
pub fn token(name: &str) -> String {
    fixture(name).trim().to_string()
}

/// One fixture as INDEX.json describes it.
pub struct Indexed {
    /// The file name.
    pub file: String,
    /// The kind id it must be read as.
    pub kind: String,
    /// What else INDEX.json expects of it.
    pub expect: Value,
    /// The file's text.
    pub text: String,
}

/// INDEX.json: its `reference_now` and every fixture it lists, with its text.
pub fn index() -> (i64, Vec<Indexed>) {
    let index: Value = serde_json::from_str(&fixture("INDEX.json")).expect("INDEX.json is JSON");
    let now = index["reference_now"].as_i64().expect("reference_now");
    let fixtures = index["fixtures"]
        .as_array()
        .expect("a fixtures list")
        .iter()
        .map(|f| {
            let file = f["file"].as_str().expect("a file name").to_string();
            Indexed {
                text: fixture(&file),
                kind: f["kind"].as_str().expect("a kind").to_string(),
                expect: f["expect"].clone(),
                file,
            }
        })
        .collect();
    (now, fixtures)
}

/// The HAR sessions of tests/fixtures/har that INDEX.json reads.
pub const HAR_SESSIONS: &[&str] = &[
    "pwa-kit-session.har",
    "pwa-kit-session-sanitized.har",
    "sfra-hybrid-session.har",
    "refresh-race.har",
    "am-admin.har",
];

/// A file of tests/fixtures/har, as bytes.
pub fn har_bytes(name: &str) -> Vec<u8> {
    let path = format!("{DIR}/har/{name}");
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}
