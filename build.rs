//! Turns the SFCC knowledge in `data/sfcc/*.json` (copied from the shared domain data) into
//! static Rust tables, so the app carries no JSON parser work at start-up and the data stays a
//! one-line change in a JSON file. Only the fields the inspector uses are kept (the notes and
//! sources stay in the JSON), so the wasm carries no dead text. Closed vocabularies (scope kind
//! and status, token audience, auth schemes, API family) become enum variants of
//! `src/inspect/catalog.rs`; a value the build does not know stops the build with its place.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

#[path = "build/sfcc_errors.rs"]
mod sfcc_errors;
#[path = "build/sfcc_kinds.rs"]
mod sfcc_kinds;

fn main() {
    let dir = data_dir();
    sfcc_kinds::generate(&dir);
    sfcc_errors::generate(&dir);
    let mut out = String::new();
    scopes(&mut out, &read(&dir.join("scope-catalog.json")));
    operations(&mut out, &read(&dir.join("endpoints.json")));
    write_out("sfcc_data.rs", &out);
    println!("cargo:rerun-if-changed=data/sfcc");
    println!("cargo:rerun-if-changed=build.rs");
}

/// `data/sfcc` of this crate.
fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sfcc")
}

/// Writes a generated file into `OUT_DIR`.
fn write_out(name: &str, text: &str) {
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let target = Path::new(&dir).join(name);
    std::fs::write(&target, text)
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
}

