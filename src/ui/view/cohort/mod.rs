//! The cohort review page's state, plain Rust: the inputs waiting to be replayed (one per step,
//! so the page replays one run per frame), the cohort so far, what was refused and why, and the
//! table's sort. The screen (`screens/cohort`) renders it and steps it from a frame callback.

mod chart;
#[cfg(test)]
mod tests;

pub use chart::{curves_spec, curves_summary, run_color};

use std::collections::VecDeque;
use std::rc::Rc;

use crate::record::cohort::{sort, Cohort, Column, Row};
use crate::scenario::Scenario;

/// One input as it reached the page: a file's or a pasted link's text, or why it had none.
#[derive(Clone, Debug, PartialEq)]
pub enum Arrived {
    Text(String),
    /// The file could not be read (the browser's words).
    Unreadable(String),
}

/// The page's state.
#[derive(Clone, Debug, PartialEq)]
pub struct CohortPage {
    /// Inputs not replayed yet: (file name or "link N", what arrived).
    pending: VecDeque<(String, Arrived)>,
    pub cohort: Cohort,
    /// One line per input left out: the file's name and what was wrong.
    pub problems: Vec<String>,
    /// The table's column and direction.
    pub sort: (Column, bool),
    /// Inputs taken in since the page was last idle: (all, done, left out).
    batch: (usize, usize, usize),
    /// Links pasted so far (they are named "link 1", "link 2", ...).
    links: usize,
    /// Inputs replayed since the page opened: a frame effect keys on it.
    pub steps: u64,
    /// How long the last batch took to load and show, in milliseconds.
    pub took_ms: Option<f64>,
    /// When the current batch began (the page's clock, milliseconds).
    started_ms: f64,
}

impl Default for CohortPage {
    fn default() -> Self {
        CohortPage::new()
    }
}

impl CohortPage {
    pub fn new() -> CohortPage {
        CohortPage {
            pending: VecDeque::new(),
            cohort: Cohort::new(),
            problems: Vec::new(),
            sort: (Column::Score, false),
            batch: (0, 0, 0),
            links: 0,
            steps: 0,
            took_ms: None,
            started_ms: 0.0,
        }
    }

    /// Takes inputs in, to be replayed one per step.
    pub fn queue(&mut self, inputs: Vec<(String, Arrived)>, now_ms: f64) {
        if self.pending.is_empty() {
            self.batch = (0, 0, 0);
            self.started_ms = now_ms;
            self.took_ms = None;
        }
        self.batch.0 += inputs.len();
        self.pending.extend(inputs);
    }

