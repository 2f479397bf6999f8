//! What a finding showed: the faults whose anomaly its output made visible at the moment it was
//! run, read off the same numbers the trainee sees (`Simulation::apply` records them with the
//! finding). A look before a fault shows (a leak with no growth yet, a disk far from full) is not
//! evidence; the scorer reads only this record, and what the trainee knows of is read off it.

use super::config::SimConfig;
use super::findings::Finding;
use super::simulation::Trace;

impl Trace {
    /// The findings in hand of any of `actions` (by id) whose output showed the anomaly of one of
    /// `causes` (fault indices, see [`SimConfig::causes`]).
    pub fn showing<'a>(
        &'a self,
        actions: &'a [String],
        causes: &'a [u32],
    ) -> impl Iterator<Item = &'a Finding> {
        self.findings.iter().filter(move |f| {
            f.ready_at <= self.ticks
                && f.shows.iter().any(|x| causes.contains(x))
                && actions.iter().any(|id| id == f.action.id())
        })
    }
}

impl SimConfig {
    /// The faults a finding must show to point to the incident's cause: its defects (a surge of
    /// traffic beside a defect is the load it bites under, not the cause), or every fault when
    /// none is a defect (a surge on its own is the incident).
    pub fn causes(&self) -> Vec<u32> {
        let all = 0..self.faults.len() as u32;
        let defects: Vec<u32> = all
            .clone()
            .filter(|i| self.faults[*i as usize].kind.is_defect())
            .collect();
        if defects.is_empty() {
            all.collect()
        } else {
            defects
        }
    }
}
