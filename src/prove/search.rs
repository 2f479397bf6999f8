//! The search: a bounded, deterministic beam search that branches from cloned simulations at
//! decision points, per seed, and the single actions that cure a scenario alone.

use crate::scenario::Scenario;
use crate::sim::{
    run_scripted, Action, ActionKind, Category, EventKind, Metric, ScheduledAction, Simulation,
    TargetKind,
};

use crate::score::phases::first_page;

use super::calibration::calibration;
use super::report::{stamp, Progress, SeedReport, SolveReport, Step};

/// Minutes between decision points.
const STEP_S: u32 = 300;
/// States kept at each decision point.
const BEAM: usize = 6;

/// Solves `seeds` seeds, starting from the scenario's own.
pub fn solve(scenario: &Scenario, seeds: u32) -> SolveReport {
    let solved = solve_seeds(scenario, &seed_list(scenario, seeds));
    report(scenario, solved)
}

/// The same search and report as [`solve`], one seed after another, telling `progress` how far
/// it has come after every decision point: for a page that shows a progress bar (the browser
/// runs it in a worker, so the page stays responsive and can cancel by stopping the worker).
pub fn solve_with_progress(
    scenario: &Scenario,
    seeds: u32,
    progress: &mut dyn FnMut(Progress),
) -> SolveReport {
    let list = seed_list(scenario, seeds);
    let n = list.len() as u32;
    let solved = list
        .iter()
        .enumerate()
        .map(|(i, &seed)| {
            let i = i as u32;
            let mut segments = 0;
            let mut within = |share: f32| {
                progress(Progress {
                    seed: i,
                    seeds: n,
                    done: (i as f32 + share.clamp(0.0, 1.0)) / n as f32,
                })
            };
            (
                solve_seed(scenario, seed, &mut segments, &mut within),
                segments,
            )
        })
        .collect();
    report(scenario, solved)
}

fn seed_list(scenario: &Scenario, seeds: u32) -> Vec<u64> {
    (0..u64::from(seeds.max(1)))
        .map(|i| scenario.seed.wrapping_add(i))
        .collect()
}

fn report(scenario: &Scenario, solved: Vec<(SeedReport, usize)>) -> SolveReport {
    let segments = solved.iter().map(|(_, n)| n).sum();
    let reports: Vec<SeedReport> = solved.into_iter().map(|(r, _)| r).collect();
    let calibration = calibration(scenario);
    SolveReport {
        scenario: scenario.meta.id.clone(),
        sound: reports.iter().all(|r| r.problems.is_empty())
            && calibration.as_ref().is_none_or(|c| c.holds),
        calibration,
        seeds: reports,
        segments,
    }
}

/// Each seed's search is independent: natively they run side by side, one thread each (the
/// reports come back in seed order, so the result is the same as one after another).
#[cfg(not(target_arch = "wasm32"))]
fn solve_seeds(s: &Scenario, seeds: &[u64]) -> Vec<(SeedReport, usize)> {
    std::thread::scope(|scope| {
        let searches: Vec<_> = seeds
            .iter()
            .map(|&seed| {
                scope.spawn(move || {
                    let mut segments = 0;
                    (solve_seed(s, seed, &mut segments, &mut |_| {}), segments)
                })
            })
            .collect();
        searches
            .into_iter()
            .map(|h| h.join().expect("a seed's search does not panic"))
            .collect()
    })
}

#[cfg(target_arch = "wasm32")]
fn solve_seeds(s: &Scenario, seeds: &[u64]) -> Vec<(SeedReport, usize)> {
    seeds
        .iter()
        .map(|&seed| {
            let mut segments = 0;
            (solve_seed(s, seed, &mut segments, &mut |_| {}), segments)
        })
        .collect()
}

