//! A restore that the run's own deploy interrupted. The team's fix and its rollback restart every
//! server at once: a spell under the SLO that such a deploy cut short before it had lasted the
//! restore window still stopped the bleeding, when service came back within the window and held
//! the rest of it. The minutes the deploy took it down count neither for it nor against it; the
//! harm they did is in the harm line.

use crate::scenario::Scenario;
use crate::sim::{EventKind, Trace};

/// Ticks of the deploys the response made (a fix, a rollback): every deploy but the release a
/// fault brings in, which lands at the tick the fault starts.
fn own_deploys(scenario: &Scenario, trace: &Trace) -> Vec<u32> {
    let faults = &scenario.config.faults;
    let release_fault_at = |tick: u32| {
        trace.events.between(tick, tick).any(|e| match e.kind {
            EventKind::FaultStarted { fault } => faults
                .get(fault as usize)
                .is_some_and(|f| f.kind.deploy().is_some()),
            _ => false,
        })
    };
    trace
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Deploy { .. }))
        .map(|e| e.tick)
        .filter(|tick| !release_fault_at(*tick))
        .collect()
}

/// A spell under the SLO being counted: when it began, how long it has held, the scrape it was
/// last seen within at, and since when one of the run's own deploys has had it down.
struct Spell {
    start: u32,
    held: u32,
    last: u32,
    down_since: Option<u32>,
    bridged: bool,
}

/// The start of the first spell from `from` on that held the restore window only by bridging a
/// deploy of the run's own (see the module's note); None when the first spell to hold did so
/// without one (the outage's own restore says when), or none held.
pub fn held_through_own_deploy(
    scenario: &Scenario,
    trace: &Trace,
    scrapes: impl Iterator<Item = (u32, bool)>,
    from: u32,
) -> Option<u32> {
    let window = scenario.config.slo.restore_window_s;
    let deploys = own_deploys(scenario, trace);
    if !deploys.iter().any(|d| *d >= from) {
        return None;
    }
    let mut spell: Option<Spell> = None;
    for (tick, within) in scrapes.filter(|(t, _)| *t >= from) {
        match (within, spell.as_mut()) {
            (true, None) => {
                spell = Some(Spell {
                    start: tick,
                    held: 0,
                    last: tick,
                    down_since: None,
                    bridged: false,
                })
            }
            (true, Some(s)) => {
                if s.down_since.take().is_none() {
                    s.held += tick - s.last;
                }
                s.last = tick;
                if s.held >= window {
                    return s.bridged.then_some(s.start);
                }
            }
            (false, Some(s)) => match s.down_since {
                Some(down) if tick - down <= window => {}
                Some(_) => spell = None,
                None => match deploys.iter().find(|d| (s.last..=tick).contains(*d)) {
                    Some(deploy) => {
                        s.down_since = Some(*deploy);
                        s.bridged = true;
                    }
                    None => spell = None,
                },
            },
            (false, None) => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::library;
    use crate::sim::run_scripted;

    #[test]
    fn the_release_a_fault_brings_is_not_the_runs_own_deploy() {
        let s = library::builtin("first-shift").expect("built-in");
        let (trace, _) = run_scripted(s.config.clone(), s.seed, &s.reference_actions());
        let all: Vec<String> = trace
            .events
            .iter()
            .filter(|e| matches!(e.kind, EventKind::Deploy { .. }))
            .map(|e| s.hhmm(e.tick))
            .collect();
        // The broken release at 16:05, then the team's rollback (asked for at 16:13).
        assert_eq!(all, ["16:05", "16:21"]);
        let own: Vec<String> = own_deploys(&s, &trace).iter().map(|t| s.hhmm(*t)).collect();
        assert_eq!(own, ["16:21"]);
    }
}
