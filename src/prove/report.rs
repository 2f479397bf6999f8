//! What the solver says of a scenario: per seed, the real team's path, doing nothing, the best
//! path found and the actions that cure it alone; the calibration against the write-up.

use serde::{Deserialize, Serialize};

use crate::scenario::Scenario;
use crate::score::Stamp;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub at: Stamp,
    pub action: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeedReport {
    pub seed: u64,
    /// When the real team's path restores service (None: it does not, which is a problem).
    pub reference_restored_at: Option<Stamp>,
    /// When doing nothing restores service, if it does: an outage may end by itself for a while;
    /// it is a problem only when its cause goes with it (the incident resolves unattended).
    pub idle_restored_at: Option<Stamp>,
    /// The fastest path the search found and when it restores.
    pub best_restored_at: Option<Stamp>,
    /// When the outage begins if nothing is done: a best path that restores by then prevents it
    /// rather than restoring anything.
    #[serde(default)]
    pub idle_outage_at: Option<Stamp>,
    pub best_path: Vec<Step>,
    /// Minutes left of the time limit after the best path restores.
    pub minutes_to_spare: Option<u32>,
    /// Single actions, taken at the first page, that restore service with nothing else.
    pub lone_cures: Vec<String>,
    /// Of those, the ones that restore without removing any fault (they hide it: a problem
    /// unless the real team did the same).
    pub masking_cures: Vec<String>,
    pub problems: Vec<String>,
}

impl SeedReport {
    /// The best path keeps service up from before the outage would begin: it prevents the
    /// outage, it does not restore service.
    pub fn best_prevents(&self) -> bool {
        match (&self.best_restored_at, &self.idle_outage_at) {
            (Some(best), Some(outage)) => best.tick <= outage.tick,
            _ => false,
        }
    }

    /// What the best path does, for a sentence: "restores 15:40", "prevents the outage of 15:10".
    pub fn best_outcome(&self) -> String {
        match (&self.best_restored_at, &self.idle_outage_at) {
            (Some(_), Some(outage)) if self.best_prevents() => {
                format!("prevents the outage of {}", outage.clock)
            }
            (Some(best), _) => format!("restores {}", best.clock),
            (None, _) => "restores never".into(),
        }
    }
}

/// The reference replay against the write-up's figures, on the scenario's own seed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalibrationReport {
    pub source: String,
    pub within_min: u32,
    /// (the write-up's time, the replay's), when the scenario names one.
    pub outage_start: Option<(Stamp, Option<Stamp>)>,
    pub restored: Option<(Stamp, Option<Stamp>)>,
    pub holds: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SolveReport {
    pub scenario: String,
    pub sound: bool,
    /// Whether the replay reproduces the write-up (when the scenario says what to reproduce).
    pub calibration: Option<CalibrationReport>,
    pub seeds: Vec<SeedReport>,
    /// Simulated segments the search ran (a measure of its work).
    pub segments: usize,
}

/// How far a search has come: the seed being searched (0-based, of `seeds`) and the share of
/// the whole search done, 0 to 1.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub seed: u32,
    pub seeds: u32,
    pub done: f32,
}

pub(super) fn stamp(scenario: &Scenario, tick: u32) -> Stamp {
    Stamp {
        tick,
        clock: scenario.hhmm(tick),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed(best: Option<(u32, &str)>, outage: Option<(u32, &str)>) -> SeedReport {
        let at = |x: Option<(u32, &str)>| {
            x.map(|(tick, clock)| Stamp {
                tick,
                clock: clock.into(),
            })
        };
        SeedReport {
            seed: 1,
            reference_restored_at: None,
            idle_restored_at: None,
            best_restored_at: at(best),
            idle_outage_at: at(outage),
            best_path: Vec::new(),
            minutes_to_spare: None,
            lone_cures: Vec::new(),
            masking_cures: Vec::new(),
            problems: Vec::new(),
        }
    }

    #[test]
    fn a_path_that_holds_service_from_before_the_outage_prevents_it() {
        let early = seed(Some((60, "15:01")), Some((600, "15:10")));
        assert!(early.best_prevents());
        assert_eq!(early.best_outcome(), "prevents the outage of 15:10");
        let late = seed(Some((900, "15:15")), Some((600, "15:10")));
        assert_eq!(late.best_outcome(), "restores 15:15");
        assert_eq!(
            seed(None, Some((600, "15:10"))).best_outcome(),
            "restores never"
        );
        assert_eq!(
            seed(Some((60, "15:01")), None).best_outcome(),
            "restores 15:01"
        );
    }
}
