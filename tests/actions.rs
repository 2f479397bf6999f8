//! Actions cost time, have preconditions, and return findings computed from the world at that
//! moment.

mod common;

use common::*;
use incident_trainer::sim::render::finding_text;
use incident_trainer::sim::*;

/// Runs the built-in scenario to `hhmm` with no actions and returns the simulation.
fn at(hhmm: &str) -> (incident_trainer::scenario::Scenario, Simulation) {
    let s = scenario();
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    while sim.tick() < tick(&s, hhmm) {
        sim.step();
    }
    (s, sim)
}

fn wait(sim: &mut Simulation, seconds: u32) {
    for _ in 0..seconds {
        sim.step();
    }
}

#[test]
fn free_shows_the_hosts_real_memory() {
    let (_, mut sim) = at("14:20");
    let heap = sim.fleet().heap_used_mb(0);
    let finding = sim
        .apply(Action::on(ActionKind::Free, "app-1"))
        .unwrap()
        .clone();
    let FindingBody::Free {
        total_mb,
        used_mb,
        free_mb,
        buff_cache_mb,
        available_mb,
        ..
    } = finding.body
    else {
        panic!()
    };
    assert_eq!(total_mb, 8192.0);
    assert!(
        (used_mb - (900.0 + heap)).abs() < 1e-9,
        "used {used_mb} vs heap {heap}"
    );
    assert!((used_mb + free_mb + buff_cache_mb - total_mb).abs() < 1e-9);
    assert!((available_mb - free_mb - buff_cache_mb).abs() < 1e-9);
    assert_eq!(finding.ready_at, finding.issued_at + 30);
}

#[test]
fn a_heap_profile_puts_the_leaking_site_on_top() {
    let (s, mut sim) = at("14:15");
    let finding = sim
        .apply(Action::on(ActionKind::HeapProfile, "app-2"))
        .unwrap()
        .clone();
    let FindingBody::HeapProfile {
        entries, live_mb, ..
    } = &finding.body
    else {
        panic!()
    };
    let FaultKind::MemoryLeak(incident_trainer::sim::MemoryLeak { site, .. }) =
        &s.config.faults[0].kind
    else {
        panic!()
    };
    assert_eq!(&entries[0].site, site);
    let retained: f64 = entries.iter().map(|e| e.retained_mb).sum();
    assert!(
        (retained - live_mb).abs() < 1e-6,
        "the histogram accounts for the live heap"
    );
    let text = finding_text(&finding, sim.trace(), s.clock.start_s_of_day);
    assert!(
        text.lines()
            .nth(2)
            .unwrap()
            .contains("CartSnapshotRegistry"),
        "{text}"
    );
}

#[test]
fn on_a_quiet_day_the_heap_profile_shows_no_leak() {
    let mut sim = Simulation::new(quiet_config(), 1);
    wait(&mut sim, 900);
    let finding = sim
        .apply(Action::on(ActionKind::HeapProfile, "app-1"))
        .unwrap();
    let FindingBody::HeapProfile { entries, .. } = &finding.body else {
        panic!()
    };
    assert!(entries.iter().all(|e| !e.site.contains("Cart")));
}

#[test]
fn the_config_diff_shows_nothing_changed_when_nothing_did() {
    let (s, mut sim) = at("14:42");
    let finding = sim
        .apply(Action::new(ActionKind::DiffConfig))
        .unwrap()
        .clone();
    assert_eq!(
        finding.body,
        FindingBody::ConfigDiff {
            since: "last known-good snapshot (taken at the start of the shift)".into(),
            changes: vec![]
        }
    );
    let text = finding_text(&finding, sim.trace(), s.clock.start_s_of_day);
    assert!(text.contains("no differences"), "{text}");
}

#[test]
fn view_memory_shows_growth_and_the_dead() {
    let (s, mut sim) = at("15:00");
    let finding = sim
        .apply(Action::new(ActionKind::ViewMemory))
        .unwrap()
        .clone();
    let FindingBody::Memory { rows } = &finding.body else {
        panic!()
    };
    assert_eq!(rows.len(), 4);
    assert!(
        rows.iter().all(|r| r.state == "dead"),
        "nobody restarted anything: {rows:?}"
    );
    let text = finding_text(&finding, sim.trace(), s.clock.start_s_of_day);
    assert!(text.contains("app-4") && text.contains("dead"), "{text}");
    // Earlier, while they still run, the live heap climbs ~20 MB a minute on each server.
    let (_, mut early) = at("14:10");
    let FindingBody::Memory { rows } = &early
        .apply(Action::new(ActionKind::ViewMemory))
        .unwrap()
        .body
    else {
        panic!()
    };
    for r in rows {
        assert!(
            r.live_growth_mb_per_min > 15.0 && r.live_growth_mb_per_min < 30.0,
            "{r:?}"
        );
    }
}

