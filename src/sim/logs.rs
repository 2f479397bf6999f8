//! Log lines, generated on demand from the trace (never formatted while simulating): what the
//! events say, what the metrics imply, and seeded background chatter.

use super::clock::hhmmss;
use super::events::{EventKind, RestartCause};
use super::metrics::Metric;
use super::rng::mix64;
use super::simulation::Trace;

/// Most lines one read returns (the newest ones).
pub const MAX_LINES: usize = 200;

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

/// Lines from events between `from` and `to` inclusive, for one server or all.
fn event_lines(trace: &Trace, from: u32, to: u32, only: Option<u32>, out: &mut Vec<LogLine>) {
    let keep = |server: u32| only.is_none_or(|o| o == server);
    for e in trace.events.between(from, to) {
        let t = e.tick;
        match &e.kind {
            EventKind::OomKilled { server, heap_mb } if keep(*server) => {
                out.push(line(
                    t,
                    trace.series.host(*server),
                    "ERROR",
                    "java.lang.OutOfMemoryError: Java heap space".into(),
                ));
                let rss_kb = (f64::from(*heap_mb) + 380.0) * 1024.0;
                out.push(line(t, trace.series.host(*server), "KERN", format!("Out of memory: Killed process 2291 (java) total-vm:6422528kB, anon-rss:{rss_kb:.0}kB")));
            }
            EventKind::GcOverhead { server, pct } if keep(*server) => {
                out.push(line(t, trace.series.host(*server), "WARN", format!("GC overhead high: {pct:.0}% of time in garbage collection, old gen nearly full")));
            }
            EventKind::ServerStopped { server, cause } if keep(*server) => {
                let why = match cause {
                    RestartCause::OomKill => {
                        "main process exited, code=killed, status=9/KILL; restarting"
                    }
                    RestartCause::Manual => "stopping shop-app.service (requested by operator)",
                    RestartCause::Deploy => "stopping shop-app.service for deploy",
                };
                out.push(line(
                    t,
                    trace.series.host(*server),
                    "INFO",
                    format!("systemd: shop-app.service: {why}"),
                ));
            }
            EventKind::ServerStarted { server } if keep(*server) => {
                out.push(line(
                    t,
                    trace.series.host(*server),
                    "INFO",
                    "Started ShopApplication; listening on :8080".into(),
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
                    "java.io.IOException: No space left on device (writing /var/log/shop/app.log)"
                        .into(),
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
            let text = "HikariPool-1 - Connection is not available, request timed out after 2000ms";
            out.push(line(
                tick,
                trace.series.host(only.unwrap_or(0)),
                "ERROR",
                text.into(),
            ));
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
            if tick < from || tick > to {
                continue;
            }
            let (level, text) = BACKGROUND[((r >> 8) % BACKGROUND.len() as u64) as usize];
            out.push(line(tick, trace.series.host(server), level, text.into()));
        }
    }
}

/// The log lines between `from` and `to`, oldest first, at most [`MAX_LINES`] (the newest).
pub fn render(trace: &Trace, from: u32, to: u32, only: Option<u32>) -> Vec<LogLine> {
    let mut out = Vec::new();
    event_lines(trace, from, to, only, &mut out);
    metric_lines(trace, from, to, only, &mut out);
    background_lines(trace, from, to, only, &mut out);
    out.sort_by(|a, b| a.tick.cmp(&b.tick).then_with(|| a.host.cmp(&b.host)));
    let skip = out.len().saturating_sub(MAX_LINES);
    out.split_off(skip)
}
