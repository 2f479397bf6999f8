//! The scenario's own dependencies: databases behind pools of their own, HTTP services, caches in
//! front of either, and poolers or proxies that others' calls pass through. Calls are routed
//! first (cache misses to their backends, calls through what they depend on), then each one's
//! failures are worked out, what it depends on before it.

use super::{Dependencies, POOL_QUEUE_FROM};
use crate::sim::config::{Dependency, DependencyConfig, DependencyKind, LimitKind};

/// One tick of one of the scenario's own dependencies.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ExtraTick {
    /// One call's time as callers see it (a wait for a connection included, capped at the
    /// timeout).
    pub latency_ms: f64,
    /// Calls per request, cache misses sent here and calls passing through included.
    pub calls: f64,
    /// Share of the requests failing here, in it (what it depends on is counted there).
    pub failed_share: f64,
    /// Share of the requests that reach it failing in what it depends on.
    pub inherited_share: f64,
    /// Databases: share of the pool in use. Caches: share of lookups missing.
    pub used: f64,
    /// Client connections its callers want open (when it has limits).
    pub connections: f64,
    /// Client connections it holds: those wanted, up to what its limits let in.
    pub accepted: f64,
    /// The limit that refuses connections now, if one does.
    pub refusing: Option<LimitKind>,
    /// Calls per request passing through it, times how long each holds a connection (ms).
    held_ms: f64,
}

/// The live state of one of the scenario's own dependencies.
#[derive(Clone, Debug)]
pub struct Extra {
    pub cfg: DependencyConfig,
    pub slowdown: f64,
    /// Databases: the pool as the live config says.
    pub pool_size: u32,
    /// Its limits as they stand now (a fault lowers one, an action raises it).
    pub open_files: Option<u32>,
    pub max_connections: Option<u32>,
    pub last: ExtraTick,
    /// Degraded at the last look (for the logs' trouble and recovery lines).
    pub troubled: bool,
}

impl Extra {
    pub fn new(cfg: &DependencyConfig) -> Extra {
        let limits = cfg.limits.as_ref();
        Extra {
            cfg: cfg.clone(),
            slowdown: 1.0,
            pool_size: match cfg.kind {
                DependencyKind::Database { pool_size, .. } => pool_size,
                _ => 0,
            },
            open_files: limits.and_then(|l| l.open_files),
            max_connections: limits.and_then(|l| l.max_connections),
            last: ExtraTick {
                latency_ms: cfg.latency_ms,
                calls: cfg.calls_per_request,
                ..ExtraTick::default()
            },
            troubled: false,
        }
    }

    /// Whether it is in trouble now: failing calls (its own or through what it depends on),
    /// refused connections, a full pool, three times its usual latency, or (a cache) missing
    /// more than usual.
    pub fn in_trouble(&self) -> bool {
        let t = &self.last;
        let usual_miss = match self.cfg.kind {
            DependencyKind::Cache { hit_share, .. } => 1.0 - hit_share,
            _ => 0.0,
        };
        self.failing_share() > self.cfg.error_share + 0.01
            || t.refusing.is_some()
            || t.latency_ms >= 3.0 * self.cfg.latency_ms
            || match self.cfg.kind {
                DependencyKind::Database { .. } => t.used >= 0.99,
                DependencyKind::Cache { .. } => t.used > usual_miss + 0.01,
                DependencyKind::Http | DependencyKind::Proxy => false,
            }
    }

    /// Share of the requests reaching it whose call fails, here or below.
    pub fn failing_share(&self) -> f64 {
        either(self.last.failed_share, self.last.inherited_share)
    }

    /// The live value of one of its limits.
    pub fn limit(&self, kind: LimitKind) -> Option<u32> {
        match kind {
            LimitKind::OpenFiles => self.open_files,
            LimitKind::MaxConnections => self.max_connections,
        }
    }

    pub fn set_limit(&mut self, kind: LimitKind, value: Option<u32>) {
        match kind {
            LimitKind::OpenFiles => self.open_files = value,
            LimitKind::MaxConnections => self.max_connections = value,
        }
    }

