//! One tick of serving: how the balancer shares the admitted requests among the servers in
//! rotation, and what each server does with its share (capacity, health-check time, memory,
//! garbage, disk, CPU).

use super::config::FleetConfig;
use super::server::{CheckLoad, GcParams, Server, ServerState};

/// Totals of one tick's serving, across the fleet.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ServeTotals {
    pub served: f64,
    /// Sent to a server that is not running (502).
    pub failed_dead: f64,
    /// More than the server could serve in time (timeouts, 503).
    pub failed_overload: f64,
    /// Failed on a server whose disk is full (500).
    pub failed_disk: f64,
    /// No server in rotation at all (503 from the balancer).
    pub failed_no_backend: f64,
}

impl ServeTotals {
    pub fn failed(&self) -> f64 {
        self.failed_dead + self.failed_overload + self.failed_disk + self.failed_no_backend
    }
}

/// Per-tick inputs the fleet does not own.
#[derive(Clone, Copy, Debug)]
pub struct ServeInput {
    pub tick: u32,
    pub admitted: f64,
    /// Service time of one request including its dependency calls.
    pub service_ms: f64,
}

/// What every server's share of a tick is worked out from, computed once per tick.
pub(super) struct TickShare {
    /// The requests the balancer hands out (none with nothing in rotation: every server still
    /// lives through the tick, with no demand).
    admitted: f64,
    sticky: f64,
    even_share: f64,
    /// Sessions end and new ones pin evenly, so pins drift towards an even spread.
    churn: f64,
    even_pin: f64,
    alloc_mb: f64,
    log_mb: f64,
    thread_rps: f64,
    capacity_rps: f64,
    cpu_at_capacity: f64,
    disk_mb: f64,
    check_cost_ms: f64,
    gc: GcParams,
}

impl TickShare {
    pub(super) fn new(cfg: &FleetConfig, input: &ServeInput, rotation: usize) -> TickShare {
        let sticky = cfg.lb.sticky_share;
        TickShare {
            admitted: if rotation == 0 { 0.0 } else { input.admitted },
            sticky,
            even_share: (1.0 - sticky) / rotation.max(1) as f64,
            churn: if cfg.lb.session_s > 0 {
                (1.0 / f64::from(cfg.lb.session_s)).min(1.0)
            } else {
                0.0
            },
            even_pin: 1.0 / rotation.max(1) as f64,
            // Without a collected heap, short-lived memory is freed as it goes: no garbage, no GC.
            alloc_mb: match cfg.runtime.profile().gc_heap {
                true => cfg.alloc_kb_per_request / 1024.0,
                false => 0.0,
            },
            log_mb: cfg.log_kb_per_request / 1024.0,
            thread_rps: f64::from(cfg.worker_threads) * 1000.0 / input.service_ms.max(1.0),
            capacity_rps: cfg.capacity_rps,
            cpu_at_capacity: cfg.cpu_pct_at_capacity,
            disk_mb: cfg.disk_mb,
            check_cost_ms: cfg.lb.check_cost_ms,
            gc: GcParams {
                trigger_share: cfg.gc_trigger_share,
                pause_base_ms: cfg.gc_pause_base_ms,
                pause_ms_per_gb_live: cfg.gc_pause_ms_per_gb_live,
            },
        }
    }

    /// The requests the balancer sends `server` this tick (its pin drifting as sessions churn).
    pub(super) fn demand(&self, server: &mut Server) -> f64 {
        if !server.in_rotation {
            return 0.0;
        }
        let pinned = server.pinned;
        debug_assert!(
            (0.0..=1.0 + 1e-9).contains(&pinned),
            "a pin is a share: {pinned}"
        );
        server.pinned = pinned + self.churn * (self.even_pin - pinned);
        let demand = self.admitted * (self.even_share + self.sticky * pinned);
        debug_assert!(demand.is_finite() && demand >= 0.0, "demand {demand}");
        demand
    }

    /// `server` serves what it can of `demand`, counted into `totals`; true when it came near a
    /// limit (its heap, its disk) and the limits need checking.
    pub(super) fn serve(&self, server: &mut Server, demand: f64, totals: &mut ServeTotals) -> bool {
        let capacity = server.capacity(self.capacity_rps, self.thread_rps);
        server.acc_demand += demand;
        server.acc_capacity += capacity;
        if server.state != ServerState::Up {
            totals.failed_dead += demand;
            return false;
        }
        server.check = CheckLoad {
            demand,
            capacity,
            runaway_cpu_pct: server.runaway_cpu_pct,
            cost_ms: self.check_cost_ms,
        };
        if server.disk_full {
            totals.failed_disk += demand;
            server.cpu_pct = 2.0 * server.cpu_factor + server.runaway_cpu_pct;
            return false;
        }
        let served = demand.min(capacity);
        debug_assert!(
            capacity.is_finite() && capacity >= 0.0,
            "capacity {capacity}"
        );
        totals.served += served;
        totals.failed_overload += demand - served;
        server.acc_served += served;
        server.live_mb += served * server.leak_mb_per_request;
        server.garbage_mb += served * self.alloc_mb;
        server.collect_garbage(&self.gc);
        server.disk_used_mb += served * self.log_mb + server.disk_fill_mb_per_s;
        let utilisation = served / self.capacity_rps;
        server.cpu_pct = (utilisation * self.cpu_at_capacity * server.cpu_factor
            + server.gc_overhead * 100.0
            + server.runaway_cpu_pct)
            .min(100.0);
        server.near_limits(self.disk_mb)
    }
}
