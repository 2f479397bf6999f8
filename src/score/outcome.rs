//! How a run ended up: resolved, mitigated only, or neither, and the band of scores each maps to.

use serde::Serialize;

/// How a run ended up, by the world, not by what was declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The cause was removed and service held.
    Resolved,
    /// Service came back under the SLO at some point, but the incident was not resolved.
    Mitigated,
    /// Neither.
    Unmitigated,
}

impl Outcome {
    /// The band of final scores this outcome maps onto: `(floor, ceiling)`.
    pub fn band(self) -> (f64, f64) {
        match self {
            Outcome::Resolved => (35.0, 100.0),
            Outcome::Mitigated => (15.0, 34.0),
            Outcome::Unmitigated => (0.0, 14.0),
        }
    }
}
