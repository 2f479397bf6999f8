//! How the run is coached, compared and varied: hints, milestones, the real team's timeline,
//! what they learned, the calibration and seed variation.

use serde::Deserialize;

#[cfg(not(target_arch = "wasm32"))]
use super::schema;

/// A hint: shown while its trigger has happened and its `until` has not.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HintFile {
    /// What to say, to the trainee ("The error rate is climbing: open the servers panel").
    pub text: String,
    /// When it appears: a milestone trigger (`alert:<id>`, `action:<id>`, `found:<id>`, `hypothesis:<id>`,
    /// `developers_engaged`, `fix_deployed`, `outage_started`, `restored`). Give `when` or `at`.
    #[serde(default)]
    pub when: Option<String>,
    /// When it appears: a local time (`"14:01"`).
    #[serde(default)]
    pub at: Option<String>,
    /// When it goes away (a trigger as for `when`); default: when the next hint appears.
    #[serde(default)]
    pub until: Option<String>,
}

/// Bounded variation between seeds; the scenario's own seed runs it as written.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VariationFile {
    /// Faults start up to this much earlier or later (`"10m"`), all by the same shift.
    #[serde(default)]
    pub onset: Option<String>,
    /// Traffic level varies by up to this share (0 to 0.5).
    #[serde(default)]
    pub traffic: f64,
    /// Each fault's rate varies by up to this share (0 to 0.5).
    #[serde(default)]
    pub rate: f64,
    /// Faults on listed hosts move to other hosts.
    #[serde(default)]
    pub hosts: bool,
}

/// The write-up's figures the reference replay must reproduce, on the scenario's own seed.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CalibrationFile {
    /// When the write-up says the outage began (`"14:44"`).
    pub outage_start: Option<String>,
    /// When it says service was restored.
    pub restored: Option<String>,
    /// How close the replay must come (default `"5m"`).
    #[serde(default)]
    pub within: Option<String>,
    /// The source the figures come from (an id under [[scenario.sources]]).
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LearningFile {
    /// What to say, in the debrief and the postmortem draft.
    pub text: String,
    /// The id of the source it comes from, under [[scenario.sources]].
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MilestoneFile {
    /// A name for it, for the reference timeline (`milestone = "<id>"`).
    pub id: String,
    /// What the debrief calls it (`"Paged"`).
    pub title: String,
    /// What reaches it: `alert:<id>`, `action:<id>`, `found:<id>`, `hypothesis:<id>`, `developers_engaged`,
    /// `fix_deployed`, `outage_started` or `restored`.
    pub when: String,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ReferenceFile {
    /// When the real team did it, a local time in the run (`"14:17"`).
    pub at: String,
    /// The action they took (an id from `incident-sim actions` or a custom action).
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "schema::action"))]
    pub action: Option<String>,
    /// The host the action was taken on, for actions that take one.
    pub target: Option<String>,
    /// The milestone reached here (an id under [[milestones]]).
    pub milestone: Option<String>,
    /// What happened, as the write-up says it.
    pub note: String,
    /// The source it comes from (an id under [[scenario.sources]]).
    pub source: String,
    /// The note reached the team at its time (a customer report, a message from support): the
    /// console shows it then, and it is a sign to act on for detection (default false). Needs a
    /// note and no action.
    #[serde(default)]
    pub inject: bool,
}
