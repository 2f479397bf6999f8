//! Actions a scenario defines: they appear beside the built-in ones (menu, command line, actions
//! files, the solver), show the author's finding, and cure their fault or change their setting
//! when they land, not before.

use incident_trainer::scenario::{self, library, script};
use incident_trainer::sim::render::finding_text;
use incident_trainer::sim::{
    run_scripted, trace_hash, Action, ActionError, ActionKind, EventKind, FindingBody, Setting,
    Simulation,
};

const ACTIONS: &str = r#"
[[custom_actions]]
id = "inspect_cart_registry"
title = "Inspect the cart snapshot registry"
category = "diagnostic"
target = "host"
duration = "3m"
help = "Counts the snapshots the registry holds on one server."
finding = "{host}: CartSnapshotRegistry holds 1,284,113 snapshots; none are ever removed."

[[custom_actions]]
id = "purge_cart_snapshots"
title = "Purge the cart snapshot registry"
category = "remediation"
duration = "5m"
finding = "The developers' admin endpoint now purges snapshots older than a session."
cures = ["cart-leak"]
needs_developers = true

[[custom_actions]]
id = "disable_health_checks"
title = "Disable the load balancer's health checks"
category = "remediation"
duration = "2m"
finding = "Health checks are off: every running server stays in rotation."
sets = { health_checks = 0 }
"#;

fn with_actions(extra: &[(&str, &str)]) -> scenario::Scenario {
    let (_, text) = library::BUILTIN[0];
    let mut text = text.replacen(
        "type = \"memory_leak\"",
        "type = \"memory_leak\"\nid = \"cart-leak\"",
        1,
    );
    text.push_str(ACTIONS);
    for (from, to) in extra {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    scenario::parse("custom.toml", &text).unwrap_or_else(|e| panic!("{e}"))
}

fn at(loaded: &scenario::Scenario, hhmm: &str) -> u32 {
    let (h, m) = hhmm.split_once(':').unwrap();
    let local = h.parse::<u32>().unwrap() * 3600 + m.parse::<u32>().unwrap() * 60;
    local - loaded.clock.start_s_of_day
}

#[test]
fn a_custom_diagnostic_shows_the_authors_text_for_the_host() {
    let s = with_actions(&[]);
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    let action = Action::custom("inspect_cart_registry", Some("app-3"));
    let finding = sim.apply(action.clone()).unwrap().clone();
    assert_eq!(finding.ready_at - finding.issued_at, 180);
    assert!(matches!(finding.body, FindingBody::Output { .. }));
    let text = finding_text(&finding, sim.trace(), s.clock.start_s_of_day);
    assert!(text.contains("app-3: CartSnapshotRegistry holds"), "{text}");
    // It takes a host, like built-in host actions.
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    let err = sim
        .apply(Action::custom("inspect_cart_registry", None))
        .unwrap_err();
    assert!(matches!(err, ActionError::MissingTarget { .. }), "{err}");
    // An id the scenario does not define is refused by name.
    let err = sim
        .apply(Action::custom("reboot_the_world", None))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "there is no action `reboot_the_world` in this scenario"
    );
}

#[test]
fn a_custom_remediation_cures_its_fault_when_it_lands() {
    let s = with_actions(&[]);
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    let purge = Action::custom("purge_cart_snapshots", None);
    assert_eq!(
        sim.vet(&purge).unwrap_err(),
        ActionError::DevelopersNotEngaged {
            who: "the developers".into()
        }
    );
    sim.apply(Action::new(ActionKind::PageDevelopers)).unwrap();
    while !sim.response().developers_engaged {
        sim.step();
    }
    let issued = sim.tick();
    sim.apply(purge.clone()).unwrap();
    // A second purge while the first is under way is refused.
    while sim.tick() < issued + 299 {
        sim.step();
    }
    assert!(sim.vet(&purge).is_err());
    let cured = |sim: &Simulation| {
        sim.trace()
            .events
            .first(|k| matches!(k, EventKind::FaultCured { .. }))
            .map(|e| e.tick)
    };
    assert_eq!(cured(&sim), None, "nothing is cured before it lands");
    sim.step();
    sim.step();
    assert_eq!(cured(&sim), Some(issued + 300));
    // Done is done.
    let err = sim.vet(&purge).unwrap_err();
    assert!(err.to_string().contains("already done"), "{err}");
}

#[test]
fn a_setting_changes_the_running_world() {
    let s = with_actions(&[]);
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    assert_eq!(sim.setting(Setting::HealthChecks), 1.0);
    sim.apply(Action::custom("disable_health_checks", None))
        .unwrap();
    for _ in 0..121 {
        sim.step();
    }
    assert_eq!(sim.setting(Setting::HealthChecks), 0.0);
    let changed = sim
        .trace()
        .events
        .first(|k| matches!(k, EventKind::SettingChanged { .. }))
        .unwrap();
    assert_eq!(changed.tick, 120);
    // With checks off, a server stalled in GC is never marked down: run the afternoon with no
    // other action and count the servers taken out of rotation after the change.
    sim.run_to_end();
    let marked_down = sim
        .trace()
        .events
        .iter()
        .filter(|e| e.tick > 120 && matches!(e.kind, EventKind::MarkedDown { .. }))
        .count();
    assert_eq!(marked_down, 0);
}

