//! Seeded variants: the scenario's own seed runs it as written (calibrated); another seed draws a
//! different afternoon within the scenario's bounds, the same one every time.

use incident_trainer::scenario::library;
use incident_trainer::sim::{run_scripted, trace_hash, FaultKind, Targets};

#[test]
fn the_calibrated_seed_runs_the_scenario_as_written() {
    for id in library::ids() {
        let s = library::builtin(id).unwrap();
        assert_eq!(s.config.variant(s.seed), s.config, "{id}");
    }
}

#[test]
fn other_seeds_vary_within_bounds_and_repeat_exactly() {
    let s = library::builtin("debug-logs-disk").unwrap();
    let v = s.config.variation.clone().unwrap();
    let written = &s.config.faults[0];
    let mut hosts_seen = std::collections::BTreeSet::new();
    for seed in 1..=40u64 {
        let a = s.config.variant(seed);
        assert_eq!(
            a,
            s.config.variant(seed),
            "a seed's variant is the same every time"
        );
        let fault = &a.faults[0];
        assert!(
            fault.at_s.abs_diff(written.at_s) <= v.onset_s,
            "seed {seed}"
        );
        let (
            FaultKind::DiskFill(incident_trainer::sim::DiskFill {
                mb_per_s, targets, ..
            }),
            FaultKind::DiskFill(incident_trainer::sim::DiskFill { mb_per_s: m0, .. }),
        ) = (&fault.kind, &written.kind)
        else {
            panic!("a disk fill");
        };
        assert!(
            (mb_per_s / m0 - 1.0).abs() <= v.rate + 1e-9,
            "seed {seed}: {mb_per_s}"
        );
        let Targets::Servers(list) = targets else {
            panic!("listed hosts")
        };
        assert_eq!(list.len(), 1);
        hosts_seen.insert(list[0]);
        let level = a.traffic.baseline_rps / s.config.traffic.baseline_rps;
        assert!(
            (level - 1.0).abs() <= v.traffic + 1e-9,
            "seed {seed}: {level}"
        );
    }
    assert_eq!(
        hosts_seen.len(),
        4,
        "the full disk moves between all four hosts"
    );
}

#[test]
fn a_variant_run_is_deterministic_and_differs_from_the_written_one() {
    let s = library::builtin("pool-config-push").unwrap();
    let (written, _) = run_scripted(s.config.clone(), s.seed, &[]);
    let (variant, _) = run_scripted(s.config.clone(), s.seed + 1, &[]);
    let (again, _) = run_scripted(s.config.clone(), s.seed + 1, &[]);
    assert_eq!(trace_hash(&variant), trace_hash(&again));
    assert_ne!(
        written.impact.outage_started_at,
        variant.impact.outage_started_at
    );
}
