//! The app servers and the load balancer in front of them.
//!
//! Servers are stored as parallel vectors (one field per vector) so the per-tick loop streams
//! through memory: a 1,000-server fleet is a few hundred kilobytes that stay in cache.

use super::config::{FleetConfig, LoadBalancerConfig};
use super::events::{EventKind, EventLog, RestartCause};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServerState {
    Up,
    /// Process starting; serves from `ready_at`.
    Starting,
    /// Process gone and nothing will restart it.
    Dead,
}

/// GC time share above which a server is "thrashing" (health checks time out, the overhead limit
/// counts towards an OutOfMemoryError).
pub const GC_THRASH_FRACTION: f64 = 0.98;
/// Consecutive thrashing ticks before the runtime gives up with an OutOfMemoryError.
pub const GC_THRASH_LIMIT_TICKS: u16 = 5;
/// GC time share at which a server logs a GC-overhead warning.
pub const GC_WARN_FRACTION: f64 = 0.5;
/// GC time share at which health checks start timing out.
const GC_CHECK_FAIL_FRACTION: f64 = 0.8;
/// Most GC cycles one server can run in one tick (bounds the loop; far past thrashing).
const MAX_GC_CYCLES_PER_TICK: f64 = 1_000.0;

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

#[derive(Clone, Debug)]
pub struct Fleet {
    pub cfg: FleetConfig,
    pub state: Vec<ServerState>,
    pub ready_at: Vec<u32>,
    pub live_mb: Vec<f64>,
    pub garbage_mb: Vec<f64>,
    pub heap_max_mb: Vec<f64>,
    /// Smoothed share of time spent in GC.
    pub gc_overhead: Vec<f64>,
    pub gc_cycles: Vec<f64>,
    pub thrash_ticks: Vec<u16>,
    pub gc_warned: Vec<bool>,
    pub leak_mb_per_request: Vec<f64>,
    pub disk_used_mb: Vec<f64>,
    pub disk_fill_mb_per_s: Vec<f64>,
    pub disk_full: Vec<bool>,
    pub runaway_cpu_pct: Vec<f64>,
    pub cpu_pct: Vec<f64>,
    pub in_rotation: Vec<bool>,
    pub fail_streak: Vec<u32>,
    pub pass_streak: Vec<u32>,
    /// Share of sticky sessions pinned to each server (sums to 1 over servers in rotation).
    pub pinned: Vec<f64>,
    /// Requests sent to each server since the last scrape.
    pub acc_demand: Vec<f64>,
    pub acc_served: Vec<f64>,
    pub acc_capacity: Vec<f64>,
    pub acc_gc_ms: Vec<f64>,
    pub restarts: Vec<u32>,
    /// Servers in rotation (kept in step with `in_rotation`, which every change goes through).
    rotation: usize,
    /// Earliest tick a starting server becomes ready (`u32::MAX` when none is starting).
    next_ready_at: u32,
}

impl Fleet {
    pub fn new(cfg: &FleetConfig) -> Fleet {
        let n = cfg.servers as usize;
        let live_mb = (0..n)
            .map(|i| {
                cfg.initial_heap_live_mb
                    .get(i)
                    .copied()
                    .unwrap_or(cfg.heap_baseline_mb)
            })
            .collect();
        let mut fleet = Fleet {
            cfg: cfg.clone(),
            state: vec![ServerState::Up; n],
            ready_at: vec![0; n],
            live_mb,
            garbage_mb: vec![0.0; n],
            heap_max_mb: vec![cfg.heap_max_mb; n],
            gc_overhead: vec![0.0; n],
            gc_cycles: vec![0.0; n],
            thrash_ticks: vec![0; n],
            gc_warned: vec![false; n],
            leak_mb_per_request: vec![0.0; n],
            disk_used_mb: vec![cfg.disk_used_mb; n],
            disk_fill_mb_per_s: vec![0.0; n],
            disk_full: vec![false; n],
            runaway_cpu_pct: vec![0.0; n],
            cpu_pct: vec![0.0; n],
            in_rotation: vec![true; n],
            fail_streak: vec![0; n],
            pass_streak: vec![0; n],
            pinned: vec![1.0 / n.max(1) as f64; n],
            acc_demand: vec![0.0; n],
            acc_served: vec![0.0; n],
            acc_capacity: vec![0.0; n],
            acc_gc_ms: vec![0.0; n],
            restarts: vec![0; n],
            rotation: n,
            next_ready_at: u32::MAX,
        };
        fleet.rebalance_pins();
        fleet
    }

