//! Turns the SFCC token knowledge in `data/sfcc/` (token-kinds.json, lifetimes.json,
//! am-roles.json, typical-slas-scopes.json) into `$OUT_DIR/sfcc_kinds.rs`, which
//! `src/inspect/sfcc/data.rs` includes. The kind and variant rows become exhaustive `match`es
//! on `SfccKind` and `Variant`, so a kind missing from the data (or a row naming no kind) fails
//! to compile. Sources stay in the JSON, beside each value.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

/// Reads the four files under `dir` and writes `sfcc_kinds.rs` into `OUT_DIR`.
pub fn generate(dir: &Path) {
    let kinds = load(&dir.join("token-kinds.json"));
    let lifetimes = load(&dir.join("lifetimes.json"));
    let roles = load(&dir.join("am-roles.json"));
    let typical = load(&dir.join("typical-slas-scopes.json"));
    let kind_names = rust_names(&kinds["kinds"]);
    let variant_names = rust_names(&kinds["variants"]);
    let mut out = String::new();
    kind_table(&mut out, &kinds["kinds"]);
    variant_table(&mut out, &kinds["variants"]);
    lifetime_table(
        &mut out,
        &lifetimes["lifetimes"],
        &kind_names,
        &variant_names,
    );
    role_table(&mut out, &roles["roles"]);
    let scopes: Vec<String> = rows(&typical["scopes"]).iter().map(lit).collect();
    writeln!(
        out,
        "/// The scopes a PWA Kit shopper client typically has (data/sfcc/typical-slas-scopes.json).\n\
         pub static TYPICAL_SLAS_SCOPES: &[&str] = &[{}];",
        scopes.join(", ")
    )
    .unwrap();
    let target = Path::new(&std::env::var("OUT_DIR").unwrap()).join("sfcc_kinds.rs");
    std::fs::write(target, out).unwrap();
    println!("cargo:rerun-if-changed=build/sfcc_kinds.rs");
}

fn load(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn rows(v: &Value) -> &[Value] {
    v.as_array().map_or(&[], Vec::as_slice)
}

/// A Rust string literal of field `v` (empty when it is no string).
fn lit(v: &Value) -> String {
    format!("{:?}", v.as_str().unwrap_or(""))
}

/// `id` → `rust` of each row.
fn rust_names(list: &Value) -> BTreeMap<String, String> {
    rows(list)
        .iter()
        .map(|r| {
            let field = |k: &str| {
                r[k].as_str()
                    .unwrap_or_else(|| panic!("row without {k}: {r}"))
            };
            (field("id").to_string(), field("rust").to_string())
        })
        .collect()
}

fn kind_table(out: &mut String, kinds: &Value) {
    out.push_str(
        "impl SfccKind {\n    /// The data row of this kind (data/sfcc/token-kinds.json).\n    \
         pub fn info(self) -> &'static KindInfo {\n        match self {\n",
    );
    for k in rows(kinds) {
        let audience = match k["audience"].as_str() {
            Some("shopper") => "Shopper",
            Some("admin") => "Admin",
            Some("other") => "Other",
            other => panic!("kind {}: unknown audience {other:?}", k["id"]),
        };
        let bearer = match k["bearer"].as_str() {
            Some("current") => "Bearer::Current".to_string(),
            Some("legacy") => "Bearer::Legacy".to_string(),
            Some("unknown") => "Bearer::Unknown".to_string(),
            Some("not-a-bearer") => {
                format!("Bearer::NotABearer({})", lit(&k["not_a_bearer_title"]))
            }
            other => panic!("kind {}: unknown bearer {other:?}", k["id"]),
        };
        writeln!(
            out,
            "            SfccKind::{} => &KindInfo {{ id: {}, title: {}, explanation: {}, \
             audience: Audience::{audience}, bearer: {bearer} }},",
            k["rust"].as_str().unwrap_or("Missing"),
            lit(&k["id"]),
            lit(&k["title"]),
            lit(&k["explanation"]),
        )
        .unwrap();
    }
    out.push_str("        }\n    }\n}\n\n");
}

fn variant_table(out: &mut String, variants: &Value) {
    out.push_str(
        "impl Variant {\n    /// The data row of this variant (data/sfcc/token-kinds.json).\n    \
         pub fn info(self) -> &'static VariantInfo {\n        match self {\n",
    );
    for v in rows(variants) {
        writeln!(
            out,
            "            Variant::{} => &VariantInfo {{ id: {}, label: {} }},",
            v["rust"].as_str().unwrap_or("Missing"),
            lit(&v["id"]),
            lit(&v["label"]),
        )
        .unwrap();
    }
    out.push_str("        }\n    }\n}\n\n");
}

fn lifetime_table(
    out: &mut String,
    lifetimes: &Value,
    kinds: &BTreeMap<String, String>,
    variants: &BTreeMap<String, String>,
) {
    let named = |map: &BTreeMap<String, String>, ty: &str, v: &Value| match v.as_str() {
        None => "None".to_string(),
        Some(id) => {
            let name = map
                .get(id)
                .unwrap_or_else(|| panic!("lifetimes.json: no {ty} {id}"));
            format!("Some({ty}::{name})")
        }
    };
    out.push_str("/// Documented lifetimes (data/sfcc/lifetimes.json).\npub static LIFETIMES: &[Lifetime] = &[\n");
    for l in rows(lifetimes) {
        writeln!(
            out,
            "    Lifetime {{ id: {}, kind: {}, variant: {}, seconds: {}, label: {} }},",
            lit(&l["id"]),
            named(kinds, "SfccKind", &l["kind"]),
            named(variants, "Variant", &l["variant"]),
            l["seconds"]
                .as_u64()
                .unwrap_or_else(|| panic!("lifetime without seconds: {l}")),
            lit(&l["label"]),
        )
        .unwrap();
    }
    out.push_str("];\n\n");
}

fn role_table(out: &mut String, roles: &Value) {
    out.push_str("/// Account Manager roles that matter (data/sfcc/am-roles.json).\npub static ROLES: &[Role] = &[\n");
    for r in rows(roles) {
        writeln!(
            out,
            "    Role {{ id: {}, name: {}, meaning: {}, api_tenants: {}, slas_admin: {} }},",
            lit(&r["id"]),
            lit(&r["name"]),
            lit(&r["meaning"]),
            r["api_tenants"].as_bool().unwrap_or(false),
            r["slas_admin"].as_bool().unwrap_or(false),
        )
        .unwrap();
    }
    out.push_str("];\n\n");
}
