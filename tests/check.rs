//! `Simulation::check` answers exactly what `apply` would, and changes nothing.

mod common;

use common::*;
use incident_trainer::sim::*;

/// Every action with every kind of target it could be given, good and bad.
fn candidates(sim: &Simulation) -> Vec<Action> {
    let hosts: Vec<String> = (0..sim.fleet().len() as u32)
        .map(|s| sim.fleet().name(s).to_string())
        .chain(["app-99".to_string()])
        .collect();
    let mut out = Vec::new();
    for spec in CATALOGUE {
        let targets: Vec<Option<String>> = match spec.target {
            TargetKind::None => vec![None, Some("app-1".into())],
            TargetKind::Host => hosts
                .iter()
                .cloned()
                .map(Some)
                .chain([None, Some("db-1".into())])
                .collect(),
            TargetKind::OptionalHost => hosts.iter().cloned().map(Some).chain([None]).collect(),
            TargetKind::LogSource | TargetKind::AnyHost => hosts
                .iter()
                .cloned()
                .map(Some)
                .chain([None, Some("db-1".into()), Some("db-9".into())])
                .collect(),
            TargetKind::Hypothesis => vec![Some("memory_leak".into()), Some("nope".into()), None],
            TargetKind::Severity => vec![Some("sev2".into()), Some("sev9".into()), None],
        };
        for target in targets {
            out.push(Action {
                target,
                ..Action::new(spec.kind)
            });
        }
    }
    out
}

#[test]
fn check_agrees_with_apply_and_changes_nothing() {
    let s = scenario();
    // Walk the real team's afternoon; at many moments, try every action on a copy of the world.
    let script = s.reference_actions();
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    let mut next = 0;
    let mut checked = 0;
    while !sim.is_over() {
        while next < script.len() && script[next].tick <= sim.tick() {
            sim.apply(script[next].action.clone())
                .expect("the reference is accepted");
            next += 1;
        }
        if sim.tick() % 1200 == 0 || sim.tick() % 1200 == 61 {
            let before = trace_hash(sim.trace());
            for action in candidates(&sim) {
                let verdict = sim.vet(&action);
                assert_eq!(trace_hash(sim.trace()), before, "check changed the trace");
                let mut copy = sim.clone();
                let applied = copy.apply(action.clone()).map(|_| ());
                assert_eq!(verdict, applied, "{action} at tick {}", sim.tick());
                checked += 1;
            }
        }
        sim.step();
    }
    assert!(checked > 500, "only {checked} checks");
}

#[test]
fn check_says_why_in_words_a_person_can_act_on() {
    let s = scenario();
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    let fix = Action::new(ActionKind::ApplyCodeFix);
    assert_eq!(
        sim.vet(&fix).unwrap_err().to_string(),
        "the developers are not engaged yet: page them first"
    );
    // Once paged, the reason is when they are expected, as the page said.
    sim.apply(Action::new(ActionKind::PageDevelopers)).unwrap();
    let engage = sim.tick() + s.config.response.developers_response_s;
    for _ in 0..sim.duration_s(&Action::new(ActionKind::PageDevelopers)) {
        sim.step();
    }
    let expected = clock::hhmm(s.clock.start_s_of_day, engage);
    let paged = sim.vet(&fix).unwrap_err();
    assert_eq!(
        paged.to_string(),
        format!("the developers are paged, expected {expected}")
    );
    assert_eq!(
        paged,
        ActionError::DevelopersPaged {
            who: "the developers".into(),
            clock: expected
        }
    );
}

/// Remediations whose uselessness only a diagnostic would show are taken, and land doing nothing
/// useful; their refusals never quote what a diagnostic would have said.
#[test]
fn a_refusal_never_reports_what_a_diagnostic_shows() {
    let mut cfg = quiet_config();
    cfg.deploy_history.truncate(1);
    let sim = Simulation::new(cfg.clone(), 1);
    for action in [
        Action::new(ActionKind::RevertConfig),
        Action::new(ActionKind::RollbackDeploy),
        Action::on(ActionKind::KillRunaway, "app-1"),
    ] {
        assert_eq!(sim.vet(&action), Ok(()), "{action}");
    }
    // At the host's ceiling the raise is still taken (check_config and free tell the limit).
    cfg.fleet.heap_max_mb = cfg.fleet.host_ram_mb - cfg.fleet.host_overhead_mb;
    let mut sim = Simulation::new(cfg, 1);
    assert_eq!(sim.vet(&Action::new(ActionKind::RaiseMemoryLimit)), Ok(()));
    // Taken and landed, the config revert and the kill change nothing.
    for action in [
        Action::new(ActionKind::RevertConfig),
        Action::on(ActionKind::KillRunaway, "app-1"),
    ] {
        let note = sim.apply(action.clone()).unwrap().clone();
        let text = render::finding_text(&note, sim.trace(), 0);
        assert!(!text.contains("change(s)"), "{text}");
        let busy = sim.duration_s(&action);
        for _ in 0..=busy {
            sim.step();
        }
    }
    let changed = sim.trace().events.first(|k| {
        matches!(
            k,
            EventKind::ConfigReverted { .. }
                | EventKind::FaultCured { .. }
                | EventKind::ServerStopped { .. }
        )
    });
    assert!(changed.is_none(), "{changed:?}");
}

#[test]
fn a_host_that_is_down_is_said_to_be_down() {
    let mut cfg = quiet_config();
    cfg.fleet.auto_restart = false;
    // app-1's heap is full from the start.
    cfg.fleet.initial_heap_live_mb = vec![cfg.fleet.heap_max_mb];
    let mut sim = Simulation::new(cfg, 1);
    while sim.fleet().servers[0].state != fleet::ServerState::Dead {
        assert!(sim.step(), "app-1 never ran out of memory");
    }
    let err = sim
        .vet(&Action::on(ActionKind::HeapProfile, "app-1"))
        .unwrap_err();
    assert_eq!(err.to_string(), "app-1 is down");
}
