//! Log lines, generated on demand from the trace (never formatted while simulating): what the
//! events say, what the metrics imply, and seeded background chatter.

use super::clock::hhmmss;
use super::config::Dependency;
use super::events::{EventKind, RestartCause};
use super::metrics::Metric;
use super::rng::mix64;
use super::runtime::fill;
use super::simulation::Trace;

/// Most lines one read returns (the newest ones).
pub const MAX_LINES: usize = 200;

/// The levels a log line can have.
pub const LEVELS: [&str; 6] = ["DEBUG", "INFO", "WARN", "ERROR", "KERN", "LOG"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogLine {
    pub tick: u32,
    pub host: String,
    pub level: &'static str,
    pub text: String,
}

impl LogLine {
    pub fn format(&self, start_s_of_day: u32) -> String {
        format!(
            "{} {:<6} {:<5} {}",
            hhmmss(start_s_of_day, self.tick),
            self.host,
            self.level,
            self.text
        )
    }
}

const BACKGROUND: [(&str, &str); 8] = [
    ("INFO", "GET /api/products?page=2 200 41ms"),
    ("INFO", "GET /cart 200 35ms"),
    ("INFO", "POST /api/cart/items 201 58ms"),
    ("INFO", "session cleanup removed 118 expired sessions"),
    ("INFO", "catalog cache refreshed (2,412 products)"),
    ("DEBUG", "metrics flushed to collector"),
    ("INFO", "GET /api/account 200 29ms"),
    (
        "WARN",
        "slow query (612ms): SELECT * FROM orders WHERE user_id = ?",
    ),
];

fn line(tick: u32, host: String, level: &'static str, text: String) -> LogLine {
    LogLine {
        tick,
        host,
        level,
        text,
    }
}

/// Resident memory of the service's process besides its heap (code, stacks, buffers).
pub const NON_HEAP_RSS_MB: f64 = 380.0;

/// The id of the service's process on `server` at `tick`: the last one started, or the one it
/// had when the run began.
pub fn pid_at(trace: &Trace, server: u32, tick: u32) -> u32 {
    let started = trace
        .events
        .iter()
        .take_while(|e| e.tick <= tick)
        .filter_map(|e| match e.kind {
            EventKind::ServerStarted { server: s, pid } if s == server && pid > 0 => Some(pid),
            _ => None,
        });
    started
        .last()
        .or_else(|| trace.voice.pids.get(server as usize).copied())
        .unwrap_or(LEGACY_PID)
}

/// The id every host's process had before each drew its own (saves from then show it).
pub const LEGACY_PID: u32 = 2291;

/// Lines from events between `from` and `to` inclusive, for one server or all.
fn event_lines(trace: &Trace, from: u32, to: u32, only: Option<u32>, out: &mut Vec<LogLine>) {
    let keep = |server: u32| only.is_none_or(|o| o == server);
    let voice = &trace.voice;
    let profile = voice.runtime.profile();
    let service = &voice.service;
    for e in trace.events.between(from, to) {
        let t = e.tick;
        match &e.kind {
            EventKind::OomKilled { server, heap_mb } if keep(*server) => {
                if let Some(error) = profile.oom_error {
                    out.push(line(t, trace.series.host(*server), "ERROR", error.into()));
                }
                let rss_kb = (f64::from(*heap_mb) + NON_HEAP_RSS_MB) * 1024.0;
                let (process, pid) = (profile.process, pid_at(trace, *server, t));
                out.push(line(t, trace.series.host(*server), "KERN", format!("Out of memory: Killed process {pid} ({process}) total-vm:6422528kB, anon-rss:{rss_kb:.0}kB")));
            }
            EventKind::GcOverhead { server, pct } if keep(*server) => {
                let text = fill(profile.gc_warning, &[("pct", format!("{pct:.0}"))]);
                out.push(line(t, trace.series.host(*server), "WARN", text));
            }
            EventKind::ServerStopped {
                server,
                cause,
                restart,
                was_down,
            } if keep(*server) => {
                // What the supervisor does, and nothing more.
                let why = match (cause, restart, was_down) {
                    (RestartCause::OomKill, true, _) => {
                        "main process exited, code=killed, status=9/KILL; scheduled restart job"
                    }
                    (RestartCause::OomKill, false, _) => {
                        "main process exited, code=killed, status=9/KILL; failed with result 'oom-kill'"
                    }
                    (RestartCause::Manual, _, true) => "starting (requested by operator)",
                    (RestartCause::Manual, _, false) => "stopping (requested by operator)",
                    (RestartCause::Deploy, _, true) => "starting for deploy",
                    (RestartCause::Deploy, _, false) => "stopping for deploy",
                };
                out.push(line(
                    t,
                    trace.series.host(*server),
                    "INFO",
                    format!("systemd: {service}.service: {why}"),
                ));
            }
            EventKind::ServerStarted { server, pid } if keep(*server) => {
                let process = match pid {
                    0 => profile.process.to_string(),
                    pid => format!("{}, pid {pid}", profile.process),
                };
                out.push(line(
                    t,
                    trace.series.host(*server),
                    "INFO",
                    format!("Started {service} ({process}); listening on :8080"),
                ));
            }
            EventKind::MarkedDown { server } if keep(*server) => {
                out.push(line(
                    t,
                    "lb-1".into(),
                    "WARN",
                    format!(
                        "backend {} marked DOWN: health check failed (connect/timeout)",
                        trace.series.host(*server)
                    ),
                ));
            }
            EventKind::MarkedUp { server } if keep(*server) => {
                out.push(line(
                    t,
                    "lb-1".into(),
                    "INFO",
                    format!("backend {} marked UP", trace.series.host(*server)),
                ));
            }
            EventKind::DiskFull { server } if keep(*server) => {
                out.push(line(
                    t,
                    trace.series.host(*server),
                    "ERROR",
                    fill(
                        profile.disk_full,
                        &[("path", format!("/var/log/{service}/app.log"))],
                    ),
                ));
            }
            EventKind::ConfigPushed { change } if only.is_none() => {
                out.push(line(
                    t,
                    "config".into(),
                    "INFO",
                    format!("config-agent: applied change: {change}"),
                ));
            }
            EventKind::Deploy { version } if only.is_none() => {
                out.push(line(
                    t,
                    "deploy".into(),
                    "INFO",
                    format!("release {version} rolling out to all servers"),
                ));
            }
            _ => {}
        }
    }
}

/// Lines the metrics imply: 5xx bursts at the balancer, a starved connection pool.
fn metric_lines(trace: &Trace, from: u32, to: u32, only: Option<u32>, out: &mut Vec<LogLine>) {
    let s = &trace.series;
    let interval = f64::from(s.scrape_interval_s.max(1));
    for (i, &tick) in s
        .ticks
        .iter()
        .enumerate()
        .filter(|(_, t)| **t >= from && **t <= to)
    {
        let rps = f64::from(s.fleet(Metric::RequestsPerS)[i]);
        let err = f64::from(s.fleet(Metric::ErrorRatePct)[i]);
        if only.is_none() && err >= 1.0 {
            let failed = rps * interval * err / 100.0;
            out.push(line(tick, "lb-1".into(), "ERROR", format!("{failed:.0} requests answered 502/503/504 in the last {interval:.0}s ({err:.1}%)")));
        }
        if s.fleet(Metric::DbPoolUsedPct)[i] >= 99.0 {
            let ms = format!("{:.0}", trace.voice.pool_wait_ms);
            let text = fill(trace.voice.runtime.profile().pool_timeout, &[("ms", ms)]);
            out.push(line(
                tick,
                trace.series.host(only.unwrap_or(0)),
                "ERROR",
                text,
            ));
        }
    }
}

/// A broken endpoint logs its error a few times a minute on the servers that serve it, while its
/// fault is live.
fn request_error_lines(
    trace: &Trace,
    from: u32,
    to: u32,
    only: Option<u32>,
    out: &mut Vec<LogLine>,
) {
    for (fault, endpoint, error) in &trace.voice.request_errors {
        let started = trace
            .events
            .first(|k| matches!(k, EventKind::FaultStarted { fault: f } if f == fault));
        let Some(start) = started.map(|e| e.tick) else {
            continue;
        };
        let stopped = trace.events.first(|k| {
            matches!(k, EventKind::FaultCured { fault: f } | EventKind::FaultEnded { fault: f } if f == fault)
        });
        let end = stopped.map_or(u32::MAX, |e| e.tick);
        let servers: Vec<u32> = match only {
            Some(s) => vec![s],
            None => (0..trace.series.servers.min(8)).collect(),
        };
        for minute in from.max(start) / 60..=to.min(end) / 60 {
            for &server in &servers {
                let r = mix64(
                    trace.seed
                        ^ (u64::from(*fault) << 40)
                        ^ (u64::from(minute) << 20)
                        ^ u64::from(server),
                );
                let tick = minute * 60 + (r % 60) as u32;
                if tick < from.max(start) || tick > to.min(end) || !serving(trace, server, tick) {
                    continue;
                }
                let text = format!("{endpoint} 500: {error}");
                out.push(line(tick, trace.series.host(server), "ERROR", text));
            }
        }
    }
}

/// Background chatter: a few lines a minute per server, picked by (seed, minute, server).
fn background_lines(trace: &Trace, from: u32, to: u32, only: Option<u32>, out: &mut Vec<LogLine>) {
    let servers: Vec<u32> = match only {
        Some(s) => vec![s],
        None => (0..trace.series.servers.min(8)).collect(),
    };
    for minute in from / 60..=to / 60 {
        for &server in &servers {
            let r = mix64(trace.seed ^ (u64::from(minute) << 20) ^ u64::from(server));
            let tick = minute * 60 + (r % 60) as u32;
            if tick < from || tick > to || !serving(trace, server, tick) {
                continue;
            }
            let own = &trace.voice.log_lines;
            let (level, text) = if own.is_empty() {
                let (level, text) = BACKGROUND[((r >> 8) % BACKGROUND.len() as u64) as usize];
                (level, text.to_string())
            } else {
                let own = &own[((r >> 8) % own.len() as u64) as usize];
                let (level, text) = own.split_once(' ').unwrap_or(("INFO", own));
                let level = LEVELS
                    .iter()
                    .find(|l| **l == level)
                    .copied()
                    .unwrap_or("INFO");
                (level, text.trim().to_string())
            };
            out.push(line(tick, trace.series.host(server), level, text));
        }
    }
}

/// Whether a server was serving requests at the scrape around `tick` (a dead process writes no
/// everyday lines).
fn serving(trace: &Trace, server: u32, tick: u32) -> bool {
    let s = &trace.series;
    let i = s.scrape_at(tick).or_else(|| (!s.is_empty()).then_some(0));
    i.and_then(|i| s.server_at(super::metrics::ServerMetric::RequestsPerS, server, i))
        .is_none_or(|rps| rps > 0.0)
}

/// The log lines between `from` and `to`, oldest first, at most [`MAX_LINES`] (the newest).
pub fn render(trace: &Trace, from: u32, to: u32, only: Option<u32>) -> Vec<LogLine> {
    let mut out = Vec::new();
    event_lines(trace, from, to, only, &mut out);
    metric_lines(trace, from, to, only, &mut out);
    request_error_lines(trace, from, to, only, &mut out);
    background_lines(trace, from, to, only, &mut out);
    out.sort_by(|a, b| a.tick.cmp(&b.tick).then_with(|| a.host.cmp(&b.host)));
    let skip = out.len().saturating_sub(MAX_LINES);
    out.split_off(skip)
}

/// Everyday lines of a dependency's host, by kind.
const DEPENDENCY_CHATTER: [(&str, [(&str, &str); 3]); 3] = [
    (
        "database",
        [
            ("LOG", "checkpoint complete: wrote 1523 buffers (9.3%)"),
            (
                "LOG",
                "automatic vacuum of table \"app.public.sessions\": index scans: 1",
            ),
            (
                "LOG",
                "duration: 41.2 ms  statement: SELECT id, status FROM orders WHERE ...",
            ),
        ],
    ),
    (
        "http",
        [
            ("INFO", "GET /v1/items 200 38ms"),
            ("INFO", "POST /v1/events 202 12ms"),
            ("INFO", "health check ok"),
        ],
    ),
    (
        "cache",
        [
            ("INFO", "keyspace: 1843211 keys, 0 expiring soon"),
            ("INFO", "background save terminated with success"),
            ("INFO", "accepted 24 new connections"),
        ],
    ),
];

/// A fault's live window in the run: from its start to its cure or end (open when neither).
fn live_window(trace: &Trace, fault: u32) -> Option<(u32, u32)> {
    let start = trace
        .events
        .first(|k| matches!(k, EventKind::FaultStarted { fault: f } if *f == fault))?
        .tick;
    let end = trace
        .events
        .first(|k| {
            matches!(k, EventKind::FaultCured { fault: f } | EventKind::FaultEnded { fault: f } if *f == fault)
        })
        .map_or(u32::MAX, |e| e.tick);
    Some((start, end))
}

/// The log lines of a dependency's host between `from` and `to`: what its trouble looked like
/// from inside, and its everyday chatter.
pub fn render_dependency(
    trace: &Trace,
    from: u32,
    to: u32,
    dependency: Dependency,
) -> Vec<LogLine> {
    let index = match dependency {
        Dependency::Named(i) => i as usize + 1,
        _ => 0,
    };
    let Some((_, host, kind)) = trace.voice.dependencies.get(index) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    // Trouble, minute by minute, while it lasts.
    let mut trouble: Option<(u32, f32, f32, f32)> = None;
    let mut windows = Vec::new();
    for e in trace.events.iter() {
        match e.kind {
            EventKind::DependencyTrouble {
                dependency: d,
                latency_ms,
                failing_pct,
                used_pct,
            } if Dependency::Named(d) == dependency => {
                trouble = Some((e.tick, latency_ms, failing_pct, used_pct));
            }
            EventKind::DependencyRecovered { dependency: d }
                if Dependency::Named(d) == dependency =>
            {
                if let Some(t) = trouble.take() {
                    windows.push((t, e.tick));
                }
                if (from..=to).contains(&e.tick) {
                    let text = "latency and errors back to normal".into();
                    out.push(line(e.tick, host.clone(), "INFO", text));
                }
            }
            _ => {}
        }
    }
    windows.extend(trouble.map(|t| (t, u32::MAX)));
    if dependency == Dependency::Database {
        for (fault, multiplier, query_ms) in &trace.voice.db_slowdowns {
            if let Some((start, end)) = live_window(trace, *fault) {
                windows.push(((start, (query_ms * multiplier) as f32, 0.0, 0.0), end));
            }
        }
    }
    let troubled = |tick: u32| windows.iter().any(|((s, ..), e)| *s <= tick && tick <= *e);
    for &((start, latency_ms, failing_pct, used_pct), end) in &windows {
        for minute in from.max(start) / 60..=to.min(end) / 60 {
            let tick = minute * 60 + (mix64(trace.seed ^ u64::from(minute)) % 60) as u32;
            if tick < from.max(start) || tick > to.min(end) {
                continue;
            }
            let text = match kind.as_str() {
                "database" if used_pct >= 99.0 => "FATAL:  remaining connection slots are reserved for non-replication superuser connections".to_string(),
                "database" => format!("duration: {latency_ms:.1} ms  statement: SELECT id, status FROM orders WHERE ..."),
                "cache" => format!("slow lookups ({latency_ms:.0} ms); {used_pct:.0}% of lookups missing, clients reading through to the backend"),
                _ if failing_pct > 50.0 => "upstream timed out (110: Connection timed out) while reading response header".to_string(),
                _ => format!("GET /v1/items 503 after {latency_ms:.0}ms ({failing_pct:.0}% of calls failing)"),
            };
            let level = if kind == "database" && used_pct < 99.0 {
                "LOG"
            } else {
                "ERROR"
            };
            out.push(line(tick, host.clone(), level, text));
        }
    }
    // Everyday chatter, a line every couple of minutes.
    let chatter = DEPENDENCY_CHATTER
        .iter()
        .find(|(k, _)| k == kind)
        .map_or(&DEPENDENCY_CHATTER[1].1, |(_, lines)| lines);
    for minute in (from / 60..=to / 60).filter(|m| m % 2 == 0) {
        let r = mix64(trace.seed ^ (u64::from(minute) << 24) ^ index as u64);
        let tick = minute * 60 + (r % 60) as u32;
        if tick < from || tick > to || troubled(tick) {
            continue;
        }
        let (level, text) = chatter[((r >> 8) % 3) as usize];
        out.push(line(tick, host.clone(), level, text.into()));
    }
    out.sort_by_key(|l| l.tick);
    let skip = out.len().saturating_sub(MAX_LINES);
    out.split_off(skip)
}
