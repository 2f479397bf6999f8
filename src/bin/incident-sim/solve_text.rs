//! What `incident-sim solve` prints: the verdict, the calibration, and per seed the real team's
//! path, doing nothing and the best path found.

use std::fmt::Write;

use incident_trainer::scenario::Scenario;
use incident_trainer::{prove, score};

pub fn solve_text(scenario: &Scenario, report: &prove::SolveReport) -> String {
    let mut o = String::new();
    let verdict = if report.sound { "sound" } else { "NOT sound" };
    let title = &scenario.meta.title;
    let _ = writeln!(o, "{title} ({}): {verdict}", report.scenario);
    let at = |x: &Option<score::Stamp>| x.as_ref().map_or("never".to_string(), |t| t.clock.clone());
    if let Some(k) = &report.calibration {
        let verdict = if k.holds { "holds" } else { "DOES NOT hold" };
        let _ = writeln!(
            o,
            "\ncalibration against source {} (within {} min): {verdict}",
            k.source, k.within_min
        );
        for (what, pair) in [
            ("outage starts", &k.outage_start),
            ("restored", &k.restored),
        ] {
            if let Some((target, actual)) = pair {
                let _ = writeln!(
                    o,
                    "  {what:<14} write-up {}  replay {}",
                    target.clock,
                    at(actual)
                );
            }
        }
    }
    for seed in &report.seeds {
        let _ = writeln!(o, "\nseed {}", seed.seed);
        let _ = writeln!(
            o,
            "  real team's path restores   {}",
            at(&seed.reference_restored_at)
        );
        let _ = writeln!(
            o,
            "  doing nothing restores      {}",
            at(&seed.idle_restored_at)
        );
        let spare = seed
            .minutes_to_spare
            .map_or(String::new(), |m| format!(" ({m} min to spare)"));
        // A path that keeps service up from before the outage would begin prevents it.
        let outcome = seed.best_outcome();
        let (verb, when) = outcome.split_once(' ').unwrap_or((&outcome, ""));
        let _ = writeln!(o, "  best path found {verb:<12}{when}{spare}");
        for step in &seed.best_path {
            let _ = writeln!(o, "    {} {}", step.at.clock, step.action);
        }
        if !seed.lone_cures.is_empty() {
            let _ = writeln!(
                o,
                "  restores on its own         {}",
                seed.lone_cures.join(", ")
            );
        }
        if !seed.masking_cures.is_empty() {
            let _ = writeln!(
                o,
                "    without removing a fault  {}",
                seed.masking_cures.join(", ")
            );
        }
        for p in &seed.problems {
            let _ = writeln!(o, "  problem: {p}");
        }
    }
    o
}
