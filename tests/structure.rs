//! The layers import one way: sim -> scenario -> score -> record -> prove -> worker -> ui (see
//! src/lib.rs).
//! Read off the source itself, so a stray `use` fails here before it grows into a knot. Prints
//! the import circles between files (or folders) inside a layer, and holds that there are none.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

const LAYERS: [&str; 7] = [
    "sim", "scenario", "score", "record", "prove", "worker", "ui",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("the source folder reads") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The layers a file names through `crate::<layer>`, each with the line it is on.
fn named_layers(text: &str) -> Vec<(&'static str, usize)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        for layer in LAYERS {
            let needle = format!("crate::{layer}");
            let hit = code.match_indices(&needle).any(|(i, _)| {
                let after = code[i + needle.len()..].chars().next();
                !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
            });
            if hit {
                out.push((layer, n + 1));
            }
        }
    }
    out
}

#[test]
fn every_layer_imports_only_the_layers_before_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut problems = Vec::new();
    for (rank, layer) in LAYERS.iter().enumerate() {
        let mut files = Vec::new();
        rust_files(&root.join(layer), &mut files);
        assert!(!files.is_empty(), "src/{layer} has no files");
        for file in files {
            let text = fs::read_to_string(&file).expect("a source file reads");
            for (named, line) in named_layers(&text) {
                let named_rank = LAYERS.iter().position(|l| *l == named).expect("a layer");
                if named_rank > rank {
                    problems.push(format!(
                        "{}:{line}: the {layer} layer imports {named}, which comes after it",
                        file.strip_prefix(&root).unwrap_or(&file).display()
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `super::x` and `crate::<layer>::x` references between the files of one layer.
fn module_edges(layer: &str) -> BTreeMap<String, Vec<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(layer);
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    // A folder's `mod.rs` goes by the folder's name, as `super::<folder>::` calls it.
    let names: Vec<String> = files
        .iter()
        .map(|f| {
            let stem = f.file_stem().unwrap().to_string_lossy().to_string();
            match (stem.as_str(), f.parent().and_then(|p| p.file_name())) {
                ("mod", Some(folder)) => folder.to_string_lossy().to_string(),
                _ => stem,
            }
        })
        .collect();
    let mut edges = BTreeMap::new();
    for (file, name) in files.iter().zip(&names) {
        let text = fs::read_to_string(file).expect("a source file reads");
        let body = text.split("#[cfg(test)]").next().unwrap_or("");
        let mut to: Vec<String> = names
            .iter()
            .filter(|other| *other != name && other.as_str() != layer)
            .filter(|other| {
                body.contains(&format!("super::{other}::"))
                    || body.contains(&format!("super::{other}::{{"))
                    || body.contains(&format!("crate::{layer}::{other}::"))
            })
            .cloned()
            .collect();
        to.dedup();
        // Files of one name in different folders count as one.
        edges
            .entry(name.clone())
            .or_insert_with(Vec::new)
            .extend(to);
    }
    edges
}

#[test]
fn import_circles_between_files_are_counted() {
    let mut total = 0;
    for layer in LAYERS {
        let edges = module_edges(layer);
        let mut circles = Vec::new();
        for (a, tos) in &edges {
            for b in tos {
                if a < b && edges.get(b).is_some_and(|back| back.contains(a)) {
                    circles.push(format!("{a} <-> {b}"));
                }
            }
        }
        if !circles.is_empty() {
            println!("{layer}: {}", circles.join(", "));
        }
        total += circles.len();
    }
    println!("import circles between two files: {total}");
    assert_eq!(total, 0, "two files (or folders) import each other");
}

fn all_sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let text = fs::read_to_string(&f).expect("a source file reads");
            let name = f.strip_prefix(&root).unwrap_or(&f).display().to_string();
            (name, text)
        })
        .collect()
}

/// Each `fn` with its length in lines, from its signature to its closing brace (a rough
/// brace count: good enough for code `rustfmt` laid out).
fn function_lengths(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let signature = [
            "fn ",
            "pub fn ",
            "pub(crate) fn ",
            "pub(super) fn ",
            "const fn ",
            "pub const fn ",
        ]
        .iter()
        .find_map(|p| trimmed.strip_prefix(p));
        let Some(rest) = signature else { continue };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let mut depth = 0i32;
        let mut opened = false;
        for (offset, body) in lines[start..].iter().enumerate() {
            let code = body.split("//").next().unwrap_or("");
            for c in code.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth -= 1,
                    ';' if !opened && depth == 0 => break,
                    _ => {}
                }
            }
            if !opened && code.trim_end().ends_with(';') {
                break;
            }
            if opened && depth <= 0 {
                out.push((name.clone(), offset + 1));
                break;
            }
        }
    }
    out
}

