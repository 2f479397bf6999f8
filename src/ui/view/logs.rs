//! The log panel's tail: the lines of a window, filtered by host, level and a search, newest
//! last and bounded. Pure, so it is tested natively.

use crate::scenario::Scenario;
use crate::sim::{logs, Simulation};

/// The windows a reader can pick, in minutes.
pub const WINDOWS_MIN: [u32; 4] = [5, 10, 30, 60];
/// The levels a reader can pick: all of them (empty), or any level a line can have.
pub fn levels() -> impl Iterator<Item = &'static str> {
    std::iter::once("").chain(logs::LEVELS)
}
/// Most lines shown at once.
pub const SHOWN: usize = 80;

/// What the reader chose to see.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogFilter {
    pub window_min: u32,
    /// A host's name; empty for all hosts.
    pub host: String,
    /// A level; empty for all levels.
    pub level: String,
    /// Text a line must contain, any case; empty for every line.
    pub query: String,
}

impl Default for LogFilter {
    fn default() -> LogFilter {
        LogFilter {
            window_min: 10,
            host: String::new(),
            level: String::new(),
            query: String::new(),
        }
    }
}

/// The lines to show now, formatted, the newest [`SHOWN`] of those the filter lets through.
pub fn tail(scenario: &Scenario, sim: &Simulation, filter: &LogFilter) -> Vec<String> {
    let to = sim.tick();
    let from = to.saturating_sub(filter.window_min * 60);
    let only = sim.fleet().find(&filter.host);
    let q = filter.query.to_lowercase();
    let start = scenario.clock.start_s_of_day;
    let mut lines: Vec<String> = logs::render(sim.trace(), from, to, only)
        .into_iter()
        .filter(|l| filter.level.is_empty() || l.level == filter.level.as_str())
        .map(|l| l.format(start))
        .filter(|l| q.is_empty() || l.to_lowercase().contains(&q))
        .collect();
    let cut = lines.len().saturating_sub(SHOWN);
    lines.drain(..cut);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::library;

    #[test]
    fn the_tail_is_bounded_and_filtered() {
        let s = library::builtin("ecommerce-memory-leak").unwrap();
        let mut sim = Simulation::new(s.config.clone(), s.seed);
        while sim.tick() < 3_600 {
            sim.step();
        }
        let all = tail(&s, &sim, &LogFilter::default());
        assert!(!all.is_empty() && all.len() <= SHOWN, "{}", all.len());
        let host = sim.fleet().name(0).to_string();
        let one = LogFilter {
            window_min: 60,
            host: host.clone(),
            ..LogFilter::default()
        };
        let lines = tail(&s, &sim, &one);
        assert!(lines.iter().all(|l| l.contains(&host)), "{lines:?}");
        let nothing = LogFilter {
            query: "no line says this".into(),
            ..LogFilter::default()
        };
        assert!(tail(&s, &sim, &nothing).is_empty());
        let errors = LogFilter {
            level: "ERROR".into(),
            window_min: 60,
            ..LogFilter::default()
        };
        assert!(tail(&s, &sim, &errors).iter().all(|l| l.contains("ERROR")));
        // Every level a line can have can be picked, DEBUG too, most severe first.
        let debug = LogFilter {
            level: "DEBUG".into(),
            window_min: 60,
            ..LogFilter::default()
        };
        let lines = tail(&s, &sim, &debug);
        assert!(!lines.is_empty() && lines.iter().all(|l| l.contains("DEBUG")));
        let offered: Vec<&str> = levels().collect();
        assert_eq!(offered[..5], ["", "ERROR", "WARN", "INFO", "DEBUG"]);
        assert!(crate::sim::logs::LEVELS.iter().all(|l| offered.contains(l)));
    }
}
