//! What a session keeps beyond the world: the injects the facilitator sent and the people in the
//! room, and the run file of an ended session (see `record`).

use super::{Ending, Session};
use crate::record::{Delivered, Played, Roles, RunFile};

/// Why an inject could not be sent.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InjectError {
    #[error("this scenario has no inject `{0}`")]
    Unknown(String),
    #[error("`{id}` reached the room already, at {at}")]
    AlreadySent { id: String, at: String },
    #[error("the session is over: nothing reaches the room now")]
    RunOver,
}

/// Who played the run, when, and the room's roles (all optional).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct People {
    pub trainee: Option<String>,
    /// The day, as the browser gives it (`2026-12-01`).
    pub date: Option<String>,
    pub roles: Roles,
}

impl Session {
    /// What the facilitator sent the room so far, in the order sent.
    pub fn injects(&self) -> &[Delivered] {
        &self.injects
    }

    /// Sends an inject to the room now. Injects are what reached the people, not the world: the
    /// trace does not change, and the run records each with its tick so a replay shows it when
    /// it came. Only the scenario's own injects, each once, while the session runs.
    pub fn deliver(&mut self, inject: &str) -> Result<(), InjectError> {
        if self.ending.is_some() {
            return Err(InjectError::RunOver);
        }
        if self.scenario.planned(inject).is_none() {
            return Err(InjectError::Unknown(inject.to_string()));
        }
        if let Some(sent) = self.injects.iter().find(|i| i.inject == inject) {
            return Err(InjectError::AlreadySent {
                id: inject.to_string(),
                at: self.scenario.hhmm(sent.tick),
            });
        }
        self.injects.push(Delivered {
            tick: self.sim.tick(),
            inject: inject.to_string(),
        });
        Ok(())
    }

    /// The injects of a session rebuilt from a save or a run file (only those sent by now).
    pub fn set_injects(&mut self, injects: &[Delivered]) {
        let now = self.sim.tick();
        self.injects = injects.iter().filter(|i| i.tick <= now).cloned().collect();
    }

    /// The tick the session ended at, once it ended.
    pub fn ended_at(&self) -> Option<u32> {
        Some(match self.ending? {
            Ending::Declared { at } | Ending::Stopped { at } => at,
            Ending::TimeUp => self.scenario.config.duration_s,
        })
    }

    /// The run file of an ended, scored session: what a download or a link carries.
    pub fn run_file(&self) -> Option<RunFile> {
        let finished = self.finished.as_ref()?;
        let mut run = RunFile::played(&Played {
            scenario: &self.scenario,
            seed: self.seed(),
            actions: &self.actions,
            injects: &self.injects,
            ended_at: self.ended_at()?,
            score: finished.debrief.score,
            trace_hash: self.final_hash?,
        });
        run.trainee = self.people.trainee.clone();
        run.date = self.people.date.clone();
        run.roles = self.people.roles.clone();
        Some(run)
    }
}
