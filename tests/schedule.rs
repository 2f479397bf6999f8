//! A fault's shape in time, for any kind: a fixture whose proxy fails while a bad feature file
//! is loaded, flapping every five minutes (`tests/fixtures/flapping.toml`), and the same fault in
//! windows or for a while. Errors pause and return; a cure, on or off at the time, stops every
//! later window; doing nothing never resolves it, and a quiet spell is not a mitigation.

use incident_trainer::prove;
use incident_trainer::scenario::{self, Scenario};
use incident_trainer::score::{Phase, PhaseTimes};
use incident_trainer::sim::{trace_hash, Action, ActionKind, EventKind, Metric, Simulation, Trace};

const FIXTURE: &str = include_str!("fixtures/flapping.toml");
/// The fault starts at 11:10, ten minutes into the run; on 2m30s of every 5m.
const AT: u32 = 600;
const FLAP: &str = "every = \"5m\"\nfor = \"2m30s\"\n";

fn fixture_with(schedule: &str) -> Scenario {
    let text = FIXTURE.replacen(&format!("at = \"11:10\"\n{FLAP}"), schedule, 1);
    scenario::parse("flapping.toml", &text).unwrap_or_else(|e| panic!("{e}"))
}

fn flapping() -> Scenario {
    fixture_with(&format!("at = \"11:10\"\n{FLAP}"))
}

fn error_rate_at(trace: &Trace, tick: u32) -> f32 {
    let s = &trace.series;
    s.fleet(Metric::ErrorRatePct)[s.scrape_at(tick).unwrap()]
}

/// Runs `s` to the end, reverting the config at `revert_at` when given.
fn run(s: &Scenario, revert_at: Option<u32>) -> Trace {
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    while sim.step() {
        if Some(sim.tick()) == revert_at {
            sim.apply(Action::new(ActionKind::RevertConfig)).unwrap();
        }
    }
    sim.trace().clone()
}

fn ticks_of(trace: &Trace, matches: impl Fn(&EventKind) -> bool) -> Vec<u32> {
    trace
        .events
        .iter()
        .filter(|e| matches(&e.kind))
        .map(|e| e.tick)
        .collect()
}

#[test]
fn a_flapping_fault_gives_the_same_trace_every_time() {
    let s = flapping();
    assert_eq!(trace_hash(&run(&s, None)), trace_hash(&run(&s, None)));
    assert_ne!(trace_hash(&run(&s, None)), trace_hash(&run(&s, Some(AT))));
}

#[test]
fn errors_pause_and_return_on_the_schedule() {
    let trace = run(&flapping(), None);
    let paused = ticks_of(&trace, |k| matches!(k, EventKind::FaultPaused { .. }));
    let resumed = ticks_of(&trace, |k| matches!(k, EventKind::FaultResumed { .. }));
    assert_eq!(paused[..3], [AT + 150, AT + 450, AT + 750]);
    assert_eq!(resumed[..3], [AT + 300, AT + 600, AT + 900]);
    for on in [AT + 120, AT + 420, AT + 1320] {
        assert!(error_rate_at(&trace, on) > 50.0, "on at {on}");
    }
    for off in [AT + 270, AT + 570, AT + 1470] {
        assert!(error_rate_at(&trace, off) < 1.0, "off at {off}");
    }
    // One bad push acting on and off: it landed once.
    let pushes = ticks_of(&trace, |k| matches!(k, EventKind::ConfigPushed { .. }));
    assert_eq!(pushes, [AT]);
}

#[test]
fn a_cure_landing_between_windows_stops_every_later_one() {
    // Issued 20 s into the first pause, the revert lands 2 minutes later, before the next window.
    let trace = run(&flapping(), Some(AT + 170));
    let cured = ticks_of(&trace, |k| matches!(k, EventKind::FaultCured { .. }));
    assert_eq!(cured, [AT + 290]);
    let resumed = ticks_of(&trace, |k| matches!(k, EventKind::FaultResumed { .. }));
    assert!(resumed.is_empty(), "came back at {resumed:?}");
    for later in [AT + 420, AT + 1200, AT + 4000] {
        assert!(error_rate_at(&trace, later) < 1.0, "errors at {later}");
    }
    let s = flapping();
    let phases = PhaseTimes::of(&s, &trace);
    assert!(phases.get(Phase::Resolution).is_some());
}

#[test]
fn a_cure_landing_in_a_window_stops_it_and_the_later_ones() {
    let trace = run(&flapping(), Some(AT + 10));
    let cured = ticks_of(&trace, |k| matches!(k, EventKind::FaultCured { .. }));
    assert_eq!(cured, [AT + 130]);
    assert!(ticks_of(&trace, |k| matches!(k, EventKind::FaultResumed { .. })).is_empty());
    assert!(error_rate_at(&trace, AT + 420) < 1.0);
}

