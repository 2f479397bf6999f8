//! Orders and revenue lost count what errors cost against a healthy afternoon: the gateway's
//! usual declines are not losses.

mod common;

use common::*;
use incident_trainer::sim::*;

#[test]
fn a_healthy_afternoon_loses_no_orders() {
    let cfg = quiet_config();
    assert!(cfg.payment.error_share > 0.0, "the gateway declines some");
    let (trace, _) = run_scripted(cfg, 1, &[]);
    let i = &trace.impact;
    assert!(i.orders > 1_000.0, "{i:?}");
    assert!(i.failed_orders < 1.0, "{i:?}");
    assert!(i.revenue_lost < 100.0, "{i:?}");
}

#[test]
fn an_outage_loses_the_orders_a_healthy_system_would_have_taken() {
    let s = scenario();
    let healthy = run_scripted(quiet_config(), s.seed, &[]).0.impact;
    let broken = idle_run(&s).impact;
    assert!(broken.failed_orders > 100.0, "{broken:?}");
    // What went through plus what was lost is about what a healthy afternoon takes.
    let total = broken.orders + broken.failed_orders;
    assert!(
        (total / healthy.orders - 1.0).abs() < 0.05,
        "{total} vs {}",
        healthy.orders
    );
}
