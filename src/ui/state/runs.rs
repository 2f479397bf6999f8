//! Runs opened in the page, from a run file or a share link: read, matched with a scenario the
//! page has, and replayed to check what they claim. The replay screen opens one; the cohort
//! review opens many. Plain Rust, tested natively.

use std::rc::Rc;

use crate::record::{self, Replayed, RunError, RunFile, Verdict};
use crate::scenario::{library, Scenario};

/// A run opened in the page and replayed on the scenario it names.
pub struct OpenedRun {
    /// Where it came from: the file's name, or "the link".
    pub source: String,
    pub run: RunFile,
    /// The scenario it replays on (today's version, when it changed since).
    pub scenario: Rc<Scenario>,
    /// The scenario is not a built-in (it was opened from a file): a session taken over from
    /// this run is saved with it.
    pub from_file: bool,
    /// The replay to the time limit, and how it compares with what the run claims.
    pub replayed: Replayed,
}

/// Why a run could not be opened, and from where (one line for the library).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{source_name} could not be opened: {error}")]
pub struct RunRefused {
    pub source_name: String,
    pub error: RunError,
}

impl OpenedRun {
    pub fn is_exact(&self) -> bool {
        self.replayed.verdict == Verdict::Exact
    }

    /// The tick the run ended at, on the scenario it replays on.
    pub fn ended_at(&self) -> u32 {
        self.run.ended_at.min(self.scenario.config.duration_s)
    }
}

/// Reads a run from `source` (a file's name, or "the link"), finds its scenario among the
/// built-ins and the scenarios opened from files, and replays it.
pub fn open_run(source: &str, text: &str, open: &[&Scenario]) -> Result<OpenedRun, RunRefused> {
    let refused = |error| RunRefused {
        source_name: source.to_string(),
        error,
    };
    let run = record::read_any(text).map_err(refused)?;
    let scenario = record::scenario_for(&run, open).map_err(refused)?;
    let from_file =
        library::builtin(&scenario.meta.id).is_none_or(|b| b.content_hash != scenario.content_hash);
    let replayed = record::replay(&run, &scenario);
    Ok(OpenedRun {
        source: source.to_string(),
        run,
        scenario: Rc::new(scenario),
        from_file,
        replayed,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::record::link;
    use crate::scenario::library;
    use crate::sim::{Action, ActionKind};
    use crate::ui::session::Session;

    /// The real team's path as a trainee would play it, declared at the end.
    pub(crate) fn played(id: &str) -> RunFile {
        let s = Rc::new(library::builtin(id).unwrap());
        let mut session = Session::new(Rc::clone(&s), s.seed);
        for step in s.reference_actions() {
            session.advance(step.tick.saturating_sub(session.tick()));
            session.take(step.action).unwrap();
        }
        session.advance(600);
        session
            .take(Action::new(ActionKind::DeclareResolved))
            .unwrap();
        session.finished().unwrap();
        session.people.trainee = Some("Ada".into());
        session.run_file().unwrap()
    }

    #[test]
    fn a_file_and_a_link_open_the_same_exact_run() {
        let run = played("ecommerce-memory-leak");
        let file = open_run("ada.run.json", &run.to_json(), &[]).unwrap();
        assert!(file.is_exact(), "{:?}", file.replayed.verdict);
        assert!(!file.from_file);
        let url = format!("https://example.org/#{}", link::encode(&run));
        let linked = open_run("the link", &url, &[]).unwrap();
        assert!(linked.is_exact());
        // A link carries no clock times or title (the scenario has them).
        assert_eq!(linked.run.scheduled(), file.run.scheduled());
        assert_eq!(linked.run.result, file.run.result);
        assert_eq!(linked.ended_at(), run.ended_at);
    }

    #[test]
    fn a_bad_run_says_where_it_came_from_and_what_is_wrong() {
        let run = played("ecommerce-memory-leak");
        let mut cut = link::encode(&run);
        cut.truncate(cut.len() - 5);
        let refused = open_run("the link", &cut, &[]).err().unwrap();
        assert_eq!(refused.error, RunError::Checksum);
        assert!(refused
            .to_string()
            .starts_with("the link could not be opened: the link is damaged"));
        let mut other = run.clone();
        other.scenario.id = "not-here".into();
        let refused = open_run("x.run.json", &other.to_json(), &[]).err().unwrap();
        assert_eq!(refused.error, RunError::UnknownScenario("not-here".into()));
        let refused = open_run("x.run.json", "{ \"format\": 1", &[])
            .err()
            .unwrap();
        assert!(matches!(refused.error, RunError::Json { line: 1, .. }));
    }

    #[test]
    fn an_edited_score_replays_but_is_not_exact() {
        let mut run = played("ecommerce-memory-leak");
        run.result.score = 99.0;
        let opened = open_run("x.run.json", &run.to_json(), &[]).unwrap();
        assert!(matches!(
            opened.replayed.verdict,
            Verdict::Rescored { claimed_score } if claimed_score == 99.0
        ));
    }
}
