//! The app servers and the load balancer in front of them.

use super::config::FleetConfig;
use super::events::{EventKind, EventLog, RestartCause};
use super::processes::ProcessDraws;
use super::serve::TickShare;
pub use super::serve::{ServeInput, ServeTotals};
pub use super::server::{GcParams, Server, ServerState, GC_WARN_FRACTION};

#[derive(Clone, Debug)]
pub struct Fleet {
    pub cfg: FleetConfig,
    pub servers: Vec<Server>,
    /// Each server's host name, built once (when it joins), so a lookup by name allocates
    /// nothing.
    names: Vec<String>,
    /// Servers in rotation (kept in step with each server's `in_rotation`).
    rotation: usize,
    /// Earliest tick a starting server becomes ready (`u32::MAX` when none is starting).
    next_ready_at: u32,
    /// Health checks switched off: every server stays in rotation, whether it answers or not.
    pub checks_off: bool,
    /// How each new process differs from the last.
    draws: ProcessDraws,
}

impl Fleet {
    /// The fleet at the start of the run, its processes drawn from `draws` (the run's hosts
    /// stream).
    pub fn new(cfg: &FleetConfig, mut draws: ProcessDraws) -> Fleet {
        let n = cfg.servers as usize;
        let servers = (0..n)
            .map(|i| {
                let live = cfg
                    .initial_heap_live_mb
                    .get(i)
                    .copied()
                    .unwrap_or(cfg.heap_baseline_mb);
                let process = draws.process(None);
                let mut server = Server::new(live, cfg.heap_max_mb, cfg.disk_used_mb, process);
                // Heap above the baseline at the start is what it kept over its uptime.
                server.baseline_mb = cfg.heap_baseline_mb.min(live);
                server.pinned = 1.0 / n.max(1) as f64;
                server
            })
            .collect();
        Fleet {
            cfg: cfg.clone(),
            names: (0..n as u32).map(|s| cfg.host_name(s)).collect(),
            servers,
            rotation: n,
            next_ready_at: u32::MAX,
            checks_off: false,
            draws,
        }
    }

    /// Workers on the servers whose process is up.
    pub fn workers_up(&self) -> f64 {
        let up = self.servers.iter().filter(|s| s.is_up()).count();
        up as f64 * f64::from(self.cfg.worker_threads)
    }

    pub fn len(&self) -> usize {
        self.servers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.servers.is_empty()
    }

    pub fn name(&self, server: u32) -> &str {
        &self.names[server as usize]
    }

    pub fn find(&self, name: &str) -> Option<u32> {
        self.names.iter().position(|n| n == name).map(|s| s as u32)
    }

