//! The format's reference for the author's page, built from the JSON Schema (itself generated
//! from the file types' doc comments) and, for fields those comments do not describe, the field
//! tables of docs/scenarios.md. Committed compact as `schema/reference.txt` (kept current by
//! tests/schema.rs), which the page embeds: no schema or Markdown parser in the browser.
//!
//! One record a line, tab-separated: `S <header> <about>` starts a table's section, then
//! `F <field> <type> <required or default> <meaning>` for each of its fields.

use serde_json::Value;

const DOCS: &str = include_str!("../../docs/scenarios.md");

/// The reference as committed.
pub fn reference() -> String {
    let schema: Value = serde_json::from_str(&super::json_schema()).expect("the schema reads");
    let docs = doc_rows();
    let mut out = String::new();
    let mut queue: Vec<(String, Value)> = vec![(String::new(), schema.clone())];
    while let Some((path, table)) = queue.pop() {
        let mut nested = Vec::new();
        if !path.is_empty() {
            let about = one_line(
                table
                    .get("description")
                    .and_then(Value::as_str)
                    .unwrap_or(""),
            );
            out.push_str(&format!("S\t{}\t{about}\n", header(&schema, &path)));
        }
        let required: Vec<&str> = table
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let props = table.get("properties").and_then(Value::as_object);
        for (name, field) in props.into_iter().flatten() {
            let full = if path.is_empty() {
                name.clone()
            } else {
                format!("{path}.{name}")
            };
            if let Some(t) = table_of(&schema, field) {
                nested.push((full, t));
                continue;
            }
            let need = if required.contains(&name.as_str()) {
                "required".to_string()
            } else {
                match field.get("default") {
                    None | Some(Value::Null) => "optional".to_string(),
                    Some(Value::Array(a)) if a.is_empty() => "optional (default: none)".to_string(),
                    Some(Value::Object(o)) if o.is_empty() => {
                        "optional (default: none)".to_string()
                    }
                    Some(Value::String(s)) if s.is_empty() => {
                        "optional (default: empty)".to_string()
                    }
                    Some(v) => format!("optional (default {v})"),
                }
            };
            let meaning = field
                .get("description")
                .and_then(Value::as_str)
                .map(one_line)
                .or_else(|| docs_meaning(&docs, &path, name))
                .unwrap_or_default();
            out.push_str(&format!(
                "F\t{name}\t{}\t{need}\t{meaning}\n",
                kind(&schema, field)
            ));
        }
        // Nested tables come right after their parent, in name order.
        queue.extend(nested.into_iter().rev());
    }
    out
}

/// `[fleet.load_balancer]` or `[[faults]]`: the TOML header of the table at `path`.
fn header(schema: &Value, path: &str) -> String {
    let mut node = schema;
    let mut list = false;
    for part in path.split('.') {
        let field = &node["properties"][part];
        list = is_array(field);
        node = table_of(schema, field).map_or(node, |_| resolve(schema, items(field)));
    }
    if list {
        format!("[[{path}]]")
    } else {
        format!("[{path}]")
    }
}

fn is_array(field: &Value) -> bool {
    match &field["type"] {
        Value::String(t) => t == "array",
        Value::Array(ts) => ts.iter().any(|t| t == "array"),
        _ => false,
    }
}

/// The field itself, or its items when it is a list.
fn items(field: &Value) -> &Value {
    if is_array(field) {
        &field["items"]
    } else {
        field
    }
}

/// Follows `$ref`, and an `anyOf` of one thing or null.
fn resolve<'a>(schema: &'a Value, value: &'a Value) -> &'a Value {
    if let Some(r) = value.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/$defs/");
        return resolve(schema, &schema["$defs"][name]);
    }
    if let Some(options) = value.get("anyOf").and_then(Value::as_array) {
        let real: Vec<&Value> = options.iter().filter(|o| o["type"] != "null").collect();
        if let [one] = real.as_slice() {
            if one.get("$ref").is_some() {
                return resolve(schema, one);
            }
        }
    }
    value
}

/// The table a field holds (or lists), if it is one.
fn table_of(schema: &Value, field: &Value) -> Option<Value> {
    let t = resolve(schema, items(field));
    (t.get("properties").is_some()).then(|| t.clone())
}

/// The field's type in words: `text`, `number`, `list of text`, `one of: a, b`.
fn kind(schema: &Value, field: &Value) -> String {
    let f = resolve(schema, field);
    if let Some(values) = f.get("enum").and_then(Value::as_array) {
        let names: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
        return format!("one of: {}", names.join(", "));
    }
    if let Some(options) = f.get("anyOf").and_then(Value::as_array) {
        let kinds: Vec<String> = options
            .iter()
            .filter(|o| o["type"] != "null")
            .map(|o| kind(schema, o))
            .collect();
        return kinds.join(" or ");
    }
    let ty = match &f["type"] {
        Value::String(t) => t.clone(),
        Value::Array(ts) => ts
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .unwrap_or("")
            .to_string(),
        _ => String::new(),
    };
    match ty.as_str() {
        "array" => format!("list of {}", kind(schema, &f["items"])),
        "string" => "text".into(),
        "number" => "number".into(),
        "integer" => "whole number".into(),
        "boolean" => "true or false".into(),
        "object" => "table of numbers".into(),
        other => other.into(),
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The field tables of docs/scenarios.md's field reference: (the fields a row names, as
/// `table.field`, its meaning). A row's table is its heading's (`### [clock]`) or the one its
/// first name gives (`database.query_ms`, `queries_per_request`).
fn doc_rows() -> Vec<(Vec<String>, String)> {
    let start = DOCS.find("## Field reference").unwrap_or(0);
    let end = DOCS[start + 1..]
        .find("\n## ")
        .map_or(DOCS.len(), |e| start + 1 + e);
    let ticked = |text: &str| -> Vec<String> {
        text.split('`')
            .skip(1)
            .step_by(2)
            .map(|n| n.trim_matches(|c| c == '[' || c == ']').to_string())
            .collect()
    };
    let mut tables: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for line in DOCS[start..end].lines() {
        if let Some(heading) = line.strip_prefix("### ") {
            tables = ticked(heading);
            continue;
        }
        if !line.starts_with("| `") {
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let Some(meaning) = cells.get(1) else {
            continue;
        };
        let names = ticked(cells[0]);
        let prefix = names
            .first()
            .and_then(|n| n.rsplit_once('.'))
            .map(|(t, _)| t.to_string());
        let full: Vec<String> = names
            .iter()
            .flat_map(|n| match (&prefix, n.contains('.')) {
                (_, true) => vec![n.clone()],
                (Some(p), false) => vec![format!("{p}.{n}")],
                (None, false) => tables.iter().map(|t| format!("{t}.{n}")).collect(),
            })
            .collect();
        out.push((full, one_line(meaning)));
    }
    out
}

/// The docs' meaning of `table.name`, from a row about that table.
fn docs_meaning(rows: &[(Vec<String>, String)], table: &str, name: &str) -> Option<String> {
    let full = format!("{table}.{name}");
    rows.iter()
        .find(|(names, _)| names.contains(&full))
        .map(|(_, meaning)| meaning.replace('`', ""))
}
