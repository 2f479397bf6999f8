//! Checks a parsed file's meaning, collecting every problem (not just the first), and builds the
//! simulation config from it.

use crate::sim::clock::parse_time_of_day;
use crate::sim::*;

use super::checker::Checker;
use super::file::*;
use super::model::{Clock, Difficulty, Meta, Source};
use super::units::parse_duration;

pub fn meta(c: &mut Checker, m: &MetaFile) -> Meta {
    let difficulty = Difficulty::from_id(&m.difficulty).unwrap_or_else(|| {
        c.fail(
            "scenario.difficulty",
            format!("unknown difficulty `{}`", m.difficulty),
            format!("use one of: {}", Difficulty::IDS.join(", ")),
        );
        Difficulty::Intermediate
    });
    let sources: Vec<Source> = m
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let url = s.url.clone();
            if let Some(u) = &url {
                if !(u.starts_with("https://") || u.starts_with("http://"))
                    || u.contains(char::is_whitespace)
                {
                    c.fail(
                        format!("scenario.sources[{i}].url"),
                        format!("`{u}` is not a web address"),
                        "write the full address, starting with https://",
                    );
                }
            }
            Source {
                id: c.not_empty(&format!("scenario.sources[{i}].id"), &s.id),
                title: s.title.clone(),
                url,
                note: s.note.clone(),
            }
        })
        .collect();
    if let Some(f) = &m.follows {
        if !sources.iter().any(|s| &s.id == f) {
            c.fail(
                "scenario.follows",
                format!("no source has id `{f}`"),
                "name one of the ids under [[scenario.sources]]",
            );
        }
    }
    Meta {
        id: c.id("scenario.id", &m.id),
        title: c.not_empty("scenario.title", &m.title),
        summary: m.summary.clone(),
        difficulty,
        tags: m.tags.clone(),
        briefing: c.not_empty("scenario.briefing", &m.briefing),
        sources,
        follows: m.follows.clone(),
    }
}

pub fn clock(c: &mut Checker, k: &ClockFile) -> (Clock, u32, u32) {
    let start = parse_time_of_day(&k.start).unwrap_or_else(|| {
        c.fail(
            "clock.start",
            format!("`{}` is not a time of day", k.start),
            "write 24-hour local time as HH:MM, for example \"14:00\"",
        );
        0
    });
    c.start_s_of_day = start;
    let limit = c.duration("clock.time_limit", &k.time_limit);
    if parse_duration(&k.time_limit).is_some() && (limit == 0 || limit > 7 * 86_400) {
        c.fail(
            "clock.time_limit",
            format!("must be between 1s and 7 days, found `{}`", k.time_limit),
            "a training run usually lasts a few hours, e.g. \"4h\"",
        );
    }
    let scrape = c.duration("clock.scrape_interval", &k.scrape_interval);
    if parse_duration(&k.scrape_interval).is_some() && (scrape == 0 || scrape > 300) {
        c.fail(
            "clock.scrape_interval",
            format!("must be between 1s and 5m, found `{}`", k.scrape_interval),
            "monitoring usually scrapes every 10s to 60s",
        );
    }
    c.duration_s = limit;
    c.date("clock.date", &k.date);
    c.run_date = k.date.clone();
    c.run_start = k.start.clone();
    c.utc_offset("clock.utc_offset", &k.utc_offset);
    super::zones::check(c, &k.time_zone, &k.utc_offset, &k.date);
    let clock = Clock {
        date: k.date.clone(),
        start_s_of_day: start,
        time_zone: c.not_empty("clock.time_zone", &k.time_zone),
        utc_offset: k.utc_offset.clone(),
    };
    (clock, limit, scrape.max(1))
}

