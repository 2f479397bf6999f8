//! The facilitator's copy of the room's run. Each state the room sends is followed by
//! re-simulation: when it only moved on (the same run, later, with more actions), the copy steps
//! on and takes the new actions at their ticks; otherwise (a window opened late, a new run, the
//! clock rewound) it is rebuilt from the start with `Session::replay`. Either way it is the
//! room's run exactly, because the run is deterministic.

use std::rc::Rc;

use crate::record::{hex, RunAction};
use crate::scenario::Scenario;
use crate::sim::ActionError;
use crate::ui::session::Session;

use super::RunState;

/// The room's run, rebuilt in the facilitator's window.
pub struct Replica {
    pub session: Session,
    pub run: RunState,
}

/// Why the room's run could not be rebuilt here.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ReplicaError {
    #[error("the room plays \"{title}\" ({id}), which this window does not have yet")]
    NoScenario { id: String, title: String },
    #[error("the room's run does not replay here ({0})")]
    DoesNotReplay(ActionError),
}

/// The scenario a state names, among those this window knows (id and content hash must match).
pub fn scenario_for(run: &RunState, known: &[Rc<Scenario>]) -> Result<Rc<Scenario>, ReplicaError> {
    known
        .iter()
        .find(|s| s.meta.id == run.scenario.id && hex(s.content_hash) == run.scenario.content_hash)
        .cloned()
        .ok_or_else(|| ReplicaError::NoScenario {
            id: run.scenario.id.clone(),
            title: run.scenario.title.clone(),
        })
}

impl Replica {
    /// The copy after the room's new state: `previous` stepped on when it can be, else rebuilt.
    pub fn follow(
        previous: Option<Replica>,
        run: RunState,
        scenario: Rc<Scenario>,
    ) -> Result<Replica, ReplicaError> {
        let stepped = previous
            .filter(|p| p.continues_to(&run, &scenario))
            .and_then(|p| p.step_on(&run).ok());
        let mut session = match stepped {
            Some(session) => session,
            None => {
                let actions: Vec<_> = run.actions.iter().map(RunAction::scheduled).collect();
                Session::replay(scenario, run.seed, &actions, run.tick)
                    .map_err(ReplicaError::DoesNotReplay)?
            }
        };
        session.set_injects(&run.injects);
        session.people.roles = run.roles.clone();
        Ok(Replica { session, run })
    }

    /// Whether `next` is this run moved on: same scenario and seed, not earlier, its first
    /// actions the ones already taken.
    fn continues_to(&self, next: &RunState, scenario: &Rc<Scenario>) -> bool {
        let had = &self.run.actions;
        Rc::ptr_eq(&self.session.scenario, scenario)
            && self.run.seed == next.seed
            && next.tick >= self.session.tick()
            && next.actions.len() >= had.len()
            && next.actions[..had.len()] == had[..]
            && next.actions[had.len()..]
                .iter()
                .all(|a| a.tick >= self.session.tick())
    }

    /// Steps the copy on to `next`, taking its new actions at their ticks.
    fn step_on(mut self, next: &RunState) -> Result<Session, ActionError> {
        for new in &next.actions[self.run.actions.len()..] {
            let due = new.scheduled();
            while self.session.tick() < due.tick && self.session.ending().is_none() {
                self.session.advance(due.tick - self.session.tick());
            }
            self.session.take(due.action)?;
        }
        if next.tick > self.session.tick() {
            self.session.advance(next.tick - self.session.tick());
        }
        Ok(self.session)
    }
}
