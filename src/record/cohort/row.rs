//! One run's row of the cohort table, and sorting the table by any column.

use std::cmp::Ordering;

use crate::scenario::Scenario;
use crate::score::{Phase, Stamp};

use super::super::{Replayed, RunFile, Verdict};
use super::curve::error_curve;

/// How far a row's replay can be trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Version {
    /// The scenario version it was played on, the result it claims.
    Exact,
    /// The same version and trace, another score: scored by an earlier version of the scoring
    /// (or the score edited); the row is today's score.
    Rescored,
    /// The same version, another trace: the file was edited.
    Edited,
    /// Played on another version of the scenario: replayed on today's.
    Other,
}

impl Version {
    pub fn of(verdict: &Verdict) -> Version {
        match verdict {
            Verdict::Exact => Version::Exact,
            Verdict::Rescored { .. } => Version::Rescored,
            Verdict::Differs { .. } => Version::Edited,
            Verdict::OtherVersion { .. } => Version::Other,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Version::Exact => "exact",
            Version::Rescored => "rescored",
            Version::Edited => "edited",
            Version::Other => "other version",
        }
    }
}

/// One phase of a run beside the real team's.
#[derive(Clone, Debug, PartialEq)]
pub struct PhaseCell {
    pub phase: Phase,
    pub reached_at: Option<Stamp>,
    pub reference_at: Option<Stamp>,
    /// Whole minutes ahead of the real team (negative: behind), when both reached it.
    pub minutes_gained: Option<i64>,
}

/// One action of a run's path, and the minutes it cost if it was a detour.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// The action and its target as the trainee saw it named (`Restart one server (app-1)`).
    pub label: String,
    pub tick: u32,
    pub detour_minutes: f64,
}

/// One run of the cohort.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The order it was loaded in (from 0): the table's last tie-break.
    pub index: usize,
    /// The file's name, or which pasted link it was.
    pub source: String,
    /// The trainee's name, or "run N" for a run without one.
    pub trainee: String,
    pub date: Option<String>,
    pub seed: u64,
    pub score: f64,
    pub phases: Vec<PhaseCell>,
    pub detours: usize,
    pub detour_minutes: f64,
    pub version: Version,
    pub path: Vec<Step>,
    /// The share of requests failing, per minute (tick of the minute, percent).
    pub curve: Vec<(u32, f32)>,
}

impl Row {
    pub fn of(
        index: usize,
        source: &str,
        run: &RunFile,
        scenario: &Scenario,
        replayed: &Replayed,
    ) -> Row {
        let d = &replayed.debrief;
        let trainee = run
            .trainee
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map_or_else(|| format!("run {}", index + 1), str::to_string);
        let path = run
            .scheduled()
            .iter()
            .map(|a| Step {
                label: scenario.action_title(&a.action),
                tick: a.tick,
                detour_minutes: d
                    .run
                    .detours
                    .iter()
                    .filter(|x| x.at.tick == a.tick && x.action == a.action)
                    .map(|x| x.minutes)
                    .sum(),
            })
            .collect();
        Row {
            index,
            source: source.to_string(),
            trainee,
            date: run.date.clone(),
            seed: run.seed,
            score: d.score,
            phases: d
                .phases
                .iter()
                .map(|p| PhaseCell {
                    phase: p.phase,
                    reached_at: p.reached_at.clone(),
                    reference_at: p.reference_at.clone(),
                    minutes_gained: p.minutes_gained,
                })
                .collect(),
            detours: d.run.detours.len(),
            detour_minutes: d.run.detour_minutes,
            version: Version::of(&replayed.verdict),
            path,
            curve: error_curve(&replayed.trace),
        }
    }

    pub fn phase(&self, phase: Phase) -> Option<&PhaseCell> {
        self.phases.iter().find(|p| p.phase == phase)
    }

    /// When the run reached a phase, if it did.
    pub fn reached(&self, phase: Phase) -> Option<&Stamp> {
        self.phase(phase).and_then(|p| p.reached_at.as_ref())
    }
}

/// A column of the table, to sort by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Trainee,
    Date,
    Score,
    /// A phase, by the minutes gained on the real team.
    Phase(Phase),
    Detours,
    DetourMinutes,
    Version,
}

impl Column {
    /// Every column, in the table's order.
    pub fn all() -> Vec<Column> {
        // When a run mitigated and resolved stands under those phases.
        let mut out = vec![Column::Trainee, Column::Date, Column::Score];
        out.extend(Phase::ALL.iter().map(|&p| Column::Phase(p)));
        out.extend([Column::Detours, Column::DetourMinutes, Column::Version]);
        out
    }

    pub fn title(self) -> &'static str {
        match self {
            Column::Trainee => "Trainee",
            Column::Date => "Date",
            Column::Score => "Score",
            Column::Phase(p) => p.title(),
            Column::Detours => "Detours",
            Column::DetourMinutes => "Detour minutes",
            Column::Version => "Version",
        }
    }
}

/// Compares what is there; a missing value sorts after every value, either way up.
fn present<T: PartialOrd>(left: Option<T>, right: Option<T>, ascending: bool) -> Ordering {
    match (left, right) {
        (Some(a), Some(b)) => {
            let order = a.partial_cmp(&b).unwrap_or(Ordering::Equal);
            if ascending {
                order
            } else {
                order.reverse()
            }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn compare(left: &Row, right: &Row, column: Column, ascending: bool) -> Ordering {
    let (a, b, up) = (left, right, ascending);
    match column {
        Column::Trainee => present(
            Some(a.trainee.to_lowercase()),
            Some(b.trainee.to_lowercase()),
            up,
        ),
        Column::Date => present(a.date.as_ref(), b.date.as_ref(), up),
        Column::Score => present(Some(a.score), Some(b.score), up),
        Column::Phase(p) => {
            let gained = |r: &Row| r.phase(p).and_then(|c| c.minutes_gained);
            present(gained(a), gained(b), up)
        }
        Column::Detours => present(Some(a.detours), Some(b.detours), up),
        Column::DetourMinutes => present(Some(a.detour_minutes), Some(b.detour_minutes), up),
        Column::Version => present(Some(a.version), Some(b.version), up),
    }
}

/// Sorts rows by a column (missing values last), ties in the order loaded.
pub fn sort(rows: &mut [Row], column: Column, ascending: bool) {
    rows.sort_by(|a, b| compare(a, b, column, ascending).then(a.index.cmp(&b.index)));
}
