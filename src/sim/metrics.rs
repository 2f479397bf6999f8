//! Metric series: what the monitoring system scraped, fleet-wide and per server.

use serde::{Deserialize, Serialize};

/// A fleet-level signal, sampled once per scrape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Requests arriving at the load balancer per second.
    RequestsPerS,
    ErrorRatePct,
    #[serde(rename = "latency_p50_ms")]
    LatencyMsP50,
    #[serde(rename = "latency_p95_ms")]
    LatencyMsP95,
    #[serde(rename = "latency_p99_ms")]
    LatencyMsP99,
    ActiveUsers,
    UsersAffectedPct,
    OrdersPerMin,
    RevenueLost,
    ServersInRotation,
    ServersUp,
    HeapUsedPctMax,
    GcOverheadPctMax,
    CpuPctMax,
    DiskUsedPctMax,
    DbPoolUsedPct,
    DbQueryMs,
    PaymentLatencyMs,
}

impl Metric {
    pub const ALL: [Metric; 18] = [
        Metric::RequestsPerS,
        Metric::ErrorRatePct,
        Metric::LatencyMsP50,
        Metric::LatencyMsP95,
        Metric::LatencyMsP99,
        Metric::ActiveUsers,
        Metric::UsersAffectedPct,
        Metric::OrdersPerMin,
        Metric::RevenueLost,
        Metric::ServersInRotation,
        Metric::ServersUp,
        Metric::HeapUsedPctMax,
        Metric::GcOverheadPctMax,
        Metric::CpuPctMax,
        Metric::DiskUsedPctMax,
        Metric::DbPoolUsedPct,
        Metric::DbQueryMs,
        Metric::PaymentLatencyMs,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The identifier scenario files and action files use.
    pub fn id(self) -> &'static str {
        match self {
            Metric::RequestsPerS => "requests_per_s",
            Metric::ErrorRatePct => "error_rate_pct",
            Metric::LatencyMsP50 => "latency_p50_ms",
            Metric::LatencyMsP95 => "latency_p95_ms",
            Metric::LatencyMsP99 => "latency_p99_ms",
            Metric::ActiveUsers => "active_users",
            Metric::UsersAffectedPct => "users_affected_pct",
            Metric::OrdersPerMin => "orders_per_min",
            Metric::RevenueLost => "revenue_lost",
            Metric::ServersInRotation => "servers_in_rotation",
            Metric::ServersUp => "servers_up",
            Metric::HeapUsedPctMax => "heap_used_pct_max",
            Metric::GcOverheadPctMax => "gc_overhead_pct_max",
            Metric::CpuPctMax => "cpu_pct_max",
            Metric::DiskUsedPctMax => "disk_used_pct_max",
            Metric::DbPoolUsedPct => "db_pool_used_pct",
            Metric::DbQueryMs => "db_query_ms",
            Metric::PaymentLatencyMs => "payment_latency_ms",
        }
    }

    pub fn from_id(id: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.id() == id)
    }

    pub fn title(self) -> &'static str {
        match self {
            Metric::RequestsPerS => "Requests per second",
            Metric::ErrorRatePct => "Error rate (%)",
            Metric::LatencyMsP50 => "Latency p50 (ms)",
            Metric::LatencyMsP95 => "Latency p95 (ms)",
            Metric::LatencyMsP99 => "Latency p99 (ms)",
            Metric::ActiveUsers => "Active users",
            Metric::UsersAffectedPct => "Users affected (%)",
            Metric::OrdersPerMin => "Orders per minute",
            Metric::RevenueLost => "Revenue lost",
            Metric::ServersInRotation => "Servers in rotation",
            Metric::ServersUp => "Servers up",
            Metric::HeapUsedPctMax => "Heap used, worst server (%)",
            Metric::GcOverheadPctMax => "GC time, worst server (%)",
            Metric::CpuPctMax => "CPU, busiest server (%)",
            Metric::DiskUsedPctMax => "Disk used, fullest server (%)",
            Metric::DbPoolUsedPct => "DB pool in use (%)",
            Metric::DbQueryMs => "DB query time (ms)",
            Metric::PaymentLatencyMs => "Payment gateway latency (ms)",
        }
    }
}

/// A per-server signal, sampled once per scrape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServerMetric {
    HeapUsedMb,
    HeapLiveMb,
    CpuPct,
    RequestsPerS,
    /// Share of the interval the server spent collecting garbage.
    GcPct,
}

