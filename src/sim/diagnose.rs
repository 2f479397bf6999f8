//! Diagnostic actions: each reads the world as it is at that tick and returns real numbers.

use super::findings::{heap_entries, DependencyRow, FindingBody, LbRow, MemoryRow, Top};
use super::fleet::ServerState;
use super::host_look;
use super::metrics::ServerMetric;
use super::resolve::{LogSource, Look, Machine};
use super::simulation::Simulation;

/// Logs show this far back.
pub const LOG_WINDOW_S: u32 = 600;
/// Growth of the live heap is measured over this window.
const GROWTH_WINDOW_S: u32 = 300;
/// Page cache a host keeps besides the application.
pub(super) const PAGE_CACHE_MB: f64 = 600.0;
/// Cores of an app server's host: a load of this many is every core busy.
const HOST_CORES: f64 = 2.0;

/// The load average a CPU share gives.
fn load(cpu_pct: f64) -> f64 {
    cpu_pct / 100.0 * HOST_CORES
}

impl Simulation {
    /// What a diagnostic shows now.
    pub(super) fn diagnose(&self, tick: u32, look: Look) -> FindingBody {
        let f = &self.fleet;
        match look {
            Look::ViewMemory => FindingBody::Memory {
                rows: (0..f.len() as u32).map(|s| self.memory_row(s)).collect(),
            },
            Look::ReadLogs(source) => {
                let (host, source) = match source {
                    LogSource::Fleet => (None, None),
                    LogSource::Host(s) => (Some(s), None),
                    LogSource::Dependency(d) => (None, Some(d)),
                };
                let from = tick.saturating_sub(LOG_WINDOW_S);
                FindingBody::Logs {
                    host,
                    from,
                    to: tick,
                    source,
                }
            }
            Look::CheckConfig(Machine::Server(s)) => FindingBody::Config {
                host: f.name(s).into(),
                settings: self.settings(s as usize),
            },
            Look::CheckConfig(Machine::Dependency(d)) => {
                host_look::dependency_config(&self.deps, d)
            }
            Look::CheckLimits(machine) => {
                host_look::limits(&self.fleet, &self.deps, &self.cfg.fleet.service, machine)
            }
            Look::DiffConfig => FindingBody::ConfigDiff {
                since: known_good(&self.faults.config_changes),
                changes: self.faults.config_changes.clone(),
            },
            Look::ListDeploys => FindingBody::Deploys {
                lines: self.deploy_lines(),
            },
            Look::HeapProfile(s) => self.heap_profile(s),
            Look::CheckDb => self.check_db(),
            Look::CheckDependencies => FindingBody::Dependencies {
                db_query_ms: self.deps.last.db_query_ms,
                db_pool_used_pct: 100.0 * self.deps.last.pool_used_share,
                payment_latency_ms: self.deps.last.payment_latency_ms,
                payment_failed_pct: 100.0 * self.deps.last.payment_failed_share,
                payment_gateway: self.cfg.payment.present,
                others: self.dependency_rows(false),
            },
            Look::CheckLoadBalancer => FindingBody::LoadBalancer {
                rows: self.lb_rows(),
            },
            Look::Top(s) => self.top(s as usize),
            Look::Free(s) => self.free(s as usize),
            Look::Df(s) => FindingBody::Df {
                host: f.name(s).into(),
                size_mb: f.cfg.disk_mb,
                used_mb: f.servers[s as usize].disk_used_mb,
            },
        }
    }

    fn check_db(&self) -> FindingBody {
        let deps = &self.deps;
        FindingBody::Database {
            pool_size: deps.pool_size,
            pool_used_pct: 100.0 * deps.last.pool_used_share,
            exec_ms: deps.last.db_exec_ms,
            wait_ms: deps.last.db_query_ms - deps.last.db_exec_ms,
            failing_rps: deps.last.db_failed,
            others: self.dependency_rows(true),
            held: (deps.db.held_per_worker > 0.0).then(|| {
                (
                    self.fleet.workers_up() * deps.db.held_per_worker,
                    deps.db.held_per_worker,
                )
            }),
        }
    }

