//! Validation of faults: the type, the fields each type takes, and their values.

use crate::sim::*;

use super::checker::Checker;
use super::file::*;

pub const FAULT_TYPES: [&str; 7] = [
    "memory_leak",
    "traffic_surge",
    "dependency_slowdown",
    "pool_exhaustion",
    "disk_fill",
    "cpu_runaway",
    "request_errors",
];

/// Which optional fields each fault type takes.
fn fields_of(kind: &str) -> &'static [&'static str] {
    match kind {
        "memory_leak" => &["targets", "leak_kb_per_request", "site", "deploy"],
        "traffic_surge" => &["multiplier", "duration", "ramp"],
        "dependency_slowdown" => &["dependency", "latency_multiplier", "duration"],
        "pool_exhaustion" => &["pool_size", "change", "dependency"],
        "disk_fill" => &["targets", "mb_per_s", "change"],
        "cpu_runaway" => &["targets", "cpu_pct", "process", "recurs_after", "change"],
        "request_errors" => &["share", "endpoint", "error", "deploy", "change"],
        _ => &[],
    }
}

fn given_fields(f: &FaultFile) -> Vec<&'static str> {
    let mut given = Vec::new();
    let mut note = |name: &'static str, present: bool| {
        if present {
            given.push(name);
        }
    };
    note("targets", f.targets.is_some());
    note("leak_kb_per_request", f.leak_kb_per_request.is_some());
    note("site", f.site.is_some());
    note("deploy", f.deploy.is_some());
    note("multiplier", f.multiplier.is_some());
    note("duration", f.duration.is_some());
    note("ramp", f.ramp.is_some());
    note("dependency", f.dependency.is_some());
    note("latency_multiplier", f.latency_multiplier.is_some());
    note("pool_size", f.pool_size.is_some());
    note("change", f.change.is_some());
    note("mb_per_s", f.mb_per_s.is_some());
    note("cpu_pct", f.cpu_pct.is_some());
    note("process", f.process.is_some());
    note("recurs_after", f.recurs_after.is_some());
    note("share", f.share.is_some());
    note("endpoint", f.endpoint.is_some());
    note("error", f.error.is_some());
    given
}

fn required<T: Clone>(
    c: &mut Checker,
    path: &str,
    kind: &str,
    field: &str,
    value: &Option<T>,
    fallback: T,
) -> T {
    value.clone().unwrap_or_else(|| {
        c.fail(
            path,
            format!("a {kind} fault needs `{field}` (required for this type)"),
            format!("add `{field} = ...` to this fault"),
        );
        fallback
    })
}

fn targets(c: &mut Checker, path: &str, t: &Option<TargetsFile>, fleet: &FleetConfig) -> Targets {
    match t {
        None => Targets::All,
        Some(TargetsFile::Word(w)) if w == "all" => Targets::All,
        Some(TargetsFile::Word(w)) => {
            c.fail(
                path,
                format!("`{w}` is not a target"),
                format!(
                    "write \"all\" or a list of hosts such as [\"{}\"]",
                    fleet.host_name(0)
                ),
            );
            Targets::All
        }
        Some(TargetsFile::Hosts(hosts)) => Targets::Servers(
            hosts
                .iter()
                .enumerate()
                .map(|(i, h)| host(c, &format!("{path}[{i}]"), h, fleet))
                .collect(),
        ),
    }
}

pub fn host(c: &mut Checker, path: &str, name: &str, fleet: &FleetConfig) -> u32 {
    let found = (0..fleet.servers).find(|s| fleet.host_name(*s) == name);
    match found {
        Some(s) => s,
        // With no valid fleet there is nothing to check hosts against; the fleet is reported.
        _ if fleet.servers == 0 || c.hosts_unknown => 0,
        _ => {
            let known = known_hosts(fleet);
            c.fail(
                path,
                format!("there is no host `{name}`"),
                format!("hosts are {known}"),
            );
            0
        }
    }
}

/// The fleet's hosts in a few words: all of them when few, the first and last when many.
pub fn known_hosts(fleet: &FleetConfig) -> String {
    let n = fleet.servers;
    if n <= 6 {
        (0..n)
            .map(|s| fleet.host_name(s))
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        format!("{} .. {}", fleet.host_name(0), fleet.host_name(n - 1))
    }
}

pub fn faults(
    c: &mut Checker,
    list: &[FaultFile],
    fleet: &FleetConfig,
    deps: &[DependencyConfig],
) -> Vec<Fault> {
    let mut out = Vec::new();
    for (i, f) in list.iter().enumerate() {
        let p = format!("faults[{i}]");
        let at_s = match (&f.at, &f.since) {
            (Some(at), None) => c.time(&format!("{p}.at"), at),
            (None, Some(since)) => {
                let help = "a fault that begins during the run takes `at = \"HH:MM\"` instead";
                c.before_start(&format!("{p}.since"), since, help);
                0
            }
            _ => {
                c.fail(
                    p.clone(),
                    "needs exactly one of `at` and `since` (one is required)",
                    "`at = \"15:10\"` for a fault that begins during the run; `since = \"May 9 17:40\"` for one that began before it",
                );
                0
            }
        };
        let kind = f.kind.as_str();
        if !FAULT_TYPES.contains(&kind) {
            c.fail(
                format!("{p}.type"),
                format!("unknown fault type `{kind}`"),
                format!("use one of: {}", FAULT_TYPES.join(", ")),
            );
            continue;
        }
        for field in given_fields(f)
            .into_iter()
            .filter(|g| !fields_of(kind).contains(g))
        {
            c.fail(
                format!("{p}.{field}"),
                format!("`{field}` does not apply to a {kind} fault"),
                format!("a {kind} fault takes: {}", fields_of(kind).join(", ")),
            );
        }
        let kind = fault_kind(c, &p, f, fleet, deps);
        out.push(Fault {
            at_s,
            kind,
            since: f.since.clone(),
        });
    }
    out
}

