//! The work a scenario asks for, bounded as a whole: every field can be in range and the product
//! still too much for a browser tab (10,000 servers for 24 hours is 1.7 GB of samples and a tab
//! that hangs). Each bound says the limit and why, on the field most likely to change.

use super::checker::Checker;
use crate::sim::metrics::{Metric, ServerMetric};
use crate::sim::render::thousands;
use crate::sim::{FleetConfig, TrafficConfig};

/// Servers times simulated seconds. The page simulates the rest of the run when a session ends,
/// and the real team's path beside it: 1,000 servers for 24 hours takes about 2 s natively and
/// more in the page.
pub const MAX_SERVER_SECONDS: u64 = 1_000 * 86_400;
/// The samples one run keeps, in megabytes (a debrief holds two runs: the trainee's and the real
/// team's).
pub const MAX_SAMPLES_MB: f64 = 256.0;
/// Requests per second at the busiest moment: past the largest services' peaks, and well inside
/// what the totals (orders, users) count exactly.
pub const MAX_RPS: f64 = 10_000_000.0;

/// Checks what a run of this scenario costs: `clock` is (time limit, scrape interval) in seconds.
pub fn scale(
    checker: &mut Checker,
    fleet: &FleetConfig,
    traffic: &TrafficConfig,
    clock: (u32, u32),
) {
    let (duration_s, scrape_interval_s) = clock;
    let servers = u64::from(fleet.servers);
    let work = servers * u64::from(duration_s);
    let hours = f64::from(duration_s) / 3_600.0;
    if work > MAX_SERVER_SECONDS {
        checker.fail(
            "fleet.servers",
            format!(
                "{} servers for {hours:.1} h is more than a run can simulate: at most {} \
                 server-hours (1,000 servers for 24 hours), so a run fits in a browser tab",
                thousands(servers as f64),
                thousands((MAX_SERVER_SECONDS / 3_600) as f64)
            ),
            "model a sample of the fleet (servers behind one balancer behave alike) or shorten \
             `clock.time_limit`",
        );
    } else {
        let scrapes = f64::from(duration_s / scrape_interval_s.max(1) + 1);
        let per_scrape = servers as f64 * ServerMetric::ALL.len() as f64 + Metric::ALL.len() as f64;
        let mb = scrapes * per_scrape * 4.0 / 1e6;
        if mb > MAX_SAMPLES_MB {
            checker.fail(
                "clock.scrape_interval",
                format!(
                    "{} servers scraped every {} s for {hours:.1} h keep {} MB of samples, \
                     more than the {MAX_SAMPLES_MB:.0} MB a run may hold in a browser tab",
                    thousands(servers as f64),
                    scrape_interval_s,
                    thousands(mb.round())
                ),
                "scrape less often (dashboards commonly scrape every 10-60 s) or model fewer servers",
            );
        }
    }
    let peak = peak_rps(traffic);
    if peak > MAX_RPS {
        let field = match traffic.observed.is_empty() {
            true => "traffic.baseline_rps",
            false => "traffic.observed",
        };
        checker.fail(
            field,
            format!(
                "the traffic peaks at {peak:.3e} requests/s, more than the {} the trainer models",
                thousands(MAX_RPS)
            ),
            "give the service's real rate; model a share of a larger one",
        );
    }
}

/// The most requests per second the traffic can ask for: the curve's highest hour with every
/// campaign on at once, and the noise at its top.
fn peak_rps(traffic: &TrafficConfig) -> f64 {
    if !traffic.observed.is_empty() {
        return traffic.observed.iter().map(|p| p.1).fold(0.0, f64::max);
    }
    let hour = traffic.hourly_profile.iter().copied().fold(0.0, f64::max);
    let campaigns: f64 = traffic
        .campaigns
        .iter()
        .map(|c| c.multiplier.max(1.0))
        .product();
    traffic.baseline_rps * hour * campaigns * (1.0 + traffic.noise_share)
}
