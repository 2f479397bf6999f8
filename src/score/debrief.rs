//! The debrief: one serialisable value computed from (scenario, seed, the trainee's actions), read
//! by the end screen, the command line and the tests alike.

use serde::Serialize;

use crate::scenario::{Learning, Scenario};
use crate::sim::run::Refused;
use crate::sim::{run_scripted, trace_hash, ScheduledAction, Trace};

use super::detours::{detours, Detour};
use super::impact::{ghost, ImpactSummary};
use super::milestones::reached;
use super::outcome::Outcome;
use super::phases::{first_page, incident_outage, onset, relapse, Phase, PhaseTimes};
use super::points::{
    explain, final_score, harm_points, harm_ratio, phase_points, weight, HARM_WEIGHT,
};
pub(crate) use super::stamp::stamp;
pub use super::stamp::Stamp;

/// Whole minutes the run was ahead of the real team (negative: behind), when both reached the
/// point; under a minute either way is 0.
pub fn gained(run: Option<u32>, reference: Option<u32>) -> Option<i64> {
    let (run, reference) = (i64::from(run?), i64::from(reference?));
    Some((reference - run) / 60)
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PhaseResult {
    pub phase: Phase,
    pub title: &'static str,
    pub rule: &'static str,
    pub weight: f64,
    pub reached_at: Option<Stamp>,
    pub reference_at: Option<Stamp>,
    pub minutes_gained: Option<i64>,
    pub points: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MilestoneLine {
    pub id: String,
    pub title: String,
    pub reached_at: Option<Stamp>,
    pub reference_at: Option<Stamp>,
    pub minutes_gained: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RefusedLine {
    pub at: Stamp,
    pub action: String,
    pub error: String,
}

/// The harm line of the score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HarmLine {
    pub weight: f64,
    /// The run's harm over the real team's (1 at par, under 1 for less harm).
    pub ratio: f64,
    pub points: f64,
}

/// One side of the comparison: the trainee's run or the real team's path in the same world.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Side {
    pub impact: ImpactSummary,
    pub detours: Vec<Detour>,
    pub detour_minutes: f64,
}

impl Side {
    fn of(scenario: &Scenario, trace: &Trace) -> Side {
        let detours = detours(scenario, trace);
        Side {
            impact: ImpactSummary::of(trace),
            detour_minutes: detours.iter().fold(0.0, |sum, d| sum + d.minutes),
            detours,
        }
    }
}

/// Which run this is: the scenario's version, the seed and the actions, and the trace they give.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RunHeader {
    pub scenario: String,
    pub title: String,
    pub scenario_hash: String,
    pub seed: u64,
    pub actions: usize,
    pub trace_hash: String,
    pub currency: String,
}

