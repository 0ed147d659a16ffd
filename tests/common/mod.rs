//! What every native test file shares: the fixtures (copies of ../shared/sfcc/fixtures) and the
//! instant they are valid at. `mod common;` in a test file brings them in.
#![allow(dead_code)]

/// INDEX.json `reference_now`: the fixtures are valid then.
pub const NOW: i64 = 1_795_342_200;

/// A file of tests/fixtures, as text.
pub fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

/// A fixture file with its trailing line break removed (the token itself).
pub fn token(name: &str) -> String {
    fixture(name).trim_end().to_string()
}
