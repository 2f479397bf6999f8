//! A disk filling up (logs written faster than they rotate, debug logging left on) until the
//! server cannot write and fails its requests.

use serde::{Deserialize, Serialize};

use super::{Kind, Sight, Targets, World};
use crate::sim::actions::ActionKind;
use crate::sim::findings::FindingBody;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DiskFill {
    pub targets: Targets,
    pub mb_per_s: f64,
    /// When set, it arrived with this config push (debug logging switched on): reverting the
    /// config stops the filling (what is written stays until cleaned).
    #[serde(default)]
    pub change: Option<String>,
}

impl Kind for DiskFill {
    const ID: &'static str = "disk_fill";
    const EVIDENCE: &'static [ActionKind] = &[ActionKind::Df, ActionKind::ReadLogs];

    fn start(&self, world: &mut World, _fault: u32) {
        for s in self.targets.servers(world.fleet.len()) {
            world.fleet.set_disk_fill(s, self.mb_per_s);
        }
    }

    fn cure(&self, world: &mut World) {
        for s in self.targets.servers(world.fleet.len()) {
            world.fleet.set_disk_fill(s, 0.0);
        }
    }

    fn vary(&mut self, factor: f64) {
        self.mb_per_s *= factor;
    }

    fn targets_mut(&mut self) -> Option<&mut Targets> {
        Some(&mut self.targets)
    }

    fn pushed_change(&self) -> Option<&str> {
        self.change.as_deref()
    }

    fn shows(&self, body: &FindingBody, sight: &Sight) -> Option<bool> {
        let full = |used_mb: f64, size_mb: f64| used_mb >= super::NEARLY_FULL_SHARE * size_mb;
        match body {
            FindingBody::Df {
                host,
                size_mb,
                used_mb,
            } => Some(sight.on(&self.targets, host) && full(*used_mb, *size_mb)),
            FindingBody::Logs { .. } => Some(sight.any_server(&self.targets, |s| {
                full(s.disk_used_mb, sight.fleet.cfg.disk_mb)
            })),
            _ => None,
        }
    }
}
