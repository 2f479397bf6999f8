//! The monitoring system: at each scrape, sample every server and the fleet, then evaluate alerts
//! and impact.

use super::impact::IntervalImpact;
use super::latency::{server_latency, LoadSample};
use super::metrics::{Metric, ServerMetric};
use super::simulation::Simulation;

/// The worst server on each fleet-wide "max" metric.
#[derive(Default)]
struct Worst {
    heap_pct: f64,
    gc_pct: f64,
    cpu_pct: f64,
    disk_pct: f64,
}

impl Simulation {
    /// Samples every metric for the interval that just ended, then evaluates alerts and impact.
    pub(super) fn scrape(&mut self) {
        let secs = f64::from(self.cfg.scrape_interval_s.max(1));
        let worst = self.sample_servers(secs);
        let values = self.fleet_values(secs, &worst);
        let series = &mut self.trace.series;
        for (m, v) in values.iter().enumerate() {
            series.fleet[m].push(*v);
        }
        self.alerts
            .evaluate(&self.cfg.alerts, self.tick, &values, &mut self.trace.events);
        self.trace.impact = self.impact.totals.clone();
        self.fleet.reset_accumulators();
        self.interval = Default::default();
    }

    /// Per-server samples into the series and the latency histogram.
    fn sample_servers(&mut self, secs: f64) -> Worst {
        let service_ms = self.interval.service_ms / secs;
        self.histogram.clear();
        let cfg = &self.fleet.cfg;
        let mut worst = Worst::default();
        let series = &mut self.trace.series;
        series.begin_scrape(self.tick, self.fleet.len() as u32);
        debug_assert_eq!(series.server.len(), ServerMetric::ALL.len());
        for server in &self.fleet.servers {
            let up = server.is_up();
            let served = server.acc_served;
            let gc_share = server.acc_gc_ms / (secs * 1000.0);
            if served > 0.0 {
                let load = LoadSample {
                    service_ms,
                    utilisation: server.acc_demand / server.acc_capacity.max(1e-9),
                    gc_share,
                    gc_pause_ms: cfg.gc_pause_base_ms
                        + cfg.gc_pause_ms_per_gb_live * server.live_mb / 1024.0,
                    timeout_ms: cfg.request_timeout_ms,
                };
                self.histogram.add_server(&server_latency(&load), served);
                let timed_out = (server.acc_demand - served).max(0.0);
                self.histogram.add(cfg.request_timeout_ms, timed_out);
            }
            let used = if up { server.heap_used_mb() } else { 0.0 };
            let live = if up { server.live_mb } else { 0.0 };
            worst.heap_pct = worst.heap_pct.max(100.0 * used / server.heap_max_mb);
            worst.gc_pct = worst.gc_pct.max(100.0 * gc_share);
            worst.cpu_pct = worst.cpu_pct.max(server.cpu_pct);
            worst.disk_pct = worst
                .disk_pct
                .max(100.0 * server.disk_used_mb / cfg.disk_mb);
            let mut push = |m: ServerMetric, v: f64| series.server[m.index()].push(v as f32);
            push(ServerMetric::HeapUsedMb, used);
            push(ServerMetric::HeapLiveMb, live);
            push(ServerMetric::CpuPct, server.cpu_pct);
            push(ServerMetric::RequestsPerS, served / secs);
            push(ServerMetric::GcPct, 100.0 * gc_share);
        }
        worst
    }

    /// Every fleet metric for this scrape; also closes the impact interval.
    fn fleet_values(&mut self, secs: f64, worst: &Worst) -> [f32; Metric::ALL.len()] {
        let i = self.interval;
        // When requests arrived and none was answered, every one waited out the timeout.
        let unanswered = self.histogram.is_empty() && i.arrived > 0.0;
        let timeout_ms = self.fleet.cfg.request_timeout_ms;
        let quantile = |q: f64| {
            if unanswered {
                timeout_ms
            } else {
                self.histogram.quantile(q)
            }
        };
        let p95 = quantile(0.95);
        let impact = IntervalImpact {
            arrived: i.arrived,
            failed: i.failed,
            latency_ms_p95: p95,
        };
        let affected = self
            .impact
            .scrape(self.tick, impact, &mut self.trace.events);
        let error_pct = if i.arrived > 0.0 {
            100.0 * i.failed / i.arrived
        } else {
            0.0
        };
        let fleet = &self.fleet;
        let mut values = [0.0f32; Metric::ALL.len()];
        let mut set = |m: Metric, v: f64| values[m.index()] = v as f32;
        set(Metric::RequestsPerS, i.arrived / secs);
        set(Metric::ErrorRatePct, error_pct);
        set(Metric::LatencyMsP50, quantile(0.5));
        set(Metric::LatencyMsP95, p95);
        set(Metric::LatencyMsP99, quantile(0.99));
        set(
            Metric::ActiveUsers,
            self.traffic.active_users(i.arrived / secs),
        );
        set(Metric::UsersAffectedPct, affected);
        set(Metric::OrdersPerMin, i.orders / secs * 60.0);
        set(Metric::RevenueLost, self.impact.totals.revenue_lost);
        set(
            Metric::ServersInRotation,
            fleet.servers_in_rotation() as f64,
        );
        set(Metric::ServersUp, fleet.servers_up() as f64);
        set(Metric::HeapUsedPctMax, worst.heap_pct);
        set(Metric::GcOverheadPctMax, worst.gc_pct);
        set(Metric::CpuPctMax, worst.cpu_pct);
        set(Metric::DiskUsedPctMax, worst.disk_pct);
        set(Metric::DbPoolUsedPct, 100.0 * i.pool_used / secs);
        set(Metric::DbQueryMs, i.db_query_ms / secs);
        set(Metric::PaymentLatencyMs, i.payment_ms / secs);
        values
    }
}
