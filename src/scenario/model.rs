//! A scenario after validation: everything checked, times turned into ticks.

use serde::{Deserialize, Serialize};

use crate::sim::{Action, ScheduledAction, SimConfig};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Difficulty {
    Introductory,
    Intermediate,
    Advanced,
}

impl Difficulty {
    pub const IDS: [&'static str; 3] = ["introductory", "intermediate", "advanced"];

    pub const ALL: [Difficulty; 3] = [
        Difficulty::Introductory,
        Difficulty::Intermediate,
        Difficulty::Advanced,
    ];

    pub fn id(self) -> &'static str {
        Difficulty::IDS[self as usize]
    }

    pub fn from_id(id: &str) -> Option<Difficulty> {
        Difficulty::ALL.into_iter().find(|d| d.id() == id)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub url: Option<String>,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub difficulty: Difficulty,
    pub tags: Vec<String>,
    pub briefing: String,
    pub sources: Vec<Source>,
    pub follows: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Clock {
    pub date: String,
    pub start_s_of_day: u32,
    pub time_zone: String,
    pub utc_offset: String,
}

/// What marks a milestone as reached in a run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum MilestoneTrigger {
    /// An alert rule (by index) fired.
    Alert(u32),
    /// Any of these actions (by id, built in or the scenario's own) was taken.
    Action(Vec<String>),
    /// A look with any of these actions showed an anomaly of a fault (dated when it was run, once
    /// its output is in hand): a look before the fault shows (a leak with no growth yet) is not a
    /// find.
    Found(Vec<String>),
    /// This hypothesis (by index) was declared.
    Hypothesis(u32),
    DevelopersEngaged,
    /// The developers' fix went live (issued plus the scenario's fix deploy time).
    FixDeployed,
    OutageStarted,
    Restored,
}

/// Coaching for the console: shown from `from` until `until` happens (or a later hint appears).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hint {
    pub text: String,
    pub from: HintStart,
    pub until: Option<MilestoneTrigger>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum HintStart {
    /// A tick of the run.
    At(u32),
    Trigger(MilestoneTrigger),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    pub id: String,
    pub title: String,
    pub trigger: MilestoneTrigger,
}

/// One line of what the real team did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReferenceEntry {
    pub tick: u32,
    pub action: Option<Action>,
    pub milestone: Option<String>,
    pub note: String,
    pub source: String,
    /// The note reached the team at its time: shown in the console, a sign to act on.
    #[serde(default)]
    pub inject: bool,
}

/// A lesson or corrective measure of the real team, with the source it comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Learning {
    pub text: String,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub meta: Meta,
    pub clock: Clock,
    pub seed: u64,
    pub currency: String,
    pub config: SimConfig,
    pub hypothesis_explanations: Vec<String>,
    /// Per hypothesis (same order as the config's), the diagnostics that show it.
    /// (Action ids, built in or the scenario's own.)
    pub hypothesis_evidence: Vec<Vec<String>>,
    pub lessons: Vec<Learning>,
    pub corrective_measures: Vec<Learning>,
    pub milestones: Vec<Milestone>,
    pub reference: Vec<ReferenceEntry>,
    /// Stable hash of the file's text: a run is (content hash, seed, actions).
    pub content_hash: u64,
    /// What the reference replay must reproduce.
    #[serde(default)]
    pub calibration: Option<Calibration>,
    /// Scenario-defined coaching (the console also derives hints from the reference when none).
    #[serde(default)]
    pub hints: Vec<Hint>,
    /// What a facilitator can send the room (`[[injects]]`); the world never reads them.
    #[serde(default)]
    pub planned_injects: Vec<super::Inject>,
}

/// The write-up's outage start and restore time (ticks), and how close the replay must come.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    pub outage_start: Option<u32>,
    pub restored: Option<u32>,
    pub within_s: u32,
    pub source: String,
}

impl Scenario {
    /// The real team's actions, as a script to replay.
    pub fn reference_actions(&self) -> Vec<ScheduledAction> {
        self.reference
            .iter()
            .filter_map(|r| {
                r.action.clone().map(|action| ScheduledAction {
                    tick: r.tick,
                    action,
                })
            })
            .collect()
    }

    /// The reference notes that reach the team during the run (`inject = true`), in time order.
    pub fn injects(&self) -> impl Iterator<Item = &ReferenceEntry> {
        self.reference.iter().filter(|r| r.inject)
    }

    /// The facilitator's inject with this id.
    pub fn planned(&self, id: &str) -> Option<&super::Inject> {
        self.planned_injects.iter().find(|i| i.id == id)
    }

    /// `HH:MM` of a tick in the scenario's local time.
    pub fn hhmm(&self, tick: u32) -> String {
        crate::sim::clock::hhmm(self.clock.start_s_of_day, tick)
    }

    /// What the trainee calls an action: the button's title, with its target (a host, a
    /// severity, or the declared cause by its title).
    pub fn action_title(&self, action: &Action) -> String {
        let title = self.button_title(action);
        let cause = self.config.hypotheses.iter().find(|h| {
            action.kind == crate::sim::ActionKind::DeclareHypothesis
                && action.target.as_deref() == Some(&h.id)
        });
        match (cause, &action.target) {
            (Some(h), _) => format!("{title}: {}", h.title),
            (None, Some(t)) => format!("{title} ({t})"),
            (None, None) => title,
        }
    }

    /// An action's button title alone (its id, for one the scenario does not offer).
    pub fn button_title(&self, action: &Action) -> String {
        self.config
            .info(action)
            .map_or_else(|| action.id().to_string(), |i| i.title.to_string())
    }

    /// Whether the service sells anything (orders and revenue are worth showing).
    pub fn sells(&self) -> bool {
        self.config.traffic.orders_per_1k_requests > 0.0
    }

    /// The index of the correct hypothesis, if the scenario lists any.
    pub fn correct_hypothesis(&self) -> Option<usize> {
        self.config.hypotheses.iter().position(|h| h.correct)
    }

    pub fn milestone(&self, id: &str) -> Option<&Milestone> {
        self.milestones.iter().find(|m| m.id == id)
    }

    /// When the reference timeline reached a milestone, by the source the scenario follows
    /// (or the first entry naming it).
    pub fn reference_tick(&self, milestone: &str) -> Option<u32> {
        let named = |r: &&ReferenceEntry| r.milestone.as_deref() == Some(milestone);
        let followed = self.meta.follows.as_deref();
        self.reference
            .iter()
            .filter(named)
            .find(|r| Some(r.source.as_str()) == followed)
            .or_else(|| self.reference.iter().find(named))
            .map(|r| r.tick)
    }
}
