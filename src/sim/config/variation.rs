//! How a seed other than the calibrated one varies the scenario (each kind of fault says how its
//! own rate varies).

use serde::{Deserialize, Serialize};

use super::SimConfig;
use crate::sim::faults::Targets;

/// Bounded variation between seeds. The calibrated seed runs the scenario as written; any other
/// seed draws a different afternoon of the same incident, so repeating it is not memorising it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Variation {
    pub calibrated_seed: u64,
    /// Faults start up to this many seconds earlier or later (one shift for all: their order
    /// holds). Faults present from the start stay there.
    pub onset_s: u32,
    /// Traffic level x (1 +/- this).
    pub traffic: f64,
    /// Each fault's rate (leak, CPU, fill, slowdown, error share, surge) x (1 +/- this).
    pub rate: f64,
    /// Faults on listed hosts move to others (as many of them).
    pub hosts: bool,
}

impl SimConfig {
    /// The world `seed` runs in: as written for the calibrated seed (or with no variation),
    /// otherwise varied within the scenario's bounds by draws from the seed.
    pub fn variant(&self, seed: u64) -> SimConfig {
        let Some(v) = self.variation.clone() else {
            return self.clone();
        };
        if seed == v.calibrated_seed {
            return self.clone();
        }
        let mut rng = crate::sim::rng::Streams::new(seed).variation();
        let mut draw = || crate::sim::rng::signed(&mut rng);
        let mut cfg = self.clone();
        let shift = (draw() * f64::from(v.onset_s)) as i64;
        let level = 1.0 + draw() * v.traffic;
        cfg.traffic.baseline_rps *= level;
        for point in &mut cfg.traffic.observed {
            point.1 *= level;
        }
        let servers = cfg.fleet.servers;
        for fault in &mut cfg.faults {
            if fault.at_s > 0 && fault.since.is_none() {
                let at = (i64::from(fault.at_s) + shift).clamp(1, i64::from(cfg.duration_s));
                fault.at_s = at as u32;
            }
            let factor = 1.0 + draw() * v.rate;
            fault.kind.vary(factor);
            if v.hosts {
                if let Some(Targets::Servers(list)) = fault.kind.targets_mut() {
                    *list = pick_hosts(list.len(), servers, &mut draw);
                }
            }
        }
        cfg
    }
}

/// `count` distinct servers of `servers`, drawn (a partial Fisher-Yates shuffle).
fn pick_hosts(count: usize, servers: u32, draw: &mut impl FnMut() -> f64) -> Vec<u32> {
    let mut all: Vec<u32> = (0..servers).collect();
    let n = all.len();
    for i in 0..count.min(n) {
        let r = ((draw() + 1.0) / 2.0 * (n - i) as f64) as usize;
        all.swap(i, i + r.min(n - i - 1));
    }
    all.truncate(count.min(n));
    all.sort_unstable();
    all
}
