//! What the app servers log when a dependency of the scenario's own fails them: their failed
//! calls, naming what they called and where, a couple of times a minute while it lasts.

use super::super::config::Dependency;
use super::super::rng::mix64;
use super::super::simulation::Trace;
use super::dependencies::trouble;
use super::service::serving;
use super::{line, LogLine};

/// A dependency failing fewer of its calls than this leaves the servers' logs alone.
const LOGGED_FROM_PCT: f32 = 5.0;

/// The servers' lines about failed calls between `from` and `to` (`only`: one server's).
pub(super) fn caller_lines(
    trace: &Trace,
    from: u32,
    to: u32,
    only: Option<u32>,
    out: &mut Vec<LogLine>,
) {
    let servers = super::servers_read(trace, only);
    let named = trace.voice.dependencies.iter().skip(1).zip(0u32..);
    for ((name, host, _), index) in named {
        let mut recoveries = Vec::new();
        let windows = trouble(
            trace,
            Dependency::Named(index),
            (from, to),
            host,
            &mut recoveries,
        );
        for w in windows
            .iter()
            .filter(|w| w.refusing.is_some() || w.failing_pct >= LOGGED_FROM_PCT)
        {
            let text = match w.refusing {
                // A refused connection names where it was made, not what listens there.
                Some(_) => format!(
                    "could not connect to {host}: server closed the connection unexpectedly"
                ),
                None => format!(
                    "call to {name} at {host} failed ({:.0}% of calls failing)",
                    w.failing_pct
                ),
            };
            let (start, end) = (from.max(w.from), to.min(w.to));
            for minute in start / 60..=end / 60 {
                for &server in &servers {
                    let r = mix64(
                        trace.seed
                            ^ (u64::from(index) << 44)
                            ^ (u64::from(minute) << 20)
                            ^ u64::from(server),
                    );
                    let tick = minute * 60 + (r % 60) as u32;
                    if tick < start || tick > end || !serving(trace, server, tick) {
                        continue;
                    }
                    out.push(line(tick, trace.series.host(server), "ERROR", text.clone()));
                }
            }
        }
    }
}
