//! Remediation actions: what the trainee changes in the world to stop the bleeding.

use super::actions::{ActionError, ActionKind};
use super::config::FaultKind;
use super::events::{EventKind, RestartCause};
use super::findings::FindingBody;
use super::pending::Effect;
use super::simulation::Simulation;

/// Rate limiting admits this share of the capacity of the servers that are up.
const RATE_LIMIT_SHARE: f64 = 0.8;
/// Raising the memory limit multiplies it by this (within the host's memory).
const MEMORY_RAISE: f64 = 1.5;

type Outcome = Result<FindingBody, ActionError>;

fn note(text: String) -> Outcome {
    Ok(FindingBody::Note { text })
}

impl Simulation {
    /// Restarts, scaling, rollbacks, config and disk fixes, maintenance and rate limiting.
    pub(super) fn remediate(&mut self, t: u32, kind: ActionKind, host: Option<u32>) -> Outcome {
        use ActionKind as K;
        match kind {
            K::RestartServer => self.restart(t, host.expect("resolved as a host")),
            K::RestartAll => self.restart_all(t),
            K::RollingRestart => self.rolling_restart(t),
            K::ScaleOut => self.scale_out(t),
            K::RollbackDeploy => self.rollback(t),
            K::RaiseMemoryLimit => self.raise_memory_limit(t),
            K::RevertConfig => self.revert_config(t),
            K::CleanDisk => self.clean_disk(host),
            K::KillRunaway => self.kill_runaway(host.expect("resolved as a host") as usize),
            K::EnableMaintenancePage => self.maintenance(t, true),
            K::DisableMaintenancePage => self.maintenance(t, false),
            K::EnableRateLimiting => self.rate_limit(t, true),
            K::DisableRateLimiting => self.rate_limit(t, false),
            _ => unreachable!("{kind:?} is not a remediation"),
        }
    }

    fn restart(&mut self, t: u32, s: u32) -> Outcome {
        self.fleet.stop(
            s as usize,
            t,
            RestartCause::Manual,
            true,
            &mut self.trace.events,
        );
        note(format!(
            "Restarting {}; it takes about {} s to come back.",
            self.fleet.name(s),
            self.cfg.fleet.restart_s
        ))
    }

    fn restart_all(&mut self, t: u32) -> Outcome {
        for s in 0..self.fleet.len() {
            self.fleet
                .stop(s, t, RestartCause::Manual, true, &mut self.trace.events);
        }
        let (n, secs) = (self.fleet.len(), self.cfg.fleet.restart_s);
        note(format!(
            "Restarting all {n} servers; nothing serves for about {secs} s."
        ))
    }

    fn scale_out(&mut self, t: u32) -> Outcome {
        let secs = self.cfg.fleet.provision_s;
        self.schedule(t + secs, Effect::ServerProvisioned)?;
        note(format!(
            "Provisioning one more server; it starts in about {secs} s."
        ))
    }

    fn rollback(&mut self, t: u32) -> Outcome {
        let secs = self.cfg.response.rollback_s;
        self.schedule(t + secs, Effect::RollbackLive)?;
        let (from, to) = (&self.faults.release, &self.faults.previous_release);
        note(format!(
            "Rolling back from {from} to {to}; live in about {secs} s."
        ))
    }

    fn revert_config(&mut self, t: u32) -> Outcome {
        let changes = std::mem::take(&mut self.faults.config_changes);
        for c in &changes {
            let change = format!("{}: {} -> {}", c.key, c.to, c.from);
            self.trace
                .events
                .push(t, EventKind::ConfigReverted { change });
        }
        self.cure(t, |k| matches!(k, FaultKind::PoolExhaustion { .. }));
        note(format!(
            "Reverted {} change(s) to the last known-good configuration.",
            changes.len()
        ))
    }

    fn clean_disk(&mut self, host: Option<u32>) -> Outcome {
        let cleaned: Vec<usize> = match host {
            Some(s) => vec![s as usize],
            None => (0..self.fleet.len()).collect(),
        };
        for s in &cleaned {
            let server = &mut self.fleet.servers[*s];
            server.disk_used_mb = self.cfg.fleet.disk_used_mb;
            server.disk_full = false;
        }
        note(format!(
            "Removed rotated logs on {} server(s).",
            cleaned.len()
        ))
    }

    fn kill_runaway(&mut self, s: usize) -> Outcome {
        let name = self.fleet.name(s as u32);
        self.fleet.servers[s].runaway_cpu_pct = 0.0;
        note(format!("Killed the runaway process on {name}."))
    }

    fn maintenance(&mut self, t: u32, on: bool) -> Outcome {
        self.team.maintenance = on;
        self.trace.events.push(t, EventKind::MaintenanceMode { on });
        note(
            if on {
                "Every user now sees the maintenance page."
            } else {
                "Users reach the site again."
            }
            .into(),
        )
    }

    fn rate_limit(&mut self, t: u32, on: bool) -> Outcome {
        let limit = RATE_LIMIT_SHARE * self.fleet.servers_up() as f64 * self.cfg.fleet.capacity_rps;
        self.team.rate_limit_rps = on.then_some(limit);
        let limit_rps = if on { limit as f32 } else { 0.0 };
        self.trace
            .events
            .push(t, EventKind::RateLimit { limit_rps });
        if on {
            note(format!(
                "Admitting at most {limit:.0} requests/s; the rest get 429."
            ))
        } else {
            note("Rate limiting is off.".into())
        }
    }

    fn rolling_restart(&mut self, t: u32) -> Outcome {
        let lb = &self.cfg.fleet.lb;
        let gap = self.cfg.fleet.restart_s + lb.health_interval_s * lb.healthy_threshold;
        for s in 0..self.fleet.len() as u32 {
            let effect = Effect::StopServer {
                server: s,
                cause: RestartCause::Manual,
            };
            self.schedule(t + s * gap, effect)?;
        }
        let text = format!("Restarting servers one at a time, every {gap} s.");
        Ok(FindingBody::Note { text })
    }

    /// The heap limit now and what raising it would give (equal when the host has no more).
    pub(super) fn memory_limits_mb(&self) -> (f64, f64) {
        let ceiling = self.cfg.fleet.host_ram_mb - self.cfg.fleet.host_overhead_mb;
        let current = self
            .fleet
            .servers
            .iter()
            .map(|s| s.heap_max_mb)
            .fold(0.0, f64::max);
        (current, (current * MEMORY_RAISE).min(ceiling).max(current))
    }

    fn raise_memory_limit(&mut self, t: u32) -> Outcome {
        let (current, raised) = self.memory_limits_mb();
        for s in 0..self.fleet.len() {
            self.fleet.servers[s].heap_max_mb = raised;
            self.fleet
                .stop(s, t, RestartCause::Manual, true, &mut self.trace.events);
        }
        let text = format!(
            "Heap limit raised from {current:.0} MB to {raised:.0} MB; servers restarting on it."
        );
        Ok(FindingBody::Note { text })
    }
}
