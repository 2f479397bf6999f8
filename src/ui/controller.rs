//! What the trainee's clicks do: each one goes through the session, the saves and the reducer
//! here, so the screens only render and call back.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::components::SessionRef;
use super::progress;
use super::session::Session;
use super::state::{Msg, Screen, Speed, UiState};
use super::storage::{self, local, Best, Save, BEST_KEY, SESSION_KEY};
use super::validator::{Validator, WorkerError};
use crate::scenario::{Diagnostic, Scenario};
use crate::sim::Action;
use crate::ui::view::format;
use crate::worker::protocol::Reply;

/// A scenario opened from a file (saved with a session so it can resume).
#[derive(Clone, PartialEq)]
pub struct Opened {
    pub scenario: Rc<Scenario>,
}

/// What the app keeps outside the reducer besides the session.
#[derive(Default)]
pub struct Keep {
    /// The running scenario came from a file (it is saved with the session).
    from_file: bool,
    validator: Option<Validator>,
    /// The file the validator is checking.
    checking: String,
    /// The frame that scores an ended session.
    scoring: Option<gloo::render::AnimationFrame>,
    resumable: Option<storage::Resumed>,
    download: Option<gloo::file::ObjectUrl>,
    reader: Option<gloo::file::callbacks::FileReader>,
    last_saved_minute: u32,
}

#[derive(Clone)]
pub struct Controller {
    pub dispatcher: UseReducerDispatcher<UiState>,
    pub session: SessionRef,
    pub keep: Rc<RefCell<Keep>>,
    pub best: UseStateHandle<Best>,
    pub message: UseStateHandle<String>,
    pub opened: UseStateHandle<Option<Opened>>,
    pub file_errors: UseStateHandle<Vec<Diagnostic>>,
    pub resume_text: UseStateHandle<Option<String>>,
    /// The best score on the finished scenario before the run that just ended.
    pub best_before: UseStateHandle<Option<f64>>,
    /// The ended session has been scored (the debrief is ready).
    pub scored: UseStateHandle<bool>,
    /// What became of the last progress import.
    pub progress_note: UseStateHandle<Option<String>>,
}