impl RunHeader {
    pub fn new(scenario: &Scenario, seed: u64, actions: usize, trace: &Trace) -> RunHeader {
        RunHeader {
            scenario: scenario.meta.id.clone(),
            title: scenario.meta.title.clone(),
            scenario_hash: format!("{:016x}", scenario.content_hash),
            seed,
            actions,
            trace_hash: format!("{:016x}", trace_hash(trace)),
            currency: scenario.currency.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Debrief {
    #[serde(flatten)]
    pub header: RunHeader,
    /// The service sells something (orders and revenue lost mean something).
    pub sells: bool,
    /// 0-100, one decimal; the real team's path is 50.
    pub score: f64,
    /// The phase points and the harm line, summed (0-100): what the outcome's band maps.
    pub points: f64,
    /// The harm line: the run's user-minutes of errors (and failed orders) over the real team's.
    pub harm: HarmLine,
    /// Resolved, mitigated only, or neither, by the world.
    pub outcome: Outcome,
    /// How the points became the score, in one sentence.
    pub explanation: String,
    /// The cause removed and service held (the outcome is `Resolved`).
    pub resolved: bool,
    /// When the trainee declared the incident resolved, if they did.
    pub declared_resolved_at: Option<Stamp>,
    /// When the outage came back after service was first restored, if it did.
    pub relapsed_at: Option<Stamp>,
    /// When the incident's outage would have begun had nobody acted (the same seed left alone).
    pub onset: Option<Stamp>,
    /// When the run's own outage of the incident began (not one of its own making that was over
    /// before the onset), if it had one.
    pub outage_from: Option<Stamp>,
    /// The correct cause was declared before any evidence for it.
    pub guessed: bool,
    pub phases: Vec<PhaseResult>,
    pub milestones: Vec<MilestoneLine>,
    pub run: Side,
    pub real_team: Side,
    pub refused_actions: Vec<RefusedLine>,
    pub lessons: Vec<Learning>,
    pub corrective_measures: Vec<Learning>,
}

/// A finished run and the real team's ghost in the same world, ready to compare.
pub struct Runs<'a> {
    pub scenario: &'a Scenario,
    pub seed: u64,
    pub actions: &'a [ScheduledAction],
    pub trace: &'a Trace,
    pub ghost: &'a Trace,
    /// When the incident's outage begins if nobody acts, with this seed ([`onset`]).
    pub onset: Option<u32>,
    pub refused: &'a [Refused],
}

/// A run played headless to the time limit beside the real team's path, and their comparison.
pub struct Played {
    pub trace: Trace,
    pub ghost: Trace,
    pub refused: Vec<Refused>,
    pub debrief: Debrief,
}

impl Debrief {
    /// Runs the trainee's actions and the real team's path with the same seed, and compares them.
    pub fn compute(scenario: &Scenario, seed: u64, actions: &[ScheduledAction]) -> Debrief {
        Debrief::play(scenario, seed, actions).debrief
    }

    /// As [`Debrief::compute`], keeping both runs' traces and what the world refused.
    pub fn play(scenario: &Scenario, seed: u64, actions: &[ScheduledAction]) -> Played {
        let (trace, refused) = run_scripted(scenario.config.clone(), seed, actions);
        let ghost = ghost(scenario, seed);
        let debrief = Debrief::of(&Runs {
            scenario,
            seed,
            actions,
            trace: &trace,
            ghost: &ghost,
            onset: onset(scenario, seed),
            refused: &refused,
        });
        Played {
            trace,
            ghost,
            refused,
            debrief,
        }
    }

    /// Compares runs already made (the browser has the trainee's trace at hand).
    pub fn of(runs: &Runs) -> Debrief {
        let s = runs.scenario;
        let end = s.config.duration_s;
        let run = PhaseTimes::within(s, runs.trace, runs.onset);
        let real = PhaseTimes::within(s, runs.ghost, runs.onset);
        let paged = first_page(s, runs.ghost).unwrap_or(0);
        let phases: Vec<PhaseResult> = Phase::ALL
            .iter()
            .map(|&phase| {
                let (at, reference) = (run.get(phase), real.get(phase));
                PhaseResult {
                    phase,
                    title: phase.title(),
                    rule: phase.rule(),
                    weight: weight(phase),
                    reached_at: stamp(s, at),
                    reference_at: stamp(s, reference),
                    minutes_gained: gained(at, reference),
                    points: phase_points(phase, at, reference, paged, end),
                }
            })
            .collect();
        let (mine, theirs) = (Side::of(s, runs.trace), Side::of(s, runs.ghost));
        let ratio = harm_ratio(mine.impact.harm(), theirs.impact.harm(), s.sells());
        let harm = HarmLine {
            weight: HARM_WEIGHT,
            ratio,
            points: harm_points(ratio),
        };
        let points: f64 = phases.iter().map(|p| p.points).sum::<f64>() + harm.points;
        let outcome = run.outcome();
        let declared = runs
            .trace
            .events
            .first(|k| matches!(k, crate::sim::EventKind::ResolutionDeclared))
            .map(|e| e.tick);
        Debrief {
            header: RunHeader::new(s, runs.seed, runs.actions.len(), runs.trace),
            sells: s.sells(),
            score: (final_score(points, outcome) * 10.0).round() / 10.0,
            points,
            harm,
            outcome,
            explanation: explain(points, outcome),
            resolved: outcome == Outcome::Resolved,
            declared_resolved_at: stamp(s, declared),
            // A resolved run's restarts on the fix can blip; only an unresolved run relapses.
            relapsed_at: stamp(
                s,
                relapse(runs.trace, runs.onset).filter(|_| outcome != Outcome::Resolved),
            ),
            onset: stamp(s, runs.onset),
            outage_from: stamp(s, incident_outage(runs.trace, runs.onset)),
            guessed: run.guessed,
            phases,
            milestones: milestone_lines(s, runs.trace),
            run: mine,
            real_team: theirs,
            refused_actions: refused_lines(s, runs.refused),
            lessons: s.lessons.clone(),
            corrective_measures: s.corrective_measures.clone(),
        }
    }

    /// What became of the incident, in a sentence or two: resolved and held, or what followed a
    /// premature resolution (the rest of the afternoon was played out after the run ended).
    pub fn verdict(&self) -> String {
        let at = |p: Phase| self.reached(p).map(|s| s.clock.clone());
        let declared = self.declared_resolved_at.as_ref().map(|s| &s.clock);
        let returned = self.relapsed_at.as_ref().map(|s| &s.clock);
        match (self.outcome, declared, returned) {
            (Outcome::Resolved, Some(d), _) => format!(
                "Resolved at {}: the cause was removed and service held. You declared it resolved at {d}.",
                at(Phase::Resolution).unwrap_or_default()
            ),
            (Outcome::Resolved, None, _) => format!(
                "Resolved at {}: the cause was removed and service held, though the incident was never declared resolved.",
                at(Phase::Resolution).unwrap_or_default()
            ),
            (_, Some(d), Some(r)) => format!(
                "Declared resolved at {d}, but it was not: the outage returned at {r}, because the cause was still there."
            ),
            (Outcome::Mitigated, Some(d), None) => format!(
                "Declared resolved at {d}, but it was not: service held, but the cause was still there at the time limit."
            ),
            (Outcome::Mitigated, None, Some(r)) => format!(
                "Mitigated at {}, not resolved: the outage returned at {r}, because the cause was still there.",
                at(Phase::Mitigation).unwrap_or_default()
            ),
            (Outcome::Mitigated, None, None) => format!(
                "Mitigated at {}, not resolved: the cause was still there at the time limit.",
                at(Phase::Mitigation).unwrap_or_default()
            ),
            (Outcome::Unmitigated, Some(d), None) => match &self.outage_from {
                Some(o) => format!(
                    "Declared resolved at {d}, but the outage that began at {} was still on at the time limit.",
                    o.clock
                ),
                None => format!(
                    "Declared resolved at {d}, but service never came back under the SLO."
                ),
            },
            (Outcome::Unmitigated, None, _) => match &self.outage_from {
                Some(o) => format!(
                    "Not mitigated: the outage that began at {} was still on at the time limit.",
                    o.clock
                ),
                None => "Not mitigated: service never came back under the SLO.".to_string(),
            },
        }
    }

    /// One phase's line of the breakdown.
    pub fn phase(&self, phase: Phase) -> Option<&PhaseResult> {
        self.phases.iter().find(|p| p.phase == phase)
    }

    /// When the run reached `phase`, if it did.
    pub fn reached(&self, phase: Phase) -> Option<&Stamp> {
        self.phase(phase).and_then(|p| p.reached_at.as_ref())
    }

    /// When the incident was resolved (the cause removed and service held), if it was.
    pub fn resolved_at(&self) -> Option<u32> {
        self.reached(Phase::Resolution).map(|s| s.tick)
    }

    /// The score as a whole number, as the screen shows it.
    pub fn score_whole(&self) -> u32 {
        whole_score(self.score)
    }
}

/// A score (0-100) as a whole number: rounded half away from zero, the one rounding every screen
/// uses (`format!("{:.0}")` rounds half to even, and 68.5 would read 68 in one place, 69 in another).
pub fn whole_score(score: f64) -> u32 {
    score.round().clamp(0.0, 100.0) as u32
}

pub(crate) fn milestone_lines(scenario: &Scenario, trace: &Trace) -> Vec<MilestoneLine> {
    reached(scenario, trace)
        .into_iter()
        .map(|m| MilestoneLine {
            minutes_gained: gained(m.reached_at, m.reference_at),
            reached_at: stamp(scenario, m.reached_at),
            reference_at: stamp(scenario, m.reference_at),
            id: m.id,
            title: m.title,
        })
        .collect()
}

pub(crate) fn refused_lines(scenario: &Scenario, refused: &[Refused]) -> Vec<RefusedLine> {
    refused
        .iter()
        .map(|x| RefusedLine {
            at: Stamp {
                tick: x.tick,
                clock: scenario.hhmm(x.tick),
            },
            action: x.action.to_string(),
            error: x.error.to_string(),
        })
        .collect()
}
