//! The phases of an incident response and when a run reached each, read off its trace by the same
//! rules for the trainee and for the real team's path replayed (the ghost).

use serde::Serialize;

use super::outcome::Outcome;
use super::restore::held_through_own_deploy;
use crate::scenario::Scenario;
use crate::sim::{EventKind, Finding, Metric, Simulation, Trace};

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
            Phase::Detection => "the first action taken once there was a sign to act on: a page, a report that reached the team, the incident's outage (not one of the run's own making that was over before it began), or (with no page) service outside its SLO; or sooner, a look whose output showed the cause's anomaly",
            Phase::Triage => "severity declared and the status page updated (the later of the two)",
            Phase::Diagnosis => {
                "the output of a diagnostic that showed the anomaly of the real cause when it was run"
            }
            Phase::Escalation => "the developers engaged",
            Phase::RootCause => {
                "the correct cause declared; declared before any evidence it is a guess, counted only once evidence is seen"
            }
            Phase::Mitigation => {
                "service back under the SLO for the scenario's restore window (the first time) from the incident's outage, the one doing nothing with the same seed would have had: the end of an outage of the run's own making that was over before it began mitigates nothing; an outage prevented counts from when it would have begun, or from the fix if that was sooner; a spell the run's own deploy (the fix's restart of every server) cut short counts when service came back within the window and held the rest of it"
            }
            Phase::Resolution => {
                "the cause removed and service holding under the SLO from then to the time limit"
            }
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

    /// Resolved, mitigated only, or neither.
    pub fn outcome(&self) -> Outcome {
        if self.get(Phase::Resolution).is_some() {
            Outcome::Resolved
        } else if self.get(Phase::Mitigation).is_some() {
            Outcome::Mitigated
        } else {
            Outcome::Unmitigated
        }
    }

    /// The phases of a run, the incident's onset worked out from doing nothing with its seed.
    pub fn of(scenario: &Scenario, trace: &Trace) -> PhaseTimes {
        PhaseTimes::within(scenario, trace, onset(scenario, trace.seed))
    }

    /// The phases of a run in a world whose outage, left alone, begins at `onset` (see [`onset`]).
    pub fn within(scenario: &Scenario, trace: &Trace, onset: Option<u32>) -> PhaseTimes {
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
        let resolved = resolution(scenario, trace);
        PhaseTimes {
            at: [
                detection(scenario, trace, onset),
                triage(trace),
                diagnosis,
                trace
                    .events
                    .first(|k| matches!(k, EventKind::DevelopersEngaged))
                    .map(|e| e.tick),
                root_cause,
                // A resolution stops the bleeding too: when the fix went in before the outage
                // would have begun, that is when.
                match (mitigation(scenario, trace, onset), resolved) {
                    (Some(m), Some(r)) => Some(m.min(r)),
                    (m, r) => m.or(r),
                },
                resolved,
            ],
            guessed,
        }
    }
}

/// When the incident's outage begins if nobody does anything: the do-nothing run's first outage
/// with the same seed (None when doing nothing never takes the service down). An outage a run had
/// that was over before then (a restart before anything was wrong) is harm of its own making, not
/// the incident: its end mitigates nothing and its start is no sign of the incident.
pub fn onset(scenario: &Scenario, seed: u64) -> Option<u32> {
    let mut idle = Simulation::new(scenario.config.clone(), seed);
    while idle.trace().impact.outage_started_at.is_none() && idle.step() {}
    idle.trace().impact.outage_started_at
}

