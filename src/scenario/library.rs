//! The scenarios built into the binary. Natively they are parsed from their TOML; in the browser
//! they come compiled ahead of time (`scenarios/compiled/*.json`, the validated `Scenario` as
//! JSON, kept equal to the TOML by a test), so the page needs no TOML parser to start.

use super::Scenario;

/// (id, file text) of every built-in scenario.
pub const BUILTIN: [(&str, &str); 10] = [
    (
        "ecommerce-memory-leak",
        include_str!("../../scenarios/ecommerce-memory-leak.toml"),
    ),
    (
        "regex-health-check",
        include_str!("../../scenarios/regex-health-check.toml"),
    ),
    (
        "waf-rule-cpu",
        include_str!("../../scenarios/waf-rule-cpu.toml"),
    ),
    (
        "pool-config-push",
        include_str!("../../scenarios/pool-config-push.toml"),
    ),
    (
        "launch-surge",
        include_str!("../../scenarios/launch-surge.toml"),
    ),
    (
        "debug-logs-disk",
        include_str!("../../scenarios/debug-logs-disk.toml"),
    ),
    (
        "slow-recommendations",
        include_str!("../../scenarios/slow-recommendations.toml"),
    ),
    (
        "first-shift",
        include_str!("../../scenarios/first-shift.toml"),
    ),
    (
        "pooler-file-handles",
        include_str!("../../scenarios/pooler-file-handles.toml"),
    ),
    (
        "feature-file-flapping",
        include_str!("../../scenarios/feature-file-flapping.toml"),
    ),
];

/// (id, compiled JSON) of every built-in scenario, in the same order.
pub const COMPILED: [(&str, &str); 10] = [
    (
        "ecommerce-memory-leak",
        include_str!("../../scenarios/compiled/ecommerce-memory-leak.json"),
    ),
    (
        "regex-health-check",
        include_str!("../../scenarios/compiled/regex-health-check.json"),
    ),
    (
        "waf-rule-cpu",
        include_str!("../../scenarios/compiled/waf-rule-cpu.json"),
    ),
    (
        "pool-config-push",
        include_str!("../../scenarios/compiled/pool-config-push.json"),
    ),
    (
        "launch-surge",
        include_str!("../../scenarios/compiled/launch-surge.json"),
    ),
    (
        "debug-logs-disk",
        include_str!("../../scenarios/compiled/debug-logs-disk.json"),
    ),
    (
        "slow-recommendations",
        include_str!("../../scenarios/compiled/slow-recommendations.json"),
    ),
    (
        "first-shift",
        include_str!("../../scenarios/compiled/first-shift.json"),
    ),
    (
        "pooler-file-handles",
        include_str!("../../scenarios/compiled/pooler-file-handles.json"),
    ),
    (
        "feature-file-flapping",
        include_str!("../../scenarios/compiled/feature-file-flapping.json"),
    ),
];

/// Starting points for a new scenario on the author's page: (id, what it is, its TOML).
pub const TEMPLATES: [(&str, &str, &str); 1] = [(
    "starter",
    "A small service, one fault, one page",
    include_str!("../../scenarios/templates/starter.toml"),
)];

/// A built-in scenario's or a template's TOML.
pub fn source(id: &str) -> Option<&'static str> {
    builtin_text(id).or_else(|| {
        TEMPLATES
            .iter()
            .find(|(i, _, _)| *i == id)
            .map(|(_, _, text)| *text)
    })
}

pub fn builtin_text(id: &str) -> Option<&'static str> {
    BUILTIN
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(_, text)| *text)
}

/// The built-in ids, in library order. Read from the compiled list (the same ids, tested), so the
/// browser build does not carry the TOML texts just to name them.
pub fn ids() -> impl Iterator<Item = &'static str> {
    COMPILED.iter().map(|(id, _)| *id)
}

/// A built-in scenario; they are checked by tests, so failure here is a bug.
#[cfg(not(target_arch = "wasm32"))]
pub fn builtin(id: &str) -> Option<Scenario> {
    let text = builtin_text(id)?;
    Some(super::parse(&format!("{id}.toml"), text).expect("built-in scenarios are valid (tested)"))
}

/// A built-in scenario, from its compiled form (tested equal to parsing its TOML).
#[cfg(target_arch = "wasm32")]
pub fn builtin(id: &str) -> Option<Scenario> {
    compiled(id)
}

/// A built-in scenario read from its compiled JSON.
pub fn compiled(id: &str) -> Option<Scenario> {
    let json = COMPILED.iter().find(|(i, _)| *i == id)?.1;
    Some(serde_json::from_str(json).expect("compiled built-ins read (tested)"))
}

/// The compiled form of a scenario, as committed under `scenarios/compiled/`.
pub fn compile(scenario: &Scenario) -> String {
    let mut json = serde_json::to_string(scenario).expect("scenarios serialise");
    json.push('\n');
    json
}
