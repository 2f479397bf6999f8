//! The status strip and the servers panel: what the world looks like right now.

use crate::scenario::Scenario;
use crate::sim::fleet::ServerState;
use crate::sim::{EventKind, Metric, Simulation};

/// How the service stands against its SLO.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slo {
    Met,
    Breached,
    /// Errors at or above the outage threshold.
    Outage,
}

impl Slo {
    pub fn word(self) -> &'static str {
        match self {
            Slo::Met => "within SLO",
            Slo::Breached => "SLO breached",
            Slo::Outage => "outage",
        }
    }

    /// The CSS state class: colour never carries the meaning alone (the word does).
    pub fn class(self) -> &'static str {
        match self {
            Slo::Met => "ok",
            Slo::Breached => "warn",
            Slo::Outage => "bad",
        }
    }
}

/// Where the incident stands, as an operator sees it from the dashboards: never whether the cause
/// is still there (finding that out is the job).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Incident {
    /// No outage so far.
    Quiet,
    /// In an outage since this tick.
    Outage { since: u32 },
    /// Service back under the SLO for the restore window, since this tick. Not called mitigated:
    /// whether it was the incident's outage that ended, or one of the trainee's own making before
    /// the incident's began, is for the debrief to say.
    Restored { since: u32 },
}

impl Incident {
    pub fn of(sim: &Simulation) -> Incident {
        let mut now = Incident::Quiet;
        for e in sim.trace().events.iter() {
            match e.kind {
                EventKind::OutageStarted => now = Incident::Outage { since: e.tick },
                EventKind::Restored { since } => now = Incident::Restored { since },
                _ => {}
            }
        }
        now
    }

    /// The status strip's words: "Service restored 14:44".
    pub fn words(self, scenario: &Scenario) -> String {
        let at = |t: u32| crate::sim::clock::hhmm(scenario.config.start_s_of_day, t);
        match self {
            Incident::Quiet => "no outage".into(),
            Incident::Outage { since } => format!("outage since {}", at(since)),
            Incident::Restored { since } => format!("Service restored {}", at(since)),
        }
    }

    pub fn class(self) -> &'static str {
        match self {
            Incident::Quiet => "ok",
            Incident::Outage { .. } => "bad",
            Incident::Restored { .. } => "ok",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    /// Where the incident stands, in words.
    pub incident: String,
    pub incident_class: &'static str,
    pub error_pct: f64,
    pub latency_ms_p95: f64,
    pub affected_pct: f64,
    pub orders_lost: f64,
    pub revenue_lost: f64,
    pub slo: Slo,
    pub severity: Option<String>,
}

pub fn status(scenario: &Scenario, sim: &Simulation) -> Status {
    let trace = sim.trace();
    let last = |m: Metric| f64::from(trace.series.last(m).unwrap_or(0.0));
    let (error_pct, latency_ms_p95) = (last(Metric::ErrorRatePct), last(Metric::LatencyMsP95));
    let slo = &scenario.config.slo;
    let state = if error_pct >= slo.outage_error_rate_pct {
        Slo::Outage
    } else if error_pct > slo.error_rate_pct || latency_ms_p95 > slo.latency_ms_p95 {
        Slo::Breached
    } else {
        Slo::Met
    };
    let severity = trace.events.iter().rev().find_map(|e| match &e.kind {
        EventKind::SeverityDeclared { level } => Some(level.to_string()),
        _ => None,
    });
    let incident = Incident::of(sim);
    // Errors already under the outage line, the restore window not yet passed.
    let recovering = matches!(incident, Incident::Outage { .. }) && state != Slo::Outage;
    Status {
        incident: match incident {
            Incident::Outage { since } if recovering => format!(
                "recovering (outage from {})",
                crate::sim::clock::hhmm(scenario.config.start_s_of_day, since)
            ),
            _ => incident.words(scenario),
        },
        incident_class: if recovering { "warn" } else { incident.class() },
        error_pct,
        latency_ms_p95,
        affected_pct: last(Metric::UsersAffectedPct),
        orders_lost: trace.impact.failed_orders,
        revenue_lost: trace.impact.revenue_lost,
        slo: state,
        severity,
    }
}

/// One host as the servers panel shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerRow {
    pub name: String,
    pub state: &'static str,
    /// CSS state class.
    pub class: &'static str,
    pub heap_pct: f64,
    pub cpu_pct: f64,
    pub gc_pct: f64,
}

pub fn servers(sim: &Simulation) -> Vec<ServerRow> {
    let fleet = sim.fleet();
    fleet
        .servers
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (state, class) = match (s.state, s.in_rotation) {
                (ServerState::Up, true) => ("serving", "ok"),
                (ServerState::Up, false) => ("out of rotation", "warn"),
                (ServerState::Starting, _) => ("restarting", "warn"),
                (ServerState::Dead, _) => ("down", "bad"),
            };
            let up = s.state == ServerState::Up;
            ServerRow {
                name: fleet.name(i as u32).into(),
                state,
                class,
                heap_pct: if up {
                    100.0 * s.heap_used_mb() / s.heap_max_mb
                } else {
                    0.0
                },
                cpu_pct: if up { s.cpu_pct } else { 0.0 },
                gc_pct: if up { 100.0 * s.gc_overhead } else { 0.0 },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::library;

    #[test]
    fn the_outage_shows_in_the_strip_and_the_dead_in_the_servers() {
        let s = library::builtin("ecommerce-memory-leak").unwrap();
        let mut sim = Simulation::new(s.config.clone(), s.seed);
        let calm = status(&s, &sim);
        assert_eq!(calm.slo, Slo::Met);
        while sim.tick() < 45 * 60 {
            sim.step();
        }
        let st = status(&s, &sim);
        assert_eq!(st.slo, Slo::Outage, "{st:?}");
        assert!(st.orders_lost > 0.0 && st.revenue_lost > 0.0);
        let rows = servers(&sim);
        assert_eq!(rows.len(), 4);
        assert!(rows.iter().any(|r| r.state == "down"), "{rows:?}");
        assert!(st.incident.starts_with("outage since 14:2"), "{st:?}");
    }

    #[test]
    fn restored_says_when_service_came_back_and_nothing_about_the_cause() {
        use crate::sim::{Action, ActionKind};
        let s = library::builtin("ecommerce-memory-leak").unwrap();
        let mut sim = Simulation::new(s.config.clone(), s.seed);
        while sim.tick() < 30 * 60 {
            sim.step();
        }
        sim.apply(Action::new(ActionKind::RestartAll)).unwrap();
        while sim.tick() < 55 * 60 {
            sim.step();
        }
        let st = status(&s, &sim);
        assert!(st.incident.starts_with("Service restored 14:3"), "{st:?}");
        assert!(!st.incident.contains("mitigated"), "{st:?}");
        // The leak is still there; the strip does not say so.
        assert!(!st.incident.contains("leak") && !st.incident.contains("cause"));
    }
}
