//! Validation of the fleet: its servers, their runtime and collector, host names and the load
//! balancer.

use crate::sim::*;

use super::checker::Checker;
use super::file::*;

pub fn fleet(checker: &mut Checker, fleet: &FleetFile, fault_files: &[FaultFile]) -> FleetConfig {
    let servers = checker.at_least(
        "fleet.servers",
        fleet.servers,
        1,
        "a fleet needs at least one app server",
    );
    if servers > 10_000 {
        checker.fail(
            "fleet.servers",
            format!("at most 10000 servers, found {servers}"),
            "larger fleets do not fit a training run in a browser",
        );
    }
    let heap_max = checker.positive("fleet.heap_max_mb", fleet.heap_max_mb);
    let baseline = checker.positive("fleet.heap_baseline_mb", fleet.heap_baseline_mb);
    if baseline >= heap_max {
        checker.fail(
            "fleet.heap_baseline_mb",
            format!("must be below heap_max_mb ({heap_max}), found {baseline}"),
            "a server whose warm heap fills its limit could never start",
        );
    }
    fleet_consistency(checker, fleet, servers, heap_max, baseline);
    let (host_names, host_prefix) = hosts(checker, fleet, servers);
    let runtime = runtime(checker, fleet);
    let gc = gc(checker, fleet, runtime);
    FleetConfig {
        servers,
        host_names,
        host_prefix,
        runtime,
        service: match &fleet.service {
            Some(name) => checker.id("fleet.service", name),
            None => DEFAULT_SERVICE.into(),
        },
        log_lines: log_lines(checker, &fleet.log_lines, fault_files),
        endpoints: endpoints(checker, &fleet.endpoints),
        capacity_rps: checker.positive("fleet.capacity_rps", fleet.capacity_rps),
        base_latency_ms: checker.positive("fleet.base_latency_ms", fleet.base_latency_ms),
        request_timeout_ms: checker.positive("fleet.request_timeout_ms", fleet.request_timeout_ms),
        heap_max_mb: heap_max,
        heap_baseline_mb: baseline,
        initial_heap_live_mb: fleet.initial_heap_live_mb.clone(),
        alloc_kb_per_request: gc[0],
        gc_trigger_share: gc[1],
        gc_pause_base_ms: gc[2],
        gc_pause_ms_per_gb_live: gc[3],
        restart_s: checker.duration("fleet.restart_time", &fleet.restart_time),
        auto_restart: fleet.auto_restart,
        provision_s: checker.duration("fleet.provision_time", &fleet.provision_time),
        host_ram_mb: checker.positive("fleet.host_ram_mb", fleet.host_ram_mb),
        host_overhead_mb: checker.non_negative("fleet.host_overhead_mb", fleet.host_overhead_mb),
        disk_mb: checker.positive("fleet.disk_mb", fleet.disk_mb),
        disk_used_mb: checker.non_negative("fleet.disk_used_mb", fleet.disk_used_mb),
        log_kb_per_request: checker
            .non_negative("fleet.log_kb_per_request", fleet.log_kb_per_request),
        cpu_pct_at_capacity: checker.range(
            "fleet.cpu_pct_at_capacity",
            fleet.cpu_pct_at_capacity,
            1.0,
            100.0,
        ),
        worker_threads: checker.at_least("fleet.worker_threads", fleet.worker_threads, 1, ""),
        lb: load_balancer(checker, &fleet.load_balancer),
    }
}

fn runtime(checker: &mut Checker, fleet: &FleetFile) -> Runtime {
    let Some(id) = &fleet.runtime else {
        return Runtime::default();
    };
    Runtime::from_id(id).unwrap_or_else(|| {
        let known: Vec<&str> = Runtime::ALL.iter().map(|r| r.id()).collect();
        checker.fail(
            "fleet.runtime",
            format!("unknown runtime `{id}`"),
            format!(
                "use one of: {} (`native` for compiled code without a collector)",
                known.join(", ")
            ),
        );
        Runtime::default()
    })
}

