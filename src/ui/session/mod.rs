//! The running session: a scenario, its simulation and the actions the trainee took, each at the
//! tick it was taken. Everything a trainee does goes through here, so the run can be saved,
//! resumed, downloaded and replayed bit for bit. No browser types: tested natively.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::record::Delivered;
use crate::scenario::{script, Scenario};
use crate::score::{ghost, Debrief, Runs};
use crate::sim::{
    replay, trace_hash, Action, ActionError, ActionKind, Happened, Nothing, Replay,
    ScheduledAction, Simulation, Trace,
};

/// A finished session compared with the real team: the debrief and the ghost's trace (its charts
/// sit beside the trainee's).
pub struct Finished {
    pub debrief: Debrief,
    /// The trainee's whole run, to the time limit.
    pub run: Trace,
    pub ghost: Trace,
}

/// Why a session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// The trainee declared the incident resolved (whether it was is for the debrief to say).
    Declared { at: u32 },
    /// The scenario's time limit ran out.
    TimeUp,
    /// The trainee ended the session before either.
    Stopped { at: u32 },
}

/// What one call to [`Session::advance`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Advanced {
    pub ticks: u32,
    /// Scrapes that landed (charts and panels need redrawing when > 0).
    pub scrapes: u32,
    pub ended: Option<Ending>,
    /// A hint that appeared (hints on).
    pub hint: Option<String>,
    /// Alerts that fired, findings that landed, service restored.
    pub happened: Happened,
}

/// An action the session took.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Taken {
    /// When its result lands (and the trainee is free again).
    pub ready_at: u32,
}

#[derive(Clone)]
pub struct Session {
    pub scenario: Rc<Scenario>,
    sim: Simulation,
    actions: Vec<ScheduledAction>,
    ending: Option<Ending>,
    /// Trace hash of the whole run to the time limit, once it ended.
    final_hash: Option<u64>,
    finished: Option<Rc<Finished>>,
    /// Hints, when the trainee turned them on.
    hints: Option<Hints>,
    /// What the facilitator sent the room, with when (see `kept`).
    injects: Vec<Delivered>,
    /// Who played, and the room's roles, as the run file names them.
    pub people: People,
}

/// The hints of a session with hints on: the one showing and each shown, with when.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Hints {
    #[serde(skip)]
    pub now: Option<String>,
    pub shown: Vec<ShownHint>,
    /// The real team's steps worth hinting (see `score::hints::useful_steps`).
    #[serde(skip)]
    pub useful: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShownHint {
    pub tick: u32,
    pub text: String,
}

/// A session being rebuilt from a save: it takes the saved actions as a trainee would (recorded,
/// hinted) and stops at the save's tick.
struct Replaying {
    session: Session,
    end: u32,
}

impl Replay for Replaying {
    type Error = ActionError;

    fn now(&self) -> u32 {
        self.session.tick()
    }

    fn take_due(&mut self, due: &ScheduledAction) -> Result<(), ActionError> {
        self.session.take(due.action.clone()).map(|_| ())
    }

    fn step_on(&mut self) -> bool {
        if self.session.tick() >= self.end || self.session.ending.is_some() {
            return false;
        }
        self.session.advance(1);
        true
    }
}

impl Session {
    /// The seed of the run (the world keeps it; the session does not copy it).
    pub fn seed(&self) -> u64 {
        self.sim.trace().seed
    }

    pub fn new(scenario: Rc<Scenario>, seed: u64) -> Session {
        Session {
            sim: Simulation::new(scenario.config.clone(), seed),
            scenario,
            actions: Vec::new(),
            ending: None,
            final_hash: None,
            finished: None,
            hints: None,
            injects: Vec::new(),
            people: People::default(),
        }
    }

    /// Turns hints on (with what was shown before, for a resumed session) or off.
    pub fn set_hints(&mut self, on: Option<Vec<ShownHint>>) {
        let useful = match (&on, self.scenario.hints.is_empty()) {
            (Some(_), true) => crate::score::hints::useful_steps(&self.scenario),
            _ => Vec::new(),
        };
        self.hints = on.map(|shown| Hints {
            now: None,
            shown,
            useful,
        });
        self.update_hints();
    }

    pub fn hints(&self) -> Option<&Hints> {
        self.hints.as_ref()
    }

    /// Works out the hint for now; returns it when it is new (to announce).
    fn update_hints(&mut self) -> Option<String> {
        if self.ending.is_some() {
            return None;
        }
        let h = self.hints.as_mut()?;
        let now = crate::score::hints::current(&self.scenario, self.sim.trace(), &h.useful);
        if now == h.now {
            return None;
        }
        h.now = now.clone();
        let text = now?;
        if h.shown.last().is_none_or(|last| last.text != text) {
            h.shown.push(ShownHint {
                tick: self.sim.tick(),
                text: text.clone(),
            });
        }
        Some(text)
    }

