//! Turns the SFCC knowledge in `data/sfcc/*.json` (copied from the shared domain data) into
//! static Rust tables, so the app carries no JSON parser work at start-up and the data stays a
//! one-line change in a JSON file. Only the fields the inspector uses are kept (the notes and
//! sources stay in the JSON), so the wasm carries no dead text.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

#[path = "build/sfcc_kinds.rs"]
mod sfcc_kinds;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sfcc");
    sfcc_kinds::generate(&dir);
    let catalog = read(&dir.join("scope-catalog.json"));
    let endpoints = read(&dir.join("endpoints.json"));
    let mut out = String::new();
    scopes(&mut out, &catalog);
    operations(&mut out, &endpoints);
    let target = Path::new(&std::env::var("OUT_DIR").unwrap()).join("sfcc_data.rs");
    std::fs::write(target, out).unwrap();
    println!("cargo:rerun-if-changed=data/sfcc");
    println!("cargo:rerun-if-changed=build.rs");
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

fn scopes(out: &mut String, catalog: &Value) {
    out.push_str("/// Every entry of scope-catalog.json.\npub static SCOPES: &[ScopeEntry] = &[\n");
    for e in catalog.as_array().expect("scope catalog is a list") {
        writeln!(
            out,
            "    ScopeEntry {{ scope: {}, kind: {}, read_write_variant: {}, read_only_variant: {}, apis: {}, \
             status: {}, members: {}, alias_of: {} }},",
            s(&e["scope"]),
            s(&e["kind"]),
            e["read_write_variant"].as_bool().unwrap_or(false),
            e["read_only_variant"].as_bool().unwrap_or(false),
            list(&e["apis"]),
            s(&e["status"]),
            list(&e["members"]),
            opt(&e["alias_of"]),
        )
        .unwrap();
    }
    out.push_str("];\n\n");
}

fn operations(out: &mut String, endpoints: &Value) {
    out.push_str(
        "/// Every operation of endpoints.json.\npub static ENDPOINTS: &[Endpoint] = &[\n",
    );
    let mut longest = 0;
    for e in endpoints.as_array().expect("endpoints is a list") {
        let template = format!(
            "{}{}",
            e["base_path"].as_str().unwrap_or(""),
            e["path"].as_str().unwrap_or("")
        );
        longest = longest.max(template.split('/').filter(|s| !s.is_empty()).count());
        let site = &e["site_param"];
        let site_param = match site["name"].as_str() {
            Some(name) => format!(
                "Some(SiteParam {{ name: {name:?}, required: {} }})",
                site["required"].as_bool().unwrap_or(false)
            ),
            None => "None".into(),
        };
        writeln!(
            out,
            "    Endpoint {{ api: {}, base_path: {}, method: {}, path: {}, \
             operation_id: {}, token: {}, schemes: {}, scopes_any_of: {}, site_param: {} }},",
            s(&e["api"]),
            s(&e["base_path"]),
            s(&e["method"]),
            s(&e["path"]),
            s(&e["operation_id"]),
            s(&e["token"]),
            list(&e["schemes"]),
            list(&e["scopes_any_of"]),
            site_param,
        )
        .unwrap();
    }
    out.push_str("];\n");
    writeln!(
        out,
        "/// Segments in the longest operation template (base path and path).\n\
         pub const LONGEST_TEMPLATE: usize = {longest};"
    )
    .unwrap();
}
