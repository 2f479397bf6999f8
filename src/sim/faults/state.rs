//! What the faults have done so far: which started, which are cured, and the changes and
//! releases they brought.

use serde::{Deserialize, Serialize};

use super::Fault;
use crate::sim::findings::ConfigChange;

/// A deploy made before the run started.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeployRecord {
    pub when: String,
    pub version: String,
    pub summary: String,
}

#[derive(Clone, Debug)]
pub struct FaultState {
    /// Fault indices by start time (file order on ties).
    pub(super) order: Vec<u32>,
    pub(super) next: usize,
    /// On now.
    pub active: Vec<bool>,
    /// Off between two of its windows, coming back unless cured first.
    pub paused: Vec<bool>,
    pub cured: Vec<bool>,
    /// Changes since the last known-good configuration.
    pub config_changes: Vec<ConfigChange>,
    /// Deploys during the run: (tick, version).
    pub deploys: Vec<(u32, String)>,
    pub release: String,
    /// The release before the current one, if the scenario names one (a rollback needs it).
    pub previous_release: Option<String>,
}

impl FaultState {
    pub fn new(faults: &[Fault], deploy_history: &[DeployRecord]) -> FaultState {
        let mut order: Vec<u32> = (0..faults.len() as u32).collect();
        order.sort_by_key(|i| faults[*i as usize].at_s);
        let mut history = deploy_history.iter().rev();
        let release = history
            .next()
            .map_or("unknown".into(), |d| d.version.clone());
        let previous_release = history.next().map(|d| d.version.clone());
        FaultState {
            order,
            next: 0,
            active: vec![false; faults.len()],
            paused: vec![false; faults.len()],
            cured: vec![false; faults.len()],
            config_changes: Vec::new(),
            deploys: Vec::new(),
            release,
            previous_release,
        }
    }

    /// Faults that are active and not cured.
    pub fn live(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.active.len()).filter(|i| self.active[*i] && !self.cured[*i])
    }

    /// Faults that are on or will come back, and not cured: what a cure can still remove.
    pub fn curable_now(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.active.len()).filter(|i| (self.active[*i] || self.paused[*i]) && !self.cured[*i])
    }

    /// Share of requests failing to live faults that fail them outright (their shares combine
    /// as independent failures).
    pub fn failing_share(&self, faults: &[Fault]) -> f64 {
        let ok: f64 = self
            .live()
            .filter_map(|i| faults[i].kind.failing_share().map(|share| 1.0 - share))
            .product();
        1.0 - ok
    }
}
