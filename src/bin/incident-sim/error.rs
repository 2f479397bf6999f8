//! Why a subcommand could not run (exit code 2), in the words printed to stderr.

use incident_trainer::scenario::{LoadError, ScenarioErrors};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum CliError {
    /// The scenario named could not be had.
    #[error("{0}")]
    Scenario(#[from] LoadError),
    /// The actions file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    /// The actions file is not a valid list of actions for the scenario.
    #[error("{0}")]
    Actions(#[from] ScenarioErrors),
    /// The postmortem gave no draft.
    #[error("{0}")]
    Import(#[from] incident_trainer::scenario::import::ImportError),
    /// The run file or link could not be read.
    #[error("{place}: {error}")]
    Run {
        place: String,
        error: incident_trainer::record::RunError,
    },
    /// An output file (CSV, postmortem) could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}
