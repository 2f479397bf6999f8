//! Scheduled failure modes: when each starts, what it changes in the world, and what cures it.

use super::config::{Dependency, FaultKind, SimConfig, Targets};
use super::events::{EventKind, RestartCause};
use super::findings::ConfigChange;
use super::pending::Effect;
use super::simulation::Simulation;
use super::traffic::Window;

/// The config key a connection-pool push changes.
pub const POOL_SIZE_KEY: &str = "db.pool.max_size";

#[derive(Clone, Debug)]
pub struct FaultState {
    /// Fault indices by start time (file order on ties).
    order: Vec<u32>,
    next: usize,
    pub active: Vec<bool>,
    pub cured: Vec<bool>,
    /// Changes since the last known-good configuration.
    pub config_changes: Vec<ConfigChange>,
    /// Deploys during the run: (tick, version).
    pub deploys: Vec<(u32, String)>,
    pub release: String,
    /// The release before the current one, if the scenario names one (a rollback needs it).
    pub previous_release: Option<String>,
}

impl FaultState {
    pub fn new(cfg: &SimConfig) -> FaultState {
        let mut order: Vec<u32> = (0..cfg.faults.len() as u32).collect();
        order.sort_by_key(|i| cfg.faults[*i as usize].at_s);
        let mut history = cfg.deploy_history.iter().rev();
        let release = history
            .next()
            .map_or("unknown".into(), |d| d.version.clone());
        let previous_release = history.next().map(|d| d.version.clone());
        FaultState {
            order,
            next: 0,
            active: vec![false; cfg.faults.len()],
            cured: vec![false; cfg.faults.len()],
            config_changes: Vec::new(),
            deploys: Vec::new(),
            release,
            previous_release,
        }
    }

    /// Faults that are active and not cured.
    pub fn live(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.active.len()).filter(|i| self.active[*i] && !self.cured[*i])
    }
}

fn servers(targets: &Targets, count: usize) -> impl Iterator<Item = usize> + '_ {
    (0..count).filter(move |s| targets.includes(*s as u32))
}

impl Simulation {
    pub(super) fn start_faults(&mut self, t: u32) {
        while let Some(&index) = self.faults.order.get(self.faults.next) {
            if self.cfg.faults[index as usize].at_s > t {
                break;
            }
            self.faults.next += 1;
            self.start_fault(t, index);
        }
    }

    fn start_fault(&mut self, t: u32, index: u32) {
        let fault = self.cfg.faults[index as usize].kind.clone();
        let since = self.cfg.faults[index as usize].since.clone();
        if let Some(change) = fault.pushed_change() {
            self.push_change(t, change, since.clone());
        }
        self.faults.active[index as usize] = true;
        self.trace
            .events
            .push(t, EventKind::FaultStarted { fault: index });
        let n = self.fleet.len();
        match fault {
            FaultKind::MemoryLeak {
                targets,
                leak_kb_per_request,
                deploy,
                ..
            } => {
                for s in servers(&targets, n) {
                    self.fleet.servers[s].leak_mb_per_request = leak_kb_per_request / 1024.0;
                }
                // A latent leak's release went out before the run: it is the running one.
                if let (Some(version), None) = (deploy, &since) {
                    self.deploy(t, version, RestartCause::Deploy);
                }
            }
            FaultKind::TrafficSurge {
                multiplier,
                duration_s,
                ramp_s,
            } => {
                self.traffic.add_window(Window {
                    start_s: t,
                    end_s: t.saturating_add(duration_s),
                    multiplier,
                    ramp_s,
                });
                self.end_fault_later(t.saturating_add(duration_s), index);
            }
            FaultKind::DependencySlowdown {
                dependency,
                latency_multiplier,
                duration_s,
            } => {
                self.deps.set_slowdown(dependency, latency_multiplier);
                if duration_s > 0 {
                    self.end_fault_later(t.saturating_add(duration_s), index);
                }
            }
            FaultKind::PoolExhaustion {
                pool_size,
                change,
                database,
            } => {
                let key = match database {
                    Dependency::Named(i) => {
                        format!("{}.pool.max_size", self.cfg.dependencies[i as usize].name)
                    }
                    _ => POOL_SIZE_KEY.into(),
                };
                self.faults.config_changes.push(ConfigChange {
                    key,
                    from: self.deps.pool_of(database).to_string(),
                    to: pool_size.to_string(),
                    at: t,
                    when: since.clone(),
                });
                self.deps.set_pool(database, pool_size);
                // A latent push happened before the run: no one saw it land this afternoon.
                if since.is_none() {
                    self.trace
                        .events
                        .push(t, EventKind::ConfigPushed { change });
                }
            }
            FaultKind::DiskFill {
                targets, mb_per_s, ..
            } => {
                for s in servers(&targets, n) {
                    self.fleet.servers[s].disk_fill_mb_per_s = mb_per_s;
                }
            }
            FaultKind::CpuRunaway {
                targets, cpu_pct, ..
            } => {
                for s in servers(&targets, n) {
                    self.fleet.start_runaway(s, cpu_pct);
                }
            }
            FaultKind::RequestErrors { deploy, .. } => {
                if let (Some(version), None) = (deploy, &since) {
                    self.deploy(t, version, RestartCause::Deploy);
                }
            }
        }
    }

