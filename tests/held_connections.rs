//! A pool limited by connections held, not only by busy ones: when every worker keeps its
//! connection open (a per-process pool, a pooler in session mode), the workers the pool cannot
//! cover fail what they take, and adding servers makes it worse.

use incident_trainer::scenario::{self, library};
use incident_trainer::sim::render::finding_text;
use incident_trainer::sim::{Action, ActionKind, Metric, Simulation};

fn scenario() -> scenario::Scenario {
    let (_, text) = library::BUILTIN[0];
    let text = text
        .replacen("pool_size = 60", "pool_size = 780\nheld_per_worker = 1", 1)
        .replacen(
            "at = \"14:00\"\ntargets = \"all\"",
            "at = \"17:59\"\ntargets = \"all\"",
            1,
        );
    scenario::parse("held.toml", &text).unwrap_or_else(|e| panic!("{e}"))
}

fn error_rate(sim: &Simulation) -> f32 {
    sim.trace().series.last(Metric::ErrorRatePct).unwrap()
}

#[test]
fn workers_without_a_connection_fail_and_scaling_out_makes_it_worse() {
    let s = scenario();
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    while sim.tick() < 600 {
        sim.step();
    }
    // 4 servers x 200 workers want 800 connections of 780: 2.5% of requests fail.
    let before = error_rate(&sim);
    assert!((before - 2.5).abs() < 0.5, "{before}");
    let db = sim.apply(Action::new(ActionKind::CheckDb)).unwrap().clone();
    let text = finding_text(&db, sim.trace(), s.clock.start_s_of_day);
    assert!(
        text.contains("connections held open by the running workers (1 each, busy or idle): 800"),
        "{text}"
    );
    while sim.response().busy_until > sim.tick() {
        sim.step();
    }
    sim.apply(Action::new(ActionKind::ScaleOut)).unwrap();
    while sim.tick() < 600 + 1800 {
        sim.step();
    }
    // Five servers want 1,000: 22% fail.
    let after = error_rate(&sim);
    assert!((after - 22.0).abs() < 1.0, "{after}");
}

#[test]
fn held_per_worker_is_checked() {
    let (_, text) = library::BUILTIN[0];
    let text = text.replacen("pool_size = 60", "pool_size = 60\nheld_per_worker = -1", 1);
    let err = scenario::parse("bad.toml", &text).unwrap_err().to_string();
    assert!(err.contains("database.held_per_worker"), "{err}");
}
