//! A sentence for each chart that says what it shows now, for people who cannot see it.

use super::ChartKind;
use crate::scenario::Scenario;
use crate::sim::{Metric, ServerMetric, Trace};
use crate::ui::view::format;

/// A sentence that says what a chart shows now.
pub fn summary(scenario: &Scenario, trace: &Trace, kind: ChartKind) -> String {
    let s = &trace.series;
    let Some(last) = s.len().checked_sub(1) else {
        return "No data yet.".into();
    };
    let peak = |m: Metric| {
        s.fleet(m)
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(i, v)| (f64::from(*v), scenario.hhmm(s.ticks[i])))
            .unwrap_or((0.0, String::new()))
    };
    let now = |m: Metric| f64::from(s.fleet(m)[last]);
    match kind {
        ChartKind::Errors => {
            let (p, at) = peak(Metric::ErrorRatePct);
            format!(
                "Error rate {} now, peak {} at {at}; p95 latency {}.",
                format::pct(now(Metric::ErrorRatePct)),
                format::pct(p),
                format::ms(now(Metric::LatencyMsP95))
            )
        }
        ChartKind::Traffic => format!(
            "{:.0} requests/s now; {} of active users met an error in the last few minutes.",
            now(Metric::RequestsPerS),
            format::pct(now(Metric::UsersAffectedPct))
        ),
        ChartKind::Heap | ChartKind::Cpu => {
            let metric = if kind == ChartKind::Heap {
                ServerMetric::HeapUsedMb
            } else {
                ServerMetric::CpuPct
            };
            let unit = if kind == ChartKind::Heap { " MB" } else { "%" };
            let parts: Vec<String> = (0..s.servers)
                .map(|server| {
                    let v = s.server_at(metric, server, last).unwrap_or(0.0);
                    format!("{} {v:.0}{unit}", s.host(server))
                })
                .collect();
            format!("Now: {}.", parts.join(", "))
        }
    }
}
