//! Saved sessions, so a reload can resume (`hooks::autosave` writes them when the state asks: on
//! start, on each action, once a simulated minute), read back with every way one can be wrong
//! reported in one line (and the save then discarded, never a crash); the best results. The
//! encoding is plain Rust and tested natively; only `local` touches the browser.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::session::{Session, ShownHint};
use crate::record::{Delivered, Roles};
use crate::scenario::{library, Scenario};
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
            scenario: from_file
                .then(|| Kept::Packed(crate::scenario::packed::pack_text(&session.scenario))),
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
    #[error("The saved session could not be read ({0}); it was discarded.")]
    Unreadable(serde_json::Error),
    #[error(
        "The saved session is from an older version of the trainer (format {0}); it was discarded."
    )]
    OldFormat(u32),
    #[error("The saved session is for `{0}`, which this version does not have; it was discarded.")]
    UnknownScenario(String),
    #[error("The saved session was played on another version of \"{0}\"; it was discarded.")]
    OtherVersion(String),
    #[error("The saved session does not replay ({0}); it was discarded.")]
    DoesNotReplay(ActionError),
    #[error("The saved session had already ended; it was discarded.")]
    Ended,
    #[error("The saved session's scenario could not be read ({0}); it was discarded.")]
    Scenario(String),
}

