//! The physical invariants of the world, checked after every step in debug builds: a break is a
//! bug in the model, named with the tick and what broke.

use super::fleet::Fleet;
use super::impact::ImpactTotals;

/// A physical invariant that does not hold: a bug in the model.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Broken {
    #[error("{host}: heap {heap_mb} MB over its {limit_mb} MB limit")]
    HeapOverLimit {
        host: String,
        heap_mb: f64,
        limit_mb: f64,
    },
    #[error("{host}: negative heap")]
    NegativeHeap { host: String },
    #[error("{host}: disk holds {used_mb} MB, more than its size")]
    DiskOverSize { host: String, used_mb: f64 },
    #[error("{failed} requests failed but only {arrived} arrived")]
    MoreFailedThanArrived { failed: f64, arrived: f64 },
    #[error("sticky pins sum to {sum}, not 1")]
    PinsDoNotSumToOne { sum: f64 },
    #[error("{what} is {value}, not a finite quantity")]
    NotFinite { what: String, value: f64 },
}

/// Checks the physical invariants of a fleet and the impact so far.
pub(super) fn check(fleet: &Fleet, totals: &ImpactTotals) -> Result<(), Broken> {
    let (f, t) = (fleet, totals);
    // A NaN passes every comparison below, so it is caught first.
    let finite = |what: &dyn Fn() -> String, value: f64| match value.is_finite() {
        true => Ok(()),
        false => Err(Broken::NotFinite {
            what: what(),
            value,
        }),
    };
    for (s, server) in f.servers.iter().enumerate() {
        let host = || f.name(s as u32).to_string();
        finite(&|| format!("{}: live heap", host()), server.live_mb)?;
        finite(&|| format!("{}: garbage", host()), server.garbage_mb)?;
        finite(&|| format!("{}: disk used", host()), server.disk_used_mb)?;
        let heap_mb = server.heap_used_mb();
        if heap_mb > server.heap_max_mb + 1e-6 {
            return Err(Broken::HeapOverLimit {
                host: host(),
                heap_mb,
                limit_mb: server.heap_max_mb,
            });
        }
        if server.live_mb < 0.0 || server.garbage_mb < 0.0 {
            return Err(Broken::NegativeHeap { host: host() });
        }
        if server.disk_used_mb > f.cfg.disk_mb + 1e-6 {
            return Err(Broken::DiskOverSize {
                host: host(),
                used_mb: server.disk_used_mb,
            });
        }
    }
    for (what, value) in [
        ("requests", t.requests),
        ("failed requests", t.failed_requests),
        ("orders", t.orders),
        ("revenue lost", t.revenue_lost),
    ] {
        finite(&|| what.to_string(), value)?;
    }
    if t.failed_requests > t.requests * (1.0 + 1e-9) + 1e-6 {
        return Err(Broken::MoreFailedThanArrived {
            failed: t.failed_requests,
            arrived: t.requests,
        });
    }
    let pinned: f64 = f
        .servers
        .iter()
        .filter(|s| s.in_rotation)
        .map(|s| s.pinned)
        .sum();
    if f.servers_in_rotation() > 0 && (pinned - 1.0).abs() > 1e-6 {
        return Err(Broken::PinsDoNotSumToOne { sum: pinned });
    }
    Ok(())
}