#[test]
fn logs_tell_what_happened() {
    let (s, mut sim) = at("14:34");
    let finding = sim
        .apply(Action::new(ActionKind::ReadLogs))
        .unwrap()
        .clone();
    let text = finding_text(&finding, sim.trace(), s.clock.start_s_of_day);
    for needle in [
        "java.lang.OutOfMemoryError: Java heap space",
        "Out of memory: Killed process",
        "marked DOWN",
        "requests answered 502",
        "GC overhead high",
    ] {
        assert!(text.contains(needle), "logs lack `{needle}`:\n{text}");
    }
    // One host's logs hold only that host's lines (and no balancer lines).
    let finding = {
        wait(&mut sim, 120);
        sim.apply(Action::on(ActionKind::ReadLogs, "app-2"))
            .unwrap()
            .clone()
    };
    let text = finding_text(&finding, sim.trace(), s.clock.start_s_of_day);
    assert!(!text.is_empty());
    assert!(text.lines().all(|l| l.contains("app-2")), "{text}");
}

#[test]
fn an_action_takes_time_and_the_trainee_is_busy_meanwhile() {
    let (_, mut sim) = at("14:10");
    let ready = sim
        .apply(Action::on(ActionKind::HeapProfile, "app-1"))
        .unwrap()
        .ready_at;
    assert_eq!(ready, sim.tick() + 300);
    let busy = sim.apply(Action::new(ActionKind::ViewMemory)).unwrap_err();
    assert!(matches!(busy, ActionError::Busy { until, .. } if until == ready));
    // Refusals speak in clock time, never ticks.
    let expected = format!(
        "still busy with the previous action until {}",
        incident_trainer::sim::clock::hhmmss(sim.config().start_s_of_day, ready)
    );
    assert_eq!(busy.to_string(), expected);
    wait(&mut sim, 300);
    assert!(sim.apply(Action::new(ActionKind::ViewMemory)).is_ok());
}

#[test]
fn targets_are_checked() {
    let (_, mut sim) = at("14:05");
    assert_eq!(
        sim.apply(Action::new(ActionKind::Top)),
        Err(ActionError::MissingTarget {
            action: "top".into(),
            expected: Expected::Host {
                example: "app-1".into()
            }
        })
    );
    let unknown = sim.apply(Action::on(ActionKind::Top, "app-9"));
    assert_eq!(
        unknown.as_ref().map_err(ToString::to_string).unwrap_err(),
        "there is no host `app-9` (hosts: app-1, app-2, app-3, app-4)"
    );
    assert_eq!(
        unknown,
        Err(ActionError::UnknownHost {
            name: "app-9".into(),
            known: Names(
                ["app-1", "app-2", "app-3", "app-4"]
                    .map(String::from)
                    .to_vec()
            )
        })
    );
    assert_eq!(
        sim.apply(Action::on(ActionKind::RestartAll, "app-1")),
        Err(ActionError::UnexpectedTarget {
            action: "restart_all".into(),
            target: "app-1".into()
        })
    );
    assert!(matches!(
        sim.apply(Action::on(ActionKind::DeclareHypothesis, "gremlins")),
        Err(ActionError::UnknownHypothesis { .. })
    ));
    assert!(matches!(
        sim.apply(Action::on(ActionKind::DeclareSeverity, "sev9")),
        Err(ActionError::UnknownSeverity { .. })
    ));
    // Refusals are in the trace, and cost no time.
    let refused = sim
        .trace()
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::ActionRejected { .. }))
        .count();
    assert_eq!(refused, 5);
    assert!(sim.apply(Action::on(ActionKind::Top, "app-4")).is_ok());
}

#[test]
fn a_dead_host_cannot_be_profiled() {
    let (_, mut sim) = at("15:00");
    assert_eq!(
        sim.apply(Action::on(ActionKind::HeapProfile, "app-3")),
        Err(ActionError::HostDown {
            host: "app-3".into()
        })
    );
}

