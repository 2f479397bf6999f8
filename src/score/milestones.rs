//! When a run reached each of the scenario's milestones, read off its trace.

use serde::Serialize;

use crate::scenario::{MilestoneTrigger, Scenario};
use crate::sim::{EventKind, SimConfig, Trace};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MilestoneResult {
    pub id: String,
    pub title: String,
    /// Tick the run reached it, if it did.
    pub reached_at: Option<u32>,
    /// Tick the real team reached it, if the reference timeline says.
    pub reference_at: Option<u32>,
}

/// When a trigger first held in the trace, if it has.
pub(crate) fn first_tick(
    trace: &Trace,
    trigger: &MilestoneTrigger,
    config: &SimConfig,
) -> Option<u32> {
    let fix_deploy_s = config.response.fix_deploy_s;
    let hit = |kind: &EventKind| match (trigger, kind) {
        (MilestoneTrigger::Alert(rule), EventKind::AlertFired { rule: r, .. }) => rule == r,
        (MilestoneTrigger::Action(kinds), EventKind::ActionTaken { action, .. }) => {
            kinds.iter().any(|id| id == action.id())
        }
        (MilestoneTrigger::Hypothesis(h), EventKind::HypothesisDeclared { hypothesis, .. }) => {
            h == hypothesis
        }
        (MilestoneTrigger::DevelopersEngaged, EventKind::DevelopersEngaged) => true,
        (MilestoneTrigger::OutageStarted, EventKind::OutageStarted) => true,
        _ => false,
    };
    if let MilestoneTrigger::Found(kinds) = trigger {
        return trace.showing(kinds, config).map(|f| f.issued_at).min();
    }
    if let MilestoneTrigger::Restored = trigger {
        return trace.impact.restored_at;
    }
    if let MilestoneTrigger::FixDeployed = trigger {
        let fix = |k: &EventKind| matches!(k, EventKind::ActionTaken { action, .. } if action.kind == crate::sim::ActionKind::ApplyCodeFix);
        let live = trace.events.first(fix)?.tick + fix_deploy_s;
        return (live <= trace.ticks).then_some(live);
    }
    trace.events.first(hit).map(|e| e.tick)
}

/// Every milestone of the scenario, in file order, with when the run and the real team reached it.
pub fn reached(scenario: &Scenario, trace: &Trace) -> Vec<MilestoneResult> {
    scenario
        .milestones
        .iter()
        .map(|m| MilestoneResult {
            id: m.id.clone(),
            title: m.title.clone(),
            reached_at: first_tick(trace, &m.trigger, &scenario.config),
            reference_at: scenario.reference_tick(&m.id),
        })
        .collect()
}
