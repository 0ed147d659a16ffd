//! Turns `data/sfcc/errors.json` (the documented error answers of the SFCC APIs, a copy of
//! ../shared/sfcc/errors.json) into `$OUT_DIR/sfcc_errors.rs`, which
//! `src/inspect/documented.rs` includes. Only what the inspector uses is kept: the id, family,
//! statuses, match keys, title, meaning, causes and the token checks; the examples, sources and
//! notes stay in the JSON. The closed vocabularies (family, match key, token check) become enum
//! variants: an unknown value stops the build with its place.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

const FAMILIES: &[(&str, &str)] = &[
    ("scapi", "Scapi"),
    ("slas", "Slas"),
    ("slas-admin", "SlasAdmin"),
    ("ocapi", "Ocapi"),
    ("am", "Am"),
    ("custom-api", "CustomApi"),
    ("edge", "Edge"),
];

const KEYS: &[(&str, &str)] = &[
    ("type_suffix", "TypeSuffix"),
    ("detail_contains", "DetailContains"),
    ("message_contains", "MessageContains"),
    ("body_contains", "BodyContains"),
    ("error", "Error"),
    ("error_description_contains", "ErrorDescriptionContains"),
    ("fault_type", "FaultType"),
    ("code", "Code"),
    ("www_authenticate_contains", "WwwAuthenticateContains"),
    ("header_present", "HeaderPresent"),
    ("content_type_contains", "ContentTypeContains"),
    ("url_contains", "UrlContains"),
    ("url_contains_any", "UrlContainsAny"),
];

const CHECKS: &[(&str, &str)] = &[
    ("expired", "Expired"),
    ("not-yet-valid", "NotYetValid"),
    ("wrong-token-kind", "WrongTokenKind"),
    ("signature", "Signature"),
    ("tenant-mismatch", "TenantMismatch"),
    ("scope-missing", "ScopeMissing"),
    ("scope-read-only", "ScopeReadOnly"),
    ("am-tenant-scope-missing", "AmTenantScopeMissing"),
    ("site-mismatch", "SiteMismatch"),
    ("customer-mismatch", "CustomerMismatch"),
];

const LABELS: &[(&str, &str)] = &[
    ("doc", "Doc"),
    ("code", "Code"),
    ("obs", "Obs"),
    ("inferred", "Inferred"),
    ("tool", "Tool"),
];

/// Reads `errors.json` under `dir` and writes `sfcc_errors.rs` into `OUT_DIR`.
pub fn generate(dir: &Path) {
    let path = dir.join("errors.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let entries: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
    let mut out = String::from(
        "/// Every entry of data/sfcc/errors.json, in its order.\npub static ERRORS: &[ErrorEntry] = &[\n",
    );
    for (i, e) in entries
        .as_array()
        .expect("data/sfcc/errors.json is a list")
        .iter()
        .enumerate()
    {
        entry(
            &mut out,
            e,
            &format!("data/sfcc/errors.json entry {i} ({})", e["id"]),
        );
    }
    out.push_str("];\n");
    let target = Path::new(&std::env::var("OUT_DIR").unwrap()).join("sfcc_errors.rs");
    std::fs::write(target, out).unwrap();
    println!("cargo:rerun-if-changed=build/sfcc_errors.rs");
}

fn entry(out: &mut String, e: &Value, place: &str) {
    let text = |k: &str| {
        let v = e[k]
            .as_str()
            .unwrap_or_else(|| panic!("{place}: `{k}` is not a string"));
        format!("{v:?}")
    };
    let status = match e["status"].as_u64() {
        Some(n) => format!("Some({n})"),
        None => "None".into(),
    };
    let others: Vec<String> = e["other_statuses"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|n| n.as_u64().unwrap_or(0).to_string())
                .collect()
        })
        .unwrap_or_default();
    let mut keys = Vec::new();
    for (k, v) in e["match"]
        .as_object()
        .unwrap_or_else(|| panic!("{place}: `match` is not an object"))
    {
        let key = pick(k, "match key", "MatchKey", KEYS, place);
        let values: Vec<&Value> = match v {
            Value::Array(list) => list.iter().collect(),
            one => vec![one],
        };
        for v in values {
            let v = v
                .as_str()
                .unwrap_or_else(|| panic!("{place}: match value {v} is not a string"));
            keys.push(format!("({key}, {v:?})"));
        }
    }
    let checks: Vec<String> = e["token_checks"]
        .as_array()
        .unwrap_or_else(|| panic!("{place}: `token_checks` is not a list"))
        .iter()
        .filter_map(Value::as_str)
        .filter(|c| *c != "none")
        .map(|c| pick(c, "token check", "TokenCheck", CHECKS, place))
        .collect();
    let causes: Vec<String> = e["causes"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(|c| format!("{c:?}"))
                .collect()
        })
        .unwrap_or_default();
    writeln!(
        out,
        "    ErrorEntry {{ id: {}, family: {}, status: {status}, other_statuses: &[{}], keys: &[{}], \
         title: {}, meaning: {}, causes: &[{}], checks: &[{}], label: {} }},",
        text("id"),
        pick(e["family"].as_str().unwrap_or(""), "family", "Family", FAMILIES, place),
        others.join(", "),
        keys.join(", "),
        text("title"),
        text("meaning"),
        causes.join(", "),
        checks.join(", "),
        pick(e["label"].as_str().unwrap_or(""), "label", "Label", LABELS, place),
    )
    .unwrap();
}

/// The enum variant `Type::Variant` that `table` maps `value` to; an unknown value stops the
/// build.
fn pick(value: &str, what: &str, ty: &str, table: &[(&str, &str)], place: &str) -> String {
    match table.iter().find(|(json, _)| *json == value) {
        Some((_, name)) => format!("{ty}::{name}"),
        None => panic!(
            "{place}: unknown {what} {value:?}; add it to enum {ty} in src/inspect/documented.rs \
             and to its table in build/sfcc_errors.rs"
        ),
    }
}
