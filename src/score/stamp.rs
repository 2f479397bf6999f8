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

/// Reads what [`Stamp`] writes, and in text (JSON) also the bare `"HH:MM"` earlier versions
/// wrote (its tick unknown, read as 0). A visitor, not an untagged enum: that would buffer every
/// value it reads, and carry the code for it into the page. A binary form (the worker's replies)
/// is not self-describing: it is read as the pair it was written as.
impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Stamp, D::Error> {
        if deserializer.is_human_readable() {
            deserializer.deserialize_any(StampVisitor)
        } else {
            deserializer.deserialize_struct("Stamp", &["tick", "clock"], StampVisitor)
        }
    }
}

struct StampVisitor;

impl<'de> serde::de::Visitor<'de> for StampVisitor {
    type Value = Stamp;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a moment: {\"tick\": 9470, \"clock\": \"16:37\"} or \"16:37\"")
    }

    fn visit_str<E: serde::de::Error>(self, clock: &str) -> Result<Stamp, E> {
        Ok(Stamp {
            tick: 0,
            clock: clock.to_string(),
        })
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Stamp, A::Error> {
        let missing = |i| serde::de::Error::invalid_length(i, &"a tick and a clock");
        let tick = seq.next_element::<u32>()?.ok_or_else(|| missing(0))?;
        let clock = seq.next_element::<String>()?.ok_or_else(|| missing(1))?;
        Ok(Stamp { tick, clock })
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Stamp, A::Error> {
        let (mut tick, mut clock) = (None, None);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "tick" => tick = Some(map.next_value::<u32>()?),
                "clock" => clock = Some(map.next_value::<String>()?),
                other => return Err(serde::de::Error::unknown_field(other, &["tick", "clock"])),
            }
        }
        Ok(Stamp {
            tick: tick.ok_or_else(|| serde::de::Error::missing_field("tick"))?,
            clock: clock.ok_or_else(|| serde::de::Error::missing_field("clock"))?,
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
        let bytes = postcard::to_allocvec(&stamp).unwrap();
        assert_eq!(postcard::from_bytes::<Stamp>(&bytes).unwrap(), stamp);
    }
}
