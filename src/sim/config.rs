//! Every parameter of the simulated world, in simulation units (ticks are seconds from the start).
//!
//! The scenario layer builds a [`SimConfig`] from a TOML file; tests build one by hand. Nothing here
//! knows about files, clocks or the browser.

use serde::{Deserialize, Serialize};

/// The whole world's parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimConfig {
    /// Local time of day of tick 0, in seconds after midnight (14:00 is 50_400).
    pub start_s_of_day: u32,
    /// The run ends after this many ticks.
    pub duration_s: u32,
    /// Metrics are sampled (and alerts evaluated) every this many ticks.
    pub scrape_interval_s: u32,
    pub traffic: TrafficConfig,
    pub fleet: FleetConfig,
    pub database: DatabaseConfig,
    pub payment: PaymentConfig,
    /// Dependencies beyond the main database and the payment gateway.
    #[serde(default)]
    pub dependencies: Vec<DependencyConfig>,
    pub slo: SloConfig,
    pub faults: Vec<Fault>,
    pub alerts: Vec<AlertRule>,
    pub hypotheses: Vec<Hypothesis>,
    /// Deploys made before the run started, newest last (shown by `list_deploys`).
    pub deploy_history: Vec<DeployRecord>,
    pub response: ResponseConfig,
    /// Per-action duration overrides, in seconds.
    pub action_durations_s: Vec<(crate::sim::ActionKind, u32)>,
    /// Actions the scenario adds to the catalogue.
    #[serde(default)]
    pub custom_actions: Vec<CustomAction>,
    /// How a seed other than the calibrated one varies the afternoon.
    #[serde(default)]
    pub variation: Option<Variation>,
}

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

/// An action a scenario adds: what it is called, what it costs, what it shows and what it
/// changes when it lands (at the end of its duration).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomAction {
    pub id: String,
    pub title: String,
    pub category: crate::sim::Category,
    /// `None`, `Host` or `OptionalHost`.
    pub target: crate::sim::TargetKind,
    pub duration_s: u32,
    pub help: String,
    /// What the trainee reads when it is done; `{host}` stands for the target's name.
    pub finding: String,
    /// Faults (by index) it cures when it lands.
    pub cures: Vec<u32>,
    /// Settings it changes when it lands.
    pub sets: Vec<(Setting, f64)>,
    /// Only the developers can do it: refused until they are engaged.
    pub needs_developers: bool,
    /// Diagnostics (by id) whose output, once it showed an anomaly, makes this action known;
    /// empty: offered from the start.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revealed_by: Vec<String>,
}

/// A setting of the running world that an action can change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Setting {
    /// The database connection pool's size.
    PoolSize,
    /// How long a request waits for a connection before it fails.
    PoolMaxWaitMs,
    /// Load-balancer health checks: 1 on, 0 off (every server stays in rotation, and a server
    /// that is down fails the requests sent to it).
    HealthChecks,
    HealthCheckTimeoutMs,
    HealthCheckCostMs,
    RequestTimeoutMs,
    /// Requests/s one server serves at full load.
    CapacityRps,
    WorkerThreads,
    /// Share of incoming traffic let in (blocking a bot or a feature: below 1).
    TrafficShare,
}

impl Setting {
    pub const ALL: [Setting; 9] = [
        Setting::PoolSize,
        Setting::PoolMaxWaitMs,
        Setting::HealthChecks,
        Setting::HealthCheckTimeoutMs,
        Setting::HealthCheckCostMs,
        Setting::RequestTimeoutMs,
        Setting::CapacityRps,
        Setting::WorkerThreads,
        Setting::TrafficShare,
    ];

