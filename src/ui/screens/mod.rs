//! The screens: library, briefing, console, end, replay and the author's page.

pub mod author;
pub mod briefing;
pub mod cohort;
pub mod console;
pub mod end;
pub mod library;
pub mod replay;
