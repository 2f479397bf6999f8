//! Saved sessions, so a reload can resume (`hooks::autosave` writes them when the state asks: on
//! start, on each action, once a simulated minute), read back with every way one can be wrong
//! reported in one line (and the save then discarded, never a crash); the best results. The
//! encoding is plain Rust and tested natively; only `local` touches the browser.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::session::{Session, ShownHint};
use crate::record::{Delivered, Roles};
use crate::scenario::{library, packed, Scenario};
use crate::sim::{ActionError, ScheduledAction};

/// Bumped when the save layout changes; older saves are discarded with a message.
/// 2: a scenario opened from a file is saved compiled (the page has no TOML parser to re-read it).
/// 3: that scenario is kept packed (`scenario::packed`), not as JSON. A version 2 save of a
/// built-in (no scenario in it) has the same layout and still resumes.
pub const SAVE_VERSION: u32 = 3;
pub const SESSION_KEY: &str = "incident-trainer.session";
pub const BEST_KEY: &str = "incident-trainer.best";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Save {
    pub version: u32,
    pub scenario_id: String,
    /// The scenario itself when it was opened from a file (built-ins are in the app).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<Kept>,
    /// The scenario's content hash, hex: a save from another version of it cannot resume.
    pub content_hash: String,
    pub seed: u64,
    pub tick: u32,
    pub actions: Vec<ScheduledAction>,
    /// Hints on: the ones shown so far (absent: hints off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hints: Option<Vec<ShownHint>>,
    /// What the facilitator sent the room (a facilitated session resumes with them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub injects: Vec<Delivered>,
    /// The room's roles, as the facilitator named them.
    #[serde(default, skip_serializing_if = "Roles::is_empty")]
    pub roles: Roles,
}

impl Save {
    pub fn of(session: &Session, from_file: bool) -> Save {
        Save {
            version: SAVE_VERSION,
            scenario_id: session.scenario.meta.id.clone(),
            scenario: from_file.then(|| Kept::Packed(packed::pack_text(&session.scenario))),
            content_hash: format!("{:016x}", session.scenario.content_hash),
            seed: session.seed(),
            tick: session.tick(),
            actions: session.actions().to_vec(),
            hints: session.hints().map(|h| h.shown.clone()),
            injects: session.injects().to_vec(),
            roles: session.people.roles.clone(),
        }
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(self).expect("saves serialise")
    }
}

/// A save, checked and turned back into a running session.
pub struct Resumed {
    pub session: Session,
    pub from_file: bool,
}

/// Why a save was discarded, in one line a trainee can read.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("The saved session could not be read ({0})")]
    Unreadable(serde_json::Error),
    #[error("The saved session is from an older version of the trainer (format {0})")]
    OldFormat(u32),
    #[error("The saved session is for `{0}`, which this version does not have; it was discarded.")]
    UnknownScenario(String),
    #[error("The saved session was played on another version of \"{0}\"; it was discarded.")]
    OtherVersion(String),
    #[error("The saved session does not replay ({0}); it was discarded.")]
    DoesNotReplay(ActionError),
    #[error("The saved session had already ended; it was discarded.")]
    Ended,
    #[error("The saved session's scenario could not be read ({0})")]
    Scenario(String),
}

impl SaveError {
    /// A save this version cannot read is kept aside (another version, or a person, may), and the
    /// page says where; one it read and found stale or done is discarded, as its message says.
    pub fn keep_aside(&self) -> bool {
        matches!(
            self,
            SaveError::Unreadable(_) | SaveError::OldFormat(_) | SaveError::Scenario(_)
        )
    }
}

/// Reads a save back. The error is one line a trainee can read.
pub fn decode(text: &str) -> Result<Resumed, SaveError> {
    let save: Save = serde_json::from_str(text).map_err(SaveError::Unreadable)?;
    let same_layout =
        save.version == SAVE_VERSION || (save.version == 2 && save.scenario.is_none());
    if !same_layout {
        return Err(SaveError::OldFormat(save.version));
    }
    let from_file = save.scenario.is_some();
    let scenario = match &save.scenario {
        Some(Kept::Packed(text)) => {
            packed::unpack_text(text).map_err(|e| SaveError::Scenario(e.to_string()))?
        }
        // Format 2 kept a file's scenario as JSON.
        Some(Kept::Earlier) => return Err(SaveError::OldFormat(2)),
        None => library::builtin(&save.scenario_id)
            .ok_or_else(|| SaveError::UnknownScenario(save.scenario_id.clone()))?,
    };
    check_version(&scenario, &save)?;
    let mut session = Session::replay(Rc::new(scenario), save.seed, &save.actions, save.tick)
        .map_err(SaveError::DoesNotReplay)?;
    session.set_hints(save.hints);
    session.set_injects(&save.injects);
    session.people.roles = save.roles;
    if session.ending().is_some() {
        return Err(SaveError::Ended);
    }
    Ok(Resumed { session, from_file })
}

fn check_version(scenario: &Scenario, save: &Save) -> Result<(), SaveError> {
    if format!("{:016x}", scenario.content_hash) != save.content_hash {
        return Err(SaveError::OtherVersion(scenario.meta.title.clone()));
    }
    Ok(())
}

/// Best results per scenario, kept across sessions: the best score, the earliest restore and how
/// many attempts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Best {
    pub results: Vec<BestResult>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BestResult {
    pub scenario_id: String,
    /// Tick service was restored at, the earliest of all attempts.
    #[serde(default)]
    pub restored_at: Option<u32>,
    pub attempts: u32,
    /// The best debrief score (records from before scoring have none).
    #[serde(default)]
    pub score: Option<f64>,
}

impl Best {
    /// Reads the record; anything unreadable counts as no record (it is only a convenience).
    pub fn decode(text: Option<&str>) -> Best {
        text.and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or_default()
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(self).expect("records serialise")
    }

    pub fn get(&self, id: &str) -> Option<&BestResult> {
        self.results.iter().find(|r| r.scenario_id == id)
    }

    /// Records an attempt; returns true when its score is a new best.
    pub fn record(&mut self, id: &str, restored_at: Option<u32>, score: f64) -> bool {
        let i = match self.results.iter().position(|r| r.scenario_id == id) {
            Some(i) => i,
            None => {
                self.results.push(BestResult {
                    scenario_id: id.to_string(),
                    restored_at: None,
                    attempts: 0,
                    score: None,
                });
                self.results.len() - 1
            }
        };
        let r = &mut self.results[i];
        r.attempts += 1;
        if let Some(t) = restored_at {
            r.restored_at = Some(r.restored_at.map_or(t, |best| best.min(t)));
        }
        let better = r.score.is_none_or(|best| score > best);
        if better {
            r.score = Some(score);
        }
        better
    }
}

/// Where a saved session that could not be read is moved: set aside, never deleted.
pub const SESSION_UNREADABLE_KEY: &str = "incident-trainer.session.unreadable";
/// Where best results that could not be read are moved, before the next result overwrites them.
pub const BEST_UNREADABLE_KEY: &str = "incident-trainer.best.unreadable";

/// Whether stored best results read as a record: anything else is set aside, not overwritten.
pub fn best_is_readable(text: &str) -> bool {
    serde_json::from_str::<Best>(text).is_ok()
}

mod kept;
#[cfg(target_arch = "wasm32")]
pub mod local;
#[cfg(target_arch = "wasm32")]
pub mod session;

pub use kept::Kept;

#[cfg(test)]
mod tests;
