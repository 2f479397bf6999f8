//! Hosts are named by the scenario: a list of names or a prefix. Every place a host shows (faults'
//! targets, the reference timeline, actions, findings, logs, servers added by scaling out) uses
//! the scenario's names.

use incident_trainer::scenario::{self, library};
use incident_trainer::sim::render::finding_text;
use incident_trainer::sim::{run_scripted, Action, ActionKind, ScheduledAction};

fn named(edits: &[(&str, &str)]) -> scenario::Scenario {
    let (_, text) = library::BUILTIN[0];
    let mut text = text.to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "{from}");
        text = text.replace(from, to);
    }
    scenario::parse("named.toml", &text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn listed_names_reach_the_targets_findings_and_logs() {
    let s = named(&[
        ("servers = 4", "servers = 4\nhosts = [\"checkout-1a\", \"checkout-1b\", \"checkout-2a\", \"checkout-2b\"]"),
        ("target = \"app-1\"", "target = \"checkout-1b\""),
    ]);
    let (trace, refused) = run_scripted(s.config.clone(), s.seed, &s.reference_actions());
    assert!(refused.is_empty(), "{refused:?}");
    let text: String = trace
        .findings
        .iter()
        .map(|f| finding_text(f, &trace, s.clock.start_s_of_day))
        .collect();
    assert!(text.contains("checkout-2a"), "{text}");
    assert!(!text.contains("app-"), "no built-in names leak: {text}");
    // The real team restarted and profiled the host now called checkout-1b.
    let profiled = trace
        .findings
        .iter()
        .find(|f| f.action.kind == ActionKind::HeapProfile);
    assert_eq!(
        profiled.unwrap().action.target.as_deref(),
        Some("checkout-1b")
    );
    // An unknown name is refused with the real ones.
    let mut sim = incident_trainer::sim::Simulation::new(s.config.clone(), 1);
    let err = sim.apply(Action::on(ActionKind::Top, "app-1")).unwrap_err();
    assert!(
        err.to_string().contains("checkout-1a, checkout-1b"),
        "{err}"
    );
}

#[test]
fn a_prefix_names_every_server_including_those_added() {
    let s = named(&[
        ("servers = 4", "servers = 4\nhost_prefix = \"node\""),
        ("target = \"app-1\"", "target = \"node1\""),
    ]);
    let scale = ScheduledAction {
        tick: 600,
        action: Action::new(ActionKind::ScaleOut),
    };
    let top = ScheduledAction {
        tick: 600 + s.config.fleet.provision_s + 60,
        action: Action::on(ActionKind::Top, "node5"),
    };
    let (trace, refused) = run_scripted(s.config.clone(), s.seed, &[scale, top]);
    assert!(refused.is_empty(), "{refused:?}");
    assert_eq!(
        trace.series.hosts,
        ["node1", "node2", "node3", "node4", "node5"]
    );
}

/// A service that sells nothing: no orders, no revenue, no payment gateway. It runs, its findings
/// and write-ups say nothing of payments, and a payment fault is refused.
#[test]
fn a_service_without_sales_or_a_payment_gateway() {
    let s = named(&[
        (
            "[payment]\nlatency_ms = 400\ntimeout_ms = 8000\nerror_fraction = 0.01\n",
            "",
        ),
        ("orders_per_1k_requests", "# orders_per_1k_requests"),
        ("avg_order_value", "# avg_order_value"),
    ]);
    assert!(!s.sells() && !s.config.payment.present);
    let debrief = incident_trainer::score::Debrief::compute(&s, s.seed, &s.reference_actions());
    assert_eq!(debrief.score, 50.0, "calibration does not depend on sales");
    assert!(!debrief.sells);
    let (trace, _) = run_scripted(
        s.config.clone(),
        s.seed,
        &[ScheduledAction {
            tick: 1800,
            action: Action::new(ActionKind::CheckDependencies),
        }],
    );
    let text = finding_text(&trace.findings[0], &trace, s.clock.start_s_of_day);
    assert!(
        text.contains("database") && !text.contains("payment"),
        "{text}"
    );
    let draft = incident_trainer::score::postmortem::draft(&s, &debrief, &trace, &[]);
    assert!(
        !draft.contains("orders") && !draft.contains("Revenue"),
        "{draft}"
    );
    // A payment fault needs a gateway.
    let (_, text) = library::BUILTIN[0];
    let text = text
        .replace("[payment]\nlatency_ms = 400\ntimeout_ms = 8000\nerror_fraction = 0.01\n", "")
        .replace(
            "[[faults]]\ntype = \"memory_leak\"",
            "[[faults]]\ntype = \"dependency_slowdown\"\nat = \"14:10\"\ndependency = \"payment\"\nlatency_multiplier = 5.0\nduration = \"30m\"\n\n[[faults]]\ntype = \"memory_leak\"",
        );
    let err = scenario::parse("pay.toml", &text).unwrap_err().to_string();
    assert!(
        err.contains("this scenario has no payment gateway"),
        "{err}"
    );
}

/// Traffic as a dashboard showed it: points, interpolated, instead of a daily curve.
#[test]
fn observed_traffic_drives_the_run() {
    let s = named(&[
        ("baseline_rps = 950", "observed = [{ at = \"14:00\", rps = 400 }, { at = \"15:00\", rps = 1000 }]"),
        ("hourly_profile = [", "# hourly_profile = ["),
        ("                  0.92, 0.95, 0.98, 1.00, 1.00, 0.98, 0.95, 0.97, 1.00, 0.90, 0.68, 0.45]", "# 0.92 ..."),
        ("noise = 0.03", "noise = 0.0"),
    ]);
    let (trace, _) = run_scripted(s.config.clone(), s.seed, &[]);
    let rps = |tick: u32| {
        let i = trace.series.scrape_at(tick).unwrap();
        trace
            .series
            .fleet(incident_trainer::sim::Metric::RequestsPerS)[i]
    };
    assert!((rps(1800) - 700.0).abs() < 5.0, "{}", rps(1800));
    assert!(
        (rps(3 * 3600) - 1000.0).abs() < 5.0,
        "held after the last point: {}",
        rps(3 * 3600)
    );
}
