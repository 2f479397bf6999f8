//! The actions a scenario adds to the catalogue, and the settings of the running world they
//! change.

use serde::{Deserialize, Serialize};

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
    #[serde(default)]
    pub revealed_by: Vec<String>,
    /// A cause (by index) the trainee must have declared before this action is known.
    #[serde(default)]
    pub revealed_by_cause: Option<u32>,
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
    /// One of a dependency's limits on what its process holds open (`pgbouncer.open_files`).
    Limit {
        dependency: u32,
        limit: crate::sim::LimitKind,
    },
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

    /// The name scenario files use (a dependency's limit is written after its name and a dot).
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
            Setting::Limit { limit, .. } => limit.id(),
        }
    }

    pub fn from_id(id: &str) -> Option<Setting> {
        Setting::ALL.into_iter().find(|s| s.id() == id)
    }

    /// Whether it takes whole numbers only.
    pub fn whole(self) -> bool {
        matches!(
            self,
            Setting::PoolSize
                | Setting::WorkerThreads
                | Setting::HealthChecks
                | Setting::Limit { .. }
        )
    }

    /// The values it accepts, inclusive.
    pub fn range(self) -> (f64, f64) {
        match self {
            Setting::HealthChecks => (0.0, 1.0),
            Setting::TrafficShare => (0.0, 1.0),
            Setting::PoolSize | Setting::WorkerThreads => (1.0, 100_000.0),
            Setting::Limit { .. } => (1.0, 1e7),
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