impl ServerMetric {
    pub const ALL: [ServerMetric; 5] = [
        ServerMetric::HeapUsedMb,
        ServerMetric::HeapLiveMb,
        ServerMetric::CpuPct,
        ServerMetric::RequestsPerS,
        ServerMetric::GcPct,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn title(self) -> &'static str {
        match self {
            ServerMetric::HeapUsedMb => "Heap used (MB)",
            ServerMetric::HeapLiveMb => "Heap live after GC (MB)",
            ServerMetric::CpuPct => "CPU (%)",
            ServerMetric::RequestsPerS => "Requests served per second",
            ServerMetric::GcPct => "GC time (%)",
        }
    }
}

/// Every scraped sample of a run. Stored as `f32`: dashboards need no more, and it halves the
/// memory a long, wide run takes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub scrape_interval_s: u32,
    /// Servers in the largest scrape (servers are added by scaling out, never removed).
    pub servers: u32,
    /// Tick of each scrape.
    pub ticks: Vec<u32>,
    /// `fleet[metric.index()][scrape]`.
    pub fleet: Vec<Vec<f32>>,
    /// `server[metric.index()][starts[scrape] + server]`: each scrape samples every server the
    /// fleet has at that moment.
    pub server: Vec<Vec<f32>>,
    /// Where each scrape's per-server samples start.
    pub starts: Vec<usize>,
    /// Every server's host name, by index (servers added by scaling out are appended).
    pub hosts: Vec<String>,
}

impl Series {
    pub fn new(scrape_interval_s: u32, servers: u32, expected_scrapes: usize) -> Series {
        let fleet = (0..Metric::ALL.len())
            .map(|_| Vec::with_capacity(expected_scrapes))
            .collect();
        let server = (0..ServerMetric::ALL.len())
            .map(|_| Vec::with_capacity(expected_scrapes * servers as usize))
            .collect();
        Series {
            scrape_interval_s,
            servers,
            ticks: Vec::with_capacity(expected_scrapes),
            fleet,
            server,
            starts: Vec::with_capacity(expected_scrapes),
            hosts: Vec::new(),
        }
    }

    /// Server `s`'s host name.
    pub fn host(&self, server: u32) -> String {
        self.hosts
            .get(server as usize)
            .cloned()
            .unwrap_or_else(|| format!("server {}", server + 1))
    }

    /// Marks the start of a scrape's per-server samples; call before pushing them.
    pub fn begin_scrape(&mut self, tick: u32, servers: u32) {
        self.ticks.push(tick);
        self.starts.push(self.server[0].len());
        self.servers = self.servers.max(servers);
    }

    /// How many servers scrape `i` sampled.
    pub fn servers_at(&self, index: usize) -> usize {
        let end = self
            .starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.server[0].len());
        end - self.starts[index]
    }

    pub fn len(&self) -> usize {
        self.ticks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ticks.is_empty()
    }

    pub fn fleet(&self, metric: Metric) -> &[f32] {
        &self.fleet[metric.index()]
    }

    /// The latest sample of a fleet metric, if any scrape happened.
    pub fn last(&self, metric: Metric) -> Option<f32> {
        self.fleet(metric).last().copied()
    }

    /// One server's sample of a per-server metric at scrape `i`, if it existed then.
    pub fn server_at(&self, metric: ServerMetric, server: u32, index: usize) -> Option<f32> {
        let s = server as usize;
        (index < self.len() && s < self.servers_at(index))
            .then(|| self.server[metric.index()][self.starts[index] + s])
    }

    /// One server's (tick, value) samples of a per-server metric, from the first scrape it was in.
    pub fn server(
        &self,
        metric: ServerMetric,
        server: u32,
    ) -> impl Iterator<Item = (u32, f32)> + '_ {
        (0..self.len()).filter_map(move |i| {
            self.server_at(metric, server, i)
                .map(|v| (self.ticks[i], v))
        })
    }

    /// Every sample of scrape `i`: fleet metrics, then each per-server metric for each server.
    pub fn row(&self, index: usize) -> impl Iterator<Item = f32> + '_ {
        let n = self.servers_at(index);
        let start = self.starts[index];
        self.fleet.iter().map(move |m| m[index]).chain(
            self.server
                .iter()
                .flat_map(move |m| m[start..start + n].iter().copied()),
        )
    }

    /// The scrape index at or before `tick`.
    pub fn scrape_at(&self, tick: u32) -> Option<usize> {
        match self.ticks.binary_search(&tick) {
            Ok(i) => Some(i),
            Err(0) => None,
            Err(i) => Some(i - 1),
        }
    }
}
