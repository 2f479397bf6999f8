//! Log lines, generated on demand from the trace (never formatted while simulating): what the
//! events say, what the metrics imply, and seeded background chatter.

mod callers;
mod chatter;
mod dependencies;
mod service;

pub use dependencies::render_host;

use super::clock::hhmmss;
use super::config::Setting;
use super::events::{EventKind, EventLog};
use super::metrics::Metric;
use super::simulation::Trace;
use super::template::Live;

/// Most lines one read returns (the newest ones).
pub const MAX_LINES: usize = 200;

/// The levels a log line can have: the usual four most severe first, then the kernel's and the
/// database's own (the order the log panel offers them in).
pub const LEVELS: [&str; 6] = ["ERROR", "WARN", "INFO", "DEBUG", "KERN", "LOG"];

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

pub(super) fn line(tick: u32, host: String, level: &'static str, text: String) -> LogLine {
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

/// The log lines between `from` and `to`, oldest first, at most [`MAX_LINES`] (the newest).
pub fn render(trace: &Trace, from: u32, to: u32, only: Option<u32>) -> Vec<LogLine> {
    let mut out = Vec::new();
    service::event_lines(trace, from, to, only, &mut out);
    service::metric_lines(trace, from, to, only, &mut out);
    service::request_error_lines(trace, from, to, only, &mut out);
    callers::caller_lines(trace, from, to, only, &mut out);
    chatter::background_lines(trace, from, to, only, &mut out);
    out.sort_by(|a, b| a.tick.cmp(&b.tick).then_with(|| a.host.cmp(&b.host)));
    newest(out)
}

/// The servers a read covers: one, or the first few (a read of every host samples them).
pub(super) fn servers_read(trace: &Trace, only: Option<u32>) -> Vec<u32> {
    match only {
        Some(server) => vec![server],
        None => (0..trace.series.servers.min(8)).collect(),
    }
}

/// The newest [`MAX_LINES`] of lines sorted oldest first.
fn newest(mut lines: Vec<LogLine>) -> Vec<LogLine> {
    let skip = lines.len().saturating_sub(MAX_LINES);
    lines.split_off(skip)
}

/// When a fault was live in the run: from each start or return to its pause, cure or end.
pub(super) fn live_windows(trace: &Trace, fault: u32) -> Vec<(u32, u32)> {
    trace.events.on_windows(fault)
}

/// The world as a templated log line reads it: when and where it is logged.
pub(super) struct Logged<'a> {
    pub trace: &'a Trace,
    pub tick: u32,
    pub host: String,
}

impl Live for Logged<'_> {
    fn tick(&self) -> u32 {
        self.tick
    }
    fn start_s_of_day(&self) -> u32 {
        self.trace.voice.start_s_of_day
    }
    fn host(&self) -> &str {
        &self.host
    }
    fn metric(&self, metric: Metric) -> Option<f64> {
        let series = &self.trace.series;
        let i = series.scrape_at(self.tick)?;
        series.fleet(metric).get(i).copied().map(f64::from)
    }
    fn setting(&self, setting: Setting) -> f64 {
        let changed = self
            .trace
            .events
            .between(0, self.tick)
            .filter_map(|e| match e.kind {
                EventKind::SettingChanged { setting: s, value } if s == setting => {
                    Some(f64::from(value))
                }
                _ => None,
            });
        changed.last().unwrap_or_else(|| {
            let initial = self
                .trace
                .voice
                .settings
                .iter()
                .find(|(s, _)| *s == setting);
            initial.map_or(0.0, |(_, v)| *v)
        })
    }
    fn events(&self) -> &EventLog {
        &self.trace.events
    }
}
