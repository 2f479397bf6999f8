use super::*;
use crate::scenario::library;

const SEED_SCENARIO: &str = "ecommerce-memory-leak";

/// A run as the page would keep it, with the people and an inject a facilitated run has.
fn played(scenario: &Scenario, actions: &[ScheduledAction]) -> RunFile {
    let mut run = play(scenario, scenario.seed, actions);
    run.trainee = Some("Ana Souza".into());
    run.date = Some("2026-12-01".into());
    run.roles.commander = Some("Ana Souza".into());
    run.injects.push(Delivered {
        tick: 600,
        inject: "ceo_asks".into(),
    });
    run
}

fn real_team() -> (Scenario, RunFile) {
    let scenario = library::builtin(SEED_SCENARIO).unwrap();
    let run = played(&scenario, &scenario.reference_actions());
    (scenario, run)
}

/// Forty actions, a minute apart: diagnostics on every server and then the real team's path.
fn forty_actions(scenario: &Scenario) -> Vec<ScheduledAction> {
    let reference = scenario.reference_actions();
    let looks = ["top", "free", "df", "read_logs"];
    let hosts = ["app-1", "app-2", "app-3", "app-4"];
    let mut out: Vec<ScheduledAction> = (0..40 - reference.len())
        .map(|i| ScheduledAction {
            tick: 60 * i as u32,
            action: Action::on(
                crate::sim::ActionKind::from_id(looks[i % 4]).expect("a built-in action"),
                hosts[(i / 4) % 4],
            ),
        })
        .collect();
    let start = out.last().map_or(0, |a| a.tick + 60);
    out.extend(reference.into_iter().map(|mut a| {
        a.tick = a.tick.max(start);
        a
    }));
    out
}

/// The same run, as a link gives it back (the link leaves out what the scenario knows).
fn as_linked(run: &RunFile) -> RunFile {
    let mut run = run.clone();
    run.scenario.title = String::new();
    for action in &mut run.actions {
        action.at = None;
    }
    run
}

#[test]
fn a_run_file_reads_back_and_replays_exactly() {
    let (scenario, run) = real_team();
    let back = read(&run.to_json()).unwrap();
    assert_eq!(back, run);
    let replayed = replay(&back, &scenario);
    assert_eq!(replayed.verdict, Verdict::Exact);
    assert!(replayed.refused.is_empty());
}

#[test]
fn a_link_reads_back_and_replays_exactly() {
    let (scenario, run) = real_team();
    let link = link::encode(&run);
    let back = link::decode(&format!("https://example.org/trainer/#{link}")).unwrap();
    assert_eq!(back, as_linked(&run));
    assert_eq!(replay(&back, &scenario).verdict, Verdict::Exact);

    let forty = played(&scenario, &forty_actions(&scenario));
    assert_eq!(forty.actions.len(), 40);
    let long = link::encode(&forty);
    let back = link::decode(&long).unwrap();
    assert_eq!(back, as_linked(&forty));
    assert_eq!(replay(&back, &scenario).verdict, Verdict::Exact);
    println!(
        "link length: the real team's path ({} actions) {} characters; 40 actions {} characters",
        run.actions.len(),
        link.len() + 1,
        long.len() + 1
    );
    assert!(
        long.len() < 2000,
        "a 40-action link is {} characters",
        long.len()
    );
}

#[test]
fn an_edited_result_is_caught() {
    let (scenario, mut run) = real_team();
    run.result.score = (run.result.score + 10.0).min(100.0);
    let replayed = replay(&read(&run.to_json()).unwrap(), &scenario);
    // The actions still give the very trace recorded: only the score is not today's.
    assert!(matches!(replayed.verdict, Verdict::Rescored { .. }));
    // An edited action changes the trace, so the claimed hash no longer holds.
    let (_, mut run) = real_team();
    run.actions[0].tick += 300;
    let replayed = replay(&run, &scenario);
    assert!(matches!(replayed.verdict, Verdict::Differs { .. }));
}

#[test]
fn a_changed_scenario_is_said_so() {
    let (mut scenario, run) = real_team();
    scenario.content_hash ^= 1;
    let replayed = replay(&run, &scenario);
    assert!(matches!(replayed.verdict, Verdict::OtherVersion { .. }));
    assert!(!replayed.is_exact());
}

#[test]
fn the_scenario_is_found_by_id_and_version() {
    let (scenario, run) = real_team();
    let mut mine = scenario.clone();
    mine.meta.title = "My copy".into();
    // An open scenario of the same version wins over the built-in.
    assert_eq!(scenario_for(&run, &[&mine]).unwrap().meta.title, "My copy");
    mine.content_hash ^= 1;
    assert_eq!(
        scenario_for(&run, &[&mine]).unwrap().meta.title,
        scenario.meta.title
    );
    let mut elsewhere = run.clone();
    elsewhere.scenario.id = "our-own-outage".into();
    assert_eq!(
        scenario_for(&elsewhere, &[]).unwrap_err(),
        RunError::UnknownScenario("our-own-outage".into())
    );
}

#[test]
fn a_tampered_or_cut_link_is_refused_with_a_reason() {
    let (_, run) = real_team();
    let link = link::encode(&run);
    let cut = &link[..link.len() - 7];
    assert_eq!(link::decode(cut).unwrap_err(), RunError::Checksum);
    let mut flipped: Vec<char> = link.chars().collect();
    let at = flipped.len() / 2;
    flipped[at] = if flipped[at] == 'A' { 'B' } else { 'A' };
    let flipped: String = flipped.into_iter().collect();
    assert_eq!(link::decode(&flipped).unwrap_err(), RunError::Checksum);
    assert_eq!(
        link::decode("https://example.org/#seed=4").unwrap_err(),
        RunError::NotALink
    );
    assert!(matches!(
        link::decode("#run=abc%20def").unwrap_err(),
        RunError::BadCharacter { at: 3, found: '%' }
    ));
    assert_eq!(link::decode("#run=").unwrap_err(), RunError::Checksum);
}

#[test]
fn every_way_a_run_file_can_be_wrong_says_where() {
    let (_, run) = real_team();
    let text = run.to_json();
    let err = |text: &str| read(text).unwrap_err().to_string();
    assert!(err(&text[..text.len() / 2]).starts_with("line "));
    assert!(err("[1, 2]").contains("line 1"));
    let swap = |from: &str, to: &str| text.replacen(from, to, 1);
    assert!(err(&swap("incident-trainer-run", "saved-session")).contains("not a run file"));
    assert!(err(&swap("\"version\": 1", "\"version\": 9")).contains("format 9"));
    assert!(err(&swap("\"seed\"", "\"sed\"")).contains("unknown field `sed`"));
    let mut bad = run.clone();
    bad.actions.swap(0, 1);
    assert!(err(&bad.to_json()).contains("`actions[1]`"));
    let mut bad = run.clone();
    bad.ended_at = 10;
    assert!(err(&bad.to_json()).contains("after the run ended"));
    let mut bad = run.clone();
    bad.scenario.content_hash = "xyz".into();
    assert!(err(&bad.to_json()).contains("not 16 hexadecimal digits"));
    let mut bad = run;
    bad.result.score = f64::INFINITY;
    assert!(read(&bad.to_json()).is_err());
}
