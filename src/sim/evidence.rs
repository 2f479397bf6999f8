//! What a finding showed: the faults whose anomaly its output made visible at the moment it was
//! run, read off the same numbers the trainee sees. A look before a fault shows (a leak with no
//! growth yet, a disk far from full) is not evidence; the scorer reads only this record.

use super::config::{Dependency, FaultKind};
use super::faults::POOL_SIZE_KEY;
use super::findings::FindingBody;
use super::simulation::Simulation;

/// Live-heap growth a dashboard shows above the noise of a healthy server.
pub const LEAK_GROWTH_MB_PER_MIN: f64 = 2.0;
/// A live heap this full of its limit is plainly abnormal, growth or not.
pub const HEAP_FULL_SHARE: f64 = 0.85;
/// How long the memory dashboards keep an OOM kill in view.
pub const OOM_SHOWN_S: u32 = 1800;
/// A leaked allocation site that holds this share of the live heap stands out in a profile.
pub const LEAK_PROFILE_SHARE: f64 = 0.10;
/// A host or a disk this full shows on `free` or `df`.
pub const NEARLY_FULL_SHARE: f64 = 0.85;
/// A process over this share of CPU shows on `top`.
pub const RUNAWAY_CPU_PCT: f64 = 10.0;
/// A pool this full shows on the database's dashboard.
pub const POOL_SATURATED_PCT: f64 = 90.0;
/// A dependency this many times slower than usual shows on its dashboard.
pub const SLOW_FACTOR: f64 = 2.0;

impl Simulation {
    /// The live faults whose anomaly `body` shows, by index, in file order.
    pub(super) fn shown_faults(&self, body: &FindingBody) -> Vec<u32> {
        self.faults
            .live()
            .filter(|&i| self.shows(body, &self.cfg.faults[i].kind))
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

    fn host_index(&self, host: &str) -> Option<u32> {
        (0..self.fleet.len() as u32).find(|s| self.fleet.name(*s) == host)
    }

    /// The host is down after an OOM kill the dashboards still show (its heap climbing to the
    /// limit, then the process gone).
    fn oom_killed_lately(&self, server: u32) -> bool {
        use super::events::EventKind;
        let up = self.fleet.servers[server as usize].is_up();
        let since = self.tick.saturating_sub(OOM_SHOWN_S);
        !up && self
            .trace
            .events
            .between(since, u32::MAX)
            .any(|e| matches!(e.kind, EventKind::OomKilled { server: s, .. } if s == server))
    }

    fn any_server(
        &self,
        targets: &super::config::Targets,
        test: impl Fn(&super::server::Server) -> bool,
    ) -> bool {
        self.fleet
            .servers
            .iter()
            .enumerate()
            .any(|(s, server)| targets.includes(s as u32) && test(server))
    }

    fn shows(&self, body: &FindingBody, fault: &FaultKind) -> bool {
        use FaultKind as F;
        use FindingBody as B;
        let on = |targets: &super::config::Targets, host: &str| {
            self.host_index(host).is_some_and(|s| targets.includes(s))
        };
        match (body, fault) {
            (B::Memory { rows }, F::MemoryLeak { targets, .. }) => rows.iter().any(|r| {
                on(targets, &r.host)
                    && (r.live_growth_mb_per_min >= LEAK_GROWTH_MB_PER_MIN
                        || (r.heap_max_mb > 0.0
                            && r.heap_live_mb >= HEAP_FULL_SHARE * r.heap_max_mb)
                        || self
                            .host_index(&r.host)
                            .is_some_and(|s| self.oom_killed_lately(s)))
            }),
            (
                B::HeapProfile {
                    host,
                    live_mb,
                    entries,
                    ..
                },
                F::MemoryLeak { targets, site, .. },
            ) => {
                on(targets, host)
                    && entries
                        .iter()
                        .any(|e| e.site == *site && e.retained_mb >= LEAK_PROFILE_SHARE * live_mb)
            }
            (
                B::Free {
                    host,
                    total_mb,
                    used_mb,
                    ..
                },
                F::MemoryLeak { targets, .. },
            ) => on(targets, host) && *used_mb >= NEARLY_FULL_SHARE * total_mb,
            (
                B::Df {
                    host,
                    size_mb,
                    used_mb,
                },
                F::DiskFill { targets, .. },
            ) => on(targets, host) && *used_mb >= NEARLY_FULL_SHARE * size_mb,
            (B::Top { host, runaway, .. }, F::CpuRunaway { targets, .. }) => {
                on(targets, host)
                    && runaway
                        .as_ref()
                        .is_some_and(|(_, pct)| *pct >= RUNAWAY_CPU_PCT)
            }
            (B::Top { cpu_pct, .. }, F::TrafficSurge { .. }) => *cpu_pct >= 90.0,
            (B::LoadBalancer { rows }, F::TrafficSurge { .. }) => {
                rows.iter().any(|r| r.failed_checks > 0 || !r.in_rotation)
            }
            (B::Database { pool_used_pct, .. }, F::PoolExhaustion { database, .. })
                if *database == Dependency::Database =>
            {
                *pool_used_pct >= POOL_SATURATED_PCT
            }
            (
                B::Database { others, .. } | B::Dependencies { others, .. },
                F::PoolExhaustion { .. },
            ) => others.iter().any(|d| d.used_pct >= POOL_SATURATED_PCT),
            (B::ConfigDiff { changes, .. }, F::PoolExhaustion { .. }) => {
                changes.iter().any(|c| c.key == POOL_SIZE_KEY)
            }
            (B::ConfigDiff { changes, .. }, f) => {
                f.pushed_change().is_some() && !changes.is_empty()
            }
            (B::Database { exec_ms, .. }, F::DependencySlowdown { dependency, .. })
                if *dependency == Dependency::Database =>
            {
                *exec_ms >= SLOW_FACTOR * self.cfg.database.query_ms
            }
            (
                B::Dependencies {
                    db_query_ms,
                    payment_latency_ms,
                    ..
                },
                F::DependencySlowdown { dependency, .. },
            ) => match dependency {
                Dependency::Database => *db_query_ms >= SLOW_FACTOR * self.cfg.database.query_ms,
                Dependency::Payment => {
                    *payment_latency_ms >= SLOW_FACTOR * self.cfg.payment.latency_ms
                }
                Dependency::Named(d) => self
                    .deps
                    .extras
                    .get(*d as usize)
                    .is_some_and(|e| e.in_trouble()),
            },
            (B::Deploys { .. }, f) => f.deploy().is_some(),
            (B::Logs { .. }, F::DiskFill { targets, .. }) => self.any_server(targets, |s| {
                s.disk_used_mb >= NEARLY_FULL_SHARE * self.fleet.cfg.disk_mb
            }),
            (B::Logs { .. }, F::MemoryLeak { targets, .. }) => self.any_server(targets, |s| {
                s.heap_max_mb > 0.0 && s.live_mb >= HEAP_FULL_SHARE * s.heap_max_mb
            }),
            // Errors, timeouts and a scenario's own output are written from the world while the
            // fault acts.
            (B::Logs { .. } | B::Output { .. }, _) => true,
            _ => false,
        }
    }
}