pub fn traffic(c: &mut Checker, t: &TrafficFile) -> TrafficConfig {
    let observed = match &t.observed {
        Some(points) => observed(c, t, points),
        None => Vec::new(),
    };
    let mut profile = [1.0; 24];
    match (&t.hourly_profile, observed.is_empty()) {
        (Some(hours), true) if hours.len() == 24 => {
            for (i, v) in hours.iter().enumerate() {
                profile[i] = c.non_negative(&format!("traffic.hourly_profile[{i}]"), *v);
            }
        }
        (Some(hours), true) => c.fail(
            "traffic.hourly_profile",
            format!(
                "needs 24 values (one per hour from 00:00), found {}",
                hours.len()
            ),
            "list the time-of-day factor for each hour 00..23",
        ),
        (None, true) if t.observed.is_none() => c.fail(
            "traffic",
            "needs `hourly_profile` (with `baseline_rps`) or `observed`: one of them is required",
            "give the daily curve, or the traffic as your dashboards showed it",
        ),
        _ => {}
    }
    let baseline_rps = match (t.baseline_rps, t.observed.is_some()) {
        (Some(v), false) => c.positive("traffic.baseline_rps", v),
        (None, false) if t.hourly_profile.is_some() => {
            c.fail(
                "traffic.baseline_rps",
                "is required with `hourly_profile`",
                "write the requests/s at a factor of 1, e.g. `baseline_rps = 900`",
            );
            1.0
        }
        _ => 1.0,
    };
    let campaigns = t
        .campaigns
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let p = format!("traffic.campaigns[{i}]");
            let start_s = c.time(&format!("{p}.start"), &k.start);
            let end_s = c.time(&format!("{p}.end"), &k.end);
            if end_s <= start_s {
                c.fail(
                    format!("{p}.end"),
                    "must be after the campaign's start",
                    "a campaign ends after it starts, within the run",
                );
            }
            Campaign {
                start_s,
                end_s,
                multiplier: c.positive(&format!("{p}.multiplier"), k.multiplier),
                ramp_s: c.duration(&format!("{p}.ramp"), &k.ramp),
            }
        })
        .collect();
    TrafficConfig {
        baseline_rps,
        hourly_profile: profile,
        noise_fraction: c.range("traffic.noise", t.noise, 0.0, 0.5),
        requests_per_user_s: c.positive("traffic.requests_per_user_s", t.requests_per_user_s),
        pages_per_user_window: c.positive("traffic.pages_per_user_window", t.pages_per_user_window),
        orders_per_1k_requests: c
            .non_negative("traffic.orders_per_1k_requests", t.orders_per_1k_requests),
        avg_order_value: c.non_negative("traffic.avg_order_value", t.avg_order_value),
        campaigns,
        observed,
    }
}

/// The observed series: two or more points, in time order, within the run; it stands alone.
fn observed(c: &mut Checker, t: &TrafficFile, points: &[ObservedFile]) -> Vec<(u32, f64)> {
    for (field, given) in [
        ("baseline_rps", t.baseline_rps.is_some()),
        ("hourly_profile", t.hourly_profile.is_some()),
        ("campaigns", !t.campaigns.is_empty()),
    ] {
        if given {
            c.fail(
                format!("traffic.{field}"),
                format!("`{field}` does not go with `observed`"),
                "the observed series is the traffic: leave the curve and campaigns out",
            );
        }
    }
    if points.len() < 2 {
        c.fail(
            "traffic.observed",
            format!("needs at least 2 points, found {}", points.len()),
            "give the rate at two or more times; it is interpolated between them",
        );
    }
    let mut out: Vec<(u32, f64)> = Vec::new();
    for (i, p) in points.iter().enumerate() {
        let path = format!("traffic.observed[{i}]");
        let Some(tick) = c.time_opt(&format!("{path}.at"), &p.at) else {
            continue;
        };
        if out.last().is_some_and(|prev| prev.0 >= tick) {
            c.fail(
                format!("{path}.at"),
                format!("{} is not after the point above it", p.at),
                "list the points in time order, one per time",
            );
            continue;
        }
        out.push((tick, c.non_negative(&format!("{path}.rps"), p.rps)));
    }
    out
}

