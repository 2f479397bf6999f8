use super::*;
use crate::record::cohort::Column;
use crate::ui::chart::{DARK, LIGHT};

const REAL: &str = include_str!("../../../../tests/runs/real-team.run.json");
const FIRST: &str = include_str!("../../../../tests/runs/mitigate-first.run.json");

fn loaded() -> CohortPage {
    let mut page = CohortPage::new();
    page.queue(
        vec![
            ("real.run.json".into(), Arrived::Text(REAL.into())),
            ("cut.run.json".into(), Arrived::Text(REAL[..60].into())),
            ("first.run.json".into(), Arrived::Text(FIRST.into())),
            (
                "gone.run.json".into(),
                Arrived::Unreadable("NotFoundError".into()),
            ),
        ],
        1000.0,
    );
    page
}

#[test]
fn inputs_replay_one_per_step_with_a_progress_line() {
    let mut page = loaded();
    assert_eq!(page.pending(), 4);
    assert_eq!(page.progress().unwrap(), "Replaying run 1 of 4…");
    assert!(page.step(&[]));
    assert_eq!(page.cohort.rows.len(), 1);
    assert_eq!(page.progress().unwrap(), "Replaying run 2 of 4…");
    while page.step(&[]) {}
    assert!(
        !page.idle(),
        "the time is not kept until the page has shown it"
    );
    page.shown(3500.0);
    assert!(page.idle());
    assert_eq!(
        page.progress().unwrap(),
        "Loaded 2 of 4 inputs in 2.5 s, 2 left out."
    );
    assert_eq!(page.problems.len(), 2);
    assert!(
        page.problems[0].starts_with("cut.run.json: line "),
        "{}",
        page.problems[0]
    );
    assert_eq!(
        page.problems[1],
        "gone.run.json: the file could not be read: NotFoundError"
    );
    // A second batch counts from nothing.
    page.paste("\n  \n", 4000.0);
    assert_eq!(page.pending(), 0);
    let link = crate::record::link::encode(&crate::record::read(FIRST).unwrap());
    page.paste(
        &format!("https://example.org/#{link}\nnot a link\n"),
        5000.0,
    );
    while page.step(&[]) {}
    page.shown(5400.0);
    assert_eq!(
        page.progress().unwrap(),
        "Loaded 1 of 2 inputs in 0.4 s, 1 left out."
    );
    assert!(
        page.problems[2].starts_with("link 2: "),
        "{}",
        page.problems[2]
    );
    assert_eq!(page.cohort.rows[2].source, "link 1");
}

#[test]
fn the_table_sorts_by_a_header_and_says_how() {
    let mut page = loaded();
    while page.step(&[]) {}
    assert_eq!(aria_sort(page.sort, Column::Score), "descending");
    assert_eq!(page.rows()[0].trainee, "Souza, Ana");
    page.sort_by(Column::Score);
    assert_eq!(aria_sort(page.sort, Column::Score), "ascending");
    assert_eq!(page.rows()[0].trainee, "Priya Nair");
    page.sort_by(Column::Trainee);
    assert_eq!(aria_sort(page.sort, Column::Trainee), "ascending");
    assert_eq!(aria_sort(page.sort, Column::Score), "none");
    assert_eq!(page.rows()[0].trainee, "Priya Nair");
    page.clear();
    assert!(page.cohort.rows.is_empty() && page.problems.is_empty() && page.progress().is_none());
}

#[test]
fn the_chart_draws_every_run_over_the_real_team() {
    let mut page = loaded();
    while page.step(&[]) {}
    let spec = curves_spec(&page.cohort, DARK, 1.0, 400);
    let labels: Vec<&str> = spec.lines.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(labels, ["Priya Nair", "Souza, Ana", "real team"]);
    let real = spec.lines.last().unwrap();
    assert!(
        real.dashed && real.color == DARK.text,
        "the real team stands apart"
    );
    assert_ne!(spec.lines[0].color, spec.lines[1].color);
    assert_eq!(
        curves_spec(&page.cohort, LIGHT, 1.0, 400).lines[2].color,
        LIGHT.text
    );
    assert!(spec.lines.iter().all(|l| !l.points.is_empty()));
    let mut svg = String::new();
    {
        use plotters::prelude::*;
        let area = SVGBackend::with_string(&mut svg, (800, 300)).into_drawing_area();
        crate::ui::chart::draw(&area, &spec).unwrap();
    }
    assert!(svg.contains("Souza, Ana") && svg.contains("real team"));
    let words = curves_summary(&page.cohort);
    assert!(
        words.starts_with("Minutes with over 5% of requests failing: the real team "),
        "{words}"
    );
    assert!(words.contains("Souza, Ana "), "{words}");
}

#[test]
fn cells_say_when_and_against_whom() {
    assert_eq!(gained_words(Some(4)), "4 min ahead");
    assert_eq!(gained_words(Some(-12)), "12 min behind");
    assert_eq!(gained_words(Some(0)), "level");
    assert_eq!(gained_words(None), "");
    assert_eq!(clock_cell(None), "—");
}

#[test]
fn runs_that_do_not_replay_exactly_are_named_over_the_table() {
    let mut page = loaded();
    while page.step(&[]) {}
    assert_eq!(trust_note(&page.cohort.rows), None);
    let mut edited = crate::record::read(FIRST).unwrap();
    edited.result.score = 99.0;
    edited.trainee = Some("Max".into());
    let mut moved_on = crate::record::read(FIRST).unwrap();
    moved_on.actions[0].tick += 60;
    moved_on.trainee = Some("Ola".into());
    let mut moved = crate::record::read(REAL).unwrap();
    moved.scenario.content_hash = "0123456789abcdef".into();
    page.queue(
        vec![
            ("e".into(), Arrived::Text(edited.to_json())),
            ("t".into(), Arrived::Text(moved_on.to_json())),
            ("m".into(), Arrived::Text(moved.to_json())),
        ],
        0.0,
    );
    while page.step(&[]) {}
    let note = trust_note(&page.cohort.rows).unwrap();
    assert!(
        note.contains("Replayed exactly to another score than they claim (scored by an earlier version of the scoring, or edited; the table shows today's): Max."),
        "{note}"
    );
    assert!(
        note.contains(
            "Edited since it was played (its actions do not give the trace it claims): Ola."
        ),
        "{note}"
    );
    assert!(note.contains("Played on another version of the scenario (replayed on this one, so not exactly what happened): Priya Nair."), "{note}");
}
