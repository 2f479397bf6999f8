//! What an outage cost, summed from a run's trace, and the same for the real team's path replayed
//! with the same seed (the ghost), so the two can stand side by side.

use serde::Serialize;

use crate::scenario::Scenario;
use crate::sim::{run_scripted, Metric, Trace};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ImpactSummary {
    /// Active users who met errors, summed over the run, in user-minutes.
    pub user_minutes: f64,
    pub failed_orders: f64,
    pub revenue_lost: f64,
    pub peak_users_affected_pct: f64,
    pub outage_started_at: Option<u32>,
    pub restored_at: Option<u32>,
}

impl ImpactSummary {
    pub fn of(trace: &Trace) -> ImpactSummary {
        let s = &trace.series;
        let minutes_per_scrape = f64::from(s.scrape_interval_s) / 60.0;
        let user_minutes = s
            .fleet(Metric::ActiveUsers)
            .iter()
            .zip(s.fleet(Metric::UsersAffectedPct))
            .map(|(users, pct)| f64::from(*users) * f64::from(*pct) / 100.0 * minutes_per_scrape)
            .sum();
        let i = &trace.impact;
        ImpactSummary {
            user_minutes,
            failed_orders: i.failed_orders,
            revenue_lost: i.revenue_lost,
            peak_users_affected_pct: i.peak_users_affected_pct,
            outage_started_at: i.outage_started_at,
            restored_at: i.restored_at,
        }
    }

    /// What the scorer weighs: (user-minutes of errors, failed orders).
    pub fn harm(&self) -> (f64, f64) {
        (self.user_minutes, self.failed_orders)
    }

    /// Minutes from the outage's start to service restored, if both happened.
    pub fn minutes_to_restore(&self) -> Option<u32> {
        match (self.outage_started_at, self.restored_at) {
            (Some(start), Some(end)) => Some(end.saturating_sub(start) / 60),
            _ => None,
        }
    }
}

/// The real team's path replayed in the same world with the same seed.
pub fn ghost(scenario: &Scenario, seed: u64) -> Trace {
    run_scripted(scenario.config.clone(), seed, &scenario.reference_actions()).0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::library;

    #[test]
    fn the_real_path_costs_what_its_ghost_costs_and_doing_nothing_costs_more() {
        let s = library::builtin("ecommerce-memory-leak").unwrap();
        let ghost = ImpactSummary::of(&ghost(&s, s.seed));
        let (again, _) = run_scripted(s.config.clone(), s.seed, &s.reference_actions());
        assert_eq!(ImpactSummary::of(&again), ghost);
        let (idle, _) = run_scripted(s.config.clone(), s.seed, &[]);
        let idle = ImpactSummary::of(&idle);
        assert!(
            idle.user_minutes > 1.5 * ghost.user_minutes,
            "{idle:?} vs {ghost:?}"
        );
        assert_eq!(idle.minutes_to_restore(), None);
        // The outage ran 14:28 to 16:37: about 129 minutes.
        assert_eq!(ghost.minutes_to_restore(), Some(129));
        // ~80% of ~12,000 users for over two hours: on the order of a million user-minutes.
        assert!(
            ghost.user_minutes > 500_000.0 && ghost.user_minutes < 2_000_000.0,
            "{ghost:?}"
        );
    }
}