    fn memory_row(&self, server: u32) -> MemoryRow {
        let f = &self.fleet;
        let i = server as usize;
        let up = f.servers[i].state == ServerState::Up;
        let series = &self.trace.series;
        let live_now = if up { f.servers[i].live_mb } else { 0.0 };
        let growth = series
            .scrape_at(self.tick.saturating_sub(GROWTH_WINDOW_S))
            .and_then(|then| series.server_at(ServerMetric::HeapLiveMb, server, then))
            .filter(|then| up && *then > 0.0)
            .map_or(0.0, |then| {
                (live_now - f64::from(then)) / (GROWTH_WINDOW_S as f64 / 60.0)
            });
        MemoryRow {
            host: f.name(server).into(),
            state: state_word(f.servers[i].state).into(),
            heap_used_mb: if up { f.heap_used_mb(i) } else { 0.0 },
            heap_live_mb: live_now,
            heap_max_mb: f.servers[i].heap_max_mb,
            gc_time_pct: if up {
                100.0 * f.servers[i].gc_overhead
            } else {
                0.0
            },
            live_growth_mb_per_min: growth,
            restarts: f.servers[i].restarts,
        }
    }

    /// The scenario's own dependencies as a dashboard shows them (only databases when asked).
    fn dependency_rows(&self, databases_only: bool) -> Vec<DependencyRow> {
        self.deps
            .extras
            .iter()
            .filter(|e| {
                !databases_only || matches!(e.cfg.kind, crate::sim::DependencyKind::Database { .. })
            })
            .map(|e| DependencyRow {
                name: e.cfg.name.clone(),
                kind: e.cfg.kind.class(),
                latency_ms: e.last.latency_ms,
                failing_pct: 100.0 * e.failing_share(),
                used_pct: 100.0 * e.last.used,
            })
            .collect()
    }

    fn settings(&self, server: usize) -> Vec<(String, String)> {
        let c = &self.fleet.cfg;
        let profile = c.runtime.profile();
        let ms = |v: f64| format!("{v:.0}ms");
        let heap = format!("{:.0}m", self.fleet.servers[server].heap_max_mb);
        let mut out = vec![
            (profile.limit_key, heap),
            (profile.gc_key, profile.gc_name.to_string()),
            ("server.worker_threads", c.worker_threads.to_string()),
            ("server.request_timeout", ms(c.request_timeout_ms)),
            (
                super::faults::POOL_SIZE_KEY,
                self.deps.pool_size.to_string(),
            ),
        ];
        // Where the database is reached: through a pooler, when there is one in front of it.
        if let Some(&through) = self.deps.db.depends_on.first() {
            let host = self.deps.extras[through as usize].cfg.host.clone();
            out.push(("db.host", host));
        }
        out.push(("db.pool.max_wait", ms(self.deps.db.max_wait_ms)));
        if self.cfg.payment.present {
            out.push(("payment.timeout", ms(self.cfg.payment.timeout_ms)));
        }
        let checks = format!(
            "every {}s, down after {} fails",
            c.lb.health_interval_s, c.lb.unhealthy_threshold
        );
        out.extend([
            ("logging.level", "INFO".to_string()),
            ("lb.health_check", checks),
            ("release", self.faults.release.clone()),
        ]);
        out.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    }

    fn deploy_lines(&self) -> Vec<(String, String, String)> {
        let mut lines: Vec<(String, String, String)> = self
            .cfg
            .deploy_history
            .iter()
            .map(|d| (d.when.clone(), d.version.clone(), d.summary.clone()))
            .collect();
        for (t, version) in &self.faults.deploys {
            let when = super::clock::hhmm(self.cfg.start_s_of_day, *t);
            lines.push((when, version.clone(), "deployed during the incident".into()));
        }
        lines
    }

    fn heap_profile(&self, server: u32) -> FindingBody {
        let f = &self.fleet;
        let i = server as usize;
        let baseline = f.servers[i].baseline_mb.min(f.servers[i].live_mb);
        let leaked_mb = f.servers[i].live_mb - baseline;
        let site = self
            .cfg
            .faults
            .iter()
            .find_map(|fault| fault.kind.leak_site_on(server).map(str::to_string));
        let leaked = match site {
            Some(site) => vec![(site, leaked_mb)],
            None => Vec::new(),
        };
        FindingBody::HeapProfile {
            host: f.name(server).into(),
            live_mb: f.servers[i].live_mb,
            heap_max_mb: f.servers[i].heap_max_mb,
            entries: heap_entries(f.cfg.runtime.profile().healthy_heap, baseline, &leaked),
        }
    }

