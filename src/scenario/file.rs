//! The scenario file as written: field names, optional parts and the units people use ("14:35",
//! "5m"). Unknown fields are rejected; `validate.rs` checks meaning and turns this into a `Scenario`.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    pub scenario: MetaFile,
    pub clock: ClockFile,
    pub traffic: TrafficFile,
    pub fleet: FleetFile,
    pub database: DatabaseFile,
    /// The payment gateway; a service that sells nothing (or takes no payments) leaves it out.
    #[serde(default)]
    pub payment: Option<PaymentFile>,
    /// Dependencies beyond the main database and the payment gateway.
    #[serde(default)]
    pub dependencies: Vec<DependencyFile>,
    pub slo: SloFile,
    pub response: ResponseFile,
    #[serde(default)]
    pub faults: Vec<FaultFile>,
    #[serde(default)]
    pub alerts: Vec<AlertFile>,
    #[serde(default)]
    pub actions: Vec<ActionOverrideFile>,
    /// Actions the catalogue lacks, defined by the scenario.
    #[serde(default)]
    pub custom_actions: Vec<CustomActionFile>,
    #[serde(default)]
    pub hypotheses: Vec<HypothesisFile>,
    #[serde(default)]
    pub deploys: Vec<DeployFile>,
    #[serde(default)]
    pub milestones: Vec<MilestoneFile>,
    #[serde(default)]
    pub reference: Vec<ReferenceFile>,
    /// What the real team learned, for the debrief.
    #[serde(default)]
    pub lessons: Vec<LearningFile>,
    /// What the real team changed afterwards, for the debrief and the postmortem draft.
    #[serde(default)]
    pub corrective_measures: Vec<LearningFile>,
    /// What replaying the real team's path must reproduce (checked by `solve`).
    #[serde(default)]
    pub calibration: Option<CalibrationFile>,
    /// How seeds other than the scenario's own vary the afternoon.
    #[serde(default)]
    pub variation: Option<VariationFile>,
    /// Coaching shown in the console when the trainee turns hints on.
    #[serde(default)]
    pub hints: Vec<HintFile>,
}

/// A hint: shown while its trigger has happened and its `until` has not.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HintFile {
    /// What to say, to the trainee ("The error rate is climbing: open the servers panel").
    pub text: String,
    /// When it appears: a milestone trigger (`alert:<id>`, `action:<id>`, `hypothesis:<id>`,
    /// `developers_engaged`, `fix_deployed`, `outage_started`, `restored`). Give `when` or `at`.
    #[serde(default)]
    pub when: Option<String>,
    /// When it appears: a local time (`"14:01"`).
    #[serde(default)]
    pub at: Option<String>,
    /// When it goes away (a trigger as for `when`); default: when the next hint appears.
    #[serde(default)]
    pub until: Option<String>,
}

/// Bounded variation between seeds; the scenario's own seed runs it as written.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VariationFile {
    /// Faults start up to this much earlier or later (`"10m"`), all by the same shift.
    #[serde(default)]
    pub onset: Option<String>,
    /// Traffic level varies by up to this share (0 to 0.5).
    #[serde(default)]
    pub traffic: f64,
    /// Each fault's rate varies by up to this share (0 to 0.5).
    #[serde(default)]
    pub rate: f64,
    /// Faults on listed hosts move to other hosts.
    #[serde(default)]
    pub hosts: bool,
}