pub fn fleet(c: &mut Checker, f: &FleetFile) -> FleetConfig {
    let servers = c.at_least(
        "fleet.servers",
        f.servers,
        1,
        "a fleet needs at least one app server",
    );
    if servers > 10_000 {
        c.fail(
            "fleet.servers",
            format!("at most 10000 servers, found {servers}"),
            "larger fleets do not fit a training run in a browser",
        );
    }
    let heap_max = c.positive("fleet.heap_max_mb", f.heap_max_mb);
    let baseline = c.positive("fleet.heap_baseline_mb", f.heap_baseline_mb);
    if baseline >= heap_max {
        c.fail(
            "fleet.heap_baseline_mb",
            format!("must be below heap_max_mb ({heap_max}), found {baseline}"),
            "a server whose warm heap fills its limit could never start",
        );
    }
    fleet_consistency(c, f, servers, heap_max, baseline);
    let (host_names, host_prefix) = hosts(c, f, servers);
    let runtime = runtime(c, f);
    let gc = gc(c, f, runtime);
    FleetConfig {
        servers,
        host_names,
        host_prefix,
        runtime,
        service: match &f.service {
            Some(name) => c.id("fleet.service", name),
            None => "shop-app".into(),
        },
        log_lines: log_lines(c, &f.log_lines),
        capacity_rps: c.positive("fleet.capacity_rps", f.capacity_rps),
        base_latency_ms: c.positive("fleet.base_latency_ms", f.base_latency_ms),
        request_timeout_ms: c.positive("fleet.request_timeout_ms", f.request_timeout_ms),
        heap_max_mb: heap_max,
        heap_baseline_mb: baseline,
        initial_heap_live_mb: f.initial_heap_live_mb.clone(),
        alloc_kb_per_request: gc[0],
        gc_trigger_fraction: gc[1],
        gc_pause_base_ms: gc[2],
        gc_pause_ms_per_gb_live: gc[3],
        restart_s: c.duration("fleet.restart_time", &f.restart_time),
        auto_restart: f.auto_restart,
        provision_s: c.duration("fleet.provision_time", &f.provision_time),
        host_ram_mb: c.positive("fleet.host_ram_mb", f.host_ram_mb),
        host_overhead_mb: c.non_negative("fleet.host_overhead_mb", f.host_overhead_mb),
        disk_mb: c.positive("fleet.disk_mb", f.disk_mb),
        disk_used_mb: c.non_negative("fleet.disk_used_mb", f.disk_used_mb),
        log_kb_per_request: c.non_negative("fleet.log_kb_per_request", f.log_kb_per_request),
        cpu_pct_at_capacity: c.range(
            "fleet.cpu_pct_at_capacity",
            f.cpu_pct_at_capacity,
            1.0,
            100.0,
        ),
        worker_threads: c.at_least("fleet.worker_threads", f.worker_threads, 1, ""),
        lb: load_balancer(c, &f.load_balancer),
    }
}

