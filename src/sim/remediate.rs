//! Remediation actions: what the trainee changes in the world to stop the bleeding.

use super::actions::ActionError;
use super::events::{EventKind, RestartCause};
use super::findings::FindingBody;
use super::pending::Effect;
use super::resolve::{Change, Start};
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
    /// Restarts, scaling and rollbacks: they start now.
    pub(super) fn start(&mut self, tick: u32, start: Start) -> Outcome {
        match start {
            Start::RestartServer(s) => self.restart(tick, s),
            Start::RestartAll => self.restart_all(tick),
            Start::RollingRestart => self.rolling_restart(tick),
            Start::ScaleOut => self.scale_out(tick),
            Start::RollbackDeploy => self.rollback(tick),
        }
    }

    /// Config and disk fixes, maintenance and rate limiting: pushes, cleanups and switches that
    /// take the action's time (`secs`) to go live.
    pub(super) fn change(&mut self, tick: u32, change: Change, secs: u32) -> Outcome {
        self.schedule(tick + secs, Effect::Land(change))?;
        let what = self.landing_words(change);
        note(format!("{what}; it lands in about {}.", words(secs)))
    }

    /// What a change that lands later will do, said when it is started.
    fn landing_words(&self, change: Change) -> String {
        let on =
            |h: Option<u32>| h.map_or("every server".to_string(), |s| self.fleet.name(s).into());
        match change {
            Change::RevertConfig => "Pushing the last known-good configuration back".into(),
            Change::CleanDisk(host) => format!("Removing rotated logs on {}", on(host)),
            Change::KillRunaway(s) => format!("Killing the runaway process on {}", on(Some(s))),
            Change::RaiseMemoryLimit => "Raising the heap limit by half, as far as the host's memory allows; the servers restart on it when it lands".into(),
            Change::Maintenance(true) => "Switching every user to the maintenance page".into(),
            Change::Maintenance(false) => "Sending users back to the site".into(),
            Change::RateLimit(true) => {
                "Turning on rate limiting at 80% of the capacity of the servers up when it lands"
                    .into()
            }
            Change::RateLimit(false) => "Turning rate limiting off".into(),
        }
    }

    /// A change started earlier goes live now.
    pub(super) fn land(&mut self, tick: u32, change: Change) {
        match change {
            Change::RevertConfig => self.revert_config(tick),
            Change::CleanDisk(host) => self.clean_disk(host),
            Change::KillRunaway(s) => self.kill_runaway(tick, s),
            Change::RaiseMemoryLimit => self.raise_memory_limit(tick),
            Change::Maintenance(on) => self.maintenance(tick, on),
            Change::RateLimit(on) => self.rate_limit(tick, on),
        }
    }

    fn restart(&mut self, tick: u32, server: u32) -> Outcome {
        self.fleet.stop(
            server as usize,
            tick,
            RestartCause::Manual,
            true,
            &mut self.trace.events,
        );
        note(format!(
            "Restarting {}; it takes about {} s to come back.",
            self.fleet.name(server),
            self.cfg.fleet.restart_s
        ))
    }

    fn restart_all(&mut self, tick: u32) -> Outcome {
        for s in 0..self.fleet.len() {
            self.fleet
                .stop(s, tick, RestartCause::Manual, true, &mut self.trace.events);
        }
        let (n, secs) = (self.fleet.len(), self.cfg.fleet.restart_s);
        note(format!(
            "Restarting all {n} servers; nothing serves for about {secs} s."
        ))
    }

    fn scale_out(&mut self, tick: u32) -> Outcome {
        let secs = self.cfg.fleet.provision_s;
        self.schedule(tick + secs, Effect::ServerProvisioned)?;
        note(format!(
            "Provisioning one more server; it starts in about {secs} s."
        ))
    }

    fn rollback(&mut self, tick: u32) -> Outcome {
        let secs = self.cfg.response.rollback_s;
        self.schedule(tick + secs, Effect::RollbackLive)?;
        // Which release comes before this one is what `list_deploys` shows, not this note.
        let from = &self.faults.release;
        note(format!(
            "Rolling back from {from} to the release before it; live in about {secs} s."
        ))
    }

    /// With nothing changed since the last known-good snapshot the push changes nothing.
    fn revert_config(&mut self, tick: u32) {
        let changes = std::mem::take(&mut self.faults.config_changes);
        if changes.is_empty() {
            return;
        }
        for c in &changes {
            let change = format!("{}: {} -> {}", c.key, c.to, c.from);
            self.trace
                .events
                .push(tick, EventKind::ConfigReverted { change });
        }
        self.cure(tick, |_, k| k.came_with_config());
    }

    fn clean_disk(&mut self, host: Option<u32>) {
        match host {
            Some(s) => self.fleet.clean_disk(s as usize),
            None => (0..self.fleet.len()).for_each(|s| self.fleet.clean_disk(s)),
        }
    }

    /// With no process running away the kill finds nothing to end.
    fn kill_runaway(&mut self, tick: u32, server: u32) {
        if !self.fleet.runaway_running(server as usize) {
            return;
        }
        self.fleet.end_runaway(server as usize);
        // A runaway whose cause is still in the code comes back.
        let live: Vec<usize> = self.faults.live().collect();
        for i in live {
            if let Some(after) = self.cfg.faults[i].kind.recurs_on(server) {
                let effect = Effect::RunawayReturns {
                    fault: i as u32,
                    server,
                };
                // A full queue only means it does not come back: nothing to report.
                let _ = self.schedule(tick + after, effect);
            }
        }
    }

    fn maintenance(&mut self, tick: u32, on: bool) {
        self.response.maintenance = on;
        self.trace
            .events
            .push(tick, EventKind::MaintenanceMode { on });
    }

    /// Admits a share of what the servers up now can serve: a process burning CPU takes its share
    /// of a server's capacity away.
    fn rate_limit(&mut self, tick: u32, on: bool) {
        let limit = RATE_LIMIT_SHARE * self.fleet.servable_rps();
        self.response.rate_limit_rps = on.then_some(limit);
        let limit_rps = if on { limit as f32 } else { 0.0 };
        self.trace
            .events
            .push(tick, EventKind::RateLimit { limit_rps });
    }

    fn rolling_restart(&mut self, tick: u32) -> Outcome {
        let lb = &self.cfg.fleet.lb;
        let gap = self.cfg.fleet.restart_s + lb.health_interval_s * lb.healthy_threshold;
        for s in 0..self.fleet.len() as u32 {
            let effect = Effect::StopServer {
                server: s,
                cause: RestartCause::Manual,
            };
            self.schedule(tick + s * gap, effect)?;
        }
        let text = format!("Restarting servers one at a time, every {gap} s.");
        Ok(FindingBody::Note { text })
    }

    fn raise_memory_limit(&mut self, tick: u32) {
        let raised = self.fleet.raised_heap_max_mb(MEMORY_RAISE);
        for s in 0..self.fleet.len() {
            self.fleet.set_heap_max(s, raised);
            self.fleet
                .stop(s, tick, RestartCause::Manual, true, &mut self.trace.events);
        }
    }
}

/// `2 min`, `90 s`: a short duration in words.
fn words(secs: u32) -> String {
    if secs % 60 == 0 {
        format!("{} min", secs / 60)
    } else {
        format!("{secs} s")
    }
}
