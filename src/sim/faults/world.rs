//! The parts of the world a fault acts on, borrowed from the simulation while faults start, end
//! and are cured: the fleet, the traffic, the dependencies, what is scheduled and the event log.

use super::{Fault, FaultState};
use crate::sim::deps::Dependencies;
use crate::sim::events::{EventKind, EventLog, RestartCause};
use crate::sim::findings::ConfigChange;
use crate::sim::fleet::Fleet;
use crate::sim::pending::{Effect, PendingQueue};
use crate::sim::traffic::Traffic;

pub(crate) struct World<'a> {
    pub tick: u32,
    pub faults: &'a [Fault],
    pub state: &'a mut FaultState,
    pub fleet: &'a mut Fleet,
    pub traffic: &'a mut Traffic,
    pub deps: &'a mut Dependencies,
    pub pending: &'a mut PendingQueue,
    pub events: &'a mut EventLog,
}

impl World<'_> {
    /// Starts the faults due by now, in start order.
    pub fn start_due(&mut self) {
        while let Some(&index) = self.state.order.get(self.state.next) {
            if self.faults[index as usize].at_s > self.tick {
                break;
            }
            self.state.next += 1;
            self.start(index);
        }
    }

    /// A fault arrives: its config push and its release happen once, here, and never again at a
    /// later window (a flapping fault is one bad change acting on and off, not a new push).
    fn start(&mut self, index: u32) {
        let faults = self.faults;
        let fault = &faults[index as usize];
        let since = fault.since.as_deref();
        if let Some(change) = fault.kind.pushed_change() {
            self.push_change(change, since);
        }
        self.state.active[index as usize] = true;
        self.events
            .push(self.tick, EventKind::FaultStarted { fault: index });
        fault.kind.arrive(self, since);
        fault.kind.start(self, index);
        // A latent fault's release went out before the run: it is the running one.
        if let (Some(version), None) = (fault.kind.deploy(), since) {
            self.deploy(version.to_string(), RestartCause::Deploy);
        }
        self.end_on_schedule(index);
    }

    /// A later window opens: what the fault does is switched on again, unless it was cured.
    pub fn resume(&mut self, fault: u32) {
        let i = fault as usize;
        if self.state.cured[i] || !self.state.paused[i] {
            return;
        }
        self.state.paused[i] = false;
        self.state.active[i] = true;
        self.events
            .push(self.tick, EventKind::FaultResumed { fault });
        self.faults[i].kind.start(self, fault);
        self.end_on_schedule(fault);
    }

    /// When the on-time that begins now ends by the fault's schedule, if it does.
    pub fn on_until(&self, fault: u32) -> Option<u32> {
        let f = &self.faults[fault as usize];
        let began_s = self.tick.saturating_sub(f.at_s);
        f.schedule
            .ends_after(began_s)
            .map(|s| f.at_s.saturating_add(s))
    }

    fn end_on_schedule(&mut self, fault: u32) {
        if let Some(at) = self.on_until(fault) {
            self.later(at, Effect::FaultEnds { fault });
        }
    }

    /// A config push a fault arrived with: `key: from -> to` (or just what changed).
    fn push_change(&mut self, change: &str, since: Option<&str>) {
        let (key, values) = change.split_once(':').unwrap_or((change, ""));
        let (from, to) = values
            .split_once("->")
            .map_or(("(last known-good)", "(pushed)"), |(f, t)| {
                (f.trim(), t.trim())
            });
        self.state.config_changes.push(ConfigChange {
            key: key.trim().to_string(),
            from: from.to_string(),
            to: to.to_string(),
            at: self.tick,
            when: since.map(str::to_string),
            text: None,
        });
        if since.is_none() {
            let change = change.to_string();
            self.events
                .push(self.tick, EventKind::ConfigPushed { change });
        }
    }

    /// Schedules a fault's next change of state.
    fn later(&mut self, at: u32, effect: Effect) {
        let scheduled = self.pending.schedule(at, effect);
        assert!(
            scheduled,
            "pending queue full while scheduling a fault's window"
        );
    }

    /// A fault's on-time is up: what it changed goes back. It pauses when its schedule brings it
    /// back later (and it is not cured), and is over otherwise.
    pub fn end(&mut self, fault: u32) {
        let i = fault as usize;
        let f = &self.faults[i];
        // A cure already undid it; undoing again could overturn a setting changed since.
        if !self.state.cured[i] {
            f.kind.end(self);
        }
        self.state.active[i] = false;
        let back = f
            .schedule
            .returns_after(self.tick.saturating_sub(f.at_s))
            .filter(|_| !self.state.cured[i]);
        match back {
            Some(offset) => {
                self.state.paused[i] = true;
                self.events
                    .push(self.tick, EventKind::FaultPaused { fault });
                self.later(
                    f.at_s.saturating_add(offset),
                    Effect::FaultReturns { fault },
                );
            }
            None => self.events.push(self.tick, EventKind::FaultEnded { fault }),
        }
    }

    /// Rolls out a release: every server restarts on it at once.
    pub fn deploy(&mut self, version: String, cause: RestartCause) {
        let t = self.tick;
        self.state.previous_release =
            Some(std::mem::replace(&mut self.state.release, version.clone()));
        self.state.deploys.push((t, version.clone()));
        self.events.push(t, EventKind::Deploy { version });
        for s in 0..self.fleet.len() {
            self.fleet.stop(s, t, cause, true, self.events);
        }
    }

    /// Marks matching faults cured and removes their effect on the world: those on now, and those
    /// paused between windows (which then never come back; their effect is already off).
    pub fn cure(&mut self, matches: impl Fn(usize, &super::FaultKind) -> bool) -> usize {
        let faults = self.faults;
        let curable: Vec<usize> = self.state.curable_now().collect();
        let mut cured = 0;
        for i in curable {
            let kind = &faults[i].kind;
            if !matches(i, kind) || !kind.curable() {
                continue;
            }
            if self.state.active[i] {
                kind.cure(self);
            }
            self.state.paused[i] = false;
            self.state.cured[i] = true;
            self.events
                .push(self.tick, EventKind::FaultCured { fault: i as u32 });
            cured += 1;
        }
        cured
    }
}
