//! Each failure mode shows at the top (errors or latency) and is told apart from the others only by
//! looking in the right place: memory per host, traffic, database query times, the config diff, a
//! host's disk, a host's processes.

mod common;

use common::*;
use incident_trainer::sim::*;

const FAULT_AT: u32 = 600;

/// What an engineer would find by looking in each place, 8 to 14 minutes after the fault.
#[derive(Debug, PartialEq, Eq)]
struct Signals {
    memory_growing: bool,
    traffic_up: bool,
    db_queries_slow: bool,
    config_changed: bool,
    disk_full: bool,
    runaway_process: bool,
}

fn look(kind: FaultKind) -> (Signals, Trace) {
    look_in(with_fault(FAULT_AT, kind))
}

/// What the diagnostics show of the one fault in `cfg`.
fn look_in(cfg: SimConfig) -> (Signals, Trace) {
    let t0 = FAULT_AT + 480;
    let actions = [
        scheduled(t0, Action::new(ActionKind::ViewMemory)),
        scheduled(t0 + 150, Action::new(ActionKind::CheckDb)),
        scheduled(t0 + 300, Action::new(ActionKind::DiffConfig)),
        scheduled(t0 + 450, Action::on(ActionKind::Df, "app-2")),
        scheduled(t0 + 600, Action::on(ActionKind::Top, "app-3")),
    ];
    let (trace, refused) = run_scripted(cfg, 11, &actions);
    assert!(refused.is_empty(), "{refused:?}");
    let body = |k: ActionKind| {
        &trace
            .findings
            .iter()
            .find(|f| f.action.kind == k)
            .expect("finding")
            .body
    };
    let memory_growing = match body(ActionKind::ViewMemory) {
        FindingBody::Memory { rows } => rows.iter().any(|r| r.live_growth_mb_per_min > 5.0),
        other => panic!("{other:?}"),
    };
    let db_queries_slow = match body(ActionKind::CheckDb) {
        FindingBody::Database { exec_ms, .. } => *exec_ms > 5.0 * 8.0,
        other => panic!("{other:?}"),
    };
    let config_changed = match body(ActionKind::DiffConfig) {
        FindingBody::ConfigDiff { changes, .. } => !changes.is_empty(),
        other => panic!("{other:?}"),
    };
    let disk_full = match body(ActionKind::Df) {
        FindingBody::Df {
            size_mb, used_mb, ..
        } => used_mb / size_mb > 0.95,
        other => panic!("{other:?}"),
    };
    let runaway_process = match body(ActionKind::Top) {
        FindingBody::Top(top) => top.runaway.is_some(),
        other => panic!("{other:?}"),
    };
    let before = mean(&trace, Metric::RequestsPerS, 0, FAULT_AT);
    let during = mean(
        &trace,
        Metric::RequestsPerS,
        FAULT_AT + 900,
        FAULT_AT + 1500,
    );
    let signals = Signals {
        memory_growing,
        traffic_up: during > 1.5 * before,
        db_queries_slow,
        config_changed,
        disk_full,
        runaway_process,
    };
    (signals, trace)
}

/// The fault is visible where on-call looks first: errors or p95 latency.
fn assert_hurts(trace: &Trace, what: &str) {
    let errors = mean(trace, Metric::ErrorRatePct, FAULT_AT + 600, FAULT_AT + 1800);
    let p95 = mean(trace, Metric::LatencyMsP95, FAULT_AT + 600, FAULT_AT + 1800);
    let calm_p95 = mean(trace, Metric::LatencyMsP95, 0, FAULT_AT);
    assert!(
        errors > 5.0 || p95 > 2.0 * calm_p95,
        "{what}: errors {errors:.1}%, p95 {p95:.0} ms (calm {calm_p95:.0} ms)"
    );
}

fn none() -> Signals {
    Signals {
        memory_growing: false,
        traffic_up: false,
        db_queries_slow: false,
        config_changed: false,
        disk_full: false,
        runaway_process: false,
    }
}

#[test]
fn a_quiet_day_shows_nothing_anywhere() {
    let surge = incident_trainer::sim::TrafficSurge {
        multiplier: 1.0,
        ramp_s: 1,
    };
    let (signals, trace) = look_in(with_fault_for(FAULT_AT, surge.into(), 60));
    assert_eq!(signals, none());
    assert!(mean(&trace, Metric::ErrorRatePct, 0, trace.ticks) < 0.1);
    assert_eq!(trace.impact.outage_started_at, None);
}

#[test]
fn a_memory_leak_shows_in_memory_per_host() {
    let kind = FaultKind::MemoryLeak(incident_trainer::sim::MemoryLeak {
        targets: Targets::All,
        leak_kb_per_request: 8.0,
        site: "Leaky.cache".into(),
        deploy: None,
    });
    let (signals, trace) = look(kind);
    assert_eq!(
        signals,
        Signals {
            memory_growing: true,
            ..none()
        }
    );
    assert_hurts(&trace, "memory leak");
    assert!(trace
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::OomKilled { .. })));
}

#[test]
fn a_traffic_surge_shows_in_traffic() {
    let surge = incident_trainer::sim::TrafficSurge {
        multiplier: 2.5,
        ramp_s: 300,
    };
    let (signals, trace) = look_in(with_fault_for(FAULT_AT, surge.into(), 3600));
    assert_eq!(
        signals,
        Signals {
            traffic_up: true,
            ..none()
        }
    );
    assert_hurts(&trace, "traffic surge");
}

#[test]
fn a_database_slowdown_shows_in_query_times() {
    let kind = FaultKind::DependencySlowdown(incident_trainer::sim::DependencySlowdown {
        dependency: Dependency::Database,
        latency_multiplier: 30.0,
    });
    let (signals, trace) = look(kind);
    assert_eq!(
        signals,
        Signals {
            db_queries_slow: true,
            ..none()
        }
    );
    assert_hurts(&trace, "database slowdown");
}

