//! The application servers and the load balancer in front of them.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FleetConfig {
    pub servers: u32,
    /// Names of the first servers, as the scenario lists them; servers past the list (all of
    /// them when it is empty, and any added by scaling out) are `host_prefix` and their number.
    #[serde(default)]
    pub host_names: Vec<String>,
    #[serde(default = "default_host_prefix")]
    pub host_prefix: String,
    /// What the servers run: decides whether there is a GC heap and how diagnostics read.
    #[serde(default)]
    pub runtime: crate::sim::Runtime,
    /// The service's name, as its logs and process list show it.
    #[serde(default = "default_service")]
    pub service: String,
    /// Everyday log lines (`"INFO GET /feed 200 31ms"`) the logs sprinkle between the ones
    /// events write; empty for a web shop's usual chatter.
    #[serde(default)]
    pub log_lines: Vec<String>,
    /// The requests everyday lines show (`"GET /photos"`) when there are no `log_lines`.
    #[serde(default)]
    pub endpoints: Vec<String>,
    /// Requests per second one healthy server serves at 100% utilisation.
    pub capacity_rps: f64,
    /// Service time of one request on an idle server, without dependencies.
    pub base_latency_ms: f64,
    pub request_timeout_ms: f64,
    pub heap_max_mb: f64,
    /// Live heap of a freshly started server once warm.
    pub heap_baseline_mb: f64,
    /// Live heap of each server at tick 0 (uptime before the run); missing entries use the baseline.
    pub initial_heap_live_mb: Vec<f64>,
    /// Short-lived garbage each served request allocates.
    pub alloc_kb_per_request: f64,
    /// A GC cycle runs when garbage fills this fraction of the free heap.
    #[serde(rename = "gc_trigger_fraction")]
    pub gc_trigger_share: f64,
    pub gc_pause_base_ms: f64,
    /// Pause grows with the live heap the collector must trace.
    pub gc_pause_ms_per_gb_live: f64,
    /// Time from process start to serving (JVM start, warm-up).
    pub restart_s: u32,
    /// Whether the supervisor restarts a process the OOM killer ended.
    pub auto_restart: bool,
    /// Time to provision one more server (scale out).
    pub provision_s: u32,
    pub host_ram_mb: f64,
    /// Memory the OS and the runtime use outside the heap.
    pub host_overhead_mb: f64,
    pub disk_mb: f64,
    pub disk_used_mb: f64,
    pub log_kb_per_request: f64,
    /// CPU share of one server at 100% utilisation, without GC.
    pub cpu_pct_at_capacity: f64,
    pub worker_threads: u32,
    pub lb: LoadBalancerConfig,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoadBalancerConfig {
    pub health_interval_s: u32,
    /// Consecutive failed checks before a server leaves rotation.
    pub unhealthy_threshold: u32,
    /// Consecutive passed checks before it comes back.
    pub healthy_threshold: u32,
    pub check_timeout_ms: f64,
    /// Time the check's path takes on an idle server. A busy server answers it slower (it waits
    /// its turn behind the requests), up to a hundred times slower when saturated: a check slower
    /// than `check_timeout_ms` fails, so an expensive check on an overloaded fleet empties the
    /// rotation even though every process is up.
    #[serde(default = "default_check_cost_ms")]
    pub check_cost_ms: f64,
    /// Share of requests pinned to a server by session cookie (0 = none).
    pub sticky_share: f64,
    /// Mean session length: pins drift back to an even spread at this pace.
    pub session_s: u32,
}

fn default_check_cost_ms() -> f64 {
    5.0
}

/// What the hosts are called when a scenario does not say: `app-1`, `app-2`...
pub const DEFAULT_HOST_PREFIX: &str = "app-";
/// The service's name (its unit, its log folder, its account) when a scenario does not say.
pub const DEFAULT_SERVICE: &str = "shop-app";

fn default_host_prefix() -> String {
    DEFAULT_HOST_PREFIX.into()
}

fn default_service() -> String {
    DEFAULT_SERVICE.into()
}

impl FleetConfig {
    /// The name of server `server` (0-based): listed, or the prefix and its number from 1.
    pub fn host_name(&self, server: u32) -> String {
        self.host_names
            .get(server as usize)
            .cloned()
            .unwrap_or_else(|| format!("{}{}", self.host_prefix, server + 1))
    }
}
