//! What a finding showed: the faults whose anomaly its output made visible at the moment it was
//! run, read off the same numbers the trainee sees (`Simulation::apply` records them with the
//! finding). A look before a fault shows (a leak with no growth yet, a disk far from full) is not
//! evidence; the scorer reads only this record, and what the trainee knows of is read off it.

use super::config::SimConfig;
use super::findings::Finding;
use super::simulation::Trace;

impl Trace {
    /// The findings in hand of any of `actions` (by id) whose output showed the incident's cause
    /// (see [`SimConfig::showed_cause`]).
    pub fn showing<'a>(
        &'a self,
        actions: &'a [String],
        config: &'a SimConfig,
    ) -> impl Iterator<Item = &'a Finding> {
        self.findings.iter().filter(move |f| {
            f.ready_at <= self.ticks
                && config.showed_cause(f)
                && actions.iter().any(|id| id == f.action.id())
        })
    }
}

impl SimConfig {
    /// Whether a finding's output showed the anomaly of the incident's cause: one of its defects
    /// (a surge of traffic beside a defect is the load it bites under, not the cause), or any
    /// fault when none is a defect (a surge on its own is the incident).
    pub fn showed_cause(&self, finding: &Finding) -> bool {
        let defect = |i: &u32| {
            self.faults
                .get(*i as usize)
                .is_some_and(|f| f.kind.is_defect())
        };
        if self.faults.iter().any(|f| f.kind.is_defect()) {
            finding.shows.iter().any(defect)
        } else {
            !finding.shows.is_empty()
        }
    }
}
