//! One app server: its process, heap, disk and CPU, and what it does in one tick.
//!
//! All of a server's state sits in one record, so the fleet's per-tick loop walks memory once,
//! front to back (a 1,000-server fleet is ~200 KB and stays in cache).

use super::processes::ProcessDraw;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServerState {
    Up,
    /// Process starting; serves from `ready_at`.
    Starting,
    /// Process gone and nothing will restart it.
    Dead,
}

/// GC time share above which a server is "thrashing" (the overhead limit counts towards an
/// OutOfMemoryError).
pub const GC_THRASH_FRACTION: f64 = 0.98;
/// Consecutive thrashing ticks before the runtime gives up with an OutOfMemoryError.
pub const GC_THRASH_LIMIT_TICKS: u16 = 5;
/// GC time share at which a server logs a GC-overhead warning.
pub const GC_WARN_FRACTION: f64 = 0.5;
/// GC time share at which health checks start timing out.
pub const GC_CHECK_FAIL_FRACTION: f64 = 0.8;
/// Most GC cycles one server can run in one tick (bounds the work; far past thrashing).
const MAX_GC_CYCLES_PER_TICK: f64 = 1_000.0;

/// A health check waits its turn: on a server busy a share rho of the time it takes
/// 1 / (1 - rho) times its idle cost (rho capped at 0.99). A process burning CPU keeps it busy
/// even when no request comes. The inputs are kept and the time worked out only when a check or
/// a look reads it: its divisions, done for every server every tick, were high in the profile.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CheckLoad {
    pub demand: f64,
    pub capacity: f64,
    pub runaway_cpu_pct: f64,
    pub cost_ms: f64,
}

impl CheckLoad {
    /// How long a health check takes, in ms.
    pub fn ms(&self) -> f64 {
        let serving = if self.capacity > 0.0 {
            self.demand / self.capacity
        } else {
            1.0
        };
        let hog = (self.runaway_cpu_pct / 100.0).clamp(0.0, 1.0);
        let busy = hog + (1.0 - hog) * serving.min(1.0);
        self.cost_ms / (1.0 - busy.min(0.99))
    }
}

/// The collector's parameters, copied out of the config once per tick.
#[derive(Clone, Copy, Debug)]
pub struct GcParams {
    pub trigger_share: f64,
    pub pause_base_ms: f64,
    pub pause_ms_per_gb_live: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Server {
    pub state: ServerState,
    /// The id of the service's process (of the last one, when it is dead).
    pub pid: u32,
    /// The id of the process running away, while one does.
    pub runaway_pid: u32,
    /// The live heap the process started with (its own warm baseline).
    pub baseline_mb: f64,
    /// How this process's CPU reading differs from the model's (near 1).
    pub cpu_factor: f64,
    pub in_rotation: bool,
    pub disk_full: bool,
    pub gc_warned: bool,
    pub thrash_ticks: u16,
    pub ready_at: u32,
    pub fail_streak: u32,
    pub pass_streak: u32,
    pub restarts: u32,
    pub live_mb: f64,
    pub garbage_mb: f64,
    pub heap_max_mb: f64,
    /// Smoothed share of time spent in GC.
    pub gc_overhead: f64,
    pub gc_cycles: f64,
    pub leak_mb_per_request: f64,
    pub disk_used_mb: f64,
    pub disk_fill_mb_per_s: f64,
    pub runaway_cpu_pct: f64,
    pub cpu_pct: f64,
    /// What a health check's time is worked out from, kept by the last tick served.
    pub check: CheckLoad,
    /// Share of sticky sessions pinned here (sums to 1 over servers in rotation).
    pub pinned: f64,
    /// Requests sent here since the last scrape.
    pub acc_demand: f64,
    pub acc_served: f64,
    pub acc_capacity: f64,
    pub acc_gc_ms: f64,
}

impl Server {
    pub fn new(live_mb: f64, heap_max_mb: f64, disk_used_mb: f64, process: ProcessDraw) -> Server {
        Server {
            state: ServerState::Up,
            pid: process.pid,
            runaway_pid: 0,
            baseline_mb: live_mb,
            cpu_factor: process.cpu_factor,
            in_rotation: true,
            disk_full: false,
            gc_warned: false,
            thrash_ticks: 0,
            ready_at: 0,
            fail_streak: 0,
            pass_streak: 0,
            restarts: 0,
            live_mb,
            garbage_mb: 0.0,
            heap_max_mb,
            gc_overhead: 0.0,
            gc_cycles: 0.0,
            leak_mb_per_request: 0.0,
            disk_used_mb,
            disk_fill_mb_per_s: 0.0,
            runaway_cpu_pct: 0.0,
            cpu_pct: 0.0,
            check: CheckLoad::default(),
            pinned: 0.0,
            acc_demand: 0.0,
            acc_served: 0.0,
            acc_capacity: 0.0,
            acc_gc_ms: 0.0,
        }
    }

