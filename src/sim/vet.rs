//! Whether an action can be taken now, and why not: every precondition in one place, read without
//! touching the world (`vet`). `apply` vets every action before it changes anything, so what a menu
//! offers and what the world accepts never disagree.

use super::actions::{Action, ActionError, Nothing};
use super::fleet::ServerState;
use super::pending::{Effect, MAX_PENDING};
use super::resolve::{Coordination, Look, Resolved, Start};
use super::simulation::Simulation;

impl Simulation {
    /// Whether `action` would be accepted now. Changes nothing; `apply` would return the same error.
    pub fn vet(&self, action: &Action) -> Result<(), ActionError> {
        self.preflight(action).map(|_| ())
    }

    /// Whether the trainee knows of this action yet: built-in ones always, a scenario's own once
    /// what reveals it has shown.
    pub fn knows(&self, action: &super::ActionInfo) -> bool {
        self.cfg
            .custom_actions
            .iter()
            .find(|c| action.kind == super::ActionKind::Custom && c.id == action.id)
            .is_none_or(|c| self.knows_custom(c))
    }

    /// Whether a scenario's own action is known: what reveals it has shown, and the cause it
    /// waits for, if any, has been declared.
    pub(super) fn knows_custom(&self, action: &super::CustomAction) -> bool {
        self.revealed(&action.revealed_by)
            && action
                .revealed_by_cause
                .is_none_or(|h| self.response.declared.contains(&h))
    }

    /// Whether something seen so far points to a cause or an action revealed by `diagnostics`:
    /// a finding of one of them, in hand, that showed the anomaly of a cause. An empty list is
    /// known from the start. Every cause and action a look reveals comes on the same condition,
    /// so which of them appear says nothing of which is right.
    pub fn revealed(&self, diagnostics: &[String]) -> bool {
        diagnostics.is_empty()
            || self
                .trace()
                .showing(diagnostics, self.config())
                .next()
                .is_some()
    }

    /// Every check `apply` makes before it acts, in the order it makes them.
    pub(super) fn preflight(&self, action: &Action) -> Result<Resolved, ActionError> {
        if self.is_over() {
            return Err(ActionError::RunOver);
        }
        if let Some(at) = self.response.resolved_declared_at {
            return Err(ActionError::DeclaredResolved {
                at,
                clock: super::clock::hhmm(self.cfg.start_s_of_day, at),
            });
        }
        if self.tick < self.response.busy_until {
            let until = self.response.busy_until;
            return Err(ActionError::Busy {
                until,
                clock: super::clock::hhmmss(self.cfg.start_s_of_day, until),
            });
        }
        let resolved = super::resolve::resolve(self, action)?;
        match resolved {
            Resolved::Custom { index, .. } => self.custom_precondition(index)?,
            _ => self.precondition(&resolved)?,
        }
        let room = MAX_PENDING.saturating_sub(self.pending.len());
        if self.effects_needed(&resolved) > room {
            return Err(ActionError::NothingToDo {
                reason: Nothing::QueueFull,
            });
        }
        Ok(resolved)
    }

    /// Effects an action schedules for later.
    fn effects_needed(&self, resolved: &Resolved) -> usize {
        use Coordination as C;
        match resolved {
            Resolved::Custom { index, .. } => usize::from(self.custom_changes_world(*index)),
            Resolved::Start(Start::RollingRestart) => self.fleet.len(),
            Resolved::Start(Start::ScaleOut | Start::RollbackDeploy)
            | Resolved::Coordinate(C::PageDevelopers | C::ApplyCodeFix { .. })
            | Resolved::Change(_) => 1,
            Resolved::Start(Start::RestartServer(_) | Start::RestartAll)
            | Resolved::Look(_)
            | Resolved::Coordinate(_) => 0,
        }
    }

    /// What the world must be like for the action to make sense.
    fn precondition(&self, resolved: &Resolved) -> Result<(), ActionError> {
        use Coordination as C;
        let nothing = |reason: Nothing| Err(ActionError::NothingToDo { reason });
        let fleet = &self.fleet;
        let response = &self.response;
        match resolved {
            Resolved::Look(Look::HeapProfile(s))
                if fleet.servers[*s as usize].state != ServerState::Up =>
            {
                Err(ActionError::HostDown {
                    host: fleet.name(*s).into(),
                })
            }
            Resolved::Coordinate(C::PageDevelopers)
                if response.developers_engaged || response.developers_paged_at.is_some() =>
            {
                nothing(Nothing::DevelopersPaged {
                    who: self.cfg.response.escalation_people().to_string(),
                })
            }
            // Whether the developers are there and have a hypothesis is part of what the fix
            // resolves to (the hypothesis they work from).
            Resolved::Coordinate(C::ApplyCodeFix { .. })
                if self.pending.contains(|e| *e == Effect::FixLive) =>
            {
                nothing(Nothing::FixOnItsWay)
            }
            Resolved::Start(Start::RollbackDeploy)
                if self.pending.contains(|e| *e == Effect::RollbackLive) =>
            {
                nothing(Nothing::RollbackOnItsWay)
            }
            // Whether there is an earlier release, a config change to revert, a runaway process
            // or room for a bigger heap is what a diagnostic shows: such changes are accepted
            // and land doing nothing useful.
            _ => Ok(()),
        }
    }

    /// The hypothesis the developers would fix: they must be engaged and one declared.
    pub(super) fn working_hypothesis(&self) -> Result<u32, ActionError> {
        if !self.response.developers_engaged {
            return Err(self.developers_missing());
        }
        self.response.hypothesis.ok_or(ActionError::NoHypothesis)
    }

    /// Why the developers cannot act yet: not paged, or paged and on their way.
    pub(super) fn developers_missing(&self) -> ActionError {
        match self.response.developers_paged_at {
            Some(paged) => ActionError::DevelopersPaged {
                who: self.cfg.response.escalation_people().to_string(),
                clock: super::clock::hhmm(
                    self.cfg.start_s_of_day,
                    paged + self.cfg.response.developers_response_s,
                ),
            },
            None => ActionError::DevelopersNotEngaged {
                who: self.cfg.response.escalation_people().to_string(),
            },
        }
    }
}
