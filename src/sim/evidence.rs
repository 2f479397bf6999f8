//! What a finding showed: the faults whose anomaly its output made visible at the moment it was
//! run, read off the same numbers the trainee sees. A look before a fault shows (a leak with no
//! growth yet, a disk far from full) is not evidence; the scorer reads only this record.

use super::findings::FindingBody;
use super::simulation::Simulation;

impl Simulation {
    /// The live faults whose anomaly `body` shows, by index, in file order.
    pub(super) fn shown_faults(&self, body: &FindingBody) -> Vec<u32> {
        let sight = self.sight();
        self.faults
            .live()
            .filter(|&i| self.cfg.faults[i].kind.shows(body, &sight))
            .map(|i| i as u32)
            .collect()
    }

    /// Whether something seen so far points to a cause or an action revealed by `diagnostics`:
    /// a finding of one of them, in hand, that showed an anomaly. An empty list is known from the
    /// start.
    pub fn revealed(&self, diagnostics: &[String]) -> bool {
        diagnostics.is_empty()
            || self.trace.findings.iter().any(|f| {
                f.ready_at <= self.tick
                    && !f.shows.is_empty()
                    && diagnostics.iter().any(|d| d == f.action.id())
            })
    }

    /// Whether the trainee knows of this action yet: built-in ones always, a scenario's own once
    /// what reveals it has shown.
    pub fn knows(&self, action: &super::ActionInfo) -> bool {
        self.cfg
            .custom_actions
            .iter()
            .find(|c| action.kind == super::ActionKind::Custom && c.id == action.id)
            .is_none_or(|c| self.revealed(&c.revealed_by))
    }
}