/// One seed's report; `progress` hears the share of the seed's work done, 0 to 1.
fn solve_seed(
    s: &Scenario,
    seed: u64,
    segments: &mut usize,
    progress: &mut dyn FnMut(f32),
) -> SeedReport {
    let cfg = &s.config;
    let restored = |actions: &[ScheduledAction]| {
        run_scripted(cfg.clone(), seed, actions)
            .0
            .impact
            .restored_at
    };
    let reference = restored(&s.reference_actions());
    let (idle_trace, _) = run_scripted(cfg.clone(), seed, &[]);
    let idle = idle_trace.impact.restored_at;
    let start = first_page(s, &idle_trace).unwrap_or(0);
    let best = beam_search(s, seed, start, segments, progress);
    let (lone_cures, masking_cures) = lone_cures(s, seed, start);
    progress(1.0);
    let mut problems = Vec::new();
    // On a variant afternoon the real team's exact path may miss (the fault moved to another
    // host): only the calibrated world must restore with it.
    let calibrated = cfg
        .variation
        .as_ref()
        .is_none_or(|v| v.calibrated_seed == seed);
    if reference.is_none() && calibrated {
        problems.push("the real team's path does not restore service in this world".to_string());
    }
    if let Some(t) = idle {
        problems.push(format!(
            "doing nothing restores service at {}: the outage ends by itself",
            s.hhmm(t)
        ));
    }
    if best.is_none() {
        problems
            .push("the search found no path that restores service within the time limit".into());
    }
    let referenced: Vec<String> = s
        .reference_actions()
        .iter()
        .map(|a| a.action.id().to_string())
        .collect();
    for cure in &masking_cures {
        let id = cure.split(' ').next().unwrap_or(cure);
        if !referenced.iter().any(|k| k == id) {
            problems.push(format!(
                "`{cure}` alone restores service without removing a fault: a stray action should not cure the incident"
            ));
        }
    }
    let best_restored_at = best.as_ref().map(|(t, _)| *t);
    SeedReport {
        seed,
        reference_restored_at: reference.map(|t| stamp(s, t)),
        idle_restored_at: idle.map(|t| stamp(s, t)),
        best_restored_at: best_restored_at.map(|t| stamp(s, t)),
        best_path: best
            .map(|(restored, path)| {
                trim(s, seed, restored, path)
                    .into_iter()
                    .map(|a| Step {
                        at: stamp(s, a.tick),
                        action: a.action.to_string(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        minutes_to_spare: best_restored_at.map(|t| cfg.duration_s.saturating_sub(t) / 60),
        lone_cures,
        masking_cures,
        problems,
    }
}

/// The path without the actions at its end that come after the restore and change nothing (the
/// search takes them before it can tell service is back); one that makes the restore last stays.
fn trim(
    s: &Scenario,
    seed: u64,
    restored: u32,
    mut path: Vec<ScheduledAction>,
) -> Vec<ScheduledAction> {
    while path.last().is_some_and(|a| a.tick > restored) {
        let shorter = &path[..path.len() - 1];
        let (trace, _) = run_scripted(s.config.clone(), seed, shorter);
        if trace.impact.restored_at != Some(restored) {
            break;
        }
        path.pop();
    }
    path
}

/// Every action that changes the world and may be taken now, targets spelled out. Diagnostics,
/// severities and the status page change nothing the search measures (but a diagnostic that
/// would reveal a cause or an action not yet known is a step); the maintenance page trades every
/// user's errors for a page, never a restore.
fn candidates(s: &Scenario, sim: &Simulation) -> Vec<Action> {
    let hosts = sim.fleet().names();
    let reveals = |id: &str| {
        s.config
            .revealers()
            .any(|r| r.iter().any(|x| x == id) && !sim.revealed(r))
    };
    let mut out = Vec::new();
    for spec in s.config.actions() {
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
            TargetKind::Hypothesis => out.extend(s.config.hypotheses.iter().map(|h| on(&h.id))),
            TargetKind::Severity | TargetKind::LogSource => {}
        }
    }
    out.retain(|a| sim.check(a).is_ok());
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
        let team = self.sim.team();
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
fn beam_search(
    s: &Scenario,
    seed: u64,
    start: u32,
    segments: &mut usize,
    progress: &mut dyn FnMut(f32),
) -> Option<(u32, Vec<ScheduledAction>)> {
    let mut root = Simulation::new(s.config.clone(), seed);
    advance(&mut root, start);
    let mut beam = vec![Branch {
        outlook: outlook(&root),
        sim: root,
        path: Vec::new(),
        durable: None,
    }];
    let window = s.config.slo.restore_window_s;
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
            let tick = branch.sim.tick();
            let mut choices: Vec<Option<Action>> = vec![None];
            choices.extend(candidates(s, &branch.sim).into_iter().map(Some));
            for choice in choices {
                let mut child = branch.clone();
                if let Some(action) = choice {
                    if child.sim.apply(action.clone()).is_err() {
                        continue;
                    }
                    child.path.push(ScheduledAction { tick, action });
                }
                advance(&mut child.sim, STEP_S);
                child.outlook = outlook(&child.sim);
                *segments += 1;
                // A restore counts when it lasts: a restart that buys an hour before the next
                // OOM is not a fix.
                if child.sim.trace().impact.restored_at.is_some() {
                    let mut rest = child.sim.clone();
                    rest.run_to_end();
                    child.durable = rest.trace().impact.restored_at;
                }
                next.push(child);
            }
        }
        next.sort_by_cached_key(Branch::rank);
        next.truncate(BEAM);
        beam = next;
        now += STEP_S;
        // The search ends at the time limit at the latest (the lone cures take the last tenth).
        let span = s.config.duration_s.saturating_sub(start).max(1);
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
fn lone_cures(s: &Scenario, seed: u64, start: u32) -> (Vec<String>, Vec<String>) {
    let mut sim = Simulation::new(s.config.clone(), seed);
    advance(&mut sim, start);
    let (mut cures, mut masking) = (Vec::new(), Vec::new());
    for action in candidates(s, &sim) {
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
    fn the_memory_leak_incident_is_sound_and_its_best_path_beats_the_real_team() {
        let s = library::builtin("ecommerce-memory-leak").unwrap();
        let report = solve(&s, 1);
        assert!(report.sound, "{report:#?}");
        let seed = &report.seeds[0];
        let (best, real) = (
            seed.best_restored_at.as_ref().unwrap().tick,
            seed.reference_restored_at.as_ref().unwrap().tick,
        );
        assert!(best + 3600 < real, "best {best} vs real {real}");
        let path: Vec<&str> = seed.best_path.iter().map(|p| p.action.as_str()).collect();
        assert!(path.contains(&"apply_code_fix"), "{path:?}");
        assert!(path.contains(&"declare_hypothesis memory_leak"), "{path:?}");
        assert!(seed.lone_cures.is_empty(), "{:?}", seed.lone_cures);
    }

    #[test]
    fn the_search_with_progress_reports_the_same_and_counts_up_to_the_end() {
        let s = library::builtin("launch-surge").unwrap();
        let mut heard: Vec<Progress> = Vec::new();
        let stepwise = solve_with_progress(&s, 2, &mut |p| heard.push(p));
        assert_eq!(stepwise, solve(&s, 2));
        assert!(heard.len() > 10, "{}", heard.len());
        assert!(
            heard.windows(2).all(|w| w[0].done <= w[1].done),
            "{heard:?}"
        );
        assert_eq!(
            heard.last().map(|p| (p.seed, p.seeds, p.done)),
            Some((1, 2, 1.0))
        );
        assert!(heard
            .iter()
            .any(|p| p.seed == 0 && p.done > 0.2 && p.done < 0.5));
    }

    #[test]
    fn an_outage_that_ends_by_itself_is_reported() {
        use crate::sim::{Fault, TrafficSurge};
        let mut s = library::builtin("ecommerce-memory-leak").unwrap();
        s.config.fleet.initial_heap_live_mb.clear();
        // A half-hour rush instead of the leak: errors while it lasts, then calm with no help.
        s.config.faults = vec![Fault {
            since: None,
            at_s: 1200,
            kind: TrafficSurge {
                multiplier: 3.0,
                duration_s: 1800,
                ramp_s: 60,
            }
            .into(),
        }];
        let report = solve(&s, 1);
        assert!(!report.sound);
        let problems = &report.seeds[0].problems;
        assert!(
            problems
                .iter()
                .any(|p| p.contains("the outage ends by itself")),
            "{problems:?}"
        );
    }
}