fn read(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn s(v: &Value) -> String {
    format!("{:?}", v.as_str().unwrap_or(""))
}

fn opt(v: &Value) -> String {
    match v.as_str() {
        Some(text) => format!("Some({text:?})"),
        None => "None".into(),
    }
}

fn list(v: &Value) -> String {
    let items: Vec<String> = v
        .as_array()
        .map(|a| a.iter().map(s).collect())
        .unwrap_or_default();
    format!("&[{}]", items.join(", "))
}

/// The JSON value `v` of field `field` as the enum variant `Type::Variant` that `table` maps it
/// to. An unknown value stops the build: the Rust enum and this table must learn it first.
fn variant(v: &Value, field: &str, ty: &str, table: &[(&str, &str)], place: &str) -> String {
    let text = v.as_str().unwrap_or_else(|| {
        panic!("{place}: field `{field}` is {v}, not a string (build.rs, enum {ty})")
    });
    match table.iter().find(|(json, _)| *json == text) {
        Some((_, name)) => format!("{ty}::{name}"),
        None => {
            panic!(
            "{place}: unknown {field} {text:?}; build.rs knows {}. Add the value to enum {ty} in \
             src/inspect/catalog.rs and to its table in build.rs.",
            table.iter().map(|(j, _)| format!("{j:?}")).collect::<Vec<_>>().join(", ")
        )
        }
    }
}

/// A list of enum variants, each checked as in [`variant`].
fn variants(v: &Value, field: &str, ty: &str, table: &[(&str, &str)], place: &str) -> String {
    let items: Vec<String> = v
        .as_array()
        .unwrap_or_else(|| panic!("{place}: field `{field}` is {v}, not a list"))
        .iter()
        .map(|item| variant(item, field, ty, table, place))
        .collect();
    format!("&[{}]", items.join(", "))
}

const SCOPE_KINDS: &[(&str, &str)] = &[
    ("shopper", "Shopper"),
    ("admin", "Admin"),
    ("tenant", "Tenant"),
    ("oidc", "Oidc"),
    ("custom", "Custom"),
];

const SCOPE_STATUSES: &[(&str, &str)] = &[
    ("documented", "Documented"),
    ("new", "New"),
    ("legacy", "Legacy"),
    ("doubtful", "Doubtful"),
    ("tooling-only", "ToolingOnly"),
    ("pattern", "Pattern"),
];

const TOKEN_AUDIENCES: &[(&str, &str)] = &[
    ("shopper", "Shopper"),
    ("admin", "Admin"),
    ("either", "Either"),
    ("none", "NoToken"),
];

const AUTH_SCHEMES: &[(&str, &str)] = &[
    ("ShopperToken", "ShopperToken"),
    ("ShopperTokenTsob", "ShopperTokenTsob"),
    ("ShopperTokenTaob", "ShopperTokenTaob"),
    ("AmOAuth2", "AmOAuth2"),
    ("BearerToken", "BearerToken"),
];

/// `api_type` of endpoints.json; the two SLAS APIs get their own family (see [`family`]).
const API_TYPES: &[(&str, &str)] = &[("Shopper", "Shopper"), ("Admin", "Admin")];

fn scopes(out: &mut String, catalog: &Value) {
    out.push_str("/// Every entry of scope-catalog.json.\npub static SCOPES: &[ScopeEntry] = &[\n");
    let entries = catalog
        .as_array()
        .expect("data/sfcc/scope-catalog.json is a list");
    for (i, e) in entries.iter().enumerate() {
        let place = format!("data/sfcc/scope-catalog.json entry {i} ({})", e["scope"]);
        writeln!(
            out,
            "    ScopeEntry {{ scope: {}, kind: {}, read_write_variant: {}, read_only_variant: {}, apis: {}, \
             status: {}, members: {}, alias_of: {} }},",
            s(&e["scope"]),
            variant(&e["kind"], "kind", "ScopeKind", SCOPE_KINDS, &place),
            e["read_write_variant"].as_bool().unwrap_or(false),
            e["read_only_variant"].as_bool().unwrap_or(false),
            list(&e["apis"]),
            variant(&e["status"], "status", "ScopeStatus", SCOPE_STATUSES, &place),
            list(&e["members"]),
            opt(&e["alias_of"]),
        )
        .expect("writing to a String cannot fail");
    }
    out.push_str("];\n\n");
}

/// The API family of an operation: SLAS (shopper login) and SLAS Admin by name, the others by
/// `api_type`.
fn family(e: &Value, place: &str) -> String {
    match e["api"].as_str() {
        Some("Shopper Login (SLAS)") => "ApiFamily::ShopperLogin".into(),
        Some("SLAS Admin") => "ApiFamily::SlasAdmin".into(),
        _ => variant(&e["api_type"], "api_type", "ApiFamily", API_TYPES, place),
    }
}

fn site_param(site: &Value) -> String {
    match site["name"].as_str() {
        Some(name) => format!(
            "Some(SiteParam {{ name: {name:?}, required: {} }})",
            site["required"].as_bool().unwrap_or(false)
        ),
        None => "None".into(),
    }
}

fn operations(out: &mut String, endpoints: &Value) {
    out.push_str(
        "/// Every operation of endpoints.json.\npub static ENDPOINTS: &[Endpoint] = &[\n",
    );
    let mut longest = 0;
    let entries = endpoints
        .as_array()
        .expect("data/sfcc/endpoints.json is a list");
    for (i, e) in entries.iter().enumerate() {
        let place = format!("data/sfcc/endpoints.json entry {i} ({})", e["operation_id"]);
        let template = format!(
            "{}{}",
            e["base_path"].as_str().unwrap_or(""),
            e["path"].as_str().unwrap_or("")
        );
        longest = longest.max(template.split('/').filter(|s| !s.is_empty()).count());
        writeln!(
            out,
            "    Endpoint {{ api: {}, family: {}, base_path: {}, method: {}, path: {}, \
             operation_id: {}, token: {}, schemes: {}, scopes_any_of: {}, site_param: {} }},",
            s(&e["api"]),
            family(e, &place),
            s(&e["base_path"]),
            s(&e["method"]),
            s(&e["path"]),
            s(&e["operation_id"]),
            variant(
                &e["token"],
                "token",
                "TokenAudience",
                TOKEN_AUDIENCES,
                &place
            ),
            variants(&e["schemes"], "schemes", "AuthScheme", AUTH_SCHEMES, &place),
            list(&e["scopes_any_of"]),
            site_param(&e["site_param"]),
        )
        .expect("writing to a String cannot fail");
    }
    out.push_str("];\n");
    writeln!(
        out,
        "/// Segments in the longest operation template (base path and path).\n\
         pub const LONGEST_TEMPLATE: usize = {longest};"
    )
    .expect("writing to a String cannot fail");
}
