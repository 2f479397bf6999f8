//! Proving a scenario sound before trainees see it: the real team's path restores service, doing
//! nothing never resolves the incident, a path exists and restores within the time limit, and no single stray action
//! restores service on its own, over as many seeds as asked; and whether the replay reproduces the
//! write-up. An authoring tool, not a judge: the score does not depend on it.

mod beam;
mod calibration;
mod report;
mod search;

pub use calibration::calibration;
pub use report::{CalibrationReport, Progress, SeedReport, SolveReport, Step};
pub use search::{solve, solve_with_progress};