/// The write-up's figures the reference replay must reproduce, on the scenario's own seed.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CalibrationFile {
    /// When the write-up says the outage began (`"14:44"`).
    pub outage_start: Option<String>,
    /// When it says service was restored.
    pub restored: Option<String>,
    /// How close the replay must come (default `"5m"`).
    #[serde(default)]
    pub within: Option<String>,
    /// The source the figures come from (an id under [[scenario.sources]]).
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MetaFile {
    pub id: String,
    pub title: String,
    pub summary: String,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(schema_with = "schema::difficulty")
    )]
    pub difficulty: String,
    #[serde(default)]
    pub tags: Vec<String>,
    pub briefing: String,
    #[serde(default)]
    pub sources: Vec<SourceFile>,
    /// Which source the scenario follows where sources disagree.
    pub follows: Option<String>,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SourceFile {
    /// A name for the source, for `source = "<id>"` elsewhere.
    pub id: String,
    /// The write-up's title.
    pub title: String,
    /// Where the write-up is published.
    #[serde(default)]
    pub url: Option<String>,
    /// Anything to say about it (default empty).
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ClockFile {
    pub date: String,
    pub start: String,
    pub time_zone: String,
    pub utc_offset: String,
    pub time_limit: String,
    pub seed: u64,
    #[serde(default = "default_scrape")]
    pub scrape_interval: String,
}

fn default_scrape() -> String {
    "10s".into()
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TrafficFile {
    /// Requests/s at a time-of-day factor of 1 (not with `observed`).
    #[serde(default)]
    pub baseline_rps: Option<f64>,
    /// 24 time-of-day factors from 00:00 (not with `observed`).
    #[serde(default)]
    pub hourly_profile: Option<Vec<f64>>,
    /// Traffic as a dashboard showed it: `[{ at = "14:00", rps = 900 }, ...]`, interpolated.
    /// Replaces `baseline_rps`, `hourly_profile` and `campaigns`.
    #[serde(default)]
    pub observed: Option<Vec<ObservedFile>>,
    pub noise: f64,
    pub requests_per_user_s: f64,
    pub pages_per_user_window: f64,
    /// Completed orders per 1,000 successful requests; 0 (the default) for a service that sells
    /// nothing.
    #[serde(default)]
    pub orders_per_1k_requests: f64,
    #[serde(default)]
    pub avg_order_value: f64,
    #[serde(default)]
    pub currency: String,
    #[serde(default)]
    pub campaigns: Vec<CampaignFile>,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ObservedFile {
    /// A local time (`"14:00"`).
    pub at: String,
    /// The requests/s the dashboard showed then.
    pub rps: f64,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CampaignFile {
    /// When the campaign starts, a local time (`"15:00"`).
    pub start: String,
    /// When it ends.
    pub end: String,
    /// How many times the usual traffic it brings.
    pub multiplier: f64,
    /// How long it takes to build up and die down (default `"10m"`).
    #[serde(default = "default_ramp")]
    pub ramp: String,
    /// What it is (default empty).
    #[serde(default)]
    pub note: String,
}

fn default_ramp() -> String {
    "10m".into()
}

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
    /// Everyday log lines, `"LEVEL text"`, sprinkled between what events log.
    #[serde(default)]
    pub log_lines: Vec<String>,
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
    pub gc_trigger_fraction: Option<f64>,
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
}

/// A dependency of any of three kinds. Which fields apply depends on `kind`.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DependencyFile {
    /// What faults and diagnostics call it (`search`, `sessions-cache`).
    pub name: String,
    /// `database`, `http` or `cache`.
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
    pub error_fraction: f64,
    /// database: its connection pool.
    pub pool_size: Option<u32>,
    /// database: how long a call waits for a connection before it fails.
    pub max_wait_ms: Option<f64>,
    /// cache: share of lookups that hit.
    pub hit_ratio: Option<f64>,
    /// cache: where misses go (`database`, or a database or http dependency's name).
    pub backend: Option<String>,
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
    pub error_fraction: f64,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SloFile {
    pub error_rate_pct: f64,
    pub latency_p95_ms: f64,
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
}

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
    /// traffic_surge, dependency_slowdown: how long it lasts (default: until cured).
    pub duration: Option<String>,
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
pub struct AlertFile {
    /// A name for the alert, for milestones (`alert:<id>`) and hints.
    pub id: String,
    /// What the page says (`"Error rate above 5% for 2 minutes"`).
    pub title: String,
    /// The metric it watches (`incident-sim schema` lists them).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "schema::metric"))]
    pub metric: String,
    /// Fires when the metric is above this (give exactly one of `above` and `below`).
    pub above: Option<f64>,
    /// Fires when the metric is below this (give exactly one of `above` and `below`).
    pub below: Option<f64>,
    /// How long the condition must hold before it fires (`"2m"`).
    #[serde(rename = "for")]
    pub for_duration: String,
    /// `page` pages the trainee; another severity (`warning`) does not.
    pub severity: String,
    /// False when the alert fires but reaches nobody (default true).
    #[serde(default)]
    pub delivered: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ActionOverrideFile {
    /// The action whose duration this changes: an id from `incident-sim actions`.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "schema::action"))]
    pub action: String,
    /// What it costs the trainee in this scenario (`"4m"`).
    pub duration: String,
}

/// An action the scenario adds to the catalogue.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CustomActionFile {
    /// What the command line and actions files call it (`remove_post`).
    pub id: String,
    /// What the console's menu shows.
    pub title: String,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(schema_with = "schema::category")
    )]
    pub category: String,
    pub duration: String,
    /// `none` (default), `host` or `optional_host`.
    #[serde(default)]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(schema_with = "schema::custom_target")
    )]
    pub target: Option<String>,
    /// One line for the menu's help.
    #[serde(default)]
    pub help: String,
    /// What the trainee reads when it is done; `{host}` is replaced by the target's name.
    pub finding: String,
    /// Ids of the faults it cures when it lands.
    #[serde(default)]
    pub cures: Vec<String>,
    /// Settings it changes when it lands: `{ health_checks = 0, pool_size = 400 }`.
    #[serde(default)]
    pub sets: std::collections::BTreeMap<String, f64>,
    /// Only the developers can do it (refused until they are engaged).
    #[serde(default)]
    pub needs_developers: bool,
    /// Diagnostics whose output, once it shows an anomaly, makes this action known to the
    /// trainee. Left out, it is offered from the start.
    #[serde(default)]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(schema_with = "schema::diagnostics")
    )]
    pub revealed_by: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HypothesisFile {
    /// What declaring it names (`declare_hypothesis <id>`) and milestones use (`hypothesis:<id>`).
    pub id: String,
    /// What the trainee reads on their list of causes.
    pub title: String,
    /// The real root cause: exactly one hypothesis says true (default false).
    #[serde(default)]
    pub correct: bool,
    /// Why it is (or is not) the cause: shown when declared wrongly and in the debrief.
    #[serde(default)]
    pub explanation: String,
    /// The diagnostics whose output shows this cause (the scorer's "diagnosis" phase). Left out,
    /// the correct hypothesis takes the usual ones for its scenario's faults.
    #[serde(default)]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(schema_with = "schema::diagnostics")
    )]
    pub evidence: Option<Vec<String>>,
    /// Diagnostics whose output, once it shows an anomaly, puts this cause on the trainee's
    /// list. Left out, it is listed from the start. Use it so the list does not name the answer
    /// before anything points to it.
    #[serde(default)]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(schema_with = "schema::diagnostics")
    )]
    pub revealed_by: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LearningFile {
    /// What to say, in the debrief and the postmortem draft.
    pub text: String,
    /// The id of the source it comes from, under [[scenario.sources]].
    pub source: String,
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

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MilestoneFile {
    /// A name for it, for the reference timeline (`milestone = "<id>"`).
    pub id: String,
    /// What the debrief calls it (`"Paged"`).
    pub title: String,
    /// What reaches it: `alert:<id>`, `action:<id>`, `hypothesis:<id>`, `developers_engaged`,
    /// `fix_deployed`, `outage_started` or `restored`.
    pub when: String,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ReferenceFile {
    /// When the real team did it, a local time in the run (`"14:17"`).
    pub at: String,
    /// The action they took (an id from `incident-sim actions` or a custom action).
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "schema::action"))]
    pub action: Option<String>,
    /// The host the action was taken on, for actions that take one.
    pub target: Option<String>,
    /// The milestone reached here (an id under [[milestones]]).
    pub milestone: Option<String>,
    /// What happened, as the write-up says it.
    pub note: String,
    /// The source it comes from (an id under [[scenario.sources]]).
    pub source: String,
}

