//! A moment of a run as people read it: its tick and its local `HH:MM`.

use serde::{Deserialize, Serialize};

use crate::scenario::Scenario;

/// A moment of the run: its tick, and the local `HH:MM` people read. Both are written, so a
/// report read back (one that crossed to the page, a saved file) still knows when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Stamp {
    pub tick: u32,
    pub clock: String,
}

/// Reads what [`Stamp`] writes, and the bare `"HH:MM"` earlier versions wrote (its tick unknown,
/// read as 0).
impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Stamp, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Whole { tick: u32, clock: String },
            Clock(String),
        }
        Ok(match Written::deserialize(deserializer)? {
            Written::Whole { tick, clock } => Stamp { tick, clock },
            Written::Clock(clock) => Stamp { tick: 0, clock },
        })
    }
}

pub(crate) fn stamp(scenario: &Scenario, tick: Option<u32>) -> Option<Stamp> {
    tick.map(|tick| Stamp {
        tick,
        clock: scenario.hhmm(tick),
    })
}

#[cfg(test)]
mod tests {
    use super::Stamp;

    #[test]
    fn a_stamp_reads_back_with_its_tick_and_an_old_bare_clock_still_reads() {
        let stamp = Stamp {
            tick: 2100,
            clock: "14:35".into(),
        };
        let text = serde_json::to_string(&stamp).unwrap();
        assert_eq!(text, r#"{"tick":2100,"clock":"14:35"}"#);
        assert_eq!(serde_json::from_str::<Stamp>(&text).unwrap(), stamp);
        let old: Stamp = serde_json::from_str(r#""14:35""#).unwrap();
        assert_eq!((old.tick, old.clock.as_str()), (0, "14:35"));
        assert!(serde_json::from_str::<Stamp>("42").is_err());
    }
}
