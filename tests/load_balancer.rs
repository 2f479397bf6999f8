//! The load balancer and the servers behind it, seen from outside.

mod common;

use common::*;
use incident_trainer::sim::*;

fn first_event(trace: &Trace, after: u32, matches: impl Fn(&EventKind) -> bool) -> u32 {
    trace
        .events
        .iter()
        .find(|e| e.tick >= after && matches(&e.kind))
        .expect("the event happens")
        .tick
}

#[test]
fn a_dead_server_keeps_receiving_and_failing_traffic_until_it_is_marked_down() {
    let mut cfg = quiet_config();
    cfg.fleet.restart_s = 600;
    // Off-peak traffic, so three servers can carry what four did.
    cfg.traffic.baseline_rps = 700.0;
    let kill_at = 1200;
    let (trace, refused) = run_scripted(
        cfg.clone(),
        3,
        &[scheduled(
            kill_at,
            Action::on(ActionKind::RestartServer, "app-2"),
        )],
    );
    assert!(refused.is_empty());
    let down = first_event(&trace, kill_at, |k| {
        matches!(k, EventKind::MarkedDown { server: 1 })
    });
    let lb = &cfg.fleet.lb;
    let window = lb.health_interval_s * lb.unhealthy_threshold;
    assert!(
        down > kill_at && down - kill_at <= window + lb.health_interval_s,
        "marked down {}s after dying",
        down - kill_at
    );
    // Until then it gets its share (a quarter) and fails all of it ...
    let during = mean(&trace, Metric::ErrorRatePct, kill_at + 10, down - 5);
    assert!(
        (during - 25.0).abs() < 5.0,
        "errors while it is still in rotation: {during:.1}%"
    );
    // ... and once it is out the other three carry the load.
    let after = mean(&trace, Metric::ErrorRatePct, down + 20, kill_at + 590);
    assert!(
        after < 0.5,
        "errors once it is out of rotation: {after:.2}%"
    );
    // It comes back after the restart time and passes its checks.
    let up = first_event(&trace, kill_at, |k| {
        matches!(k, EventKind::MarkedUp { server: 1 })
    });
    assert!(
        up >= kill_at + 600
            && up <= kill_at + 600 + lb.health_interval_s * (lb.healthy_threshold + 1)
    );
}

#[test]
fn sticky_sessions_keep_a_restarted_server_light_until_sessions_turn_over() {
    let served_share = |sticky: f64| {
        let mut cfg = quiet_config();
        cfg.fleet.lb.sticky_share = sticky;
        let (trace, _) = run_scripted(
            cfg,
            3,
            &[scheduled(
                600,
                Action::on(ActionKind::RestartServer, "app-1"),
            )],
        );
        let s = &trace.series;
        let at = |tick: u32| {
            let i = s.scrape_at(tick).unwrap();
            let mine = s.server[ServerMetric::RequestsPerS.index()][i * 4];
            let all: f32 = s.server[ServerMetric::RequestsPerS.index()][i * 4..i * 4 + 4]
                .iter()
                .sum();
            mine / all
        };
        (at(1000), at(600 + 3600))
    };
    let (soon, later) = served_share(0.0);
    assert!(
        (soon - 0.25).abs() < 0.01 && (later - 0.25).abs() < 0.01,
        "no stickiness: an even share at once ({soon}, {later})"
    );
    let (soon, later) = served_share(0.6);
    assert!(soon < 0.15, "pinned users stay where they are: {soon}");
    assert!(
        (later - 0.25).abs() < 0.02,
        "sessions turn over and pins even out: {later}"
    );
}

#[test]
fn a_restarted_server_leaks_back_to_oom_at_the_rate_its_parameters_give() {
    let s = scenario();
    let trace = reference_run(&s);
    let restart = tick(&s, "14:35");
    let started = first_event(&trace, restart, |k| {
        matches!(k, EventKind::ServerStarted { server: 0, .. })
    });
    let killed = first_event(&trace, started, |k| {
        matches!(k, EventKind::OomKilled { server: 0, .. })
    });
    // Alone in rotation it runs at capacity, leaking capacity x leak per request from the baseline.
    let f = &s.config.fleet;
    let FaultKind::MemoryLeak(incident_trainer::sim::MemoryLeak {
        leak_kb_per_request,
        ..
    }) = s.config.faults[0].kind
    else {
        panic!()
    };
    let leak_mb_per_s = f.capacity_rps * leak_kb_per_request / 1024.0;
    let expected_s = (f.heap_max_mb - f.heap_baseline_mb) / leak_mb_per_s;
    let actual_s = f64::from(killed - started);
    // GC time steals capacity near the end, so it takes a little longer than the straight line.
    assert!(
        actual_s >= 0.97 * expected_s && actual_s <= 1.10 * expected_s,
        "expected ~{expected_s:.0}s, took {actual_s:.0}s"
    );
}

/// Found by the scorer's property tests: with every server out of rotation at once (a restart of
/// all), a server that kept its sticky pin lost it when it rejoined, and the requests pinned with
/// it vanished (neither served nor failed). Pins now empty with the rotation.
#[test]
fn sessions_survive_an_empty_rotation() {
    let s = scenario();
    let actions = [
        scheduled(tick(&s, "14:25"), Action::new(ActionKind::RestartAll)),
        scheduled(
            tick(&s, "15:53"),
            Action::on(ActionKind::RestartServer, "app-1"),
        ),
    ];
    // Every step of a debug build asserts the invariants (pins sum to one among them).
    run_scripted(s.config.clone(), s.seed, &actions);
}

/// A health check that costs something: on a saturated fleet an expensive check times out and
/// servers leave rotation although every process is up; the rest take their load and follow, so
/// the rotation empties again and again. The same rush with a cheap check only sheds the excess.
#[test]
fn an_expensive_health_check_empties_the_rotation_of_an_overloaded_fleet() {
    let rush = |check_cost_ms: f64| {
        let mut cfg = with_fault_for(
            600,
            FaultKind::TrafficSurge(incident_trainer::sim::TrafficSurge {
                multiplier: 2.0,
                ramp_s: 60,
            }),
            3600,
        );
        cfg.fleet.lb.check_cost_ms = check_cost_ms;
        run_scripted(cfg, 5, &[]).0
    };
    let during = |trace: &Trace, metric: Metric| mean(trace, metric, 1800, 3600);
    let cheap = rush(5.0);
    assert!(during(&cheap, Metric::ServersInRotation) > 3.9);
    let shed = during(&cheap, Metric::ErrorRatePct);
    assert!(shed > 5.0 && shed < 80.0, "the excess is shed: {shed}");
    let costly = rush(50.0);
    assert!(
        during(&costly, Metric::ServersUp) > 3.9,
        "every process stays up"
    );
    // Servers flap: out while saturated, back once idle, saturated again. At moments none is
    // in rotation at all, and far more requests fail than when the excess is only shed.
    let rotation = series(&costly, Metric::ServersInRotation);
    let empty = rotation
        .iter()
        .filter(|(t, v)| (1800..3600).contains(t) && *v == 0.0)
        .count();
    assert!(empty > 0, "the rotation empties");
    assert!(during(&costly, Metric::ServersInRotation) < 3.0);
    assert!(during(&costly, Metric::ErrorRatePct) > shed + 20.0);
    assert!(costly
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::MarkedDown { .. })));
}