/// The fault's parameters, by its type (already known to be one of `FAULT_TYPES`).
fn fault_kind(
    c: &mut Checker,
    p: &str,
    f: &FaultFile,
    fleet: &FleetConfig,
    deps: &[DependencyConfig],
) -> FaultKind {
    let kind = f.kind.as_str();
    let path = |field: &str| format!("{p}.{field}");
    match f.kind.as_str() {
        "memory_leak" => {
            let leak = required(
                c,
                p,
                kind,
                "leak_kb_per_request",
                &f.leak_kb_per_request,
                1.0,
            );
            FaultKind::MemoryLeak {
                targets: targets(c, &path("targets"), &f.targets, fleet),
                leak_kb_per_request: c.positive(&path("leak_kb_per_request"), leak),
                site: required(c, p, kind, "site", &f.site, String::new()),
                deploy: f.deploy.clone(),
            }
        }
        "traffic_surge" => {
            let multiplier = required(c, p, kind, "multiplier", &f.multiplier, 1.0);
            let duration = required(c, p, kind, "duration", &f.duration, "1m".into());
            FaultKind::TrafficSurge {
                multiplier: c.positive(&path("multiplier"), multiplier),
                duration_s: c.duration(&path("duration"), &duration),
                ramp_s: c.duration(&path("ramp"), f.ramp.as_deref().unwrap_or("5m")),
            }
        }
        "dependency_slowdown" => {
            let name = required(c, p, kind, "dependency", &f.dependency, "database".into());
            let dependency = super::validate_deps::named(c, &path("dependency"), &name, deps);
            let multiplier = required(c, p, kind, "latency_multiplier", &f.latency_multiplier, 1.0);
            FaultKind::DependencySlowdown {
                dependency,
                latency_multiplier: c.positive(&path("latency_multiplier"), multiplier),
                duration_s: c.duration(&path("duration"), f.duration.as_deref().unwrap_or("0s")),
            }
        }
        "pool_exhaustion" => {
            let size = required(c, p, kind, "pool_size", &f.pool_size, 1);
            FaultKind::PoolExhaustion {
                pool_size: c.at_least(
                    &path("pool_size"),
                    size,
                    1,
                    "a pool needs at least one connection",
                ),
                change: required(c, p, kind, "change", &f.change, String::new()),
                database: f
                    .dependency
                    .as_deref()
                    .map_or(Dependency::Database, |name| {
                        super::validate_deps::database(c, &path("dependency"), name, deps)
                    }),
            }
        }
        "disk_fill" => {
            let rate = required(c, p, kind, "mb_per_s", &f.mb_per_s, 1.0);
            FaultKind::DiskFill {
                targets: targets(c, &path("targets"), &f.targets, fleet),
                mb_per_s: c.positive(&path("mb_per_s"), rate),
                change: f.change.clone(),
            }
        }
        "request_errors" => {
            let share = required(c, p, kind, "share", &f.share, 0.1);
            if !(share > 0.0 && share <= 1.0) {
                c.fail(
                    path("share"),
                    format!("must be above 0 and at most 1, found {share}"),
                    "the share of requests that fail: 0.15 for 15%",
                );
            }
            FaultKind::RequestErrors {
                share,
                endpoint: required(c, p, kind, "endpoint", &f.endpoint, String::new()),
                error: f
                    .error
                    .clone()
                    .unwrap_or_else(|| "500 Internal Server Error".into()),
                deploy: f.deploy.clone(),
                change: f.change.clone(),
            }
        }
        _ => {
            let cpu = required(c, p, kind, "cpu_pct", &f.cpu_pct, 50.0);
            FaultKind::CpuRunaway {
                targets: targets(c, &path("targets"), &f.targets, fleet),
                cpu_pct: c.range(&path("cpu_pct"), cpu, 1.0, 100.0),
                process: required(c, p, kind, "process", &f.process, String::new()),
                recurs_after_s: f
                    .recurs_after
                    .as_deref()
                    .map(|d| c.duration(&path("recurs_after"), d).max(1)),
                change: f.change.clone(),
            }
        }
    }
}

/// A latent fault that came with a release came with the running one: the newest of `[[deploys]]`.
pub fn latent_deploys(c: &mut Checker, list: &[FaultFile], history: &[DeployRecord]) {
    let running = history.last().map(|d| d.version.as_str());
    for (i, f) in list.iter().enumerate() {
        let (Some(_), Some(version)) = (&f.since, &f.deploy) else {
            continue;
        };
        if running != Some(version.as_str()) {
            c.fail(
                format!("faults[{i}].deploy"),
                format!(
                    "a latent fault's release must be the one running at the start, the newest of [[deploys]] ({})",
                    running.unwrap_or("none listed")
                ),
                format!("list `{version}` last under [[deploys]], with the date it went out"),
            );
        }
    }
}
