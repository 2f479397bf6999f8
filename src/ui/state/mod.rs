//! The app's state and its one reducer: every click, frame and worker answer is a [`Msg`], and
//! [`AppState::after`] is the only place the state changes. The running simulation is held by
//! reference (see [`SessionRef`]) and stepped in place; the browser's side of things (storage,
//! workers, frames, files) happens in hooks, as effects of the state or as callers of `dispatch`.
//! Plain Rust, tested natively. A message that changes nothing returns the same `Rc`, so Yew
//! skips the render.

mod files;
mod replay;
mod room;
mod run;
pub mod runs;
mod screen;
mod shared;
#[cfg(test)]
mod tests;

use std::rc::Rc;

pub use files::note;
pub use replay::{ReplayView, Replays};
pub use room::RELEASED;
pub use screen::{Screen, Speed};
pub use shared::{Offer, Opened, SessionRef};

use crate::scenario::{Diagnostic, Scenario};
use crate::sim::Action;
use crate::ui::storage::{Best, Resumed};
use crate::worker::protocol::Reply;

/// What the room is told when it tries to act, or to move its clock, while the facilitator holds
/// it.
pub const HELD: &str = "the facilitator paused the room, and only they can resume it.";

/// What the saved session in the browser's storage should become (the autosave hook writes it).
/// `seq` bumps with each request, so the same request twice is done twice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Autosave {
    pub seq: u32,
    /// Write the running session (true) or remove the save (false).
    pub keep: bool,
}

/// Where the comparison of an ended run with the real team stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scoring {
    /// No run has ended since the last one started.
    #[default]
    None,
    /// The run ended: it is scored on the next frame, so ending and scoring are two short tasks.
    Due,
    /// Scored: the debrief is ready and the best results recorded.
    Done,
}

/// The best results changed and should be written (`seq` bumps with each change); `imported`
/// when the change was a progress import, whose note says whether it could be kept.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BestChange {
    pub seq: u32,
    pub imported: bool,
}

#[derive(Clone, PartialEq)]
pub struct AppState {
    pub screen: Screen,
    pub speed: Speed,
    /// The speed Space returns to.
    pub resume: Speed,
    /// Simulated tick shown.
    pub tick: u32,
    /// Bumps when a scrape lands or the trainee acts: panels and charts redraw then.
    pub generation: u64,
    /// The finding open in the findings panel (index into the trace's findings).
    pub open_finding: Option<usize>,
    /// Alert firings acknowledged, as (rule, fired_at).
    pub acknowledged: Vec<(u32, u32)>,
    /// What the live region announces (new alerts, findings, refusals).
    pub announcement: String,
    /// A one-line notice on the library (a discarded save, a file that could not be read).
    pub notice: Option<String>,
    /// What the browser would not keep (storage full or disabled): a calm line on every screen.
    pub unsaved: Option<String>,
    /// The running session, by reference.
    pub session: SessionRef,
    /// The running scenario came from a file (it is saved with the session).
    pub from_file: bool,
    /// The last refusal of an action, in the core's words.
    pub message: String,
    /// The scenario opened from a file (or played from the author's page), listed in the library.
    pub opened: Option<Opened>,
    /// What is wrong with the file picked in the library.
    pub file_errors: Vec<Diagnostic>,
    /// A saved session to resume.
    pub offer: Option<Offer>,
    pub best: Best,
    pub best_change: BestChange,
    /// The best score on the finished scenario before the run that just ended.
    pub best_before: Option<f64>,
    pub scoring: Scoring,
    /// What became of the last progress import.
    pub progress_note: Option<String>,
    pub autosave: Autosave,
    /// The run on the replay screen, and why the last one could not be opened.
    pub replay: Replays,
    /// Bumps when the facilitator's console changed the room (an inject sent, roles named): the
    /// room's channel tells the facilitator then.
    pub room: u32,
    /// A facilitator's console is open beside the room (it said hello lately).
    pub facilitator: bool,
    /// The facilitator paused the room: its clock stays stopped until they resume it (or their
    /// console goes).
    pub held: bool,
    /// The simulated minute last saved: the session is saved once a minute as it runs.
    last_saved_minute: u32,
}

impl AppState {
    /// The state on first load, with the best results this browser kept.
    pub fn new(best: Best) -> AppState {
        AppState {
            screen: Screen::Library,
            speed: Speed::Paused,
            resume: Speed::X10,
            tick: 0,
            generation: 0,
            open_finding: None,
            acknowledged: Vec::new(),
            announcement: String::new(),
            notice: None,
            unsaved: None,
            session: SessionRef::default(),
            from_file: false,
            message: String::new(),
            opened: None,
            file_errors: Vec::new(),
            offer: None,
            best,
            best_change: BestChange::default(),
            best_before: None,
            scoring: Scoring::None,
            progress_note: None,
            autosave: Autosave::default(),
            replay: Replays::default(),
            room: 0,
            facilitator: false,
            held: false,
            last_saved_minute: 0,
        }
    }
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new(Best::default())
    }
}

