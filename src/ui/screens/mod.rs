//! The screens: library, briefing, console, end, replay, cohort review, the author's page, and the
//! facilitator's console (a window of its own).

pub mod author;
pub mod briefing;
pub mod cohort;
pub mod console;
pub mod end;
pub mod facilitate;
pub mod library;
pub mod replay;
