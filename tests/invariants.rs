//! Physics invariants hold on every tick of every kind of run: heaps within their limits,
//! requests conserved, pins summing to one. Debug builds assert them after every step.

mod common;

use common::*;
use incident_trainer::sim::*;

/// A whole run: in a debug build (as tests are) every step asserts the invariants itself and
/// panics naming the tick and what broke.
fn check_every_tick(config: SimConfig, seed: u64, actions: &[ScheduledAction]) -> Trace {
    run_scripted(config, seed, actions).0
}

fn assert_conserved(trace: &Trace) {
    let i = &trace.impact;
    assert!(i.failed_requests >= 0.0 && i.failed_requests <= i.requests * (1.0 + 1e-9));
    // Served and failed add up to what arrived, scrape by scrape: errors are a share of traffic.
    for (t, v) in series(trace, Metric::ErrorRatePct) {
        assert!((0.0..=100.0001).contains(&v), "tick {t}: error rate {v}");
    }
    for (t, v) in series(trace, Metric::HeapUsedPctMax) {
        assert!(v <= 100.0001, "tick {t}: heap at {v}% of its limit");
    }
}

#[test]
fn the_reference_run_keeps_the_invariants() {
    let s = scenario();
    assert_conserved(&check_every_tick(
        s.config.clone(),
        s.seed,
        &s.reference_actions(),
    ));
}

#[test]
fn the_idle_run_keeps_the_invariants() {
    let s = scenario();
    assert_conserved(&check_every_tick(s.config.clone(), 5, &[]));
}

#[test]
fn every_remediation_keeps_the_invariants() {
    let s = scenario();
    let t = |hhmm: &str| tick(&s, hhmm);
    let actions = vec![
        scheduled(t("14:20"), Action::new(ActionKind::EnableRateLimiting)),
        scheduled(t("14:25"), Action::new(ActionKind::RollingRestart)),
        scheduled(t("14:30"), Action::new(ActionKind::ScaleOut)),
        scheduled(t("14:35"), Action::new(ActionKind::RaiseMemoryLimit)),
        scheduled(t("14:40"), Action::new(ActionKind::EnableMaintenancePage)),
        scheduled(t("14:45"), Action::new(ActionKind::DisableMaintenancePage)),
        scheduled(t("14:50"), Action::new(ActionKind::RollbackDeploy)),
        scheduled(t("15:00"), Action::on(ActionKind::CleanDisk, "app-2")),
        scheduled(t("15:05"), Action::new(ActionKind::RestartAll)),
        scheduled(t("15:10"), Action::new(ActionKind::DisableRateLimiting)),
    ];
    let trace = check_every_tick(s.config.clone(), s.seed, &actions);
    assert_conserved(&trace);
    let refused = trace
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::ActionRejected { .. }))
        .count();
    assert_eq!(
        refused,
        0,
        "{:?}",
        trace
            .events
            .iter()
            .filter(|e| matches!(e.kind, EventKind::ActionRejected { .. }))
            .collect::<Vec<_>>()
    );
}

#[test]
fn every_fault_keeps_the_invariants() {
    for kind in failure_kinds() {
        // A surge passes: an hour of it, as a scenario would write it.
        let cfg = match kind {
            FaultKind::TrafficSurge(_) => with_fault_for(600, kind.clone(), 3600),
            _ => with_fault(600, kind.clone()),
        };
        let trace = check_every_tick(cfg, 3, &[]);
        assert_conserved(&trace);
    }
}

/// One of each failure mode, strong enough to hurt.
pub fn failure_kinds() -> Vec<FaultKind> {
    vec![
        FaultKind::MemoryLeak(incident_trainer::sim::MemoryLeak {
            targets: Targets::All,
            leak_kb_per_request: 8.0,
            site: "Leaky.cache".into(),
            deploy: Some("v9".into()),
        }),
        FaultKind::TrafficSurge(incident_trainer::sim::TrafficSurge {
            multiplier: 2.5,
            ramp_s: 300,
        }),
        FaultKind::DependencySlowdown(incident_trainer::sim::DependencySlowdown {
            dependency: Dependency::Database,
            latency_multiplier: 30.0,
        }),
        FaultKind::PoolExhaustion(incident_trainer::sim::PoolExhaustion {
            pool_size: 6,
            change: "db.pool.max_size 60 -> 6".into(),
            database: Dependency::Database,
        }),
        FaultKind::DiskFill(incident_trainer::sim::DiskFill {
            targets: Targets::Servers(vec![1]),
            mb_per_s: 40.0,
            change: None,
        }),
        FaultKind::CpuRunaway(incident_trainer::sim::CpuRunaway {
            targets: Targets::Servers(vec![2]),
            cpu_pct: 70.0,
            process: "report-export".into(),
            recurs_after_s: None,
            change: None,
        }),
    ]
}

/// Debug builds check the invariants after every step, not only where a test asks: a world set
/// up broken (a heap below nothing) stops at its first step, naming what broke.
#[cfg(debug_assertions)]
#[test]
#[should_panic(expected = "tick 1: app-1: negative heap")]
fn a_broken_world_stops_at_its_first_step_in_debug_builds() {
    let mut config = quiet_config();
    config.fleet.heap_baseline_mb = -100.0;
    let mut sim = Simulation::new(config, 1);
    sim.step();
}

/// A NaN passes every comparison, so the invariants ask for finite quantities first.
#[cfg(debug_assertions)]
#[test]
#[should_panic(expected = "tick 1: app-1: live heap is NaN, not a finite quantity")]
fn a_quantity_that_is_not_a_number_stops_the_run_in_debug_builds() {
    let mut config = quiet_config();
    config.fleet.heap_baseline_mb = f64::NAN;
    let mut sim = Simulation::new(config, 1);
    sim.step();
}
