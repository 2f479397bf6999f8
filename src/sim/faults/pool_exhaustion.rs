//! Pool exhaustion: a bad config push shrinks a database's connection pool, and requests wait
//! for a connection until they fail.

use serde::{Deserialize, Serialize};

use super::{Kind, Sight, World};
use crate::sim::actions::ActionKind;
use crate::sim::dependency::Dependency;
use crate::sim::events::EventKind;
use crate::sim::findings::{ConfigChange, FindingBody};

/// The config key a connection-pool push changes.
pub const POOL_SIZE_KEY: &str = "db.pool.max_size";
/// A pool this full shows on the database's dashboard.
pub const POOL_SATURATED_PCT: f64 = 90.0;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PoolExhaustion {
    pub pool_size: u32,
    pub change: String,
    #[serde(default = "main_database")]
    pub database: Dependency,
}

fn main_database() -> Dependency {
    Dependency::Database
}

impl Kind for PoolExhaustion {
    const ID: &'static str = "pool_exhaustion";
    const EVIDENCE: &'static [ActionKind] = &[ActionKind::CheckDb, ActionKind::DiffConfig];

    fn arrive(&self, world: &mut World, since: Option<&str>) {
        let key = match self.database {
            Dependency::Named(i) => {
                format!("{}.pool.max_size", world.deps.extras[i as usize].cfg.name)
            }
            _ => POOL_SIZE_KEY.into(),
        };
        world.state.config_changes.push(ConfigChange {
            key,
            from: world.deps.pool_of(self.database).to_string(),
            to: self.pool_size.to_string(),
            at: world.tick,
            when: since.map(str::to_string),
            text: Some(self.change.clone()),
        });
        // A latent push happened before the run: no one saw it land this afternoon.
        if since.is_none() {
            let change = self.change.clone();
            world
                .events
                .push(world.tick, EventKind::ConfigPushed { change });
        }
    }

    fn start(&self, world: &mut World, _fault: u32) {
        world.deps.set_pool(self.database, self.pool_size);
    }

    fn cure(&self, world: &mut World) {
        let size = world.deps.configured_pool(self.database);
        world.deps.set_pool(self.database, size);
    }

    fn vary(&mut self, factor: f64) {
        self.pool_size = ((f64::from(self.pool_size) * factor).round() as u32).max(1);
    }

    fn came_with_config(&self) -> bool {
        true
    }

    fn shows(&self, body: &FindingBody, _sight: &Sight) -> Option<bool> {
        use FindingBody as B;
        Some(match body {
            B::Database { pool_used_pct, .. } if self.database == Dependency::Database => {
                *pool_used_pct >= POOL_SATURATED_PCT
            }
            B::Database { others, .. } | B::Dependencies { others, .. } => {
                others.iter().any(|d| d.used_pct >= POOL_SATURATED_PCT)
            }
            B::ConfigDiff { changes, .. } => changes.iter().any(|c| c.key == POOL_SIZE_KEY),
            _ => return None,
        })
    }
}
