//! Why an action could not be taken: the errors a trainee meets, each saying what was wrong and
//! what there is instead.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Why an action could not be taken.
#[derive(Clone, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum ActionError {
    #[error("still busy with the previous action until {clock}")]
    Busy {
        until: u32,
        /// `until` as local `HH:MM:SS`.
        clock: String,
    },
    #[error("the run is over")]
    RunOver,
    #[error("the incident was declared resolved at {clock}")]
    DeclaredResolved {
        at: u32,
        /// `at` as local `HH:MM`.
        clock: String,
    },
    #[error("`{action}` needs a target ({expected})")]
    MissingTarget { action: String, expected: Expected },
    #[error("`{action}` takes no target, but `{target}` was given")]
    UnexpectedTarget { action: String, target: String },
    #[error("there is no host `{name}` (hosts: {known})")]
    UnknownHost { name: String, known: Names },
    #[error("`{action}` reads an app server, and {host} is {what}'s host (there: read_logs, check_config, check_limits)")]
    NotAServer {
        action: String,
        host: String,
        what: String,
    },
    #[error("there is no hypothesis `{id}` in this scenario (known: {known})")]
    UnknownHypothesis { id: String, known: Names },
    #[error("`{level}` is not a severity (use sev1, sev2, sev3 or sev4)")]
    UnknownSeverity { level: String },
    #[error("{host} is down")]
    HostDown { host: String },
    #[error("{who} are not engaged yet: page them first")]
    DevelopersNotEngaged { who: String },
    #[error("{who} are paged, expected {clock}")]
    DevelopersPaged {
        who: String,
        /// When they engage, as local `HH:MM`.
        clock: String,
    },
    #[error("a fix needs a root-cause hypothesis declared first")]
    NoHypothesis,
    #[error("nothing to do: {reason}")]
    NothingToDo { reason: Nothing },
    #[error("there is no action `{id}` in this scenario")]
    UnknownAction { id: String },
    #[error("`{id}` is not known yet: nothing seen so far points to it")]
    NotYetKnown { id: String },
}

/// The names an error offers instead (hosts, hypotheses), in order; said as a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Names(pub Vec<String>);

impl std::fmt::Display for Names {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(&self.0.join(", "))
    }
}

/// What an action left without a target needed.
#[derive(Clone, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum Expected {
    #[error("a host such as {example}")]
    Host { example: String },
    #[error("a hypothesis id")]
    Hypothesis,
    #[error("sev1..sev4")]
    Severity,
}

/// Why an action would change nothing.
#[derive(Clone, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum Nothing {
    #[error("too many changes are already under way")]
    QueueFull,
    #[error("{who} are already paged")]
    DevelopersPaged { who: String },
    #[error("a fix is already on its way")]
    FixOnItsWay,
    #[error("a rollback is already on its way")]
    RollbackOnItsWay,
    /// A scenario's own action, by its title.
    #[error("\"{title}\" is already under way")]
    UnderWay { title: String },
    #[error("\"{title}\" is already done")]
    Done { title: String },
    /// A saved run whose actions go on past where it was saved.
    #[error("an action is dated after the save ({action})")]
    AfterTheSave { action: String },
}
