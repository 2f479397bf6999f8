//! What a look puts on the trainee's list of causes comes together and only on the cause's own
//! anomaly: the right cause never appears alone (its appearing would be the answer), and a look
//! that showed only the load a defect bit under (a surge of traffic) reveals nothing.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use incident_trainer::scenario::{library, Scenario};
use incident_trainer::sim::{Action, ActionKind, Simulation};

/// The hypotheses the trainee could declare now.
fn known(s: &Scenario, sim: &Simulation) -> Vec<String> {
    s.config
        .hypotheses
        .iter()
        .filter(|h| sim.revealed(&h.revealed_by))
        .map(|h| h.id.clone())
        .collect()
}

fn run_to(sim: &mut Simulation, tick: u32) {
    while sim.tick() < tick && sim.step() {}
}

#[test]
fn a_look_that_reveals_the_right_cause_reveals_its_rivals_with_it() {
    for id in library::ids() {
        let s = library::builtin(id).unwrap();
        let Some(right) = s.correct_hypothesis() else {
            continue;
        };
        let looks = &s.config.hypotheses[right].revealed_by;
        for look in looks {
            let rivals = s
                .config
                .hypotheses
                .iter()
                .filter(|h| !h.correct && h.revealed_by == *looks)
                .count();
            assert!(rivals >= 2, "{id}: `{look}` reveals {rivals} rival(s)");
        }
    }
}

#[test]
fn top_puts_three_causes_on_the_list_at_once_and_none_before_it_shows_the_burn() {
    let s = library::builtin("regex-health-check").unwrap();
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    let gated = ["regex_backtracking", "build_code_path", "gc_thrashing"];
    let before = known(&s, &sim);
    assert!(
        gated.iter().all(|g| !before.iter().any(|k| k == g)),
        "{before:?}"
    );
    // Before the fault (14:43): top shows nothing, and nothing is revealed.
    run_to(&mut sim, tick(&s, "14:35"));
    sim.apply(Action::on(ActionKind::Top, "ny-web01")).unwrap();
    run_to(&mut sim, tick(&s, "14:37"));
    assert_eq!(known(&s, &sim), before);
    run_to(&mut sim, tick(&s, "14:46"));
    sim.apply(Action::on(ActionKind::Top, "ny-web01")).unwrap();
    run_to(&mut sim, tick(&s, "14:48"));
    let after = known(&s, &sim);
    assert!(
        gated.iter().all(|g| after.iter().any(|k| k == g)),
        "{after:?}"
    );
}

#[test]
fn logs_read_while_only_the_surge_shows_are_no_evidence_of_the_pooler() {
    let s = library::builtin("pooler-file-handles").unwrap();
    let early = [
        ("15:02", "read_logs", ""),
        ("15:04", "declare_hypothesis", "pooler_files"),
    ];
    let (trace, refused) =
        incident_trainer::sim::run_scripted(s.config.clone(), s.seed, &plan(&s, &early));
    assert_eq!(refused.len(), 1, "the pooler is not on the list yet");
    let d = incident_trainer::score::Debrief::compute(&s, s.seed, &plan(&s, &early));
    assert_eq!(d.reached(incident_trainer::score::Phase::Diagnosis), None);
    // The surge was live and the logs showed it; that is load, not the cause.
    assert!(trace.findings.iter().any(|f| !f.shows.is_empty()));
    let later = [
        ("15:20", "read_logs", ""),
        ("15:22", "declare_hypothesis", "pooler_files"),
    ];
    let (_, refused) =
        incident_trainer::sim::run_scripted(s.config.clone(), s.seed, &plan(&s, &later));
    assert!(refused.is_empty(), "{refused:?}");
}
