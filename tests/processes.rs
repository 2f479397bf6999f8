//! Every host differs a little, drawn from the seed: its process id (a new one after each
//! restart), the live heap a restarted server comes back with, its CPU reading. The same seed
//! draws the same differences.

mod common;

use common::*;
use incident_trainer::sim::processes::{CPU_SPREAD, HEAP_SPREAD};
use incident_trainer::sim::*;

fn restarted_everywhere(seed: u64) -> Simulation {
    let mut sim = Simulation::new(quiet_config(), seed);
    for _ in 0..300 {
        sim.step();
    }
    sim.apply(Action::new(ActionKind::RestartAll)).unwrap();
    sim.step();
    sim
}

#[test]
fn hosts_have_their_own_process_ids_and_a_restart_gets_a_new_one() {
    let sim = Simulation::new(quiet_config(), 1);
    let before: Vec<u32> = sim.fleet().servers.iter().map(|s| s.pid).collect();
    let mut distinct = before.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), before.len(), "{before:?}");
    let sim = restarted_everywhere(1);
    for (s, server) in sim.fleet().servers.iter().enumerate() {
        assert_ne!(server.pid, before[s], "app-{} kept its id", s + 1);
    }
}

#[test]
fn a_restarted_server_comes_back_with_a_heap_of_its_own() {
    let cfg = quiet_config();
    let baseline = cfg.fleet.heap_baseline_mb;
    let sim = restarted_everywhere(1);
    let heaps: Vec<f64> = sim.fleet().servers.iter().map(|s| s.live_mb).collect();
    for heap in &heaps {
        assert!(
            (heap / baseline - 1.0).abs() <= HEAP_SPREAD + 1e-12,
            "{heap}"
        );
    }
    assert!(
        heaps.windows(2).any(|w| w[0] != w[1]),
        "identical heaps: {heaps:?}"
    );
}

#[test]
fn cpu_readings_differ_a_little_between_hosts_under_the_same_load() {
    let mut sim = Simulation::new(quiet_config(), 1);
    for _ in 0..120 {
        sim.step();
    }
    let cpu: Vec<f64> = sim.fleet().servers.iter().map(|s| s.cpu_pct).collect();
    let mean = cpu.iter().sum::<f64>() / cpu.len() as f64;
    for c in &cpu {
        assert!((c / mean - 1.0).abs() <= 2.0 * CPU_SPREAD, "{cpu:?}");
    }
    assert!(cpu.windows(2).any(|w| w[0] != w[1]), "{cpu:?}");
}

#[test]
fn the_same_seed_draws_the_same_hosts() {
    let (a, b) = (restarted_everywhere(7), restarted_everywhere(7));
    assert_eq!(trace_hash(a.trace()), trace_hash(b.trace()));
    assert_eq!(a.fleet().servers, b.fleet().servers);
    let c = restarted_everywhere(8);
    assert_ne!(
        a.fleet().servers[0].pid,
        c.fleet().servers[0].pid,
        "another seed, other ids"
    );
}
