//! The beam search: from the first page, branch at each decision point on every action that
//! may change the world (or none), keep the best few branches, and count a restore only when it
//! lasts to the time limit. Bounded and deterministic: ties break on the path's text.

use crate::scenario::Scenario;
use crate::sim::{
    run_scripted, Action, ActionKind, Category, EventKind, Metric, ScheduledAction, Simulation,
    TargetKind,
};

/// Minutes between decision points.
const STEP_S: u32 = 300;
/// States kept at each decision point.
const BEAM: usize = 6;

/// The path without the actions that change nothing: each one whose removal leaves the restore
/// at the same moment goes (the search takes actions before it can tell they do not help: a
/// second scale-out, a fix before anyone could ship one). Latest first, so an action another
/// needs stays with it.
pub(super) fn trim(
    scenario: &Scenario,
    seed: u64,
    restored: u32,
    mut path: Vec<ScheduledAction>,
) -> Vec<ScheduledAction> {
    for i in (0..path.len()).rev() {
        let mut without = path.clone();
        without.remove(i);
        let (trace, _) = run_scripted(scenario.config.clone(), seed, &without);
        if trace.impact.restored_at == Some(restored) {
            path = without;
        }
    }
    path
}

/// Every action that changes the world and may be taken now, targets spelled out. Diagnostics,
/// severities and the status page change nothing the search measures (but a diagnostic that
/// would reveal a cause or an action not yet known is a step); the maintenance page trades every
/// user's errors for a page, never a restore.
fn candidates(scenario: &Scenario, sim: &Simulation) -> Vec<Action> {
    let hosts = sim.fleet().names();
    let reveals = |id: &str| {
        scenario
            .config
            .revealers()
            .any(|r| r.iter().any(|x| x == id) && !sim.revealed(r))
    };
    let mut out = Vec::new();
    for spec in scenario.config.actions() {
        use ActionKind as K;
        if (spec.category == Category::Diagnostic && !reveals(spec.id))
            || matches!(
                spec.kind,
                K::DeclareSeverity
                    | K::UpdateStatusPage
                    | K::EnableMaintenancePage
                    | K::DeclareResolved
            )
        {
            continue;
        }
        let on = |target: &str| spec.action(Some(target.to_string()));
        match spec.target {
            TargetKind::None => out.push(spec.action(None)),
            TargetKind::OptionalHost => {
                out.push(spec.action(None));
                out.extend(hosts.iter().map(|h| on(h)));
            }
            TargetKind::Host => out.extend(hosts.iter().map(|h| on(h))),
            TargetKind::AnyHost => {
                out.extend(hosts.iter().map(|h| on(h)));
                let own = scenario.config.dependency_hosts().into_iter();
                out.extend(own.map(|(h, _)| on(&h)));
            }
            TargetKind::Hypothesis => {
                out.extend(scenario.config.hypotheses.iter().map(|h| on(&h.id)))
            }
            TargetKind::Severity | TargetKind::LogSource => {}
        }
    }
    out.retain(|a| sim.vet(a).is_ok());
    out
}

/// One branch of the search.
#[derive(Clone)]
struct Branch {
    sim: Simulation,
    path: Vec<ScheduledAction>,
    /// When service came back for good (it stays back to the time limit with no more actions).
    durable: Option<u32>,
    /// The error rate once the changes under way have landed (now, when none is): a rollback
    /// or a new server takes longer than a step, and must not lose to doing nothing meanwhile.
    outlook: f32,
}

impl Branch {
    /// The branches one step on: having done nothing, or each action that may be taken now.
    fn children(&self, scenario: &Scenario) -> Vec<Branch> {
        let tick = self.sim.tick();
        let mut choices: Vec<Option<Action>> = vec![None];
        choices.extend(candidates(scenario, &self.sim).into_iter().map(Some));
        let mut out = Vec::new();
        for choice in choices {
            let mut child = self.clone();
            if let Some(action) = choice {
                if child.sim.apply(action.clone()).is_err() {
                    continue;
                }
                child.path.push(ScheduledAction { tick, action });
            }
            advance(&mut child.sim, STEP_S);
            child.outlook = outlook(&child.sim);
            // A restore counts when it lasts: a restart that buys an hour before the next OOM is
            // not a fix.
            if child.sim.trace().impact.restored_at.is_some() {
                let mut rest = child.sim.clone();
                rest.run_to_end();
                child.durable = rest.trace().impact.restored_at;
            }
            out.push(child);
        }
        out
    }

    /// Smaller is better: restored earliest, then the most faults cured, then progress towards
    /// a fix (developers in, the right cause named), then the lowest error rate, then the
    /// shortest path. Ties break on the path's text, so the search is deterministic.
    fn rank(&self) -> (u32, i64, i64, i64, i64, usize, String) {
        let trace = self.sim.trace();
        let cured = trace
            .events
            .iter()
            .filter(|e| matches!(e.kind, EventKind::FaultCured { .. }))
            .count() as i64;
        let team = self.sim.response();
        let correct = team
            .hypothesis
            .is_some_and(|h| self.sim.config().hypotheses[h as usize].correct);
        // Knowing what a finding revealed (a cause, an action of the scenario's own) is a step.
        let learned = self
            .sim
            .config()
            .revealers()
            .filter(|r| !r.is_empty() && self.sim.revealed(r))
            .count() as i64;
        let progress = i64::from(team.developers_paged_at.is_some())
            + i64::from(team.developers_engaged)
            + 2 * i64::from(correct)
            + learned;
        let errors = self.outlook;
        // Between equal error rates, capacity bought but not landed yet counts.
        let capacity = (self.sim.fleet().len() + self.sim.servers_on_order()) as i64;
        (
            self.durable.unwrap_or(u32::MAX),
            -cured,
            -progress,
            (f64::from(errors) * 100.0) as i64,
            -capacity,
            self.path.len(),
            self.path
                .iter()
                .map(|a| format!("{}@{}", a.action, a.tick))
                .collect::<Vec<_>>()
                .join(","),
        )
    }
}

