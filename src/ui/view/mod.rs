//! Pure helpers that decide what the screens show: formatting, the status strip, server rows,
//! alerts, the action menu, the command box and chart specs. No browser types: tested natively.

pub mod alerts;
pub mod author;
pub mod charts;
pub mod cohort;
pub mod command;
pub mod debrief;
pub mod format;
pub mod logs;
pub mod menu;
pub mod reference;
pub mod replay;
pub mod status;
pub mod team;
pub mod theme;
pub mod verdict;