    /// Client connections its limits let in, and the one that binds first.
    fn room(&self) -> Option<(f64, LimitKind)> {
        let files_in_use = self.cfg.limits.as_ref().map_or(0, |l| l.files_in_use);
        let files = self.open_files.map(|n| {
            (
                f64::from(n.saturating_sub(files_in_use)),
                LimitKind::OpenFiles,
            )
        });
        let slots = self
            .max_connections
            .map(|n| (f64::from(n), LimitKind::MaxConnections));
        match (files, slots) {
            (Some(f), Some(s)) => Some(if s.0 < f.0 { s } else { f }),
            (one, other) => one.or(other),
        }
    }

    /// Works out the connections it is asked for (`workers_up` keep theirs open; calls in
    /// flight hold one each) against its limits: the share refused.
    fn connect(&mut self, answered: f64, workers_up: f64) -> f64 {
        let Some(limits) = &self.cfg.limits else {
            return 0.0;
        };
        let wanted =
            workers_up * limits.connections_per_worker + answered * self.last.held_ms / 1000.0;
        let room = self.room();
        let accepted = room.map_or(wanted, |(n, _)| wanted.min(n));
        self.last.connections = wanted;
        self.last.accepted = accepted;
        self.last.refusing = room.filter(|(n, _)| wanted > *n).map(|(_, kind)| kind);
        if wanted > 0.0 {
            1.0 - accepted / wanted
        } else {
            0.0
        }
    }
}

impl Dependencies {
    /// Where this tick's calls go: a cache's misses beyond the usual to its backend, then every
    /// call through what its dependency depends on (the main database's queries included).
    pub(super) fn route(&mut self) {
        self.main_extra_calls = 0.0;
        for e in &mut self.extras {
            e.last.calls = e.cfg.calls_per_request;
            e.last.held_ms = e.cfg.calls_per_request * e.cfg.latency_ms * e.slowdown;
        }
        self.caches();
        let queries = self.db.queries_per_request + self.main_extra_calls;
        let query_ms = self.last.db_query_ms;
        // By index: this runs every tick, and the lists never change during a run.
        for k in 0..self.db.depends_on.len() {
            let d = self.db.depends_on[k] as usize;
            self.pass(d, queries, query_ms);
        }
        for k in 0..self.order.len() {
            let i = self.order[k];
            let (calls, latency_ms) = (self.extras[i].last.calls, self.extras[i].last.latency_ms);
            for j in 0..self.extras[i].cfg.depends_on.len() {
                let d = self.extras[i].cfg.depends_on[j] as usize;
                self.pass(d, calls, latency_ms);
            }
        }
    }

    /// `calls` per request of `latency_ms` each pass through dependency `through`.
    fn pass(&mut self, through: usize, calls: f64, latency_ms: f64) {
        let e = &mut self.extras[through];
        e.last.calls += calls;
        e.last.held_ms += calls * (latency_ms + e.cfg.latency_ms * e.slowdown);
    }

    /// A lookup that misses (or times out) more than usual sends that many more calls to the
    /// cache's backend this tick.
    fn caches(&mut self) {
        for i in 0..self.extras.len() {
            let e = &self.extras[i];
            let DependencyKind::Cache { hit_share, backend } = e.cfg.kind else {
                continue;
            };
            let latency = e.cfg.latency_ms * e.slowdown;
            let timed_out = latency >= e.cfg.timeout_ms;
            let miss = if timed_out { 1.0 } else { 1.0 - hit_share };
            let more = e.cfg.calls_per_request * (miss - (1.0 - hit_share));
            let e = &mut self.extras[i];
            e.last.latency_ms = latency.min(e.cfg.timeout_ms);
            e.last.used = miss;
            e.last.failed_share = 0.0;
            match backend {
                Dependency::Named(j) => self.extras[j as usize].last.calls += more,
                _ => self.main_extra_calls += more,
            }
        }
    }

