//! Solving a scenario seed by seed: each seed's report says when the real team's path, doing
//! nothing and the best path the beam search finds restore service, which single actions cure it
//! alone, and the problems that make the scenario unsound.

use crate::scenario::Scenario;
use crate::sim::{run_scripted, ScheduledAction};

use crate::score::phases::{first_page, resolution};

use super::beam::{beam_search, lone_cures, trim};
use super::calibration::calibration;
use super::report::{stamp, Progress, SeedReport, SolveReport, Step};

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
fn solve_seeds(scenario: &Scenario, seeds: &[u64]) -> Vec<(SeedReport, usize)> {
    std::thread::scope(|scope| {
        let searches: Vec<_> = seeds
            .iter()
            .map(|&seed| {
                scope.spawn(move || {
                    let mut segments = 0;
                    (
                        solve_seed(scenario, seed, &mut segments, &mut |_| {}),
                        segments,
                    )
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
fn solve_seeds(scenario: &Scenario, seeds: &[u64]) -> Vec<(SeedReport, usize)> {
    seeds
        .iter()
        .map(|&seed| {
            let mut segments = 0;
            (
                solve_seed(scenario, seed, &mut segments, &mut |_| {}),
                segments,
            )
        })
        .collect()
}

/// One seed's report; `progress` hears the share of the seed's work done, 0 to 1.
fn solve_seed(
    scenario: &Scenario,
    seed: u64,
    segments: &mut usize,
    progress: &mut dyn FnMut(f32),
) -> SeedReport {
    let cfg = &scenario.config;
    let restored = |actions: &[ScheduledAction]| {
        run_scripted(cfg.clone(), seed, actions)
            .0
            .impact
            .restored_at
    };
    let reference = restored(&scenario.reference_actions());
    let (idle_trace, _) = run_scripted(cfg.clone(), seed, &[]);
    let idle = idle_trace.impact.restored_at;
    let start = first_page(scenario, &idle_trace).unwrap_or(0);
    let best = beam_search(scenario, seed, start, segments, progress);
    let (lone_cures, masking_cures) = lone_cures(scenario, seed, start);
    progress(1.0);
    let best_restored_at = best.as_ref().map(|(t, _)| *t);
    // An outage may pause and return by itself (a flapping fault, one that ends and comes back):
    // what must not happen is that doing nothing resolves it, its cause gone and service held.
    let idle_resolved = resolution(scenario, &idle_trace);
    let problems = problems(
        scenario,
        seed,
        reference,
        idle_resolved,
        best_restored_at,
        &masking_cures,
    );
    SeedReport {
        seed,
        reference_restored_at: reference.map(|t| stamp(scenario, t)),
        idle_restored_at: idle.map(|t| stamp(scenario, t)),
        best_restored_at: best_restored_at.map(|t| stamp(scenario, t)),
        idle_outage_at: idle_trace
            .impact
            .outage_started_at
            .map(|t| stamp(scenario, t)),
        best_path: best
            .map(|(restored, path)| {
                trim(scenario, seed, restored, path)
                    .into_iter()
                    .map(|a| Step {
                        at: stamp(scenario, a.tick),
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

/// What makes a seed's world unsound: the real team's path fails in the calibrated world, doing
/// nothing resolves the incident, no path restores service, or a stray action cures it alone.
fn problems(
    scenario: &Scenario,
    seed: u64,
    reference: Option<u32>,
    idle_resolved: Option<u32>,
    best: Option<u32>,
    masking_cures: &[String],
) -> Vec<String> {
    let cfg = &scenario.config;
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
    if let Some(t) = idle_resolved {
        problems.push(format!(
            "doing nothing resolves the incident at {}: the outage ends by itself, its cause gone",
            scenario.hhmm(t)
        ));
    }
    if best.is_none() {
        problems
            .push("the search found no path that restores service within the time limit".into());
    }
    let referenced: Vec<String> = scenario
        .reference_actions()
        .iter()
        .map(|a| a.action.id().to_string())
        .collect();
    for cure in masking_cures {
        let id = cure.split(' ').next().unwrap_or(cure);
        if !referenced.iter().any(|k| k == id) {
            problems.push(format!(
                "`{cure}` alone restores service without removing a fault: a stray action should not cure the incident"
            ));
        }
    }
    problems
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
        use crate::sim::{Fault, Schedule, TrafficSurge};
        let mut s = library::builtin("ecommerce-memory-leak").unwrap();
        s.config.fleet.initial_heap_live_mb.clear();
        // A half-hour rush instead of the leak: errors while it lasts, then calm with no help.
        s.config.faults = vec![Fault {
            since: None,
            at_s: 1200,
            kind: TrafficSurge {
                multiplier: 3.0,
                ramp_s: 60,
            }
            .into(),
            schedule: Schedule::For { duration_s: 1800 },
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
