//! Detection without a delivered page: a report the scenario injects, and the trainee noticing
//! the symptom on the charts. Native only.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use incident_trainer::scenario::Scenario;
use incident_trainer::score::phases::first_symptom;
use incident_trainer::score::{Phase, PhaseTimes};
use incident_trainer::sim::run_scripted;

fn detection(scenario: &Scenario, rows: &[(&str, &str, &str)]) -> Option<u32> {
    let actions = plan(scenario, rows);
    let trace = run_scripted(scenario.config.clone(), scenario.seed, &actions).0;
    PhaseTimes::of(scenario, &trace).get(Phase::Detection)
}

/// A customer's report at 14:05 is a sign to act on, well before the page at 14:30.
#[test]
fn an_injected_report_starts_detection() {
    let mut s = scenario();
    let rows = [("14:10", "check_config", "app-1")];
    assert_eq!(detection(&s, &rows), None, "no sign yet at 14:10");
    let first = s.reference[0].clone();
    s.reference.insert(
        0,
        incident_trainer::scenario::ReferenceEntry {
            tick: tick(&s, "14:05"),
            action: None,
            milestone: None,
            note: "a customer writes that checkout is slow".into(),
            source: first.source,
            inject: true,
        },
    );
    assert_eq!(detection(&s, &rows), Some(tick(&s, "14:10")));
}

/// A note that is not an inject never reached the team: it is no sign.
#[test]
fn a_plain_note_does_not_start_detection() {
    let mut s = scenario();
    let first = s.reference[0].clone();
    s.reference.insert(
        0,
        incident_trainer::scenario::ReferenceEntry {
            tick: tick(&s, "14:05"),
            inject: false,
            note: "the team was at lunch".into(),
            ..first
        },
    );
    assert_eq!(detection(&s, &[("14:10", "check_config", "app-1")]), None);
}

/// With no page delivered, an action taken once the service is outside its SLO is detection
/// (the trainee saw it on the charts); one taken before is not.
#[test]
fn without_a_page_an_action_after_the_symptom_starts_detection() {
    let mut s = scenario();
    for alert in &mut s.config.alerts {
        alert.delivered = false;
    }
    let symptom = first_symptom(&s, &idle_run(&s)).expect("the leak breaks the SLO");
    let outage = idle_run(&s)
        .events
        .first(|k| matches!(k, incident_trainer::sim::EventKind::OutageStarted))
        .map(|e| e.tick)
        .unwrap();
    assert!(symptom < outage, "the SLO breaks before the outage");
    let before = s.hhmm(symptom - 120);
    let after = s.hhmm(symptom + 60);
    let rows = [
        (before.as_str(), "check_config", "app-1"),
        (after.as_str(), "list_deploys", ""),
    ];
    let detected = detection(&s, &rows).unwrap();
    assert!(detected > symptom && detected < outage, "{detected}");
}

/// An inject is what reached the team: one with an action is refused at its place.
#[test]
fn an_inject_with_an_action_is_refused_where_it_is() {
    let (_, text) = incident_trainer::scenario::library::BUILTIN[0];
    let text = text.replacen(
        "target = \"app-1\"\nmilestone = \"first_restart\"",
        "target = \"app-1\"\nmilestone = \"first_restart\"\ninject = true",
        1,
    );
    let err = incident_trainer::scenario::parse("inject.toml", &text).unwrap_err();
    let shown = err.to_string();
    assert!(shown.contains("reference #2.inject"), "{shown}");
    assert!(shown.contains("not something they did"), "{shown}");
}
