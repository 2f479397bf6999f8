//! Whether an action can be taken now, and why not: every precondition in one place, read without
//! touching the world. `apply` runs the same checks before it changes anything, so what a menu
//! offers and what the world accepts never disagree.

use super::actions::{Action, ActionError, ActionKind, TargetKind};
use super::fleet::ServerState;
use super::pending::{Effect, MAX_PENDING};
use super::simulation::Simulation;

/// An action's target, resolved against the world.
pub(super) enum Resolved {
    None,
    Host(u32),
    AllHosts,
    /// A dependency, by its host.
    Dependency(crate::sim::Dependency),
    Hypothesis(u32),
    Severity(String),
}

impl Resolved {
    /// The one server named, if the target is one.
    pub(super) fn host(&self) -> Option<u32> {
        match self {
            Resolved::Host(s) => Some(*s),
            _ => None,
        }
    }
}

/// The severities `declare_severity` takes, worst first.
pub const SEVERITIES: [&str; 4] = ["sev1", "sev2", "sev3", "sev4"];

impl Simulation {
    /// Whether `action` would be accepted now. Changes nothing; `apply` would return the same error.
    pub fn check(&self, action: &Action) -> Result<(), ActionError> {
        self.preflight(action).map(|_| ())
    }

    /// Every check `apply` makes before it acts, in the order it makes them.
    pub(super) fn preflight(&self, action: &Action) -> Result<Resolved, ActionError> {
        if self.is_over() {
            return Err(ActionError::RunOver);
        }
        if let Some(at) = self.team.resolved_declared_at {
            return Err(ActionError::DeclaredResolved {
                at,
                clock: super::clock::hhmm(self.cfg.start_s_of_day, at),
            });
        }
        if self.tick < self.team.busy_until {
            let until = self.team.busy_until;
            return Err(ActionError::Busy {
                until,
                clock: super::clock::hhmmss(self.cfg.start_s_of_day, until),
            });
        }
        let target = self.resolve(action)?;
        match self.cfg.custom_index(action.id()) {
            Some(index) if action.kind == ActionKind::Custom => self.custom_precondition(index)?,
            _ => self.precondition(action.kind, &target)?,
        }
        let room = MAX_PENDING.saturating_sub(self.pending.len());
        if self.effects_needed(action) > room {
            return Err(ActionError::NothingToDo {
                reason: "too many changes are already under way".into(),
            });
        }
        Ok(target)
    }

    /// Effects an action schedules for later.
    fn effects_needed(&self, action: &Action) -> usize {
        use ActionKind as K;
        match action.kind {
            K::Custom => self
                .cfg
                .custom_index(action.id())
                .map_or(0, |i| usize::from(self.custom_changes_world(i))),
            K::RollingRestart => self.fleet.len(),
            K::ScaleOut | K::RollbackDeploy | K::PageDevelopers | K::ApplyCodeFix => 1,
            kind if super::remediate::lands_on_completion(kind) => 1,
            _ => 0,
        }
    }

    /// What the world must be like for the action to make sense.
    fn precondition(&self, kind: ActionKind, target: &Resolved) -> Result<(), ActionError> {
        use ActionKind as K;
        let nothing = |reason: String| Err(ActionError::NothingToDo { reason });
        let fleet = &self.fleet;
        let team = &self.team;
        match (kind, target) {
            (K::HeapProfile, Resolved::Host(s))
                if fleet.servers[*s as usize].state != ServerState::Up =>
            {
                Err(ActionError::HostDown {
                    host: fleet.name(*s),
                })
            }
            (K::PageDevelopers, _)
                if team.developers_engaged || team.developers_paged_at.is_some() =>
            {
                nothing("the developers are already paged".into())
            }
            (K::ApplyCodeFix, _) if !team.developers_engaged => Err(self.developers_missing()),
            (K::ApplyCodeFix, _) if team.hypothesis.is_none() => Err(ActionError::NoHypothesis),
            (K::ApplyCodeFix, _) if self.pending.contains(|e| *e == Effect::FixLive) => {
                nothing("a fix is already on its way".into())
            }
            (K::RollbackDeploy, _) if self.pending.contains(|e| *e == Effect::RollbackLive) => {
                nothing("a rollback is already on its way".into())
            }
            // Whether there is an earlier release, a config change to revert, a runaway process
            // or room for a bigger heap is what a diagnostic shows: such changes are accepted
            // and land doing nothing useful.
            _ => Ok(()),
        }
    }

