//! A moment of a run as people read it: its tick and its local `HH:MM`.

use serde::{Deserialize, Serialize, Serializer};

use crate::scenario::Scenario;

/// A moment of the run: its tick, shown (and serialised) as local `HH:MM`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub tick: u32,
    pub clock: String,
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.clock)
    }
}

/// Read back as it is written, the clock alone (for a report that crossed to the page to be
/// shown): the tick is not carried and reads as 0.
impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Stamp, D::Error> {
        Ok(Stamp {
            tick: 0,
            clock: String::deserialize(d)?,
        })
    }
}

pub(crate) fn stamp(scenario: &Scenario, tick: Option<u32>) -> Option<Stamp> {
    tick.map(|tick| Stamp {
        tick,
        clock: scenario.hhmm(tick),
    })
}
