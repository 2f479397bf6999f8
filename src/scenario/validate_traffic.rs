//! Validation of the traffic: the daily curve or the observed series, and campaigns.

use crate::sim::*;

use super::checker::Checker;
use super::file::*;

pub fn traffic(checker: &mut Checker, traffic: &TrafficFile) -> TrafficConfig {
    let observed = match &traffic.observed {
        Some(points) => observed(checker, traffic, points),
        None => Vec::new(),
    };
    let mut profile = [1.0; 24];
    match (&traffic.hourly_profile, observed.is_empty()) {
        (Some(hours), true) if hours.len() == 24 => {
            for (i, v) in hours.iter().enumerate() {
                profile[i] = checker.non_negative(&format!("traffic.hourly_profile[{i}]"), *v);
            }
        }
        (Some(hours), true) => checker.fail(
            "traffic.hourly_profile",
            format!(
                "needs 24 values (one per hour from 00:00), found {}",
                hours.len()
            ),
            "list the time-of-day factor for each hour 00..23",
        ),
        (None, true) if traffic.observed.is_none() => checker.fail(
            "traffic",
            "needs `hourly_profile` (with `baseline_rps`) or `observed`: one of them is required",
            "give the daily curve, or the traffic as your dashboards showed it",
        ),
        _ => {}
    }
    let baseline_rps = match (traffic.baseline_rps, traffic.observed.is_some()) {
        (Some(v), false) => checker.positive("traffic.baseline_rps", v),
        (None, false) if traffic.hourly_profile.is_some() => {
            checker.fail(
                "traffic.baseline_rps",
                "is required with `hourly_profile`",
                "write the requests/s at a factor of 1, e.g. `baseline_rps = 900`",
            );
            1.0
        }
        _ => 1.0,
    };
    let campaigns = campaigns(checker, &traffic.campaigns);
    TrafficConfig {
        baseline_rps,
        hourly_profile: profile,
        noise_share: checker.range("traffic.noise", traffic.noise, 0.0, 0.5),
        requests_per_user_s: checker
            .positive("traffic.requests_per_user_s", traffic.requests_per_user_s),
        pages_per_user_window: checker.positive(
            "traffic.pages_per_user_window",
            traffic.pages_per_user_window,
        ),
        orders_per_1k_requests: checker.non_negative(
            "traffic.orders_per_1k_requests",
            traffic.orders_per_1k_requests,
        ),
        avg_order_value: checker.non_negative("traffic.avg_order_value", traffic.avg_order_value),
        campaigns,
        observed,
    }
}

/// The observed series: two or more points, in time order, within the run; it stands alone.
fn observed(
    checker: &mut Checker,
    traffic: &TrafficFile,
    points: &[ObservedFile],
) -> Vec<(u32, f64)> {
    for (field, given) in [
        ("baseline_rps", traffic.baseline_rps.is_some()),
        ("hourly_profile", traffic.hourly_profile.is_some()),
        ("campaigns", !traffic.campaigns.is_empty()),
    ] {
        if given {
            checker.fail(
                format!("traffic.{field}"),
                format!("`{field}` does not go with `observed`"),
                "the observed series is the traffic: leave the curve and campaigns out",
            );
        }
    }
    if points.len() < 2 {
        checker.fail(
            "traffic.observed",
            format!("needs at least 2 points, found {}", points.len()),
            "give the rate at two or more times; it is interpolated between them",
        );
    }
    let mut out: Vec<(u32, f64)> = Vec::new();
    for (i, p) in points.iter().enumerate() {
        let path = format!("traffic.observed[{i}]");
        let Some(tick) = checker.time_opt(&format!("{path}.at"), &p.at) else {
            continue;
        };
        if out.last().is_some_and(|prev| prev.0 >= tick) {
            checker.fail(
                format!("{path}.at"),
                format!("{} is not after the point above it", p.at),
                "list the points in time order, one per time",
            );
            continue;
        }
        out.push((tick, checker.non_negative(&format!("{path}.rps"), p.rps)));
    }
    out
}

/// Scheduled campaigns: each ends after it starts.
fn campaigns(checker: &mut Checker, list: &[CampaignFile]) -> Vec<Campaign> {
    list.iter()
        .enumerate()
        .map(|(i, k)| {
            let p = format!("traffic.campaigns[{i}]");
            let start_s = checker.time(&format!("{p}.start"), &k.start);
            let end_s = checker.time(&format!("{p}.end"), &k.end);
            if end_s <= start_s {
                checker.fail(
                    format!("{p}.end"),
                    "must be after the campaign's start",
                    "a campaign ends after it starts, within the run",
                );
            }
            Campaign {
                start_s,
                end_s,
                multiplier: checker.positive(&format!("{p}.multiplier"), k.multiplier),
                ramp_s: checker.duration(&format!("{p}.ramp"), &k.ramp),
            }
        })
        .collect()
}
