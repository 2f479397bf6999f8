//! Cohort review: many runs of one scenario, replayed, side by side. One row per run (when it
//! was mitigated and resolved, its score, each phase against the real team, its detours, how far
//! its replay can be trusted), sortable and exported as CSV; which paths people took and where
//! they lost time; each run's error rate beside the real team's. Runs are added one at a time,
//! so a page can replay one per frame.

mod csv;
mod curve;
mod paths;
mod row;
#[cfg(test)]
mod tests;

pub use csv::csv;
pub use curve::error_curve;
pub use paths::{first_actions, path_tree, walk, PathNode, PathStep, MAX_PATH_DEPTH};
pub use row::{sort, Column, PhaseCell, Row, Step, Version};

use crate::scenario::Scenario;

use super::{replay, scenario_for, RunError, RunFile};

/// Why one run was left out of the cohort: the file (or link) named, and what was wrong.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Refusal {
    #[error("{file}: {error}")]
    Unreadable { file: String, error: RunError },
    #[error("{file}: this run is of \"{title}\" (`{id}`), not \"{cohort}\" like the runs before it; review one scenario at a time")]
    OtherScenario {
        file: String,
        id: String,
        title: String,
        cohort: String,
    },
}

/// The runs of one scenario replayed so far, and the real team's curve and path to compare with.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cohort {
    /// The scenario the runs were replayed on (the first run's).
    scenario: Option<Scenario>,
    pub rows: Vec<Row>,
    /// The real team's error rate per minute (the first run's ghost).
    pub real_curve: Vec<(u32, f32)>,
    /// The real team's actions, as path steps.
    pub real_path: Vec<String>,
}

impl Cohort {
    pub fn new() -> Cohort {
        Cohort::default()
    }

    /// The scenario the cohort is of, once a run is in.
    pub fn scenario(&self) -> Option<&Scenario> {
        self.scenario.as_ref()
    }

    /// Reads an input and adds its run (see [`Cohort::add`]).
    pub fn add_text(
        &mut self,
        source: &str,
        text: &str,
        open: &[&Scenario],
    ) -> Result<(), Refusal> {
        let run = super::read_any(text).map_err(|error| Refusal::Unreadable {
            file: source.to_string(),
            error,
        })?;
        self.add(source, &run, open)
    }

    /// Replays a run and adds its row. The first run decides the scenario (found among the open
    /// ones or the built-ins); a run of another scenario is refused, naming it.
    pub fn add(&mut self, source: &str, run: &RunFile, open: &[&Scenario]) -> Result<(), Refusal> {
        let scenario = match &self.scenario {
            Some(s) if s.meta.id != run.scenario.id => {
                return Err(Refusal::OtherScenario {
                    file: source.to_string(),
                    id: run.scenario.id.clone(),
                    title: if run.scenario.title.is_empty() {
                        run.scenario.id.clone()
                    } else {
                        run.scenario.title.clone()
                    },
                    cohort: s.meta.title.clone(),
                })
            }
            Some(s) => s,
            None => {
                let found = scenario_for(run, open).map_err(|error| Refusal::Unreadable {
                    file: source.to_string(),
                    error,
                })?;
                self.scenario.insert(found)
            }
        };
        let replayed = replay(run, scenario);
        if self.rows.is_empty() {
            self.real_curve = error_curve(&replayed.ghost);
            self.real_path = scenario
                .reference_actions()
                .iter()
                .map(|a| scenario.action_title(&a.action))
                .collect();
        }
        let row = Row::of(self.rows.len(), source, run, scenario, &replayed);
        self.rows.push(row);
        Ok(())
    }

    /// The merged paths of every run (see [`path_tree`]).
    pub fn paths(&self) -> Vec<PathNode> {
        path_tree(&self.rows, &self.real_path, MAX_PATH_DEPTH)
    }
}
