//! Comparing a run with what the real team did. For now: which milestones a run reached, and when.

pub mod milestones;

pub use milestones::{reached, MilestoneResult};
