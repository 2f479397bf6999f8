//! What a finding showed: the faults whose anomaly its output made visible at the moment it was
//! run, read off the same numbers the trainee sees (`Simulation::apply` records them with the
//! finding). A look before a fault shows (a leak with no growth yet, a disk far from full) is not
//! evidence; the scorer reads only this record, and what the trainee knows of is read off it.

use super::findings::Finding;
use super::simulation::Trace;

impl Trace {
    /// Whether something seen so far points to a cause or an action revealed by `diagnostics`:
    /// a finding of one of them, in hand, that showed an anomaly. An empty list is known from the
    /// start.
    pub fn revealed(&self, diagnostics: &[String]) -> bool {
        diagnostics.is_empty() || self.showing(diagnostics).next().is_some()
    }

    /// The findings in hand of any of `actions` (by id) whose output showed an anomaly.
    pub fn showing<'a>(&'a self, actions: &'a [String]) -> impl Iterator<Item = &'a Finding> {
        self.findings.iter().filter(move |f| {
            f.ready_at <= self.ticks
                && !f.shows.is_empty()
                && actions.iter().any(|id| id == f.action.id())
        })
    }
}
