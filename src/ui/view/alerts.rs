//! Alerts as the alerts panel lists them: each firing with when it started and, if it did, when it
//! resolved. Newest first.

use crate::scenario::Scenario;
use crate::sim::{EventKind, Trace};

#[derive(Clone, Debug, PartialEq)]
pub struct AlertItem {
    pub rule: u32,
    pub title: String,
    pub severity: String,
    pub fired_at: u32,
    pub resolved_at: Option<u32>,
    /// The metric's value when it fired.
    pub value: f32,
}

impl AlertItem {
    /// Identifies one firing, for acknowledgements.
    pub fn key(&self) -> (u32, u32) {
        (self.rule, self.fired_at)
    }

    pub fn firing(&self) -> bool {
        self.resolved_at.is_none()
    }
}

pub fn alerts(scenario: &Scenario, trace: &Trace) -> Vec<AlertItem> {
    let mut out: Vec<AlertItem> = Vec::new();
    for e in trace.events.iter() {
        match &e.kind {
            EventKind::AlertFired { rule, value } => {
                let Some(r) = scenario.config.alerts.get(*rule as usize) else {
                    continue;
                };
                if !r.delivered {
                    continue; // it reached nobody: the trainee does not see it either
                }
                out.push(AlertItem {
                    rule: *rule,
                    title: r.title.clone(),
                    severity: r.severity.clone(),
                    fired_at: e.tick,
                    resolved_at: None,
                    value: *value,
                });
            }
            EventKind::AlertResolved { rule, .. } => {
                if let Some(open) = out
                    .iter_mut()
                    .rev()
                    .find(|a| a.rule == *rule && a.resolved_at.is_none())
                {
                    open.resolved_at = Some(e.tick);
                }
            }
            _ => {}
        }
    }
    out.reverse();
    out
}

/// The reports that reached the team by `tick` (the scenario's injects): (when, what), newest
/// first.
pub fn messages(scenario: &Scenario, tick: u32) -> Vec<(u32, String)> {
    let mut out: Vec<(u32, String)> = scenario
        .injects()
        .filter(|r| r.tick <= tick)
        .map(|r| (r.tick, r.note.clone()))
        .collect();
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::library;
    use crate::sim::run_scripted;

    #[test]
    fn the_page_fires_at_half_past_two_and_the_fix_resolves_it() {
        let s = library::builtin("ecommerce-memory-leak").unwrap();
        let (trace, _) = run_scripted(s.config.clone(), s.seed, &s.reference_actions());
        let list = alerts(&s, &trace);
        let first_page = list
            .iter()
            .filter(|a| a.severity == "page")
            .min_by_key(|a| a.fired_at)
            .unwrap();
        assert_eq!(s.hhmm(first_page.fired_at), "14:30");
        assert!(list.iter().all(|a| !a.firing()), "all resolved by 18:00");
        assert!(
            list.windows(2).all(|w| w[0].fired_at >= w[1].fired_at),
            "newest first"
        );
    }

    #[test]
    fn an_inject_shows_from_its_time_on() {
        let mut s = library::builtin("ecommerce-memory-leak").unwrap();
        let at = s.reference[0].tick;
        s.reference[0].inject = true;
        assert!(messages(&s, at.saturating_sub(1)).is_empty() || at == 0);
        assert_eq!(messages(&s, at), vec![(at, s.reference[0].note.clone())]);
    }

    #[test]
    fn an_alert_that_reaches_nobody_is_not_shown() {
        let mut s = library::builtin("ecommerce-memory-leak").unwrap();
        s.config.alerts[0].delivered = false;
        let (trace, _) = run_scripted(s.config.clone(), s.seed, &[]);
        let list = alerts(&s, &trace);
        assert!(!list.is_empty());
        assert!(
            list.iter().all(|a| a.rule != 0),
            "the muted page never shows"
        );
    }
}
