//! The service itself: its servers, load balancer, dependencies, objectives, and the people
//! around it.

use serde::Deserialize;

#[cfg(not(target_arch = "wasm32"))]
use super::schema;

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FleetFile {
    pub servers: u32,
    /// The servers' host names, one per server (`["web-a", "web-b"]`). Left out, hosts are
    /// `host_prefix` and a number.
    #[serde(default)]
    pub hosts: Option<Vec<String>>,
    /// Host names are this and a number from 1 (default `app-`); servers added by scaling out
    /// are named the same way.
    #[serde(default)]
    pub host_prefix: Option<String>,
    /// `jvm` (default), `dotnet`, `node`, `python`, `ruby`, `go` or `native`: whether there is a
    /// garbage-collected heap, and how diagnostics and logs read.
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "schema::runtime"))]
    pub runtime: Option<String>,
    /// The service's name in logs and the process list (default `shop-app`).
    #[serde(default)]
    pub service: Option<String>,
    /// Everyday log lines, `"LEVEL text"`, sprinkled between what events log; the text is a
    /// template over the world when it is logged, like a custom action's finding.
    #[serde(default)]
    pub log_lines: Vec<String>,
    /// The requests the service answers, `"METHOD /path"` (`["GET /photos/8812", "POST
    /// /uploads"]`): everyday lines show them when there are no `log_lines`. Left out, a web
    /// shop's for the default service, and nothing service-specific for any other.
    #[serde(default)]
    pub endpoints: Vec<String>,
    pub capacity_rps: f64,
    pub base_latency_ms: f64,
    pub request_timeout_ms: f64,
    pub heap_max_mb: f64,
    pub heap_baseline_mb: f64,
    #[serde(default)]
    pub initial_heap_live_mb: Vec<f64>,
    /// Short-lived garbage per request (runtimes with a collected heap; default 100).
    #[serde(default)]
    pub alloc_kb_per_request: Option<f64>,
    /// A collection runs when garbage fills this share of the free heap (default 0.5).
    #[serde(default)]
    #[serde(rename = "gc_trigger_fraction")]
    pub gc_trigger_share: Option<f64>,
    /// (default 10)
    #[serde(default)]
    pub gc_pause_base_ms: Option<f64>,
    /// (default 50)
    #[serde(default)]
    pub gc_pause_ms_per_gb_live: Option<f64>,
    pub restart_time: String,
    pub auto_restart: bool,
    pub provision_time: String,
    pub host_ram_mb: f64,
    pub host_overhead_mb: f64,
    pub disk_mb: f64,
    pub disk_used_mb: f64,
    pub log_kb_per_request: f64,
    pub cpu_pct_at_capacity: f64,
    pub worker_threads: u32,
    pub load_balancer: LoadBalancerFile,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LoadBalancerFile {
    /// How often the balancer checks each server (`"10s"`).
    pub health_interval: String,
    /// Failed checks in a row that take a server out of rotation (>= 1).
    pub unhealthy_threshold: u32,
    /// Passed checks in a row that put it back (>= 1).
    pub healthy_threshold: u32,
    /// A check slower than this fails (> 0).
    pub check_timeout_ms: f64,
    /// Milliseconds the check's path takes on an idle server (default 5); a busy server answers
    /// it up to a hundred times slower.
    #[serde(default)]
    pub check_cost_ms: Option<f64>,
    /// Share of requests pinned to a server by session (0 to 1, default 0).
    #[serde(default)]
    pub sticky_share: f64,
    /// How fast session pins even out (default `"20m"`).
    #[serde(default = "default_session")]
    pub session_length: String,
}

fn default_session() -> String {
    "20m".into()
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DatabaseFile {
    pub pool_size: u32,
    pub query_ms: f64,
    pub queries_per_request: f64,
    pub max_wait_ms: f64,
    /// Connections each worker holds open, busy or idle (default 0: taken per query).
    #[serde(default)]
    pub held_per_worker: Option<f64>,
    /// The database's host, for `read_logs` (default `db-1`).
    #[serde(default)]
    pub host: Option<String>,
    /// `[[dependencies]]` its queries pass through (a pooler in front of it).
    #[serde(default)]
    pub depends_on: Vec<String>,
}

/// A dependency of any of four kinds. Which fields apply depends on `kind`.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DependencyFile {
    /// What faults and diagnostics call it (`search`, `sessions-cache`).
    pub name: String,
    /// `database`, `http`, `cache` or `proxy`.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(schema_with = "schema::dependency_kind")
    )]
    pub kind: String,
    /// Where its logs are read (default: its name).
    #[serde(default)]
    pub host: Option<String>,
    /// One call's time when healthy, in ms.
    pub latency_ms: f64,
    /// Calls per served request (below 1: only that share of requests calls it).
    pub calls_per_request: f64,
    /// A call slower than this fails (a cache lookup times out into a miss).
    pub timeout_ms: f64,
    /// Share of calls failing when healthy (default 0).
    #[serde(default)]
    #[serde(rename = "error_fraction")]
    pub error_share: f64,
    /// database: its connection pool.
    pub pool_size: Option<u32>,
    /// database: how long a call waits for a connection before it fails.
    pub max_wait_ms: Option<f64>,
    /// cache: share of lookups that hit.
    #[serde(rename = "hit_ratio")]
    pub hit_share: Option<f64>,
    /// cache: where misses go (`database`, or a database or http dependency's name).
    pub backend: Option<String>,
    /// Other `[[dependencies]]` its calls pass through: their calls include its own, and what
    /// fails there fails here.
    #[serde(default)]
    pub depends_on: Vec<String>,
    /// What its process may hold open.
    #[serde(default)]
    pub limits: Option<LimitsFile>,
}

/// A process's limits on what it holds open: each client connection takes a slot and a file.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LimitsFile {
    /// The open-file limit (`nofile`, `ulimit -n`).
    #[serde(default)]
    pub open_files: Option<u32>,
    /// Files it keeps open besides client connections (default 0).
    #[serde(default)]
    pub files_in_use: u32,
    /// Its own cap on client connections.
    #[serde(default)]
    pub max_connections: Option<u32>,
    /// What its config calls that cap (default `max_connections`).
    #[serde(default)]
    pub max_connections_setting: Option<String>,
    /// Client connections each running worker of the service keeps open to it (default 0).
    #[serde(default)]
    pub connections_per_worker: f64,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PaymentFile {
    /// One payment call's time when healthy (> 0).
    pub latency_ms: f64,
    /// A payment call slower than this fails (> 0).
    pub timeout_ms: f64,
    /// Share of payment calls failing when healthy (0 to 1).
    #[serde(rename = "error_fraction")]
    pub error_share: f64,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SloFile {
    pub error_rate_pct: f64,
    #[serde(rename = "latency_p95_ms")]
    pub latency_ms_p95: f64,
    pub restore_window: String,
    pub outage_error_rate_pct: f64,
    pub affected_window: String,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ResponseFile {
    pub developers_response: String,
    pub fix_deploy: String,
    pub rollback: String,
    /// Who an escalation pages, mid-sentence (`"the platform team"`, `"the other admins"`): the
    /// paging action's title, its finding, the refusals and the debrief name them. Default: the
    /// development team (the action's id stays `page_developers`).
    #[serde(default)]
    pub escalate_to: Option<String>,
}
