//! The supervisor and the rolling restart do what they say: with `auto_restart = false` a killed
//! process stays down and the logs say so; with it on, it is restarted; a rolling restart brings
//! back servers that are down, one at a time.

mod common;

use common::*;
use incident_trainer::sim::fleet::ServerState;
use incident_trainer::sim::logs;
use incident_trainer::sim::*;

/// A quiet world whose heaps start full: every server runs out of memory at once, and a fresh
/// process stays up.
fn doomed(auto_restart: bool) -> SimConfig {
    let mut cfg = quiet_config();
    cfg.fleet.auto_restart = auto_restart;
    cfg.fleet.initial_heap_live_mb = vec![cfg.fleet.heap_max_mb; cfg.fleet.servers as usize];
    cfg
}

fn run_until(sim: &mut Simulation, done: impl Fn(&Simulation) -> bool) {
    while !done(sim) {
        assert!(sim.step(), "the run ended first");
    }
}

fn supervisor_lines(sim: &Simulation) -> Vec<String> {
    logs::render(sim.trace(), 0, sim.tick(), Some(0))
        .into_iter()
        .filter(|l| l.text.starts_with("systemd:"))
        .map(|l| l.text)
        .collect()
}

#[test]
fn without_auto_restart_a_killed_process_stays_down_and_the_logs_say_so() {
    let mut sim = Simulation::new(doomed(false), 1);
    run_until(&mut sim, |s| {
        s.fleet().servers[0].state == ServerState::Dead
    });
    let killed = sim.tick();
    for _ in 0..600 {
        sim.step();
    }
    assert_eq!(sim.fleet().servers[0].state, ServerState::Dead);
    let lines = supervisor_lines(&sim);
    assert!(!lines.is_empty());
    for text in &lines {
        assert!(!text.contains("restart"), "{text} (killed at {killed})");
    }
    assert!(lines[0].contains("status=9/KILL"), "{lines:?}");
}

#[test]
fn with_auto_restart_a_killed_process_is_restarted_and_the_logs_say_so() {
    let mut sim = Simulation::new(doomed(true), 1);
    run_until(&mut sim, |s| {
        s.trace()
            .events
            .first(|k| matches!(k, EventKind::OomKilled { server: 0, .. }))
            .is_some()
    });
    let lines = supervisor_lines(&sim);
    assert!(lines[0].contains("scheduled restart job"), "{lines:?}");
    assert_eq!(sim.fleet().servers[0].state, ServerState::Starting);
}

#[test]
fn a_rolling_restart_brings_back_servers_that_are_down_one_at_a_time() {
    let cfg = doomed(false);
    let restart_s = cfg.fleet.restart_s;
    let lb = cfg.fleet.lb.clone();
    let gap = restart_s + lb.health_interval_s * lb.healthy_threshold;
    let mut sim = Simulation::new(cfg, 1);
    run_until(&mut sim, |s| {
        s.fleet()
            .servers
            .iter()
            .all(|x| x.state == ServerState::Dead)
    });
    let started = sim.tick();
    sim.apply(Action::new(ActionKind::RollingRestart)).unwrap();
    run_until(&mut sim, |s| {
        s.fleet().servers[0].state != ServerState::Dead
    });
    assert_eq!(sim.tick(), started + 1, "the first one starts at once");
    let restarts: Vec<u32> = sim
        .trace()
        .events
        .iter()
        .filter(|e| e.tick >= started)
        .filter_map(|e| match e.kind {
            EventKind::ServerStopped {
                server, was_down, ..
            } => {
                assert!(was_down);
                Some(server)
            }
            _ => None,
        })
        .collect();
    assert_eq!(restarts, vec![0], "one at a time");
    run_until(&mut sim, |s| {
        s.tick() > started + gap * s.fleet().len() as u32
    });
    let starts: Vec<(u32, u32)> = sim
        .trace()
        .events
        .iter()
        .filter(|e| e.tick >= started)
        .filter_map(|e| match e.kind {
            EventKind::ServerStarted { server, .. } => Some((server, e.tick)),
            _ => None,
        })
        .collect();
    let expected: Vec<(u32, u32)> = (0..sim.fleet().len() as u32)
        .map(|s| (s, started + s * gap + restart_s))
        .collect();
    assert_eq!(starts, expected);
    let lines = supervisor_lines(&sim);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("starting (requested by operator)")),
        "{lines:?}"
    );
}
