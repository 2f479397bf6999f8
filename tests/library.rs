//! The library of built-in incidents: each is valid, names its sources, says what it reproduces,
//! and replaying its real team's path reproduces it (the write-up's outage start and restore time,
//! within the scenario's tolerance, on its own seed).

use incident_trainer::prove;
use incident_trainer::scenario::library;

#[test]
fn every_built_in_is_calibrated_against_its_sources() {
    for id in library::ids() {
        let s = library::builtin(id).unwrap();
        assert!(!s.meta.sources.is_empty(), "{id}: no sources");
        let report = prove::calibration(&s).unwrap_or_else(|| panic!("{id}: no [calibration]"));
        assert!(report.holds, "{id}: {report:#?}");
        assert!(
            s.meta.sources.iter().any(|src| src.id == report.source),
            "{id}"
        );
    }
}

#[test]
fn a_calibration_that_does_not_hold_makes_a_scenario_unsound() {
    let (_, text) = library::BUILTIN[0];
    let text = text.replace("restored = \"16:40\"", "restored = \"15:40\"");
    let s = incident_trainer::scenario::parse("off.toml", &text).unwrap();
    let report = prove::solve(&s, 1);
    let k = report.calibration.as_ref().unwrap();
    assert!(!k.holds && !report.sound, "{k:#?}");
    assert_eq!(k.restored.as_ref().unwrap().0.clock, "15:40");
}

/// The author's page starts new scenarios from these: each must be a working scenario (its fix,
/// a rollback, takes longer than the solver's step, which the search must still find).
#[test]
fn every_template_is_valid_and_sound() {
    for (id, _, text) in library::TEMPLATES {
        let s = incident_trainer::scenario::parse(&format!("{id}.toml"), text)
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        let report = prove::solve(&s, 2);
        assert!(report.sound, "{id}: {report:#?}");
        assert_eq!(library::source(id), Some(text));
        // The best path ends with what restored service: nothing taken after it that did not
        // help (the search pages the developers before it can tell service is back).
        for seed in &report.seeds {
            let restored = seed.best_restored_at.as_ref().unwrap().tick;
            let path: Vec<&str> = seed.best_path.iter().map(|p| p.action.as_str()).collect();
            assert!(
                seed.best_path.iter().all(|p| p.at.tick <= restored),
                "{id}: {path:?}"
            );
        }
    }
}
