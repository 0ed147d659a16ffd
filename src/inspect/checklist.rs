//! The expected-scope checklist: what the engineer says the call needs, checked against what the
//! token grants (REFERENCE.md §7.1: a `.rw` scope covers its read-only form).
//!
//! The checklist is not secret: it is the only thing the page stores or puts in a link.

use super::catalog::{ScopeKind, SCOPES};
use super::scopes::covers;
use super::sfcc::data::TYPICAL_SLAS_SCOPES;

/// One expected scope, with the other scopes that would also do (`a|b` in the text form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    /// The scope asked for.
    pub scope: String,
    /// Other scopes that would do as well, in the order written.
    pub alternatives: Vec<String>,
}

/// The whole checklist.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Expectations {
    /// The expected scopes, in the order written, without duplicates.
    pub items: Vec<Expected>,
}

impl Expectations {
    /// Parses scopes separated by spaces, commas or newlines; `a|b` means "a or b". Duplicates
    /// are dropped, order kept.
    pub fn parse(text: &str) -> Expectations {
        let mut out = Expectations::default();
        // "a | b" is one item with an alternative, like "a|b".
        let mut joined = String::with_capacity(text.len());
        for part in text.split('|') {
            if !joined.is_empty() {
                joined.truncate(joined.trim_end().len());
                joined.push('|');
                joined.push_str(part.trim_start());
            } else {
                joined.push_str(part);
            }
        }
        for word in joined
            .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
            .filter(|w| !w.is_empty())
        {
            let mut names = word
                .split('|')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string);
            let Some(scope) = names.next() else { continue };
            if looks_like_a_credential(&scope) {
                continue;
            }
            let mut alternatives: Vec<String> = Vec::new();
            for n in names {
                if n != scope && !alternatives.contains(&n) && !looks_like_a_credential(&n) {
                    alternatives.push(n);
                }
            }
            out.push(Expected {
                scope,
                alternatives,
            });
        }
        out
    }

    /// Adds `item` unless its scope is already listed.
    fn push(&mut self, item: Expected) {
        if !self.items.iter().any(|i| i.scope == item.scope) {
            self.items.push(item);
        }
    }

    /// The text form: one item per line, alternatives joined by `|`. `parse(to_text())` round-trips.
    pub fn to_text(&self) -> String {
        self.items
            .iter()
            .map(|i| {
                std::iter::once(i.scope.as_str())
                    .chain(i.alternatives.iter().map(String::as_str))
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// No scope is expected.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds the items of `other` that are not there yet.
    pub fn merge(&mut self, other: &Expectations) {
        for item in &other.items {
            self.push(item.clone());
        }
    }
}

/// Scope names are short (the longest in the catalog has 45 characters): a long word, or one
/// that starts like a JWT, is a credential pasted into the wrong box and is dropped, so that it
/// can never be stored or put in a link with the checklist.
fn looks_like_a_credential(word: &str) -> bool {
    word.len() > 80 || word.starts_with("eyJ")
}

/// How one expected scope fares against the granted ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// Granted exactly, or via `by` (its `.rw`, or an alternative).
    Satisfied {
        /// The granted scope that satisfies it.
        by: String,
    },
    /// Only the read-only form `have` is granted, but the `.rw` form is expected.
    ReadOnly {
        /// The read-only scope granted.
        have: String,
    },
    /// Neither it nor an alternative (nor a `.rw` covering it) is granted.
    Missing,
}

/// One checklist line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckRow {
    /// The expected scope.
    pub expected: Expected,
    /// How it fares.
    pub check: Check,
}

/// The checklist against a token.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Checklist {
    /// One row per expected scope, in the checklist's order.
    pub rows: Vec<CheckRow>,
    /// Granted scopes that no expected item asked for, in token order.
    pub extra: Vec<String>,
}

/// Checks `expected` against the `granted` scope names.
pub fn check(granted: &[String], expected: &Expectations) -> Checklist {
    let mut used: Vec<&str> = Vec::new();
    let rows = expected
        .items
        .iter()
        .map(|item| {
            let wanted = std::iter::once(&item.scope).chain(&item.alternatives);
            // Exact grants first, then a .rw covering a read-only scope.
            let exact = wanted
                .clone()
                .find_map(|w| granted.iter().find(|g| *g == w));
            let by = exact.or_else(|| {
                wanted
                    .clone()
                    .find_map(|w| granted.iter().find(|g| covers(g, w)))
            });
            let check = match by {
                Some(g) => {
                    used.push(g);
                    Check::Satisfied { by: g.clone() }
                }
                None => match item
                    .scope
                    .strip_suffix(".rw")
                    .and_then(|read| granted.iter().find(|g| *g == read))
                {
                    Some(have) => {
                        used.push(have);
                        Check::ReadOnly { have: have.clone() }
                    }
                    None => Check::Missing,
                },
            };
            CheckRow {
                expected: item.clone(),
                check,
            }
        })
        .collect();
    let extra = granted
        .iter()
        .filter(|g| !used.contains(&g.as_str()))
        .filter(|g| {
            !expected
                .items
                .iter()
                .any(|i| i.scope == **g || i.alternatives.contains(g))
        })
        .cloned()
        .collect();
    Checklist { rows, extra }
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
    /// The scopes it adds.
    pub expectations: Expectations,
}

/// Every preset, from the catalog: one read and (where it exists) one write preset per API
/// family, the default SLAS client scopes and `sfcc.shopper-standard`.
pub fn presets() -> Vec<Preset> {
    let mut out = vec![
        Preset {
            id: "slas-default".into(),
            label: "Typical SLAS shopper client scopes".into(),
            group: "SLAS",
            expectations: Expectations::parse(&TYPICAL_SLAS_SCOPES.join(" ")),
        },
        Preset {
            id: "shopper-standard".into(),
            label: "sfcc.shopper-standard".into(),
            group: "SLAS",
            expectations: Expectations::parse("sfcc.shopper-standard"),
        },
    ];
    for e in SCOPES.iter().filter(|e| {
        e.status.is_current()
            && matches!(e.kind, ScopeKind::Shopper | ScopeKind::Admin)
            && e.scope.starts_with("sfcc.")
            && e.members.is_empty()
            && !e.scope.contains('{')
    }) {
        let group = if e.kind == ScopeKind::Shopper {
            "Shopper APIs"
        } else {
            "Admin APIs"
        };
        let label = preset_label(e.scope);
        if e.read_only_variant {
            out.push(Preset {
                id: format!("{}-read", e.scope.trim_start_matches("sfcc.")),
                label: format!("{label} — read"),
                group,
                expectations: Expectations::parse(e.scope),
            });
        }
        if e.read_write_variant {
            out.push(Preset {
                id: format!("{}-write", e.scope.trim_start_matches("sfcc.")),
                label: format!("{label} — write"),
                group,
                expectations: Expectations::parse(&format!("{}.rw", e.scope)),
            });
        }
    }
    out
}

/// "sfcc.shopper-baskets-orders" → "Shopper Baskets & Orders".
fn preset_label(scope: &str) -> String {
    scope
        .trim_start_matches("sfcc.")
        .split(['-', '.', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
        .replace("Baskets Orders", "Baskets & Orders")
        .replace("Myaccount", "My Account")
}
