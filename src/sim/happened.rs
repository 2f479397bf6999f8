//! What happened in a stretch of a run, read off the trace once, so a page that paces the world
//! can announce it without picking through the event list itself.

use super::events::EventKind;
use super::simulation::Trace;

/// A point in a run to look back from: how far its trace had got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    tick: u32,
    events: usize,
}

/// What happened between a [`Mark`] and now.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Happened {
    /// Alert rules that fired, by index into the config's alerts, in the order they fired.
    pub alerts_fired: Vec<u32>,
    /// Findings whose result landed, by index into the trace's findings, in trace order.
    pub findings_ready: Vec<usize>,
    /// When service came back, if it did.
    pub restored_at: Option<u32>,
}

impl Trace {
    /// Where the run stands now, to ask later what happened since.
    pub fn mark(&self) -> Mark {
        Mark {
            tick: self.ticks,
            events: self.events.events.len(),
        }
    }

    /// What happened since `mark` (taken on this trace).
    pub fn since(&self, mark: Mark) -> Happened {
        let events = &self.events.events;
        let mut happened = Happened::default();
        for e in &events[mark.events.min(events.len())..] {
            match e.kind {
                EventKind::AlertFired { rule, .. } => happened.alerts_fired.push(rule),
                EventKind::Restored { .. } => happened.restored_at = Some(e.tick),
                _ => {}
            }
        }
        happened.findings_ready = self
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.ready_at > mark.tick && f.ready_at <= self.ticks)
            .map(|(i, _)| i)
            .collect();
        happened
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_came_after_the_mark_counts() {
        let mut trace = Trace::default();
        trace.events.push(
            0,
            EventKind::AlertFired {
                rule: 0,
                value: 1.0,
            },
        );
        let mark = trace.mark();
        trace.events.push(
            3,
            EventKind::AlertFired {
                rule: 2,
                value: 1.0,
            },
        );
        trace.events.push(4, EventKind::Restored { since: 1 });
        trace.ticks = 5;
        let happened = trace.since(mark);
        assert_eq!(happened.alerts_fired, [2]);
        assert_eq!(happened.restored_at, Some(4));
        assert!(happened.findings_ready.is_empty());
    }
}
