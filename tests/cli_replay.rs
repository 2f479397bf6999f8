//! `incident-sim replay`: a kept run, from a file or a link, checked against what it claims.

use std::process::{Command, Output};

use incident_trainer::record::{self, link};
use incident_trainer::scenario::{self, library};

fn sim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_incident-sim"))
        .args(args)
        .output()
        .expect("incident-sim runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn temp_file(name: &str, body: &str) -> String {
    let dir = std::env::temp_dir().join(format!("incident-sim-replay-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    path.to_string_lossy().into_owned()
}

fn real_team_run() -> record::RunFile {
    let s = library::builtin("ecommerce-memory-leak").unwrap();
    let mut run = record::play(&s, s.seed, &s.reference_actions());
    run.trainee = Some("Ana".into());
    run
}

#[test]
fn a_run_file_and_its_link_replay_exactly() {
    let run = real_team_run();
    let path = temp_file("real.run.json", &run.to_json());
    let out = sim(&["replay", &path]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("Played by Ana"), "{said}");
    assert!(said.contains("Replays exactly: score"), "{said}");

    let out = sim(&["replay", &path, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["verdict"], "exact");
    assert_eq!(v["score"], v["claimed_score"]);
    assert_eq!(v["trace_hash"], v["claimed_trace_hash"]);

    let url = format!("https://trainer.example/#{}", link::encode(&run));
    let out = sim(&["replay", &url]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn an_edited_run_and_a_changed_scenario_are_not_exact() {
    let mut run = real_team_run();
    run.result.score = 99.0;
    let out = sim(&["replay", &temp_file("edited.run.json", &run.to_json())]);
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out.stdout);
    // Only the score differs: the same trace, scored by today's rules (a file kept before the
    // scoring changed reads the same), and the trace hash named once.
    assert!(
        said.contains("Replays exactly to another score: it claims score 99.0"),
        "{said}"
    );
    assert!(said.contains("an earlier version of the scoring"), "{said}");
    assert_eq!(said.matches(&run.result.trace_hash).count(), 1, "{said}");
    let mut run = real_team_run();
    run.actions[0].tick += 60;
    let out = sim(&["replay", &temp_file("moved.run.json", &run.to_json())]);
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out.stdout);
    assert!(said.contains("Does NOT replay to what it claims"), "{said}");

    // A team's own scenario, played, then edited after the run.
    let source = library::builtin_text("ecommerce-memory-leak")
        .unwrap()
        .replacen("id = \"ecommerce-memory-leak\"", "id = \"our-checkout\"", 1);
    let ours = scenario::parse("ours.toml", &source).unwrap();
    let run = record::play(&ours, ours.seed, &ours.reference_actions());
    let run_path = temp_file("ours.run.json", &run.to_json());
    let played_on = temp_file("ours.toml", &source);
    let out = sim(&["replay", &run_path, "--scenario", &played_on]);
    assert!(out.status.success(), "{}", text(&out.stdout));
    let edited = temp_file(
        "ours-edited.toml",
        &source.replacen("title = \"Checkout down", "title = \"Checkout out", 1),
    );
    let out = sim(&["replay", &run_path, "--scenario", &edited]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("The scenario changed since"));
    // Without the scenario, it says which one it needs.
    let out = sim(&["replay", &run_path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("`our-checkout`"));
}

#[test]
fn a_tampered_link_or_a_broken_file_is_explained() {
    let run = real_team_run();
    let packed = link::encode(&run);
    let cut = format!("https://trainer.example/#{}", &packed[..packed.len() - 5]);
    let out = sim(&["replay", &cut]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("damaged or cut short"));
    let json = run.to_json();
    let broken = temp_file("broken.run.json", &json[..json.len() / 3]);
    let out = sim(&["replay", &broken]);
    assert_eq!(out.status.code(), Some(2));
    let said = text(&out.stderr);
    assert!(
        said.starts_with(&broken) && said.contains("line "),
        "{said}"
    );
}
