//! Trainee actions: checking them, their effects on the world, and the effects that land later.

use super::actions::{Action, ActionError, ActionKind, TargetKind};
use super::config::FaultKind;
use super::events::{EventKind, RestartCause};
use super::findings::{Finding, FindingBody};
use super::fleet::ServerState;
use super::pending::Effect;
use super::simulation::Simulation;

/// Rate limiting admits this share of the capacity of the servers that are up.
const RATE_LIMIT_SHARE: f64 = 0.8;
/// Raising the memory limit multiplies it by this (within the host's memory).
const MEMORY_RAISE: f64 = 1.5;

/// An action's target, resolved against the world.
enum Resolved {
    None,
    Host(u32),
    AllHosts,
    Hypothesis(u32),
    Severity(String),
}

impl Simulation {
    /// How long `kind` takes in this scenario.
    pub fn duration_s(&self, kind: ActionKind) -> u32 {
        self.cfg
            .action_durations_s
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(kind.spec().duration_s, |(_, s)| *s)
    }

    /// Takes an action now. Its finding is ready after the action's duration, and the trainee is
    /// busy until then. A refused action is recorded in the trace and changes nothing else.
    pub fn apply(&mut self, action: Action) -> Result<&Finding, ActionError> {
        let t = self.tick;
        match self.try_apply(t, &action) {
            Ok(body) => {
                let ready_at = t + self.duration_s(action.kind);
                self.team.busy_until = ready_at;
                let taken = EventKind::ActionTaken {
                    action: action.clone(),
                    ready_at,
                };
                self.trace.events.push(t, taken);
                self.trace.findings.push(Finding {
                    action,
                    issued_at: t,
                    ready_at,
                    body,
                });
                Ok(self.trace.findings.last().expect("just pushed"))
            }
            Err(error) => {
                let reason = error.to_string();
                self.trace
                    .events
                    .push(t, EventKind::ActionRejected { action, reason });
                Err(error)
            }
        }
    }

    fn try_apply(&mut self, t: u32, action: &Action) -> Result<FindingBody, ActionError> {
        if self.is_over() {
            return Err(ActionError::RunOver);
        }
        if t < self.team.busy_until {
            return Err(ActionError::Busy {
                until: self.team.busy_until,
            });
        }
        let target = self.resolve(action)?;
        self.perform(t, action.kind, target)
    }

