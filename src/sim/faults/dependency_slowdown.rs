//! A dependency slowing down: the database, the payment gateway or one of the scenario's own
//! answers several times slower (for a while when its schedule says).

use serde::{Deserialize, Serialize};

use super::{Kind, Sight, World};
use crate::sim::actions::ActionKind;
use crate::sim::dependency::Dependency;
use crate::sim::findings::FindingBody;

/// A dependency this many times slower than usual shows on its dashboard.
pub const SLOW_FACTOR: f64 = 2.0;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DependencySlowdown {
    pub dependency: Dependency,
    pub latency_multiplier: f64,
}

impl Kind for DependencySlowdown {
    const ID: &'static str = "dependency_slowdown";
    const EVIDENCE: &'static [ActionKind] = &[ActionKind::CheckDependencies, ActionKind::CheckDb];

    fn start(&self, world: &mut World, _fault: u32) {
        world
            .deps
            .set_slowdown(self.dependency, self.latency_multiplier);
    }

    fn cure(&self, world: &mut World) {
        world.deps.set_slowdown(self.dependency, 1.0);
    }

    fn vary(&mut self, factor: f64) {
        self.latency_multiplier = (self.latency_multiplier * factor).max(1.0);
    }

    fn shows(&self, body: &FindingBody, sight: &Sight) -> Option<bool> {
        let usual_db_ms = sight.database.query_ms;
        match body {
            FindingBody::Database { exec_ms, .. } if self.dependency == Dependency::Database => {
                Some(*exec_ms >= SLOW_FACTOR * usual_db_ms)
            }
            FindingBody::Dependencies {
                db_query_ms,
                payment_latency_ms,
                ..
            } => Some(match self.dependency {
                Dependency::Database => *db_query_ms >= SLOW_FACTOR * usual_db_ms,
                Dependency::Payment => {
                    *payment_latency_ms >= SLOW_FACTOR * sight.payment.latency_ms
                }
                Dependency::Named(d) => sight.dependency_in_trouble(d),
            }),
            _ => None,
        }
    }
}