/// The error rate a minute after the changes under way have landed (at most half an hour on).
fn outlook(sim: &Simulation) -> f32 {
    let now = sim.tick();
    let errors = |sim: &Simulation| sim.trace().series.last(Metric::ErrorRatePct).unwrap_or(0.0);
    match sim.changes_land_at() {
        Some(at) if at > now => {
            let mut ahead = sim.clone();
            advance(&mut ahead, (at - now + 60).min(1800));
            errors(&ahead)
        }
        _ => errors(sim),
    }
}

fn advance(sim: &mut Simulation, ticks: u32) {
    for _ in 0..ticks {
        if !sim.step() {
            break;
        }
    }
}

/// The fastest restore the search finds, and the path to it.
pub(super) fn beam_search(
    scenario: &Scenario,
    seed: u64,
    start: u32,
    segments: &mut usize,
    progress: &mut dyn FnMut(f32),
) -> Option<(u32, Vec<ScheduledAction>)> {
    let mut root = Simulation::new(scenario.config.clone(), seed);
    advance(&mut root, start);
    let mut beam = vec![Branch {
        outlook: outlook(&root),
        sim: root,
        path: Vec::new(),
        durable: None,
    }];
    let window = scenario.config.slo.restore_window_s;
    let mut best: Option<(u32, Vec<ScheduledAction>)> = None;
    let done = |b: &Branch| b.durable.is_some() || b.sim.is_over();
    let mut now = start;
    while beam.iter().any(|b| !done(b)) {
        // No branch still out can restore earlier than one already confirmed.
        if best
            .as_ref()
            .is_some_and(|(t, _)| now >= t + window + STEP_S)
        {
            break;
        }
        let mut next: Vec<Branch> = Vec::new();
        for branch in &beam {
            if done(branch) {
                next.push(branch.clone());
                continue;
            }
            let children = branch.children(scenario);
            *segments += children.len();
            next.extend(children);
        }
        next.sort_by_cached_key(Branch::rank);
        next.truncate(BEAM);
        beam = next;
        now += STEP_S;
        // The search ends at the time limit at the latest (the lone cures take the last tenth).
        let span = scenario.config.duration_s.saturating_sub(start).max(1);
        progress(0.9 * now.saturating_sub(start) as f32 / span as f32);
        for b in &beam {
            if let Some(t) = b.durable {
                if best.as_ref().is_none_or(|(bt, _)| t < *bt) {
                    best = Some((t, b.path.clone()));
                }
            }
        }
    }
    best
}

/// Single world-changing actions that, taken at the first page with nothing else, restore service.
/// Single actions that restore service on their own, and those of them that remove no fault.
pub(super) fn lone_cures(scenario: &Scenario, seed: u64, start: u32) -> (Vec<String>, Vec<String>) {
    let mut sim = Simulation::new(scenario.config.clone(), seed);
    advance(&mut sim, start);
    let (mut cures, mut masking) = (Vec::new(), Vec::new());
    for action in candidates(scenario, &sim) {
        let mut alone = sim.clone();
        if alone.apply(action.clone()).is_err() {
            continue;
        }
        alone.run_to_end();
        if alone.trace().impact.restored_at.is_none() {
            continue;
        }
        let cured = alone
            .trace()
            .events
            .first(|k| matches!(k, EventKind::FaultCured { .. }))
            .is_some();
        if !cured {
            masking.push(action.to_string());
        }
        cures.push(action.to_string());
    }
    (cures, masking)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::library;

    #[test]
    fn the_trimmed_path_keeps_only_the_actions_the_restore_needs() {
        let s = library::builtin("ecommerce-memory-leak").unwrap();
        let at = |hhmm: &str, id: &str, target: Option<&str>| ScheduledAction {
            tick: crate::sim::clock::tick_of(
                s.clock.start_s_of_day,
                crate::sim::clock::parse_time_of_day(hhmm).unwrap(),
            ),
            action: s
                .config
                .action_info(id)
                .unwrap()
                .action(target.map(str::to_string)),
        };
        let needed = vec![
            at("14:30", "page_developers", None),
            at("14:35", "declare_hypothesis", Some("memory_leak")),
            at("14:50", "apply_code_fix", None),
        ];
        let mut padded = needed.clone();
        padded.insert(1, at("14:32", "scale_out", None));
        padded.push(at("14:55", "scale_out", None));
        let (trace, _) = run_scripted(s.config.clone(), s.seed, &padded);
        let restored = trace.impact.restored_at.unwrap();
        assert_eq!(trim(&s, s.seed, restored, padded), needed);
    }
}
