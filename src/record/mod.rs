//! Runs kept: a run is only (scenario, content hash, seed, timed actions and injects), so it can be
//! written to a file, put in a link, replayed exactly and compared, with no server. This layer
//! reads and writes the run file (`file`), packs it into a link (`link`) and replays it against
//! the scenario to check what it claims (`check`). Plain Rust: the command line and the page share
//! it.

mod check;
pub mod cohort;
mod error;
mod file;
pub mod link;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use check::{hex, play, replay, scenario_for, Replayed, Verdict};
pub use error::RunError;
pub use file::read;
pub use link::read_any;

use crate::scenario::Scenario;
use crate::sim::clock::hhmmss;
use crate::sim::{Action, ScheduledAction};

/// What a run file says it is (the first field a reader checks).
pub const RUN_FORMAT: &str = "incident-trainer-run";
/// Bumped when the layout changes in a way an older reader would misread.
pub const RUN_VERSION: u32 = 1;

/// A run, as it is kept and shared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunFile {
    pub format: String,
    pub version: u32,
    pub scenario: ScenarioRef,
    pub seed: u64,
    /// Who played it, when (both optional: a run is complete without them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trainee: Option<String>,
    /// The day it was played, as the trainee's browser wrote it (`2026-12-01`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The room's roles, for a facilitated session.
    #[serde(default, skip_serializing_if = "Roles::is_empty")]
    pub roles: Roles,
    /// What the trainee did, in the order they did it.
    pub actions: Vec<RunAction>,
    /// What the facilitator sent the room, in the order sent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub injects: Vec<Delivered>,
    /// The tick the session ended at (declared, stopped or the time limit).
    pub ended_at: u32,
    /// What the run produced when it was played: a replay checks it.
    pub result: Claimed,
}

/// The scenario a run was played on: its id, its title (for a reader who lacks it) and its
/// content hash (hex), which tells whether a replay on today's version is exact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioRef {
    pub id: String,
    #[serde(default)]
    pub title: String,
    pub content_hash: String,
}

/// One action of a run. `tick` is what replays; `at` is the clock time for people (written, not
/// read: edit the tick to move an action).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunAction {
    pub tick: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    pub action: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

/// An inject the facilitator sent, and when it reached the room.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Delivered {
    pub tick: u32,
    /// The scenario's id for the inject.
    pub inject: String,
}

/// Who held which role in the room (any may be unnamed).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roles {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commander: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operations: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub communications: Option<String>,
}

impl Roles {
    pub fn is_empty(&self) -> bool {
        self.commander.is_none() && self.operations.is_none() && self.communications.is_none()
    }

    /// The named roles as (role, name), in the order a debrief lists them.
    pub fn named(&self) -> Vec<(&'static str, &str)> {
        [
            ("Incident commander", &self.commander),
            ("Operations", &self.operations),
            ("Communications", &self.communications),
        ]
        .into_iter()
        .filter_map(|(role, name)| name.as_deref().map(|n| (role, n)))
        .collect()
    }

    /// The named roles as one line, `Role: name` joined by `separator`.
    pub fn line(&self, separator: &str) -> String {
        let named: Vec<String> = self
            .named()
            .into_iter()
            .map(|(role, name)| format!("{role}: {name}"))
            .collect();
        named.join(separator)
    }
}

/// What the run produced when it was played: the exact score and the trace hash (hex).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claimed {
    pub score: f64,
    pub trace_hash: String,
}

impl RunAction {
    pub fn of(scheduled: &ScheduledAction, clock: impl Fn(u32) -> String) -> RunAction {
        RunAction {
            tick: scheduled.tick,
            at: Some(clock(scheduled.tick)),
            action: scheduled.action.id().to_string(),
            target: scheduled.action.target.clone(),
        }
    }

    /// The action the simulation takes (an id it does not know is a scenario's own action: the
    /// simulation refuses it if the scenario has none by that name).
    pub fn scheduled(&self) -> ScheduledAction {
        let action = match crate::sim::ActionKind::from_id(&self.action) {
            Some(kind) => Action {
                kind,
                target: self.target.clone(),
                custom: None,
            },
            None => Action::custom(&self.action, self.target.as_deref()),
        };
        ScheduledAction {
            tick: self.tick,
            action,
        }
    }
}

/// What a played run is made of, for [`RunFile::played`].
pub struct Played<'a> {
    pub scenario: &'a Scenario,
    pub seed: u64,
    pub actions: &'a [ScheduledAction],
    pub injects: &'a [Delivered],
    pub ended_at: u32,
    pub score: f64,
    pub trace_hash: u64,
}

impl RunFile {
    /// The file of a run just played (no trainee, date or roles: the caller adds those).
    pub fn played(run: &Played) -> RunFile {
        let scenario = run.scenario;
        let clock = |tick| hhmmss(scenario.config.start_s_of_day, tick);
        RunFile {
            format: RUN_FORMAT.to_string(),
            version: RUN_VERSION,
            scenario: ScenarioRef {
                id: scenario.meta.id.clone(),
                title: scenario.meta.title.clone(),
                content_hash: hex(scenario.content_hash),
            },
            seed: run.seed,
            trainee: None,
            date: None,
            roles: Roles::default(),
            actions: run
                .actions
                .iter()
                .map(|a| RunAction::of(a, clock))
                .collect(),
            injects: run.injects.to_vec(),
            ended_at: run.ended_at,
            result: Claimed {
                score: run.score,
                trace_hash: hex(run.trace_hash),
            },
        }
    }

    /// The actions as the simulation takes them.
    pub fn scheduled(&self) -> Vec<ScheduledAction> {
        self.actions.iter().map(RunAction::scheduled).collect()
    }

    /// The run file's text (pretty JSON: people read these).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("run files serialise")
    }

    /// A name for the downloaded file: the scenario, the trainee if named, the seed.
    pub fn file_name(&self) -> String {
        let who = self
            .trainee
            .as_deref()
            .map(|t| {
                let slug: String = t
                    .chars()
                    .map(|c| {
                        if c.is_alphanumeric() {
                            c.to_ascii_lowercase()
                        } else {
                            '-'
                        }
                    })
                    .collect();
                format!("-{}", slug.trim_matches('-'))
            })
            .unwrap_or_default();
        format!("{}{who}-seed{}.run.json", self.scenario.id, self.seed)
    }
}