/// Everything that changes the state.
pub enum Msg {
    /// Show a screen (the library, the author's page, ...).
    Show(Screen),
    SetSpeed(Speed),
    TogglePause,
    /// Time moved by this many simulated seconds (a frame, or "advance 1 minute").
    Advance(u32),
    /// The trainee takes an action now.
    Take(Action),
    /// The trainee ends the session early.
    Stop,
    /// Score the ended run (a frame after it ended).
    Score,
    OpenFinding(Option<usize>),
    Acknowledge((u32, u32)),
    Announce(String),
    Notice(Option<String>),
    /// Something could not be kept in the browser's storage: what, and why.
    Unsaved(String),
    /// Open a scenario's briefing with a fresh session (the scenario's own seed unless given).
    Open(Rc<Scenario>, Option<u64>),
    /// The same scenario again: with the same seed (`None`) or this one.
    Again(Option<u64>),
    /// Play a scenario written on the author's page.
    Play(Rc<Scenario>),
    /// List the scenario opened from a file before the page was loaded again (`ui::pages`).
    Reopen(Rc<Scenario>),
    /// Start the briefed session, with hints on or off.
    Start {
        hints: bool,
    },
    /// A saved session was found on first load.
    Offer(Box<Resumed>),
    /// Resume the offered session (true) or discard it.
    Resume(bool),
    /// The worker's answer about the file picked in the library.
    FileChecked {
        file: String,
        reply: Reply,
    },
    /// The file picked in the library could not be checked.
    FileProblem {
        file: String,
        message: String,
    },
    /// A progress file was read: merge its results.
    ProgressImported {
        file: String,
        theirs: Best,
    },
    /// A progress file could not be imported, and why.
    ProgressRefused(String),
    /// The best results could not be written to the browser's storage.
    BestUnsaved(String),
    /// Open a run on the replay screen: a run file's text or a link, and where it came from.
    OpenRun {
        source: String,
        text: String,
    },
    /// Show the replay at this tick (the scrubber, a mark on its timeline).
    ReplayTo(u32),
    /// Branch from the replay's minute into a new live attempt.
    TakeOver,
    /// Leave the replay for the library.
    CloseReplay,
    /// The facilitator sends the room an inject (by the scenario's id).
    Deliver(String),
    /// The facilitator names the room's roles.
    SetRoles(crate::record::Roles),
    /// The facilitator pauses the room: its own controls wait until the facilitator resumes it.
    Hold,
    /// The facilitator starts the room's clock again, at the speed it had.
    Unpause,
    /// A facilitator's console is there (or no longer).
    FacilitatorHere(bool),
}

#[cfg(target_arch = "wasm32")]
impl yew::Reducible for AppState {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        AppState::after(self, msg)
    }
}

impl AppState {
    /// The reducer: a new state when something changed, the same `Rc` when nothing did.
    pub fn after(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut next = (*self).clone();
        next.update(msg);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }

    fn update(&mut self, msg: Msg) {
        let Some(msg) = self.unless_held(msg) else {
            return;
        };
        match msg {
            Msg::Show(screen) => self.show(screen, 0),
            Msg::SetSpeed(speed) => self.set_speed(speed),
            Msg::TogglePause if self.screen.has_clock() => {
                self.speed = if self.speed == Speed::Paused {
                    self.resume
                } else {
                    Speed::Paused
                };
            }
            Msg::TogglePause => {}
            Msg::Advance(ticks) if self.screen == Screen::Replay => self.replay_on(ticks),
            Msg::Advance(ticks) => self.advance(ticks),
            Msg::Take(action) => self.take(action),
            Msg::Stop => self.stop(),
            Msg::Score => self.score(),
            Msg::OpenFinding(finding) => self.open_finding = finding,
            Msg::Acknowledge(key) => {
                if !self.acknowledged.contains(&key) {
                    self.acknowledged.push(key);
                }
            }
            Msg::Announce(text) => self.announcement = text,
            Msg::Notice(text) => self.notice = text,
            Msg::Unsaved(text) => self.unsaved = Some(text),
            Msg::Open(scenario, seed) => self.open(scenario, seed),
            Msg::Again(seed) => self.again(seed),
            Msg::Play(scenario) => self.play(scenario),
            Msg::Reopen(scenario) if self.opened.is_none() => {
                self.opened = Some(Opened { scenario })
            }
            Msg::Reopen(_) => {}
            Msg::Start { hints } => self.start(hints),
            Msg::Offer(resumed) => self.offer(*resumed),
            Msg::Resume(yes) => self.resume_saved(yes),
            Msg::FileChecked { file, reply } => self.file_checked(&file, reply),
            Msg::FileProblem { file, message } => self.file_errors = vec![note(&file, message)],
            Msg::ProgressImported { file, theirs } => self.progress_imported(&file, &theirs),
            Msg::ProgressRefused(why) => self.progress_note = Some(why),
            Msg::BestUnsaved(why) => self.best_unsaved(&why),
            Msg::OpenRun { source, text } => self.open_run(&source, &text),
            Msg::ReplayTo(tick) => self.replay_to(tick),
            Msg::TakeOver => self.take_over(),
            Msg::CloseReplay => self.close_replay(),
            Msg::Deliver(inject) => self.deliver(&inject),
            Msg::SetRoles(roles) => self.set_roles(roles),
            Msg::Hold => self.hold(),
            Msg::Unpause => self.unpause(),
            Msg::FacilitatorHere(here) => self.facilitator_here(here),
        }
    }

    /// Shows a screen; entering the console starts paused at `tick`.
    fn show(&mut self, screen: Screen, tick: u32) {
        self.screen = screen;
        self.tick = tick;
        self.generation += 1;
        if screen != Screen::Console {
            self.speed = Speed::Paused;
        }
        if screen == Screen::Briefing {
            self.open_finding = None;
            self.acknowledged.clear();
            self.announcement.clear();
        }
    }

    /// Speed keys do nothing outside the console and the replay.
    fn set_speed(&mut self, speed: Speed) {
        if !self.screen.has_clock() {
            return;
        }
        self.speed = speed;
        if speed != Speed::Paused {
            self.resume = speed;
        }
    }

    /// Asks the autosave hook to write the running session (or remove the save).
    fn save(&mut self, keep: bool) {
        self.autosave = Autosave {
            seq: self.autosave.seq.wrapping_add(1),
            keep,
        };
    }
}
