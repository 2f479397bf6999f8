//! What a dependency's host logs: its trouble from inside, minute by minute while it lasts, and
//! its everyday chatter by kind.

use super::super::config::{Dependency, DependencyClass, LimitKind};
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
        DependencyClass::Proxy => [
            (
                "LOG",
                "stats: 412 xacts/s, 1630 queries/s, in 402114 B/s, out 1203958 B/s",
            ),
            ("LOG", "new connection to server (from 10.0.3.17:43512)"),
            ("LOG", "closing because: client close request (age=61s)"),
        ],
    }
}

/// Back to normal for less than this is not yet recovered, in the logs.
const SETTLED_S: u32 = 120;

/// A stretch of trouble: from when to when (open when it never recovered), at what latency,
/// share of calls failing and share used, and the limit refusing connections if one was.
pub(super) struct Trouble {
    pub from: u32,
    pub to: u32,
    latency_ms: f32,
    pub failing_pct: f32,
    used_pct: f32,
    pub refusing: Option<LimitKind>,
}

/// The log lines of the host `dependency` runs on between `from` and `to`: its own, and those of
/// any other dependency on the same host, interleaved.
pub fn render_host(trace: &Trace, from: u32, to: u32, dependency: Dependency) -> Vec<LogLine> {
    let all = &trace.voice.dependencies;
    let host = |d: Dependency| {
        match d {
            Dependency::Named(i) => all.get(i as usize + 1),
            _ => all.first(),
        }
        .map(|(_, host, _)| host)
    };
    let here = host(dependency);
    let others: Vec<Dependency> = std::iter::once(Dependency::Database)
        .chain((0..all.len().saturating_sub(1) as u32).map(Dependency::Named))
        .filter(|d| *d != dependency && host(*d) == here)
        .collect();
    let mut out = render_dependency(trace, from, to, dependency);
    if others.is_empty() {
        return out;
    }
    for other in others {
        out.extend(render_dependency(trace, from, to, other));
    }
    out.sort_by_key(|l| l.tick);
    newest(out)
}

/// The log lines of a dependency's host between `from` and `to`: what its trouble looked like
/// from inside, and its everyday chatter.
fn render_dependency(trace: &Trace, from: u32, to: u32, dependency: Dependency) -> Vec<LogLine> {
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
    let setting = index
        .checked_sub(1)
        .and_then(|i| trace.voice.connection_settings.get(i));
    for stretch in &windows {
        let (start, end) = (from.max(stretch.from), to.min(stretch.to));
        for minute in start / 60..=end / 60 {
            let tick = minute * 60 + (mix64(trace.seed ^ u64::from(minute)) % 60) as u32;
            if tick < start || tick > end {
                continue;
            }
            let (level, text) = match stretch.refusing {
                Some(limit) => refused_says(limit, setting.map_or("", String::as_str)),
                None => trouble_says(class, stretch),
            };
            out.push(line(tick, host.clone(), level, text));
        }
    }
    // Everyday chatter, a line every couple of minutes.
    let troubled = |tick: u32| windows.iter().any(|w| w.from <= tick && tick <= w.to);
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
pub(super) fn trouble(
    trace: &Trace,
    dependency: Dependency,
    (from, to): (u32, u32),
    host: &str,
    out: &mut Vec<LogLine>,
) -> Vec<Trouble> {
    let mut open: Option<Trouble> = None;
    let mut windows = Vec::new();
    for e in trace.events.iter() {
        match e.kind {
            EventKind::DependencyTrouble {
                dependency: d,
                latency_ms,
                failing_pct,
                used_pct,
                refusing,
            } if Dependency::Named(d) == dependency => {
                windows.extend(open.take().map(|t| Trouble { to: e.tick, ..t }));
                open = Some(Trouble {
                    from: e.tick,
                    to: u32::MAX,
                    latency_ms,
                    failing_pct,
                    used_pct,
                    refusing,
                });
            }
            EventKind::DependencyRecovered { dependency: d }
                if Dependency::Named(d) == dependency =>
            {
                windows.extend(open.take().map(|t| Trouble { to: e.tick, ..t }));
            }
            _ => {}
        }
    }
    windows.extend(open);
    // Trouble that is back within a couple of minutes never recovered (a limit hovered at).
    let mut merged: Vec<Trouble> = Vec::with_capacity(windows.len());
    for w in windows {
        match merged.last_mut() {
            Some(last) if w.from.saturating_sub(last.to) < SETTLED_S => last.to = w.to,
            _ => merged.push(w),
        }
    }
    let mut windows = merged;
    for w in windows.iter().filter(|w| (from..=to).contains(&w.to)) {
        let text = "latency and errors back to normal".into();
        out.push(line(w.to, host.to_string(), "INFO", text));
    }
    if dependency == Dependency::Database {
        for (fault, multiplier, query_ms) in &trace.voice.db_slowdowns {
            for (start, end) in live_windows(trace, *fault) {
                windows.push(Trouble {
                    from: start,
                    to: end,
                    latency_ms: (query_ms * multiplier) as f32,
                    failing_pct: 0.0,
                    used_pct: 0.0,
                    refusing: None,
                });
            }
        }
    }
    windows
}

/// What a dependency of `class` logs in a minute of trouble.
fn trouble_says(class: DependencyClass, stretch: &Trouble) -> (&'static str, String) {
    use DependencyClass as C;
    let (latency_ms, failing_pct, used_pct) =
        (stretch.latency_ms, stretch.failing_pct, stretch.used_pct);
    let text = match class {
        C::Database if used_pct >= 99.0 => "FATAL:  remaining connection slots are reserved for non-replication superuser connections".to_string(),
        C::Database => format!("duration: {latency_ms:.1} ms  statement: SELECT id, status FROM orders WHERE ..."),
        C::Cache => format!("slow lookups ({latency_ms:.0} ms); {used_pct:.0}% of lookups missing, clients reading through to the backend"),
        C::Http if failing_pct > 50.0 => "upstream timed out (110: Connection timed out) while reading response header".to_string(),
        C::Http => format!("GET /v1/items 503 after {latency_ms:.0}ms ({failing_pct:.0}% of calls failing)"),
        C::Proxy if failing_pct > 50.0 => "upstream connect error or disconnect/reset before headers".to_string(),
        C::Proxy => format!("forwarding slowly ({latency_ms:.0} ms); {failing_pct:.0}% of calls failing"),
    };
    let level = if class == C::Database && used_pct < 99.0 {
        "LOG"
    } else {
        "ERROR"
    };
    (level, text)
}

/// What a process logs while a limit refuses its connections (`setting`: what its config calls
/// its cap on them).
fn refused_says(limit: LimitKind, setting: &str) -> (&'static str, String) {
    let text = match limit {
        LimitKind::OpenFiles => "accept() failed: Too many open files".to_string(),
        LimitKind::MaxConnections if setting.is_empty() => {
            "no more connections allowed: connection limit reached".to_string()
        }
        LimitKind::MaxConnections => format!("no more connections allowed ({setting})"),
    };
    ("ERROR", text)
}