    /// Every host's name, in order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    pub fn heap_used_mb(&self, server: usize) -> f64 {
        self.servers[server].heap_used_mb()
    }

    pub fn servers_up(&self) -> usize {
        self.servers.iter().filter(|s| s.is_up()).count()
    }

    pub fn servers_in_rotation(&self) -> usize {
        debug_assert_eq!(
            self.rotation,
            self.servers.iter().filter(|s| s.in_rotation).count()
        );
        self.rotation
    }

    /// Adds one more server, starting now; it joins rotation once health checks pass.
    pub fn add_server(&mut self, tick: u32) -> u32 {
        let like = self.servers.first().map_or(0.0, |s| s.leak_mb_per_request);
        let process = self.draws.process(None);
        let mut live = self.cfg.heap_baseline_mb * process.heap_factor;
        if live >= self.cfg.heap_max_mb {
            live = self.cfg.heap_baseline_mb;
        }
        let mut server = Server::new(live, self.cfg.heap_max_mb, self.cfg.disk_used_mb, process);
        server.state = ServerState::Starting;
        server.ready_at = tick + self.cfg.restart_s;
        server.in_rotation = false;
        server.leak_mb_per_request = like;
        self.next_ready_at = self.next_ready_at.min(server.ready_at);
        self.servers.push(server);
        self.names.push(self.cfg.host_name(self.names.len() as u32));
        (self.len() - 1) as u32
    }

    /// Stops a server's process (if it still runs); a new one comes back after the restart time
    /// unless `restart` is false. A dead server is simply started again.
    pub fn stop(
        &mut self,
        server: usize,
        tick: u32,
        cause: RestartCause,
        restart: bool,
        log: &mut EventLog,
    ) {
        let ready_at = tick + self.cfg.restart_s;
        let was_down = self.servers[server].state == ServerState::Dead;
        let next = restart.then(|| self.draws.process(Some(self.servers[server].pid)));
        self.servers[server].stop(ready_at, self.cfg.heap_baseline_mb, next);
        if restart {
            self.next_ready_at = self.next_ready_at.min(ready_at);
        }
        log.push(
            tick,
            EventKind::ServerStopped {
                server: server as u32,
                cause,
                restart,
                was_down,
            },
        );
    }

    /// A process starts running away on a server (a new one each time it comes back).
    pub fn start_runaway(&mut self, server: usize, cpu_pct: f64) {
        let after = self.servers[server].pid;
        self.servers[server].runaway_pid = self.draws.pid(Some(after));
        self.servers[server].runaway_cpu_pct = cpu_pct;
    }

    /// The runaway process on a server stops burning CPU.
    pub fn end_runaway(&mut self, server: usize) {
        self.servers[server].runaway_cpu_pct = 0.0;
    }

    /// Whether a process runs away on a server now.
    pub fn runaway_running(&self, server: usize) -> bool {
        self.servers[server].runaway_cpu_pct > 0.0
    }

    /// A server's disk back to what it held at the start (rotated logs removed); it takes
    /// writes again.
    pub fn clean_disk(&mut self, index: usize) {
        let server = &mut self.servers[index];
        server.disk_used_mb = self.cfg.disk_used_mb;
        server.disk_full = false;
    }

    /// What the servers up now can serve: a process burning CPU takes its share of a server's
    /// capacity away.
    pub fn servable_rps(&self) -> f64 {
        let capacity = self.cfg.capacity_rps;
        self.servers
            .iter()
            .filter(|s| s.is_up())
            .map(|s| capacity * (1.0 - s.runaway_cpu_pct / 100.0).max(0.0))
            .sum()
    }

    /// The largest heap limit times `factor`, as far as the host's memory allows (never below
    /// the limit now).
    pub fn raised_heap_max_mb(&self, factor: f64) -> f64 {
        let ceiling = self.cfg.host_ram_mb - self.cfg.host_overhead_mb;
        let current = self
            .servers
            .iter()
            .map(|s| s.heap_max_mb)
            .fold(0.0, f64::max);
        (current * factor).min(ceiling).max(current)
    }

    /// The heap limit a server's next process starts with (the running one keeps its own).
    pub fn set_heap_max(&mut self, server: usize, heap_max_mb: f64) {
        self.servers[server].heap_max_mb = heap_max_mb;
    }

    /// Memory each request served by a server retains from now on (0: none).
    pub fn set_leak(&mut self, server: usize, mb_per_request: f64) {
        self.servers[server].leak_mb_per_request = mb_per_request;
    }

    /// How fast a server's disk fills from now on, beyond its logs (0: not at all).
    pub fn set_disk_fill(&mut self, server: usize, mb_per_s: f64) {
        self.servers[server].disk_fill_mb_per_s = mb_per_s;
    }

    /// Processes that finished starting become Up.
    pub fn finish_starts(&mut self, tick: u32, log: &mut EventLog) {
        if tick < self.next_ready_at {
            return;
        }
        self.next_ready_at = u32::MAX;
        for (s, server) in self.servers.iter_mut().enumerate() {
            if server.state != ServerState::Starting {
                continue;
            }
            if server.ready_at <= tick {
                server.state = ServerState::Up;
                let (server, pid) = (s as u32, server.pid);
                log.push(tick, EventKind::ServerStarted { server, pid });
            } else {
                self.next_ready_at = self.next_ready_at.min(server.ready_at);
            }
        }
    }

    /// Sends this tick's admitted requests through the balancer and the servers.
    pub fn serve(&mut self, input: ServeInput, log: &mut EventLog) -> ServeTotals {
        let mut totals = ServeTotals::default();
        let rotation = self.servers_in_rotation();
        if rotation == 0 {
            totals.failed_no_backend = input.admitted;
        }
        let tick = TickShare::new(&self.cfg, &input, rotation);
        for s in 0..self.servers.len() {
            let server = &mut self.servers[s];
            let demand = tick.demand(server);
            if tick.serve(server, demand, &mut totals) {
                self.check_limits(s, input.tick, log);
            }
        }
        totals
    }

    /// GC warnings, OOM kills, a disk filling up.
    fn check_limits(&mut self, at: usize, tick: u32, log: &mut EventLog) {
        let server = &mut self.servers[at];
        let index = at as u32;
        if server.gc_overhead >= GC_WARN_FRACTION && !server.gc_warned {
            server.gc_warned = true;
            let pct = (server.gc_overhead * 100.0) as f32;
            log.push(tick, EventKind::GcOverhead { server: index, pct });
        }
        if server.out_of_memory() {
            let heap_mb = server.heap_used_mb() as f32;
            log.push(
                tick,
                EventKind::OomKilled {
                    server: index,
                    heap_mb,
                },
            );
            let restart = self.cfg.auto_restart;
            self.stop(at, tick, RestartCause::OomKill, restart, log);
        }
        let server = &mut self.servers[at];
        if !server.disk_full && server.disk_used_mb >= self.cfg.disk_mb {
            server.disk_used_mb = self.cfg.disk_mb;
            server.disk_full = true;
            log.push(tick, EventKind::DiskFull { server: index });
        }
    }

    /// One round of load-balancer health checks.
    pub fn health_checks(&mut self, tick: u32, log: &mut EventLog) {
        let (down_after, up_after) = (
            self.cfg.lb.unhealthy_threshold,
            self.cfg.lb.healthy_threshold,
        );
        let mut changed = false;
        for (s, server) in self.servers.iter_mut().enumerate() {
            // With checks off nothing is ever marked down: a dead server keeps its share.
            let passes =
                self.checks_off || server.passes_health_check(self.cfg.lb.check_timeout_ms);
            if passes {
                server.pass_streak += 1;
                server.fail_streak = 0;
            } else {
                server.fail_streak += 1;
                server.pass_streak = 0;
            }
            let index = s as u32;
            if server.in_rotation && server.fail_streak >= down_after {
                server.in_rotation = false;
                self.rotation -= 1;
                changed = true;
                log.push(tick, EventKind::MarkedDown { server: index });
            } else if !server.in_rotation && server.pass_streak >= up_after {
                server.in_rotation = true;
                server.pinned = 0.0;
                self.rotation += 1;
                changed = true;
                log.push(tick, EventKind::MarkedUp { server: index });
            }
        }
        if changed {
            self.rebalance_pins();
        }
    }

    /// Sessions pinned to servers that left rotation are re-pinned evenly across the rest. With
    /// nothing in rotation every session is orphaned: no server keeps a pin, so the first back
    /// starts from an even spread (a pin kept on a server out of rotation was lost when it
    /// rejoined, and requests with it).
    fn rebalance_pins(&mut self) {
        let rotation = self.servers_in_rotation();
        if rotation == 0 {
            self.servers.iter_mut().for_each(|s| s.pinned = 0.0);
            return;
        }
        let mut orphaned = 0.0;
        for server in self.servers.iter_mut().filter(|s| !s.in_rotation) {
            orphaned += server.pinned;
            server.pinned = 0.0;
        }
        let total: f64 = self.servers.iter().map(|s| s.pinned).sum::<f64>() + orphaned;
        let spread = if total > 0.0 { orphaned } else { 1.0 };
        for server in self.servers.iter_mut().filter(|s| s.in_rotation) {
            server.pinned += spread / rotation as f64;
        }
    }

    /// Clears the per-scrape accumulators.
    pub fn reset_accumulators(&mut self) {
        self.servers.iter_mut().for_each(Server::reset_accumulators);
    }
}