    fn resolve(&self, action: &Action) -> Result<Resolved, ActionError> {
        let spec = action.kind.spec();
        let id = spec.id.to_string();
        let host = |name: &str| {
            self.fleet
                .find(name)
                .ok_or_else(|| ActionError::UnknownHost {
                    name: name.to_string(),
                    count: self.fleet.len() as u32,
                })
        };
        match (spec.target, action.target.as_deref()) {
            (TargetKind::None, None) => Ok(Resolved::None),
            (TargetKind::None, Some(t)) => Err(ActionError::UnexpectedTarget {
                action: id,
                target: t.to_string(),
            }),
            (TargetKind::OptionalHost, None) => Ok(Resolved::AllHosts),
            (TargetKind::Host | TargetKind::OptionalHost, Some(name)) => {
                host(name).map(Resolved::Host)
            }
            (TargetKind::Hypothesis, Some(h)) => self
                .cfg
                .hypotheses
                .iter()
                .position(|x| x.id == h)
                .map(|i| Resolved::Hypothesis(i as u32))
                .ok_or_else(|| ActionError::UnknownHypothesis {
                    id: h.to_string(),
                    known: self
                        .cfg
                        .hypotheses
                        .iter()
                        .map(|x| x.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                }),
            (TargetKind::Severity, Some(level)) => match level {
                "sev1" | "sev2" | "sev3" | "sev4" => Ok(Resolved::Severity(level.to_string())),
                _ => Err(ActionError::UnknownSeverity {
                    level: level.to_string(),
                }),
            },
            (kind, None) => Err(ActionError::MissingTarget {
                action: id,
                expected: match kind {
                    TargetKind::Host => "a host such as app-1".into(),
                    TargetKind::Hypothesis => "a hypothesis id".into(),
                    _ => "sev1..sev4".into(),
                },
            }),
        }
    }

    fn perform(
        &mut self,
        t: u32,
        kind: ActionKind,
        target: Resolved,
    ) -> Result<FindingBody, ActionError> {
        use ActionKind as K;
        let host = match target {
            Resolved::Host(s) => Some(s),
            _ => None,
        };
        let note = |text: String| Ok(FindingBody::Note { text });
        match kind {
            K::ViewMemory
            | K::ReadLogs
            | K::CheckConfig
            | K::DiffConfig
            | K::ListDeploys
            | K::HeapProfile
            | K::CheckDb
            | K::CheckDependencies
            | K::CheckLoadBalancer
            | K::Top
            | K::Free
            | K::Df => self.diagnose(t, kind, host),
            K::RestartServer => {
                let s = host.expect("resolved as a host");
                self.fleet.stop(
                    s as usize,
                    t,
                    RestartCause::Manual,
                    true,
                    &mut self.trace.events,
                );
                note(format!(
                    "Restarting {}; it takes about {} s to come back.",
                    self.fleet.name(s),
                    self.cfg.fleet.restart_s
                ))
            }
            K::RestartAll => {
                for s in 0..self.fleet.len() {
                    self.fleet
                        .stop(s, t, RestartCause::Manual, true, &mut self.trace.events);
                }
                note(format!(
                    "Restarting all {} servers; nothing serves for about {} s.",
                    self.fleet.len(),
                    self.cfg.fleet.restart_s
                ))
            }
            K::RollingRestart => self.rolling_restart(t),
            K::ScaleOut => {
                self.schedule(t + self.cfg.fleet.provision_s, Effect::ServerProvisioned)?;
                note(format!(
                    "Provisioning one more server; it starts in about {} s.",
                    self.cfg.fleet.provision_s
                ))
            }
            K::RollbackDeploy => {
                self.schedule(t + self.cfg.response.rollback_s, Effect::RollbackLive)?;
                note(format!(
                    "Rolling back from {} to {}; live in about {} s.",
                    self.faults.release, self.faults.previous_release, self.cfg.response.rollback_s
                ))
            }
            K::RaiseMemoryLimit => self.raise_memory_limit(t),
            K::RevertConfig => {
                if self.faults.config_changes.is_empty() {
                    return Err(ActionError::NothingToDo {
                        reason: "the running configuration already matches the last known-good one"
                            .into(),
                    });
                }
                let changes = std::mem::take(&mut self.faults.config_changes);
                for c in &changes {
                    let change = format!("{}: {} -> {}", c.key, c.to, c.from);
                    self.trace
                        .events
                        .push(t, EventKind::ConfigReverted { change });
                }
                self.cure(t, |k| matches!(k, FaultKind::PoolExhaustion { .. }));
                note(format!(
                    "Reverted {} change(s) to the last known-good configuration.",
                    changes.len()
                ))
            }
            K::CleanDisk => {
                let cleaned: Vec<usize> = match host {
                    Some(s) => vec![s as usize],
                    None => (0..self.fleet.len()).collect(),
                };
                for s in &cleaned {
                    self.fleet.servers[*s].disk_used_mb = self.cfg.fleet.disk_used_mb;
                    self.fleet.servers[*s].disk_full = false;
                }
                note(format!(
                    "Removed rotated logs on {} server(s).",
                    cleaned.len()
                ))
            }
            K::KillRunaway => {
                let s = host.expect("resolved as a host") as usize;
                if self.fleet.servers[s].runaway_cpu_pct <= 0.0 {
                    return Err(ActionError::NothingToDo {
                        reason: format!(
                            "no process is running away on {}",
                            self.fleet.name(s as u32)
                        ),
                    });
                }
                self.fleet.servers[s].runaway_cpu_pct = 0.0;
                note(format!(
                    "Killed the runaway process on {}.",
                    self.fleet.name(s as u32)
                ))
            }
            K::EnableMaintenancePage | K::DisableMaintenancePage => {
                let on = kind == K::EnableMaintenancePage;
                self.team.maintenance = on;
                self.trace.events.push(t, EventKind::MaintenanceMode { on });
                note(
                    if on {
                        "Every user now sees the maintenance page."
                    } else {
                        "Users reach the site again."
                    }
                    .into(),
                )
            }
            K::EnableRateLimiting => {
                let limit =
                    RATE_LIMIT_SHARE * self.fleet.servers_up() as f64 * self.cfg.fleet.capacity_rps;
                self.team.rate_limit_rps = Some(limit);
                self.trace.events.push(
                    t,
                    EventKind::RateLimit {
                        limit_rps: limit as f32,
                    },
                );
                note(format!(
                    "Admitting at most {limit:.0} requests/s; the rest get 429."
                ))
            }
            K::DisableRateLimiting => {
                self.team.rate_limit_rps = None;
                self.trace
                    .events
                    .push(t, EventKind::RateLimit { limit_rps: 0.0 });
                note("Rate limiting is off.".into())
            }
            K::PageDevelopers => self.page_developers(t),
            K::DeclareSeverity => {
                let Resolved::Severity(level) = target else {
                    unreachable!("resolved as a severity")
                };
                self.trace.events.push(
                    t,
                    EventKind::SeverityDeclared {
                        level: level.clone(),
                    },
                );
                note(format!("Incident declared {level}."))
            }
            K::UpdateStatusPage => {
                self.trace.events.push(t, EventKind::StatusPageUpdated);
                note("The status page now tells customers about the outage.".into())
            }
            K::DeclareHypothesis => {
                let Resolved::Hypothesis(h) = target else {
                    unreachable!("resolved as a hypothesis")
                };
                let correct = self.cfg.hypotheses[h as usize].correct;
                self.team.hypothesis = Some(h);
                self.trace.events.push(
                    t,
                    EventKind::HypothesisDeclared {
                        hypothesis: h,
                        correct,
                    },
                );
                note(format!(
                    "Working hypothesis: {}.",
                    self.cfg.hypotheses[h as usize].title
                ))
            }
            K::ApplyCodeFix => self.apply_code_fix(t),
        }
    }

    fn schedule(&mut self, at: u32, effect: Effect) -> Result<(), ActionError> {
        if self.pending.schedule(at, effect) {
            Ok(())
        } else {
            Err(ActionError::NothingToDo {
                reason: "too many changes are already under way".into(),
            })
        }
    }

    fn rolling_restart(&mut self, t: u32) -> Result<FindingBody, ActionError> {
        let lb = &self.cfg.fleet.lb;
        let gap = self.cfg.fleet.restart_s + lb.health_interval_s * lb.healthy_threshold;
        for s in 0..self.fleet.len() as u32 {
            let effect = Effect::StopServer {
                server: s,
                cause: RestartCause::Manual,
            };
            self.schedule(t + s * gap, effect)?;
        }
        let text = format!("Restarting servers one at a time, every {gap} s.");
        Ok(FindingBody::Note { text })
    }

    fn raise_memory_limit(&mut self, t: u32) -> Result<FindingBody, ActionError> {
        let ceiling = self.cfg.fleet.host_ram_mb - self.cfg.fleet.host_overhead_mb;
        let current = self
            .fleet
            .servers
            .iter()
            .map(|s| s.heap_max_mb)
            .fold(0.0, f64::max);
        let raised = (current * MEMORY_RAISE).min(ceiling);
        if raised <= current {
            return Err(ActionError::NothingToDo {
                reason: format!(
                    "the heap limit ({current:.0} MB) already uses all the host can give"
                ),
            });
        }
        for s in 0..self.fleet.len() {
            self.fleet.servers[s].heap_max_mb = raised;
            self.fleet
                .stop(s, t, RestartCause::Manual, true, &mut self.trace.events);
        }
        let text = format!(
            "Heap limit raised from {current:.0} MB to {raised:.0} MB; servers restarting on it."
        );
        Ok(FindingBody::Note { text })
    }

    fn page_developers(&mut self, t: u32) -> Result<FindingBody, ActionError> {
        if self.team.developers_engaged || self.team.developers_paged_at.is_some() {
            return Err(ActionError::NothingToDo {
                reason: "the developers are already paged".into(),
            });
        }
        self.team.developers_paged_at = Some(t);
        let wait = self.cfg.response.developers_response_s;
        self.schedule(t + wait, Effect::DevelopersArrive)?;
        let text = format!(
            "Paged the development team; they expect to join in about {} min.",
            wait / 60
        );
        Ok(FindingBody::Note { text })
    }

    fn apply_code_fix(&mut self, t: u32) -> Result<FindingBody, ActionError> {
        if !self.team.developers_engaged {
            return Err(ActionError::DevelopersNotEngaged);
        }
        let Some(h) = self.team.hypothesis else {
            return Err(ActionError::NoHypothesis);
        };
        if self.pending.contains(|e| *e == Effect::FixLive) {
            return Err(ActionError::NothingToDo {
                reason: "a fix is already on its way".into(),
            });
        }
        self.schedule(t + self.cfg.response.fix_deploy_s, Effect::FixLive)?;
        let title = &self.cfg.hypotheses[h as usize].title;
        let text = format!(
            "The developers are fixing \"{title}\" and shipping it; the build goes live in about {} min.",
            self.cfg.response.fix_deploy_s / 60
        );
        Ok(FindingBody::Note { text })
    }

    /// Lands every effect due now.
    pub(super) fn run_pending(&mut self, t: u32) {
        while let Some(effect) = self.pending.pop_due(t) {
            match effect {
                Effect::StopServer { server, cause } => {
                    if self.fleet.servers[server as usize].state != ServerState::Dead {
                        self.fleet
                            .stop(server as usize, t, cause, true, &mut self.trace.events);
                    }
                }
                Effect::DevelopersArrive => {
                    self.team.developers_engaged = true;
                    self.trace.events.push(t, EventKind::DevelopersEngaged);
                }
                Effect::FixLive => self.fix_live(t),
                Effect::RollbackLive => {
                    let version = self.faults.previous_release.clone();
                    self.cure(t, |k| {
                        matches!(
                            k,
                            FaultKind::MemoryLeak {
                                deploy: Some(_),
                                ..
                            }
                        )
                    });
                    self.deploy(t, version, RestartCause::Deploy);
                }
                Effect::ServerProvisioned => {
                    let s = self.fleet.add_server(t);
                    self.trace
                        .events
                        .push(t, EventKind::ServerAdded { server: s });
                }
                Effect::FaultEnds { fault } => self.end_fault(t, fault),
            }
        }
    }

    /// The developers' build goes live: it cures the code faults if they worked on the right cause.
    fn fix_live(&mut self, t: u32) {
        let right_cause = self
            .team
            .hypothesis
            .is_some_and(|h| self.cfg.hypotheses[h as usize].correct);
        if right_cause {
            self.team.code_fixed = true;
            self.cure(t, |k| {
                matches!(
                    k,
                    FaultKind::MemoryLeak { .. } | FaultKind::CpuRunaway { .. }
                )
            });
        }
        let version = format!("{}-hotfix", self.faults.release);
        self.deploy(t, version, RestartCause::Deploy);
    }
}
