//! The onboarding track: the library in order (easiest first, a guided incident first among
//! equals), a suggested order rather than a gate, and the trainee's progress as a file to take to
//! another browser. Plain Rust, tested natively.
//!
//! Nothing is locked: every incident in the library opens, from its card or from the track. The
//! track says which incidents are resolved, which one is next (the first in order not resolved
//! yet: where "Continue" goes) and that the rest come later. One rule, `steps`, and one wording,
//! `StepState::label`, for the track and the cards alike.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::storage::{Best, BestResult};
use crate::scenario::Scenario;

/// What a progress file says it is, so another JSON file is told apart.
pub const FORMAT: &str = "incident-trainer-progress";
pub const VERSION: u32 = 1;

/// Easiest first; among equals, scenarios that coach (their own hints) first.
pub fn order(scenarios: &mut [Rc<Scenario>]) {
    scenarios.sort_by_key(|s| (s.meta.difficulty, s.hints.is_empty()));
}

/// The built-in scenarios in that order (a guided one first): the library reads as the
/// onboarding track, and the author's page offers them to start from in the same order.
pub fn builtins() -> Vec<Rc<Scenario>> {
    let mut all: Vec<Rc<Scenario>> = crate::scenario::library::ids()
        .filter_map(|id| crate::scenario::library::builtin(id).map(Rc::new))
        .collect();
    order(&mut all);
    all
}

#[derive(Clone, Debug, PartialEq)]
pub enum StepState {
    /// Resolved at least once.
    Done,
    /// The first incident in order not resolved yet: the one the track suggests now.
    Next,
    /// Later in the track than the next one (its title); open all the same.
    Later { next: String },
}

impl StepState {
    /// What the track and the library's card say about it.
    pub fn label(&self) -> String {
        match self {
            StepState::Done => "Resolved".to_string(),
            StepState::Next => "Up next: the track suggests this one now".to_string(),
            // The next one's title is on the track's Continue button: not repeated on every step.
            StepState::Later { .. } => "Later on the track: play it now if you like".to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub id: String,
    pub title: String,
    pub state: StepState,
}

/// The track over `scenarios` (already in order) with the trainee's results: resolved ones are
/// done, the first not resolved is next, every other one comes later. Playing out of order is
/// fine and counts: a step's state depends on its own result and on which one is next, never on
/// its neighbour's.
pub fn steps(scenarios: &[Rc<Scenario>], best: &Best) -> Vec<Step> {
    let resolved = |id: &str| best.get(id).is_some_and(|r| r.restored_at.is_some());
    let next = scenarios.iter().find(|s| !resolved(&s.meta.id));
    scenarios
        .iter()
        .map(|s| {
            let state = match next {
                _ if resolved(&s.meta.id) => StepState::Done,
                Some(n) if n.meta.id == s.meta.id => StepState::Next,
                _ => StepState::Later {
                    next: next.map_or(String::new(), |n| n.meta.title.clone()),
                },
            };
            Step {
                id: s.meta.id.clone(),
                title: s.meta.title.clone(),
                state,
            }
        })
        .collect()
}

/// Where "Continue" goes: the next step, if any is not resolved yet.
pub fn next(steps: &[Step]) -> Option<&Step> {
    steps.iter().find(|s| s.state == StepState::Next)
}

/// What a library card says about the incident's place on the track ("Track 3 of 8: Resolved");
/// `None` for a scenario not on it (one opened from a file).
pub fn card_note(steps: &[Step], id: &str) -> Option<String> {
    let i = steps.iter().position(|s| s.id == id)?;
    Some(format!(
        "Track {} of {}: {}",
        i + 1,
        steps.len(),
        steps[i].state.label()
    ))
}

#[derive(Serialize, Deserialize)]
struct ProgressFile {
    format: String,
    version: u32,
    results: Vec<BestResult>,
}

/// The progress file for the trainee's results.
pub fn export(best: &Best) -> String {
    let file = ProgressFile {
        format: FORMAT.to_string(),
        version: VERSION,
        results: best.results.clone(),
    };
    serde_json::to_string_pretty(&file).expect("progress serialises")
}

/// What is wrong with a progress file, in one line.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("This is not a progress file: it is not JSON ({0}).")]
    NotJson(serde_json::Error),
    #[error("This is not a progress file: it does not say `\"format\": \"{FORMAT}\"`.")]
    NotProgress,
    #[error("The progress file could not be read: {0}.")]
    Unreadable(serde_json::Error),
    #[error("The progress file is from another version of the trainer (version {0}).")]
    OtherVersion(u32),
    #[error("The progress file has a result with no scenario id.")]
    NoScenarioId,
    #[error("The progress file's score for `{0}` is not between 0 and 100.")]
    ScoreOutOfRange(String),
}

/// Reads a progress file; the error says in one line what is wrong with it.
pub fn import(text: &str) -> Result<Best, ImportError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(ImportError::NotJson)?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(ImportError::NotProgress);
    }
    let file: ProgressFile = serde_json::from_value(value).map_err(ImportError::Unreadable)?;
    if file.version != VERSION {
        return Err(ImportError::OtherVersion(file.version));
    }
    for r in &file.results {
        if r.scenario_id.trim().is_empty() {
            return Err(ImportError::NoScenarioId);
        }
        if r.score.is_some_and(|s| !(0.0..=100.0).contains(&s)) {
            return Err(ImportError::ScoreOutOfRange(r.scenario_id.clone()));
        }
    }
    Ok(Best {
        results: file.results,
    })
}

