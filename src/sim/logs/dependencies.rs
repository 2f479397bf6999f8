//! What a dependency's host logs: its trouble from inside, minute by minute while it lasts, and
//! its everyday chatter by kind.

use super::super::config::{Dependency, DependencyClass};
use super::super::events::EventKind;
use super::super::rng::mix64;
use super::super::simulation::Trace;
use super::{line, live_windows, newest, LogLine};

/// Everyday lines of a dependency's host of this class.
fn chatter(class: DependencyClass) -> [(&'static str, &'static str); 3] {
    match class {
        DependencyClass::Database => [
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
        DependencyClass::Http => [
            ("INFO", "GET /v1/items 200 38ms"),
            ("INFO", "POST /v1/events 202 12ms"),
            ("INFO", "health check ok"),
        ],
        DependencyClass::Cache => [
            ("INFO", "keyspace: 1843211 keys, 0 expiring soon"),
            ("INFO", "background save terminated with success"),
            ("INFO", "accepted 24 new connections"),
        ],
    }
}

/// A stretch of trouble: from when, at what latency, share of calls failing and share used, to
/// when (open when it never recovered).
type Trouble = ((u32, f32, f32, f32), u32);

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
    let Some(&(_, ref host, class)) = trace.voice.dependencies.get(index) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let windows = trouble(trace, dependency, (from, to), host, &mut out);
    // Trouble, minute by minute, while it lasts.
    for &((start, latency_ms, failing_pct, used_pct), end) in &windows {
        for minute in from.max(start) / 60..=to.min(end) / 60 {
            let tick = minute * 60 + (mix64(trace.seed ^ u64::from(minute)) % 60) as u32;
            if tick < from.max(start) || tick > to.min(end) {
                continue;
            }
            let (level, text) = trouble_says(class, latency_ms, failing_pct, used_pct);
            out.push(line(tick, host.clone(), level, text));
        }
    }
    // Everyday chatter, a line every couple of minutes.
    let troubled = |tick: u32| windows.iter().any(|((s, ..), e)| *s <= tick && tick <= *e);
    let chatter = chatter(class);
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
    newest(out)
}

/// The dependency's stretches of trouble over the run (the recoveries inside `window` logged to
/// `out`), and for the database the live slowdowns of its queries.
fn trouble(
    trace: &Trace,
    dependency: Dependency,
    (from, to): (u32, u32),
    host: &str,
    out: &mut Vec<LogLine>,
) -> Vec<Trouble> {
    let mut open: Option<(u32, f32, f32, f32)> = None;
    let mut windows = Vec::new();
    for e in trace.events.iter() {
        match e.kind {
            EventKind::DependencyTrouble {
                dependency: d,
                latency_ms,
                failing_pct,
                used_pct,
            } if Dependency::Named(d) == dependency => {
                open = Some((e.tick, latency_ms, failing_pct, used_pct));
            }
            EventKind::DependencyRecovered { dependency: d }
                if Dependency::Named(d) == dependency =>
            {
                if let Some(t) = open.take() {
                    windows.push((t, e.tick));
                }
                if (from..=to).contains(&e.tick) {
                    let text = "latency and errors back to normal".into();
                    out.push(line(e.tick, host.to_string(), "INFO", text));
                }
            }
            _ => {}
        }
    }
    windows.extend(open.map(|t| (t, u32::MAX)));
    if dependency == Dependency::Database {
        for (fault, multiplier, query_ms) in &trace.voice.db_slowdowns {
            for (start, end) in live_windows(trace, *fault) {
                windows.push(((start, (query_ms * multiplier) as f32, 0.0, 0.0), end));
            }
        }
    }
    windows
}

/// What a dependency of `class` logs in a minute of trouble.
fn trouble_says(
    class: DependencyClass,
    latency_ms: f32,
    failing_pct: f32,
    used_pct: f32,
) -> (&'static str, String) {
    use DependencyClass as C;
    let text = match class {
        C::Database if used_pct >= 99.0 => "FATAL:  remaining connection slots are reserved for non-replication superuser connections".to_string(),
        C::Database => format!("duration: {latency_ms:.1} ms  statement: SELECT id, status FROM orders WHERE ..."),
        C::Cache => format!("slow lookups ({latency_ms:.0} ms); {used_pct:.0}% of lookups missing, clients reading through to the backend"),
        C::Http if failing_pct > 50.0 => "upstream timed out (110: Connection timed out) while reading response header".to_string(),
        C::Http => format!("GET /v1/items 503 after {latency_ms:.0}ms ({failing_pct:.0}% of calls failing)"),
    };
    let level = if class == C::Database && used_pct < 99.0 {
        "LOG"
    } else {
        "ERROR"
    };
    (level, text)
}
