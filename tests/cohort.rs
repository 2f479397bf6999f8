//! The run files under `tests/runs/` that the cohort review is tested with (natively and in the
//! browser): three paths through the memory-leak incident, played headless and written as the
//! page writes them. Regenerate with `UPDATE_RUNS=1 cargo test --test cohort`; without it, a file
//! that no longer matches what its path plays (the model or the format moved) fails here.

mod common;

use incident_trainer::record::{self, replay, RunFile, Verdict};
use incident_trainer::scenario::Scenario;
use incident_trainer::sim::{Action, ActionKind, ScheduledAction};

/// A path played headless, with who played it and when.
fn played(scenario: &Scenario, actions: &[ScheduledAction], who: &str, date: &str) -> RunFile {
    let mut run = record::play(scenario, scenario.seed, actions);
    run.trainee = Some(who.to_string());
    run.date = Some(date.to_string());
    run
}

/// A path written as (local time, action id, target).
fn path(scenario: &Scenario, steps: &[(&str, &str, Option<&str>)]) -> Vec<ScheduledAction> {
    steps
        .iter()
        .map(|(at, id, target)| {
            let kind = ActionKind::from_id(id).expect("a built-in action");
            ScheduledAction {
                tick: common::tick(scenario, at),
                action: match target {
                    Some(t) => Action::on(kind, t),
                    None => Action::new(kind),
                },
            }
        })
        .collect()
}

/// The three runs: (file, trainee, run). Names with a comma and with quotes, as a CSV must take.
fn runs(scenario: &Scenario) -> Vec<(&'static str, RunFile)> {
    let mitigate_first = path(
        scenario,
        &[
            ("14:31", "restart_all", None),
            ("14:33", "declare_severity", Some("sev1")),
            ("14:34", "update_status_page", None),
            ("14:36", "view_memory", None),
            ("14:38", "page_developers", None),
            ("14:40", "declare_hypothesis", Some("memory_leak")),
            ("14:55", "apply_code_fix", None),
            ("15:10", "declare_resolved", None),
        ],
    );
    let slow = path(
        scenario,
        &[
            ("14:34", "check_config", Some("app-1")),
            ("14:37", "check_config", Some("app-1")),
            ("14:40", "diff_config", None),
            ("14:45", "read_logs", Some("app-2")),
            ("15:05", "view_memory", None),
            ("15:10", "page_developers", None),
            ("15:12", "declare_severity", Some("sev2")),
            ("15:13", "update_status_page", None),
            ("15:30", "declare_hypothesis", Some("memory_leak")),
            ("15:45", "apply_code_fix", None),
            ("16:05", "declare_resolved", None),
        ],
    );
    vec![
        (
            "real-team.run.json",
            played(
                scenario,
                &scenario.reference_actions(),
                "Priya Nair",
                "2026-12-01",
            ),
        ),
        (
            "mitigate-first.run.json",
            played(scenario, &mitigate_first, "Souza, Ana", "2026-12-01"),
        ),
        (
            "slow-detour.run.json",
            played(scenario, &slow, "Kim \"KJ\" Jones", "2026-12-02"),
        ),
    ]
}

#[test]
fn the_committed_run_files_are_what_their_paths_play() {
    let scenario = common::scenario();
    for (file, run) in runs(&scenario) {
        let path = format!("{}/tests/runs/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = run.to_json() + "\n";
        if std::env::var_os("UPDATE_RUNS").is_some() {
            std::fs::write(&path, &text).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!("missing {path}: run UPDATE_RUNS=1 cargo test --test cohort")
        });
        assert_eq!(
            committed, text,
            "tests/runs/{file} is stale: run UPDATE_RUNS=1 cargo test --test cohort and read the diff"
        );
        let back = incident_trainer::record::read(&committed).unwrap();
        assert_eq!(replay(&back, &scenario).verdict, Verdict::Exact, "{file}");
    }
}
