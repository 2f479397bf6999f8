//! Same scenario + seed + actions gives the same trace, bit for bit; different seeds differ. The
//! golden hashes are shared with the wasm32 test, so native and browser runs must agree too.

mod common;

use common::*;
use incident_trainer::sim::hash::StableHasher;
use incident_trainer::sim::render::finding_text;
use incident_trainer::sim::*;

/// `scenario actions seed hash` lines; regenerate with `UPDATE_GOLDEN=1 cargo test --test determinism`.
const GOLDEN_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/trace_hashes.txt");

fn golden_lines() -> String {
    let s = scenario();
    let mut out =
        String::from("# scenario actions seed trace_hash (shared with tests/wasm_trace.rs)\n");
    for label in ["reference", "none", "mixed"] {
        for seed in [s.seed, 1] {
            let trace = run_scripted(s.config.clone(), seed, &script(&s, label)).0;
            out.push_str(&format!(
                "{ID} {label} {seed} {:016x}\n",
                trace_hash(&trace)
            ));
        }
    }
    out
}

#[test]
fn native_hashes_match_the_golden_file() {
    let now = golden_lines();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(GOLDEN_PATH, &now).expect("write the golden file");
    }
    let golden =
        std::fs::read_to_string(GOLDEN_PATH).expect("tests/golden/trace_hashes.txt exists");
    assert_eq!(golden, now, "the model changed: if that was intended, run UPDATE_GOLDEN=1 cargo test --test determinism and commit the file");
}

/// Runs twice and fails at the first tick where the runs part, naming the seed.
fn assert_repeatable(config: &SimConfig, seed: u64, actions: &[ScheduledAction]) -> u64 {
    let (a, _) = run_scripted(config.clone(), seed, actions);
    let (b, _) = run_scripted(config.clone(), seed, actions);
    if let Some(tick) = first_divergence(&a, &b) {
        panic!("seed {seed}: two runs diverge first at tick {tick}");
    }
    assert_eq!(trace_hash(&a), trace_hash(&b), "seed {seed}");
    trace_hash(&a)
}

#[test]
fn the_same_seed_gives_the_same_trace() {
    let s = scenario();
    for seed in [s.seed, 0, 1, u64::MAX] {
        assert_repeatable(&s.config, seed, &s.reference_actions());
        assert_repeatable(&s.config, seed, &[]);
    }
}

#[test]
fn different_seeds_give_different_traces() {
    let s = scenario();
    let hashes: Vec<u64> = (0..8)
        .map(|seed| assert_repeatable(&s.config, seed, &[]))
        .collect();
    let mut unique = hashes.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), hashes.len(), "{hashes:x?}");
}

#[test]
fn the_mixed_script_is_accepted_and_exercises_the_world() {
    let s = scenario();
    let (trace, refused) = run_scripted(s.config.clone(), s.seed, &mixed_actions(&s));
    assert!(refused.is_empty(), "{refused:?}");
    assert_eq!(trace.findings.len(), mixed_actions(&s).len());
    assert!(trace
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::ServerAdded { server: 4 })));
    assert!(trace
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::FaultCured { .. })));
}

#[test]
fn different_actions_give_different_traces() {
    let s = scenario();
    let idle = assert_repeatable(&s.config, s.seed, &[]);
    let one = [scheduled(600, Action::new(ActionKind::ViewMemory))];
    assert_ne!(idle, assert_repeatable(&s.config, s.seed, &one));
}

#[test]
fn stepping_by_hand_equals_a_scripted_run() {
    let s = scenario();
    let actions = s.reference_actions();
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    let mut next = actions.iter().peekable();
    while !sim.is_over() {
        while let Some(a) = next.next_if(|a| a.tick == sim.tick()) {
            sim.apply(a.action.clone())
                .expect("reference actions are accepted");
        }
        sim.step();
    }
    assert_eq!(trace_hash(sim.trace()), trace_hash(&reference_run(&s)));
}

#[test]
fn the_divergence_finder_names_the_first_differing_scrape() {
    let s = scenario();
    let a = idle_run(&s);
    let mut b = a.clone();
    let i = 100;
    b.series.fleet[Metric::ErrorRatePct.index()][i] += 1.0;
    assert_eq!(first_divergence(&a, &b), Some(a.series.ticks[i]));
    assert_eq!(first_divergence(&a, &a.clone()), None);
}

/// What the trainee reads, rendered from the trace (never hashed with it): every finding's text
/// and every host's and dependency's logs over the whole run, for each built-in scenario's real
/// team's path. Pinned, so reshaping the code that words them cannot change a word unseen.
const RENDERED_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/golden/rendered_hashes.txt"
);

fn rendered_lines() -> String {
    use incident_trainer::scenario::library;
    let mut out = String::from("# scenario seed hash of the findings' text, logs' text\n");
    for id in library::ids() {
        let s = library::builtin(id).expect("a built-in scenario builds");
        let trace = run_scripted(s.config.clone(), s.seed, &s.reference_actions()).0;
        let start = s.config.start_s_of_day;
        let findings: String = trace
            .findings
            .iter()
            .map(|f| finding_text(f, &trace, start))
            .collect::<Vec<_>>()
            .join("\n");
        let mut logs = String::new();
        let end = trace.ticks;
        let hosts = (0..trace.series.servers).map(Some).chain([None]);
        for only in hosts {
            for line in logs::render(&trace, 0, end, only) {
                logs.push_str(&line.format(start));
                logs.push('\n');
            }
        }
        let named = (0..s.config.dependencies.len() as u32).map(Dependency::Named);
        for dependency in [Dependency::Database].into_iter().chain(named) {
            for line in logs::render_host(&trace, 0, end, dependency) {
                logs.push_str(&line.format(start));
                logs.push('\n');
            }
        }
        let hash = |text: &str| {
            let mut h = StableHasher::default();
            h.bytes(text.as_bytes());
            h.finish()
        };
        out.push_str(&format!(
            "{id} {} {:016x} {:016x}\n",
            s.seed,
            hash(&findings),
            hash(&logs)
        ));
    }
    out
}

#[test]
fn rendered_text_matches_the_golden_file() {
    let now = rendered_lines();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(RENDERED_PATH, &now).expect("write the golden file");
    }
    let golden = std::fs::read_to_string(RENDERED_PATH).unwrap_or_default();
    assert_eq!(golden, now, "what a tool prints changed: if that was intended, run UPDATE_GOLDEN=1 cargo test --test determinism and commit the file");
}
