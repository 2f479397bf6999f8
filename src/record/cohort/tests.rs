use super::csv::quote;
use super::*;
use crate::score::Phase;

const REAL: &str = include_str!("../../../tests/runs/real-team.run.json");
const FIRST: &str = include_str!("../../../tests/runs/mitigate-first.run.json");
const SLOW: &str = include_str!("../../../tests/runs/slow-detour.run.json");

fn cohort() -> Cohort {
    let mut cohort = Cohort::new();
    for (name, text) in [("real", REAL), ("first", FIRST), ("slow", SLOW)] {
        cohort.add_text(name, text, &[]).unwrap();
    }
    cohort
}

#[test]
fn each_run_is_a_row_as_the_debrief_reads_it() {
    let cohort = cohort();
    let [real, first, slow] = &cohort.rows[..] else {
        panic!("three rows")
    };
    assert_eq!(real.trainee, "Priya Nair");
    assert_eq!(first.trainee, "Souza, Ana");
    assert_eq!(real.score, 50.0, "the real team's path scores par");
    assert!(cohort.rows.iter().all(|r| r.version == Version::Exact));
    // The real team's own path meets the real team at every phase it reached.
    for cell in &real.phases {
        assert_eq!(cell.reached_at, cell.reference_at, "{:?}", cell.phase);
    }
    let mitigated = |r: &Row| r.reached(Phase::Mitigation).unwrap().tick;
    assert!(mitigated(first) < mitigated(real));
    assert!(first.score > real.score);
    assert!(
        first.reached(Phase::Resolution).is_some() && slow.reached(Phase::Resolution).is_some()
    );
    // The slow run's detours: the config looked at twice for nothing, and each is on its step.
    assert!(slow.detours >= 2, "{:?}", slow.path);
    let on_steps: f64 = slow.path.iter().map(|s| s.detour_minutes).sum();
    assert!((on_steps - slow.detour_minutes).abs() < 1e-9);
    assert!(slow.path[0].detour_minutes > 0.0, "{:?}", slow.path[0]);
    // A run without a name is called by its place.
    let mut unnamed = crate::record::read_any(REAL).unwrap();
    unnamed.trainee = None;
    let mut more = cohort.clone();
    more.add("four", &unnamed, &[]).unwrap();
    assert_eq!(more.rows[3].trainee, "run 4");
}

#[test]
fn the_error_curves_are_per_minute_shares_of_failed_requests() {
    let cohort = cohort();
    let real = &cohort.rows[0].curve;
    assert_eq!(
        real, &cohort.real_curve,
        "the real team's path is the ghost"
    );
    assert!(real.windows(2).all(|w| w[1].0 == w[0].0 + 60));
    assert!(real.iter().all(|p| (0.0..=100.0).contains(&p.1)));
    let peak = |c: &[(u32, f32)]| c.iter().map(|p| p.1).fold(0.0, f32::max);
    assert!(peak(real) > 10.0, "the outage shows");
    // Mitigating first ends the outage sooner: fewer failing minutes.
    let failing = |c: &[(u32, f32)]| c.iter().filter(|p| p.1 > 5.0).count();
    assert!(failing(&cohort.rows[1].curve) < failing(real));
}

#[test]
fn sorting_by_any_column_keeps_missing_values_last() {
    let mut rows = cohort().rows;
    sort(&mut rows, Column::Score, false);
    assert!(rows.windows(2).all(|w| w[0].score >= w[1].score));
    assert_eq!(rows[0].trainee, "Souza, Ana");
    sort(&mut rows, Column::Score, true);
    assert_eq!(rows[2].trainee, "Souza, Ana");
    sort(&mut rows, Column::Trainee, true);
    let names: Vec<&str> = rows.iter().map(|r| r.trainee.as_str()).collect();
    assert_eq!(names, ["Kim \"KJ\" Jones", "Priya Nair", "Souza, Ana"]);
    let mitigation = Column::Phase(Phase::Mitigation);
    rows[1].phases.retain(|c| c.phase != Phase::Mitigation);
    for up in [true, false] {
        sort(&mut rows, mitigation, up);
        assert!(
            rows[2].reached(Phase::Mitigation).is_none(),
            "missing sorts last either way"
        );
    }
    for column in Column::all() {
        sort(&mut rows, column, true);
        assert_eq!(rows.len(), 3, "{}", column.title());
    }
    assert_eq!(Column::all().len(), 3 + Phase::ALL.len() + 3);
}