    /// Share of requests failing to live `request_errors` faults (their shares combine as
    /// independent failures).
    pub(super) fn request_error_share(&self) -> f64 {
        let ok: f64 = self
            .faults
            .live()
            .filter_map(|i| match &self.cfg.faults[i].kind {
                FaultKind::RequestErrors { share, .. } => Some(1.0 - share),
                _ => None,
            })
            .product();
        1.0 - ok
    }

    /// A config push a fault arrived with: `key: from -> to` (or just what changed).
    fn push_change(&mut self, t: u32, change: &str, since: Option<String>) {
        let (key, values) = change.split_once(':').unwrap_or((change, ""));
        let (from, to) = values
            .split_once("->")
            .map_or(("(last known-good)", "(pushed)"), |(f, t)| {
                (f.trim(), t.trim())
            });
        self.faults.config_changes.push(ConfigChange {
            key: key.trim().to_string(),
            from: from.to_string(),
            to: to.to_string(),
            at: t,
            when: since.clone(),
        });
        if since.is_none() {
            let change = change.to_string();
            self.trace
                .events
                .push(t, EventKind::ConfigPushed { change });
        }
    }

    fn end_fault_later(&mut self, at: u32, fault: u32) {
        let scheduled = self.pending.schedule(at, Effect::FaultEnds { fault });
        assert!(
            scheduled,
            "pending queue full while scheduling a fault's end"
        );
    }

    pub(super) fn end_fault(&mut self, t: u32, fault: u32) {
        if let FaultKind::DependencySlowdown { dependency, .. } =
            self.cfg.faults[fault as usize].kind
        {
            self.deps.set_slowdown(dependency, 1.0);
        }
        self.faults.active[fault as usize] = false;
        self.trace.events.push(t, EventKind::FaultEnded { fault });
    }

    /// Rolls out a release: every server restarts on it at once.
    pub(super) fn deploy(&mut self, t: u32, version: String, cause: RestartCause) {
        self.faults.previous_release =
            Some(std::mem::replace(&mut self.faults.release, version.clone()));
        self.faults.deploys.push((t, version.clone()));
        self.trace.events.push(t, EventKind::Deploy { version });
        for s in 0..self.fleet.len() {
            self.fleet.stop(s, t, cause, true, &mut self.trace.events);
        }
    }

    /// Marks matching live faults cured and removes their effect on the world.
    pub(super) fn cure(&mut self, t: u32, matches: impl Fn(usize, &FaultKind) -> bool) -> usize {
        let live: Vec<usize> = self.faults.live().collect();
        let mut cured = 0;
        for i in live {
            let kind = self.cfg.faults[i].kind.clone();
            if !matches(i, &kind) {
                continue;
            }
            match kind {
                FaultKind::MemoryLeak { targets, .. } => {
                    for s in servers(&targets, self.fleet.len()) {
                        self.fleet.servers[s].leak_mb_per_request = 0.0;
                    }
                }
                FaultKind::CpuRunaway { targets, .. } => {
                    for s in servers(&targets, self.fleet.len()) {
                        self.fleet.servers[s].runaway_cpu_pct = 0.0;
                    }
                }
                FaultKind::DiskFill { targets, .. } => {
                    for s in servers(&targets, self.fleet.len()) {
                        self.fleet.servers[s].disk_fill_mb_per_s = 0.0;
                    }
                }
                FaultKind::PoolExhaustion { database, .. } => {
                    let size = self.deps.configured_pool(database);
                    self.deps.set_pool(database, size);
                }
                FaultKind::DependencySlowdown { dependency, .. } => {
                    self.deps.set_slowdown(dependency, 1.0);
                }
                FaultKind::TrafficSurge { .. } => continue,
                FaultKind::RequestErrors { .. } => {}
            }
            self.faults.cured[i] = true;
            self.trace
                .events
                .push(t, EventKind::FaultCured { fault: i as u32 });
            cured += 1;
        }
        cured
    }
}