/// Reads a save back. The error is one line a trainee can read.
pub fn decode(text: &str) -> Result<Resumed, SaveError> {
    let save: Save = serde_json::from_str(text).map_err(SaveError::Unreadable)?;
    let same_layout =
        save.version == SAVE_VERSION || (save.version == 2 && save.scenario.is_none());
    if !same_layout || save.scenario == Some(Kept::Earlier) {
        return Err(SaveError::OldFormat(save.version));
    }
    let from_file = save.scenario.is_some();
    let scenario = match &save.scenario {
        Some(kept) => kept.unpack()?,
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

pub use kept::Kept;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{trace_hash, Action, ActionKind};

    /// Why a save was discarded, as the library's notice says it.
    fn refusal(text: &str) -> String {
        decode(text).err().expect("rejected").to_string()
    }

    fn played() -> Session {
        let s = Rc::new(library::builtin("ecommerce-memory-leak").unwrap());
        let mut session = Session::new(s, 7);
        session.advance(1_800);
        session
            .take(Action::on(ActionKind::RestartServer, "app-1"))
            .unwrap();
        session.advance(400);
        session.take(Action::new(ActionKind::ViewMemory)).unwrap();
        session.advance(123);
        session
    }

    #[test]
    fn a_save_resumes_exactly_where_it_was() {
        let mut session = played();
        session.deliver("support_tickets").unwrap();
        session.people.roles.commander = Some("Ada".into());
        let text = Save::of(&session, false).encode();
        let resumed = decode(&text).unwrap().session;
        assert_eq!(resumed.injects(), session.injects());
        assert_eq!(resumed.people.roles, session.people.roles);
        assert_eq!(resumed.tick(), session.tick());
        assert_eq!(resumed.actions(), session.actions());
        assert_eq!(
            trace_hash(resumed.sim().trace()),
            trace_hash(session.sim().trace())
        );
    }

    #[test]
    fn hints_on_and_what_they_showed_survive_a_save() {
        let s = Rc::new(library::builtin("ecommerce-memory-leak").unwrap());
        let mut session = Session::new(s, 3);
        session.set_hints(Some(Vec::new()));
        // Past the page and the real team's first useful step (15:00, after their detours): the
        // hints follow their path.
        session.advance(3_720);
        let shown = session.hints().unwrap().shown.clone();
        assert!(!shown.is_empty());
        let resumed = decode(&Save::of(&session, false).encode()).unwrap().session;
        assert_eq!(resumed.hints().unwrap().shown, shown);
        assert_eq!(resumed.hints().unwrap().now, session.hints().unwrap().now);
        // Hints off: none kept, none shown.
        let off = decode(&Save::of(&played(), false).encode())
            .unwrap()
            .session;
        assert!(off.hints().is_none());
    }

    #[test]
    fn a_session_of_a_scenario_from_a_file_saves_the_scenario_itself() {
        let (_, text) = library::BUILTIN[0];
        let own = text.replace("id = \"ecommerce-memory-leak\"", "id = \"our-own\"");
        let scenario = Rc::new(crate::scenario::parse("own.toml", &own).unwrap());
        let mut session = Session::new(scenario, 11);
        session.advance(1800);
        session.take(Action::new(ActionKind::ViewMemory)).unwrap();
        let resumed = decode(&Save::of(&session, true).encode()).unwrap();
        assert!(resumed.from_file);
        assert_eq!(*resumed.session.scenario, *session.scenario);
        assert_eq!(
            trace_hash(resumed.session.sim().trace()),
            trace_hash(session.sim().trace())
        );
        // A built-in's save does not carry it.
        assert!(!Save::of(&played(), false)
            .encode()
            .contains("\"scenario\":"));
    }

    #[test]
    fn a_save_taken_right_after_an_action_keeps_it() {
        let s = Rc::new(library::builtin("ecommerce-memory-leak").unwrap());
        let mut session = Session::new(s, 7);
        session.advance(600);
        session.take(Action::new(ActionKind::ViewMemory)).unwrap();
        let resumed = decode(&Save::of(&session, false).encode()).unwrap().session;
        assert_eq!(resumed.actions(), session.actions());
        assert_eq!(
            trace_hash(resumed.sim().trace()),
            trace_hash(session.sim().trace())
        );
    }

    #[test]
    fn unreadable_best_results_are_told_apart() {
        // The page sets them aside before a new result would overwrite them.
        assert!(!best_is_readable("garbage"));
        assert!(best_is_readable(&Best::default().encode()));
    }

    #[test]
    fn a_files_scenario_in_a_save_is_read_back_or_refused_in_one_line() {
        let good = Save::of(&played(), false);
        let kept = |scenario: &str| {
            good.encode()
                .replace("\"seed\"", &format!("\"scenario\":{scenario},\"seed\""))
        };
        let cases = [
            // As an earlier version kept it (JSON): said to be from that version.
            (kept("{\"meta\":3}"), "older version of the trainer"),
            (kept("\"AAAA\""), "scenario could not be read"),
            (kept("7"), "could not be read"),
        ];
        for (text, expected) in cases {
            let err = refusal(&text);
            assert!(err.contains(expected), "{err}");
            assert!(!err.contains('\n'), "one line: {err}");
        }
        // A built-in's save from version 2 has today's layout: it resumes.
        let earlier = Save {
            version: 2,
            ..good.clone()
        };
        assert!(decode(&earlier.encode()).is_ok());
    }

    #[test]
    fn bad_saves_are_explained_in_one_line() {
        let session = played();
        let good = Save::of(&session, false);
        let cases = [
            ("{not json".to_string(), "could not be read"),
            ("".to_string(), "could not be read"),
            (
                Save {
                    version: 0,
                    ..good.clone()
                }
                .encode(),
                "older version of the trainer",
            ),
            (
                Save {
                    content_hash: "0000000000000001".into(),
                    ..good.clone()
                }
                .encode(),
                "another version of",
            ),
            (
                Save {
                    scenario_id: "gone".into(),
                    ..good.clone()
                }
                .encode(),
                "does not have",
            ),
        ];
        for (text, expected) in cases {
            let err = refusal(&text);
            assert!(err.contains(expected), "{err}");
            assert!(!err.contains('\n'), "one line: {err}");
        }
        // An action the world refuses at its tick: tampered, so it does not replay.
        let mut tampered = good;
        tampered.actions[1].tick = tampered.actions[0].tick + 1;
        let err = refusal(&tampered.encode());
        assert!(err.contains("does not replay"), "{err}");
    }

    #[test]
    fn best_results_keep_the_best_score_and_the_earliest_restore() {
        let mut best = Best::decode(Some("garbage"));
        assert!(best.record("x", None, 4.0));
        assert!(best.record("x", Some(9_000), 48.0));
        assert!(!best.record("x", Some(9_500), 41.0));
        assert!(!best.record("x", Some(8_000), 47.0));
        let back = Best::decode(Some(&best.encode()));
        let r = back.get("x").unwrap();
        assert_eq!(
            (r.restored_at, r.score, r.attempts),
            (Some(8_000), Some(48.0), 4)
        );
        // A record written before scores existed still reads.
        let old = Best::decode(Some(
            r#"{"results":[{"scenario_id":"x","restored_at":9000,"attempts":2}]}"#,
        ));
        assert_eq!(old.get("x").unwrap().restored_at, Some(9_000));
        assert_eq!(old.get("x").unwrap().score, None);
    }
}
