//! The scenario file as written: field names, optional parts and the units people use ("14:35",
//! "5m"), one file per part of the format (its doc comments make the JSON Schema). Unknown fields
//! are errors, each reported while the rest is still read (`scenario::parse`); the validators check
//! meaning and turn this into a `Scenario`.

mod debrief;
mod fault;
mod inject;
mod meta;
mod play;
#[cfg(not(target_arch = "wasm32"))]
mod schema;
mod service;
mod traffic;

use serde::Deserialize;

pub use debrief::*;
pub use fault::*;
pub use inject::*;
pub use meta::*;
pub use play::*;
pub use service::*;
pub use traffic::*;

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    pub scenario: MetaFile,
    pub clock: ClockFile,
    pub traffic: TrafficFile,
    pub fleet: FleetFile,
    pub database: DatabaseFile,
    /// The payment gateway; a service that sells nothing (or takes no payments) leaves it out.
    #[serde(default)]
    pub payment: Option<PaymentFile>,
    /// Dependencies beyond the main database and the payment gateway.
    #[serde(default)]
    pub dependencies: Vec<DependencyFile>,
    pub slo: SloFile,
    pub response: ResponseFile,
    #[serde(default)]
    pub faults: Vec<FaultFile>,
    #[serde(default)]
    pub alerts: Vec<AlertFile>,
    #[serde(default)]
    pub actions: Vec<ActionOverrideFile>,
    /// Actions the catalogue lacks, defined by the scenario.
    #[serde(default)]
    pub custom_actions: Vec<CustomActionFile>,
    #[serde(default)]
    pub hypotheses: Vec<HypothesisFile>,
    #[serde(default)]
    pub deploys: Vec<DeployFile>,
    #[serde(default)]
    pub milestones: Vec<MilestoneFile>,
    #[serde(default)]
    pub reference: Vec<ReferenceFile>,
    /// What the real team learned, for the debrief.
    #[serde(default)]
    pub lessons: Vec<LearningFile>,
    /// What the real team changed afterwards, for the debrief and the postmortem draft.
    #[serde(default)]
    pub corrective_measures: Vec<LearningFile>,
    /// What replaying the real team's path must reproduce (checked by `solve`).
    #[serde(default)]
    pub calibration: Option<CalibrationFile>,
    /// How seeds other than the scenario's own vary the afternoon.
    #[serde(default)]
    pub variation: Option<VariationFile>,
    /// Coaching shown in the console when the trainee turns hints on.
    #[serde(default)]
    pub hints: Vec<HintFile>,
    /// What a facilitator can send the room during a drill (a stakeholder's message, a second
    /// alert, a customer report).
    #[serde(default)]
    pub injects: Vec<InjectFile>,
}