    /// The name scenario files use.
    pub fn id(self) -> &'static str {
        match self {
            Setting::PoolSize => "pool_size",
            Setting::PoolMaxWaitMs => "pool_max_wait_ms",
            Setting::HealthChecks => "health_checks",
            Setting::HealthCheckTimeoutMs => "check_timeout_ms",
            Setting::HealthCheckCostMs => "check_cost_ms",
            Setting::RequestTimeoutMs => "request_timeout_ms",
            Setting::CapacityRps => "capacity_rps",
            Setting::WorkerThreads => "worker_threads",
            Setting::TrafficShare => "traffic_share",
        }
    }

    pub fn from_id(id: &str) -> Option<Setting> {
        Setting::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The values it accepts, inclusive.
    pub fn range(self) -> (f64, f64) {
        match self {
            Setting::HealthChecks => (0.0, 1.0),
            Setting::TrafficShare => (0.0, 1.0),
            Setting::PoolSize | Setting::WorkerThreads => (1.0, 100_000.0),
            _ => (0.001, 1e7),
        }
    }
}

/// Every action a scenario with these actions of its own and these duration overrides offers:
/// the catalogue, then its own.
pub fn actions_of<'a>(
    custom: &'a [CustomAction],
    durations: &'a [(crate::sim::ActionKind, u32)],
) -> impl Iterator<Item = crate::sim::ActionInfo<'a>> {
    let builtin = crate::sim::CATALOGUE
        .iter()
        .map(move |s| crate::sim::ActionInfo {
            kind: s.kind,
            id: s.id,
            title: s.title,
            category: s.category,
            target: s.target,
            duration_s: durations
                .iter()
                .find(|(k, _)| *k == s.kind)
                .map_or(s.duration_s, |(_, d)| *d),
            help: s.help,
        });
    builtin.chain(custom.iter().map(|c| crate::sim::ActionInfo {
        kind: crate::sim::ActionKind::Custom,
        id: &c.id,
        title: &c.title,
        category: c.category,
        target: c.target,
        duration_s: c.duration_s,
        help: &c.help,
    }))
}