/// Both records together, nothing lost: per scenario the best score, the earliest restore and
/// the larger attempt count (importing the same file twice changes nothing).
pub fn merge(mine: &Best, theirs: &Best) -> Best {
    let mut out = mine.clone();
    for t in &theirs.results {
        match out
            .results
            .iter_mut()
            .find(|r| r.scenario_id == t.scenario_id)
        {
            Some(r) => {
                r.attempts = r.attempts.max(t.attempts);
                r.restored_at = match (r.restored_at, t.restored_at) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                r.score = match (r.score, t.score) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                };
            }
            None => out.results.push(t.clone()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::library;

    fn library_in_order() -> Vec<Rc<Scenario>> {
        let mut all: Vec<Rc<Scenario>> = library::ids()
            .map(|id| Rc::new(library::builtin(id).unwrap()))
            .collect();
        order(&mut all);
        all
    }

    #[test]
    fn the_track_starts_with_the_guided_incident_and_suggests_one_at_a_time() {
        let all = library_in_order();
        assert_eq!(all[0].meta.id, "first-shift");
        let levels: Vec<_> = all.iter().map(|s| s.meta.difficulty).collect();
        assert!(levels.windows(2).all(|w| w[0] <= w[1]), "{levels:?}");
        let mut best = Best::default();
        let track = steps(&all, &best);
        assert_eq!(track[0].state, StepState::Next);
        let later = StepState::Later {
            next: all[0].meta.title.clone(),
        };
        assert!(track[1..].iter().all(|s| s.state == later));
        assert_eq!(next(&track).unwrap().id, "first-shift");
        // Played but not resolved: still next.
        best.record("first-shift", None, 20.0);
        assert_eq!(steps(&all, &best)[0].state, StepState::Next);
        best.record("first-shift", Some(1200), 60.0);
        let track = steps(&all, &best);
        assert_eq!(track[0].state, StepState::Done);
        assert_eq!(track[1].state, StepState::Next);
        assert!(matches!(track[2].state, StepState::Later { .. }));
        assert_eq!(next(&track).unwrap().id, all[1].meta.id);
    }

    #[test]
    fn playing_out_of_order_counts_and_opens_nothing_out_of_turn() {
        // Items 4 and 5 resolved, 1 to 3 not: 4 and 5 are done, 1 is next, 2, 3 and 6 come
        // later alike (no step is told apart by its neighbour's result).
        let all = library_in_order();
        let mut best = Best::default();
        best.record(&all[3].meta.id, Some(900), 70.0);
        best.record(&all[4].meta.id, Some(900), 70.0);
        let track = steps(&all, &best);
        let states: Vec<&StepState> = track.iter().map(|s| &s.state).collect();
        let later = StepState::Later {
            next: all[0].meta.title.clone(),
        };
        assert_eq!(states[0], &StepState::Next);
        assert_eq!(states[1], &later);
        assert_eq!(states[2], &later);
        assert_eq!(states[3], &StepState::Done);
        assert_eq!(states[4], &StepState::Done);
        assert_eq!(states[5], &later);
        assert_eq!(next(&track).unwrap().id, all[0].meta.id);
        // The card says the same as the track, in the same words.
        assert_eq!(
            card_note(&track, &all[3].meta.id).unwrap(),
            format!("Track 4 of {}: Resolved", all.len())
        );
        let note = card_note(&track, &all[5].meta.id).unwrap();
        assert!(note.ends_with(&later.label()), "{note}");
        assert!(!note.to_lowercase().contains("locked"), "{note}");
        assert_eq!(card_note(&track, "a-file-of-my-own"), None);
        // All resolved: nothing is next.
        for s in &all {
            best.record(&s.meta.id, Some(900), 70.0);
        }
        assert_eq!(next(&steps(&all, &best)), None);
    }

    #[test]
    fn progress_goes_out_as_a_file_and_comes_back_merged() {
        let mut mine = Best::default();
        mine.record("first-shift", Some(1300), 55.0);
        let mut theirs = Best::default();
        theirs.record("first-shift", Some(1200), 40.0);
        theirs.record("launch-surge", None, 12.0);
        let read = import(&export(&theirs)).unwrap();
        assert_eq!(read, theirs);
        let merged = merge(&mine, &read);
        let first = merged.get("first-shift").unwrap();
        assert_eq!((first.restored_at, first.score), (Some(1200), Some(55.0)));
        assert!(merged.get("launch-surge").is_some());
        assert_eq!(
            merge(&merged, &read),
            merged,
            "importing twice changes nothing"
        );
    }

    #[test]
    fn a_bad_progress_file_says_what_is_wrong() {
        let e = import("hello").unwrap_err().to_string();
        assert!(e.contains("not JSON"), "{e}");
        let e = import(r#"{"results": []}"#).unwrap_err().to_string();
        assert!(e.contains("does not say"), "{e}");
        let e = import(r#"{"format": "incident-trainer-progress", "version": 1, "results": [{"scenario_id": 3}]}"#).unwrap_err().to_string();
        assert!(e.starts_with("The progress file could not be read"), "{e}");
        let e = import(r#"{"format": "incident-trainer-progress", "version": 7, "results": []}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("version 7"), "{e}");
        let e = import(r#"{"format": "incident-trainer-progress", "version": 1, "results": [{"scenario_id": "x", "attempts": 1, "score": 900}]}"#).unwrap_err().to_string();
        assert!(e.contains("between 0 and 100"), "{e}");
    }
}
