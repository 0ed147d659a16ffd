//! The core is a layered graph: no module of `src/inspect` depends, directly or through others,
//! on a module that depends on it. Read from the source, so a new `use` that closes a cycle
//! fails here (and in `scripts/test`) before it lands.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The module graph of the core: for each top-level module of `inspect` (and `inspect` itself,
/// for its own items such as `analyze`), the top-level modules it uses.
type Graph = BTreeMap<String, BTreeSet<String>>;

const ROOT: &str = "inspect";

/// Every path after `prefix` in `text`: `a`, `a::b`, or each path of a `{a, b::{c}}` group.
fn paths_after(text: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(prefix) {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let end = group
                .char_indices()
                .find(|&(_, c)| {
                    depth += match c {
                        '{' => 1,
                        '}' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .map_or(group.len(), |(i, _)| i);
            // Only the first name of each member of the group matters.
            let mut level = 0;
            let mut start = 0;
            for (i, c) in group[..end].char_indices().chain([(end, ',')]) {
                match c {
                    '{' => level += 1,
                    '}' => level -= 1,
                    ',' if level == 0 => {
                        out.push(group[start..i].trim().to_string());
                        start = i + 1;
                    }
                    _ => {}
                }
            }
        } else {
            out.push(
                rest.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect(),
            );
        }
    }
    out
}

/// The top-level module a path names, or the root for the root's own items (`analyze`).
fn target(path: &str, modules: &BTreeSet<String>) -> String {
    let first = path.split("::").next().unwrap_or("").trim();
    if modules.contains(first) {
        first.to_string()
    } else {
        ROOT.to_string()
    }
}

fn source_graph(dir: &Path) -> Graph {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("src/inspect is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let module_of = |path: &Path| -> (String, usize) {
        let rel = path.strip_prefix(dir).expect("inside src/inspect");
        let parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
            .collect();
        (parts[0].clone(), parts.len() - 1)
    };
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(f).0).collect();
    let mut graph = Graph::new();
    let mut add = |from: &str, path: &str| {
        let to = target(path, &modules);
        if to != from && !path.is_empty() && path != "self" {
            graph.entry(from.to_string()).or_default().insert(to);
        }
    };
    for file in &files {
        let (module, depth) = module_of(file);
        let text = std::fs::read_to_string(file).expect("a readable source file");
        // Comments may name other modules freely.
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for path in paths_after(&code, "crate::inspect::") {
            add(&module, &path);
        }
        // `super::x` inside `sfcc/kind.rs` is `sfcc::x`, inside the module itself: only paths
        // that climb out of the top-level module count.
        let outward = "super::".repeat(depth + 1);
        for path in paths_after(&code, &outward) {
            add(&module, &path);
        }
    }
    let root = std::fs::read_to_string(dir.with_extension("rs")).expect("src/inspect.rs");
    let declared: Vec<&str> = root
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|l| l.trim_end_matches(';'))
        .collect();
    for line in root.lines().filter(|l| !l.trim_start().starts_with("//")) {
        for m in &modules {
            let uses = line.contains(&format!("{m}::")) && !line.contains(&format!("mod {m}"));
            if uses && declared.contains(&m.as_str()) {
                graph.entry(ROOT.to_string()).or_default().insert(m.clone());
            }
        }
    }
    graph
}

/// One cycle of the graph, if there is any, as the modules along it.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &Graph,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_core_modules_form_no_import_cycle() {
    let graph = source_graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/inspect"));
    assert!(graph.len() > 5, "the graph was read: {graph:?}");
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "import cycle in src/inspect: {}\nthe graph: {graph:#?}",
            cycle.join(" → ")
        );
    }
}

#[test]
fn the_bottom_text_module_uses_no_other_core_module() {
    let graph = source_graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/inspect"));
    assert_eq!(
        graph.get("text"),
        None,
        "text must depend on nothing: {graph:?}"
    );
    assert!(graph.values().filter(|uses| uses.contains("text")).count() > 3);
}

#[test]
fn the_cycle_check_finds_a_cycle_through_three_modules() {
    let edges = [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")];
    let mut graph = Graph::new();
    for (from, to) in edges {
        graph.entry(from.into()).or_default().insert(to.into());
    }
    let cycle = find_cycle(&graph).expect("a → b → c → a");
    assert_eq!(cycle.first(), cycle.last());
    assert_eq!(cycle.len(), 4);
    graph.get_mut("c").unwrap().remove("a");
    assert_eq!(find_cycle(&graph), None);
}

#[test]
fn grouped_and_nested_imports_are_all_read() {
    let code = "use super::{self, jose::{a, b}, time::X};\nlet x = super::text::reveal(y);";
    assert_eq!(
        paths_after(code, "super::"),
        ["self", "jose::{a, b}", "time::X", "text::reveal"]
    );
}
