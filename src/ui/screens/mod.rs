//! The four screens: library, briefing, console, end.

pub mod briefing;
pub mod console;
pub mod end;
pub mod library;