    pub fn is_up(&self) -> bool {
        self.state == ServerState::Up
    }

    pub fn heap_used_mb(&self) -> f64 {
        self.live_mb + self.garbage_mb
    }

    /// What the server can serve this tick: its CPU (less GC and any runaway process) or what
    /// its threads can carry, whichever is less.
    pub fn capacity(&self, capacity_rps: f64, thread_rps: f64) -> f64 {
        if self.state != ServerState::Up {
            return 0.0;
        }
        let cpu = capacity_rps * (1.0 - self.gc_overhead);
        // Most ticks no process runs away: the free share is exactly 1 then, and the division
        // is skipped (the same bits).
        let cpu = if self.runaway_cpu_pct == 0.0 {
            cpu
        } else {
            cpu * (1.0 - self.runaway_cpu_pct / 100.0).max(0.0)
        };
        cpu.min(thread_rps)
    }

    /// Runs as many GC cycles as the garbage calls for and updates the GC time share.
    pub fn collect_garbage(&mut self, gc: &GcParams) {
        let headroom_mb = (self.heap_max_mb - self.live_mb).max(0.0);
        let trigger_mb = (headroom_mb * gc.trigger_share).max(1e-3);
        // Most ticks run no cycle: the time share then only decays (adding 0 changes no bit).
        let mut share = 0.0;
        if self.garbage_mb >= trigger_mb {
            // `as u32` truncates: `floor` for this positive, bounded value, without a libm call.
            let cycles =
                f64::from((self.garbage_mb / trigger_mb).min(MAX_GC_CYCLES_PER_TICK) as u32);
            self.garbage_mb = (self.garbage_mb - cycles * trigger_mb).max(0.0);
            let pause_ms = gc.pause_base_ms + gc.pause_ms_per_gb_live * self.live_mb / 1024.0;
            let tick_gc_ms = cycles * pause_ms;
            self.gc_cycles += cycles;
            self.acc_gc_ms += tick_gc_ms.min(1000.0);
            share = 0.2 * (tick_gc_ms / 1000.0).min(1.0);
        }
        // A collector that cannot keep up keeps the garbage it could not clear inside the heap.
        self.garbage_mb = self.garbage_mb.min(headroom_mb);
        self.gc_overhead = 0.8 * self.gc_overhead + share;
    }

    /// Whether this tick's state needs the slower limit checks (GC trouble, OOM, a full disk).
    pub fn near_limits(&self, disk_mb: f64) -> bool {
        self.gc_overhead >= GC_WARN_FRACTION
            || self.thrash_ticks > 0
            || self.live_mb >= self.heap_max_mb
            || (!self.disk_full && self.disk_used_mb >= disk_mb)
    }

    /// The runtime gives up: the heap is full, or GC has eaten the CPU for too long.
    pub fn out_of_memory(&mut self) -> bool {
        if self.gc_overhead >= GC_THRASH_FRACTION {
            self.thrash_ticks += 1;
        } else {
            self.thrash_ticks = 0;
        }
        self.live_mb >= self.heap_max_mb || self.thrash_ticks >= GC_THRASH_LIMIT_TICKS
    }

    /// Ends the process; `next`, when given, starts at once and serves from `ready_at` with a
    /// fresh heap of `baseline_mb` times its heap factor (the baseline itself should that reach
    /// the limit). Without it the server stays dead.
    pub fn stop(&mut self, ready_at: u32, baseline_mb: f64, next: Option<ProcessDraw>) {
        self.state = match next {
            Some(_) => ServerState::Starting,
            None => ServerState::Dead,
        };
        if let Some(process) = next {
            let live = baseline_mb * process.heap_factor;
            self.live_mb = if live < self.heap_max_mb {
                live
            } else {
                baseline_mb
            };
            self.pid = process.pid;
            self.cpu_factor = process.cpu_factor;
        } else {
            self.live_mb = baseline_mb;
        }
        self.baseline_mb = self.live_mb;
        self.ready_at = ready_at;
        self.garbage_mb = 0.0;
        self.gc_overhead = 0.0;
        self.thrash_ticks = 0;
        self.gc_warned = false;
        self.cpu_pct = 0.0;
        self.restarts += 1;
    }

    /// Whether a load-balancer health check passes now: the process is up, not stalled in GC,
    /// and answers the check within its timeout.
    pub fn passes_health_check(&self, timeout_ms: f64) -> bool {
        self.state == ServerState::Up
            && self.gc_overhead < GC_CHECK_FAIL_FRACTION
            && self.check.ms() <= timeout_ms
    }

    pub fn reset_accumulators(&mut self) {
        self.acc_demand = 0.0;
        self.acc_served = 0.0;
        self.acc_capacity = 0.0;
        self.acc_gc_ms = 0.0;
    }
}