fn runtime(c: &mut Checker, f: &FleetFile) -> Runtime {
    let Some(id) = &f.runtime else {
        return Runtime::default();
    };
    Runtime::from_id(id).unwrap_or_else(|| {
        let known: Vec<&str> = Runtime::ALL.iter().map(|r| r.id()).collect();
        c.fail(
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
fn gc(c: &mut Checker, f: &FleetFile, runtime: Runtime) -> [f64; 4] {
    let fields = [
        ("alloc_kb_per_request", f.alloc_kb_per_request, 100.0),
        ("gc_trigger_fraction", f.gc_trigger_fraction, 0.5),
        ("gc_pause_base_ms", f.gc_pause_base_ms, 10.0),
        ("gc_pause_ms_per_gb_live", f.gc_pause_ms_per_gb_live, 50.0),
    ];
    let collected = runtime.profile().gc_heap;
    let mut out = [0.0; 4];
    for (i, (name, value, default)) in fields.into_iter().enumerate() {
        let path = format!("fleet.{name}");
        out[i] = match value {
            Some(_) if !collected => {
                c.fail(
                    &path,
                    format!("the `{}` runtime has no garbage-collected heap", runtime.id()),
                    "remove the collector's settings: memory is freed as it goes, and only what leaks grows",
                );
                default
            }
            Some(v) if name == "gc_trigger_fraction" => c.range(&path, v, 0.05, 1.0),
            Some(v) => c.non_negative(&path, v),
            None => default,
        };
    }
    out
}

/// Everyday log lines: a level word, then the text.
fn log_lines(c: &mut Checker, lines: &[String]) -> Vec<String> {
    for (i, line) in lines.iter().enumerate() {
        let level = line.split_whitespace().next().unwrap_or("");
        if !crate::sim::logs::LEVELS.contains(&level) || line.split_whitespace().count() < 2 {
            c.fail(
                format!("fleet.log_lines[{i}]"),
                format!("`{line}` does not start with a level and then its text"),
                format!(
                    "write e.g. \"INFO GET /feed 200 31ms\" (levels: {})",
                    crate::sim::logs::LEVELS.join(", ")
                ),
            );
        }
    }
    lines.to_vec()
}

/// Checks across fleet fields: starting heaps, host memory, disk.
fn fleet_consistency(c: &mut Checker, f: &FleetFile, servers: u32, heap_max: f64, baseline: f64) {
    if servers >= 1 && f.initial_heap_live_mb.len() > servers as usize {
        c.fail(
            "fleet.initial_heap_live_mb",
            format!(
                "has {} values for {servers} servers",
                f.initial_heap_live_mb.len()
            ),
            "give one value per server, or fewer (the rest start at the baseline)",
        );
    }
    // Checked against the limits only once those limits are themselves sound.
    let limits_sound = baseline < heap_max;
    for (i, v) in f
        .initial_heap_live_mb
        .iter()
        .enumerate()
        .filter(|_| limits_sound)
    {
        if !(*v >= baseline && *v < heap_max) {
            c.fail(format!("fleet.initial_heap_live_mb[{i}]"), format!("must be between heap_baseline_mb ({baseline}) and heap_max_mb ({heap_max}), found {v}"), "a server's live heap at the start lies between its warm baseline and its limit");
        }
    }
    if f.heap_max_mb + f.host_overhead_mb > f.host_ram_mb {
        c.fail(
            "fleet.host_ram_mb",
            format!(
                "{} MB cannot hold the heap ({} MB) plus the host overhead ({} MB)",
                f.host_ram_mb, f.heap_max_mb, f.host_overhead_mb
            ),
            "raise host_ram_mb or lower heap_max_mb",
        );
    }
    if f.disk_used_mb >= f.disk_mb {
        c.fail(
            "fleet.disk_used_mb",
            format!(
                "must be below disk_mb ({}), found {}",
                f.disk_mb, f.disk_used_mb
            ),
            "a disk that starts full fails every request from the first second",
        );
    }
}

fn load_balancer(c: &mut Checker, lb: &LoadBalancerFile) -> LoadBalancerConfig {
    LoadBalancerConfig {
        health_interval_s: c
            .duration("fleet.load_balancer.health_interval", &lb.health_interval)
            .max(1),
        unhealthy_threshold: c.at_least(
            "fleet.load_balancer.unhealthy_threshold",
            lb.unhealthy_threshold,
            1,
            "",
        ),
        healthy_threshold: c.at_least(
            "fleet.load_balancer.healthy_threshold",
            lb.healthy_threshold,
            1,
            "",
        ),
        check_timeout_ms: c.positive("fleet.load_balancer.check_timeout_ms", lb.check_timeout_ms),
        check_cost_ms: c.positive(
            "fleet.load_balancer.check_cost_ms",
            lb.check_cost_ms.unwrap_or(5.0),
        ),
        sticky_share: c.range(
            "fleet.load_balancer.sticky_share",
            lb.sticky_share,
            0.0,
            1.0,
        ),
        session_s: c.duration("fleet.load_balancer.session_length", &lb.session_length),
    }
}

pub fn dependencies(
    c: &mut Checker,
    d: &DatabaseFile,
    p: Option<&PaymentFile>,
) -> (DatabaseConfig, PaymentConfig) {
    let db = DatabaseConfig {
        pool_size: c.at_least(
            "database.pool_size",
            d.pool_size,
            1,
            "a pool needs at least one connection",
        ),
        query_ms: c.positive("database.query_ms", d.query_ms),
        queries_per_request: c.non_negative("database.queries_per_request", d.queries_per_request),
        max_wait_ms: c.positive("database.max_wait_ms", d.max_wait_ms),
        held_per_worker: d
            .held_per_worker
            .map_or(0.0, |v| c.non_negative("database.held_per_worker", v)),
        host: match &d.host {
            Some(h) => c.id("database.host", h),
            None => "db-1".into(),
        },
    };
    let payment = match p {
        Some(p) => PaymentConfig {
            latency_ms: c.positive("payment.latency_ms", p.latency_ms),
            timeout_ms: c.positive("payment.timeout_ms", p.timeout_ms),
            error_fraction: c.range("payment.error_fraction", p.error_fraction, 0.0, 1.0),
            present: true,
        },
        None => PaymentConfig {
            latency_ms: 0.0,
            timeout_ms: 1.0,
            error_fraction: 0.0,
            present: false,
        },
    };
    (db, payment)
}

/// What a service sells and how it is paid for must agree: orders need a currency to count
/// revenue in, and a payment fault needs a gateway.
pub fn sales(c: &mut Checker, t: &TrafficFile, payment: &PaymentConfig, faults: &[Fault]) {
    if t.orders_per_1k_requests > 0.0 && t.currency.trim().is_empty() {
        c.fail(
            "traffic.currency",
            "orders are sold, so revenue needs a currency",
            "add `currency = \"EUR\"` (any code your team uses), or set orders_per_1k_requests = 0",
        );
    }
    if !payment.present {
        for (i, f) in faults.iter().enumerate() {
            if f.kind.slowdown_of(Dependency::Payment).is_some() {
                c.fail(
                    format!("faults[{i}].dependency"),
                    "this scenario has no payment gateway",
                    "add a [payment] section, or slow another dependency",
                );
            }
        }
    }
}

pub fn slo_and_response(
    c: &mut Checker,
    s: &SloFile,
    r: &ResponseFile,
) -> (SloConfig, ResponseConfig) {
    let slo = SloConfig {
        error_rate_pct: c.range("slo.error_rate_pct", s.error_rate_pct, 0.0, 100.0),
        latency_p95_ms: c.positive("slo.latency_p95_ms", s.latency_p95_ms),
        restore_window_s: c.duration("slo.restore_window", &s.restore_window),
        outage_error_rate_pct: c.range(
            "slo.outage_error_rate_pct",
            s.outage_error_rate_pct,
            0.0,
            100.0,
        ),
        affected_window_s: c.duration("slo.affected_window", &s.affected_window).max(1),
    };
    if slo.outage_error_rate_pct <= slo.error_rate_pct {
        c.fail(
            "slo.outage_error_rate_pct",
            format!("must be above slo.error_rate_pct ({})", slo.error_rate_pct),
            "an outage starts at a worse error rate than the SLO allows",
        );
    }
    let response = ResponseConfig {
        developers_response_s: c.duration("response.developers_response", &r.developers_response),
        fix_deploy_s: c.duration("response.fix_deploy", &r.fix_deploy),
        rollback_s: c.duration("response.rollback", &r.rollback),
    };
    (slo, response)
}

/// Deploys made before the run: `when` is a date and a time (`May 10 12:30`), at or before the
/// run's start when it is on the run's date.
pub fn deploys(c: &mut Checker, list: &[DeployFile]) -> Vec<DeployRecord> {
    for (i, d) in list.iter().enumerate() {
        c.before_start(
            &format!("deploys[{i}].when"),
            &d.when,
            "deploys listed here happened before the run; a deploy during it is a fault's `deploy`",
        );
    }
    list.iter()
        .map(|d| DeployRecord {
            when: d.when.clone(),
            version: d.version.clone(),
            summary: d.summary.clone(),
        })
        .collect()
}

/// A host name: letters, digits, `-`, `_` and `.`, starting with a letter or digit.
fn is_host_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The fleet's host names: listed (one per server, distinct) or a prefix and a number.
fn hosts(c: &mut Checker, f: &FleetFile, servers: u32) -> (Vec<String>, String) {
    let before = c.problems.len();
    let names = listed_hosts(c, f, servers);
    c.hosts_unknown = c.problems.len() > before;
    names
}

fn listed_hosts(c: &mut Checker, f: &FleetFile, servers: u32) -> (Vec<String>, String) {
    let prefix = f.host_prefix.clone().unwrap_or_else(|| "app-".into());
    if f.host_prefix.is_some() && !(prefix.is_empty() || is_host_name(&format!("{prefix}1"))) {
        c.fail(
            "fleet.host_prefix",
            format!("`{prefix}` cannot start a host name"),
            "use letters, digits, `-`, `_` and `.`, e.g. \"web-\"",
        );
    }
    let Some(names) = &f.hosts else {
        return (Vec::new(), prefix);
    };
    if servers >= 1 && names.len() != servers as usize {
        c.fail(
            "fleet.hosts",
            format!("lists {} host(s) for {servers} server(s)", names.len()),
            "name every server once, or leave `hosts` out to number them",
        );
    }
    for (i, name) in names.iter().enumerate() {
        let path = format!("fleet.hosts[{i}]");
        if !is_host_name(name) {
            c.fail(
                path,
                format!("`{name}` is not a host name"),
                "use letters, digits, `-`, `_` and `.`, starting with a letter or digit",
            );
        } else if names[..i].contains(name) {
            c.fail(
                path,
                format!("`{name}` is listed twice"),
                "give each server its own name",
            );
        }
    }
    (names.clone(), prefix)
}
