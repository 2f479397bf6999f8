//! A runaway process: something on the host burns CPU (a backtracking regular expression, a
//! stuck loop) and leaves the service little to serve with.

use serde::{Deserialize, Serialize};

use super::{Kind, Sight, Targets, World};
use crate::sim::actions::ActionKind;
use crate::sim::findings::FindingBody;

/// A process over this share of CPU shows on `top`.
pub const RUNAWAY_CPU_PCT: f64 = 10.0;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CpuRunaway {
    pub targets: Targets,
    pub cpu_pct: f64,
    pub process: String,
    /// When set, a killed runaway comes back this long after (a scheduler respawns it)
    /// until its cause is fixed in code.
    #[serde(default)]
    pub recurs_after_s: Option<u32>,
    /// When set, it arrived with this config push (`key: from -> to`): the diff shows it and
    /// reverting the config removes it.
    #[serde(default)]
    pub change: Option<String>,
}

impl CpuRunaway {
    /// The process `top` lists, when the runaway is on `server`.
    pub fn process_on(&self, server: u32) -> Option<&str> {
        self.targets
            .includes(server)
            .then_some(self.process.as_str())
    }

    /// How long after a kill on `server` it comes back, when it does.
    pub fn recurs_on(&self, server: u32) -> Option<u32> {
        self.recurs_after_s
            .filter(|_| self.targets.includes(server))
    }
}

impl Kind for CpuRunaway {
    const ID: &'static str = "cpu_runaway";
    const EVIDENCE: &'static [ActionKind] = &[ActionKind::Top];
    const IN_CODE: bool = true;

    fn start(&self, world: &mut World, _fault: u32) {
        for s in self.targets.servers(world.fleet.len()) {
            world.fleet.start_runaway(s, self.cpu_pct);
        }
    }

    fn cure(&self, world: &mut World) {
        for s in self.targets.servers(world.fleet.len()) {
            world.fleet.end_runaway(s);
        }
    }

    fn vary(&mut self, factor: f64) {
        self.cpu_pct = (self.cpu_pct * factor).min(100.0);
    }

    fn targets_mut(&mut self) -> Option<&mut Targets> {
        Some(&mut self.targets)
    }

    fn pushed_change(&self) -> Option<&str> {
        self.change.as_deref()
    }

    fn shows(&self, body: &FindingBody, sight: &Sight) -> Option<bool> {
        match body {
            FindingBody::Top(top) => Some(
                sight.on(&self.targets, &top.host)
                    && top
                        .runaway
                        .as_ref()
                        .is_some_and(|(_, pct)| *pct >= RUNAWAY_CPU_PCT),
            ),
            _ => None,
        }
    }
}