#[test]
fn a_code_fix_needs_engaged_developers_and_a_hypothesis() {
    let (s, mut sim) = at("15:00");
    assert_eq!(
        sim.apply(Action::new(ActionKind::ApplyCodeFix)),
        Err(ActionError::DevelopersNotEngaged {
            who: "the developers".into()
        })
    );
    sim.apply(Action::new(ActionKind::PageDevelopers)).unwrap();
    let paged = sim.tick();
    wait(&mut sim, 60);
    let engage = paged + s.config.response.developers_response_s;
    assert_eq!(
        sim.apply(Action::new(ActionKind::ApplyCodeFix)),
        Err(ActionError::DevelopersPaged {
            who: "the developers".into(),
            clock: clock::hhmm(s.clock.start_s_of_day, engage)
        })
    );
    while !sim.response().developers_engaged {
        sim.step();
    }
    assert_eq!(
        sim.tick() - 1,
        paged + s.config.response.developers_response_s,
        "they arrive after their response time"
    );
    assert_eq!(
        sim.apply(Action::new(ActionKind::ApplyCodeFix)),
        Err(ActionError::NoHypothesis)
    );
    sim.apply(Action::on(ActionKind::DeclareHypothesis, "memory_leak"))
        .unwrap();
    wait(&mut sim, 60);
    assert!(sim.apply(Action::new(ActionKind::ApplyCodeFix)).is_ok());
}

#[test]
fn a_fix_for_the_wrong_cause_ships_but_does_not_help() {
    let s = scenario();
    let t = |h: &str| tick(&s, h);
    let actions = [
        scheduled(t("14:40"), Action::new(ActionKind::PageDevelopers)),
        scheduled(
            t("15:00"),
            Action::on(ActionKind::DeclareHypothesis, "server_misconfiguration"),
        ),
        scheduled(t("15:05"), Action::new(ActionKind::ApplyCodeFix)),
    ];
    let (trace, refused) = run_scripted(s.config.clone(), s.seed, &actions);
    assert!(refused.is_empty(), "{refused:?}");
    assert!(trace
        .events
        .iter()
        .any(|e| matches!(&e.kind, EventKind::Deploy { version } if version.ends_with("-hotfix"))));
    assert!(!trace
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::FaultCured { .. })));
    assert_eq!(trace.impact.restored_at, None);
}

#[test]
fn restarting_everything_buys_about_an_hour_then_the_leak_wins() {
    let s = scenario();
    let (trace, _) = run_scripted(
        s.config.clone(),
        s.seed,
        &[scheduled(
            tick(&s, "14:35"),
            Action::new(ActionKind::RestartAll),
        )],
    );
    assert!(
        mean(
            &trace,
            Metric::ErrorRatePct,
            tick(&s, "14:45"),
            tick(&s, "15:15")
        ) < 1.0,
        "the restart helps for a while"
    );
    assert!(
        mean(
            &trace,
            Metric::ErrorRatePct,
            tick(&s, "16:30"),
            tick(&s, "17:00")
        ) > 50.0,
        "then the heaps fill again"
    );
    assert_eq!(
        trace.impact.restored_at, None,
        "a relapse is not a restoration"
    );
}

#[test]
fn a_rollback_restarts_servers_but_the_leak_predates_the_release() {
    let s = scenario();
    let (trace, refused) = run_scripted(
        s.config.clone(),
        s.seed,
        &[scheduled(
            tick(&s, "14:35"),
            Action::new(ActionKind::RollbackDeploy),
        )],
    );
    assert!(refused.is_empty());
    assert!(trace
        .events
        .iter()
        .any(|e| matches!(&e.kind, EventKind::Deploy { version } if version == "v3.14.1")));
    assert!(!trace
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::FaultCured { .. })));
}

#[test]
fn a_leak_that_came_with_a_deploy_is_cured_by_rolling_back() {
    let kind = FaultKind::MemoryLeak(incident_trainer::sim::MemoryLeak {
        targets: Targets::All,
        leak_kb_per_request: 4.0,
        site: "X".into(),
        deploy: Some("v4.0.0".into()),
    });
    let (trace, refused) = run_scripted(
        with_fault(300, kind),
        2,
        &[scheduled(900, Action::new(ActionKind::RollbackDeploy))],
    );
    assert!(refused.is_empty());
    assert!(trace
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::FaultCured { fault: 0 })));
    let t = trace.ticks;
    assert!(mean(&trace, Metric::ErrorRatePct, t - 3600, t) < 1.0);
}

