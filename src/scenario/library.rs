//! The scenarios built into the binary.

/// (id, file text) of every built-in scenario.
pub const BUILTIN: [(&str, &str); 1] = [(
    "ecommerce-memory-leak",
    include_str!("../../scenarios/ecommerce-memory-leak.toml"),
)];

pub fn builtin_text(id: &str) -> Option<&'static str> {
    BUILTIN
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(_, text)| *text)
}

pub fn ids() -> impl Iterator<Item = &'static str> {
    BUILTIN.iter().map(|(id, _)| *id)
}

/// Parses a built-in scenario; they are checked by tests, so failure here is a bug.
pub fn builtin(id: &str) -> Option<super::Scenario> {
    let text = builtin_text(id)?;
    Some(super::parse(&format!("{id}.toml"), text).expect("built-in scenarios are valid (tested)"))
}
