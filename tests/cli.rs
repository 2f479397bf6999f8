//! The command line, as an author or CI uses it.

use std::process::{Command, Output};

fn sim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_incident-sim"))
        .args(args)
        .output()
        .expect("incident-sim runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn temp_file(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("incident-sim-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn run_json_has_the_documented_fields() {
    let out = sim(&[
        "run",
        "ecommerce-memory-leak",
        "--json",
        "--check-determinism",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["trace_hash"].as_str().unwrap().len(), 16);
    assert_eq!(v["restored_at"]["clock"], "16:37");
    assert_eq!(v["restored_at"]["tick"], 9470);
    assert_eq!(v["outage_started_at"]["clock"], "14:28");
    assert!((v["peak_users_affected_pct"].as_f64().unwrap() - 80.0).abs() < 8.0);
    let milestones = v["milestones"].as_array().unwrap();
    assert_eq!(milestones.len(), 8);
    assert_eq!(milestones[0]["id"], "alert");
    assert_eq!(milestones[0]["reference_at"]["clock"], "14:30");
}

#[test]
fn doing_nothing_reports_no_restore() {
    let out = sim(&[
        "run",
        "ecommerce-memory-leak",
        "--actions",
        "none",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["restored_at"], serde_json::Value::Null);
}

#[test]
fn an_actions_file_drives_the_run_and_seeds_change_it() {
    let file = temp_file(
        "actions.json",
        r#"[{"at": "14:35", "action": "restart_all"}, {"at": "14:40", "action": "heap_profile", "target": "app-9"}]"#,
    );
    let out = sim(&[
        "run",
        "ecommerce-memory-leak",
        "--actions",
        &file,
        "--seed",
        "9",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("seed 9, 2 action(s)"), "{text}");
    assert!(
        text.contains("refused at 14:40: heap_profile app-9: there is no host `app-9`"),
        "{text}"
    );
}

#[test]
fn validate_passes_good_files_and_fails_bad_ones() {
    let good = sim(&["validate", "scenarios/ecommerce-memory-leak.toml"]);
    assert!(good.status.success(), "{}", stderr(&good));
    assert!(stdout(&good).starts_with("ok: scenarios/ecommerce-memory-leak.toml"));
    let bad_file = temp_file("bad.toml", "[scenario]\nid = \"Bad Id\"\n");
    let bad = sim(&[
        "validate",
        "scenarios/ecommerce-memory-leak.toml",
        &bad_file,
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("missing field `title`"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn mistakes_on_the_command_line_are_explained() {
    let out = sim(&["run", "no-such-scenario"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no built-in scenario `no-such-scenario`"),
        "{}",
        stderr(&out)
    );
    let out = sim(&["run", "ecommerce-memory-leak", "--seed", "x"]);
    assert!(
        stderr(&out).contains("invalid value 'x' for '--seed <N>'"),
        "{}",
        stderr(&out)
    );
    let out = sim(&["frobnicate"]);
    assert!(stderr(&out).contains("Usage:"));
}

#[test]
fn actions_lists_the_catalogue() {
    let out = stdout(&sim(&["actions"]));
    assert_eq!(
        out.lines().count(),
        1 + incident_trainer::sim::CATALOGUE.len()
    );
    assert!(out.contains("apply_code_fix"));
}

#[test]
fn csv_export_has_a_row_per_scrape_and_a_column_per_metric() {
    let path = std::env::temp_dir().join(format!("incident-sim-series-{}.csv", std::process::id()));
    let out = sim(&[
        "run",
        "ecommerce-memory-leak",
        "--actions",
        "none",
        "--csv",
        path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = std::fs::read_to_string(&path).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(header[0], "time");
    assert_eq!(header.len(), 1 + incident_trainer::sim::Metric::ALL.len());
    assert!(header.contains(&"error_rate_pct"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 4 * 360, "a row every 10 s for 4 hours");
    assert!(rows[0].starts_with("14:00:10,"));
    assert!(rows.last().unwrap().starts_with("18:00:00,"));
}

/// `score --json` for three scripted runs, pinned (regenerate with `UPDATE_SNAPSHOTS=1`, then read
/// the diff): the real team's path, a fast expert, and a run that never restores.
#[test]
fn score_json_snapshots() {
    let expert = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/runs/expert.json");
    for (name, actions, score) in [
        ("score_real_team", "reference", Some(50.0)),
        ("score_expert", expert, None),
        ("score_never_restores", "none", None),
    ] {
        let out = sim(&[
            "score",
            "ecommerce-memory-leak",
            "--actions",
            actions,
            "--json",
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        let path = format!("{}/tests/snapshots/{name}.json", env!("CARGO_MANIFEST_DIR"));
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::write(&path, &text).unwrap();
        }
        assert_eq!(text, std::fs::read_to_string(&path).unwrap(), "{name}");
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        if let Some(score) = score {
            assert_eq!(v["score"], score);
        }
    }
}

#[test]
fn score_prints_the_breakdown_and_writes_the_postmortem() {
    let md = std::env::temp_dir().join(format!("pm-{}.md", std::process::id()));
    let md = md.to_string_lossy().into_owned();
    let out = sim(&["score", "ecommerce-memory-leak", "--postmortem", &md]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("score 50.0 of 100"), "{text}");
    assert!(text.contains("the real team's detours: 3"), "{text}");
    let draft = std::fs::read_to_string(&md).unwrap();
    assert!(draft.starts_with("# Postmortem: "), "{draft}");
    let bad = sim(&["score", "ecommerce-memory-leak", "--csv", "x.csv"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn every_subcommand_answers_help() {
    for sub in [
        "run", "score", "solve", "validate", "actions", "list", "schema", "replay",
    ] {
        let out = sim(&[sub, "--help"]);
        assert!(out.status.success(), "{sub}: {}", stderr(&out));
        assert!(stdout(&out).contains("Usage: incident-sim"), "{sub}");
    }
    let out = sim(&["--help"]);
    assert!(stdout(&out).contains("score"));
}

#[test]
fn run_findings_shows_what_every_diagnostic_showed() {
    let out = sim(&["run", "ecommerce-memory-leak", "--findings"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("== heap_profile app-1 at 15:17 (ready 15:22)"),
        "{text}"
    );
    assert!(
        text.contains("CartSnapshotRegistry"),
        "the heap profile names the leaking site"
    );
    assert!(text.contains("== diff_config at 14:42"), "{text}");
}

#[test]
fn solve_proves_the_built_in_scenario_sound() {
    let out = sim(&["solve", "ecommerce-memory-leak", "--seeds", "1", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["sound"], true);
    let seed = &v["seeds"][0];
    assert_eq!(seed["reference_restored_at"]["clock"], "16:37");
    assert_eq!(seed["idle_restored_at"], serde_json::Value::Null);
    assert!(seed["best_path"].as_array().unwrap().len() >= 3);
}

#[test]
fn import_writes_a_draft_that_validates_and_says_what_it_found() {
    let out = temp_file("draft.toml", "");
    let done = sim(&[
        "import",
        "tests/postmortems/seed-structured.txt",
        "--out",
        &out,
    ]);
    assert!(done.status.success(), "{}", stderr(&done));
    let summary = stderr(&done);
    assert!(summary.contains("8 timeline entries"), "{summary}");
    assert!(
        summary.contains("calibration: outage 14:30 to restore 16:40"),
        "{summary}"
    );
    assert!(summary.contains("Left to decide:"), "{summary}");
    let checked = sim(&["validate", &out]);
    assert!(stdout(&checked).starts_with("ok:"), "{}", stderr(&checked));
    let printed = sim(&["import", "tests/postmortems/seed-narrative.txt"]);
    assert!(stdout(&printed).contains("[[reference]]\nat = \"14:30\""));
    let empty = sim(&["import", &temp_file("empty.md", "\n")]);
    assert_eq!(empty.status.code(), Some(2));
    assert!(
        stderr(&empty).contains("empty.md: the write-up is empty"),
        "{}",
        stderr(&empty)
    );
}
