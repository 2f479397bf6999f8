//! The facilitator's injects: what a game master can send the room during a drill, as exercise
//! planners list them (who it is from, what it says, what the room should do, and what to send
//! when the room stalls).

use serde::Deserialize;

#[cfg(not(target_arch = "wasm32"))]
use super::schema;

/// One inject: a message the facilitator sends the room when they choose. It reaches the people,
/// not the world: the simulation runs the same with or without it.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct InjectFile {
    /// A name for it, for fallbacks and run files (`ceo_asks`).
    pub id: String,
    /// When the facilitator might send it, a local time in the run (`"14:50"`); they choose.
    #[serde(default)]
    pub at: Option<String>,
    /// Who it is from, as the room sees it (`"Head of e-commerce"`).
    pub from: String,
    /// What kind of message it is: `stakeholder`, `customer`, `alert` or `colleague`.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(schema_with = "schema::inject_kind")
    )]
    pub kind: String,
    /// What the room sees.
    pub text: String,
    /// What the room should do about it, for the facilitator only (never shown to the room).
    pub expected: String,
    /// The action that counts as the expected response, when one does (an action id): the
    /// facilitator's console then says whether it came.
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "schema::action"))]
    pub expected_action: Option<String>,
    /// The inject to send when the expected response has not come (an id under [[injects]]).
    #[serde(default)]
    pub fallback: Option<String>,
    /// How long to wait for the expected response before the fallback (default `"10m"`).
    #[serde(default)]
    pub fallback_after: Option<String>,
}
