//! Detours: actions that cost time without moving the incident forward, each with what it cost
//! and a reason read off the world (not a judgement of the action's name).

use serde::Serialize;

use crate::scenario::Scenario;
use crate::sim::{Action, ActionKind, Category, Event, EventKind, Metric, Trace};

use super::phases::fault_windows;
use super::stamp::Stamp;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DetourKind {
    /// Configuration examined when nothing in it had changed.
    ConfigUnchanged,
    /// A remediation after which the outage went on.
    NoRelief,
    /// A cause declared that was not the cause.
    WrongCause,
    /// The developers' fix built and shipped for a cause that was not the cause.
    WrongFix,
    /// The developers asked for a code fix when nothing in the code was broken: they found
    /// nothing to fix and shipped nothing.
    NothingToFix,
    /// The same diagnostic on the same target again within a short time.
    Repeated,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Detour {
    pub at: Stamp,
    pub action: Action,
    pub kind: DetourKind,
    /// Simulated minutes the trainee spent on it.
    pub minutes: f64,
    pub reason: String,
}

/// A diagnostic repeated within this long of the same one counts as a repeat.
const REPEAT_WINDOW_S: u32 = 15 * 60;
/// A remediation that neither cures a fault nor sees service restored within this long gave no
/// relief.
const RELIEF_WINDOW_S: u32 = 30 * 60;

/// Every detour in a run, in time order.
pub fn detours(scenario: &Scenario, trace: &Trace) -> Vec<Detour> {
    let taken: Vec<(&Event, &Action, u32)> = trace
        .events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::ActionTaken { action, ready_at } => Some((e, action, *ready_at)),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    for (i, (event, action, ready_at)) in taken.iter().enumerate() {
        let tick = event.tick;
        // A look that showed the cause is evidence, never a detour, whatever it was.
        if showed_evidence(trace, action, tick) {
            continue;
        }
        let reason = match action.kind {
            ActionKind::CheckConfig | ActionKind::DiffConfig if !config_changed(trace, tick) => {
                Some((
                    DetourKind::ConfigUnchanged,
                    "the configuration matched the last known-good snapshot: nothing had changed"
                        .to_string(),
                ))
            }
            ActionKind::DeclareHypothesis => wrong_cause(scenario, trace, tick),
            ActionKind::ApplyCodeFix => {
                nothing_to_fix(scenario, trace, tick).or_else(|| wrong_fix(scenario, trace, tick))
            }
            kind if is_fix_attempt(kind) => no_relief(scenario, trace, action, tick, *ready_at),
            _ => None,
        }
        .or_else(|| repeated(scenario, &taken[..i], action, tick));
        if let Some((kind, reason)) = reason {
            out.push(Detour {
                at: Stamp {
                    tick,
                    clock: scenario.hhmm(tick),
                },
                action: (*action).clone(),
                kind,
                minutes: f64::from(ready_at.saturating_sub(tick)) / 60.0,
                reason,
            });
        }
    }
    out
}

fn config_changed(trace: &Trace, before: u32) -> bool {
    trace
        .events
        .between(0, before)
        .any(|e| matches!(e.kind, EventKind::ConfigPushed { .. }))
}

fn is_fix_attempt(kind: ActionKind) -> bool {
    use ActionKind::*;
    matches!(
        kind,
        RestartServer
            | RestartAll
            | RollingRestart
            | ScaleOut
            | RollbackDeploy
            | RaiseMemoryLimit
            | RevertConfig
            | CleanDisk
            | KillRunaway
    )
}

fn wrong_cause(scenario: &Scenario, trace: &Trace, tick: u32) -> Option<(DetourKind, String)> {
    let declared = trace
        .events
        .between(tick, tick)
        .find_map(|e| match e.kind {
            EventKind::HypothesisDeclared {
                hypothesis,
                correct: false,
            } => Some(hypothesis as usize),
            _ => None,
        })?;
    let title = &scenario.config.hypotheses.get(declared)?.title;
    let why = scenario
        .hypothesis_explanations
        .get(declared)
        .filter(|x| !x.is_empty())
        .map_or(String::new(), |x| format!(": {x}"));
    Some((
        DetourKind::WrongCause,
        format!("\"{title}\" was not the cause{why}"),
    ))
}

/// The code fix asked for when no bug in the code was acting or due back: whatever the working
/// hypothesis, the developers found nothing to fix (the world's answer; the finding says so).
fn nothing_to_fix(scenario: &Scenario, trace: &Trace, tick: u32) -> Option<(DetourKind, String)> {
    let faults = &scenario.config.faults;
    let gone = |fault: u32| {
        trace.events.between(0, tick).any(|e| {
            matches!(e.kind, EventKind::FaultCured { fault: f } | EventKind::FaultEnded { fault: f } if f == fault)
        })
    };
    let bug = trace.events.between(0, tick).any(|e| match e.kind {
        EventKind::FaultStarted { fault } => {
            faults.get(fault as usize).is_some_and(|f| f.kind.in_code()) && !gone(fault)
        }
        _ => false,
    });
    (!bug).then(|| {
        (
            DetourKind::NothingToFix,
            "the developers found nothing in the code to fix: the cause was not a bug in it, so no build shipped".to_string(),
        )
    })
}

/// The code fix taken while the working hypothesis was a wrong one: the developers built and
/// shipped a fix for something that was not broken.
fn wrong_fix(scenario: &Scenario, trace: &Trace, tick: u32) -> Option<(DetourKind, String)> {
    let working = trace
        .events
        .between(0, tick)
        .filter_map(|e| match e.kind {
            EventKind::HypothesisDeclared {
                hypothesis,
                correct,
            } => Some((hypothesis as usize, correct)),
            _ => None,
        })
        .last()?;
    if working.1 {
        return None;
    }
    let title = &scenario.config.hypotheses.get(working.0)?.title;
    Some((
        DetourKind::WrongFix,
        format!(
            "{} shipped a fix for \"{title}\", which was not the cause: it removed nothing (its deploy restarted every server)",
            scenario.config.response.escalation_people()
        ),
    ))
}

/// A fix attempt that cured no fault and did not see service restored soon after: say what the
/// world did instead.
fn no_relief(
    scenario: &Scenario,
    trace: &Trace,
    action: &Action,
    tick: u32,
    ready_at: u32,
) -> Option<(DetourKind, String)> {
    let horizon = ready_at.saturating_add(RELIEF_WINDOW_S);
    let cured = trace
        .events
        .between(tick, ready_at.saturating_add(600))
        .any(|e| matches!(e.kind, EventKind::FaultCured { .. }));
    let restored = trace.impact.restored_at.is_some_and(|r| r <= horizon);
    let in_outage = trace
        .impact
        .outage_started_at
        .is_some_and(|s| s <= ready_at);
    if cured || restored || !in_outage {
        return None;
    }
    let leak = fault_windows(scenario, trace)
        .iter()
        .any(|(a, b)| *a <= tick && tick < *b)
        && scenario
            .config
            .faults
            .iter()
            .any(|f| f.kind.returns_after_restart());
    // The next OOM kill after it (of the restarted host, when it named one), to the end of the run.
    let host = action.target.as_deref();
    let oom = trace
        .events
        .between(ready_at, u32::MAX)
        .find_map(|e| match e.kind {
            EventKind::OomKilled { server, .. }
                if host.is_none_or(|h| h == trace.series.host(server)) =>
            {
                Some((e.tick, server))
            }
            _ => None,
        });
    let hhmm = |t: u32| scenario.hhmm(t);
    let reason = match (action.kind, oom) {
        (ActionKind::RollbackDeploy, _) if !deploy_linked(scenario) => {
            "the fault did not come with the last release: rolling it back only restarted the servers".into()
        }
        (ActionKind::ScaleOut, Some((t, s))) if leak => format!(
            "the new capacity only delayed the next OOM: {} was OOM-killed at {}",
            trace.series.host(s),
            hhmm(t)
        ),
        (_, Some((t, s))) if leak => format!(
            "the leak refilled the heap: {} was OOM-killed again at {}, {} minutes later",
            trace.series.host(s),
            hhmm(t),
            (t - ready_at) / 60
        ),
        _ => went_on(scenario, trace, ready_at + 600),
    };
    Some((DetourKind::NoRelief, reason))
}

fn deploy_linked(scenario: &Scenario) -> bool {
    scenario
        .config
        .faults
        .iter()
        .any(|f| f.kind.deploy().is_some())
}

/// How the outage went on at `tick`, by the part of the SLO it broke (errors, or latency with
/// errors low), or when it was over for good if that moment happened to be a calm one.
fn went_on(scenario: &Scenario, trace: &Trace, tick: u32) -> String {
    let slo = &scenario.config.slo;
    let at = scenario.hhmm(tick);
    let errors_pct = metric_at(trace, Metric::ErrorRatePct, tick);
    let latency_ms = metric_at(trace, Metric::LatencyMsP95, tick);
    if f64::from(errors_pct) > slo.error_rate_pct {
        format!("the outage went on: errors at {errors_pct:.0}% at {at}")
    } else if f64::from(latency_ms) > slo.latency_ms_p95 {
        format!(
            "the outage went on: p95 latency at {latency_ms:.0} ms at {at}, over the SLO's {:.0} ms",
            slo.latency_ms_p95
        )
    } else {
        let back = trace
            .impact
            .restored_at
            .map_or("the end of the run".to_string(), |t| scenario.hhmm(t));
        format!("the outage went on: service was not back for good until {back}")
    }
}

fn metric_at(trace: &Trace, metric: Metric, tick: u32) -> f32 {
    let s = &trace.series;
    let i = s.ticks.partition_point(|t| *t <= tick).saturating_sub(1);
    s.fleet(metric).get(i).copied().unwrap_or(0.0)
}

/// Whether the finding `action` returned at `tick` showed a fault for what it is.
fn showed_evidence(trace: &Trace, action: &Action, tick: u32) -> bool {
    trace
        .findings
        .iter()
        .any(|f| f.issued_at == tick && f.action == *action && !f.shows.is_empty())
}

fn repeated(
    scenario: &Scenario,
    earlier: &[(&Event, &Action, u32)],
    action: &Action,
    tick: u32,
) -> Option<(DetourKind, String)> {
    if !scenario.config.is_diagnostic(action) {
        return None;
    }
    let category = |a: &Action| scenario.config.info(a).map(|a| a.category);
    let recent = earlier
        .iter()
        .rev()
        .take_while(|(e, ..)| tick - e.tick <= REPEAT_WINDOW_S);
    // A look again after a remediation checks what it did: not a repeat.
    let (first, ..) = recent
        .take_while(|(_, a, _)| category(a) != Some(Category::Remediation))
        .find(|(_, a, _)| *a == action)?;
    Some((
        DetourKind::Repeated,
        format!(
            "the same look as at {}, {} minutes earlier",
            scenario.hhmm(first.tick),
            (tick - first.tick) / 60
        ),
    ))
}