    pub fn len(&self) -> usize {
        self.state.len()
    }

    pub fn is_empty(&self) -> bool {
        self.state.is_empty()
    }

    pub fn name(&self, server: u32) -> String {
        format!("app-{}", server + 1)
    }

    pub fn find(&self, name: &str) -> Option<u32> {
        let index: u32 = name.strip_prefix("app-")?.parse().ok()?;
        (index >= 1 && (index as usize) <= self.len()).then(|| index - 1)
    }

    pub fn heap_used_mb(&self, s: usize) -> f64 {
        self.live_mb[s] + self.garbage_mb[s]
    }

    pub fn servers_up(&self) -> usize {
        self.state.iter().filter(|s| **s == ServerState::Up).count()
    }

    pub fn servers_in_rotation(&self) -> usize {
        debug_assert_eq!(
            self.rotation,
            self.in_rotation.iter().filter(|r| **r).count()
        );
        self.rotation
    }

    /// Adds one more server, starting now; it joins rotation once health checks pass.
    pub fn add_server(&mut self, tick: u32) -> u32 {
        let s = self.len();
        self.state.push(ServerState::Starting);
        self.ready_at.push(tick + self.cfg.restart_s);
        self.next_ready_at = self.next_ready_at.min(tick + self.cfg.restart_s);
        self.live_mb.push(self.cfg.heap_baseline_mb);
        self.garbage_mb.push(0.0);
        self.heap_max_mb.push(self.cfg.heap_max_mb);
        self.gc_overhead.push(0.0);
        self.gc_cycles.push(0.0);
        self.thrash_ticks.push(0);
        self.gc_warned.push(false);
        let leak = self.leak_mb_per_request.first().copied().unwrap_or(0.0);
        self.leak_mb_per_request.push(leak);
        self.disk_used_mb.push(self.cfg.disk_used_mb);
        self.disk_fill_mb_per_s.push(0.0);
        self.disk_full.push(false);
        self.runaway_cpu_pct.push(0.0);
        self.cpu_pct.push(0.0);
        self.in_rotation.push(false);
        self.fail_streak.push(0);
        self.pass_streak.push(0);
        self.pinned.push(0.0);
        self.acc_demand.push(0.0);
        self.acc_served.push(0.0);
        self.acc_capacity.push(0.0);
        self.acc_gc_ms.push(0.0);
        self.restarts.push(0);
        s as u32
    }

    /// Stops a server's process; it comes back after the restart time unless `restart` is false.
    pub fn stop(
        &mut self,
        s: usize,
        tick: u32,
        cause: RestartCause,
        restart: bool,
        log: &mut EventLog,
    ) {
        self.state[s] = if restart {
            ServerState::Starting
        } else {
            ServerState::Dead
        };
        self.ready_at[s] = tick + self.cfg.restart_s;
        if restart {
            self.next_ready_at = self.next_ready_at.min(self.ready_at[s]);
        }
        self.live_mb[s] = self.cfg.heap_baseline_mb;
        self.garbage_mb[s] = 0.0;
        self.gc_overhead[s] = 0.0;
        self.thrash_ticks[s] = 0;
        self.gc_warned[s] = false;
        self.cpu_pct[s] = 0.0;
        self.restarts[s] += 1;
        log.push(
            tick,
            EventKind::ServerStopped {
                server: s as u32,
                cause,
            },
        );
    }

    /// Processes that finished starting become Up.
    pub fn finish_starts(&mut self, tick: u32, log: &mut EventLog) {
        if tick < self.next_ready_at {
            return;
        }
        self.next_ready_at = u32::MAX;
        for s in 0..self.len() {
            if self.state[s] != ServerState::Starting {
                continue;
            }
            if self.ready_at[s] <= tick {
                self.state[s] = ServerState::Up;
                log.push(tick, EventKind::ServerStarted { server: s as u32 });
            } else {
                self.next_ready_at = self.next_ready_at.min(self.ready_at[s]);
            }
        }
    }

