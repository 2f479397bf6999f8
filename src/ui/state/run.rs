//! The running session's part of the reducer: open, start, advance, act, end and score.

use std::rc::Rc;

use super::{AppState, Offer, Scoring, Screen, Speed};
use crate::scenario::Scenario;
use crate::sim::Action;
use crate::ui::session::Session;
use crate::ui::storage::Resumed;
use crate::ui::view::format;

impl AppState {
    pub(super) fn open(&mut self, scenario: Rc<Scenario>, seed: Option<u64>) {
        let seed = seed.unwrap_or(scenario.seed);
        self.scoring = Scoring::None;
        self.from_file = self
            .opened
            .as_ref()
            .is_some_and(|o| Rc::ptr_eq(&o.scenario, &scenario));
        self.session.set(self.fresh(scenario, seed));
        self.show(Screen::Briefing, 0);
    }

    /// A new session; with a facilitator's console there, the room's roles carry over (the same
    /// people run the next incident).
    fn fresh(&self, scenario: Rc<Scenario>, seed: u64) -> Session {
        let mut session = Session::new(scenario, seed);
        if self.facilitator {
            if let Some(before) = self.session.get() {
                session.people.roles = before.people.roles.clone();
            }
        }
        session
    }

    pub(super) fn again(&mut self, seed: Option<u64>) {
        let Some((scenario, same)) = self
            .session
            .get()
            .map(|s| (Rc::clone(&s.scenario), s.seed()))
        else {
            return;
        };
        self.open(scenario, Some(seed.unwrap_or(same)));
    }

    /// Like a file opened in the library: saved with the session, and listed in the library until
    /// another file is opened.
    pub(super) fn play(&mut self, scenario: Rc<Scenario>) {
        self.opened = Some(super::Opened {
            scenario: Rc::clone(&scenario),
        });
        self.file_errors.clear();
        self.scoring = Scoring::None;
        self.from_file = true;
        let seed = scenario.seed;
        self.session.set(self.fresh(scenario, seed));
        self.show(Screen::Briefing, 0);
    }

    pub(super) fn start(&mut self, hints: bool) {
        let session = self.session.clone();
        if let Some(s) = session.0.borrow_mut().as_mut() {
            s.set_hints(hints.then(Vec::new));
            self.save(true);
        }
        self.show(Screen::Console, 0);
        // Held by the facilitator, the run opens paused: it starts at 10x when they let it go.
        if self.held {
            self.resume = Speed::X10;
        } else {
            self.set_speed(Speed::X10);
        }
    }

    /// A save found on first load: offered in the library, with where it stands.
    pub(super) fn offer(&mut self, resumed: Resumed) {
        let s = &resumed.session;
        let text = format!(
            "You have a session of \"{}\" in progress, at {} with {} action(s) taken.",
            s.scenario.meta.title,
            format::clock(&s.scenario, s.tick()),
            s.actions().len()
        );
        self.offer = Some(Offer::new(text, resumed));
    }

    pub(super) fn resume_saved(&mut self, yes: bool) {
        let taken = self.offer.take().and_then(|o| o.take());
        match (yes, taken) {
            (true, Some(r)) => {
                let tick = r.session.tick();
                self.scoring = Scoring::None;
                self.from_file = r.from_file;
                self.session.set(r.session);
                self.show(Screen::Console, tick);
            }
            _ => self.save(false),
        }
    }

    pub(super) fn advance(&mut self, ticks: u32) {
        let mut announce = Vec::new();
        let session = self.session.clone();
        let (ended, tick, scraped, ready) = {
            let mut guard = session.0.borrow_mut();
            let Some(s) = guard.as_mut() else { return };
            let advanced = s.advance(ticks);
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
                announce.push(format!("Done: {}", s.scenario.action_title(action)));
            }
            let minute = s.tick() / 60;
            if advanced.ended.is_none() && minute != self.last_saved_minute {
                self.last_saved_minute = minute;
                self.save(true);
            }
            (
                advanced.ended.is_some(),
                s.tick(),
                advanced.scrapes > 0,
                ready,
            )
        };
        self.tick = tick;
        if scraped || ready.is_some() {
            self.generation += 1;
        }
        if let Some(i) = ready {
            self.open_finding = Some(i);
        }
        if !announce.is_empty() {
            self.announcement = announce.join(". ");
        }
        if ended {
            self.finish();
        }
    }

    /// A refusal is shown and announced in the core's words.
    pub(super) fn take(&mut self, action: Action) {
        let session = self.session.clone();
        let mut guard = session.0.borrow_mut();
        let Some(s) = guard.as_mut() else { return };
        match s.take(action.clone()) {
            Ok(_) if s.ending().is_some() => {
                // Declared resolved: the response is over; the afternoon plays out in the debrief.
                drop(guard);
                self.finish();
            }
            Ok(taken) => {
                self.save(true);
                self.message.clear();
                self.generation += 1;
                self.announcement = format!(
                    "{action}: under way, done at {}",
                    format::clock_seconds(&s.scenario, taken.ready_at)
                );
            }
            Err(e) => {
                let words = format!("{action}: {e}");
                self.message = words.clone();
                self.announcement = words;
            }
        }
    }

    pub(super) fn stop(&mut self) {
        if let Some(s) = self.session.0.borrow_mut().as_mut() {
            s.stop();
        }
        self.finish();
    }

    /// The session ended: drop the save and show the end screen; the comparison with the real
    /// team (which replays their path) is scored on the next frame.
    fn finish(&mut self) {
        let Some(tick) = self.session.get().map(|s| s.tick()) else {
            return;
        };
        self.save(false);
        self.show(Screen::End, tick);
        self.scoring = Scoring::Due;
    }

    /// Scores the finished session and records the best result.
    pub(super) fn score(&mut self) {
        let finished = self
            .session
            .0
            .borrow_mut()
            .as_mut()
            .and_then(|s| s.finished());
        let Some(id) = self.session.get().map(|s| s.scenario.meta.id.clone()) else {
            return;
        };
        let score = finished.as_ref().map_or(0.0, |f| f.debrief.score);
        let resolved_at = finished.as_ref().and_then(|f| f.debrief.resolved_at());
        self.best_before = self.best.get(&id).and_then(|r| r.score);
        self.best.record(&id, resolved_at, score);
        self.best_changed(false);
        self.scoring = Scoring::Done;
    }
}