/// When the run was first out at or after `onset`: the incident's outage (from the onset itself
/// when the run was already out then), not one of the run's own that was over before it.
pub fn incident_outage(trace: &Trace, onset: Option<u32>) -> Option<u32> {
    let onset = onset.unwrap_or(0);
    let outages = trace.events.outages();
    let first = outages.iter().find(|o| !o.over_by(onset))?;
    Some(first.start.max(onset))
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

/// The first sign an on-call engineer could act on: a delivered page, a report the scenario
/// injects (a customer, support), or the incident's outage. When no page is delivered at all, the
/// symptom on the dashboards counts too: service first outside its SLO.
pub fn first_signal(scenario: &Scenario, trace: &Trace, onset: Option<u32>) -> Option<u32> {
    let outage = incident_outage(trace, onset);
    let page = first_page(scenario, trace);
    let inject = scenario
        .injects()
        .map(|r| r.tick)
        .find(|t| *t <= trace.ticks);
    let symptom = page
        .is_none()
        .then(|| first_symptom(scenario, trace))
        .flatten();
    [page, outage, inject, symptom].into_iter().flatten().min()
}

/// Each scrape's tick and whether the service was within its SLO then (errors and p95 latency).
fn scrapes_within_slo<'a>(
    scenario: &'a Scenario,
    trace: &'a Trace,
) -> impl Iterator<Item = (u32, bool)> + 'a {
    let slo = &scenario.config.slo;
    let series = &trace.series;
    let errors = series.fleet(Metric::ErrorRatePct);
    let latency = series.fleet(Metric::LatencyMsP95);
    series
        .ticks
        .iter()
        .zip(errors)
        .zip(latency)
        .map(|((t, e), l)| {
            let within = f64::from(*e) <= slo.error_rate_pct && f64::from(*l) <= slo.latency_ms_p95;
            (*t, within)
        })
}

/// The first scrape at which the service was outside its SLO (errors or p95 latency).
pub fn first_symptom(scenario: &Scenario, trace: &Trace) -> Option<u32> {
    scrapes_within_slo(scenario, trace).find_map(|(t, within)| (!within).then_some(t))
}

/// The first action once there was a sign to act on, or sooner the first look whose output showed
/// the cause's anomaly: a trainee who found the fault on a dashboard before anything paged had
/// detected it then (a look that showed nothing detects nothing).
fn detection(scenario: &Scenario, trace: &Trace, onset: Option<u32>) -> Option<u32> {
    let acted = first_signal(scenario, trace, onset).and_then(|signal| {
        trace
            .events
            .between(signal, u32::MAX)
            .find(|e| matches!(e.kind, EventKind::ActionTaken { .. }))
            .map(|e| e.tick)
    });
    let spotted = trace
        .findings
        .iter()
        .filter(|f| scenario.config.is_diagnostic(&f.action))
        .filter(|f| scenario.config.showed_cause(f))
        .map(|f| f.ready_at)
        .min();
    [acted, spotted].into_iter().flatten().min()
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

/// Ticks during which some fault was active, as half-open intervals (a paused fault's off-times
/// are not in them).
pub fn fault_windows(scenario: &Scenario, trace: &Trace) -> Vec<(u32, u32)> {
    (0..scenario.config.faults.len() as u32)
        .flat_map(|fault| trace.events.on_windows(fault))
        .collect()
}

/// The first finding whose output showed the real cause's anomaly to be in the trainee's hands:
/// a look before the fault shows is not evidence, nor one that showed only the load the defect
/// bit under (see `SimConfig::showed_cause`). The debrief's diagnosis and the postmortem's
/// evidence.
pub fn evidence_seen<'a>(scenario: &Scenario, trace: &'a Trace) -> Option<&'a Finding> {
    let evidence = scenario
        .correct_hypothesis()
        .and_then(|i| scenario.hypothesis_evidence.get(i))?;
    trace
        .findings
        .iter()
        .filter(|f| scenario.config.is_diagnostic(&f.action))
        .filter(|f| evidence.iter().any(|id| id == f.action.id()))
        .filter(|f| scenario.config.showed_cause(f))
        .min_by_key(|f| f.ready_at)
}

fn diagnosis(scenario: &Scenario, trace: &Trace) -> Option<u32> {
    evidence_seen(scenario, trace).map(|f| f.ready_at)
}