#[test]
fn pool_exhaustion_shows_in_the_config_diff() {
    let kind = FaultKind::PoolExhaustion(incident_trainer::sim::PoolExhaustion {
        pool_size: 6,
        change: "db.pool.max_size 60 -> 6".into(),
        database: Dependency::Database,
    });
    let (signals, trace) = look(kind);
    assert_eq!(
        signals,
        Signals {
            config_changed: true,
            ..none()
        }
    );
    assert_hurts(&trace, "pool exhaustion");
}

#[test]
fn a_filling_disk_shows_on_that_host() {
    let (signals, trace) = look(FaultKind::DiskFill(incident_trainer::sim::DiskFill {
        targets: Targets::Servers(vec![1]),
        mb_per_s: 40.0,
        change: None,
    }));
    assert_eq!(
        signals,
        Signals {
            disk_full: true,
            ..none()
        }
    );
    assert_hurts(&trace, "disk full");
}

#[test]
fn a_runaway_process_shows_in_top_on_that_host() {
    let kind = FaultKind::CpuRunaway(incident_trainer::sim::CpuRunaway {
        targets: Targets::Servers(vec![2]),
        cpu_pct: 70.0,
        process: "report-export".into(),
        recurs_after_s: None,
        change: None,
    });
    let (signals, trace) = look(kind);
    assert_eq!(
        signals,
        Signals {
            runaway_process: true,
            ..none()
        }
    );
    assert_hurts(&trace, "cpu runaway");
}

#[test]
fn a_slow_payment_gateway_fails_orders_but_not_pages() {
    let kind = FaultKind::DependencySlowdown(incident_trainer::sim::DependencySlowdown {
        dependency: Dependency::Payment,
        latency_multiplier: 40.0,
    });
    let (trace, _) = run_scripted(with_fault_for(FAULT_AT, kind, 1800), 4, &[]);
    let orders_before = mean(&trace, Metric::OrdersPerMin, 0, FAULT_AT);
    let orders_during = mean(&trace, Metric::OrdersPerMin, FAULT_AT + 60, FAULT_AT + 1800);
    assert!(
        orders_during < 0.05 * orders_before,
        "{orders_during} vs {orders_before}"
    );
    assert!(
        mean(
            &trace,
            Metric::PaymentLatencyMs,
            FAULT_AT + 60,
            FAULT_AT + 1800
        ) > 8000.0
    );
    // It ends when its duration is over.
    let after = mean(
        &trace,
        Metric::OrdersPerMin,
        FAULT_AT + 2400,
        FAULT_AT + 3600,
    );
    assert!(after > 0.8 * orders_before);
}

#[test]
fn in_a_total_outage_latency_reads_the_timeout_not_zero() {
    let s = scenario();
    let idle = idle_run(&s);
    let at = tick(&s, "14:50");
    assert_eq!(
        value_at(&idle, Metric::ServersUp, at),
        0.0,
        "everything is down by then"
    );
    let timeout = s.config.fleet.request_timeout_ms as f32;
    for m in [
        Metric::LatencyMsP50,
        Metric::LatencyMsP95,
        Metric::LatencyMsP99,
    ] {
        assert_eq!(value_at(&idle, m, at), timeout, "{m:?}");
    }
}

/// A runaway whose cause is in the code comes back after it is killed (a scheduler respawns
/// it) until the developers' fix is live.
#[test]
fn a_recurring_runaway_returns_after_a_kill_until_the_fix() {
    let kind = FaultKind::CpuRunaway(incident_trainer::sim::CpuRunaway {
        targets: Targets::Servers(vec![1]),
        cpu_pct: 70.0,
        process: "report-export".into(),
        recurs_after_s: Some(900),
        change: None,
    });
    let cfg = with_fault(FAULT_AT, kind);
    let mut sim = Simulation::new(cfg, 4);
    let run_to = |sim: &mut Simulation, tick: u32| {
        while sim.tick() < tick {
            sim.step();
        }
    };
    let wait = |sim: &mut Simulation, secs: u32| {
        for _ in 0..secs {
            sim.step();
        }
    };
    let kill_at = FAULT_AT + 600;
    run_to(&mut sim, kill_at);
    sim.apply(Action::on(ActionKind::KillRunaway, "app-2"))
        .unwrap();
    let landed = kill_at + ActionKind::KillRunaway.builtin().unwrap().duration_s;
    run_to(&mut sim, landed + 60);
    assert_eq!(sim.fleet().servers[1].runaway_cpu_pct, 0.0, "killed");
    run_to(&mut sim, landed + 900 + 60);
    assert_eq!(
        sim.fleet().servers[1].runaway_cpu_pct,
        70.0,
        "back 15 minutes later"
    );
    // Killed again (it would return again), then the fix removes the cause for good.
    sim.apply(Action::on(ActionKind::KillRunaway, "app-2"))
        .unwrap();
    wait(&mut sim, 120);
    sim.apply(Action::new(ActionKind::PageDevelopers)).unwrap();
    let response = sim.config().response.developers_response_s;
    wait(&mut sim, response + 60);
    sim.apply(Action::on(ActionKind::DeclareHypothesis, "memory_leak"))
        .unwrap();
    wait(&mut sim, 120);
    sim.apply(Action::new(ActionKind::ApplyCodeFix)).unwrap();
    wait(&mut sim, 1800);
    assert_eq!(
        sim.fleet().servers[1].runaway_cpu_pct,
        0.0,
        "the fix removed the cause"
    );
}
