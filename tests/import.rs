//! A postmortem becomes a scenario draft that validates, plays, and carries the write-up's
//! times, calibration and measures (the inputs are under tests/postmortems/, each naming its
//! source). Prints the share of each write-up's timeline the import kept.

mod common;

use common::reference_run;
use incident_trainer::scenario::{self, import::import, Scenario};
use std::fs;

fn read(name: &str) -> String {
    fs::read_to_string(format!("tests/postmortems/{name}")).expect("the postmortem reads")
}

/// Imports a write-up, validates the draft with the real validator, and replays its timeline.
fn draft(name: &str) -> (Scenario, String) {
    let imported = import(name, &read(name)).expect("the import reads it");
    let scenario = scenario::parse("draft.toml", &imported.draft).unwrap_or_else(|errors| {
        panic!(
            "the draft of {name} validates:\n{errors}\n{}",
            imported.draft
        )
    });
    let trace = reference_run(&scenario);
    assert!(
        trace.impact.outage_started_at.is_some(),
        "the draft of {name} plays an outage"
    );
    (scenario, imported.draft)
}

fn times(scenario: &Scenario) -> Vec<String> {
    scenario
        .reference
        .iter()
        .map(|r| scenario.hhmm(r.tick))
        .collect()
}

/// The share of the write-up's timeline (its times, read by hand) the draft kept; printed.
fn kept(name: &str, scenario: &Scenario, expected: &[&str]) -> f64 {
    let got = times(scenario);
    let share = expected
        .iter()
        .filter(|t| got.iter().any(|g| g == *t))
        .count() as f64
        / expected.len() as f64;
    println!(
        "{name}: kept {:.0}% of {} timeline lines ({} entries in the draft)",
        share * 100.0,
        expected.len(),
        got.len()
    );
    share
}

#[test]
fn the_structured_seed_gives_its_eight_entries_calibration_and_measures() {
    let (s, text) = draft("seed-structured.txt");
    let expected = [
        "14:30", "14:35", "14:40", "15:00", "15:15", "15:45", "16:30", "16:40",
    ];
    assert_eq!(times(&s), expected);
    assert_eq!(kept("seed-structured", &s, &expected), 1.0);
    assert!(
        text.contains("outage_start = \"14:30\"\nrestored = \"16:40\""),
        "{text}"
    );
    assert!(text.contains("time_zone = \"WAT\"\nutc_offset = \"+01:00\""));
    assert!(text.contains("date = \"2023-05-10\""));
    assert!(text.contains("A server restart was attempted but did not resolve the issue."));
    assert!(text.contains("action = \"restart_server\""));
    let measures: Vec<&str> = s
        .corrective_measures
        .iter()
        .map(|m| m.text.as_str())
        .collect();
    assert_eq!(measures.len(), 6, "{measures:?}");
    assert!(measures[0].starts_with("Regular code reviews with a focus on memory management"));
    assert!(measures[5].starts_with("Updated incident response documentation"));
    assert!(text.contains("memory leak in the application code"));
}

#[test]
fn the_narrative_seed_gives_its_times_from_sentences() {
    let (s, text) = draft("seed-narrative.txt");
    let expected = ["14:30", "15:00", "15:15", "16:45"];
    assert_eq!(kept("seed-narrative", &s, &expected), 1.0);
    assert_eq!(times(&s), expected);
    assert!(
        text.contains("outage_start = \"14:30\"\nrestored = \"16:45\""),
        "{text}"
    );
    assert!(text.contains("date = \"2022-05-10\""));
    let measures: Vec<&str> = s
        .corrective_measures
        .iter()
        .map(|m| m.text.as_str())
        .collect();
    assert_eq!(measures.len(), 4, "{measures:?}");
    assert!(measures[0].starts_with("Instituting regular code reviews"));
    assert!(text.contains("percent") || text.contains("share = 0.80"));
}

#[test]
fn a_twenty_four_hour_utc_table_and_a_pst_narrative() {
    let (s, text) = draft("cloudflare-2019-07-02.md");
    let table = [
        "13:42", "13:45", "13:50", "14:00", "14:02", "14:07", "14:09",
    ];
    assert!(kept("cloudflare-2019-07-02", &s, &table) >= 6.0 / 7.0);
    assert!(
        text.contains("outage_start = \"13:42\"\nrestored = \"14:09\""),
        "{text}"
    );
    assert!(text.contains("time_zone = \"UTC\""));
    assert_eq!(s.corrective_measures.len(), 3);
    let (s, text) = draft("aws-s3-2017-02-28.txt");
    let narrative = ["09:37", "12:26", "13:18", "13:54"];
    assert!(kept("aws-s3-2017-02-28", &s, &narrative) >= 0.75);
    assert!(
        text.contains("time_zone = \"PST\"\nutc_offset = \"-08:00\""),
        "{text}"
    );
    assert_eq!(s.corrective_measures.len(), 4);
}

#[test]
fn a_timeline_in_one_paragraph_gives_an_entry_per_sentence() {
    let (s, text) = draft("runon-paragraph.md");
    let expected = ["13:58", "14:05", "14:12", "14:20", "14:31"];
    assert_eq!(times(&s), expected);
    // Each note is the sentence's words after its time, not the paragraph.
    let notes: Vec<&str> = s.reference.iter().map(|r| r.note.as_str()).collect();
    assert_eq!(notes[1], "the error-rate alert fired.");
    assert_eq!(notes[2], "on-call paged the payments team.");
    // No window is stated: the outage starts at the restore less its stated 33 minutes (the
    // push), not at the page; the share is the users', not the endpoint's error rate.
    assert!(
        text.contains("outage_start = \"13:58\"\nrestored = \"14:31\""),
        "{text}"
    );
    assert!(text.contains("share = 0.40"), "{text}");
    assert!(
        text.contains("below the provider's usual latency"),
        "{text}"
    );
}

#[test]
fn bad_input_gives_a_clear_message() {
    let empty = import("empty.md", "  \n").unwrap_err();
    assert_eq!(
        empty.to_string(),
        "empty.md: the write-up is empty: paste or open a postmortem"
    );
    let none = import("notes.md", "We had an outage. It was bad.").unwrap_err();
    assert!(none.to_string().contains("no time of day found"), "{none}");
    let binary = import("x.bin", "ok\nab\0cd").unwrap_err();
    assert_eq!(binary.line, Some(2));
    for garbage in [
        "12:",
        "99:99 PM",
        "13 PM – x",
        "::::",
        "1:00 PM from 2:00 PM to",
        "\u{2013}1:00 PM",
    ] {
        let _ = import("g.txt", garbage);
    }
}
