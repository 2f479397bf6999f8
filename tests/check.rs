//! `Simulation::check` answers exactly what `apply` would, and changes nothing.

mod common;

use common::*;
use incident_trainer::sim::*;

/// Every action with every kind of target it could be given, good and bad.
fn candidates(sim: &Simulation) -> Vec<Action> {
    let hosts: Vec<String> = (0..sim.fleet().len() as u32)
        .map(|s| sim.fleet().name(s))
        .chain(["app-99".to_string()])
        .collect();
    let mut out = Vec::new();
    for spec in CATALOGUE {
        let targets: Vec<Option<String>> = match spec.target {
            TargetKind::None => vec![None, Some("app-1".into())],
            TargetKind::Host => hosts.iter().cloned().map(Some).chain([None]).collect(),
            TargetKind::OptionalHost => hosts.iter().cloned().map(Some).chain([None]).collect(),
            TargetKind::LogSource => hosts
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
                let verdict = sim.check(&action);
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
    let sim = Simulation::new(s.config.clone(), s.seed);
    let fix = sim
        .check(&Action::new(ActionKind::ApplyCodeFix))
        .unwrap_err();
    assert_eq!(
        fix.to_string(),
        "the developers are not engaged yet: page them first"
    );
    let revert = sim
        .check(&Action::new(ActionKind::RevertConfig))
        .unwrap_err();
    assert!(revert.to_string().contains("already matches"), "{revert}");
}
