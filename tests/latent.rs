//! Faults that began before the run (`since`): active from the start, dated in what shows them
//! (a config diff names the day of the push), with no event pretending they happened this
//! afternoon; a latent leak that came with a release came with the running one.

mod common;

use incident_trainer::scenario;
use incident_trainer::sim::render::finding_text;
use incident_trainer::sim::{Action, ActionKind, EventKind, FindingBody, Simulation};

fn with(edits: &[(&str, &str)]) -> Result<scenario::Scenario, String> {
    common::edited_builtin(edits)
}

const POOL: &str = "[[faults]]
type = \"pool_exhaustion\"
since = \"May 9 17:40\"
pool_size = 12
change = \"db.pool.max_size 60 -> 12 (a copy-paste from the staging file)\"

[[faults]]
type = \"memory_leak\"";

#[test]
fn a_config_change_from_yesterday_is_live_at_the_start_and_dated_in_the_diff() {
    let s = with(&[("[[faults]]\ntype = \"memory_leak\"", POOL)]).unwrap();
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    sim.step();
    // Live from the first tick, with no push logged this afternoon.
    assert_eq!(sim.setting(incident_trainer::sim::Setting::PoolSize), 12.0);
    assert!(sim
        .trace()
        .events
        .first(|k| matches!(k, EventKind::ConfigPushed { .. }))
        .is_none());
    let finding = sim
        .apply(Action::new(ActionKind::DiffConfig))
        .unwrap()
        .clone();
    let FindingBody::ConfigDiff { changes, .. } = &finding.body else {
        panic!("{finding:?}");
    };
    assert_eq!(changes[0].when.as_deref(), Some("May 9 17:40"));
    let text = finding_text(&finding, sim.trace(), s.clock.start_s_of_day);
    assert!(text.contains("(pushed May 9 17:40)"), "{text}");
    // The known-good configuration is older than that push, not the shift's start.
    assert!(
        text.contains("diff against the last known-good configuration, from before May 9 17:40:"),
        "{text}"
    );
    assert!(!text.contains("start of the shift"), "{text}");
    // Reverting it still works, and lands after the push's duration.
    for _ in 0..120 {
        sim.step();
    }
    sim.apply(Action::new(ActionKind::RevertConfig)).unwrap();
    for _ in 0..121 {
        sim.step();
    }
    assert_eq!(sim.setting(incident_trainer::sim::Setting::PoolSize), 60.0);
}

#[test]
fn a_latent_leak_from_the_running_release_restarts_nothing_and_rolls_back() {
    let s = with(&[(
        "site = \"com.shop.cart.CartSnapshotRegistry.snapshots (HashMap$Node -> CartSnapshot)\"",
        "site = \"com.shop.cart.CartSnapshotRegistry.snapshots (HashMap$Node -> CartSnapshot)\"\ndeploy = \"v3.14.2\"",
    ), ("at = \"14:00\"\ntargets = \"all\"", "since = \"May 10 12:30\"\ntargets = \"all\"")])
    .unwrap();
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    for _ in 0..600 {
        sim.step();
    }
    let stopped = |sim: &Simulation| {
        sim.trace()
            .events
            .iter()
            .filter(|e| matches!(e.kind, EventKind::ServerStopped { .. }))
            .count()
    };
    assert_eq!(
        stopped(&sim),
        0,
        "a release from 12:30 does not roll out at 14:00"
    );
    sim.apply(Action::new(ActionKind::RollbackDeploy)).unwrap();
    sim.run_to_end();
    let cured = sim
        .trace()
        .events
        .first(|k| matches!(k, EventKind::FaultCured { .. }));
    assert!(
        cured.is_some(),
        "rolling back the running release removes the leak"
    );
}

#[test]
fn since_is_checked() {
    let err = with(&[(
        "at = \"14:00\"\ntargets = \"all\"",
        "since = \"May 10 15:00\"\ntargets = \"all\"",
    )])
    .unwrap_err();
    assert!(
        err.contains("`May 10 15:00` is after the run starts (May 10 14:00)"),
        "{err}"
    );
    let err = with(&[(
        "at = \"14:00\"\ntargets = \"all\"",
        "at = \"14:00\"\nsince = \"May 9 10:00\"\ntargets = \"all\"",
    )])
    .unwrap_err();
    assert!(
        err.contains("needs exactly one of `at` and `since`"),
        "{err}"
    );
    let err = with(&[(
        "at = \"14:00\"\ntargets = \"all\"",
        "since = \"May 9 10:00\"\ntargets = \"all\"\ndeploy = \"v3.14.1\"",
    )])
    .unwrap_err();
    assert!(err.contains("the newest of [[deploys]] (v3.14.2)"), "{err}");
    let err = with(&[(
        "at = \"14:00\"\ntargets = \"all\"",
        "since = \"yesterday\"\ntargets = \"all\"",
    )])
    .unwrap_err();
    assert!(
        err.contains("`yesterday` is not a date and a time"),
        "{err}"
    );
}
