//! Comparing a run with what the real team did: which milestones a run reached and when, and what
//! it cost next to the real team's path replayed with the same seed.

pub mod impact;
pub mod milestones;

pub use impact::{ghost, ImpactSummary};
pub use milestones::{reached, MilestoneResult};