    /// Takes pasted links in, one a line (blank lines skipped), each named by its place.
    pub fn paste(&mut self, text: &str, now_ms: f64) {
        let lines: Vec<(String, Arrived)> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| {
                self.links += 1;
                (format!("link {}", self.links), Arrived::Text(l.to_string()))
            })
            .collect();
        self.queue(lines, now_ms);
    }

    /// Replays the next input (if any); true when one was taken.
    pub fn step(&mut self, open: &[Rc<Scenario>]) -> bool {
        let Some((source, arrived)) = self.pending.pop_front() else {
            return false;
        };
        let open: Vec<&Scenario> = open.iter().map(|s| s.as_ref()).collect();
        let added = match &arrived {
            Arrived::Text(text) => self
                .cohort
                .add_text(&source, text, &open)
                .map_err(|e| e.to_string()),
            Arrived::Unreadable(why) => Err(format!("{source}: the file could not be read: {why}")),
        };
        if let Err(line) = added {
            self.problems.push(line);
            self.batch.2 += 1;
        }
        self.batch.1 += 1;
        self.steps += 1;
        true
    }

    /// The batch is replayed and shown: how long it took is kept for the progress line.
    pub fn shown(&mut self, now_ms: f64) {
        if self.pending.is_empty() && self.batch.0 > 0 && self.took_ms.is_none() {
            self.took_ms = Some(now_ms - self.started_ms);
        }
    }

    /// Replayed, shown, and the time kept (nothing more for the page to do).
    pub fn idle(&self) -> bool {
        self.pending.is_empty() && (self.batch.0 == 0 || self.took_ms.is_some())
    }

    /// Inputs still to replay.
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// The progress line: what is being done, or what was.
    pub fn progress(&self) -> Option<String> {
        let (total, done, refused) = self.batch;
        if total == 0 {
            return None;
        }
        if !self.pending.is_empty() {
            return Some(format!("Replaying run {} of {total}…", done + 1));
        }
        let took = self
            .took_ms
            .map(|ms| format!(" in {:.1} s", ms / 1000.0))
            .unwrap_or_default();
        let left_out = match refused {
            0 => String::new(),
            1 => ", 1 left out".to_string(),
            n => format!(", {n} left out"),
        };
        Some(format!(
            "Loaded {} of {total} input{}{took}{left_out}.",
            total - refused,
            if total == 1 { "" } else { "s" },
        ))
    }

    /// Sorts by a column: a new column starts the way people read it (best first), the same
    /// column again turns it round.
    pub fn sort_by(&mut self, column: Column) {
        self.sort = if self.sort.0 == column {
            (column, !self.sort.1)
        } else {
            (column, Self::natural(column))
        };
    }

    /// Which way a column sorts first: names and times up, scores and gains down.
    fn natural(column: Column) -> bool {
        !matches!(column, Column::Score | Column::Phase(_))
    }

    /// The rows in the table's order.
    pub fn rows(&self) -> Vec<Row> {
        let mut rows = self.cohort.rows.clone();
        sort(&mut rows, self.sort.0, self.sort.1);
        rows
    }

    /// Starts over: no runs, no problems.
    pub fn clear(&mut self) {
        *self = CohortPage {
            links: self.links,
            steps: self.steps,
            ..CohortPage::new()
        };
    }
}

/// The `aria-sort` of a column's header, the table sorted by `sort` (column, ascending).
pub fn aria_sort(sort: (Column, bool), column: Column) -> &'static str {
    match (sort.0 == column, sort.1) {
        (false, _) => "none",
        (true, true) => "ascending",
        (true, false) => "descending",
    }
}

/// A warning over the table when some replays are not exact: which runs, and why that matters.
pub fn trust_note(rows: &[Row]) -> Option<String> {
    use crate::record::cohort::Version;
    let named = |version: Version| -> Vec<&str> {
        rows.iter()
            .filter(|r| r.version == version)
            .map(|r| r.trainee.as_str())
            .collect()
    };
    let (rescored, edited) = (named(Version::Rescored), named(Version::Edited));
    let other = named(Version::Other);
    let mut parts = Vec::new();
    if !rescored.is_empty() {
        parts.push(format!(
            "Replayed exactly to another score than they claim (scored by an earlier version of the scoring, or edited; the table shows today's): {}",
            rescored.join("; ")
        ));
    }
    if !edited.is_empty() {
        parts.push(format!(
            "Edited since it was played (its actions do not give the trace it claims): {}",
            edited.join("; ")
        ));
    }
    if !other.is_empty() {
        parts.push(format!(
            "Played on another version of the scenario (replayed on this one, so not exactly what happened): {}",
            other.join("; ")
        ));
    }
    (!parts.is_empty()).then(|| format!("Not exact replays. {}.", parts.join(". ")))
}

/// A moment in a cell: its clock, or a dash when the run never got there.
pub fn clock_cell(stamp: Option<&crate::score::Stamp>) -> String {
    stamp.map_or("—".to_string(), |s| s.clock.clone())
}

/// Minutes against the real team, in words (`4 min ahead`, `12 min behind`, `level`).
pub fn gained_words(minutes: Option<i64>) -> String {
    match minutes {
        None => String::new(),
        Some(0) => "level".to_string(),
        Some(m) if m > 0 => format!("{m} min ahead"),
        Some(m) => format!("{} min behind", -m),
    }
}
