//! The author's page's state and its own reducer: the drafts, the text in the editor, what the
//! checking worker last said, the preview and the soundness search. What the page asks of the
//! browser (a job for a worker, the drafts written, a debounce, the preview's frame) is a
//! [`Request`] in the state, carried out by the page's hooks; their answers come back as
//! messages. Plain Rust, tested natively.

mod requests;
#[cfg(test)]
mod tests;

use std::rc::Rc;

pub use requests::{Ask, Request};

use crate::prove::{Progress, SolveReport};
use crate::scenario::{Diagnostic, Scenario};
use crate::ui::drafts::Drafts;
use crate::ui::view::author::Preview;
use crate::worker::protocol::{Job, Reply};

/// Seeds "Check soundness" searches: the scenario's own and two variants.
pub const SEARCH_SEEDS: u32 = 3;
/// The template a first visit starts from.
pub const FIRST_TEMPLATE: &str = "starter";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    Checking,
    Valid,
    Invalid,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Search {
    Idle,
    Running(Progress),
    Done(Rc<SolveReport>),
    Stopped(String),
}

/// A scenario and its two preview runs.
pub type Previewed = Rc<(Rc<Scenario>, Preview)>;

#[derive(Clone)]
pub struct Desk {
    pub drafts: Drafts,
    pub name: String,
    pub text: String,
    /// The editor reloads its text when this changes.
    pub loaded: u64,
    pub diagnostics: Vec<Diagnostic>,
    pub check: Check,
    pub scenario: Option<Rc<Scenario>>,
    pub preview: Option<Previewed>,
    /// The wall-clock time the text was last found valid (what the preview shows).
    pub valid_at: Option<String>,
    /// Bumps when the preview changes: its charts redraw then.
    pub generation: u64,
    pub search: Search,
    /// The editor moves to this line when the count changes.
    pub jump: (u64, usize),
    pub notice: Option<String>,
    /// What the last postmortem import found and left to decide.
    pub imported: Option<Rc<Summary>>,
    /// What "New draft" starts from: a template's or a built-in's id.
    pub start_from: String,
    /// A job for the checking worker.
    pub ask: Request<Option<Rc<Ask>>>,
    /// Start the solver on a job (`Some`) or stop it.
    pub solve: Request<Option<Rc<Ask>>>,
    /// Check the text after a quiet time (true), or drop a check pending (false).
    pub debounce: Request<bool>,
    /// Run the preview of this scenario after the frame is painted.
    pub preview_due: Request<Option<Rc<Scenario>>>,
    /// Write the drafts to the browser's storage.
    pub store: Request<()>,
}

impl Default for Desk {
    fn default() -> Desk {
        Desk {
            drafts: Drafts::default(),
            name: String::new(),
            text: String::new(),
            loaded: 0,
            diagnostics: Vec::new(),
            check: Check::Checking,
            scenario: None,
            preview: None,
            valid_at: None,
            generation: 0,
            search: Search::Idle,
            jump: (0, 0),
            notice: None,
            imported: None,
            start_from: FIRST_TEMPLATE.to_string(),
            ask: Request::default(),
            solve: Request::default(),
            debounce: Request::default(),
            preview_due: Request::default(),
            store: Request::default(),
        }
    }
}

/// Everything that changes the author's page.
pub enum Msg {
    /// The stored drafts were read (or could not be: what became of them).
    Mounted(Drafts, Option<String>),
    Typed(String),
    /// The quiet time after typing passed: save the draft and check it.
    CheckNow,
    /// The checking worker's answer; `at` is the time of day it came.
    Checked {
        reply: Reply,
        at: String,
    },
    /// The preview's two runs are done.
    Previewed(Previewed),
    StartSearch,
    CancelSearch,
    /// The solver's answer.
    Searched(Reply),
    /// The solver could not be started or reached.
    SearchFailed(String),
    Switch(String),
    Rename(String),
    Delete,
    StartFrom(String),
    NewDraft,
    /// A file opened and read: its name without `.toml`, and its text.
    FileRead {
        stem: String,
        text: String,
    },
    JumpTo(usize),
    Notice(String),
    /// A postmortem pasted or opened: its name and text, to import as a draft.
    Import {
        name: String,
        text: String,
    },
}

/// What an import found and what it left to decide, shown beside the draft it made.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub source: String,
    pub found: Vec<String>,
    pub to_decide: Vec<String>,
}

#[cfg(target_arch = "wasm32")]
impl yew::Reducible for Desk {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut next = (*self).clone();
        next.update(msg);
        Rc::new(next)
    }
}

impl Desk {
    pub fn update(&mut self, msg: Msg) {
        match msg {
            Msg::Mounted(drafts, notice) => {
                self.drafts = drafts;
                self.notice = notice;
                self.load_first();
            }
            Msg::Typed(text) => self.typed(text),
            Msg::CheckNow => {
                self.flush();
                self.check_now();
            }
            Msg::Checked { reply, at } => self.checked(reply, at),
            Msg::Previewed(p) => {
                self.preview = Some(p);
                self.generation += 1;
            }
            Msg::StartSearch => self.start_search(),
            Msg::CancelSearch => {
                self.solve.send(None);
                self.search = Search::Stopped("Cancelled: the search was stopped.".into());
            }
            Msg::Searched(reply) => self.searched(reply),
            Msg::SearchFailed(why) => {
                self.solve.send(None);
                self.search = Search::Stopped(why);
            }
            Msg::Switch(name) => {
                self.flush();
                if let Some(draft) = self.drafts.get(&name).cloned() {
                    self.load(draft.name, draft.text);
                }
            }
            Msg::Rename(to) => self.rename(&to),
            Msg::Delete => self.delete(),
            Msg::StartFrom(id) => self.start_from = id,
            Msg::NewDraft => {
                self.flush();
                let from = self.start_from.clone();
                self.ask(&from, "", Job::Source);
            }
            Msg::FileRead { stem, text } => {
                self.flush();
                let name = self.drafts.free_name(&stem);
                self.load(name, text);
            }
            Msg::JumpTo(line) => self.jump = (self.jump.0 + 1, line),
            Msg::Notice(text) => self.notice = Some(text),
            Msg::Import { name, text } => {
                self.flush();
                self.ask(&name, &text, Job::Import);
            }
        }
    }

