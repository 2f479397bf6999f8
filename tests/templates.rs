//! Text computed from the world: a scenario's own findings and log lines as templates over live
//! state, conditional on its faults and the clock, checked where they are written.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::plan;
use incident_trainer::scenario::{library, parse, Scenario};
use incident_trainer::sim::{logs, run_scripted, FindingBody};

const SHOW_RULES: &str = r#"
[[custom_actions]]
id = "show_rules"
title = "Show the managed rules"
category = "diagnostic"
duration = "1m"
finding = "rules file loaded ({if active:waf-rule}200{else}60{end} rules) at {time}; {count:deploys} deploys; {{raw}}"
"#;

fn waf(extra: &str, log_line: &str) -> Result<Scenario, String> {
    let text = library::BUILTIN
        .iter()
        .find(|(name, _)| name.contains("waf-rule-cpu"))
        .map(|(_, text)| *text)
        .unwrap();
    let text = text.replacen("log_lines = [", &format!("log_lines = [{log_line:?}, "), 1);
    let text = text.replacen("[[deploys]]", &format!("{extra}\n[[deploys]]"), 1);
    parse("waf.toml", &text).map_err(|e| e.to_string())
}

#[test]
fn a_finding_says_what_the_world_is_when_it_is_read() {
    let s = waf(SHOW_RULES, "INFO GET /health 200 1ms").unwrap();
    let rows = [("13:35", "show_rules", ""), ("13:50", "show_rules", "")];
    let trace = run_scripted(s.config.clone(), s.seed, &plan(&s, &rows)).0;
    let texts: Vec<String> = trace
        .findings
        .iter()
        .filter_map(|f| match &f.body {
            FindingBody::Output { text } => Some(text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        texts,
        [
            "rules file loaded (60 rules) at 13:35; 0 deploys; {raw}",
            "rules file loaded (200 rules) at 13:50; 0 deploys; {raw}",
        ]
    );
}

#[test]
fn a_log_line_never_shows_a_time_later_than_its_reading() {
    let line = "INFO rules reloaded at {time}{if after:13:45} (after the push){end}";
    let s = waf("", line).unwrap();
    let (trace, _) = run_scripted(s.config.clone(), s.seed, &[]);
    let read_at = s.config.duration_s / 2;
    let own: Vec<_> = logs::render(&trace, 0, read_at, None)
        .into_iter()
        .filter(|l| l.text.starts_with("rules reloaded at"))
        .collect();
    assert!(!own.is_empty(), "the line is logged");
    let after = 15 * 60;
    for l in &own {
        assert!(l.tick <= read_at);
        let shown = &l.text["rules reloaded at ".len().."rules reloaded at ".len() + 5];
        assert_eq!(shown, s.hhmm(l.tick), "{}", l.text);
        assert_eq!(
            l.text.ends_with("(after the push)"),
            l.tick >= after,
            "{}",
            l.text
        );
    }
}

#[test]
fn a_line_whose_condition_leaves_nothing_is_not_logged() {
    let s = waf("", "WARN {if active:waf-rule}edge CPU high{end}").unwrap();
    let (trace, _) = run_scripted(s.config.clone(), s.seed, &[]);
    let fault_at = 12 * 60;
    let lines = logs::render(&trace, 0, s.config.duration_s, None);
    let own: Vec<_> = lines.iter().filter(|l| l.text == "edge CPU high").collect();
    assert!(!own.is_empty());
    assert!(own.iter().all(|l| l.tick >= fault_at));
    assert!(lines.iter().all(|l| !l.text.is_empty()));
}

#[test]
fn a_bad_template_is_refused_where_it_is_written() {
    for (line, expected) in [
        ("INFO {colour}", "`{colour}` is not a placeholder"),
        ("INFO {metric:heap_pct}", "no metric has id `heap_pct`"),
        ("INFO {setting:pool}", "no setting is called `pool`"),
        ("INFO {if active:nope}x{end}", "no fault has id `nope`"),
        (
            "INFO {if after:25:00}x{end}",
            "`25:00` is not a time of day in the run",
        ),
        ("INFO {if active:waf-rule}x", "an `{if ...}` has no `{end}`"),
        ("INFO x{end}", "`{end}` has no `{if ...}` before it"),
        ("INFO {time", "a `{` is not closed by `}`"),
    ] {
        let err = waf("", line).unwrap_err();
        assert!(err.contains("fleet.log_lines #1"), "{line}: {err}");
        assert!(err.contains(expected), "{line}: {err}");
    }
    let err = waf(
        &SHOW_RULES.replace("{count:deploys}", "{count:pages}"),
        "INFO ok",
    )
    .unwrap_err();
    assert!(err.contains("custom_actions #2.finding"), "{err}");
    assert!(err.contains("no count is called `pages`"), "{err}");
}

/// Everyday chatter is the scenario's own service's: its endpoints, or nothing a shop says.
#[test]
fn chatter_follows_the_service_not_a_shop() {
    let shift = library::BUILTIN
        .iter()
        .find(|(name, _)| name.contains("first-shift"))
        .map(|(_, text)| *text)
        .unwrap();
    let unnamed = shift.replacen("\nendpoints = [", "\n# endpoints = [", 1);
    for (text, endpoint) in [(shift.to_string(), "/api/photos"), (unnamed, "/healthz")] {
        let s = parse("shift.toml", &text).unwrap_or_else(|e| panic!("{e}"));
        let (trace, _) = run_scripted(s.config.clone(), s.seed, &[]);
        let lines = logs::render(&trace, 0, 1800, None);
        assert!(lines.iter().all(|l| !l.text.contains("/cart")));
        assert!(
            lines.iter().any(|l| l.text.contains(endpoint)),
            "{endpoint}"
        );
    }
    let err = parse(
        "shift.toml",
        &shift.replacen("\"POST /api/photos\"", "\"upload\"", 1),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("fleet.endpoints #2"), "{err}");
    assert!(err.contains("`upload` is not a method and a path"), "{err}");
}

/// A fault between two of its windows is not active: the flapping feature file reads 60 features
/// while a good file is loaded, and more than 200 while a bad one is.
#[test]
fn active_follows_a_faults_windows() {
    let text = incident_trainer::scenario::library::builtin_text("feature-file-flapping").unwrap();
    let s = incident_trainer::scenario::parse("feature-file-flapping.toml", text).unwrap();
    let mut sim = incident_trainer::sim::Simulation::new(s.config.clone(), s.seed);
    let read_at = |sim: &mut incident_trainer::sim::Simulation, clock_s: u32| {
        while sim.tick() < clock_s {
            sim.step();
        }
        let f = sim
            .apply(incident_trainer::sim::Action::custom(
                "inspect_feature_file",
                None,
            ))
            .unwrap()
            .clone();
        incident_trainer::sim::render::finding_text(&f, sim.trace(), 11 * 3600)
    };
    let bad = read_at(&mut sim, 30 * 60);
    assert!(bad.contains("412 rows"), "{bad}");
    let good = read_at(&mut sim, 38 * 60);
    assert!(good.contains("60 features, 60 rows"), "{good}");
}