    /// Databases, HTTP services and proxies of the scenario's own, after the routing: the share
    /// of the `answered` requests that fail in them (independent failures combine; each counts
    /// where it happens, and shows in those that depend on it too).
    pub(super) fn own_failures(&mut self, answered: f64, workers_up: f64) -> f64 {
        let mut ok = 1.0;
        for e in &mut self.extras {
            let calls = e.last.calls;
            let latency = e.cfg.latency_ms * e.slowdown;
            let failing = if latency >= e.cfg.timeout_ms {
                1.0
            } else {
                e.cfg.error_share
            };
            let refused = e.connect(answered, workers_up);
            let reach = calls.min(1.0);
            match e.cfg.kind {
                DependencyKind::Cache { .. } => continue,
                DependencyKind::Http | DependencyKind::Proxy => {
                    e.last.latency_ms = latency.min(e.cfg.timeout_ms);
                    e.last.used = 0.0;
                    e.last.failed_share = reach * either(failing, refused);
                }
                DependencyKind::Database { max_wait_ms, .. } => {
                    let pool = f64::from(e.pool_size.max(1));
                    let (failed, used, wait_ms) =
                        pool_load(answered, calls, latency, pool, max_wait_ms);
                    let starved = if answered > 0.0 {
                        failed / answered
                    } else {
                        0.0
                    };
                    e.last.latency_ms = (latency + wait_ms).min(e.cfg.timeout_ms);
                    e.last.failed_share = (starved + reach * either(failing, refused)).min(1.0);
                    e.last.used = used;
                }
            }
            ok *= 1.0 - e.last.failed_share;
        }
        self.inherit();
        1.0 - ok
    }

    /// What each dependency's calls meet in what it depends on, deepest first.
    fn inherit(&mut self) {
        for &i in self.order.iter().rev() {
            let ok: f64 = self.extras[i]
                .cfg
                .depends_on
                .iter()
                .map(|&d| 1.0 - self.extras[d as usize].failing_share())
                .product();
            self.extras[i].last.inherited_share = 1.0 - ok;
        }
    }
}

/// The share failing to one of two independent causes (exactly `first` when `second` is 0).
fn either(first: f64, second: f64) -> f64 {
    first + second - first * second
}

/// Dependencies in an order where each comes before those it depends on (a scenario's are
/// checked to have no circle; one that slipped through is left where it is).
pub(super) fn dependents_first(named: &[DependencyConfig]) -> Vec<usize> {
    let mut order = Vec::with_capacity(named.len());
    let mut placed = vec![false; named.len()];
    while order.len() < named.len() {
        let before = order.len();
        for i in 0..named.len() {
            let waiting = (0..named.len())
                .any(|j| !placed[j] && j != i && named[j].depends_on.contains(&(i as u32)));
            if !placed[i] && !waiting {
                placed[i] = true;
                order.push(i);
            }
        }
        if order.len() == before {
            order.extend((0..named.len()).filter(|&i| !placed[i]));
            break;
        }
    }
    order
}

/// A pool of `pool` connections carrying `rps` requests of `calls` queries of `query_ms` each:
/// (requests failing for want of a connection, share of the pool in use, wait per query).
pub(super) fn pool_load(
    rps: f64,
    calls: f64,
    query_ms: f64,
    pool: f64,
    max_wait_ms: f64,
) -> (f64, f64, f64) {
    let used = rps * calls * query_ms / 1000.0 / pool;
    let wait_ms = if used <= POOL_QUEUE_FROM {
        0.0
    } else if used >= 1.0 {
        max_wait_ms
    } else {
        let queueing = (used - POOL_QUEUE_FROM) / (1.0 - used.min(0.99));
        (query_ms * queueing).min(max_wait_ms)
    };
    let pool_rps = pool * 1000.0 / (calls.max(1e-9) * query_ms);
    ((rps - pool_rps).max(0.0), used.min(1.0), wait_ms)
}
