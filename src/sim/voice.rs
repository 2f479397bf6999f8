//! What the logs and findings need to sound like the scenario's service, read once from its
//! config when the run begins.

use serde::{Deserialize, Serialize};

use super::config::{Dependency, DependencyClass, Setting, SimConfig};

/// What the logs and findings need to sound like the scenario's service.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Voice {
    pub runtime: super::Runtime,
    pub service: String,
    pub log_lines: Vec<String>,
    /// The requests its everyday lines show (`"GET /photos"`), when it names them.
    #[serde(default)]
    pub endpoints: Vec<String>,
    /// How long a request waits for a database connection before it fails.
    pub pool_wait_ms: f64,
    /// Faults that break a share of requests: (fault index, endpoint, error, share failing),
    /// for the logs.
    #[serde(default)]
    pub request_errors: Vec<(u32, String, String, f64)>,
    /// When the balancer gives up on a request (its 504s).
    #[serde(default)]
    pub request_timeout_ms: f64,
    /// The dependencies' hosts and kinds: the main database first, then the scenario's own
    /// (name, host, kind), for their logs.
    #[serde(default)]
    pub dependencies: Vec<(String, String, DependencyClass)>,
    /// Faults slowing the main database: (fault index, latency multiplier, usual query ms).
    #[serde(default)]
    pub db_slowdowns: Vec<(u32, f64, f64)>,
    /// What each of the scenario's own dependencies calls its cap on client connections
    /// (`max_client_conn`), for its logs; empty for one without.
    #[serde(default)]
    pub connection_settings: Vec<String>,
    /// The id of each host's service process when the run began.
    #[serde(default)]
    pub pids: Vec<u32>,
    /// Every setting's value when the run began (changes are events), for templated log lines.
    #[serde(default)]
    pub settings: Vec<(Setting, f64)>,
    /// Local second of the day at tick 0, for `{time}` in templated log lines.
    #[serde(default)]
    pub start_s_of_day: u32,
}

impl Voice {
    pub fn new(cfg: &SimConfig, pids: Vec<u32>) -> Voice {
        let faults = || cfg.faults.iter().zip(0u32..);
        Voice {
            runtime: cfg.fleet.runtime,
            service: cfg.fleet.service.clone(),
            log_lines: cfg.fleet.log_lines.clone(),
            endpoints: cfg.fleet.endpoints.clone(),
            request_timeout_ms: cfg.fleet.request_timeout_ms,
            pool_wait_ms: cfg.database.max_wait_ms,
            request_errors: faults()
                .filter_map(|(f, i)| {
                    let (endpoint, error, share) = f.kind.logged_error()?;
                    Some((i, endpoint.to_string(), error.to_string(), share))
                })
                .collect(),
            dependencies: std::iter::once((
                Dependency::Database.id().to_string(),
                cfg.database.host.clone(),
                DependencyClass::Database,
            ))
            .chain(
                cfg.dependencies
                    .iter()
                    .map(|d| (d.name.clone(), d.host.clone(), d.kind.class())),
            )
            .collect(),
            connection_settings: cfg
                .dependencies
                .iter()
                .map(|d| {
                    let limits = d.limits.as_ref();
                    limits.map_or(String::new(), |l| l.max_connections_setting.clone())
                })
                .collect(),
            db_slowdowns: faults()
                .filter_map(|(f, i)| {
                    let multiplier = f.kind.slowdown_of(Dependency::Database)?;
                    Some((i, multiplier, cfg.database.query_ms))
                })
                .collect(),
            pids,
            settings: Vec::new(),
            start_s_of_day: cfg.start_s_of_day,
        }
    }
}