/// The collector's parameters (allocation, trigger, pause base, pause per GB): defaults where
/// left out; refused for a runtime that has no collected heap.
fn gc(checker: &mut Checker, fleet: &FleetFile, runtime: Runtime) -> [f64; 4] {
    let fields = [
        ("alloc_kb_per_request", fleet.alloc_kb_per_request, 100.0),
        ("gc_trigger_fraction", fleet.gc_trigger_share, 0.5),
        ("gc_pause_base_ms", fleet.gc_pause_base_ms, 10.0),
        (
            "gc_pause_ms_per_gb_live",
            fleet.gc_pause_ms_per_gb_live,
            50.0,
        ),
    ];
    let collected = runtime.profile().gc_heap;
    let mut out = [0.0; 4];
    for (i, (name, value, default)) in fields.into_iter().enumerate() {
        let path = format!("fleet.{name}");
        out[i] = match value {
            Some(_) if !collected => {
                checker.fail(
                    &path,
                    format!("the `{}` runtime has no garbage-collected heap", runtime.id()),
                    "remove the collector's settings: memory is freed as it goes, and only what leaks grows",
                );
                default
            }
            Some(v) if name == "gc_trigger_fraction" => checker.range(&path, v, 0.05, 1.0),
            Some(v) => checker.non_negative(&path, v),
            None => default,
        };
    }
    out
}

/// Everyday log lines: a level word, then the text.
fn log_lines(checker: &mut Checker, lines: &[String], fault_files: &[FaultFile]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let level = line.split_whitespace().next().unwrap_or("");
        if !crate::sim::logs::LEVELS.contains(&level) || line.split_whitespace().count() < 2 {
            checker.fail(
                format!("fleet.log_lines[{i}]"),
                format!("`{line}` does not start with a level and then its text"),
                format!(
                    "write e.g. \"INFO GET /feed 200 31ms\" (levels: {})",
                    crate::sim::logs::LEVELS.join(", ")
                ),
            );
        }
        let place = format!("fleet.log_lines[{i}]");
        out.push(match line.split_once(' ') {
            Some((level, text)) => {
                let text = super::validate_text::template(checker, &place, text, fault_files);
                format!("{level} {text}")
            }
            None => line.clone(),
        });
    }
    out
}

/// The methods an endpoint may start with.
const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

fn endpoints(checker: &mut Checker, list: &[String]) -> Vec<String> {
    for (i, endpoint) in list.iter().enumerate() {
        let (method, path) = endpoint.split_once(' ').unwrap_or(("", endpoint));
        if !METHODS.contains(&method) || !path.starts_with('/') || path.contains(' ') {
            checker.fail(
                format!("fleet.endpoints[{i}]"),
                format!("`{endpoint}` is not a method and a path"),
                format!(
                    "write e.g. \"GET /photos/8812\" (methods: {})",
                    METHODS.join(", ")
                ),
            );
        }
    }
    list.to_vec()
}

/// Checks across fleet fields: starting heaps, host memory, disk.
fn fleet_consistency(
    checker: &mut Checker,
    fleet: &FleetFile,
    servers: u32,
    heap_max: f64,
    baseline: f64,
) {
    if servers >= 1 && fleet.initial_heap_live_mb.len() > servers as usize {
        checker.fail(
            "fleet.initial_heap_live_mb",
            format!(
                "has {} values for {servers} servers",
                fleet.initial_heap_live_mb.len()
            ),
            "give one value per server, or fewer (the rest start at the baseline)",
        );
    }
    // Checked against the limits only once those limits are themselves sound.
    let limits_sound = baseline < heap_max;
    for (i, v) in fleet
        .initial_heap_live_mb
        .iter()
        .enumerate()
        .filter(|_| limits_sound)
    {
        if !(*v >= baseline && *v < heap_max) {
            checker.fail(format!("fleet.initial_heap_live_mb[{i}]"), format!("must be between heap_baseline_mb ({baseline}) and heap_max_mb ({heap_max}), found {v}"), "a server's live heap at the start lies between its warm baseline and its limit");
        }
    }
    if fleet.heap_max_mb + fleet.host_overhead_mb > fleet.host_ram_mb {
        checker.fail(
            "fleet.host_ram_mb",
            format!(
                "{} MB cannot hold the heap ({} MB) plus the host overhead ({} MB)",
                fleet.host_ram_mb, fleet.heap_max_mb, fleet.host_overhead_mb
            ),
            "raise host_ram_mb or lower heap_max_mb",
        );
    }
    if fleet.disk_used_mb >= fleet.disk_mb {
        checker.fail(
            "fleet.disk_used_mb",
            format!(
                "must be below disk_mb ({}), found {}",
                fleet.disk_mb, fleet.disk_used_mb
            ),
            "a disk that starts full fails every request from the first second",
        );
    }
}

