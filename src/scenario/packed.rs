//! A validated scenario in binary (postcard): how the built-ins are compiled into the page, how
//! the worker hands a checked file to it, and how a save keeps a scenario opened from a file.
//! One binary form and no JSON reader for a scenario in the page: postcard reads fields in
//! order, so none of the field-name matching a JSON reader carries for every type is shipped.
//! The form is not self-describing: it is read only by the build that wrote it (a save says
//! which scenario version it holds, and a build's worker is its own).

use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;

use super::Scenario;

/// Why a packed scenario could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error("it is not base64 ({0})")]
    Text(String),
    #[error("it is not a scenario of this version of the trainer ({0})")]
    Bytes(#[from] postcard::Error),
}

pub fn pack(scenario: &Scenario) -> Vec<u8> {
    postcard::to_allocvec(scenario).expect("scenarios serialise")
}

pub fn unpack(bytes: &[u8]) -> Result<Scenario, PackError> {
    Ok(postcard::from_bytes(bytes)?)
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
            .map_err(|e| D::Error::custom(format!("the scenario {e}")))
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
        assert!(matches!(unpack(&[]), Err(PackError::Bytes(_))));
        assert!(matches!(
            unpack_text("not base64!"),
            Err(PackError::Text(_))
        ));
    }
}
