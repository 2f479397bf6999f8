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

/// Runs to the end, taking each action at its tick (actions sharing a tick go in list order).
/// Refused actions are recorded in the trace and returned; the run goes on.
pub fn run_scripted(
    config: SimConfig,
    seed: u64,
    actions: &[ScheduledAction],
) -> (Trace, Vec<Refused>) {
    let mut script: Vec<&ScheduledAction> = actions.iter().collect();
    script.sort_by_key(|a| a.tick);
    let mut next = script.into_iter().peekable();
    let mut sim = Simulation::new(config, seed);
    let mut refused = Vec::new();
    loop {
        while let Some(a) = next.next_if(|a| a.tick <= sim.tick()) {
            if let Err(error) = sim.apply(a.action.clone()) {
                refused.push(Refused {
                    tick: sim.tick(),
                    action: a.action.clone(),
                    error,
                });
            }
        }
        if !sim.step() {
            break;
        }
    }
    (sim.into_trace(), refused)
}
