//! A traffic surge: more visitors than usual for a while. Load, not a defect: nothing cures it,
//! and the incident is resolved once the service holds under it.

use serde::{Deserialize, Serialize};

use super::{Kind, Sight, World};
use crate::sim::actions::ActionKind;
use crate::sim::findings::FindingBody;
use crate::sim::traffic::Window;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrafficSurge {
    pub multiplier: f64,
    pub ramp_s: u32,
}

impl Kind for TrafficSurge {
    const ID: &'static str = "traffic_surge";
    const EVIDENCE: &'static [ActionKind] = &[ActionKind::CheckLoadBalancer, ActionKind::Top];
    const DEFECT: bool = false;
    const CURABLE: bool = false;

    /// The visitors ramp in now and out before the fault's on-time ends (a surge always has an
    /// end: the validator requires a schedule that gives one).
    fn start(&self, world: &mut World, fault: u32) {
        let t = world.tick;
        world.traffic.add_window(Window {
            start_s: t,
            end_s: world.on_until(fault).unwrap_or(u32::MAX),
            multiplier: self.multiplier,
            ramp_s: self.ramp_s,
        });
    }

    /// The traffic window ramps out by itself.
    fn end(&self, _world: &mut World) {}

    fn vary(&mut self, factor: f64) {
        self.multiplier = 1.0 + (self.multiplier - 1.0) * factor;
    }

    fn shows(&self, body: &FindingBody, _sight: &Sight) -> Option<bool> {
        match body {
            FindingBody::Top(top) => Some(top.cpu_pct >= 90.0),
            FindingBody::LoadBalancer { rows } => {
                Some(rows.iter().any(|r| r.failed_checks > 0 || !r.in_rotation))
            }
            _ => None,
        }
    }
}