#[test]
fn actions_files_the_reference_milestones_and_evidence_name_them() {
    let s = with_actions(&[
        (
            "[[lessons]]",
            "[[reference]]\nat = \"16:50\"\naction = \"inspect_cart_registry\"\ntarget = \"app-2\"\nnote = \"a later check\"\nsource = \"004\"\n\n[[lessons]]",
        ),
        (
            "evidence = [\"view_memory\", \"free\", \"heap_profile\"]",
            "evidence = [\"view_memory\", \"free\", \"heap_profile\", \"inspect_cart_registry\"]",
        ),
        (
            "[[milestones]]",
            "[[milestones]]\nid = \"registry\"\ntitle = \"Registry inspected\"\nwhen = \"action:inspect_cart_registry\"\n\n[[milestones]]",
        ),
    ]);
    let reference = s.reference_actions();
    let last = reference.last().unwrap();
    assert_eq!(
        last.action,
        Action::custom("inspect_cart_registry", Some("app-2"))
    );
    assert!(s.hypothesis_evidence[0].contains(&"inspect_cart_registry".to_string()));
    // The actions file format names them like built-in ones, both ways.
    let json = script::to_json(&reference, &s);
    assert!(
        json.contains("\"action\": \"inspect_cart_registry\""),
        "{json}"
    );
    let back = script::parse_actions("run.json", &json, &s).unwrap();
    assert_eq!(back, reference);
    let (trace, refused) = run_scripted(s.config.clone(), s.seed, &back);
    assert!(refused.is_empty(), "{refused:?}");
    let reached = incident_trainer::score::reached(&s, &trace);
    let registry = reached.iter().find(|m| m.id == "registry").unwrap();
    assert_eq!(registry.reached_at, Some(at(&s, "16:50")));
    // The same run twice is the same trace.
    let (again, _) = run_scripted(s.config.clone(), s.seed, &back);
    assert_eq!(trace_hash(&trace), trace_hash(&again));
}

#[test]
fn the_solver_tries_them() {
    // A purge anyone may run stops the leak (the full heaps still need a restart): the search
    // must find it, faster than waiting for the developers' fix.
    let s = with_actions(&[("needs_developers = true", "needs_developers = false")]);
    let report = incident_trainer::prove::solve(&s, 1);
    let seed = &report.seeds[0];
    let path: Vec<&str> = seed.best_path.iter().map(|p| p.action.as_str()).collect();
    assert!(path.contains(&"purge_cart_snapshots"), "{path:?}");
    assert!(!path.contains(&"apply_code_fix"), "{path:?}");
    // Alone it is no cure (the heaps stay full), so it is not reported as one.
    assert!(seed.lone_cures.is_empty(), "{seed:?}");
}

