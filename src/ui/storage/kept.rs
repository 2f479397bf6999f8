//! How a save keeps a scenario opened from a file.

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize};

/// A file's scenario as a save keeps it: packed, as text. An earlier version kept it as JSON,
/// which is read only far enough to say so (the page has no JSON reader for a scenario).
#[derive(Clone, Debug, PartialEq)]
pub enum Kept {
    Packed(String),
    Earlier,
}

impl Serialize for Kept {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Kept::Packed(text) => serializer.serialize_str(text),
            // Never written by this version; if it were, it would read back as itself.
            Kept::Earlier => serializer.serialize_map(Some(0))?.end(),
        }
    }
}

impl<'de> Deserialize<'de> for Kept {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Kept, D::Error> {
        deserializer.deserialize_any(KeptVisitor)
    }
}

struct KeptVisitor;

impl<'de> serde::de::Visitor<'de> for KeptVisitor {
    type Value = Kept;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a packed scenario")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Kept, E> {
        Ok(Kept::Packed(text.to_string()))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Kept, A::Error> {
        while map
            .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
            .is_some()
        {}
        Ok(Kept::Earlier)
    }
}
