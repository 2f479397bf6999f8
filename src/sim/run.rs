//! Running a whole scripted run: the replay of a reference timeline, an actions file, or nothing.

use serde::{Deserialize, Serialize};

use super::actions::{Action, ActionError};
use super::config::SimConfig;
use super::simulation::{Simulation, Trace};

/// An action to take when the clock reaches `tick`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduledAction {
    pub tick: u32,
    pub action: Action,
}

/// An action the world refused, with why.
#[derive(Clone, Debug, PartialEq)]
pub struct Refused {
    pub tick: u32,
    pub action: Action,
    pub error: ActionError,
}

/// A run a script can be replayed into: the headless simulation, or the browser's session (which
/// records and hints as it takes).
pub trait Replay {
    /// What stops the replay (nothing, for a run that records refusals and goes on).
    type Error;
    fn now(&self) -> u32;
    /// Takes an action whose time has come.
    fn take_due(&mut self, due: &ScheduledAction) -> Result<(), Self::Error>;
    /// Moves one tick on; false when the run is over.
    fn step_on(&mut self) -> bool;
}

/// The replay loop, once: takes each action when the clock reaches its tick (actions sharing a
/// tick go in list order), then steps, until the run is over. Returns the first action it never
/// reached.
pub fn replay<'a, R: Replay>(
    run: &mut R,
    actions: impl IntoIterator<Item = &'a ScheduledAction>,
) -> Result<Option<&'a ScheduledAction>, R::Error> {
    let mut next = actions.into_iter().peekable();
    loop {
        while let Some(a) = next.next_if(|a| a.tick <= run.now()) {
            run.take_due(a)?;
        }
        if !run.step_on() {
            return Ok(next.next());
        }
    }
}

/// A headless run that records what the world refused and goes on.
struct Scripted {
    sim: Simulation,
    refused: Vec<Refused>,
}

impl Replay for Scripted {
    type Error = std::convert::Infallible;

    fn now(&self) -> u32 {
        self.sim.tick()
    }

    fn take_due(&mut self, due: &ScheduledAction) -> Result<(), Self::Error> {
        if let Err(error) = self.sim.apply(due.action.clone()) {
            self.refused.push(Refused {
                tick: self.sim.tick(),
                action: due.action.clone(),
                error,
            });
        }
        Ok(())
    }

    fn step_on(&mut self) -> bool {
        self.sim.step()
    }
}

/// Runs to the end, taking each action at its tick (actions sharing a tick go in list order).
/// Refused actions are recorded in the trace and returned; the run goes on.
pub fn run_scripted(
    config: SimConfig,
    seed: u64,
    actions: &[ScheduledAction],
) -> (Trace, Vec<Refused>) {
    let mut script: Vec<&ScheduledAction> = actions.iter().collect();
    script.sort_by_key(|a| a.tick);
    let mut run = Scripted {
        sim: Simulation::new(config, seed),
        refused: Vec::new(),
    };
    // Never stops early: refusals are recorded, not raised.
    let Ok(_) = replay(&mut run, script);
    (run.sim.into_trace(), run.refused)
}