#[test]
fn the_csv_quotes_what_it_must() {
    assert_eq!(quote("Ana"), "Ana");
    assert_eq!(quote("Souza, Ana"), "\"Souza, Ana\"");
    assert_eq!(quote("Kim \"KJ\" Jones"), "\"Kim \"\"KJ\"\" Jones\"");
    assert_eq!(quote("two\nlines"), "\"two\nlines\"");
    assert_eq!(quote("=1+1"), "'=1+1", "a name is never a formula");
    let text = csv(&cohort().rows);
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines.len(),
        5,
        "a header, three rows and the last line's end"
    );
    assert!(lines[0].starts_with("trainee,date,seed,mitigated_at,resolved_at,score,detection_at,"));
    assert!(lines[1].starts_with("Priya Nair,2026-12-01,"));
    assert!(lines[2].starts_with("\"Souza, Ana\",2026-12-01,"));
    assert!(lines[3].starts_with("\"Kim \"\"KJ\"\" Jones\",2026-12-02,"));
    let columns = lines[0].split(',').count();
    assert_eq!(columns, 6 + 2 * Phase::ALL.len() + 4);
    assert!(lines[1].contains(",50.0,"));
    assert!(lines[1].ends_with(",exact,real"));
}

#[test]
fn the_paths_merge_into_a_tree_of_steps() {
    let cohort = cohort();
    let tree = cohort.paths();
    let firsts = first_actions(&cohort.rows);
    assert_eq!(firsts.len(), 3, "three different first actions: {firsts:?}");
    assert!(firsts.iter().all(|(_, n)| *n == 1));
    let real = tree
        .iter()
        .find(|n| n.on_real_path)
        .expect("the real team's branch");
    assert_eq!(real.label, "Restart one server (app-1)");
    assert_eq!(
        real.real_team.as_deref(),
        Some("Restart one server (app-1)")
    );
    let slow = tree
        .iter()
        .find(|n| n.label == "Check running config (app-1)")
        .unwrap();
    assert!(!slow.on_real_path);
    assert_eq!(slow.who, ["Kim \"KJ\" Jones"]);
    // The slow run looked at the config twice: the second look is a step below the first,
    // and both lost time.
    assert_eq!(slow.children[0].label, "Check running config (app-1)");
    assert!(slow.detour_minutes > 0.0 && slow.children[0].detour_minutes > 0.0);

    // Two runs that begin alike share a branch and split where they differ.
    let mut twice = cohort.clone();
    let mut again = crate::record::read_any(SLOW).unwrap();
    again.trainee = Some("Lee".into());
    again.actions.truncate(3);
    again.ended_at = again.actions[2].tick;
    twice.add("again", &again, &[]).unwrap();
    let tree = twice.paths();
    let shared = tree
        .iter()
        .find(|n| n.label == "Check running config (app-1)")
        .unwrap();
    assert_eq!(shared.runs, 2);
    assert_eq!(
        tree[0].label, "Check running config (app-1)",
        "the most taken first"
    );
    let third = &shared.children[0].children[0];
    assert_eq!(
        (third.label.as_str(), third.runs),
        ("Diff config against last good", 2)
    );
    assert_eq!(third.children.len(), 1, "only one run went on");
    let steps = walk(&tree);
    assert_eq!(steps[0].depth, 1);
    assert_eq!(
        steps[2].before,
        [
            "Check running config (app-1)",
            "Check running config (app-1)"
        ]
    );
    // A deep path stops branching at the diagram's depth and counts who went on.
    let shallow = path_tree(&twice.rows, &twice.real_path, 2);
    let cut = &shallow[0].children[0];
    assert!(cut.children.is_empty());
    assert_eq!(cut.went_on, 2);
}

#[test]
fn a_run_of_another_scenario_is_refused_with_its_name() {
    let mut cohort = cohort();
    let mut other = crate::record::read_any(REAL).unwrap();
    other.scenario.id = "debug-logs-disk".into();
    other.scenario.title = "The disk that filled with debug logs".into();
    let refusal = cohort.add("disk.run.json", &other, &[]).unwrap_err();
    assert!(matches!(refusal, Refusal::OtherScenario { .. }));
    let line = refusal.to_string();
    assert!(line.starts_with("disk.run.json: "), "{line}");
    assert!(
        line.contains("The disk that filled with debug logs"),
        "{line}"
    );
    assert_eq!(cohort.rows.len(), 3, "the others stay");
    // A bad file says where and what, named.
    let refusal = cohort
        .add_text("cut.run.json", &REAL[..40], &[])
        .unwrap_err();
    assert!(
        refusal.to_string().starts_with("cut.run.json: line "),
        "{refusal}"
    );
    // A link reads as well as a file.
    let link = crate::record::link::encode(&crate::record::read_any(FIRST).unwrap());
    cohort
        .add_text("link 1", &format!("https://example.org/#{link}"), &[])
        .unwrap();
    assert_eq!(cohort.rows[3].trainee, "Souza, Ana");
    assert_eq!(cohort.rows[3].version, Version::Exact);
}
