//! Comparing a run with what the real team did: the phases of the response and when each was
//! reached, the real team's path replayed with the same seed (the ghost), the detours on both
//! sides, the score, and the postmortem draft.

pub mod debrief;
pub mod detours;
pub mod hints;
pub mod impact;
pub mod milestones;
pub mod outcome;
pub mod phases;
pub mod points;
pub mod postmortem;
pub mod report;
pub mod restore;
pub mod stamp;
pub mod text;

pub use debrief::{Debrief, Runs, Stamp};
pub use detours::{Detour, DetourKind};
pub use impact::{ghost, ImpactSummary};
pub use milestones::{reached, MilestoneResult};
pub use outcome::Outcome;
pub use phases::{first_page, Phase, PhaseTimes};
pub use report::RunReport;
