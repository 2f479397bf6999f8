//! What the service's own hosts and the balancer log: lines from events (the supervisor, the
//! kernel's OOM killer, the balancer's health checks), lines the metrics imply, a broken
//! endpoint's errors, and seeded everyday chatter.

use super::super::events::{EventKind, RestartCause};
use super::super::metrics::{Metric, ServerMetric};
use super::super::rng::mix64;
use super::super::runtime::fill;
use super::super::simulation::Trace;
use super::super::template;
use super::{line, live_window, pid_at, LogLine, LEVELS, NON_HEAP_RSS_MB};

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

/// Lines from events between `from` and `to` inclusive, for one server or all.
pub(super) fn event_lines(
    trace: &Trace,
    from: u32,
    to: u32,
    only: Option<u32>,
    out: &mut Vec<LogLine>,
) {
    for e in trace.events.between(from, to) {
        let server = match e.kind {
            EventKind::OomKilled { server, .. }
            | EventKind::GcOverhead { server, .. }
            | EventKind::ServerStopped { server, .. }
            | EventKind::ServerStarted { server, .. }
            | EventKind::DiskFull { server }
            | EventKind::MarkedDown { server }
            | EventKind::MarkedUp { server } => Some(server),
            _ => None,
        };
        match server {
            Some(server) if only.is_none_or(|o| o == server) => {
                server_event_lines(trace, e.tick, &e.kind, server, out)
            }
            Some(_) => {}
            None if only.is_none() => out.extend(fleet_event_line(e.tick, &e.kind)),
            None => {}
        }
    }
}

/// What one server's process, its supervisor, its kernel and the balancer say of an event.
fn server_event_lines(
    trace: &Trace,
    tick: u32,
    kind: &EventKind,
    server: u32,
    out: &mut Vec<LogLine>,
) {
    let voice = &trace.voice;
    let profile = voice.runtime.profile();
    let service = &voice.service;
    let host = trace.series.host(server);
    match kind {
        EventKind::OomKilled { heap_mb, .. } => {
            if let Some(error) = profile.oom_error {
                out.push(line(tick, host.clone(), "ERROR", error.into()));
            }
            let rss_kb = (f64::from(*heap_mb) + NON_HEAP_RSS_MB) * 1024.0;
            let (process, pid) = (profile.process, pid_at(trace, server, tick));
            out.push(line(tick, host, "KERN", format!("Out of memory: Killed process {pid} ({process}) total-vm:6422528kB, anon-rss:{rss_kb:.0}kB")));
        }
        EventKind::GcOverhead { pct, .. } => {
            let text = fill(profile.gc_warning, &[("pct", format!("{pct:.0}"))]);
            out.push(line(tick, host, "WARN", text));
        }
        EventKind::ServerStopped {
            cause,
            restart,
            was_down,
            ..
        } => {
            let why = supervisor_says(*cause, *restart, *was_down);
            let text = format!("systemd: {service}.service: {why}");
            out.push(line(tick, host, "INFO", text));
        }
        EventKind::ServerStarted { pid, .. } => {
            let process = match pid {
                0 => profile.process.to_string(),
                pid => format!("{}, pid {pid}", profile.process),
            };
            let text = format!("Started {service} ({process}); listening on :8080");
            out.push(line(tick, host, "INFO", text));
        }
        EventKind::MarkedDown { .. } => {
            let text = format!("backend {host} marked DOWN: health check failed (connect/timeout)");
            out.push(line(tick, "lb-1".into(), "WARN", text));
        }
        EventKind::MarkedUp { .. } => {
            out.push(line(
                tick,
                "lb-1".into(),
                "INFO",
                format!("backend {host} marked UP"),
            ));
        }
        EventKind::DiskFull { .. } => {
            let path = format!("/var/log/{service}/app.log");
            let text = fill(profile.disk_full, &[("path", path)]);
            out.push(line(tick, host, "ERROR", text));
        }
        _ => {}
    }
}

/// What the supervisor does when a process stops, and nothing more.
fn supervisor_says(cause: RestartCause, restart: bool, was_down: bool) -> &'static str {
    match (cause, restart, was_down) {
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
    }
}

/// What the fleet's own tools log of a change: the config agent, the deploy.
fn fleet_event_line(tick: u32, kind: &EventKind) -> Option<LogLine> {
    match kind {
        EventKind::ConfigPushed { change } => {
            let text = format!("config-agent: applied change: {change}");
            Some(line(tick, "config".into(), "INFO", text))
        }
        EventKind::Deploy { version } => {
            let text = format!("release {version} rolling out to all servers");
            Some(line(tick, "deploy".into(), "INFO", text))
        }
        _ => None,
    }
}

/// Lines the metrics imply: 5xx bursts at the balancer, a starved connection pool.
pub(super) fn metric_lines(
    trace: &Trace,
    from: u32,
    to: u32,
    only: Option<u32>,
    out: &mut Vec<LogLine>,
) {
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
pub(super) fn request_error_lines(
    trace: &Trace,
    from: u32,
    to: u32,
    only: Option<u32>,
    out: &mut Vec<LogLine>,
) {
    for (fault, endpoint, error) in &trace.voice.request_errors {
        let Some((start, end)) = live_window(trace, *fault) else {
            continue;
        };
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
pub(super) fn background_lines(
    trace: &Trace,
    from: u32,
    to: u32,
    only: Option<u32>,
    out: &mut Vec<LogLine>,
) {
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
                let host = trace.series.host(server);
                let logged = super::Logged { trace, tick, host };
                (level, template::render(text.trim(), &logged))
            };
            // A line whose condition leaves nothing to say is not logged.
            if !text.trim().is_empty() {
                out.push(line(tick, trace.series.host(server), level, text));
            }
        }
    }
}

/// Whether a server was serving requests at the scrape around `tick` (a dead process writes no
/// everyday lines).
fn serving(trace: &Trace, server: u32, tick: u32) -> bool {
    let s = &trace.series;
    let i = s.scrape_at(tick).or_else(|| (!s.is_empty()).then_some(0));
    i.and_then(|i| s.server_at(ServerMetric::RequestsPerS, server, i))
        .is_none_or(|rps| rps > 0.0)
}