    /// Why the developers cannot act yet: not paged, or paged and on their way.
    pub(super) fn developers_missing(&self) -> ActionError {
        match self.team.developers_paged_at {
            Some(paged) => ActionError::DevelopersPaged {
                clock: super::clock::hhmm(
                    self.cfg.start_s_of_day,
                    paged + self.cfg.response.developers_response_s,
                ),
            },
            None => ActionError::DevelopersNotEngaged,
        }
    }

    /// Every dependency's host, with the dependency: the main database's first, then the
    /// scenario's own.
    pub fn dependency_hosts(&self) -> Vec<(String, crate::sim::Dependency)> {
        let main = (
            self.cfg.database.host.clone(),
            crate::sim::Dependency::Database,
        );
        let own = self
            .cfg
            .dependencies
            .iter()
            .enumerate()
            .map(|(i, d)| (d.host.clone(), crate::sim::Dependency::Named(i as u32)));
        std::iter::once(main).chain(own).collect()
    }

    fn dependency_host(&self, name: &str) -> Option<crate::sim::Dependency> {
        self.dependency_hosts()
            .into_iter()
            .find(|(h, _)| h == name)
            .map(|(_, d)| d)
    }

    fn resolve(&self, action: &Action) -> Result<Resolved, ActionError> {
        let spec = self
            .cfg
            .info(action)
            .ok_or_else(|| ActionError::UnknownAction {
                id: action.id().to_string(),
            })?;
        let id = spec.id.to_string();
        let host = |name: &str| {
            self.fleet
                .find(name)
                .ok_or_else(|| ActionError::UnknownHost {
                    name: name.to_string(),
                    known: self.fleet.names().join(", "),
                })
        };
        match (spec.target, action.target.as_deref()) {
            (TargetKind::None, None) => Ok(Resolved::None),
            (TargetKind::None, Some(t)) => Err(ActionError::UnexpectedTarget {
                action: id,
                target: t.to_string(),
            }),
            (TargetKind::OptionalHost | TargetKind::LogSource, None) => Ok(Resolved::AllHosts),
            (TargetKind::LogSource, Some(name)) => match self.fleet.find(name) {
                Some(s) => Ok(Resolved::Host(s)),
                None => self
                    .dependency_host(name)
                    .map(Resolved::Dependency)
                    .ok_or_else(|| {
                        let mut known = self.fleet.names();
                        known.extend(self.dependency_hosts().into_iter().map(|(h, _)| h));
                        ActionError::UnknownHost {
                            name: name.to_string(),
                            known: known.join(", "),
                        }
                    }),
            },
            (TargetKind::Host | TargetKind::OptionalHost, Some(name)) => {
                host(name).map(Resolved::Host)
            }
            (TargetKind::Hypothesis, Some(h)) => self
                .cfg
                .hypotheses
                .iter()
                .position(|x| x.id == h)
                .filter(|i| self.revealed(&self.cfg.hypotheses[*i].revealed_by))
                .map(|i| Resolved::Hypothesis(i as u32))
                .ok_or_else(|| ActionError::UnknownHypothesis {
                    id: h.to_string(),
                    known: self
                        .cfg
                        .hypotheses
                        .iter()
                        .filter(|x| self.revealed(&x.revealed_by))
                        .map(|x| x.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                }),
            (TargetKind::Severity, Some(level)) => match SEVERITIES.contains(&level) {
                true => Ok(Resolved::Severity(level.to_string())),
                false => Err(ActionError::UnknownSeverity {
                    level: level.to_string(),
                }),
            },
            (kind, None) => Err(ActionError::MissingTarget {
                action: id,
                expected: match kind {
                    TargetKind::Host => format!("a host such as {}", self.fleet.name(0)),
                    TargetKind::Hypothesis => "a hypothesis id".into(),
                    _ => "sev1..sev4".into(),
                },
            }),
        }
    }
}