fn load_balancer(checker: &mut Checker, lb: &LoadBalancerFile) -> LoadBalancerConfig {
    LoadBalancerConfig {
        health_interval_s: checker
            .duration("fleet.load_balancer.health_interval", &lb.health_interval)
            .max(1),
        unhealthy_threshold: checker.at_least(
            "fleet.load_balancer.unhealthy_threshold",
            lb.unhealthy_threshold,
            1,
            "",
        ),
        healthy_threshold: checker.at_least(
            "fleet.load_balancer.healthy_threshold",
            lb.healthy_threshold,
            1,
            "",
        ),
        check_timeout_ms: checker
            .positive("fleet.load_balancer.check_timeout_ms", lb.check_timeout_ms),
        check_cost_ms: checker.positive(
            "fleet.load_balancer.check_cost_ms",
            lb.check_cost_ms.unwrap_or(5.0),
        ),
        sticky_share: checker.range(
            "fleet.load_balancer.sticky_share",
            lb.sticky_share,
            0.0,
            1.0,
        ),
        session_s: checker.duration("fleet.load_balancer.session_length", &lb.session_length),
    }
}

/// A host name: letters, digits, `-`, `_` and `.`, starting with a letter or digit.
fn is_host_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The fleet's host names: listed (one per server, distinct) or a prefix and a number.
fn hosts(checker: &mut Checker, fleet: &FleetFile, servers: u32) -> (Vec<String>, String) {
    let before = checker.problems.len();
    let names = listed_hosts(checker, fleet, servers);
    checker.hosts_unknown = checker.problems.len() > before;
    names
}

fn listed_hosts(checker: &mut Checker, fleet: &FleetFile, servers: u32) -> (Vec<String>, String) {
    let prefix = fleet
        .host_prefix
        .clone()
        .unwrap_or_else(|| DEFAULT_HOST_PREFIX.into());
    if fleet.host_prefix.is_some() && !(prefix.is_empty() || is_host_name(&format!("{prefix}1"))) {
        checker.fail(
            "fleet.host_prefix",
            format!("`{prefix}` cannot start a host name"),
            "use letters, digits, `-`, `_` and `.`, e.g. \"web-\"",
        );
    }
    let Some(names) = &fleet.hosts else {
        return (Vec::new(), prefix);
    };
    if servers >= 1 && names.len() != servers as usize {
        checker.fail(
            "fleet.hosts",
            format!("lists {} host(s) for {servers} server(s)", names.len()),
            "name every server once, or leave `hosts` out to number them",
        );
    }
    for (i, name) in names.iter().enumerate() {
        let path = format!("fleet.hosts[{i}]");
        if !is_host_name(name) {
            checker.fail(
                path,
                format!("`{name}` is not a host name"),
                "use letters, digits, `-`, `_` and `.`, starting with a letter or digit",
            );
        } else if names[..i].contains(name) {
            checker.fail(
                path,
                format!("`{name}` is listed twice"),
                "give each server its own name",
            );
        }
    }
    (names.clone(), prefix)
}