    /// What one server can serve this tick, in requests, given what its threads can carry.
    fn capacity(&self, s: usize, thread_rps: f64) -> f64 {
        if self.state[s] != ServerState::Up {
            return 0.0;
        }
        let cpu_free = (1.0 - self.runaway_cpu_pct[s] / 100.0).max(0.0);
        let cpu_rps = self.cfg.capacity_rps * (1.0 - self.gc_overhead[s]) * cpu_free;
        cpu_rps.min(thread_rps)
    }

    /// Sends this tick's admitted requests through the balancer and the servers.
    pub fn serve(&mut self, input: ServeInput, log: &mut EventLog) -> ServeTotals {
        let mut totals = ServeTotals::default();
        let rotation = self.servers_in_rotation();
        if rotation == 0 {
            totals.failed_no_backend = input.admitted;
        }
        // With nothing in rotation every server still lives through the tick, with no demand.
        let admitted = if rotation == 0 { 0.0 } else { input.admitted };
        let sticky = self.cfg.lb.sticky_share;
        let even_share = (1.0 - sticky) / rotation.max(1) as f64;
        let alloc_mb = self.cfg.alloc_kb_per_request / 1024.0;
        let log_mb = self.cfg.log_kb_per_request / 1024.0;
        let thread_rps = f64::from(self.cfg.worker_threads) * 1000.0 / input.service_ms.max(1.0);
        // Sessions end and new ones pin evenly, so pins drift towards an even spread.
        let churn = if self.cfg.lb.session_s > 0 {
            (1.0 / f64::from(self.cfg.lb.session_s)).min(1.0)
        } else {
            0.0
        };
        let even_pin = 1.0 / rotation.max(1) as f64;
        for s in 0..self.len() {
            let demand = if self.in_rotation[s] {
                let pinned = self.pinned[s];
                self.pinned[s] = pinned + churn * (even_pin - pinned);
                admitted * (even_share + sticky * pinned)
            } else {
                0.0
            };
            let capacity = self.capacity(s, thread_rps);
            self.acc_demand[s] += demand;
            self.acc_capacity[s] += capacity;
            if self.state[s] != ServerState::Up {
                totals.failed_dead += demand;
                continue;
            }
            if self.disk_full[s] {
                totals.failed_disk += demand;
                self.cpu_pct[s] = 2.0 + self.runaway_cpu_pct[s];
                continue;
            }
            let served = demand.min(capacity);
            totals.served += served;
            totals.failed_overload += demand - served;
            self.acc_served[s] += served;
            self.live_mb[s] += served * self.leak_mb_per_request[s];
            self.garbage_mb[s] += served * alloc_mb;
            self.collect_garbage(s);
            self.disk_used_mb[s] += served * log_mb + self.disk_fill_mb_per_s[s];
            let utilisation = served / self.cfg.capacity_rps;
            self.cpu_pct[s] = (utilisation * self.cfg.cpu_pct_at_capacity
                + self.gc_overhead[s] * 100.0
                + self.runaway_cpu_pct[s])
                .min(100.0);
            self.check_limits(s, input.tick, log);
        }
        totals
    }

    /// Runs as many GC cycles as the garbage calls for and updates the GC time share.
    fn collect_garbage(&mut self, s: usize) {
        let headroom_mb = (self.heap_max_mb[s] - self.live_mb[s]).max(0.0);
        let trigger_mb = (headroom_mb * self.cfg.gc_trigger_fraction).max(1e-3);
        let mut tick_gc_ms = 0.0;
        if self.garbage_mb[s] >= trigger_mb {
            let cycles = (self.garbage_mb[s] / trigger_mb)
                .floor()
                .min(MAX_GC_CYCLES_PER_TICK);
            self.garbage_mb[s] = (self.garbage_mb[s] - cycles * trigger_mb).max(0.0);
            let pause_ms = self.cfg.gc_pause_base_ms
                + self.cfg.gc_pause_ms_per_gb_live * self.live_mb[s] / 1024.0;
            tick_gc_ms = cycles * pause_ms;
            self.gc_cycles[s] += cycles;
        }
        // A collector that cannot keep up keeps the garbage it could not clear inside the heap.
        self.garbage_mb[s] = self.garbage_mb[s].min(headroom_mb);
        self.acc_gc_ms[s] += tick_gc_ms.min(1000.0);
        let share = (tick_gc_ms / 1000.0).min(1.0);
        self.gc_overhead[s] = 0.8 * self.gc_overhead[s] + 0.2 * share;
    }

