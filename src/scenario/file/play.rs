//! What the trainee meets and can do: alerts, actions, and the causes to choose from.

use serde::Deserialize;

#[cfg(not(target_arch = "wasm32"))]
use super::schema;

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AlertFile {
    /// A name for the alert, for milestones (`alert:<id>`) and hints.
    pub id: String,
    /// What the page says (`"Error rate above 5% for 2 minutes"`).
    pub title: String,
    /// The metric it watches (`incident-sim schema` lists them).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "schema::metric"))]
    pub metric: String,
    /// Fires when the metric is above this (give exactly one of `above` and `below`).
    pub above: Option<f64>,
    /// Fires when the metric is below this (give exactly one of `above` and `below`).
    pub below: Option<f64>,
    /// How long the condition must hold before it fires (`"2m"`).
    #[serde(rename = "for")]
    pub for_duration: String,
    /// `page` pages the trainee; another severity (`warning`) does not.
    pub severity: String,
    /// False when the alert fires but reaches nobody (default true).
    #[serde(default)]
    pub delivered: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ActionOverrideFile {
    /// The action whose duration this changes: an id from `incident-sim actions`.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "schema::action"))]
    pub action: String,
    /// What it costs the trainee in this scenario (`"4m"`).
    pub duration: String,
}

/// An action the scenario adds to the catalogue.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CustomActionFile {
    /// What the command line and actions files call it (`remove_post`).
    pub id: String,
    /// What the console's menu shows.
    pub title: String,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(schema_with = "schema::category")
    )]
    pub category: String,
    pub duration: String,
    /// `none` (default), `host` or `optional_host`.
    #[serde(default)]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(schema_with = "schema::custom_target")
    )]
    pub target: Option<String>,
    /// One line for the menu's help.
    #[serde(default)]
    pub help: String,
    /// What the trainee reads when it is done: a template over the world when it is read
    /// (`{host}`, `{time}`, `{metric:<id>}`, `{setting:<id>}`, `{count:<id>}`, `{if ...}`).
    pub finding: String,
    /// Ids of the faults it cures when it lands.
    #[serde(default)]
    pub cures: Vec<String>,
    /// Settings it changes when it lands: `{ health_checks = 0, pool_size = 400 }`.
    #[serde(default)]
    pub sets: std::collections::BTreeMap<String, f64>,
    /// Only the developers can do it (refused until they are engaged).
    #[serde(default)]
    pub needs_developers: bool,
    /// Diagnostics whose output, once it shows an anomaly, makes this action known to the
    /// trainee. Left out, it is offered from the start.
    #[serde(default)]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(schema_with = "schema::diagnostics")
    )]
    pub revealed_by: Option<Vec<String>>,
    /// A cause (a hypothesis id): the action is known once the trainee has declared it. For a
    /// remedy only someone who believes that cause would think of ("Remove the malformed post"):
    /// revealed by a look beside the rival causes, its name would say which cause is right.
    #[serde(default)]
    pub revealed_by_cause: Option<String>,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HypothesisFile {
    /// What declaring it names (`declare_hypothesis <id>`) and milestones use (`hypothesis:<id>`).
    pub id: String,
    /// What the trainee reads on their list of causes.
    pub title: String,
    /// The real root cause: exactly one hypothesis says true (default false).
    #[serde(default)]
    pub correct: bool,
    /// Why it is (or is not) the cause: shown when declared wrongly and in the debrief.
    #[serde(default)]
    pub explanation: String,
    /// The diagnostics whose output shows this cause (the scorer's "diagnosis" phase). Left out,
    /// the correct hypothesis takes the usual ones for its scenario's faults.
    #[serde(default)]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(schema_with = "schema::diagnostics")
    )]
    pub evidence: Option<Vec<String>>,
    /// Diagnostics whose output, once it shows an anomaly, puts this cause on the trainee's
    /// list. Left out, it is listed from the start. Use it so the list does not name the answer
    /// before anything points to it.
    #[serde(default)]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(schema_with = "schema::diagnostics")
    )]
    pub revealed_by: Option<Vec<String>>,
}