impl SimConfig {
    /// Every action this scenario offers: the catalogue, then its own.
    pub fn actions(&self) -> impl Iterator<Item = crate::sim::ActionInfo<'_>> {
        actions_of(&self.custom_actions, &self.action_durations_s)
    }

    /// The action with this id, built in or the scenario's own.
    pub fn action_info(&self, id: &str) -> Option<crate::sim::ActionInfo<'_>> {
        self.actions().find(|a| a.id == id)
    }

    /// What `action` is in this scenario (`None` for an id it does not define).
    /// What reveals each cause and each of the scenario's own actions (`revealed_by`), in file
    /// order: causes first.
    pub fn revealers(&self) -> impl Iterator<Item = &[String]> {
        self.hypotheses
            .iter()
            .map(|h| h.revealed_by.as_slice())
            .chain(self.custom_actions.iter().map(|a| a.revealed_by.as_slice()))
    }

    pub fn info(&self, action: &crate::sim::Action) -> Option<crate::sim::ActionInfo<'_>> {
        self.action_info(action.id())
    }

    /// The index of a scenario's own action.
    pub fn custom_index(&self, id: &str) -> Option<usize> {
        self.custom_actions.iter().position(|c| c.id == id)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrafficConfig {
    /// Requests per second at a time-of-day factor of 1.0.
    pub baseline_rps: f64,
    /// Time-of-day factor at each whole hour 00..23; linear in between.
    pub hourly_profile: [f64; 24],
    /// Amplitude of the slow random wander around the curve, as a fraction (0.03 = ±3%).
    pub noise_fraction: f64,
    /// Requests each active user makes per second (derives active users from traffic).
    pub requests_per_user_s: f64,
    /// Page loads per user inside the "users affected" window: how many chances a user has to
    /// meet an error.
    pub pages_per_user_window: f64,
    /// Completed orders per 1,000 successful requests (the conversion rate).
    pub orders_per_1k_requests: f64,
    pub avg_order_value: f64,
    /// Scheduled multipliers (marketing campaigns); faults can add surges on top.
    pub campaigns: Vec<Campaign>,
    /// Traffic as observed: (tick, requests/s) points, interpolated, held flat before the first
    /// and after the last. When given it replaces the baseline, the profile and campaigns.
    #[serde(default)]
    pub observed: Vec<(u32, f64)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Campaign {
    pub start_s: u32,
    pub end_s: u32,
    pub multiplier: f64,
    /// Linear ramp at both ends.
    pub ramp_s: u32,
}

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
    pub gc_trigger_fraction: f64,
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DatabaseConfig {
    pub pool_size: u32,
    pub query_ms: f64,
    pub queries_per_request: f64,
    /// How long a request waits for a free connection before it fails.
    pub max_wait_ms: f64,
    /// Connections each worker holds open, busy or idle (a per-process pool, a pooler in session
    /// mode). 0: connections are taken per query and given back. When the workers up hold more
    /// than the pool has, the workers left without one fail every request they take.
    #[serde(default)]
    pub held_per_worker: f64,
    /// The database's host, for `read_logs`.
    #[serde(default = "default_db_host")]
    pub host: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaymentConfig {
    pub latency_ms: f64,
    pub timeout_ms: f64,
    pub error_fraction: f64,
    /// False for a service with no payment gateway (orders, if any, complete without one).
    #[serde(default = "present_by_default")]
    pub present: bool,
}

fn present_by_default() -> bool {
    true
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SloConfig {
    pub error_rate_pct: f64,
    pub latency_p95_ms: f64,
    /// Service counts as restored once under SLO for this long.
    pub restore_window_s: u32,
    /// The outage starts at the first scrape with an error rate at or above this.
    pub outage_error_rate_pct: f64,
    /// "Users affected" counts users who met an error within this trailing window.
    pub affected_window_s: u32,
}

/// How the people around the trainee respond.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResponseConfig {
    /// From paging the developers until they are engaged.
    pub developers_response_s: u32,
    /// From `apply_code_fix` until the fixed build is live and the servers restart on it.
    pub fix_deploy_s: u32,
    /// From `rollback_deploy` until the previous build is live.
    pub rollback_s: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fault {
    pub at_s: u32,
    pub kind: FaultKind,
    /// A latent fault began before the run (this is when, as the scenario writes it): it is
    /// active from the start, and what it changed is dated then (a config diff shows the date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
}

/// Which servers a fault touches.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Targets {
    All,
    Servers(Vec<u32>),
}

impl Targets {
    pub fn includes(&self, server: u32) -> bool {
        match self {
            Targets::All => true,
            Targets::Servers(list) => list.contains(&server),
        }
    }
}

/// A downstream dependency: the main database (`[database]`), the payment gateway (`[payment]`),
/// or one of the scenario's `[[dependencies]]` (by index).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Dependency {
    Database,
    Payment,
    Named(u32),
}

impl Dependency {
    pub const BUILT_IN: [Dependency; 2] = [Dependency::Database, Dependency::Payment];

    /// The name scenario files use for the two built-in ones.
    pub fn id(self) -> &'static str {
        match self {
            Dependency::Database => "database",
            Dependency::Payment => "payment",
            Dependency::Named(_) => "named",
        }
    }

    /// The dependency called `name` in a scenario with these `[[dependencies]]`.
    pub fn find(name: &str, named: &[DependencyConfig]) -> Option<Dependency> {
        Dependency::BUILT_IN
            .into_iter()
            .find(|d| d.id() == name)
            .or_else(|| {
                named
                    .iter()
                    .position(|d| d.name == name)
                    .map(|i| Dependency::Named(i as u32))
            })
    }
}

/// One of a scenario's own dependencies: a database behind a connection pool, an HTTP service or
/// a cache in front of another dependency.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DependencyConfig {
    pub name: String,
    /// Where its logs are read (`read_logs <host>`).
    pub host: String,
    pub kind: DependencyKind,
    /// One call's time when healthy (a query, a request, a lookup).
    pub latency_ms: f64,
    /// Calls per served request (below 1: only that share of requests calls it).
    pub calls_per_request: f64,
    /// A call slower than this fails (a cache's times out into a miss).
    pub timeout_ms: f64,
    /// Share of calls failing when healthy.
    pub error_fraction: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum DependencyKind {
    /// A database behind a connection pool of its own.
    Database { pool_size: u32, max_wait_ms: f64 },
    /// An HTTP service: a failed call fails the request that made it.
    Http,
    /// A cache: a miss (or a timed-out lookup) goes to `backend`, so a cold or failing cache
    /// adds load there.
    Cache { hit_ratio: f64, backend: Dependency },
}

impl DependencyKind {
    pub fn id(&self) -> &'static str {
        match self {
            DependencyKind::Database { .. } => "database",
            DependencyKind::Http => "http",
            DependencyKind::Cache { .. } => "cache",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FaultKind {
    /// Each served request retains memory that is never freed.
    MemoryLeak {
        targets: Targets,
        leak_kb_per_request: f64,
        /// The allocation site a heap profile shows at the top.
        site: String,
        /// When set, the leak arrives with this deploy (and a rollback removes it).
        deploy: Option<String>,
    },
    TrafficSurge {
        multiplier: f64,
        duration_s: u32,
        ramp_s: u32,
    },
    DependencySlowdown {
        dependency: Dependency,
        latency_multiplier: f64,
        duration_s: u32,
    },
    /// A bad config push shrinks a database's connection pool (the main one unless named).
    PoolExhaustion {
        pool_size: u32,
        change: String,
        #[serde(default = "main_database")]
        database: Dependency,
    },
    DiskFill {
        targets: Targets,
        mb_per_s: f64,
        /// When set, it arrived with this config push (debug logging switched on): reverting the
        /// config stops the filling (what is written stays until cleaned).
        #[serde(default)]
        change: Option<String>,
    },
    CpuRunaway {
        targets: Targets,
        cpu_pct: f64,
        process: String,
        /// When set, a killed runaway comes back this long after (a scheduler respawns it)
        /// until its cause is fixed in code.
        #[serde(default)]
        recurs_after_s: Option<u32>,
        /// When set, it arrived with this config push (`key: from -> to`): the diff shows it and
        /// reverting the config removes it.
        #[serde(default)]
        change: Option<String>,
    },
    /// A share of requests fails outright: one endpoint broken by a bug, a poisoned cache entry,
    /// a bad feature flag. The rest of the site works.
    RequestErrors {
        /// Share of requests that fail (0 to 1).
        share: f64,
        /// What fails, as the logs show it (`POST /checkout`).
        endpoint: String,
        /// The error those requests log.
        error: String,
        /// When set, it arrives with this deploy (and a rollback removes it).
        deploy: Option<String>,
        /// When set, it arrived with this config push (reverting the config removes it).
        #[serde(default)]
        change: Option<String>,
    },
}

impl FaultKind {
    pub fn id(&self) -> &'static str {
        match self {
            FaultKind::MemoryLeak { .. } => "memory_leak",
            FaultKind::TrafficSurge { .. } => "traffic_surge",
            FaultKind::DependencySlowdown { .. } => "dependency_slowdown",
            FaultKind::PoolExhaustion { .. } => "pool_exhaustion",
            FaultKind::DiskFill { .. } => "disk_fill",
            FaultKind::CpuRunaway { .. } => "cpu_runaway",
            FaultKind::RequestErrors { .. } => "request_errors",
        }
    }

    /// The diagnostics whose output shows this fault for what it is (the scorer's evidence, when a
    /// scenario does not list its own).
    pub fn evidence(&self) -> &'static [crate::sim::ActionKind] {
        use crate::sim::ActionKind::*;
        match self {
            FaultKind::MemoryLeak { .. } => &[ViewMemory, Free, HeapProfile],
            FaultKind::TrafficSurge { .. } => &[CheckLoadBalancer, Top],
            FaultKind::DependencySlowdown { .. } => &[CheckDependencies, CheckDb],
            FaultKind::PoolExhaustion { .. } => &[CheckDb, DiffConfig],
            FaultKind::DiskFill { .. } => &[Df, ReadLogs],
            FaultKind::CpuRunaway { .. } => &[Top],
            FaultKind::RequestErrors { .. } => &[ReadLogs, ListDeploys],
        }
    }

    /// The release a fault arrived with (a rollback removes it).
    pub fn deploy(&self) -> Option<&str> {
        match self {
            FaultKind::MemoryLeak { deploy, .. } | FaultKind::RequestErrors { deploy, .. } => {
                deploy.as_deref()
            }
            _ => None,
        }
    }

    /// The config push a fault arrived with, beyond a pool's (reverting the config removes it).
    pub fn pushed_change(&self) -> Option<&str> {
        match self {
            FaultKind::CpuRunaway { change, .. }
            | FaultKind::RequestErrors { change, .. }
            | FaultKind::DiskFill { change, .. } => change.as_deref(),
            _ => None,
        }
    }

    /// A defect in the system that must be removed for the incident to be resolved. A traffic
    /// surge is load, not a defect: it is resolved once the service holds under it.
    pub fn is_defect(&self) -> bool {
        !matches!(self, FaultKind::TrafficSurge { .. })
    }

    /// A bug in the code: the developers' fix for the right cause removes it.
    pub fn in_code(&self) -> bool {
        matches!(
            self,
            FaultKind::MemoryLeak { .. }
                | FaultKind::CpuRunaway { .. }
                | FaultKind::RequestErrors { .. }
        )
    }
}

fn default_check_cost_ms() -> f64 {
    5.0
}

fn default_host_prefix() -> String {
    "app-".into()
}

fn main_database() -> Dependency {
    Dependency::Database
}

fn default_db_host() -> String {
    "db-1".into()
}

fn default_service() -> String {
    "shop-app".into()
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

/// A fleet-level signal an alert rule can watch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Comparison {
    Above,
    Below,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AlertRule {
    pub id: String,
    pub title: String,
    pub metric: crate::sim::Metric,
    pub comparison: Comparison,
    pub threshold: f64,
    pub for_s: u32,
    pub severity: String,
    /// Whether anyone receives it: an alert can fire on a dashboard and page nobody (a
    /// misrouted pager, a muted channel), as in many real timelines.
    #[serde(default = "delivered_by_default")]
    pub delivered: bool,
}

fn delivered_by_default() -> bool {
    true
}

impl AlertRule {
    /// Whether a firing pages the on-call engineer.
    pub fn pages(&self) -> bool {
        self.delivered && self.severity == "page"
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hypothesis {
    pub id: String,
    pub title: String,
    pub correct: bool,
    /// Diagnostics (by id) whose output, once it showed an anomaly, puts this cause on the
    /// list; empty: listed from the start.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revealed_by: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeployRecord {
    pub when: String,
    pub version: String,
    pub summary: String,
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
            vary_rate(&mut fault.kind, factor);
            if v.hosts {
                if let Some(Targets::Servers(list)) = fault_targets(&mut fault.kind) {
                    *list = pick_hosts(list.len(), servers, &mut draw);
                }
            }
        }
        cfg
    }
}

fn vary_rate(kind: &mut FaultKind, factor: f64) {
    match kind {
        FaultKind::MemoryLeak {
            leak_kb_per_request,
            ..
        } => *leak_kb_per_request *= factor,
        FaultKind::TrafficSurge { multiplier, .. } => {
            *multiplier = 1.0 + (*multiplier - 1.0) * factor
        }
        FaultKind::DependencySlowdown {
            latency_multiplier, ..
        } => *latency_multiplier = (*latency_multiplier * factor).max(1.0),
        FaultKind::PoolExhaustion { pool_size, .. } => {
            *pool_size = ((f64::from(*pool_size) * factor).round() as u32).max(1)
        }
        FaultKind::DiskFill { mb_per_s, .. } => *mb_per_s *= factor,
        FaultKind::CpuRunaway { cpu_pct, .. } => *cpu_pct = (*cpu_pct * factor).min(100.0),
        FaultKind::RequestErrors { share, .. } => *share = (*share * factor).min(1.0),
    }
}

fn fault_targets(kind: &mut FaultKind) -> Option<&mut Targets> {
    match kind {
        FaultKind::MemoryLeak { targets, .. }
        | FaultKind::DiskFill { targets, .. }
        | FaultKind::CpuRunaway { targets, .. } => Some(targets),
        _ => None,
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
