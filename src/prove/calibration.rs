//! Whether replaying the real team's path reproduces what the write-up says.

use crate::scenario::Scenario;
use crate::sim::run_scripted;

use super::report::{stamp, CalibrationReport};

/// Replays the real team's path on the scenario's own seed and compares it with the write-up.
pub fn calibration(scenario: &Scenario) -> Option<CalibrationReport> {
    let k = scenario.calibration.as_ref()?;
    let (trace, _) = run_scripted(
        scenario.config.clone(),
        scenario.seed,
        &scenario.reference_actions(),
    );
    let close =
        |target: u32, actual: Option<u32>| actual.is_some_and(|a| a.abs_diff(target) <= k.within_s);
    let pair = |target: Option<u32>, actual: Option<u32>| {
        target.map(|t| (stamp(scenario, t), actual.map(|a| stamp(scenario, a))))
    };
    let (started, restored) = (trace.impact.outage_started_at, trace.impact.restored_at);
    let holds = k.outage_start.is_none_or(|t| close(t, started))
        && k.restored.is_none_or(|t| close(t, restored));
    Some(CalibrationReport {
        source: k.source.clone(),
        within_min: k.within_s / 60,
        outage_start: pair(k.outage_start, started),
        restored: pair(k.restored, restored),
        holds,
    })
}
