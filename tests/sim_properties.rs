//! Property tests of the simulation over random valid scenarios and random action sequences: a
//! built-in scenario varied by a random seed, its traffic scaled, its fleet resized and its clock
//! cut short, played with any actions at any minutes. In a debug build every step checks the
//! physical invariants itself (heaps within their limits, requests conserved, pins summing to one,
//! every quantity finite); here the whole trace is checked too (no NaN, nothing negative, error
//! rates and heaps within 100%) and the run is played twice to the same hash. Native only
//! (proptest); `PROPTEST_CASES` raises the count.
#![cfg(not(target_arch = "wasm32"))]

use incident_trainer::scenario::library;
use incident_trainer::sim::{
    run_scripted, trace_hash, Action, Metric, ScheduledAction, ServerMetric, SimConfig, TargetKind,
    Trace, CATALOGUE,
};
use proptest::prelude::*;

/// One random world: which built-in, the seed, and how it is bent.
#[derive(Debug, Clone)]
struct World {
    scenario: usize,
    seed: u64,
    traffic: f64,
    servers: Option<u32>,
    minutes: u32,
}

fn world() -> impl Strategy<Value = World> {
    let count = library::ids().count();
    (
        0..count,
        any::<u64>(),
        0.05f64..4.0,
        prop::option::of(1u32..10),
        20u32..90,
    )
        .prop_map(|(scenario, seed, traffic, servers, minutes)| World {
            scenario,
            seed,
            traffic,
            servers,
            minutes,
        })
}

/// The world's config: still one the validator would accept (a fleet of 1 to 9, traffic within
/// bounds), shorter so a case runs in well under a second.
fn config(world: &World) -> SimConfig {
    let id = library::ids().nth(world.scenario).expect("in range");
    let mut cfg = library::builtin(id).expect("built-in").config;
    cfg.traffic.baseline_rps *= world.traffic;
    if let Some(servers) = world.servers {
        let fleet = &mut cfg.fleet;
        let first = fleet.initial_heap_live_mb.first().copied();
        fleet.servers = servers;
        fleet.initial_heap_live_mb = first.map_or_else(Vec::new, |mb| vec![mb; servers as usize]);
        if !fleet.host_names.is_empty() {
            fleet.host_names = (0..servers).map(|i| format!("node-{i}")).collect();
        }
    }
    cfg.duration_s = cfg.duration_s.min(world.minutes * 60);
    cfg
}

/// A plausible target for an action in this world: a host (sometimes one that is not there),
/// a hypothesis, a severity.
fn target(cfg: &SimConfig, kind: TargetKind, pick: usize) -> Option<String> {
    let host = || {
        cfg.fleet
            .host_name((pick % (cfg.fleet.servers as usize + 2)) as u32)
    };
    match kind {
        TargetKind::None => None,
        TargetKind::Host | TargetKind::AnyHost => Some(host()),
        TargetKind::OptionalHost | TargetKind::LogSource => (pick % 3 != 0).then(host),
        TargetKind::Hypothesis => cfg
            .hypotheses
            .get(pick % cfg.hypotheses.len().max(1))
            .map(|h| h.id.clone()),
        TargetKind::Severity => Some(format!("sev{}", 1 + pick % 4)),
    }
}

/// Random actions: (minute, which, a number to pick the target with); the scenario's own actions
/// are in the menu beside the built-ins.
fn actions(cfg: &SimConfig, picks: &[(u32, usize, usize)]) -> Vec<ScheduledAction> {
    let menu = CATALOGUE.len() + cfg.custom_actions.len();
    picks
        .iter()
        .map(|&(minute, which, pick)| {
            let action = match CATALOGUE.get(which % menu) {
                Some(spec) => match target(cfg, spec.target, pick) {
                    Some(t) => Action::on(spec.kind, &t),
                    None => Action::new(spec.kind),
                },
                None => {
                    let custom = &cfg.custom_actions[which % menu - CATALOGUE.len()];
                    let t = target(cfg, custom.target, pick);
                    Action::custom(&custom.id, t.as_deref())
                }
            };
            ScheduledAction {
                tick: (minute * 60).min(cfg.duration_s.saturating_sub(1)),
                action,
            }
        })
        .collect()
}

/// Every number the trace keeps is a quantity: finite, not negative, shares within 100%.
fn assert_quantities(trace: &Trace) -> Result<(), TestCaseError> {
    for metric in Metric::ALL {
        for (i, v) in trace.series.fleet(metric).iter().enumerate() {
            prop_assert!(
                v.is_finite() && *v >= 0.0,
                "{metric:?} at scrape {i} is {v}"
            );
        }
    }
    for pct in [
        Metric::ErrorRatePct,
        Metric::HeapUsedPctMax,
        Metric::UsersAffectedPct,
    ] {
        for (i, v) in trace.series.fleet(pct).iter().enumerate() {
            prop_assert!(*v <= 100.001, "{pct:?} at scrape {i} is {v}%");
        }
    }
    for index in 0..trace.series.len() {
        for server in 0..trace.series.servers_at(index) as u32 {
            for metric in ServerMetric::ALL {
                if let Some(v) = trace.series.server_at(metric, server, index) {
                    prop_assert!(
                        v.is_finite() && v >= 0.0,
                        "{metric:?} of server {server} at scrape {index} is {v}"
                    );
                }
            }
        }
    }
    let i = &trace.impact;
    for (what, v) in [
        ("requests", i.requests),
        ("failed requests", i.failed_requests),
        ("orders", i.orders),
        ("failed orders", i.failed_orders),
        ("revenue lost", i.revenue_lost),
    ] {
        prop_assert!(v.is_finite() && v >= 0.0, "{what} is {v}");
    }
    prop_assert!(i.failed_requests <= i.requests * (1.0 + 1e-9) + 1e-6);
    prop_assert!(i.failed_orders <= i.orders + i.failed_orders);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(24),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_world_and_any_actions_keep_the_invariants_and_replay_exactly(
        world in world(),
        picks in prop::collection::vec((0u32..90, any::<usize>(), any::<usize>()), 0..12),
    ) {
        let cfg = config(&world);
        let actions = actions(&cfg, &picks);
        // A debug build panics inside the run, naming the tick and the invariant, if one breaks.
        let (trace, refused) = run_scripted(cfg.clone(), world.seed, &actions);
        assert_quantities(&trace)?;
        prop_assert!(refused.len() <= actions.len());
        let (again, _) = run_scripted(cfg, world.seed, &actions);
        prop_assert_eq!(trace_hash(&trace), trace_hash(&again));
    }
}