/// Each `fn` whose parameters include one named by a single letter (`c: &mut Checker`), read
/// from its signature, wrapped over lines or not. A closure's `|c| ...` is no `fn`, so it stays.
fn single_letter_parameters(text: &str) -> Vec<String> {
    let code: String = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = Vec::new();
    for (at, _) in code.match_indices("fn ") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[at + 3..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let after_name = &rest[name.len()..];
        if name.is_empty() || !(after_name.starts_with('(') || after_name.starts_with('<')) {
            continue;
        }
        // The parameter list: from the first `(` to the bracket that closes it.
        let Some(open) = after_name.find('(') else {
            continue;
        };
        let mut depth = 0;
        let mut params = String::new();
        for c in after_name[open..].chars() {
            match c {
                '(' | '[' | '<' => depth += 1,
                ')' | ']' | '>' => depth -= 1,
                _ => {}
            }
            params.push(c);
            if depth == 0 {
                break;
            }
        }
        let inner = &params[1..params.len().saturating_sub(1)];
        let mut depth = 0;
        let mut parts = vec![String::new()];
        for c in inner.chars() {
            match c {
                '(' | '[' | '<' => depth += 1,
                ')' | ']' | '>' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(String::new());
                    continue;
                }
                _ => {}
            }
            parts.last_mut().expect("a part").push(c);
        }
        let single = parts.iter().any(|p| {
            let p = p.trim();
            let p = p.strip_prefix("mut ").unwrap_or(p);
            let mut letters = p.chars();
            letters.next().is_some_and(|c| c.is_ascii_alphabetic())
                && letters.next() == Some(':')
                && letters.next() != Some(':')
        });
        if single {
            out.push(name);
        }
    }
    out
}

const FAULT_VARIANTS: [&str; 7] = [
    "MemoryLeak",
    "TrafficSurge",
    "DependencySlowdown",
    "PoolExhaustion",
    "DiskFill",
    "CpuRunaway",
    "RequestErrors",
];

