//! Replaying a kept run and saying how far to trust it: exact (same scenario version, same score
//! and trace hash), edited (same version, another result), or played on another version of the
//! scenario (the replay is today's, and says so).

use crate::scenario::{library, Scenario};
use crate::score::{ghost, Debrief, Runs};
use crate::sim::run::Refused;
use crate::sim::{run_scripted, trace_hash, ScheduledAction, Trace};

use super::{RunError, RunFile};

/// How a replay compares with what the run claims.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// The scenario is the version it was played on, and the replay gives the claimed score and
    /// trace hash, bit for bit.
    Exact,
    /// The scenario is the same version but the replay gives another result: the file was
    /// edited (or the trainer's simulation changed).
    Differs {
        claimed_score: f64,
        claimed_hash: String,
    },
    /// The scenario changed since the run was played: the replay is on today's version and
    /// need not match.
    OtherVersion { recorded: String, current: String },
}

/// A kept run played again.
pub struct Replayed {
    pub verdict: Verdict,
    pub debrief: Debrief,
    pub trace: Trace,
    pub ghost: Trace,
    pub trace_hash: u64,
    /// Actions today's world refused (none, for an exact replay).
    pub refused: Vec<Refused>,
}

impl Replayed {
    pub fn is_exact(&self) -> bool {
        self.verdict == Verdict::Exact
    }
}

/// The scenario to replay a run on: one the reader has open with the same id and version, else
/// the built-in by that id, else an open one by that id (another version).
pub fn scenario_for(run: &RunFile, open: &[&Scenario]) -> Result<Scenario, RunError> {
    let id = &run.scenario.id;
    let same_id = || open.iter().filter(|s| &s.meta.id == id);
    if let Some(exact) = same_id().find(|s| hex(s.content_hash) == run.scenario.content_hash) {
        return Ok((*exact).clone());
    }
    if let Some(builtin) = library::builtin(id) {
        return Ok(builtin);
    }
    same_id()
        .next()
        .map(|s| (*s).clone())
        .ok_or_else(|| RunError::UnknownScenario(id.clone()))
}

/// A content or trace hash as run files write it.
pub fn hex(hash: u64) -> String {
    format!("{hash:016x}")
}

/// A run played headless to the scenario's time limit, beside the real team's ghost.
pub(crate) struct Played {
    pub trace: Trace,
    pub ghost: Trace,
    pub refused: Vec<Refused>,
    pub debrief: Debrief,
}

/// Plays actions to the time limit and scores them against the real team's path.
pub(crate) fn play(scenario: &Scenario, seed: u64, actions: &[ScheduledAction]) -> Played {
    let (trace, refused) = run_scripted(scenario.config.clone(), seed, actions);
    let ghost = ghost(scenario, seed);
    let debrief = Debrief::of(&Runs {
        scenario,
        seed,
        actions,
        trace: &trace,
        ghost: &ghost,
        refused: &refused,
    });
    Played {
        trace,
        ghost,
        refused,
        debrief,
    }
}

/// Replays a run to the scenario's time limit, scores it against the real team and compares.
pub fn replay(run: &RunFile, scenario: &Scenario) -> Replayed {
    let Played {
        trace,
        ghost,
        refused,
        debrief,
    } = play(scenario, run.seed, &run.scheduled());
    let hash = trace_hash(&trace);
    let current = hex(scenario.content_hash);
    let verdict = if current != run.scenario.content_hash {
        Verdict::OtherVersion {
            recorded: run.scenario.content_hash.clone(),
            current,
        }
    } else if hex(hash) == run.result.trace_hash && debrief.score == run.result.score {
        Verdict::Exact
    } else {
        Verdict::Differs {
            claimed_score: run.result.score,
            claimed_hash: run.result.trace_hash.clone(),
        }
    };
    Replayed {
        verdict,
        debrief,
        trace,
        ghost,
        trace_hash: hash,
        refused,
    }
}
