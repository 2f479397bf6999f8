//! The committed JSON Schema (editor support for scenario files) is current, and the built-in
//! scenario satisfies it: editors must not flag files the simulator accepts.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/scenario.schema.json");

#[test]
fn the_committed_schema_is_current() {
    let now = incident_trainer::scenario::json_schema();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(PATH, &now).unwrap();
    }
    let committed = std::fs::read_to_string(PATH).expect("schema/scenario.schema.json exists");
    assert_eq!(committed, now, "the scenario format changed: run UPDATE_SCHEMA=1 cargo test --test schema and commit the file");
}

const REFERENCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/reference.txt");

/// The author's page embeds the format's reference built from the schema and the docs.
#[test]
fn the_committed_reference_is_current_and_describes_every_field() {
    let now = incident_trainer::scenario::reference::reference();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(REFERENCE, &now).unwrap();
    }
    let committed = std::fs::read_to_string(REFERENCE).expect("schema/reference.txt exists");
    assert_eq!(committed, now, "the scenario format or its docs changed: run UPDATE_SCHEMA=1 cargo test --test schema and commit the file");
    let mut section = "";
    let mut undescribed = Vec::new();
    for line in now.lines() {
        let cells: Vec<&str> = line.split('\t').collect();
        match cells.as_slice() {
            ["S", header, _] => section = header,
            ["F", name, _, need, meaning] => {
                assert!(
                    need.starts_with("required") || need.starts_with("optional"),
                    "{line}"
                );
                if meaning.is_empty() {
                    undescribed.push(format!("{section} {name}"));
                }
            }
            _ => panic!("not a reference record: {line}"),
        }
    }
    assert!(
        undescribed.is_empty(),
        "fields with no meaning (add a doc comment in src/scenario/file.rs): {undescribed:?}"
    );
    for table in [
        "[scenario]",
        "[[scenario.sources]]",
        "[fleet.load_balancer]",
        "[[faults]]",
        "[[reference]]",
    ] {
        assert!(now.contains(&format!("S\t{table}\t")), "no section {table}");
    }
    assert!(
        now.contains("F\tservers\twhole number\trequired\t"),
        "fleet.servers"
    );
    assert!(now.contains("F\tscrape_interval\ttext\toptional (default \"10s\")\t"));
}

/// A small structural check: `$ref`, `type`, `enum`, `required`, `properties` with
/// `additionalProperties: false`, `items`, `anyOf`. Returns the first problem found.
fn check(schema: &Value, root: &Value, value: &Value, path: &str) -> Result<(), String> {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/$defs/");
        return check(&root["$defs"][name], root, value, path);
    }
    if let Some(options) = schema.get("anyOf").and_then(Value::as_array) {
        return match options.iter().any(|o| check(o, root, value, path).is_ok()) {
            true => Ok(()),
            false => Err(format!("{path}: matches none of the allowed shapes")),
        };
    }
    if let Some(types) = schema.get("type") {
        let allowed: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let actual = match value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        let ok = allowed.contains(&actual) || (actual == "integer" && allowed.contains(&"number"));
        if !ok {
            return Err(format!("{path}: is {actual}, schema allows {allowed:?}"));
        }
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array) {
        if !options.contains(value) {
            return Err(format!("{path}: {value} is not one of {options:?}"));
        }
    }
    if let (Some(object), Some(properties)) = (
        value.as_object(),
        schema.get("properties").and_then(Value::as_object),
    ) {
        for required in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let key = required.as_str().unwrap();
            if !object.contains_key(key) {
                return Err(format!("{path}: lacks required `{key}`"));
            }
        }
        for (key, v) in object {
            match properties.get(key) {
                Some(s) => check(s, root, v, &format!("{path}.{key}"))?,
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    return Err(format!("{path}: `{key}` is not allowed"));
                }
                None => {}
            }
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (i, v) in array.iter().enumerate() {
            check(items, root, v, &format!("{path}[{i}]"))?;
        }
    }
    Ok(())
}

fn schema() -> Value {
    serde_json::from_str(&incident_trainer::scenario::json_schema()).unwrap()
}

#[test]
fn the_built_in_scenarios_satisfy_the_schema() {
    let schema = schema();
    for (id, text) in incident_trainer::scenario::library::BUILTIN {
        let value: Value = toml::from_str(text).unwrap();
        check(&schema, &schema, &value, id).unwrap();
    }
}

#[test]
fn the_schema_rejects_what_validation_rejects() {
    let schema = schema();
    let text = include_str!("../scenarios/ecommerce-memory-leak.toml");
    for (from, to) in [
        ("type = \"memory_leak\"", "type = \"memory_leek\""),
        ("servers = 4", "servrs = 4"),
        ("metric = \"error_rate_pct\"", "metric = \"errors\""),
    ] {
        let value: Value = toml::from_str(&text.replacen(from, to, 1)).unwrap();
        assert!(
            check(&schema, &schema, &value, "s").is_err(),
            "{to} passed the schema"
        );
    }
}
