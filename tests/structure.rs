//! The layers import one way: sim -> scenario -> score -> prove -> worker -> ui (see src/lib.rs).
//! Read off the source itself, so a stray `use` fails here before it grows into a knot. Prints
//! the import circles between files inside a layer (a measure for the reshaping still to do).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

const LAYERS: [&str; 6] = ["sim", "scenario", "score", "prove", "worker", "ui"];

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
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_stem().unwrap().to_string_lossy().to_string())
        .collect();
    let mut edges = BTreeMap::new();
    for (file, name) in files.iter().zip(&names) {
        let text = fs::read_to_string(file).expect("a source file reads");
        let body = text.split("#[cfg(test)]").next().unwrap_or("");
        let mut to: Vec<String> = names
            .iter()
            .filter(|other| *other != name && other.as_str() != "mod")
            .filter(|other| {
                body.contains(&format!("super::{other}::"))
                    || body.contains(&format!("super::{other}::{{"))
                    || body.contains(&format!("crate::{layer}::{other}::"))
            })
            .cloned()
            .collect();
        to.dedup();
        edges.insert(name.clone(), to);
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
}
