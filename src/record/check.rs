//! Replaying a kept run and saying how far to trust it: exact (same scenario version, same score
//! and trace hash), rescored (the same trace, another score: today's scoring), edited (same
//! version, another trace), or played on another version of the scenario (the replay is today's,
//! and says so).

use crate::scenario::{library, Scenario};
use crate::score::Debrief;
use crate::sim::run::Refused;
use crate::sim::{trace_hash, ScheduledAction, Trace};

use super::{Played, RunError, RunFile};

/// How a replay compares with what the run claims.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// The scenario is the version it was played on, and the replay gives the claimed score and
    /// trace hash, bit for bit.
    Exact,
    /// The same version, and the actions give the very trace the run records, but today's
    /// scoring puts it at another score than it claims: scored by an earlier version of the
    /// scoring (or the score was edited). What happened is exact; the score shown is today's.
    Rescored { claimed_score: f64 },
    /// The scenario is the same version but the replay gives another trace: the file was
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

/// A run played headless to the time limit with these actions and scored: the file the page
/// would keep for it (ended at its last action). For fixtures, tests and tools.
pub fn play(scenario: &Scenario, seed: u64, actions: &[ScheduledAction]) -> RunFile {
    let played = played_out(scenario, seed, actions);
    RunFile::played(&Played {
        scenario,
        seed,
        actions,
        injects: &[],
        ended_at: actions.last().map_or(0, |a| a.tick),
        score: played.debrief.score,
        trace_hash: played.trace_hash,
    })
}

/// The actions played to the time limit and scored against the real team (the verdict is for
/// the caller to set).
fn played_out(scenario: &Scenario, seed: u64, actions: &[ScheduledAction]) -> Replayed {
    let played = Debrief::play(scenario, seed, actions);
    Replayed {
        verdict: Verdict::Exact,
        trace_hash: trace_hash(&played.trace),
        debrief: played.debrief,
        trace: played.trace,
        ghost: played.ghost,
        refused: played.refused,
    }
}

/// Replays a run to the scenario's time limit, scores it against the real team and compares.
pub fn replay(run: &RunFile, scenario: &Scenario) -> Replayed {
    let mut played = played_out(scenario, run.seed, &run.scheduled());
    let current = hex(scenario.content_hash);
    played.verdict = if current != run.scenario.content_hash {
        Verdict::OtherVersion {
            recorded: run.scenario.content_hash.clone(),
            current,
        }
    } else if hex(played.trace_hash) == run.result.trace_hash {
        if played.debrief.score == run.result.score {
            Verdict::Exact
        } else {
            Verdict::Rescored {
                claimed_score: run.result.score,
            }
        }
    } else {
        Verdict::Differs {
            claimed_score: run.result.score,
            claimed_hash: run.result.trace_hash.clone(),
        }
    };
    played
}