#[test]
fn reverting_the_config_cures_pool_exhaustion() {
    let kind = FaultKind::PoolExhaustion(incident_trainer::sim::PoolExhaustion {
        pool_size: 6,
        change: "db.pool.max_size 60 -> 6".into(),
        database: Dependency::Database,
    });
    let (trace, refused) = run_scripted(
        with_fault(300, kind),
        2,
        &[scheduled(1200, Action::new(ActionKind::RevertConfig))],
    );
    assert!(refused.is_empty());
    assert!(mean(&trace, Metric::ErrorRatePct, 600, 1200) > 20.0);
    assert!(mean(&trace, Metric::ErrorRatePct, 1500, 3000) < 0.5);
    assert_eq!(
        trace.impact.restored_at.map(|t| t > 1200 && t < 1500),
        Some(true)
    );
}

#[test]
fn the_maintenance_page_turns_everyone_away() {
    let mut sim = Simulation::new(quiet_config(), 1);
    wait(&mut sim, 100);
    sim.apply(Action::new(ActionKind::EnableMaintenancePage))
        .unwrap();
    wait(&mut sim, 120);
    assert_eq!(sim.trace().series.last(Metric::ErrorRatePct), Some(100.0));
}

#[test]
fn every_catalogue_action_is_documented_in_the_readme() {
    let readme = include_str!("../README.md");
    for spec in CATALOGUE {
        assert!(
            readme.contains(&format!("`{}`", spec.id)),
            "README lacks `{}`",
            spec.id
        );
    }
}

#[test]
fn a_scenario_can_override_how_long_an_action_takes() {
    let text = include_str!("../scenarios/ecommerce-memory-leak.toml").replacen(
        "[[hypotheses]]",
        "[[actions]]\naction = \"heap_profile\"\nduration = \"10m\"\n\n[[hypotheses]]",
        1,
    );
    let s = incident_trainer::scenario::parse("override.toml", &text).unwrap();
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    assert_eq!(sim.duration_s(&Action::new(ActionKind::HeapProfile)), 600);
    assert_eq!(
        sim.duration_s(&Action::new(ActionKind::Top)),
        30,
        "others keep the catalogue's time"
    );
    let ready = sim
        .apply(Action::on(ActionKind::HeapProfile, "app-1"))
        .unwrap()
        .ready_at;
    assert_eq!(ready, 600);
}

#[test]
fn a_server_added_by_scaling_out_gets_its_own_series() {
    let (s, mut sim) = at("14:10");
    sim.apply(Action::new(ActionKind::ScaleOut)).unwrap();
    wait(&mut sim, 1_200);
    let series = &sim.trace().series;
    let n = s.config.fleet.servers;
    assert_eq!(series.servers, n + 1, "the new server is in the series");
    let added: Vec<(u32, f32)> = series.server(ServerMetric::HeapUsedMb, n).collect();
    assert!(!added.is_empty());
    assert!(
        added[0].0 > tick(&s, "14:10"),
        "the new server's line starts when it was added"
    );
    // The original servers' series are untouched by the new one: one sample per scrape each.
    for server in 0..n {
        assert_eq!(
            series.server(ServerMetric::HeapUsedMb, server).count(),
            series.len()
        );
    }
    let last = series.len() - 1;
    let fresh = series.server_at(ServerMetric::HeapUsedMb, n, last).unwrap();
    let old = series.server_at(ServerMetric::HeapUsedMb, 0, last).unwrap();
    assert!(
        fresh < old,
        "the new server's heap ({fresh}) starts small ({old})"
    );
    assert!(series.server_at(ServerMetric::GcPct, 0, last).unwrap() > 0.0);
}

/// A configuration push lands when it completes, not when it is started.
#[test]
fn a_config_revert_lands_when_its_push_completes() {
    let kind = FaultKind::PoolExhaustion(incident_trainer::sim::PoolExhaustion {
        pool_size: 6,
        change: "db.pool.max_size 60 -> 6".into(),
        database: Dependency::Database,
    });
    let (trace, _) = run_scripted(
        with_fault(300, kind),
        2,
        &[scheduled(1200, Action::new(ActionKind::RevertConfig))],
    );
    let landed = |k: fn(&EventKind) -> bool| trace.events.first(k).map(|e| e.tick);
    let push = ActionKind::RevertConfig.builtin().unwrap().duration_s;
    assert_eq!(
        landed(|k| matches!(k, EventKind::FaultCured { .. })),
        Some(1200 + push)
    );
    assert_eq!(
        landed(|k| matches!(k, EventKind::ConfigReverted { .. })),
        Some(1200 + push)
    );
    // While it is on its way the pool is still starved.
    assert!(mean(&trace, Metric::ErrorRatePct, 1200, 1200 + push - 10) > 20.0);
}