/// Schemas for fields whose values come from a fixed list, built from the same lists the
/// validator uses, so editors offer exactly what validation accepts.
#[cfg(not(target_arch = "wasm32"))]
mod schema {
    use schemars::{Schema, SchemaGenerator};

    fn one_of<'a>(values: impl IntoIterator<Item = &'a str>) -> Schema {
        let values: Vec<&str> = values.into_iter().collect();
        let schema = serde_json::json!({ "type": "string", "enum": values });
        Schema::try_from(schema).expect("a string enum is a schema")
    }

    pub fn difficulty(_: &mut SchemaGenerator) -> Schema {
        one_of(crate::scenario::Difficulty::IDS)
    }

    pub fn fault_type(_: &mut SchemaGenerator) -> Schema {
        one_of(crate::scenario::validate_faults::FAULT_TYPES)
    }

    pub fn runtime(_: &mut SchemaGenerator) -> Schema {
        one_of(crate::sim::Runtime::ALL.map(crate::sim::Runtime::id))
    }

    pub fn dependency_kind(_: &mut SchemaGenerator) -> Schema {
        one_of(["database", "http", "cache"])
    }

    pub fn metric(_: &mut SchemaGenerator) -> Schema {
        one_of(crate::sim::Metric::ALL.iter().map(|m| m.id()))
    }

    /// A built-in id offered first, or any id of a scenario's own action.
    fn builtin_or_own(ids: Vec<&str>) -> serde_json::Value {
        serde_json::json!({
            "anyOf": [
                { "type": "string", "enum": ids },
                { "type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                  "description": "an action of the scenario's own ([[custom_actions]])" }
            ]
        })
    }

    pub fn diagnostics(_: &mut SchemaGenerator) -> Schema {
        let ids: Vec<&str> = crate::sim::CATALOGUE
            .iter()
            .filter(|a| a.category == crate::sim::Category::Diagnostic)
            .map(|a| a.id)
            .collect();
        let schema = serde_json::json!({ "type": "array", "items": builtin_or_own(ids) });
        Schema::try_from(schema).expect("an array of ids is a schema")
    }

    pub fn category(_: &mut SchemaGenerator) -> Schema {
        one_of(crate::scenario::validate_actions::CATEGORIES)
    }

    pub fn custom_target(_: &mut SchemaGenerator) -> Schema {
        one_of(crate::scenario::validate_actions::TARGETS)
    }

    pub fn action(_: &mut SchemaGenerator) -> Schema {
        let ids = crate::sim::CATALOGUE.iter().map(|a| a.id).collect();
        Schema::try_from(builtin_or_own(ids)).expect("built-in or own ids are a schema")
    }
}