#[test]
fn check_agrees_with_apply_for_them() {
    let s = with_actions(&[]);
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    let actions = [
        Action::custom("inspect_cart_registry", Some("app-1")),
        Action::custom("inspect_cart_registry", Some("app-9")),
        Action::custom("inspect_cart_registry", None),
        Action::custom("purge_cart_snapshots", None),
        Action::custom("purge_cart_snapshots", Some("app-1")),
        Action::custom("disable_health_checks", None),
        Action::custom("no_such_action", None),
    ];
    let mut checked = 0;
    for minute in 0..240 {
        while sim.tick() < minute * 60 {
            sim.step();
        }
        if minute == 30 {
            sim.apply(Action::new(ActionKind::PageDevelopers)).unwrap();
        }
        for action in &actions {
            let before = trace_hash(sim.trace());
            let verdict = sim.vet(action);
            assert_eq!(trace_hash(sim.trace()), before, "check changed the world");
            let mut probe = sim.clone();
            assert_eq!(
                verdict,
                probe.apply(action.clone()).map(|_| ()),
                "{action} at minute {minute}"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 240 * actions.len());
}

#[test]
fn an_action_and_a_cause_can_wait_until_a_finding_points_to_them() {
    // The leak hypothesis is unknown until a memory view has shown the growth.
    let text = library::BUILTIN[0].1.replacen(
        "[[hypotheses]]\nid = \"memory_leak\"",
        "[[hypotheses]]\nid = \"memory_leak\"\nrevealed_by = [\"view_memory\"]",
        1,
    );
    // Alone, the leak appearing after the view would be the answer handed out.
    let alone = scenario::parse("alone.toml", &text).unwrap_err();
    let at: Vec<&str> = alone.diagnostics.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(at, ["hypotheses[0].revealed_by[0]"], "{alone}");
    assert!(
        alone.to_string().contains("gives the answer away"),
        "{alone}"
    );
    // With a rival the same view makes plausible, it is one cause among others.
    let text = text.replacen(
        "[[hypotheses]]\nid = \"traffic_spike\"",
        "[[hypotheses]]\nid = \"traffic_spike\"\nrevealed_by = [\"view_memory\"]",
        1,
    );
    let hinted = scenario::parse("revealed.toml", &text).unwrap_or_else(|e| panic!("{e}"));
    let leak = Action::on(ActionKind::DeclareHypothesis, "memory_leak");
    let mut sim = Simulation::new(hinted.config.clone(), hinted.seed);
    // At 14:02 a memory view shows no growth yet: still unknown.
    while sim.tick() < 120 {
        sim.step();
    }
    sim.apply(Action::new(ActionKind::ViewMemory)).unwrap();
    while sim.tick() < 31 * 60 {
        sim.step();
    }
    let unknown = sim.vet(&leak).unwrap_err();
    assert!(
        matches!(unknown, ActionError::UnknownHypothesis { .. }),
        "{unknown}"
    );
    // During the outage the same view shows it: now it is known.
    sim.apply(Action::new(ActionKind::ViewMemory)).unwrap();
    while sim.tick() < 33 * 60 {
        sim.step();
    }
    assert_eq!(sim.vet(&leak), Ok(()));
}

#[test]
fn a_remedy_named_for_its_cause_waits_for_that_cause_to_be_declared() {
    // The purge cures the leak: revealed by the memory view, it would come beside the causes
    // that view makes plausible and say which is right. Refused, at the place, with the way out.
    let revealed = "needs_developers = true\nrevealed_by = [\"view_memory\"]";
    let mut text = library::BUILTIN[0].1.replacen(
        "type = \"memory_leak\"",
        "type = \"memory_leak\"\nid = \"cart-leak\"",
        1,
    );
    text.push_str(ACTIONS);
    let e = scenario::parse(
        "x.toml",
        &text.replacen("needs_developers = true", revealed, 1),
    )
    .unwrap_err();
    let at: Vec<&str> = e.diagnostics.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(at, ["custom_actions[1].revealed_by"], "{e}");
    assert!(e.to_string().contains("gives the right one away"), "{e}");
    assert!(e.to_string().contains("revealed_by_cause"), "{e}");
    // A cause that is not there is refused by name, with those that are.
    let wrong = "needs_developers = true\nrevealed_by_cause = \"memory_leek\"";
    let e = scenario::parse(
        "x.toml",
        &text.replacen("needs_developers = true", wrong, 1),
    )
    .unwrap_err();
    assert_eq!(e.diagnostics[0].path, "custom_actions[1].revealed_by_cause");
    assert!(e.to_string().contains("memory_leak, "), "{e}");
    // Waiting for its cause: unknown (and refused) until the leak is declared, known after,
    // and still known once another cause is declared.
    let s = with_actions(&[(
        "needs_developers = true",
        "needs_developers = true\nrevealed_by_cause = \"memory_leak\"",
    )]);
    let purge = Action::custom("purge_cart_snapshots", None);
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    sim.apply(Action::new(ActionKind::PageDevelopers)).unwrap();
    while sim.tick() < 40 * 60 {
        sim.step();
    }
    let info = s.config.action_info("purge_cart_snapshots").unwrap();
    assert!(!sim.knows(&info));
    assert!(matches!(
        sim.vet(&purge),
        Err(ActionError::NotYetKnown { .. })
    ));
    // The declaration says what it put on the menu, once.
    let said = sim
        .apply(Action::on(ActionKind::DeclareHypothesis, "memory_leak"))
        .unwrap()
        .clone();
    let said = finding_text(&said, sim.trace(), s.clock.start_s_of_day);
    assert!(
        said.trim_end()
            .ends_with("now on the menu: \"Purge the cart snapshot registry\"."),
        "{said}"
    );
    while sim.tick() < 42 * 60 {
        sim.step();
    }
    assert!(sim.knows(&info));
    sim.apply(Action::on(ActionKind::DeclareHypothesis, "traffic_spike"))
        .unwrap();
    while sim.tick() < 44 * 60 {
        sim.step();
    }
    assert!(sim.knows(&info));
    assert_eq!(sim.vet(&purge), Ok(()));
}

#[test]
fn what_reveals_must_be_a_diagnostic_of_the_scenario() {
    let text = library::BUILTIN[0].1.replacen(
        "[[hypotheses]]\nid = \"memory_leak\"",
        "[[hypotheses]]\nid = \"memory_leak\"\nrevealed_by = [\"restart_all\", \"no_such\"]",
        1,
    );
    let e = scenario::parse("bad.toml", &text).unwrap_err();
    let paths: Vec<&str> = e.diagnostics.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "hypotheses[0].revealed_by[0]",
            "hypotheses[0].revealed_by[1]"
        ],
        "{e}"
    );
}