#[test]
fn the_maintenance_page_and_rate_limits_land_after_their_switch() {
    let mut sim = Simulation::new(quiet_config(), 1);
    wait(&mut sim, 100);
    sim.apply(Action::new(ActionKind::EnableMaintenancePage))
        .unwrap();
    wait(&mut sim, 30);
    assert!(sim
        .trace()
        .events
        .last(|k| matches!(k, EventKind::MaintenanceMode { .. }))
        .is_none());
    wait(&mut sim, 40);
    assert!(sim
        .trace()
        .events
        .last(|k| matches!(k, EventKind::MaintenanceMode { on: true }))
        .is_some());
}

/// Rate limiting admits what the servers can really serve: a process burning half of one
/// server's CPU takes half of that server's capacity from the limit.
#[test]
fn rate_limiting_counts_capacity_lost_to_a_runaway_process() {
    let kind = FaultKind::CpuRunaway(incident_trainer::sim::CpuRunaway {
        targets: Targets::Servers(vec![0]),
        cpu_pct: 50.0,
        process: "report-export".into(),
        recurs_after_s: None,
        change: None,
    });
    let cfg = with_fault(60, kind);
    let capacity = cfg.fleet.capacity_rps;
    let (trace, refused) = run_scripted(
        cfg,
        3,
        &[scheduled(600, Action::new(ActionKind::EnableRateLimiting))],
    );
    assert!(refused.is_empty());
    let limit = trace
        .events
        .first(|k| matches!(k, EventKind::RateLimit { .. }))
        .map(|e| match e.kind {
            EventKind::RateLimit { limit_rps } => f64::from(limit_rps),
            _ => unreachable!(),
        })
        .unwrap();
    let expected = 0.8 * capacity * 3.5;
    assert!((limit - expected).abs() < 1.0, "{limit} vs {expected}");
}

#[test]
fn a_rollback_with_no_earlier_release_is_taken_and_changes_nothing() {
    // Whether there is an earlier release is what `list_deploys` shows: the rollback is not
    // refused for it, it lands and finds nothing to go back to.
    let mut cfg = quiet_config();
    cfg.deploy_history.truncate(1);
    let landed = cfg.response.rollback_s + 1;
    let mut sim = Simulation::new(cfg, 1);
    sim.apply(Action::new(ActionKind::RollbackDeploy)).unwrap();
    wait(&mut sim, landed);
    assert!(sim
        .trace()
        .events
        .first(|k| matches!(
            k,
            EventKind::Deploy { .. } | EventKind::ServerStopped { .. }
        ))
        .is_none());
    // With a history there is something to go back to; a second one while it is on its way is
    // refused (the trainee started it).
    let cfg = quiet_config();
    let (busy, live) = (
        ActionKind::RollbackDeploy.builtin().unwrap().duration_s,
        cfg.response.rollback_s,
    );
    assert!(
        busy < live,
        "the test needs the trainee free before the rollback lands"
    );
    let mut sim = Simulation::new(cfg, 1);
    sim.apply(Action::new(ActionKind::RollbackDeploy)).unwrap();
    wait(&mut sim, busy);
    let again = sim
        .apply(Action::new(ActionKind::RollbackDeploy))
        .unwrap_err();
    assert!(
        again
            .to_string()
            .contains("a rollback is already on its way"),
        "{again}"
    );
}

/// The catalogue's target kinds (what a menu offers) and what the world reads an action's
/// target as agree.
#[test]
fn every_action_reads_the_target_its_catalogue_entry_names() {
    let (_, sim) = at("14:05");
    for spec in CATALOGUE {
        let bare = sim.vet(&Action::new(spec.kind));
        let missing = matches!(bare, Err(ActionError::MissingTarget { .. }));
        let needs = matches!(
            spec.target,
            TargetKind::Host | TargetKind::AnyHost | TargetKind::Hypothesis | TargetKind::Severity
        );
        assert_eq!(missing, needs, "{}: {bare:?}", spec.id);
        let on = sim.vet(&Action::on(spec.kind, "app-1"));
        let unexpected = matches!(on, Err(ActionError::UnexpectedTarget { .. }));
        assert_eq!(unexpected, spec.target == TargetKind::None, "{}", spec.id);
        if matches!(
            spec.target,
            TargetKind::Host | TargetKind::OptionalHost | TargetKind::LogSource
        ) {
            assert!(on.is_ok(), "{}: {on:?}", spec.id);
        }
    }
}