    fn lb_rows(&self) -> Vec<LbRow> {
        let f = &self.fleet;
        let rotation = f.servers_in_rotation().max(1) as f64;
        let sticky = f.cfg.lb.sticky_share;
        (0..f.len())
            .map(|s| LbRow {
                host: f.name(s as u32).into(),
                in_rotation: f.servers[s].in_rotation,
                process: state_word(f.servers[s].state).into(),
                failed_checks: f.servers[s].fail_streak,
                passed_checks: f.servers[s].pass_streak,
                check_ms: if f.servers[s].is_up() {
                    f.servers[s].check.ms()
                } else {
                    0.0
                },
                traffic_share_pct: if f.servers[s].in_rotation {
                    100.0 * ((1.0 - sticky) / rotation + sticky * f.servers[s].pinned)
                } else {
                    0.0
                },
            })
            .collect()
    }

    fn host_memory_used_mb(&self, server: usize) -> f64 {
        let f = &self.fleet;
        let heap = if f.servers[server].state == ServerState::Up {
            f.heap_used_mb(server)
        } else {
            0.0
        };
        (f.cfg.host_overhead_mb + heap).min(f.cfg.host_ram_mb)
    }

    fn top(&self, index: usize) -> FindingBody {
        let f = &self.fleet;
        let runaway = self.cfg.faults.iter().enumerate().find_map(|(i, fault)| {
            let process = fault.kind.runaway_on(index as u32)?;
            let running = self.faults.active[i] && f.servers[index].runaway_cpu_pct > 0.0;
            running.then(|| (process.to_string(), f.servers[index].runaway_cpu_pct))
        });
        let server = &f.servers[index];
        let up = server.state == ServerState::Up;
        let gc_cpu = if up { 100.0 * server.gc_overhead } else { 0.0 };
        let app_cpu = (server.cpu_pct - server.runaway_cpu_pct).max(0.0);
        let heap = if up { server.heap_used_mb() } else { 0.0 };
        let running = server.state != ServerState::Dead;
        FindingBody::Top(Top {
            host: f.name(index as u32).into(),
            load_1m: load(server.cpu_pct),
            cpu_pct: server.cpu_pct,
            app_cpu_pct: app_cpu,
            gc_cpu_pct: gc_cpu,
            runaway,
            mem_total_mb: f.cfg.host_ram_mb,
            mem_used_mb: self.host_memory_used_mb(index),
            pid: running.then_some(server.pid),
            runaway_pid: server.runaway_pid,
            app_rss_mb: if running {
                heap + super::logs::NON_HEAP_RSS_MB
            } else {
                0.0
            },
            load_5m: self.mean_load(index as u32, 300),
            load_15m: self.mean_load(index as u32, 900),
        })
    }

    /// The load a server's CPU readings over the last `window_s` give (what it is now, before
    /// the first scrape).
    fn mean_load(&self, server: u32, window_s: u32) -> f64 {
        let series = &self.trace.series;
        let from = self.tick.saturating_sub(window_s);
        let first = series.ticks.partition_point(|t| *t <= from);
        let readings: Vec<f64> = (first..series.len())
            .filter_map(|i| series.server_at(ServerMetric::CpuPct, server, i))
            .map(f64::from)
            .collect();
        match readings.len() {
            0 => load(self.fleet.servers[server as usize].cpu_pct),
            n => load(readings.iter().sum::<f64>() / n as f64),
        }
    }

    fn free(&self, server: usize) -> FindingBody {
        let total = self.fleet.cfg.host_ram_mb;
        let used = self.host_memory_used_mb(server);
        let buff_cache = PAGE_CACHE_MB.min(total - used);
        let free = total - used - buff_cache;
        FindingBody::Free {
            host: self.fleet.name(server as u32).into(),
            total_mb: total,
            used_mb: used,
            free_mb: free,
            buff_cache_mb: buff_cache,
            available_mb: free + buff_cache,
        }
    }
}

pub fn state_word(state: ServerState) -> &'static str {
    match state {
        ServerState::Up => "running",
        ServerState::Starting => "starting",
        ServerState::Dead => "dead",
    }
}

/// What a config diff compares against, said truthfully: the shift's snapshot, unless a change
/// in it was pushed before the shift (then the known-good one is older than that change).
fn known_good(changes: &[crate::sim::findings::ConfigChange]) -> String {
    let mut before: Vec<&str> = changes.iter().filter_map(|c| c.when.as_deref()).collect();
    before.dedup();
    match before.as_slice() {
        [] => "last known-good snapshot (taken at the start of the shift)".into(),
        [when] => format!("the last known-good configuration, from before {when}"),
        _ => "the last known-good configuration, from before the oldest change below".into(),
    }
}
