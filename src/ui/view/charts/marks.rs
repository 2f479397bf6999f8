//! The actions on a chart: marks on the time axis (close ones collapsed), and the sentence that
//! names them all.

use crate::scenario::Scenario;
use crate::sim::ScheduledAction;
use crate::ui::chart::Mark;

/// Marks closer than this share of the time axis collapse into one ("3 actions").
pub const MARK_GAP_PARTS: u32 = 40;

/// A mark's label: short enough to stand along a chart's height (a cause's title is not).
fn mark_title(scenario: &Scenario, action: &crate::sim::Action) -> String {
    match action.kind {
        crate::sim::ActionKind::DeclareHypothesis => scenario.button_title(action),
        _ => scenario.action_title(action),
    }
}

/// The actions as marks on the time axis, named as the buttons are; actions within `gap_ticks`
/// of the previous one in a group join it, drawn once at the group's first with a count.
pub fn marks(scenario: &Scenario, actions: &[ScheduledAction], gap_ticks: u32) -> Vec<Mark> {
    let mut out: Vec<(Mark, u32, usize)> = Vec::new();
    for a in actions {
        match out.last_mut() {
            Some((mark, last, n)) if a.tick.saturating_sub(*last) < gap_ticks.max(1) => {
                *last = a.tick;
                *n += 1;
                mark.label = format!("{n} actions");
            }
            _ => out.push((
                Mark {
                    tick: a.tick,
                    label: mark_title(scenario, &a.action),
                },
                a.tick,
                1,
            )),
        }
    }
    out.into_iter().map(|(m, _, _)| m).collect()
}

/// The actions taken, for the chart's summary (the marks collapse close ones; this names all).
pub fn actions_summary(scenario: &Scenario, actions: &[ScheduledAction]) -> String {
    if actions.is_empty() {
        return String::new();
    }
    let items: Vec<String> = actions
        .iter()
        .map(|a| {
            format!(
                "{} {}",
                scenario.hhmm(a.tick),
                scenario.action_title(&a.action)
            )
        })
        .collect();
    format!(" Actions: {}.", items.join("; "))
}
