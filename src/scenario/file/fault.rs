//! What goes wrong, and the releases that went out before the run.

use serde::Deserialize;

#[cfg(not(target_arch = "wasm32"))]
use super::schema;

/// One fault. Which fields apply depends on `type`; the validator says which do not.
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FaultFile {
    /// What goes wrong: memory_leak, traffic_surge, dependency_slowdown, pool_exhaustion,
    /// disk_fill, request_errors or cpu_runaway (docs/scenarios.md: which fields each takes).
    #[serde(rename = "type")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(schema_with = "schema::fault_type")
    )]
    pub kind: String,
    /// A name for the fault, for a custom action's `cures`.
    pub id: Option<String>,
    /// When it starts, a time in the run (or `since`).
    pub at: Option<String>,
    /// A latent fault: the date and time before the run when it began (`"May 9 17:40"`); it is
    /// active from the start, and a config change shows that date in a diff.
    pub since: Option<String>,
    /// What it is, for the author and the debrief (default empty).
    #[serde(default)]
    pub note: String,
    /// memory_leak, disk_fill, cpu_runaway: `"all"` or a list of hosts.
    pub targets: Option<TargetsFile>,
    /// memory_leak: memory each served request retains (> 0).
    pub leak_kb_per_request: Option<f64>,
    /// memory_leak: what a heap profile shows on top (the leaking allocation).
    pub site: Option<String>,
    /// memory_leak, request_errors: the release that brought it (a rollback removes it).
    pub deploy: Option<String>,
    /// traffic_surge: how many times the usual traffic.
    pub multiplier: Option<f64>,
    /// Any fault: how long it is on before it ends by itself (default: until cured; a
    /// traffic_surge needs this, `windows` or `every`).
    pub duration: Option<String>,
    /// Any fault, instead of `at`: the times it is on, `[["11:20", "11:45"], ["11:50",
    /// "12:30"]]`, in order; off between, over after the last.
    pub windows: Option<Vec<[String; 2]>>,
    /// Any fault: it flaps, on for `for` at the start of every period this long, from `at`.
    pub every: Option<String>,
    /// With `every`: how long it is on in each period (shorter than the period).
    #[serde(rename = "for")]
    pub on_for: Option<String>,
    /// With `every`: when the flapping stops for good (default: it goes on to the end).
    pub until: Option<String>,
    /// traffic_surge: how long it takes to build up (default `"5m"`).
    pub ramp: Option<String>,
    /// dependency_slowdown: `database`, `payment` or a `[[dependencies]]` name; pool_exhaustion:
    /// which database (default the main one).
    #[serde(default)]
    pub dependency: Option<String>,
    /// dependency_slowdown: how many times slower its calls get.
    pub latency_multiplier: Option<f64>,
    /// pool_exhaustion: the pool's size after the config push.
    pub pool_size: Option<u32>,
    /// pool_exhaustion, cpu_runaway, request_errors: the config line a diff shows (`"key: from ->
    /// to"`).
    pub change: Option<String>,
    /// disk_fill: how fast the disk fills.
    pub mb_per_s: Option<f64>,
    /// cpu_runaway: the CPU the runaway process burns (1 to 100).
    pub cpu_pct: Option<f64>,
    /// cpu_runaway: the command `top` lists for the process burning CPU, as top prints it
    /// (`w3wp.exe`, `nginx: worker process`), not what it is doing.
    pub process: Option<String>,
    /// cpu_runaway: the process comes back this long after it is killed, until the code fix.
    pub recurs_after: Option<String>,
    /// request_errors: the share of requests that fail (0 to 1).
    pub share: Option<f64>,
    /// request_errors: what fails, as the logs show it (`POST /checkout`).
    pub endpoint: Option<String>,
    /// request_errors: the error those requests log (default `500 Internal Server Error`).
    pub error: Option<String>,
    /// limit_exhaustion: which limit (`open_files` or `max_connections`).
    pub limit: Option<String>,
    /// limit_exhaustion: what the limit is while the fault lasts.
    pub value: Option<u32>,
}

/// `"all"` or a list of hosts.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum TargetsFile {
    Word(String),
    Hosts(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DeployFile {
    /// When it went out, before the run: a date and a time (`"May 10 12:30"`).
    pub when: String,
    /// The release's name (`"v42"`), as `list_deploys` and a fault's `deploy` give it.
    pub version: String,
    /// What it changed, as the deploy log says.
    pub summary: String,
}
