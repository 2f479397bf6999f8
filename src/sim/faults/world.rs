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
        fault.kind.start(self, index, since);
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
        });
        if since.is_none() {
            let change = change.to_string();
            self.events
                .push(self.tick, EventKind::ConfigPushed { change });
        }
    }

    /// Schedules the end of fault `fault` (one that passes on its own).
    pub fn end_later(&mut self, at: u32, fault: u32) {
        let scheduled = self.pending.schedule(at, Effect::FaultEnds { fault });
        assert!(
            scheduled,
            "pending queue full while scheduling a fault's end"
        );
    }

    /// A fault's time is up: what it changed goes back.
    pub fn end(&mut self, fault: u32) {
        let faults = self.faults;
        faults[fault as usize].kind.end(self);
        self.state.active[fault as usize] = false;
        self.events.push(self.tick, EventKind::FaultEnded { fault });
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

    /// Marks matching live faults cured and removes their effect on the world.
    pub fn cure(&mut self, matches: impl Fn(usize, &super::FaultKind) -> bool) -> usize {
        let faults = self.faults;
        let live: Vec<usize> = self.state.live().collect();
        let mut cured = 0;
        for i in live {
            let kind = &faults[i].kind;
            if !matches(i, kind) || !kind.curable() {
                continue;
            }
            kind.cure(self);
            self.state.cured[i] = true;
            self.events
                .push(self.tick, EventKind::FaultCured { fault: i as u32 });
            cured += 1;
        }
        cured
    }
}
