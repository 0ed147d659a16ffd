//! Non-fatal observations about a credential, ranked most serious first.

use super::errors::ApiError;

/// How much a finding matters to someone debugging a failing call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The call will fail because of this.
    Error,
    /// Probably wrong, or risky.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// Lower-case name, also used as a CSS class.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One observation: a stable id (for tests and styling), a short title, one explaining sentence
/// and, where the docs give one, the error response the API returns in that case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// How much it matters.
    pub severity: Severity,
    /// Stable id, for tests and styling (`expired`, `missing-scope`).
    pub id: &'static str,
    /// The short title, hidden characters revealed.
    pub title: String,
    /// One or two explaining sentences, hidden characters revealed.
    pub detail: String,
    /// The error response the API documents for this case.
    pub error: Option<&'static ApiError>,
}

impl Finding {
    /// A finding; the title and detail have their hidden characters revealed.
    pub fn new(
        severity: Severity,
        id: &'static str,
        title: impl Into<String>,
        detail: impl Into<String>,
    ) -> Self {
        // Findings quote token text: never let an invisible or direction-changing character in.
        Finding {
            severity,
            id,
            title: super::text::reveal(&title.into()),
            detail: super::text::reveal(&detail.into()),
            error: None,
        }
    }

    /// The same finding, with the documented error response for this case.
    pub fn with_error(mut self, error: &'static ApiError) -> Self {
        self.error = Some(error);
        self
    }
}

/// Sorts findings most serious first, keeping the order of equals (in linear time: there are
/// three severities).
pub fn rank(findings: &mut Vec<Finding>) {
    let (mut ranked, rest): (Vec<Finding>, Vec<Finding>) = std::mem::take(findings)
        .into_iter()
        .partition(|f| f.severity == Severity::Error);
    let (warnings, infos): (Vec<Finding>, Vec<Finding>) = rest
        .into_iter()
        .partition(|f| f.severity == Severity::Warning);
    ranked.extend(warnings);
    ranked.extend(infos);
    *findings = ranked;
}
