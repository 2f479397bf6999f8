//! Alert rules: a threshold on a fleet metric that must hold for a while before the alert fires.

use super::config::{AlertRule, Comparison};
use super::events::{EventKind, EventLog};

#[derive(Clone, Debug, Default)]
pub struct AlertState {
    pending_since: Vec<Option<u32>>,
    firing: Vec<bool>,
}

impl AlertState {
    pub fn new(rules: &[AlertRule]) -> AlertState {
        AlertState {
            pending_since: vec![None; rules.len()],
            firing: vec![false; rules.len()],
        }
    }

    pub fn firing(&self, rule: usize) -> bool {
        self.firing[rule]
    }

    /// Evaluates every rule against this scrape's fleet values (indexed by `Metric::index`).
    pub fn evaluate(&mut self, rules: &[AlertRule], tick: u32, values: &[f32], log: &mut EventLog) {
        for (i, rule) in rules.iter().enumerate() {
            let value = values[rule.metric.index()];
            let breached = match rule.comparison {
                Comparison::Above => f64::from(value) > rule.threshold,
                Comparison::Below => f64::from(value) < rule.threshold,
            };
            let rule_id = i as u32;
            if !breached {
                self.pending_since[i] = None;
                if self.firing[i] {
                    self.firing[i] = false;
                    log.push(
                        tick,
                        EventKind::AlertResolved {
                            rule: rule_id,
                            value,
                        },
                    );
                }
                continue;
            }
            let since = *self.pending_since[i].get_or_insert(tick);
            if !self.firing[i] && tick - since >= rule.for_s {
                self.firing[i] = true;
                log.push(
                    tick,
                    EventKind::AlertFired {
                        rule: rule_id,
                        value,
                    },
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Metric;

    fn rule() -> AlertRule {
        AlertRule {
            id: "errors".into(),
            title: "Errors".into(),
            metric: Metric::ErrorRatePct,
            comparison: Comparison::Above,
            threshold: 5.0,
            for_s: 60,
            severity: "page".into(),
            delivered: true,
        }
    }

    #[test]
    fn fires_after_the_for_duration_and_resolves() {
        let rules = [rule()];
        let mut state = AlertState::new(&rules);
        let mut log = EventLog::default();
        let mut values = vec![0.0f32; Metric::ALL.len()];
        values[Metric::ErrorRatePct.index()] = 9.0;
        for tick in (0..=50).step_by(10) {
            state.evaluate(&rules, tick, &values, &mut log);
        }
        assert!(!state.firing(0), "fired before 60 s");
        state.evaluate(&rules, 60, &values, &mut log);
        assert!(state.firing(0));
        values[Metric::ErrorRatePct.index()] = 1.0;
        state.evaluate(&rules, 70, &values, &mut log);
        assert!(!state.firing(0));
        let kinds: Vec<_> = log.iter().map(|e| (e.tick, e.kind.clone())).collect();
        assert_eq!(
            kinds,
            vec![
                (
                    60,
                    EventKind::AlertFired {
                        rule: 0,
                        value: 9.0
                    }
                ),
                (
                    70,
                    EventKind::AlertResolved {
                        rule: 0,
                        value: 1.0
                    }
                )
            ]
        );
    }
}
