//! The scenarios built into the binary. Natively they are parsed from their TOML; in the browser
//! they come compiled ahead of time (`scenarios/compiled/*.bin`, the validated `Scenario` in
//! postcard's binary form, kept equal to the TOML by a test), so the page needs no TOML parser
//! to start, and no JSON reader for a scenario at all.

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

/// (id, compiled form) of every built-in scenario, in the same order.
pub const COMPILED: [(&str, &[u8]); 10] = [
    (
        "ecommerce-memory-leak",
        include_bytes!("../../scenarios/compiled/ecommerce-memory-leak.bin"),
    ),
    (
        "regex-health-check",
        include_bytes!("../../scenarios/compiled/regex-health-check.bin"),
    ),
    (
        "waf-rule-cpu",
        include_bytes!("../../scenarios/compiled/waf-rule-cpu.bin"),
    ),
    (
        "pool-config-push",
        include_bytes!("../../scenarios/compiled/pool-config-push.bin"),
    ),
    (
        "launch-surge",
        include_bytes!("../../scenarios/compiled/launch-surge.bin"),
    ),
    (
        "debug-logs-disk",
        include_bytes!("../../scenarios/compiled/debug-logs-disk.bin"),
    ),
    (
        "slow-recommendations",
        include_bytes!("../../scenarios/compiled/slow-recommendations.bin"),
    ),
    (
        "first-shift",
        include_bytes!("../../scenarios/compiled/first-shift.bin"),
    ),
    (
        "pooler-file-handles",
        include_bytes!("../../scenarios/compiled/pooler-file-handles.bin"),
    ),
    (
        "feature-file-flapping",
        include_bytes!("../../scenarios/compiled/feature-file-flapping.bin"),
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

/// A built-in scenario read from its compiled form.
pub fn compiled(id: &str) -> Option<Scenario> {
    let bytes = COMPILED.iter().find(|(i, _)| *i == id)?.1;
    Some(super::packed::unpack(bytes).expect("compiled built-ins read (tested)"))
}

/// The compiled form of a scenario, as committed under `scenarios/compiled/`.
pub fn compile(scenario: &Scenario) -> Vec<u8> {
    super::packed::pack(scenario)
}
