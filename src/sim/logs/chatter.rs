//! Everyday chatter: a few lines a minute per server, picked by (seed, minute, server). The
//! scenario's own lines when it has them; else requests to its endpoints, answered as fast as
//! the service is answering then; else, for the default web shop, a shop's lines.

use super::super::config::DEFAULT_SERVICE;
use super::super::metrics::Metric;
use super::super::rng::mix64;
use super::super::simulation::Trace;
use super::super::template;
use super::service::serving;
use super::{line, LogLine, Logged, LEVELS};

const SHOP: [(&str, &str); 8] = [
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

/// What any service says between requests, when the scenario names no endpoints.
const ANY: [(&str, &str); 3] = [
    ("DEBUG", "metrics flushed to collector"),
    ("INFO", "GET /healthz 200 1ms"),
    ("DEBUG", "connection pool: idle connections trimmed"),
];

pub(super) fn background_lines(
    trace: &Trace,
    from: u32,
    to: u32,
    only: Option<u32>,
    out: &mut Vec<LogLine>,
) {
    let servers = super::servers_read(trace, only);
    for minute in from / 60..=to / 60 {
        for &server in &servers {
            let r = mix64(trace.seed ^ (u64::from(minute) << 20) ^ u64::from(server));
            let tick = minute * 60 + (r % 60) as u32;
            if tick < from || tick > to || !serving(trace, server, tick) {
                continue;
            }
            let (level, text) = pick(trace, tick, server, r >> 8);
            // A line whose condition leaves nothing to say is not logged.
            if !text.trim().is_empty() {
                out.push(line(tick, trace.series.host(server), level, text));
            }
        }
    }
}

fn pick(trace: &Trace, tick: u32, server: u32, bits: u64) -> (&'static str, String) {
    let voice = &trace.voice;
    let choose = |len: usize| (bits % len.max(1) as u64) as usize;
    if !voice.log_lines.is_empty() {
        let own = &voice.log_lines[choose(voice.log_lines.len())];
        let (level, text) = own.split_once(' ').unwrap_or(("INFO", own));
        let level = LEVELS
            .iter()
            .find(|l| **l == level)
            .copied()
            .unwrap_or("INFO");
        let host = trace.series.host(server);
        let logged = Logged { trace, tick, host };
        return (level, template::render(text.trim(), &logged));
    }
    if !voice.endpoints.is_empty() {
        let endpoint = &voice.endpoints[choose(voice.endpoints.len())];
        return ("INFO", request(trace, tick, endpoint, bits >> 16));
    }
    let lines: &[(&str, &str)] = if voice.service == DEFAULT_SERVICE {
        &SHOP
    } else {
        &ANY
    };
    let (level, text) = lines[choose(lines.len())];
    (level, text.to_string())
}

/// One answered request to `endpoint` (`"GET /photos"`): created for a POST, taking about what
/// the service's median took at the time.
fn request(trace: &Trace, tick: u32, endpoint: &str, bits: u64) -> String {
    let status = if endpoint.starts_with("POST") {
        201
    } else {
        200
    };
    let series = &trace.series;
    let median_ms = series
        .scrape_at(tick)
        .and_then(|i| series.fleet(Metric::LatencyMsP50).get(i).copied())
        .map_or(30.0, f64::from);
    let spread = 0.6 + (bits % 100) as f64 / 100.0;
    format!("{endpoint} {status} {:.0}ms", (median_ms * spread).max(1.0))
}
