//! Actions a scenario defines: when they may be taken, what they show, and what they change when
//! they land.

use super::actions::{ActionError, Category, Nothing};
use super::config::Setting;
use super::events::EventKind;
use super::findings::FindingBody;
use super::pending::Effect;
use super::simulation::Simulation;
use super::template::{self, Live};
use super::{EventLog, Metric};

/// The world as a scenario's own action's finding reads it: now, on its target.
struct Now<'a> {
    sim: &'a Simulation,
    tick: u32,
    host: String,
}

impl Live for Now<'_> {
    fn tick(&self) -> u32 {
        self.tick
    }
    fn start_s_of_day(&self) -> u32 {
        self.sim.cfg.start_s_of_day
    }
    fn host(&self) -> &str {
        &self.host
    }
    fn metric(&self, metric: Metric) -> Option<f64> {
        self.sim.trace.series.last(metric).map(f64::from)
    }
    fn setting(&self, setting: Setting) -> f64 {
        self.sim.setting(setting)
    }
    fn events(&self) -> &EventLog {
        &self.sim.trace.events
    }
}

impl Simulation {
    /// Whether a scenario's own action changes the world (cures a fault or a setting).
    pub(super) fn custom_changes_world(&self, index: usize) -> bool {
        let c = &self.cfg.custom_actions[index];
        c.category != Category::Diagnostic && (!c.cures.is_empty() || !c.sets.is_empty())
    }

    /// A scenario's own action's preconditions: the developers when it needs them, and, when it
    /// changes the world, not already under way nor already done by the trainee (whether a fault
    /// it cures is gone for another reason is not something to tell them).
    pub(super) fn custom_precondition(&self, index: usize) -> Result<(), ActionError> {
        let c = &self.cfg.custom_actions[index];
        if !self.knows_custom(c) {
            return Err(ActionError::NotYetKnown { id: c.id.clone() });
        }
        if c.needs_developers && !self.response.developers_engaged {
            return Err(self.developers_missing());
        }
        if !self.custom_changes_world(index) {
            return Ok(());
        }
        let landing = Effect::CustomLands {
            action: index as u32,
        };
        if self.pending.contains(|e| *e == landing) {
            return Err(ActionError::NothingToDo {
                reason: Nothing::UnderWay {
                    title: c.title.clone(),
                },
            });
        }
        let landed = self.response.custom_landed.contains(&(index as u32));
        let curing = c.cures.iter().any(|f| !self.faults.cured[*f as usize]);
        let changing = c.sets.iter().any(|(s, v)| self.setting(*s) != *v);
        if landed && !curing && !changing {
            return Err(ActionError::NothingToDo {
                reason: Nothing::Done {
                    title: c.title.clone(),
                },
            });
        }
        Ok(())
    }

    /// Takes a scenario's own action: its finding is the author's text; its changes land at the
    /// end of its duration.
    pub(super) fn custom_action(
        &mut self,
        tick: u32,
        index: usize,
        host: Option<u32>,
    ) -> Result<FindingBody, ActionError> {
        if self.custom_changes_world(index) {
            let at = tick + self.cfg.custom_actions[index].duration_s;
            let effect = Effect::CustomLands {
                action: index as u32,
            };
            self.schedule(at, effect)?;
        }
        let c = &self.cfg.custom_actions[index];
        let host = host.map_or_else(|| "every server".to_string(), |s| self.fleet.name(s).into());
        let now = Now {
            sim: self,
            tick,
            host,
        };
        let text = template::render(&c.finding, &now);
        Ok(match c.category {
            Category::Diagnostic => FindingBody::Output { text },
            _ => FindingBody::Note { text },
        })
    }

    /// A scenario's own action lands: its faults are cured and its settings changed.
    pub(super) fn custom_lands(&mut self, tick: u32, index: usize) {
        let c = self.cfg.custom_actions[index].clone();
        self.response.custom_landed.insert(index as u32);
        for fault in &c.cures {
            self.cure(tick, |i, _| i == *fault as usize);
        }
        for (setting, value) in c.sets {
            self.set(setting, value);
            self.trace.events.push(
                tick,
                EventKind::SettingChanged {
                    setting,
                    value: value as f32,
                },
            );
        }
    }

    /// A setting's value in the running world.
    pub fn setting(&self, setting: Setting) -> f64 {
        let fleet = &self.fleet.cfg;
        match setting {
            Setting::PoolSize => f64::from(self.deps.pool_size),
            Setting::PoolMaxWaitMs => self.deps.db.max_wait_ms,
            Setting::HealthChecks => f64::from(u8::from(!self.fleet.checks_off)),
            Setting::HealthCheckTimeoutMs => fleet.lb.check_timeout_ms,
            Setting::HealthCheckCostMs => fleet.lb.check_cost_ms,
            Setting::RequestTimeoutMs => fleet.request_timeout_ms,
            Setting::CapacityRps => fleet.capacity_rps,
            Setting::WorkerThreads => f64::from(fleet.worker_threads),
            Setting::TrafficShare => self.response.traffic_share.unwrap_or(1.0),
            Setting::Limit { dependency, limit } => self.deps.extras[dependency as usize]
                .limit(limit)
                .map_or(f64::INFINITY, f64::from),
        }
    }

    fn set(&mut self, setting: Setting, value: f64) {
        let fleet = &mut self.fleet.cfg;
        match setting {
            Setting::PoolSize => self.deps.pool_size = value as u32,
            Setting::PoolMaxWaitMs => self.deps.db.max_wait_ms = value,
            Setting::HealthChecks => self.fleet.checks_off = value < 0.5,
            Setting::HealthCheckTimeoutMs => fleet.lb.check_timeout_ms = value,
            Setting::HealthCheckCostMs => fleet.lb.check_cost_ms = value,
            Setting::RequestTimeoutMs => fleet.request_timeout_ms = value,
            Setting::CapacityRps => fleet.capacity_rps = value,
            Setting::WorkerThreads => fleet.worker_threads = value as u32,
            Setting::TrafficShare => self.response.traffic_share = Some(value),
            Setting::Limit { dependency, limit } => {
                self.deps.extras[dependency as usize].set_limit(limit, Some(value as u32));
            }
        }
    }
}
