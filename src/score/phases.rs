//! The phases of an incident response and when a run reached each, read off its trace by the same
//! rules for the trainee and for the real team's path replayed (the ghost).

use serde::Serialize;

use crate::scenario::Scenario;
use crate::sim::{Category, EventKind, Metric, Trace};

/// The phases, in the order a response usually goes through them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Detection,
    Triage,
    Diagnosis,
    Escalation,
    RootCause,
    Mitigation,
    Resolution,
}

impl Phase {
    pub const ALL: [Phase; 7] = [
        Phase::Detection,
        Phase::Triage,
        Phase::Diagnosis,
        Phase::Escalation,
        Phase::RootCause,
        Phase::Mitigation,
        Phase::Resolution,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Phase::Detection => "detection",
            Phase::Triage => "triage",
            Phase::Diagnosis => "diagnosis",
            Phase::Escalation => "escalation",
            Phase::RootCause => "root_cause",
            Phase::Mitigation => "mitigation",
            Phase::Resolution => "resolution",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Phase::Detection => "Detection",
            Phase::Triage => "Triage",
            Phase::Diagnosis => "Diagnosis",
            Phase::Escalation => "Escalation",
            Phase::RootCause => "Root cause",
            Phase::Mitigation => "Mitigation",
            Phase::Resolution => "Resolution",
        }
    }

    /// What reaching the phase means, for the debrief and docs/scoring.md.
    pub fn rule(self) -> &'static str {
        match self {
            Phase::Detection => "the first action taken once a page has fired",
            Phase::Triage => "severity declared and the status page updated (the later of the two)",
            Phase::Diagnosis => {
                "the output of a diagnostic that shows the real cause, taken while the fault is active"
            }
            Phase::Escalation => "the developers engaged",
            Phase::RootCause => {
                "the correct cause declared; declared before any evidence it is a guess, counted only once evidence is seen"
            }
            Phase::Mitigation => {
                "the error rate back under the outage threshold and staying there for 5 minutes"
            }
            Phase::Resolution => "service restored: under the SLO for the scenario's window",
        }
    }
}

/// When one run reached each phase (ticks), and whether its root cause was a guess.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PhaseTimes {
    pub at: [Option<u32>; 7],
    /// The correct cause was declared before any evidence for it was seen.
    pub guessed: bool,
}

impl PhaseTimes {
    pub fn get(&self, phase: Phase) -> Option<u32> {
        self.at[phase as usize]
    }

    pub fn of(scenario: &Scenario, trace: &Trace) -> PhaseTimes {
        let diagnosis = diagnosis(scenario, trace);
        let declared = trace
            .events
            .first(|k| matches!(k, EventKind::HypothesisDeclared { correct: true, .. }))
            .map(|e| e.tick);
        let guessed = match (declared, diagnosis) {
            (Some(d), Some(seen)) => d < seen,
            (Some(_), None) => true,
            _ => false,
        };
        // A guess counts once the evidence is in.
        let root_cause = declared.and_then(|d| if guessed { diagnosis } else { Some(d) });
        PhaseTimes {
            at: [
                detection(scenario, trace),
                triage(trace),
                diagnosis,
                trace
                    .events
                    .first(|k| matches!(k, EventKind::DevelopersEngaged))
                    .map(|e| e.tick),
                root_cause,
                mitigation(scenario, trace),
                trace.impact.restored_at,
            ],
            guessed,
        }
    }
}

/// When the on-call engineer was first paged: the first firing of a delivered `page` alert (of
/// any delivered alert when the scenario has no page). Where the trainee comes in.
pub fn first_page(scenario: &Scenario, trace: &Trace) -> Option<u32> {
    let rules = &scenario.config.alerts;
    let any_page = rules.iter().any(|r| r.pages());
    trace
        .events
        .first(|k| match k {
            EventKind::AlertFired { rule, .. } => rules
                .get(*rule as usize)
                .is_some_and(|r| r.pages() || (!any_page && r.delivered)),
            _ => false,
        })
        .map(|e| e.tick)
}

fn detection(scenario: &Scenario, trace: &Trace) -> Option<u32> {
    let paged = first_page(scenario, trace)?;
    trace
        .events
        .between(paged, u32::MAX)
        .find(|e| matches!(e.kind, EventKind::ActionTaken { .. }))
        .map(|e| e.tick)
}

fn triage(trace: &Trace) -> Option<u32> {
    let severity = trace
        .events
        .first(|k| matches!(k, EventKind::SeverityDeclared { .. }))?;
    let status = trace
        .events
        .first(|k| matches!(k, EventKind::StatusPageUpdated))?;
    Some(severity.tick.max(status.tick))
}

/// Ticks during which some fault was active, as half-open intervals.
pub fn fault_windows(trace: &Trace) -> Vec<(u32, u32)> {
    let mut open: Vec<(u32, u32)> = Vec::new();
    let mut windows = Vec::new();
    for e in trace.events.iter() {
        match e.kind {
            EventKind::FaultStarted { fault } => open.push((fault, e.tick)),
            EventKind::FaultEnded { fault } | EventKind::FaultCured { fault } => {
                if let Some(i) = open.iter().position(|(f, _)| *f == fault) {
                    windows.push((open.remove(i).1, e.tick));
                }
            }
            _ => {}
        }
    }
    windows.extend(open.into_iter().map(|(_, start)| (start, u32::MAX)));
    windows
}

/// When the first finding that shows the real cause was in the trainee's hands.
fn diagnosis(scenario: &Scenario, trace: &Trace) -> Option<u32> {
    let evidence = scenario
        .correct_hypothesis()
        .and_then(|i| scenario.hypothesis_evidence.get(i))?;
    let windows = fault_windows(trace);
    let active = |t: u32| windows.iter().any(|(a, b)| *a <= t && t < *b);
    trace
        .findings
        .iter()
        .filter(|f| {
            scenario.config.info(&f.action).map(|a| a.category) == Some(Category::Diagnostic)
        })
        .filter(|f| evidence.iter().any(|id| id == f.action.id()) && active(f.issued_at))
        .map(|f| f.ready_at)
        .min()
}

/// Minutes the error rate must stay under the outage threshold for mitigation to count.
const MITIGATION_HOLD_S: u32 = 300;

fn mitigation(scenario: &Scenario, trace: &Trace) -> Option<u32> {
    let start = trace.impact.outage_started_at?;
    let threshold = scenario.config.slo.outage_error_rate_pct;
    let series = &trace.series;
    let errors = series.fleet(Metric::ErrorRatePct);
    let mut under_since: Option<u32> = None;
    for (tick, rate) in series.ticks.iter().zip(errors) {
        if *tick <= start {
            continue;
        }
        if f64::from(*rate) >= threshold {
            under_since = None;
            continue;
        }
        let since = *under_since.get_or_insert(*tick);
        if tick - since >= MITIGATION_HOLD_S {
            return Some(since);
        }
    }
    None
}
