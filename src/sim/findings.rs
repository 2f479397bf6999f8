//! What a diagnostic action shows: numbers taken from the world at the moment it was run. Kept as
//! data (hashable, comparable); `render.rs` turns it into the text an engineer would see.

use serde::{Deserialize, Serialize};

use super::actions::Action;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub action: Action,
    pub issued_at: u32,
    /// When the trainee has the answer (issue time plus the action's duration).
    pub ready_at: u32,
    pub body: FindingBody,
    /// The faults (by index) whose anomaly this output showed when it was run: the evidence the
    /// scorer reads. Empty for a look that showed nothing abnormal.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shows: Vec<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemoryRow {
    pub host: String,
    pub state: String,
    pub heap_used_mb: f64,
    pub heap_live_mb: f64,
    pub heap_max_mb: f64,
    pub gc_time_pct: f64,
    /// Change of the live heap over the last five minutes, per minute.
    pub live_growth_mb_per_min: f64,
    pub restarts: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeapEntry {
    pub site: String,
    pub retained_mb: f64,
    pub objects: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConfigChange {
    pub key: String,
    pub from: String,
    pub to: String,
    pub at: u32,
    /// When a change made before the run was pushed, as the scenario writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// The line as the scenario's author wrote it, shown instead of `key = from` / `key = to`
    /// when the key and values are the simulation's own (a pool's push).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LbRow {
    pub host: String,
    pub in_rotation: bool,
    pub process: String,
    pub failed_checks: u32,
    pub passed_checks: u32,
    pub traffic_share_pct: f64,
    /// How long the last health check took (ms).
    pub check_ms: f64,
}

/// One of a scenario's own dependencies as a dashboard shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DependencyRow {
    pub name: String,
    pub kind: super::config::DependencyClass,
    pub latency_ms: f64,
    /// Share of the requests reaching it that fail because of it.
    pub failing_pct: f64,
    /// Databases: pool in use; caches: lookups missing.
    pub used_pct: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FindingBody {
    Memory {
        rows: Vec<MemoryRow>,
    },
    /// Rendered on demand from the trace: the ten minutes before `to`.
    Logs {
        host: Option<u32>,
        from: u32,
        to: u32,
        /// A dependency's host instead of the servers.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<super::Dependency>,
    },
    Config {
        host: String,
        settings: Vec<(String, String)>,
    },
    /// What a host's main process holds open against its limits (`ulimit -n`, `lsof`).
    Limits {
        host: String,
        process: String,
        /// The scenario's own dependency it is, by index (none: an app server or the database).
        dependency: Option<u32>,
        open_files: f64,
        open_files_limit: Option<u32>,
        /// Client connections it holds, and how many its callers want.
        connections: f64,
        wanted: f64,
        /// Its own cap on client connections: what its config calls it, and its value.
        cap: Option<(String, u32)>,
        /// Share of connection attempts refused now.
        refused_pct: f64,
    },
    ConfigDiff {
        since: String,
        changes: Vec<ConfigChange>,
    },
    Deploys {
        lines: Vec<(String, String, String)>,
    },
    HeapProfile {
        host: String,
        live_mb: f64,
        heap_max_mb: f64,
        entries: Vec<HeapEntry>,
    },
    Database {
        pool_size: u32,
        pool_used_pct: f64,
        /// Time queries run on the database.
        exec_ms: f64,
        /// Time requests wait for a free connection, per query.
        wait_ms: f64,
        failing_rps: f64,
        /// Where workers keep their connections: (connections the running workers want, held
        /// per worker).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        held: Option<(f64, f64)>,
        /// The scenario's other databases.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        others: Vec<DependencyRow>,
    },
    Dependencies {
        db_query_ms: f64,
        db_pool_used_pct: f64,
        payment_latency_ms: f64,
        payment_failed_pct: f64,
        /// False when the service has no payment gateway (then it is not listed). Written only
        /// when false, so findings of services with one read as they always did.
        #[serde(default = "yes", skip_serializing_if = "is_yes")]
        payment_gateway: bool,
        /// The scenario's own dependencies.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        others: Vec<DependencyRow>,
    },
    LoadBalancer {
        rows: Vec<LbRow>,
    },
    Top(Top),
    Free {
        host: String,
        total_mb: f64,
        used_mb: f64,
        free_mb: f64,
        buff_cache_mb: f64,
        available_mb: f64,
    },
    Df {
        host: String,
        size_mb: f64,
        used_mb: f64,
    },
    /// What a remediation or coordination action set in motion.
    Note {
        text: String,
    },
    /// Command output a scenario wrote for its own diagnostic.
    Output {
        text: String,
    },
}

/// Bytes per retained object at a leaking site (a cached response fragment).
pub const LEAK_OBJECT_BYTES: f64 = 2048.0;

/// A heap profile's entries: the healthy mix of the baseline heap (the runtime's `healthy` shares
/// by site) plus whatever leaked, biggest first.
pub fn heap_entries(
    healthy: &[(&str, f64, f64)],
    baseline_mb: f64,
    leaked: &[(String, f64)],
) -> Vec<HeapEntry> {
    let mut entries: Vec<HeapEntry> = healthy
        .iter()
        .map(|(site, share, object_bytes)| HeapEntry {
            site: site.to_string(),
            retained_mb: baseline_mb * share,
            objects: (baseline_mb * share * 1_048_576.0 / object_bytes) as u64,
        })
        .collect();
    for (site, mb) in leaked.iter().filter(|(_, mb)| *mb > 0.5) {
        entries.push(HeapEntry {
            site: site.clone(),
            retained_mb: *mb,
            objects: (mb * 1_048_576.0 / LEAK_OBJECT_BYTES) as u64,
        });
    }
    entries.sort_by(|a, b| b.retained_mb.total_cmp(&a.retained_mb));
    entries
}

/// `top` on one host: what it printed, as numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Top {
    pub host: String,
    pub load_1m: f64,
    pub cpu_pct: f64,
    pub app_cpu_pct: f64,
    pub gc_cpu_pct: f64,
    pub runaway: Option<(String, f64)>,
    pub mem_total_mb: f64,
    pub mem_used_mb: f64,
    /// The service's process id; `None` while it is not running. Saves from before it was
    /// recorded read as the id every host had then.
    #[serde(default = "legacy_pid")]
    pub pid: Option<u32>,
    /// The runaway process's id, when there is one.
    #[serde(default)]
    pub runaway_pid: u32,
    /// Resident memory of the service's process.
    #[serde(default)]
    pub app_rss_mb: f64,
    /// Load averaged over five and fifteen minutes.
    #[serde(default)]
    pub load_5m: f64,
    #[serde(default)]
    pub load_15m: f64,
}

fn legacy_pid() -> Option<u32> {
    Some(super::logs::LEGACY_PID)
}

fn yes() -> bool {
    true
}

fn is_yes(value: &bool) -> bool {
    *value
}
