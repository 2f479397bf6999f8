//! The author's template says which fields are required: every field on a line marked
//! `# optional` can be left out and the file still validates; every other field, left out, gives
//! an error at its table that says it is required.
#![cfg(not(target_arch = "wasm32"))]

use incident_trainer::scenario::{self, library};

/// The template's fields: (first line index, line count, the field's key, its line's comment).
fn fields(text: &str) -> Vec<(usize, usize, String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let starts_field = line.split_once(" = ").is_some_and(|(k, _)| {
            !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        });
        if !starts_field {
            i += 1;
            continue;
        }
        let key = line.split_once(" = ").unwrap().0.to_string();
        let comment = line
            .split_once(" #")
            .map_or(String::new(), |(_, c)| c.trim().to_string());
        let mut n = 1;
        if line.ends_with("\"\"\"") {
            // A multi-line string: up to its closing quotes.
            while !lines[i + n].contains("\"\"\"") {
                n += 1;
            }
            n += 1;
        } else {
            // An array or inline table carried on indented lines.
            while i + n < lines.len() && lines[i + n].starts_with(' ') {
                n += 1;
            }
        }
        out.push((i, n, key, comment));
        i += n;
    }
    out
}

fn without(text: &str, from: usize, count: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut kept: Vec<&str> = lines[..from].to_vec();
    kept.extend(&lines[from + count..]);
    kept.join("\n") + "\n"
}

#[test]
fn the_template_says_which_fields_are_required() {
    for (id, _, text) in library::TEMPLATES {
        scenario::parse("t.toml", text).expect("the template is valid");
        let found = fields(text);
        assert!(found.len() > 60, "{id}: only {} fields found", found.len());
        let mut report = Vec::new();
        for (at, n, key, comment) in &found {
            let edited = without(text, *at, *n);
            let result = scenario::parse("t.toml", &edited);
            let optional = comment.starts_with("optional");
            match (optional, result) {
                (true, Ok(_)) => {}
                (true, Err(e)) => report.push(format!(
                    "line {}: `{key}` is marked optional, but left out: {e}",
                    at + 1
                )),
                (false, Ok(_)) => report.push(format!(
                    "line {}: `{key}` is not marked optional, yet the file validates without it",
                    at + 1
                )),
                (false, Err(e)) => {
                    let d = &e.diagnostics[0];
                    let named = d.message.contains(&format!("`{key}"))
                        || d.path.ends_with(&format!(".{key}"));
                    let says = d.message.contains("required") && named;
                    if !says || d.line == 0 {
                        report.push(format!(
                            "line {}: `{key}` left out: {} (line {}, {})",
                            at + 1,
                            d.message,
                            d.line,
                            d.path
                        ));
                    }
                }
            }
        }
        assert!(report.is_empty(), "{id}:\n{}", report.join("\n"));
    }
}
