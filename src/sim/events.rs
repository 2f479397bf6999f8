//! Discrete things that happened, in tick order. Logs and findings are rendered from these lazily.

use serde::{Deserialize, Serialize};

use super::actions::Action;

/// Most events one run may record; past this the log counts what it dropped (and that count is
/// part of the trace hash, so a run that overflows is still deterministic).
pub const MAX_EVENTS: usize = 200_000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub tick: u32,
    pub kind: EventKind,
}

/// Why a server (re)started.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RestartCause {
    OomKill,
    Manual,
    Deploy,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum EventKind {
    /// A fault became active. Hidden from the trainee; the scorer and tests see it.
    FaultStarted {
        fault: u32,
    },
    FaultEnded {
        fault: u32,
    },
    FaultCured {
        fault: u32,
    },
    /// A fault went off between two of its windows; it comes back unless cured first.
    FaultPaused {
        fault: u32,
    },
    /// A paused fault's next window opened.
    FaultResumed {
        fault: u32,
    },
    Deploy {
        version: String,
    },
    ConfigPushed {
        change: String,
    },
    ConfigReverted {
        change: String,
    },
    OomKilled {
        server: u32,
        heap_mb: f32,
    },
    GcOverhead {
        server: u32,
        pct: f32,
    },
    ServerStopped {
        server: u32,
        cause: RestartCause,
        /// Whether a new process was started (false: the supervisor leaves it down).
        #[serde(default = "yes", skip_serializing_if = "is_yes")]
        restart: bool,
        /// The process was already dead: this only starts a new one.
        #[serde(default, skip_serializing_if = "is_no")]
        was_down: bool,
    },
    ServerStarted {
        server: u32,
        /// The new process's id.
        #[serde(default)]
        pid: u32,
    },
    MarkedDown {
        server: u32,
    },
    MarkedUp {
        server: u32,
    },
    DiskFull {
        server: u32,
    },
    ServerAdded {
        server: u32,
    },
    AlertFired {
        rule: u32,
        value: f32,
    },
    AlertResolved {
        rule: u32,
        value: f32,
    },
    ActionTaken {
        action: Action,
        ready_at: u32,
    },
    ActionRejected {
        action: Action,
        reason: String,
    },
    DevelopersEngaged,
    HypothesisDeclared {
        hypothesis: u32,
        correct: bool,
    },
    SeverityDeclared {
        level: crate::sim::Severity,
    },
    StatusPageUpdated,
    /// The trainee declared the incident resolved: the response ends, the world goes on.
    ResolutionDeclared,
    MaintenanceMode {
        on: bool,
    },
    RateLimit {
        limit_rps: f32,
    },
    /// One of the scenario's own dependencies degraded: slow, failing, its pool full, or (a
    /// cache) missing more than usual.
    DependencyTrouble {
        dependency: u32,
        latency_ms: f32,
        /// Share of its calls failing.
        failing_pct: f32,
        used_pct: f32,
        /// The limit refusing its connections, when one is.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        refusing: Option<crate::sim::LimitKind>,
    },
    DependencyRecovered {
        dependency: u32,
    },
    /// A scenario's own action changed a setting of the running world.
    SettingChanged {
        setting: crate::sim::Setting,
        value: f32,
    },
    OutageStarted,
    Restored {
        since: u32,
    },
}

/// One outage of a run: errors over the outage line from `start`; `back` is (since, known): the
/// good spell that restored it began at `since`, and at `known` it had lasted the restore window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outage {
    pub start: u32,
    pub back: Option<(u32, u32)>,
}

impl Outage {
    /// Service was back (the good spell that ended it had begun) by `tick`.
    pub fn over_by(&self, tick: u32) -> bool {
        self.back.is_some_and(|(since, _)| since <= tick)
    }
}

/// The bounded event log.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EventLog {
    pub events: Vec<Event>,
    pub dropped: u64,
}

impl EventLog {
    pub fn push(&mut self, tick: u32, kind: EventKind) {
        if self.events.len() < MAX_EVENTS {
            self.events.push(Event { tick, kind });
        } else {
            self.dropped += 1;
        }
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Event> {
        self.events.iter()
    }

    /// Events with `from <= tick <= to`.
    pub fn between(&self, from: u32, to: u32) -> impl Iterator<Item = &Event> {
        let start = self.events.partition_point(|e| e.tick < from);
        self.events[start..]
            .iter()
            .take_while(move |e| e.tick <= to)
    }

    pub fn first(&self, matches: impl Fn(&EventKind) -> bool) -> Option<&Event> {
        self.events.iter().find(|e| matches(&e.kind))
    }

    /// When fault `fault` was on, as half-open intervals in order: from its start or return to
    /// its pause, end or cure (the last open to `u32::MAX` when none came).
    pub fn on_windows(&self, fault: u32) -> Vec<(u32, u32)> {
        let mut windows = Vec::new();
        let mut open = None;
        for e in &self.events {
            match e.kind {
                EventKind::FaultStarted { fault: f } | EventKind::FaultResumed { fault: f }
                    if f == fault && open.is_none() =>
                {
                    open = Some(e.tick);
                }
                EventKind::FaultPaused { fault: f }
                | EventKind::FaultEnded { fault: f }
                | EventKind::FaultCured { fault: f }
                    if f == fault =>
                {
                    if let Some(start) = open.take() {
                        windows.push((start, e.tick));
                    }
                }
                _ => {}
            }
        }
        windows.extend(open.map(|start| (start, u32::MAX)));
        windows
    }

    /// When some fault was paused between two of its windows (due back, though the run may end
    /// first), as half-open intervals; a pause a cure ended is not one: the fault never returned.
    pub fn lulls(&self) -> Vec<(u32, u32)> {
        let mut paused: Vec<(u32, u32)> = Vec::new();
        let mut lulls = Vec::new();
        for e in &self.events {
            match e.kind {
                EventKind::FaultPaused { fault } => paused.push((fault, e.tick)),
                EventKind::FaultResumed { fault } | EventKind::FaultCured { fault } => {
                    if let Some(i) = paused.iter().position(|(f, _)| *f == fault) {
                        let (_, from) = paused.remove(i);
                        if matches!(e.kind, EventKind::FaultResumed { .. }) {
                            lulls.push((from, e.tick));
                        }
                    }
                }
                _ => {}
            }
        }
        lulls.extend(paused.into_iter().map(|(_, from)| (from, u32::MAX)));
        lulls
    }

    /// The run's outages in order: each from its start to the good spell that restored it, the
    /// last open when service never came back.
    pub fn outages(&self) -> Vec<Outage> {
        let mut outages: Vec<Outage> = Vec::new();
        for e in &self.events {
            match e.kind {
                EventKind::OutageStarted => outages.push(Outage {
                    start: e.tick,
                    back: None,
                }),
                EventKind::Restored { since } => {
                    if let Some(o) = outages.last_mut().filter(|o| o.back.is_none()) {
                        o.back = Some((since, e.tick));
                    }
                }
                _ => {}
            }
        }
        outages
    }

    /// The latest event that matches (what was declared last, when a page last changed).
    pub fn last(&self, matches: impl Fn(&EventKind) -> bool) -> Option<&Event> {
        self.events.iter().rev().find(|e| matches(&e.kind))
    }
}

fn yes() -> bool {
    true
}

fn is_yes(value: &bool) -> bool {
    *value
}

fn is_no(value: &bool) -> bool {
    !*value
}
