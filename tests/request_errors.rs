//! A fault that breaks a share of requests (one endpoint): the error rate is that share while the
//! rest of the site works; the logs name the endpoint; a rollback of the release it came with, or
//! the developers' fix, removes it.

use incident_trainer::scenario::{self, library};
use incident_trainer::sim::{logs, Action, ActionKind, EventKind, Metric, Simulation};

const FAULT: &str = "[[faults]]
type = \"request_errors\"
at = \"14:10\"
share = 0.2
endpoint = \"POST /api/checkout\"
error = \"NullPointerException at PriceFormatter.format\"
deploy = \"v3.15.0\"
";

fn scenario() -> scenario::Scenario {
    // The leak goes; a bad release breaks checkout for a fifth of requests instead.
    with_error("NullPointerException at PriceFormatter.format", "0.2")
}

fn error_rate_at(sim: &Simulation, tick: u32) -> f32 {
    let s = &sim.trace().series;
    s.fleet(Metric::ErrorRatePct)[s.scrape_at(tick).unwrap()]
}

#[test]
fn a_share_of_requests_fails_until_the_release_is_rolled_back() {
    let s = scenario();
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    while sim.tick() < 1800 {
        sim.step();
    }
    assert!(
        error_rate_at(&sim, 500) < 1.0,
        "{}",
        error_rate_at(&sim, 500)
    );
    let broken = error_rate_at(&sim, 1790);
    assert!((broken - 20.0).abs() < 1.5, "the share fails: {broken}");
    // The logs name the endpoint and the error.
    let lines: String = logs::render(sim.trace(), 1200, 1790, None)
        .iter()
        .map(|l| l.format(s.clock.start_s_of_day) + "\n")
        .collect();
    assert!(
        lines.contains("POST /api/checkout 500: NullPointerException at PriceFormatter.format"),
        "{lines}"
    );
    sim.apply(Action::new(ActionKind::RollbackDeploy)).unwrap();
    while sim.tick() < 1800 + 3600 {
        sim.step();
    }
    assert!(sim
        .trace()
        .events
        .first(|k| matches!(k, EventKind::FaultCured { .. }))
        .is_some());
    assert!(error_rate_at(&sim, 1800 + 3590) < 1.0);
    // No more endpoint errors once cured.
    let after: Vec<_> = logs::render(sim.trace(), 1800 + 1800, 1800 + 3590, None)
        .into_iter()
        .filter(|l| l.text.contains("PriceFormatter"))
        .collect();
    assert!(after.is_empty(), "{after:?}");
}

#[test]
fn the_developers_fix_removes_it_too_and_read_logs_is_its_evidence() {
    let s = scenario();
    assert_eq!(s.hypothesis_evidence[0], ["read_logs", "list_deploys"]);
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    sim.apply(Action::new(ActionKind::PageDevelopers)).unwrap();
    while !sim.response().developers_engaged {
        sim.step();
    }
    let correct = s.config.hypotheses.iter().find(|h| h.correct).unwrap();
    sim.apply(Action::on(ActionKind::DeclareHypothesis, &correct.id))
        .unwrap();
    while sim.response().busy_until > sim.tick() {
        sim.step();
    }
    sim.apply(Action::new(ActionKind::ApplyCodeFix)).unwrap();
    sim.run_to_end();
    assert!(sim
        .trace()
        .events
        .first(|k| matches!(k, EventKind::FaultCured { .. }))
        .is_some());
}

#[test]
fn share_and_endpoint_are_checked() {
    let (_, text) = library::BUILTIN[0];
    let bad = FAULT
        .replace("share = 0.2", "share = 1.5")
        .replace("endpoint = \"POST /api/checkout\"\n", "");
    let text = text.replacen("[[faults]]", &format!("{bad}\n[[faults]]"), 1);
    let err = scenario::parse("bad.toml", &text).unwrap_err().to_string();
    assert!(
        err.contains("must be above 0 and at most 1, found 1.5"),
        "{err}"
    );
    assert!(
        err.contains("a request_errors fault needs `endpoint`"),
        "{err}"
    );
}

