//! What the service's own hosts and the balancer log: lines from events (the supervisor, the
//! kernel's OOM killer, the balancer's health checks), lines the metrics imply, a broken
//! endpoint's errors, and seeded everyday chatter.

use super::super::events::{EventKind, RestartCause};
use super::super::metrics::{Metric, ServerMetric};
use super::super::rng::mix64;
use super::super::runtime::fill;
use super::super::simulation::Trace;
use super::{line, live_windows, pid_at, LogLine, NON_HEAP_RSS_MB};

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
            let codes = returned_codes(trace, i);
            out.push(line(
                tick,
                "lb-1".into(),
                "ERROR",
                format!(
                    "{failed:.0} requests answered {codes} in the last {interval:.0}s ({err:.1}%)"
                ),
            ));
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

/// Most error lines a broken endpoint logs per server in a minute (every request failing);
/// fewer in proportion to the share that fails.
const ERROR_SLOTS_PER_MINUTE: u32 = 6;

/// A broken endpoint logs its error on the servers that serve it while its fault is live, as
/// often as its share of failing requests says: at 60% a few times a minute, at 0.8% once in a
/// long while.
pub(super) fn request_error_lines(
    trace: &Trace,
    from: u32,
    to: u32,
    only: Option<u32>,
    out: &mut Vec<LogLine>,
) {
    let servers = super::servers_read(trace, only);
    let windows = trace
        .voice
        .request_errors
        .iter()
        .flat_map(|(fault, endpoint, error, share)| {
            live_windows(trace, *fault)
                .into_iter()
                .map(move |window| (window, *fault, endpoint, error, *share))
        });
    for ((start, end), fault, endpoint, error, share) in windows {
        let (first, last) = (from.max(start), to.min(end));
        let text = match status_of(error) {
            Some(_) => format!("{endpoint} {error}"),
            None => format!("{endpoint} 500: {error}"),
        };
        let per_slot = (share.clamp(0.0, 1.0) * 10_000.0) as u64;
        for minute in first / 60..=last / 60 {
            for (&server, slot) in servers
                .iter()
                .flat_map(|s| std::iter::repeat(s).zip(0..ERROR_SLOTS_PER_MINUTE))
            {
                let r = mix64(
                    trace.seed
                        ^ (u64::from(fault) << 40)
                        ^ (u64::from(minute) << 20)
                        ^ (u64::from(slot) << 12)
                        ^ u64::from(server),
                );
                let tick = minute * 60 + (r % 60) as u32;
                let logged = (r >> 8) % 10_000 < per_slot;
                if !logged || tick < first || tick > last || !serving(trace, server, tick) {
                    continue;
                }
                out.push(line(tick, trace.series.host(server), "ERROR", text.clone()));
            }
        }
    }
}

/// The HTTP status an error text starts with (`"502 Bad Gateway"`), if it does.
pub(super) fn status_of(error: &str) -> Option<u16> {
    let code: u16 = error.get(..3)?.parse().ok()?;
    let whole = error.len() == 3 || error[3..].starts_with(' ');
    ((100..600).contains(&code) && whole).then_some(code)
}

/// The statuses the balancer is returning at a scrape: those the broken endpoints answer, 502
/// while a backend's process is dead (its connections reset), 503 with no server in rotation,
/// 504 when requests reach the timeout, else 500 (the application's own failures).
fn returned_codes(trace: &Trace, scrape: usize) -> String {
    let s = &trace.series;
    let (i, tick) = (scrape, s.ticks[scrape]);
    let mut codes: Vec<u16> = trace
        .voice
        .request_errors
        .iter()
        .filter(|(fault, ..)| {
            live_windows(trace, *fault)
                .iter()
                .any(|&(a, b)| a <= tick && tick <= b)
        })
        .map(|(_, _, error, _)| status_of(error).unwrap_or(500))
        .collect();
    if s.fleet(Metric::ServersUp)[i] + 0.5 < s.servers as f32 {
        codes.push(502);
    }
    if s.fleet(Metric::ServersInRotation)[i] < 0.5 {
        codes.push(503);
    }
    if f64::from(s.fleet(Metric::LatencyMsP99)[i]) >= trace.voice.request_timeout_ms {
        codes.push(504);
    }
    if codes.is_empty() {
        codes.push(500);
    }
    codes.sort_unstable();
    codes.dedup();
    let codes: Vec<String> = codes.iter().map(u16::to_string).collect();
    codes.join("/")
}

/// Whether a server was serving requests at the scrape around `tick` (a dead process writes no
/// everyday lines).
pub(super) fn serving(trace: &Trace, server: u32, tick: u32) -> bool {
    let s = &trace.series;
    let i = s.scrape_at(tick).or_else(|| (!s.is_empty()).then_some(0));
    i.and_then(|i| s.server_at(ServerMetric::RequestsPerS, server, i))
        .is_none_or(|rps| rps > 0.0)
}
