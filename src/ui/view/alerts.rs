//! Alerts as the alerts panel lists them: each firing with when it started and, if it did, when it
//! resolved. Newest first.

use crate::record::Delivered;
use crate::scenario::Scenario;
use crate::sim::{EventKind, Trace};

/// A message that reached the room: a report from the scenario's timeline, or an inject the
/// facilitator sent.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub tick: u32,
    /// The badge: `MESSAGE`, `CUSTOMER`, `ALERT`.
    pub badge: &'static str,
    /// Who it is from, when the scenario says.
    pub from: Option<String>,
    pub text: String,
}

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

/// What reached the room by `tick`, newest first: the reports of the scenario's timeline
/// (`inject = true`, on their own) and the injects the facilitator sent (`sent`; ids the scenario
/// does not list are left out).
pub fn messages(scenario: &Scenario, sent: &[Delivered], tick: u32) -> Vec<Message> {
    let reports = scenario
        .injects()
        .filter(|r| r.tick <= tick)
        .map(|r| Message {
            tick: r.tick,
            badge: "MESSAGE",
            from: None,
            text: r.note.clone(),
        });
    let injects = sent.iter().filter(|d| d.tick <= tick).filter_map(|d| {
        let inject = scenario.planned(&d.inject)?;
        Some(Message {
            tick: d.tick,
            badge: inject.kind.badge(),
            from: Some(inject.from.clone()),
            text: inject.text.clone(),
        })
    });
    let mut out: Vec<Message> = reports.chain(injects).collect();
    // Stable: at the same tick the timeline's report comes before the facilitator's.
    out.sort_by_key(|m| m.tick);
    out.reverse();
    out
}

/// How the live region announces an inject that reached the room.
pub fn announce(message: &Message) -> String {
    match &message.from {
        Some(from) => format!("Message from {from}: {}", message.text),
        None => format!("Message: {}", message.text),
    }
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
        assert!(messages(&s, &[], at.saturating_sub(1)).is_empty() || at == 0);
        let shown = messages(&s, &[], at);
        assert_eq!(shown.len(), 1);
        assert_eq!((shown[0].tick, &shown[0].text), (at, &s.reference[0].note));
    }

    #[test]
    fn a_sent_inject_shows_from_when_it_was_sent_with_who_it_is_from() {
        let s = library::builtin("ecommerce-memory-leak").unwrap();
        let sent = [
            Delivered {
                tick: 600,
                inject: "support_tickets".into(),
            },
            Delivered {
                tick: 900,
                inject: "no_such_inject".into(),
            },
            Delivered {
                tick: 1200,
                inject: "heap_warning".into(),
            },
        ];
        assert!(messages(&s, &sent, 599).is_empty());
        let at_1000 = messages(&s, &sent, 1000);
        assert_eq!(at_1000.len(), 1, "unknown ids are left out");
        assert_eq!(at_1000[0].from.as_deref(), Some("Customer support lead"));
        assert_eq!(at_1000[0].badge, "CUSTOMER");
        let later = messages(&s, &sent, 1200);
        assert_eq!(later[0].badge, "ALERT", "newest first");
        assert!(
            announce(&later[0]).starts_with("Message from Application monitoring (APM): WARNING")
        );
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
