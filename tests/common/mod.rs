//! Helpers shared by the integration tests.
#![allow(dead_code)]

use incident_trainer::scenario::{library, Scenario};
use incident_trainer::sim::clock::{parse_time_of_day, tick_of};
use incident_trainer::sim::*;

pub const ID: &str = "ecommerce-memory-leak";

pub fn scenario() -> Scenario {
    library::builtin(ID).expect("the built-in scenario exists")
}

/// The tick of a local time in the built-in scenario.
pub fn tick(scenario: &Scenario, hhmm: &str) -> u32 {
    tick_of(
        scenario.clock.start_s_of_day,
        parse_time_of_day(hhmm).expect("a valid time"),
    )
}

pub fn reference_run(scenario: &Scenario) -> Trace {
    run_scripted(
        scenario.config.clone(),
        scenario.seed,
        &scenario.reference_actions(),
    )
    .0
}

pub fn idle_run(scenario: &Scenario) -> Trace {
    run_scripted(scenario.config.clone(), scenario.seed, &[]).0
}

/// The scenario's world with no faults and every heap at its warm baseline: a quiet day.
pub fn quiet_config() -> SimConfig {
    let mut cfg = scenario().config;
    // The world as written on every seed: these tests study mechanisms, not variants.
    cfg.variation = None;
    cfg.faults.clear();
    cfg.fleet.initial_heap_live_mb.clear();
    cfg
}

pub fn with_fault(at_s: u32, kind: FaultKind) -> SimConfig {
    let mut cfg = quiet_config();
    cfg.faults.push(Fault {
        at_s,
        kind,
        since: None,
        schedule: Default::default(),
    });
    cfg
}

/// A quiet world with one fault on for `duration_s` from `at_s`, then gone by itself.
pub fn with_fault_for(at_s: u32, kind: FaultKind, duration_s: u32) -> SimConfig {
    let mut cfg = with_fault(at_s, kind);
    cfg.faults[0].schedule = incident_trainer::sim::Schedule::For { duration_s };
    cfg
}

/// (tick, value) of a fleet metric.
pub fn series(trace: &Trace, metric: Metric) -> Vec<(u32, f32)> {
    trace
        .series
        .ticks
        .iter()
        .copied()
        .zip(trace.series.fleet(metric).iter().copied())
        .collect()
}

/// The fleet metric's value at the scrape at or before `tick`.
pub fn value_at(trace: &Trace, metric: Metric, tick: u32) -> f32 {
    let i = trace
        .series
        .scrape_at(tick)
        .expect("a scrape at or before the tick");
    trace.series.fleet(metric)[i]
}

/// Mean of a fleet metric over [from, to).
pub fn mean(trace: &Trace, metric: Metric, from: u32, to: u32) -> f32 {
    let v: Vec<f32> = series(trace, metric)
        .into_iter()
        .filter(|(t, _)| *t >= from && *t < to)
        .map(|(_, v)| v)
        .collect();
    v.iter().sum::<f32>() / v.len().max(1) as f32
}

pub fn scheduled(tick: u32, action: Action) -> ScheduledAction {
    ScheduledAction { tick, action }
}

/// A script touching most of the simulation: every diagnostic, most remediations, coordination.
pub fn mixed_actions(scenario: &Scenario) -> Vec<ScheduledAction> {
    let plan: [(&str, ActionKind, Option<&str>); 22] = [
        ("14:05", ActionKind::ViewMemory, None),
        ("14:07", ActionKind::Free, Some("app-1")),
        ("14:08", ActionKind::Top, Some("app-2")),
        ("14:09", ActionKind::Df, Some("app-3")),
        ("14:10", ActionKind::HeapProfile, Some("app-4")),
        ("14:16", ActionKind::CheckDb, None),
        ("14:19", ActionKind::CheckDependencies, None),
        ("14:22", ActionKind::CheckLoadBalancer, None),
        ("14:24", ActionKind::ListDeploys, None),
        ("14:26", ActionKind::EnableRateLimiting, None),
        ("14:28", ActionKind::ReadLogs, None),
        ("14:31", ActionKind::DeclareSeverity, Some("sev1")),
        ("14:32", ActionKind::UpdateStatusPage, None),
        ("14:35", ActionKind::RollingRestart, None),
        ("14:38", ActionKind::ScaleOut, None),
        ("14:41", ActionKind::DisableRateLimiting, None),
        ("14:43", ActionKind::RaiseMemoryLimit, None),
        ("14:47", ActionKind::PageDevelopers, None),
        ("15:05", ActionKind::DeclareHypothesis, Some("memory_leak")),
        ("15:07", ActionKind::RollbackDeploy, None),
        ("15:15", ActionKind::ApplyCodeFix, None),
        ("15:30", ActionKind::ReadLogs, Some("app-5")),
    ];
    plan.iter()
        .map(|(at, kind, target)| ScheduledAction {
            tick: tick(scenario, at),
            action: Action {
                target: target.map(str::to_string),
                ..Action::new(*kind)
            },
        })
        .collect()
}

/// The action scripts the golden trace hashes cover, by label.
pub fn script(scenario: &Scenario, label: &str) -> Vec<ScheduledAction> {
    match label {
        "reference" => scenario.reference_actions(),
        "none" => Vec::new(),
        "mixed" => mixed_actions(scenario),
        other => panic!("unknown script label {other}"),
    }
}

/// The built-in scenario's text with each `(from, to)` replaced once (each `from` must occur),
/// parsed; the errors as text when it does not parse.
pub fn edited_builtin(edits: &[(&str, &str)]) -> Result<Scenario, String> {
    let (_, text) = library::BUILTIN[0];
    let mut text = text.to_string();
    for (from, to) in edits {
        assert!(
            text.contains(from),
            "the scenario no longer contains {from:?}"
        );
        text = text.replacen(from, to, 1);
    }
    incident_trainer::scenario::parse("edited.toml", &text).map_err(|e| e.to_string())
}

/// A script from `(time, action, target)` rows (an empty target for none).
pub fn plan(loaded: &Scenario, rows: &[(&str, &str, &str)]) -> Vec<ScheduledAction> {
    let items: Vec<String> = rows
        .iter()
        .map(|(at, action, target)| match *target {
            "" => format!(r#"{{"at": "{at}", "action": "{action}"}}"#),
            t => format!(r#"{{"at": "{at}", "action": "{action}", "target": "{t}"}}"#),
        })
        .collect();
    incident_trainer::scenario::script::parse_actions(
        "plan.json",
        &format!("[{}]", items.join(",")),
        loaded,
    )
    .expect("the plan parses")
}