    /// OOM kill, GC overhead limit, disk full.
    fn check_limits(&mut self, s: usize, tick: u32, log: &mut EventLog) {
        let server = s as u32;
        if self.gc_overhead[s] >= GC_WARN_FRACTION && !self.gc_warned[s] {
            self.gc_warned[s] = true;
            let pct = (self.gc_overhead[s] * 100.0) as f32;
            log.push(tick, EventKind::GcOverhead { server, pct });
        }
        if self.gc_overhead[s] >= GC_THRASH_FRACTION {
            self.thrash_ticks[s] += 1;
        } else {
            self.thrash_ticks[s] = 0;
        }
        if self.live_mb[s] >= self.heap_max_mb[s] || self.thrash_ticks[s] >= GC_THRASH_LIMIT_TICKS {
            let heap_mb = self.heap_used_mb(s) as f32;
            log.push(tick, EventKind::OomKilled { server, heap_mb });
            let restart = self.cfg.auto_restart;
            self.stop(s, tick, RestartCause::OomKill, restart, log);
        }
        if !self.disk_full[s] && self.disk_used_mb[s] >= self.cfg.disk_mb {
            self.disk_used_mb[s] = self.cfg.disk_mb;
            self.disk_full[s] = true;
            log.push(tick, EventKind::DiskFull { server });
        }
    }

    /// One round of load-balancer health checks.
    pub fn health_checks(&mut self, tick: u32, log: &mut EventLog) {
        let lb: &LoadBalancerConfig = &self.cfg.lb;
        let (down_after, up_after) = (lb.unhealthy_threshold, lb.healthy_threshold);
        let mut changed = false;
        for s in 0..self.len() {
            let passes =
                self.state[s] == ServerState::Up && self.gc_overhead[s] < GC_CHECK_FAIL_FRACTION;
            if passes {
                self.pass_streak[s] += 1;
                self.fail_streak[s] = 0;
            } else {
                self.fail_streak[s] += 1;
                self.pass_streak[s] = 0;
            }
            let server = s as u32;
            if self.in_rotation[s] && self.fail_streak[s] >= down_after {
                self.in_rotation[s] = false;
                self.rotation -= 1;
                changed = true;
                log.push(tick, EventKind::MarkedDown { server });
            } else if !self.in_rotation[s] && self.pass_streak[s] >= up_after {
                self.in_rotation[s] = true;
                self.rotation += 1;
                self.pinned[s] = 0.0;
                changed = true;
                log.push(tick, EventKind::MarkedUp { server });
            }
        }
        if changed {
            self.rebalance_pins();
        }
    }

    /// Sessions pinned to servers that left rotation are re-pinned evenly across the rest.
    fn rebalance_pins(&mut self) {
        let rotation = self.servers_in_rotation();
        if rotation == 0 {
            return;
        }
        let mut orphaned = 0.0;
        for s in 0..self.len() {
            if !self.in_rotation[s] {
                orphaned += self.pinned[s];
                self.pinned[s] = 0.0;
            }
        }
        let total: f64 = self.pinned.iter().sum::<f64>() + orphaned;
        let spread = if total > 0.0 { orphaned } else { 1.0 };
        for s in 0..self.len() {
            if self.in_rotation[s] {
                self.pinned[s] += spread / rotation as f64;
            }
        }
    }

    /// Clears the per-scrape accumulators.
    pub fn reset_accumulators(&mut self) {
        for v in [
            &mut self.acc_demand,
            &mut self.acc_served,
            &mut self.acc_capacity,
            &mut self.acc_gc_ms,
        ] {
            v.iter_mut().for_each(|x| *x = 0.0);
        }
    }
}