    /// Rebuilds a session from its actions, replayed up to `tick` (a resumed save).
    pub fn replay(
        scenario: Rc<Scenario>,
        seed: u64,
        actions: &[ScheduledAction],
        tick: u32,
    ) -> Result<Session, ActionError> {
        let end = tick.min(scenario.config.duration_s);
        let mut replaying = Replaying {
            session: Session::new(scenario, seed),
            end,
        };
        match replay(&mut replaying, actions)? {
            None => Ok(replaying.session),
            Some(late) => Err(ActionError::NothingToDo {
                reason: Nothing::AfterTheSave {
                    action: late.action.to_string(),
                },
            }),
        }
    }

    pub fn sim(&self) -> &Simulation {
        &self.sim
    }

    pub fn tick(&self) -> u32 {
        self.sim.tick()
    }

    pub fn actions(&self) -> &[ScheduledAction] {
        &self.actions
    }

    pub fn ending(&self) -> Option<Ending> {
        self.ending
    }

    /// Whether `action` can be taken now, and why not.
    pub fn vet(&self, action: &Action) -> Result<(), ActionError> {
        if self.ending.is_some() {
            return Err(ActionError::RunOver);
        }
        self.sim.vet(action)
    }

    /// Takes an action now. A refused action changes nothing and is not recorded.
    pub fn take(&mut self, action: Action) -> Result<Taken, ActionError> {
        self.vet(&action)?;
        let tick = self.sim.tick();
        let ready_at = self.sim.apply(action.clone())?.ready_at;
        let declared = action.kind == ActionKind::DeclareResolved;
        self.actions.push(ScheduledAction { tick, action });
        self.update_hints();
        if declared {
            self.ending = Some(Ending::Declared { at: tick });
            self.finish();
        }
        Ok(Taken { ready_at })
    }

    /// Steps up to `ticks` seconds; stops early when the session ends. Service coming back does
    /// not end it: mitigated is not resolved, and only the trainee can say it is.
    pub fn advance(&mut self, ticks: u32) -> Advanced {
        let mut out = Advanced::default();
        let mark = self.sim.trace().mark();
        let scrape = self.scenario.config.scrape_interval_s.max(1);
        while out.ticks < ticks && self.ending.is_none() {
            if !self.sim.step() {
                self.ending = Some(Ending::TimeUp);
                break;
            }
            out.ticks += 1;
            if self.sim.tick() % scrape == 0 {
                out.scrapes += 1;
            }
        }
        if self.ending.is_none() && self.sim.is_over() {
            self.ending = Some(Ending::TimeUp);
        }
        out.hint = self.update_hints();
        out.happened = self.sim.trace().since(mark);
        out.ended = self.ending;
        if self.ending.is_some() {
            self.finish();
        }
        out
    }

    /// Simulates the rest of the afternoon with no more actions, to the scenario's time limit,
    /// so the trace (and its hash) is the one `incident-sim run` gives for the same actions.
    fn finish(&mut self) {
        if self.final_hash.is_none() {
            self.sim.run_to_end();
            self.final_hash = Some(trace_hash(self.sim.trace()));
        }
    }

    /// The debrief, once the session ended (computed on first asking: it replays the real team's
    /// path too).
    pub fn finished(&mut self) -> Option<Rc<Finished>> {
        self.final_hash?;
        if self.finished.is_none() {
            let ghost = ghost(&self.scenario, self.seed());
            let debrief = Debrief::of(&Runs {
                scenario: &self.scenario,
                seed: self.seed(),
                actions: &self.actions,
                trace: self.sim.trace(),
                ghost: &ghost,
                onset: crate::score::phases::onset(&self.scenario, self.seed()),
                refused: &[],
            });
            let run = self.sim.trace().clone();
            self.finished = Some(Rc::new(Finished {
                debrief,
                run,
                ghost,
            }));
        }
        self.finished.clone()
    }

    /// The debrief, if it has been computed (see [`Session::finished`]).
    pub fn debrief(&self) -> Option<Rc<Finished>> {
        self.finished.clone()
    }

    /// The trace hash of the whole run, once the session ended.
    pub fn final_hash(&self) -> Option<u64> {
        self.final_hash
    }

    /// The run as an actions file, for `incident-sim run SCENARIO --seed N --actions FILE`.
    pub fn actions_json(&self) -> String {
        script::to_json(&self.actions, &self.scenario)
    }

    /// Ends the session now, at the trainee's request.
    pub fn stop(&mut self) {
        if self.ending.is_none() {
            self.ending = Some(Ending::Stopped {
                at: self.sim.tick(),
            });
            self.finish();
        }
    }
}

mod kept;
pub mod rewind;
#[cfg(test)]
mod tests;

pub use kept::{InjectError, People};
