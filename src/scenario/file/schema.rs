//! Schemas for fields whose values come from a fixed list, built from the same lists the
//! validator uses, so editors offer exactly what validation accepts.

use schemars::{Schema, SchemaGenerator};

fn one_of<'a>(values: impl IntoIterator<Item = &'a str>) -> Schema {
    let values: Vec<&str> = values.into_iter().collect();
    let schema = serde_json::json!({ "type": "string", "enum": values });
    Schema::try_from(schema).expect("a string enum is a schema")
}

pub fn difficulty(_: &mut SchemaGenerator) -> Schema {
    one_of(crate::scenario::Difficulty::IDS)
}

pub fn fault_type(_: &mut SchemaGenerator) -> Schema {
    one_of(crate::sim::FaultKind::IDS)
}

pub fn runtime(_: &mut SchemaGenerator) -> Schema {
    one_of(crate::sim::Runtime::ALL.map(crate::sim::Runtime::id))
}

pub fn dependency_kind(_: &mut SchemaGenerator) -> Schema {
    one_of(["database", "http", "cache", "proxy"])
}

pub fn inject_kind(_: &mut SchemaGenerator) -> Schema {
    one_of(crate::scenario::InjectKind::IDS)
}

pub fn metric(_: &mut SchemaGenerator) -> Schema {
    one_of(crate::sim::Metric::ALL.iter().map(|m| m.id()))
}

/// A built-in id offered first, or any id of a scenario's own action.
fn builtin_or_own(ids: Vec<&str>) -> serde_json::Value {
    serde_json::json!({
        "anyOf": [
            { "type": "string", "enum": ids },
            { "type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "description": "an action of the scenario's own ([[custom_actions]])" }
        ]
    })
}

pub fn diagnostics(_: &mut SchemaGenerator) -> Schema {
    let ids: Vec<&str> = crate::sim::CATALOGUE
        .iter()
        .filter(|a| a.category == crate::sim::Category::Diagnostic)
        .map(|a| a.id)
        .collect();
    let schema = serde_json::json!({ "type": "array", "items": builtin_or_own(ids) });
    Schema::try_from(schema).expect("an array of ids is a schema")
}

pub fn category(_: &mut SchemaGenerator) -> Schema {
    one_of(crate::scenario::ids::CATEGORIES)
}

pub fn custom_target(_: &mut SchemaGenerator) -> Schema {
    one_of(crate::scenario::ids::TARGETS)
}

pub fn action(_: &mut SchemaGenerator) -> Schema {
    let ids = crate::sim::CATALOGUE.iter().map(|a| a.id).collect();
    Schema::try_from(builtin_or_own(ids)).expect("built-in or own ids are a schema")
}