/// Service first back under the SLO for the restore window once the incident's outage had begun
/// (see [`onset`]): the bleeding stopped, whether or not it lasts. Not the end of an outage of the
/// run's own that was over before the onset, nor a quiet spell while a fault was paused between
/// windows it then came back for: nobody stopped the incident's bleeding. When the incident's
/// outage never came, from when it would have begun, once service had held the restore window.
/// A spell that the run's own deploy (the fix's restart) cut short counts when service came back
/// within the window and held the rest of it (see [`held_through_own_deploy`]).
pub fn mitigation(scenario: &Scenario, trace: &Trace, onset: Option<u32>) -> Option<u32> {
    let lulls = trace.events.lulls();
    let from = onset.unwrap_or(0);
    let restored = trace.events.outages().into_iter().find_map(|o| {
        let (since, _) = o.back?;
        let lull = lulls.iter().any(|(a, b)| (*a..*b).contains(&since));
        (!o.over_by(from) && !lull).then_some(since)
    });
    let bridged = incident_outage(trace, onset).and_then(|start| {
        let scrapes = scrapes_within_slo(scenario, trace);
        let since = held_through_own_deploy(scenario, trace, scrapes, start)?;
        let lull = lulls.iter().any(|(a, b)| (*a..*b).contains(&since));
        (!lull).then_some(since)
    });
    let prevented = || {
        let onset = onset.filter(|_| incident_outage(trace, onset).is_none())?;
        slo_held_from(scenario, trace, onset)
    };
    match (restored, bridged) {
        (Some(restored), Some(bridged)) => Some(restored.min(bridged)),
        (restored, bridged) => restored.or(bridged).or_else(prevented),
    }
}

/// The start of the first spell from `from` on with service under the SLO (errors and p95
/// latency) for the restore window, read off the scrapes.
fn slo_held_from(scenario: &Scenario, trace: &Trace, from: u32) -> Option<u32> {
    let window = scenario.config.slo.restore_window_s;
    let mut since = None;
    for (tick, within) in scrapes_within_slo(scenario, trace).filter(|(t, _)| *t >= from) {
        if !within {
            since = None;
            continue;
        }
        let start = *since.get_or_insert(tick);
        if tick - start >= window {
            return Some(start);
        }
    }
    None
}

/// When every defect that showed up in the run was gone (cured or over by itself), if all were:
/// 0 when none ever started. A fault paused between its windows is not gone: a quiet spell
/// before it comes back removes nothing.
pub fn defects_cleared_at(scenario: &Scenario, trace: &Trace) -> Option<u32> {
    let faults = &scenario.config.faults;
    let defect = |f: u32| faults.get(f as usize).is_some_and(|f| f.kind.is_defect());
    let mut open: Vec<u32> = Vec::new();
    let mut cleared = 0;
    for e in trace.events.iter() {
        match e.kind {
            EventKind::FaultStarted { fault } if defect(fault) => open.push(fault),
            EventKind::FaultEnded { fault } | EventKind::FaultCured { fault } => {
                if let Some(i) = open.iter().position(|f| *f == fault) {
                    open.remove(i);
                    cleared = cleared.max(e.tick);
                }
            }
            _ => {}
        }
    }
    open.is_empty().then_some(cleared)
}

/// Resolved: the cause removed and service under the SLO from then to the end of the run, for
/// at least the restore window. A restore that the outage later undid is not a resolution (the
/// last outage's restore is the one that held); a run never out held from the start.
pub fn resolution(scenario: &Scenario, trace: &Trace) -> Option<u32> {
    let held_since = match trace.events.outages().last() {
        Some(last) => last.back?.0,
        None => 0,
    };
    let at = held_since.max(defects_cleared_at(scenario, trace)?);
    (trace.ticks >= at + scenario.config.slo.restore_window_s).then_some(at)
}

/// When the outage came back after service was first restored once the incident's had begun (see
/// [`onset`]), if it did.
pub fn relapse(trace: &Trace, onset: Option<u32>) -> Option<u32> {
    let from = onset.unwrap_or(0);
    let outages = trace.events.outages();
    let first = outages
        .iter()
        .position(|o| o.back.is_some() && !o.over_by(from))?;
    outages.get(first + 1).map(|o| o.start)
}
