//! The facts of one run, for `incident-sim run --json`: what happened and what it cost, without
//! the comparison (that is the debrief).

use serde::Serialize;

use crate::scenario::Scenario;
use crate::sim::run::Refused;
use crate::sim::Trace;

use super::debrief::{
    milestone_lines, refused_lines, stamp, MilestoneLine, RefusedLine, RunHeader, Stamp,
};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RunReport {
    #[serde(flatten)]
    pub header: RunHeader,
    pub outage_started_at: Option<Stamp>,
    pub restored_at: Option<Stamp>,
    pub peak_users_affected_pct: f64,
    pub requests: f64,
    pub failed_requests: f64,
    pub failed_orders: f64,
    pub revenue_lost: f64,
    pub milestones: Vec<MilestoneLine>,
    pub refused_actions: Vec<RefusedLine>,
}

impl RunReport {
    pub fn new(
        scenario: &Scenario,
        seed: u64,
        actions: usize,
        trace: &Trace,
        refused: &[Refused],
    ) -> RunReport {
        let i = &trace.impact;
        RunReport {
            header: RunHeader::new(scenario, seed, actions, trace),
            outage_started_at: stamp(scenario, i.outage_started_at),
            restored_at: stamp(scenario, i.restored_at),
            peak_users_affected_pct: (i.peak_users_affected_pct * 10.0).round() / 10.0,
            requests: i.requests.round(),
            failed_requests: i.failed_requests.round(),
            failed_orders: i.failed_orders.round(),
            revenue_lost: i.revenue_lost.round(),
            milestones: milestone_lines(scenario, trace),
            refused_actions: refused_lines(scenario, refused),
        }
    }
}
