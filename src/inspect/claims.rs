//! The claims table: one row per header parameter or payload claim, in the token's own order,
//! with its description, nested JSON decoded and time claims read.

pub mod docs;

use serde_json::{Map, Value};

pub use docs::{ClaimDoc, Place};

use super::text::escape_hidden;
use super::time::{TimeClaim, TIME_CLAIMS};

/// One row of a claims table.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimRow {
    /// The claim or header parameter name.
    pub name: String,
    /// The value as written in the token.
    pub value: Value,
    /// The value as text: strings without quotes, anything else as compact JSON.
    pub display: String,
    /// What the claim means, when we know.
    pub doc: Option<&'static ClaimDoc>,
    /// JSON found inside a string value (the OCAPI `sub`), pretty-printed.
    pub nested: Option<String>,
    /// Time claims, read as instants.
    pub time: Option<TimeClaim>,
}

impl ClaimRow {
    /// The value as copied to the clipboard: exactly as written (strings without quotes), hidden
    /// characters included, unlike [`ClaimRow::display`].
    pub fn copy_text(&self) -> String {
        match &self.value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }
}

/// Rows for every member of `object`, in order.
pub fn rows(object: &Map<String, Value>, place: Place) -> Vec<ClaimRow> {
    object
        .iter()
        .map(|(name, value)| ClaimRow {
            name: name.clone(),
            display: display(value),
            doc: docs::lookup(name, place),
            nested: nested_json(value),
            time: (place == Place::Payload && TIME_CLAIMS.contains(&name.as_str()))
                .then(|| TimeClaim::read(name, value)),
            value: value.clone(),
        })
        .collect()
}

/// A value as text: strings as they are, everything else as compact JSON; invisible and
/// direction-changing characters shown as `⟨U+200B⟩` (in JSON, as `\u200b` escapes).
pub fn display(value: &Value) -> String {
    match value {
        Value::String(s) => super::text::reveal(s),
        // `serde_json::to_string`: the same compact JSON as `Display`, through the
        // serializer the export already carries.
        other => escape_hidden(&serde_json::to_string(other).unwrap_or_default()),
    }
}

/// Pretty JSON when a string value itself holds a JSON object or array.
fn nested_json(value: &Value) -> Option<String> {
    let text = value.as_str()?.trim();
    if !(text.starts_with('{') || text.starts_with('[')) {
        return None;
    }
    let inner: Value = serde_json::from_str(text).ok()?;
    serde_json::to_string_pretty(&inner)
        .ok()
        .map(|t| escape_hidden(&t))
}