#[test]
fn a_fault_that_came_with_a_config_push_shows_in_the_diff_and_reverts() {
    let (_, text) = library::BUILTIN[0];
    let start = text.find("[[faults]]").unwrap();
    let end = text[start..].find("[[alerts]]").unwrap() + start;
    let fault = FAULT.replace(
        "deploy = \"v3.15.0\"\n",
        "change = \"checkout.price_formatter: legacy -> v2\"\n",
    );
    let text = format!("{}{fault}\n{}", &text[..start], &text[end..])
        .replace("initial_heap_live_mb = [1435, 1410, 1380, 1345]", "");
    let s = scenario::parse("push.toml", &text).unwrap_or_else(|e| panic!("{e}"));
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    while sim.tick() < 900 {
        sim.step();
    }
    let diff = sim
        .apply(Action::new(ActionKind::DiffConfig))
        .unwrap()
        .clone();
    let text =
        incident_trainer::sim::render::finding_text(&diff, sim.trace(), s.clock.start_s_of_day);
    assert!(
        text.contains("- checkout.price_formatter = legacy\n+ checkout.price_formatter = v2    (pushed 14:10)"),
        "{text}"
    );
    while sim.response().busy_until > sim.tick() {
        sim.step();
    }
    sim.apply(Action::new(ActionKind::RevertConfig)).unwrap();
    while sim.tick() < 900 + 1200 {
        sim.step();
    }
    assert!(error_rate_at(&sim, 900 + 1190) < 1.0);
}

/// The scenario's fault, with its error text and share changed.
fn with_error(error: &str, share: &str) -> scenario::Scenario {
    let (_, text) = library::BUILTIN[0];
    let start = text.find("[[faults]]").unwrap();
    let end = text[start..].find("[[alerts]]").unwrap() + start;
    let fault = FAULT
        .replace("NullPointerException at PriceFormatter.format", error)
        .replace("share = 0.2", &format!("share = {share}"));
    let text = format!("{}{fault}\n{}", &text[..start], &text[end..]);
    let text = text
        .replace("initial_heap_live_mb = [1435, 1410, 1380, 1345]", "")
        .replace(
            "evidence = [\"view_memory\", \"free\", \"heap_profile\"]\n",
            "",
        );
    scenario::parse("errors.toml", &text).unwrap_or_else(|e| panic!("{e}"))
}

fn error_lines(s: &scenario::Scenario) -> Vec<logs::LogLine> {
    let (trace, _) = incident_trainer::sim::run_scripted(s.config.clone(), s.seed, &[]);
    // Read five minutes at a time: one read returns at most the newest 200 lines.
    (0..6)
        .flat_map(|k| logs::render(&trace, 1200 + k * 300, 1499 + k * 300, None))
        .filter(|l| l.text.starts_with("POST /api/checkout"))
        .collect()
}

/// An error that names its status logs that status, and the balancer says what it returns.
#[test]
fn the_logs_show_the_status_the_fault_returns() {
    let s = with_error("502 Bad Gateway", "0.6");
    let (trace, _) = incident_trainer::sim::run_scripted(s.config.clone(), s.seed, &[]);
    let lines = logs::render(&trace, 1200, 1790, None);
    assert!(lines
        .iter()
        .any(|l| l.text == "POST /api/checkout 502 Bad Gateway"));
    assert!(lines.iter().all(|l| !l.text.contains("500: 502")));
    let balancer: Vec<_> = lines.iter().filter(|l| l.host == "lb-1").collect();
    assert!(!balancer.is_empty());
    assert!(
        balancer.iter().all(|l| l.text.contains("answered 502 ")),
        "{balancer:?}"
    );
}

/// A rare failure logs rarely; a common one often.
#[test]
fn error_lines_follow_the_share_failing() {
    let rare = error_lines(&with_error("NullPointerException", "0.008")).len();
    let common = error_lines(&with_error("NullPointerException", "0.6")).len();
    assert!(common >= 40 * rare.max(1), "{rare} vs {common}");
    assert!(common > 100, "{common}");
}
