//! A validated scenario in binary (postcard): how the built-ins are compiled into the page, how
//! the worker hands a checked file to it, and how a save keeps a scenario opened from a file.
//! One binary form and no JSON reader for a scenario in the page: postcard reads fields in
//! order, so none of the field-name matching a JSON reader carries for every type is shipped.
//! The form is not self-describing: fields are read by position, so it starts with the layout's
//! version, [`LAYOUT`], and a pack of another layout is refused rather than misread.

use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;

use super::Scenario;

/// The layout of the scenario types as packed. Bump it with any change to a type a `Scenario`
/// holds (a field added, removed, reordered or retyped, even with a default): `tests/compiled.rs`
/// fails on such a change until the compiled built-ins are regenerated, which is the reminder.
pub const LAYOUT: u8 = 2;

/// Why a packed scenario could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error("it is not base64 ({0})")]
    Text(String),
    #[error("it is empty")]
    Empty,
    #[error(
        "it was packed by another version of the trainer (layout {0}; this one reads {LAYOUT})"
    )]
    Layout(u8),
    #[error("it is damaged ({0})")]
    Bytes(#[from] postcard::Error),
}

pub fn pack(scenario: &Scenario) -> Vec<u8> {
    let mut bytes = vec![LAYOUT];
    bytes.extend(postcard::to_allocvec(scenario).expect("scenarios serialise"));
    bytes
}

pub fn unpack(bytes: &[u8]) -> Result<Scenario, PackError> {
    match bytes.split_first() {
        None => Err(PackError::Empty),
        Some((&LAYOUT, body)) => Ok(postcard::from_bytes(body)?),
        Some((&other, _)) => Err(PackError::Layout(other)),
    }
}

/// As text, for a store that keeps strings (the browser's local storage).
pub fn pack_text(scenario: &Scenario) -> String {
    STANDARD_NO_PAD.encode(pack(scenario))
}

pub fn unpack_text(text: &str) -> Result<Scenario, PackError> {
    let bytes = STANDARD_NO_PAD
        .decode(text)
        .map_err(|e| PackError::Text(e.to_string()))?;
    unpack(&bytes)
}

/// A scenario field written as packed text: `#[serde(with = "packed::as_text")]` on a
/// `Box<Scenario>` (a message between two windows of the page, which has no JSON reader for a
/// scenario).
pub mod as_text {
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    use super::{pack_text, unpack_text, Scenario};

    pub fn serialize<S: Serializer>(scenario: &Scenario, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&pack_text(scenario))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Box<Scenario>, D::Error> {
        let text = String::deserialize(deserializer)?;
        unpack_text(&text)
            .map(Box::new)
            .map_err(|e| D::Error::custom(format!("the scenario could not be read: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::library;

    #[test]
    fn every_built_in_reads_back_exactly_as_bytes_and_as_text() {
        for (id, _) in library::BUILTIN {
            let scenario = library::builtin(id).unwrap();
            assert_eq!(unpack(&pack(&scenario)).unwrap(), scenario, "{id}");
            assert_eq!(
                unpack_text(&pack_text(&scenario)).unwrap(),
                scenario,
                "{id}"
            );
        }
    }

    #[test]
    fn damaged_packs_are_refused_with_a_reason() {
        let scenario = library::builtin(library::BUILTIN[0].0).unwrap();
        let bytes = pack(&scenario);
        assert!(matches!(
            unpack(&bytes[..bytes.len() / 2]),
            Err(PackError::Bytes(_))
        ));
        assert!(matches!(unpack(&[]), Err(PackError::Empty)));
        let mut other = bytes.clone();
        other[0] = LAYOUT + 1;
        let err = unpack(&other).unwrap_err().to_string();
        assert!(err.contains("another version of the trainer"), "{err}");
        assert!(matches!(
            unpack_text("not base64!"),
            Err(PackError::Text(_))
        ));
    }
}
