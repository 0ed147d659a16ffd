//! The expected-scope checklist: what the engineer says the call needs, checked against what the
//! token grants (REFERENCE.md §7.1: a `.rw` scope covers its read-only form).
//!
//! The checklist is not secret: it is the only thing the page stores or puts in a link.

/// One expected scope, with the other scopes that would also do (`a|b` in the text form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    pub scope: String,
    pub alternatives: Vec<String>,
}

/// The whole checklist.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Expectations {
    pub items: Vec<Expected>,
}

impl Expectations {
    /// Parses scopes separated by spaces, commas or newlines; `a|b` means "a or b". Duplicates
    /// are dropped, order kept.
    pub fn parse(text: &str) -> Expectations {
        let _ = text;
        Expectations::default()
    }

    /// The text form: one item per line, alternatives joined by `|`. `parse(to_text())` round-trips.
    pub fn to_text(&self) -> String {
        String::new()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds the items of `other` that are not there yet.
    pub fn merge(&mut self, other: &Expectations) {
        let _ = other;
    }
}

/// How one expected scope fares against the granted ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// Granted exactly, or via `by` (its `.rw`, or an alternative).
    Satisfied { by: String },
    /// Only the read-only form `have` is granted, but the `.rw` form is expected.
    ReadOnly { have: String },
    Missing,
}

/// One checklist line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckRow {
    pub expected: Expected,
    pub check: Check,
}

/// The checklist against a token.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Checklist {
    pub rows: Vec<CheckRow>,
    /// Granted scopes that no expected item asked for, in token order.
    pub extra: Vec<String>,
}

/// Checks `expected` against the `granted` scope names.
pub fn check(granted: &[String], expected: &Expectations) -> Checklist {
    let _ = (granted, expected);
    Checklist::default()
}

/// A named set of scopes to add to the checklist in one click.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preset {
    /// Stable id for tests: `shopper-baskets-orders-write`, `slas-default`, `shopper-standard` …
    pub id: String,
    /// "Shopper Baskets & Orders — write".
    pub label: String,
    /// Group heading: "Shopper APIs", "Admin APIs", "SLAS".
    pub group: &'static str,
    pub expectations: Expectations,
}

/// Every preset, from the catalog: one read and (where it exists) one write preset per API
/// family, the default SLAS client scopes and `sfcc.shopper-standard`.
pub fn presets() -> Vec<Preset> {
    Vec::new()
}