#[test]
fn doing_nothing_never_resolves_or_mitigates_a_flapping_fault() {
    let s = flapping();
    let trace = run(&s, None);
    let phases = PhaseTimes::of(&s, &trace);
    assert_eq!(phases.get(Phase::Resolution), None);
    assert_eq!(phases.get(Phase::Mitigation), None);
    // Detection reads as for any outage: the first action after the page, so none here.
    assert_eq!(phases.get(Phase::Detection), None);
    let report = prove::solve(&s, 1);
    assert!(report.sound, "{:?}", report.seeds[0].problems);
}

#[test]
fn a_quiet_spell_between_windows_is_not_a_mitigation_and_a_cure_in_it_holds() {
    // Twenty quiet minutes between two windows: longer than the restore window.
    let s = fixture_with("windows = [[\"11:10\", \"11:20\"], [\"11:40\", \"12:30\"]]\n");
    let idle = run(&s, None);
    assert!(
        idle.events
            .iter()
            .any(|e| matches!(e.kind, EventKind::Restored { since } if since > AT && since < 2400)),
        "the service looked restored in the gap"
    );
    assert!(
        error_rate_at(&idle, 2700) > 50.0,
        "the second window came back"
    );
    let phases = PhaseTimes::of(&s, &idle);
    assert_eq!(phases.get(Phase::Mitigation), None);
    assert_eq!(phases.get(Phase::Resolution), None);
    // A fix landing at 11:30 leaves no 11:40 window to come back.
    let fixed = run(&s, Some(1680));
    assert!(ticks_of(&fixed, |k| matches!(k, EventKind::FaultResumed { .. })).is_empty());
    assert!(error_rate_at(&fixed, 2700) < 1.0);
    assert!(PhaseTimes::of(&s, &fixed).get(Phase::Resolution).is_some());
}

#[test]
fn a_fault_of_any_kind_can_end_by_itself() {
    let s = fixture_with("at = \"11:10\"\nduration = \"5m\"\n");
    let trace = run(&s, None);
    let ended = ticks_of(&trace, |k| matches!(k, EventKind::FaultEnded { .. }));
    assert_eq!(ended, [AT + 300]);
    assert!(error_rate_at(&trace, AT + 200) > 50.0);
    assert!(error_rate_at(&trace, AT + 600) < 1.0);
    // Over for good by itself: doing nothing resolves it, which the solver calls unsound.
    assert!(PhaseTimes::of(&s, &trace).get(Phase::Resolution).is_some());
    assert!(!prove::solve(&s, 1).sound);
}

#[test]
fn a_release_that_flaps_is_deployed_once() {
    let text = FIXTURE.replacen(
        "change = \"features.query: features_v1 -> features_v1 + features_v2\"",
        "deploy = \"proxy 3.3\"",
        1,
    );
    let s = scenario::parse("flapping.toml", &text).unwrap_or_else(|e| panic!("{e}"));
    let trace = run(&s, None);
    let deploys = ticks_of(&trace, |k| matches!(k, EventKind::Deploy { .. }));
    assert_eq!(deploys, [AT]);
    assert!(ticks_of(&trace, |k| matches!(k, EventKind::FaultResumed { .. })).len() > 5);
}

#[test]
fn a_cured_fault_whose_time_runs_out_later_undoes_nothing_again() {
    use incident_trainer::sim::Setting;
    let fault = "[[faults]]\ntype = \"pool_exhaustion\"\nat = \"11:10\"\nduration = \"30m\"\npool_size = 2\nchange = \"db.pool.max_size: 60 -> 2\"\n\n[[custom_actions]]\nid = \"grow_pool\"\ntitle = \"Grow the pool\"\ncategory = \"remediation\"\nduration = \"1m\"\nfinding = \"The pool is larger.\"\nsets = { pool_size = 200 }\n\n[[alerts]]";
    let start = FIXTURE.find("[[faults]]").unwrap();
    let end = FIXTURE.find("[[alerts]]").unwrap();
    let text = format!("{}{fault}{}", &FIXTURE[..start], &FIXTURE[end + 10..]);
    let s = scenario::parse("pool.toml", &text).unwrap_or_else(|e| panic!("{e}"));
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    while sim.step() {
        match sim.tick() {
            720 => drop(sim.apply(Action::new(ActionKind::RevertConfig)).unwrap()),
            1200 => drop(sim.apply(Action::custom("grow_pool", None)).unwrap()),
            2700 => break,
            _ => {}
        }
    }
    // Cured at 11:14, grown at 11:21; the fault's half hour ran out at 11:40.
    assert_eq!(sim.setting(Setting::PoolSize), 200.0);
}
