//! Prints how fast the simulation runs: the reference scenario end to end, and a 1,000-server fleet
//! for 24 simulated hours. Figures, not pass/fail: compare them with the README's targets.

use std::hint::black_box;
use std::time::{Duration, Instant};

use incident_trainer::scenario::library;
use incident_trainer::sim::{run_scripted, trace_hash, ScheduledAction, SimConfig, Trace};

#[path = "support/wide.rs"]
mod wide;
use wide::wide;

fn time_runs(
    config: &SimConfig,
    seed: u64,
    actions: &[ScheduledAction],
    runs: usize,
) -> (Duration, Trace) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let (trace, _) = run_scripted(black_box(config.clone()), seed, actions);
        times.push(start.elapsed());
        last = Some(trace);
    }
    times.sort();
    (times[runs / 2], last.expect("at least one run"))
}

fn report(name: &str, config: &SimConfig, median: Duration, trace: &Trace) {
    let server_ticks = f64::from(config.fleet.servers) * f64::from(config.duration_s);
    let samples: usize = trace
        .series
        .fleet
        .iter()
        .chain(&trace.series.server)
        .map(Vec::len)
        .sum();
    println!(
        "{name:<34} {:>10.3} ms/run  {:>8.1} M server-ticks/s  ({} servers x {} ticks, {:.1} MB of samples, hash {:016x})",
        median.as_secs_f64() * 1e3,
        server_ticks / median.as_secs_f64() / 1e6,
        config.fleet.servers,
        config.duration_s,
        (samples * 4) as f64 / 1e6,
        trace_hash(trace)
    );
}

fn main() {
    let s = library::builtin("ecommerce-memory-leak").expect("built-in scenario");
    println!("simulation throughput (median of repeated runs)");
    let (t, trace) = time_runs(&s.config, s.seed, &s.reference_actions(), 201);
    report("reference run (replay of the team)", &s.config, t, &trace);
    let (t, trace) = time_runs(&s.config, s.seed, &[], 201);
    report("do-nothing run", &s.config, t, &trace);
    let cfg = wide(1000, 24, false);
    let (t, trace) = time_runs(&cfg, 1, &[], 3);
    report("1,000 servers x 24 h, quiet", &cfg, t, &trace);
    let cfg = wide(1000, 24, true);
    let (t, trace) = time_runs(&cfg, 1, &[], 3);
    report("1,000 servers x 24 h, leaking", &cfg, t, &trace);
}
