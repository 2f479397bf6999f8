//! Rewinding a kept run: the session at any tick, rebuilt by re-simulation. A rebuild starts from
//! the nearest snapshot before it (a session kept every ten simulated minutes, as a replay passes
//! them), so a scrub replays at most ten minutes however long the run.

use std::rc::Rc;

use super::Session;
use crate::record::Delivered;
use crate::scenario::Scenario;
use crate::sim::{ActionError, ActionKind, ScheduledAction};

/// Simulated seconds between snapshots.
pub const SNAPSHOT_EVERY_S: u32 = 600;

/// A kept run, ready to be shown at any tick up to its end.
pub struct Rewind {
    scenario: Rc<Scenario>,
    seed: u64,
    /// The run's actions, less its declaration: the timeline ends where the run ended, and the
    /// declaration would run the world on to the time limit.
    actions: Vec<ScheduledAction>,
    injects: Vec<Delivered>,
    end: u32,
    /// `snapshots[i]` is the session at tick `i * SNAPSHOT_EVERY_S`.
    snapshots: Vec<Session>,
}

/// What a kept run is made of, for [`Rewind::new`].
pub struct Kept<'a> {
    pub seed: u64,
    pub actions: &'a [ScheduledAction],
    pub injects: &'a [Delivered],
    /// The tick the run ended at.
    pub end: u32,
}

impl Rewind {
    pub fn new(scenario: Rc<Scenario>, run: &Kept) -> Rewind {
        let actions: Vec<ScheduledAction> = run
            .actions
            .iter()
            .filter(|a| a.action.kind != ActionKind::DeclareResolved)
            .cloned()
            .collect();
        let mut start = Session::new(Rc::clone(&scenario), run.seed);
        take_due(&mut start, &actions);
        Rewind {
            end: run.end.min(scenario.config.duration_s),
            scenario,
            seed: run.seed,
            actions,
            injects: run.injects.to_vec(),
            snapshots: vec![start],
        }
    }

    /// The last tick the timeline shows.
    pub fn end(&self) -> u32 {
        self.end
    }

    /// How many snapshots are kept so far.
    pub fn snapshots(&self) -> usize {
        self.snapshots.len()
    }

    /// The session at `tick` (at most the end): the actions up to it taken, the injects sent by
    /// then delivered.
    pub fn at(&mut self, tick: u32) -> Session {
        let tick = tick.min(self.end);
        let slot = (tick / SNAPSHOT_EVERY_S) as usize;
        let known = slot.min(self.snapshots.len() - 1);
        let mut session = self.snapshots[known].clone();
        for next in known + 1..=slot {
            self.forward(&mut session, next as u32 * SNAPSHOT_EVERY_S);
            self.snapshots.push(session.clone());
        }
        self.forward(&mut session, tick);
        session
    }

    /// Plays `session` on to `tick` (at most the end), taking the run's actions as their times
    /// come. An action today's world refuses (a run of another version) is passed over: the
    /// replay's verdict says so.
    pub fn forward(&self, session: &mut Session, tick: u32) {
        let to = tick.min(self.end);
        while session.tick() < to && session.ending().is_none() {
            let now = session.tick();
            let next = self
                .actions
                .iter()
                .map(|a| a.tick)
                .find(|t| *t > now)
                .unwrap_or(u32::MAX);
            session.advance(next.min(to) - now);
            if session.tick() == now {
                break;
            }
            take_due(session, &self.actions);
        }
        session.set_injects(&self.injects);
    }

    /// A new live attempt from `tick`: the run's actions before it, the same seed, the injects
    /// sent by then. The trainee carries on from there.
    pub fn branch(&self, tick: u32) -> Result<Session, ActionError> {
        let tick = tick.min(self.end);
        let before: Vec<ScheduledAction> = self
            .actions
            .iter()
            .filter(|a| a.tick < tick)
            .cloned()
            .collect();
        let mut session = Session::replay(Rc::clone(&self.scenario), self.seed, &before, tick)?;
        session.set_injects(&self.injects);
        Ok(session)
    }
}

/// Takes the actions due at the session's tick (a refusal is passed over, see `forward`).
fn take_due(session: &mut Session, actions: &[ScheduledAction]) {
    let now = session.tick();
    for due in actions.iter().filter(|a| a.tick == now) {
        let _ = session.take(due.action.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::library;
    use crate::sim::{trace_hash, Action};

    fn real_team() -> (Rc<Scenario>, Vec<ScheduledAction>) {
        let s = Rc::new(library::builtin("ecommerce-memory-leak").unwrap());
        let actions = s.reference_actions();
        (s, actions)
    }

    #[test]
    fn a_scrub_shows_what_a_replay_from_the_start_shows() {
        let (s, actions) = real_team();
        let mut rewind = Rewind::new(
            Rc::clone(&s),
            &Kept {
                seed: s.seed,
                actions: &actions,
                injects: &[],
                end: 9600,
            },
        );
        // Forward past snapshots, back, and forward again from one kept on the way.
        for tick in [3000, 9000, 600, 4620, 4621, 9600, 20_000] {
            let shown = rewind.at(tick);
            let due: Vec<_> = actions.iter().filter(|a| a.tick <= tick).cloned().collect();
            let from_start = Session::replay(Rc::clone(&s), s.seed, &due, tick.min(9600)).unwrap();
            assert_eq!(shown.tick(), tick.min(9600));
            assert_eq!(
                trace_hash(shown.sim().trace()),
                trace_hash(from_start.sim().trace()),
                "at tick {tick}"
            );
            assert_eq!(shown.actions(), from_start.actions());
        }
        assert_eq!(rewind.snapshots(), 17, "one every ten minutes to 16:40");
    }

    #[test]
    fn a_branch_keeps_what_came_before_and_plays_on_live() {
        let (s, actions) = real_team();
        let injects = [
            Delivered {
                tick: 1000,
                inject: "ceo".into(),
            },
            Delivered {
                tick: 4000,
                inject: "customer".into(),
            },
        ];
        let mut rewind = Rewind::new(
            Rc::clone(&s),
            &Kept {
                seed: s.seed,
                actions: &actions,
                injects: &injects,
                end: 9600,
            },
        );
        assert_eq!(rewind.at(900).injects(), &[]);
        assert_eq!(rewind.at(5000).injects(), &injects[..]);
        assert_eq!(
            rewind.at(1000).injects(),
            &injects[..1],
            "sent at the tick shown"
        );
        let mut branch = rewind.branch(3600).unwrap();
        assert_eq!(branch.tick(), 3600);
        let before: Vec<_> = actions.iter().filter(|a| a.tick < 3600).cloned().collect();
        assert_eq!(branch.actions(), &before[..]);
        assert_eq!(branch.injects(), &injects[..1]);
        branch.take(Action::new(ActionKind::ViewMemory)).unwrap();
        branch.advance(60);
        assert_eq!(branch.actions().len(), before.len() + 1);
        assert_eq!(branch.ending(), None);
    }
}
