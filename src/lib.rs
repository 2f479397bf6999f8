//! An incident-response training simulator: a deterministic world (`sim`), the scenario format
//! team leads write (`scenario`), the scorer (`score`), and the browser app (`ui`, wasm32 only).
//! A module imports only the layers listed above it.

pub mod scenario;
pub mod score;
pub mod sim;
pub mod ui;
