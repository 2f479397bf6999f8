//! The replay screen's part of the reducer: open a run (file or link), play it, scrub it, and
//! take over from the minute shown. The replayed session is the replay screen's own (its
//! panels read it through their own context), so the running session and its save stay.

use std::cell::RefCell;
use std::rc::Rc;

use super::runs::{open_run, OpenedRun};
use super::{AppState, Scoring, Screen, SessionRef, Speed};
use crate::scenario::Scenario;
use crate::ui::session::rewind::{Kept, Rewind};
use crate::ui::view::format;

/// A run on the replay screen: the run, its rewind (with the snapshots kept so far) and the
/// session shown at the screen's tick.
#[derive(Clone)]
pub struct ReplayView {
    pub opened: Rc<OpenedRun>,
    rewind: Rc<RefCell<Rewind>>,
    /// The session shown, for the panels' context.
    pub session: SessionRef,
}

impl PartialEq for ReplayView {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.opened, &other.opened) && self.session == other.session
    }
}

impl ReplayView {
    pub fn end(&self) -> u32 {
        self.opened.ended_at()
    }
}

/// The replay screen's part of the state: the run shown, and why the last run could not be
/// opened (shown on the library).
#[derive(Clone, Default, PartialEq)]
pub struct Replays {
    pub view: Option<ReplayView>,
    pub error: Option<String>,
    /// The screen the replay was opened from, to go back to (a link opened over a session in
    /// progress goes back to it).
    came_from: Option<Screen>,
}

impl AppState {
    /// Opens a run from a file's text or a link: the replay screen on success, the library with
    /// the reason on failure (the running session, if any, is left as it was).
    pub(super) fn open_run(&mut self, source: &str, text: &str) {
        let open: Vec<&Scenario> = self.opened.iter().map(|o| &*o.scenario).collect();
        match open_run(source, text, &open) {
            Ok(opened) => {
                let run = &opened.run;
                let rewind = Rewind::new(
                    Rc::clone(&opened.scenario),
                    &Kept {
                        seed: run.seed,
                        actions: &run.scheduled(),
                        injects: &run.injects,
                        end: opened.ended_at(),
                    },
                );
                let came_from = match self.screen {
                    Screen::Replay => self.replay.came_from,
                    screen => Some(screen),
                };
                self.replay = Replays {
                    view: Some(ReplayView {
                        opened: Rc::new(opened),
                        rewind: Rc::new(RefCell::new(rewind)),
                        session: SessionRef::default(),
                    }),
                    error: None,
                    came_from,
                };
                self.open_finding = None;
                self.show(Screen::Replay, 0);
                self.replay_to(0);
            }
            Err(refused) => {
                self.replay.error = Some(refused.to_string());
                if self.screen == Screen::Replay {
                    self.replay.view = None;
                }
                if self.screen != Screen::Library {
                    self.show(Screen::Library, 0);
                }
            }
        }
    }

    /// Shows the replay at `tick`, rebuilt from the nearest snapshot.
    pub(super) fn replay_to(&mut self, tick: u32) {
        let Some(view) = &self.replay.view else {
            return;
        };
        let session = view.rewind.borrow_mut().at(tick);
        self.tick = session.tick();
        view.session.set(session);
        // The panels redraw on the generation.
        self.generation += 1;
        if self.tick >= view.end() {
            self.speed = Speed::Paused;
        }
    }

    /// Plays the replay on by `ticks` (a frame at the chosen speed); it stops at the run's end.
    pub(super) fn replay_on(&mut self, ticks: u32) {
        let Some(view) = &self.replay.view else {
            return;
        };
        let scrape = view.opened.scenario.config.scrape_interval_s.max(1);
        let before = self.tick;
        {
            let mut shown = view.session.0.borrow_mut();
            let Some(session) = shown.as_mut() else {
                return;
            };
            view.rewind
                .borrow()
                .forward(session, before.saturating_add(ticks));
            self.tick = session.tick();
        }
        if self.tick / scrape != before / scrape {
            self.generation += 1;
        }
        if self.tick >= view.end() {
            self.speed = Speed::Paused;
        }
    }

    /// Takes over at the minute shown: a new live attempt with the run's actions before it and
    /// the same seed, in the console, paused until the trainee goes on.
    pub(super) fn take_over(&mut self) {
        let Some(view) = &self.replay.view else {
            return;
        };
        let branch = view.rewind.borrow().branch(self.tick);
        match branch {
            Ok(session) => {
                let tick = session.tick();
                let when = format::clock(&session.scenario, tick);
                self.from_file = view.opened.from_file;
                if self.from_file {
                    self.opened = Some(super::Opened {
                        scenario: Rc::clone(&session.scenario),
                    });
                }
                self.scoring = Scoring::None;
                self.session.set(session);
                self.replay.view = None;
                self.message.clear();
                self.open_finding = None;
                self.acknowledged.clear();
                self.show(Screen::Console, tick);
                self.speed = Speed::Paused;
                self.announcement = format!(
                    "You took over at {when}: a new attempt, paused. Press Space to go on."
                );
                self.save(true);
            }
            Err(error) => self.message = format!("Cannot take over here: {error}"),
        }
    }

    /// Leaves the replay (its snapshots go with it) for the screen it was opened from when that
    /// still has its session (the console, paused, or the debrief), else for the library.
    pub(super) fn close_replay(&mut self) {
        self.replay.view = None;
        let live = self.session.get().map(|s| (s.tick(), s.ending().is_some()));
        match (self.replay.came_from.take(), live) {
            (Some(Screen::Console), Some((tick, false))) => self.show(Screen::Console, tick),
            (Some(Screen::End), Some((tick, true))) => self.show(Screen::End, tick),
            _ => self.show(Screen::Library, 0),
        }
        self.speed = Speed::Paused;
    }
}

#[cfg(test)]
mod tests;