    /// The first draft, or the first visit's template.
    fn load_first(&mut self) {
        match self.drafts.drafts.first().cloned() {
            Some(first) => self.load(first.name, first.text),
            None => self.ask(FIRST_TEMPLATE, "", Job::Source),
        }
    }

    fn ask(&mut self, file: &str, text: &str, job: Job) {
        self.ask.send(Some(Rc::new(Ask::new(file, text, job))));
    }

    /// Puts a draft in the editor and checks it at once.
    fn load(&mut self, name: String, text: String) {
        self.imported = None;
        self.drafts.save(&name, &text);
        self.store.send(());
        self.name = name;
        self.text = text;
        self.loaded += 1;
        self.diagnostics.clear();
        self.scenario = None;
        self.preview = None;
        self.valid_at = None;
        self.solve.send(None);
        self.search = Search::Idle;
        self.check_now();
    }

    fn check_now(&mut self) {
        self.debounce.send(false);
        self.check = Check::Checking;
        let (file, text) = (format!("{}.toml", self.name), self.text.clone());
        self.ask(&file, &text, Job::Check);
    }

    fn typed(&mut self, text: String) {
        self.text = text;
        self.check = Check::Checking;
        if matches!(self.search, Search::Done(_)) {
            // The verdict was about other text.
            self.search = Search::Stopped(
                "The text changed since the last check: check soundness again.".into(),
            );
        }
        self.debounce.send(true);
    }

    fn checked(&mut self, reply: Reply, at: String) {
        match reply {
            Reply::Valid(s) => {
                self.check = Check::Valid;
                self.diagnostics.clear();
                self.valid_at = Some(at);
                let s = Rc::new(*s);
                self.scenario = Some(Rc::clone(&s));
                // The two runs take a moment: after this frame is painted, not inside it.
                self.preview_due.send(Some(s));
            }
            Reply::Invalid(diagnostics) => {
                self.check = Check::Invalid;
                self.diagnostics = diagnostics;
                self.scenario = None;
            }
            Reply::Source(id, text) => {
                let name = self.drafts.free_name(&id);
                self.load(name, text);
            }
            Reply::Imported(source, draft, found, to_decide) => {
                let stem = source
                    .rsplit_once('.')
                    .map_or(source.as_str(), |(stem, _)| stem);
                let name = self.drafts.free_name(&format!("{stem} draft"));
                self.load(name, draft);
                let summary = Summary {
                    source,
                    found,
                    to_decide,
                };
                self.imported = Some(Rc::new(summary));
            }
            Reply::NotImported(why) => self.notice = Some(format!("No draft made: {why}")),
            Reply::Garbled(why) => self.notice = Some(why),
            Reply::Progress(_) | Reply::Solved(_) => {}
        }
    }

    fn start_search(&mut self) {
        self.flush();
        let job = Job::Solve {
            seeds: SEARCH_SEEDS,
        };
        let ask = Ask::new(&format!("{}.toml", self.name), &self.text, job);
        self.solve.send(Some(Rc::new(ask)));
        self.search = Search::Running(Progress {
            seed: 0,
            seeds: SEARCH_SEEDS,
            done: 0.0,
        });
    }

    fn searched(&mut self, reply: Reply) {
        let stopped = match reply {
            Reply::Progress(p) => return self.search = Search::Running(p),
            Reply::Solved(report) => Search::Done(Rc::new(*report)),
            Reply::Invalid(errors) => Search::Stopped(format!(
                "The file has {} problem(s): fix them, then check again.",
                errors.len()
            )),
            Reply::Garbled(why) => Search::Stopped(why),
            Reply::Valid(_) | Reply::Source(..) | Reply::Imported(..) | Reply::NotImported(_) => {
                return
            }
        };
        self.solve.send(None);
        self.search = stopped;
    }

    fn rename(&mut self, to: &str) {
        self.flush();
        let from = self.name.clone();
        if self.drafts.rename(&from, to) {
            self.name = to.trim().to_string();
            self.store.send(());
            self.notice = None;
        } else if to.trim() != from {
            self.notice = Some(format!(
                "A draft cannot be renamed to \"{}\": the name is empty or another draft has it.",
                to.trim()
            ));
        }
    }

    fn delete(&mut self) {
        let gone = self.name.clone();
        self.drafts.remove(&gone);
        self.store.send(());
        self.load_first();
        self.notice = Some(format!("Draft \"{gone}\" deleted."));
    }

    /// Saves the editor's text into its draft (and the drafts into storage).
    pub fn flush(&mut self) {
        if self.name.is_empty() {
            return;
        }
        let (name, text) = (self.name.clone(), self.text.clone());
        self.drafts.save(&name, &text);
        self.store.send(());
    }

    /// The file is valid and nothing about it is pending: it can be played.
    pub fn playable(&self) -> bool {
        self.check == Check::Valid && self.scenario.is_some()
    }

    /// Whether the last search found the scenario sound.
    pub fn sound(&self) -> Option<bool> {
        match &self.search {
            Search::Done(r) => Some(r.sound),
            _ => None,
        }
    }
}
