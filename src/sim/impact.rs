//! What the outage costs: users affected, orders and revenue lost, and when service is restored.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use super::config::SloConfig;
use super::events::{EventKind, EventLog};

/// Totals of a whole run.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ImpactTotals {
    pub requests: f64,
    pub failed_requests: f64,
    pub orders: f64,
    pub failed_orders: f64,
    pub revenue: f64,
    pub revenue_lost: f64,
    pub peak_users_affected_pct: f64,
    pub outage_started_at: Option<u32>,
    pub restored_at: Option<u32>,
}

/// One scrape interval, as the impact tracker needs it.
#[derive(Clone, Copy, Debug, Default)]
pub struct IntervalImpact {
    pub arrived: f64,
    pub failed: f64,
    pub latency_ms_p95: f64,
}

#[derive(Clone, Debug)]
pub struct Impact {
    slo: SloConfig,
    pages_per_user_window: f64,
    window: VecDeque<(f64, f64)>,
    window_len: usize,
    good_since: Option<u32>,
    pub totals: ImpactTotals,
}

impl Impact {
    pub fn new(slo: &SloConfig, pages_per_user_window: f64, scrape_interval_s: u32) -> Impact {
        let window_len = (slo.affected_window_s / scrape_interval_s.max(1)).max(1) as usize;
        Impact {
            slo: slo.clone(),
            pages_per_user_window,
            window: VecDeque::with_capacity(window_len + 1),
            window_len,
            good_since: None,
            totals: ImpactTotals::default(),
        }
    }

    /// Share of active users who met at least one error inside the window: each user loads
    /// `pages_per_user_window` pages, and each fails with the window's error rate (Poisson).
    fn users_affected_pct(&self) -> f64 {
        let (arrived, failed) = self
            .window
            .iter()
            .fold((0.0, 0.0), |(a, f), (x, y)| (a + x, f + y));
        if arrived <= 0.0 {
            return 0.0;
        }
        let error_share = failed / arrived;
        100.0 * (1.0 - libm::exp(-self.pages_per_user_window * error_share))
    }

    /// Closes a scrape interval; returns the users-affected share.
    pub fn scrape(&mut self, tick: u32, interval: IntervalImpact, log: &mut EventLog) -> f64 {
        self.window.push_back((interval.arrived, interval.failed));
        while self.window.len() > self.window_len {
            self.window.pop_front();
        }
        let affected = self.users_affected_pct();
        if affected > self.totals.peak_users_affected_pct {
            self.totals.peak_users_affected_pct = affected;
        }
        let error_pct = if interval.arrived > 0.0 {
            100.0 * interval.failed / interval.arrived
        } else {
            0.0
        };
        self.track_outage(tick, error_pct, interval.latency_ms_p95, log);
        affected
    }

    fn track_outage(&mut self, tick: u32, error_pct: f64, latency_ms_p95: f64, log: &mut EventLog) {
        let in_outage =
            self.totals.outage_started_at.is_some() && self.totals.restored_at.is_none();
        if !in_outage {
            if error_pct >= self.slo.outage_error_rate_pct {
                self.totals.outage_started_at.get_or_insert(tick);
                self.totals.restored_at = None;
                self.good_since = None;
                log.push(tick, EventKind::OutageStarted);
            }
            return;
        }
        let good =
            error_pct <= self.slo.error_rate_pct && latency_ms_p95 <= self.slo.latency_ms_p95;
        if !good {
            self.good_since = None;
            return;
        }
        let since = *self.good_since.get_or_insert(tick);
        if tick - since >= self.slo.restore_window_s {
            self.totals.restored_at = Some(since);
            log.push(tick, EventKind::Restored { since });
        }
    }
}
