//! An outage of the trainee's own making is harm, not the incident. Restarting everything before
//! anything was wrong takes the shop down for a minute or two; that outage's end stops no
//! bleeding, and the incident's outage, delayed by the restart, is what mitigation is measured on.
//! When the incident is set right before its outage would have begun, the fix is the mitigation.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use incident_trainer::scenario::library;
use incident_trainer::score::phases::{incident_outage, onset};
use incident_trainer::score::{postmortem, Debrief, Outcome, Phase, PhaseTimes};
use incident_trainer::sim::run_scripted;

#[test]
fn the_onset_is_when_doing_nothing_goes_down_on_every_built_in() {
    for id in library::ids() {
        let s = library::builtin(id).unwrap();
        let (idle, _) = run_scripted(s.config.clone(), s.seed, &[]);
        assert_eq!(
            onset(&s, s.seed),
            idle.impact.outage_started_at,
            "{id}: the onset is the do-nothing run's outage"
        );
        assert!(onset(&s, s.seed).is_some(), "{id}: doing nothing goes down");
    }
}

#[test]
fn restarting_everything_before_the_fault_shows_mitigates_nothing() {
    let s = scenario();
    let rows = [("14:04", "restart_all", "")];
    let d = Debrief::compute(&s, s.seed, &plan(&s, &rows));
    let (trace, _) = run_scripted(s.config.clone(), s.seed, &plan(&s, &rows));
    let outages = trace.events.outages();
    // Its own outage, over in minutes, well before 14:28; then the incident's, later than it
    // would have been, never ended.
    assert!(outages.len() >= 2, "{outages:?}");
    assert_eq!(s.hhmm(outages[0].start), "14:04");
    assert!(outages[0].back.is_some_and(|(since, _)| since < 30 * 60));
    let incident = incident_outage(&trace, onset(&s, s.seed)).unwrap();
    assert!(incident > 60 * 60, "the restart put the leak's outage off");
    assert_eq!(d.outcome, Outcome::Unmitigated, "{}", d.verdict());
    assert_eq!(d.reached(Phase::Mitigation), None);
    assert_eq!(
        d.reached(Phase::Detection),
        None,
        "its own outage is no sign"
    );
    assert_eq!(d.relapsed_at, None);
    assert_eq!(d.onset.as_ref().unwrap().clock, "14:28");
    assert_eq!(d.outage_from.as_ref().unwrap().tick, incident);
    assert!(
        d.verdict().starts_with(&format!(
            "Not mitigated: the outage that began at {}",
            s.hhmm(incident)
        )),
        "{}",
        d.verdict()
    );
    // Harm counts what it cost: more than the real team's path.
    assert!(d.harm.ratio > 1.0, "{:?}", d.harm);
    let draft = postmortem::draft(&s, &d, &trace, &[]);
    assert!(
        draft.contains("- **Outage of the run's own making:** 14:04 to 14:0"),
        "{draft}"
    );
    assert!(draft.contains("not restored by"), "{draft}");
}

#[test]
fn a_fix_before_the_outage_would_have_begun_is_the_mitigation() {
    let s = scenario();
    let rows = [
        ("14:01", "view_memory", ""),
        ("14:03", "page_developers", ""),
        ("14:04", "declare_hypothesis", "memory_leak"),
        ("14:17", "apply_code_fix", ""),
    ];
    let d = Debrief::compute(&s, s.seed, &plan(&s, &rows));
    assert_eq!(d.outcome, Outcome::Resolved, "{}", d.verdict());
    let (mitigated, resolved) = (
        d.reached(Phase::Mitigation).unwrap().tick,
        d.reached(Phase::Resolution).unwrap().tick,
    );
    // The fix's restarts blipped the service before 14:28; once it held, that was the bleeding
    // stopped for good, sooner than the outage would have begun.
    assert_eq!(mitigated, resolved);
    assert!(mitigated < d.onset.as_ref().unwrap().tick);
    assert_eq!(d.outage_from, None, "the incident's outage never came");
    let (trace, _) = run_scripted(s.config.clone(), s.seed, &plan(&s, &rows));
    assert!(
        postmortem::draft(&s, &d, &trace, &[]).contains("Outage of the run's own making"),
        "the fix's restarts are named as the run's own"
    );
}

#[test]
fn the_real_teams_path_and_doing_nothing_score_as_before() {
    let s = scenario();
    let at = onset(&s, s.seed);
    let ghost = incident_trainer::score::ghost(&s, s.seed);
    let (idle, _) = run_scripted(s.config.clone(), s.seed, &[]);
    // Both were out from the onset on: the bound changes nothing for them.
    assert_eq!(incident_outage(&ghost, at), at);
    assert_eq!(incident_outage(&idle, at), at);
    let real = PhaseTimes::of(&s, &ghost);
    assert_eq!(s.hhmm(real.get(Phase::Mitigation).unwrap()), "16:37");
    assert_eq!(PhaseTimes::of(&s, &idle).get(Phase::Mitigation), None);
}