impl Controller {
    /// A callback that runs `f` on this controller.
    pub fn cb<T: 'static>(&self, f: fn(&Controller, T)) -> Callback<T> {
        let c = self.clone();
        Callback::from(move |x| f(&c, x))
    }

    fn save(&self, session: &Session) {
        let keep = self.keep.borrow();
        let text = Save::of(session, keep.from_file).encode();
        if let Err(why) = local::write(SESSION_KEY, &text) {
            self.dispatcher.dispatch(Msg::Announce(why.to_string()));
        }
    }

    /// On first load: a saved session to offer, or a one-line notice of why it was discarded.
    pub fn load_saved(&self) {
        let Some(text) = local::read(SESSION_KEY) else {
            return;
        };
        match storage::decode(&text) {
            Ok(resumed) => {
                let s = &resumed.session;
                self.resume_text.set(Some(format!(
                    "You have a session of \"{}\" in progress, at {} with {} action(s) taken.",
                    s.scenario.meta.title,
                    format::clock(&s.scenario, s.tick()),
                    s.actions().len()
                )));
                self.keep.borrow_mut().resumable = Some(resumed);
            }
            Err(why) => {
                local::remove(SESSION_KEY);
                self.dispatcher.dispatch(Msg::Notice(Some(why.to_string())));
            }
        }
    }

    pub fn resume(&self, yes: bool) {
        let taken = self.keep.borrow_mut().resumable.take();
        self.resume_text.set(None);
        match (yes, taken) {
            (true, Some(r)) => {
                let tick = r.session.tick();
                self.scored.set(false);
                self.keep.borrow_mut().from_file = r.from_file;
                *self.session.0.borrow_mut() = Some(r.session);
                self.dispatcher.dispatch(Msg::Show(Screen::Console, tick));
            }
            _ => local::remove(SESSION_KEY),
        }
    }

    /// Opens a scenario's briefing with a fresh session (the scenario's own seed unless given).
    pub fn open(&self, (scenario, seed): (Rc<Scenario>, Option<u64>)) {
        let seed = seed.unwrap_or(scenario.seed);
        self.scored.set(false);
        let from_file = self
            .opened
            .as_ref()
            .is_some_and(|o| Rc::ptr_eq(&o.scenario, &scenario));
        self.keep.borrow_mut().from_file = from_file;
        *self.session.0.borrow_mut() = Some(Session::new(scenario, seed));
        self.dispatcher.dispatch(Msg::Show(Screen::Briefing, 0));
    }

    /// Plays a scenario written on the author's page: like a file opened in the library (it is
    /// saved with the session, and listed in the library until another file is opened).
    pub fn play(&self, scenario: Rc<Scenario>) {
        self.opened.set(Some(Opened {
            scenario: Rc::clone(&scenario),
        }));
        self.file_errors.set(Vec::new());
        self.scored.set(false);
        self.keep.borrow_mut().from_file = true;
        let seed = scenario.seed;
        *self.session.0.borrow_mut() = Some(Session::new(scenario, seed));
        self.dispatcher.dispatch(Msg::Show(Screen::Briefing, 0));
    }

    pub fn start(&self, hints: bool) {
        if let Some(s) = self.session.0.borrow_mut().as_mut() {
            s.set_hints(hints.then(Vec::new));
            self.save(s);
        }
        self.dispatcher.dispatch(Msg::Show(Screen::Console, 0));
        self.dispatcher.dispatch(Msg::SetSpeed(Speed::X10));
    }

    pub fn show(&self, screen: Screen) {
        self.dispatcher.dispatch(Msg::Show(screen, 0));
    }

    /// Time moved by `n` simulated seconds (a frame, or "advance 1 minute").
    pub fn advance(&self, n: u32) {
        let mut announce = Vec::new();
        let (ended, tick, scraped, ready) = {
            let mut guard = self.session.0.borrow_mut();
            let Some(s) = guard.as_mut() else { return };
            let advanced = s.advance(n);
            if let Some(hint) = &advanced.hint {
                announce.push(format!("Hint: {hint}"));
            }
            let alerts = &s.scenario.config.alerts;
            for rule in &advanced.happened.alerts_fired {
                if let Some(r) = alerts.get(*rule as usize).filter(|r| r.delivered) {
                    announce.push(format!("Alert firing: {}", r.title));
                }
            }
            let ready = advanced.happened.findings_ready.last().copied();
            if let Some(i) = ready {
                let action = &s.sim().trace().findings[i].action;
                announce.push(format!("Finding ready: {action}"));
            }
            let minute = s.tick() / 60;
            let due = minute != self.keep.borrow().last_saved_minute;
            if advanced.ended.is_none() && due {
                self.keep.borrow_mut().last_saved_minute = minute;
                self.save(s);
            }
            (
                advanced.ended.is_some(),
                s.tick(),
                advanced.scrapes > 0,
                ready,
            )
        };
        self.dispatcher.dispatch(Msg::Advanced {
            tick,
            scraped: scraped || ready.is_some(),
        });
        if let Some(i) = ready {
            self.dispatcher.dispatch(Msg::OpenFinding(Some(i)));
        }
        if !announce.is_empty() {
            self.dispatcher.dispatch(Msg::Announce(announce.join(". ")));
        }
        if ended {
            self.finish();
        }
    }

    /// Takes an action now; a refusal is shown and announced in the core's words.
    pub fn take(&self, action: Action) {
        let mut guard = self.session.0.borrow_mut();
        let Some(s) = guard.as_mut() else { return };
        match s.take(action.clone()) {
            Ok(_) if s.ending().is_some() => {
                // Declared resolved: the response is over; the afternoon plays out in the debrief.
                drop(guard);
                self.finish();
            }
            Ok(taken) => {
                self.save(s);
                self.message.set(String::new());
                self.dispatcher.dispatch(Msg::Acted);
                self.dispatcher.dispatch(Msg::Announce(format!(
                    "{action}: under way, done at {}",
                    format::clock_seconds(&s.scenario, taken.ready_at)
                )));
            }
            Err(e) => {
                let words = format!("{action}: {e}");
                self.message.set(words.clone());
                self.dispatcher.dispatch(Msg::Announce(words));
            }
        }
    }

    /// The trainee ends the session early.
    pub fn stop(&self, _: ()) {
        if let Some(s) = self.session.0.borrow_mut().as_mut() {
            s.stop();
        }
        self.finish();
    }

    /// The session ended: drop the save and show the end screen; the comparison with the real
    /// team (which replays their path) runs on the next frame, so finishing the afternoon and
    /// scoring it are two short tasks rather than one long one.
    fn finish(&self) {
        let Some(tick) = self.session.get().map(|s| s.tick()) else {
            return;
        };
        local::remove(SESSION_KEY);
        self.dispatcher.dispatch(Msg::Show(Screen::End, tick));
        let c = self.clone();
        let frame = gloo::render::request_animation_frame(move |_| c.score());
        self.keep.borrow_mut().scoring = Some(frame);
    }

    /// Scores the finished session and records the best result.
    fn score(&self) {
        let finished = self
            .session
            .0
            .borrow_mut()
            .as_mut()
            .and_then(|s| s.finished());
        let Some(s) = self.session.get() else { return };
        let score = finished.as_ref().map_or(0.0, |f| f.debrief.score);
        let resolved_at = finished.as_ref().and_then(|f| f.debrief.resolved_at());
        let mut record = (*self.best).clone();
        self.best_before
            .set(record.get(&s.scenario.meta.id).and_then(|r| r.score));
        record.record(&s.scenario.meta.id, resolved_at, score);
        let _ = local::write(BEST_KEY, &record.encode());
        self.best.set(record);
        self.scored.set(true);
    }

    /// Try the same scenario again, with the same seed or a new one.
    pub fn again(&self, same_seed: bool) {
        let Some((scenario, seed)) = self.session.get().map(|s| (Rc::clone(&s.scenario), s.seed))
        else {
            return;
        };
        let seed = if same_seed { seed } else { browser::new_seed() };
        self.open((scenario, Some(seed)));
    }

    /// Downloads the run as the command line's actions file.
    pub fn download(&self, _: ()) {
        let Some((json, name)) = self.session.get().map(|s| {
            let name = format!("{}-seed-{}.json", s.scenario.meta.id, s.seed);
            (s.actions_json(), name)
        }) else {
            return;
        };
        self.download_text(&json, "application/json", &name);
    }

    /// Downloads the postmortem draft (Markdown) the debrief shows.
    pub fn download_postmortem(&self, text: String) {
        let Some(name) = self
            .session
            .get()
            .map(|s| format!("{}-seed-{}-postmortem.md", s.scenario.meta.id, s.seed))
        else {
            return;
        };
        self.download_text(&text, "text/markdown", &name);
    }

    fn download_text(&self, text: &str, mime: &str, name: &str) {
        let blob = gloo::file::Blob::new_with_options(text, Some(mime));
        let url = gloo::file::ObjectUrl::from(blob);
        browser::download(&url, name);
        // Kept until the next download: revoking it at once could cut the download short.
        self.keep.borrow_mut().download = Some(url);
    }

    /// Downloads the trainee's progress (results per incident) as a file.
    pub fn export_progress(&self, _: ()) {
        let text = progress::export(&self.best);
        self.download_text(&text, "application/json", "incident-trainer-progress.json");
    }

    /// Reads a progress file and merges it with this browser's (nothing is lost either way).
    pub fn import_progress(&self, file: web_sys::File) {
        let name = file.name();
        let c = self.clone();
        let reader = gloo::file::callbacks::read_as_text(&file.into(), move |result| {
            let outcome = match result {
                Ok(text) => progress::import(&text).map_err(|e| e.to_string()),
                Err(e) => Err(format!("{name} could not be read as text: {e}.")),
            };
            match outcome {
                Ok(theirs) => {
                    let merged = progress::merge(&c.best, &theirs);
                    let saved = local::write(BEST_KEY, &merged.encode());
                    c.progress_note.set(Some(match saved {
                        Ok(()) => format!(
                            "Progress imported from {name}: {} incident(s).",
                            theirs.results.len()
                        ),
                        Err(why) => format!("Progress imported for this visit, but {why}."),
                    }));
                    c.best.set(merged);
                }
                Err(why) => c.progress_note.set(Some(why)),
            }
        });
        self.keep.borrow_mut().reader = Some(reader);
    }

    /// Reads a scenario file picked in the library and has the validator worker check it.
    pub fn read_file(&self, file: web_sys::File) {
        let name = file.name();
        let blob = gloo::file::File::from(file);
        let c = self.clone();
        let reader = gloo::file::callbacks::read_as_text(&blob, move |result| {
            let sent = match result {
                Ok(text) => c.validate(&name, &text).map_err(OpenError::Worker),
                Err(e) => Err(OpenError::Unreadable(e)),
            };
            if let Err(why) = sent {
                c.file_errors.set(vec![note(&name, why.to_string())]);
            }
        });
        self.keep.borrow_mut().reader = Some(reader);
    }

    fn validate(&self, name: &str, text: &str) -> Result<(), WorkerError> {
        let mut keep = self.keep.borrow_mut();
        keep.checking = name.to_string();
        if keep.validator.is_none() {
            let c = self.clone();
            keep.validator = Some(Validator::start(Callback::from(move |reply| {
                c.validated(reply)
            }))?);
        }
        keep.validator
            .as_ref()
            .map_or(Ok(()), |v| v.check(name, text))
    }

    /// The validator's answer about a file.
    fn validated(&self, reply: Reply) {
        match reply {
            Reply::Valid(s) => {
                self.file_errors.set(Vec::new());
                self.opened.set(Some(Opened {
                    scenario: Rc::new(*s),
                }));
            }
            Reply::Invalid(diagnostics) => self.file_errors.set(diagnostics),
            // Only the author's page asks for these.
            Reply::Progress(_) | Reply::Solved(_) | Reply::Source(..) => {}
            Reply::Garbled(message) => {
                let file = self.keep.borrow().checking.clone();
                self.file_errors.set(vec![note(&file, message)]);
            }
        }
    }
}

/// Why a scenario file picked in the library could not be checked.
#[derive(Debug, thiserror::Error)]
enum OpenError {
    #[error("the file could not be read as text: {0}")]
    Unreadable(gloo::file::FileReadError),
    #[error("{0}")]
    Worker(WorkerError),
}

/// A problem with a file that has no place in it.
fn note(file: &str, message: String) -> Diagnostic {
    Diagnostic {
        file: file.to_string(),
        line: 0,
        column: 0,
        path: String::new(),
        message,
        help: None,
        source_line: None,
    }
}