/// The figures the reshaping (issue: one concept, one place) is measured by. Printed, so a
/// reader sees where the code stands; the ones reached are held by `assert!` below them.
#[test]
fn shape_figures() {
    let sources = all_sources();
    let long_files: Vec<String> = sources
        .iter()
        .filter(|(_, t)| t.lines().count() > 400)
        .map(|(n, t)| format!("{n} ({})", t.lines().count()))
        .collect();
    println!("files over 400 lines: {} {long_files:?}", long_files.len());
    // 11 before the reshaping.
    assert!(
        long_files.is_empty(),
        "a file over 400 lines holds more than one concept: {long_files:?}"
    );
    let mut long_fns: Vec<(usize, String)> = sources
        .iter()
        .flat_map(|(n, t)| {
            function_lengths(t)
                .into_iter()
                .filter(|(_, len)| *len > 70)
                .map(move |(f, len)| (len, format!("{n}::{f}")))
        })
        .collect();
    long_fns.sort();
    long_fns.reverse();
    println!("functions over 70 lines: {} {long_fns:?}", long_fns.len());
    // 27 before the reshaping.
    assert!(
        long_fns.is_empty(),
        "a function over 70 lines does more than one thing: {long_fns:?}"
    );
    let fault_matchers: Vec<&str> = sources
        .iter()
        .filter(|(_, t)| {
            FAULT_VARIANTS.iter().any(|v| {
                t.contains(&format!("FaultKind::{v}")) || t.contains(&format!("Self::{v} "))
            })
        })
        .map(|(n, _)| n.as_str())
        .collect();
    println!(
        "files naming a fault kind's variant: {} {fault_matchers:?}",
        fault_matchers.len()
    );
    assert!(
        fault_matchers.len() <= 4,
        "a fault kind's variants are named only where the kinds are dispatched: {fault_matchers:?}"
    );
    let string_errors: usize = sources
        .iter()
        .filter(|(n, _)| n.starts_with("ui/") || n.starts_with("bin/"))
        .map(|(_, t)| t.matches(", String>").count())
        .sum();
    println!("Result<_, String> in ui and bin: {string_errors}");
    assert_eq!(
        string_errors, 0,
        "ui and bin errors are enums with a Display"
    );
    let unreachable: usize = sources
        .iter()
        .filter(|(n, _)| n.starts_with("sim/"))
        .map(|(_, t)| t.matches("unreachable!").count() + t.matches("expect(\"resolved").count())
        .sum();
    println!("unreachable!/expect(\"resolved..\") in sim: {unreachable}");
    assert_eq!(
        unreachable, 0,
        "actions resolve once, to typed targets the executors take as they are"
    );
    let impl_sim: Vec<&str> = sources
        .iter()
        .filter(|(_, t)| t.contains("impl Simulation {"))
        .map(|(n, _)| n.as_str())
        .collect();
    println!(
        "files that impl Simulation: {} {impl_sim:?}",
        impl_sim.len()
    );
    assert!(
        impl_sim.len() <= 7,
        "a method that belongs to a subsystem lives on it, not on Simulation: {impl_sim:?}"
    );
    let server_writes: Vec<&str> = sources
        .iter()
        .filter(|(n, _)| n.starts_with("sim/") && !n.ends_with("fleet.rs") && !n.contains("server"))
        .filter(|(_, t)| {
            t.lines().any(|l| {
                l.contains("servers[") && (l.contains("] .") || l.contains("].")) && {
                    let after = l.split("servers[").nth(1).unwrap_or("");
                    after.contains(" = ") || after.contains(" += ") || after.contains(" -= ")
                }
            })
        })
        .map(|(n, _)| n.as_str())
        .collect();
    println!(
        "sim files writing a server's fields outside the fleet: {} {server_writes:?}",
        server_writes.len()
    );
    assert!(
        server_writes.is_empty(),
        "the fleet writes its servers' fields: {server_writes:?}"
    );
    let use_states: usize = sources
        .iter()
        .filter(|(n, _)| n.starts_with("ui/"))
        .map(|(_, t)| t.matches("use_state(").count() + t.matches("use_state_eq(").count())
        .sum();
    println!("use_state handles in ui: {use_states}");
    // 28 before the app's state went into one reducer (and the author's page into its own); what
    // is left is a widget's own (a question it asks before acting, an open disclosure).
    assert!(
        use_states <= 16,
        "the app's state lives in its reducers, not in use_state handles: {use_states}"
    );
    let single_letters: Vec<String> = sources
        .iter()
        .flat_map(|(n, t)| {
            single_letter_parameters(t)
                .into_iter()
                .map(move |f| format!("{n}::{f}"))
        })
        .collect();
    println!(
        "functions with a single-letter parameter: {} {single_letters:?}",
        single_letters.len()
    );
    // 202 before the parameters were named (c: &mut Checker, s: &Scenario, o: &mut String...).
    assert!(
        single_letters.is_empty(),
        "a function's parameters are named in words, outside closures: {single_letters:?}"
    );
}

/// The boot script (written by the build's hook, in JavaScript) loads each page's module for the
/// fragment the app links to (`ui::pages`): one set of values in two languages, kept equal here.
#[test]
fn the_boot_script_routes_the_fragments_the_app_links_to() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pages = std::fs::read_to_string(root.join("src/ui/pages.rs")).unwrap();
    let hook = std::fs::read_to_string(root.join("scripts/post-build.mjs")).unwrap();
    let mut routed = 0;
    for name in ["AUTHOR", "COHORT", "FACILITATE"] {
        let fragment = pages
            .lines()
            .find_map(|l| l.strip_prefix(&format!("pub const {name}: &str = \"")))
            .and_then(|rest| rest.strip_suffix("\";"))
            .unwrap_or_else(|| panic!("{name} is declared in src/ui/pages.rs"));
        assert!(
            hook.contains(&format!("'{fragment}': {{ file: ")),
            "scripts/post-build.mjs must route {fragment}"
        );
        routed += 1;
    }
    assert_eq!(routed, 3);
}
