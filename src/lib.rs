//! An incident-response training simulator, in layers that import one way:
//! `sim` (the deterministic world) -> `scenario` (the format team leads write) -> `score` (the
//! comparison with the real team) -> `record` (runs kept, shared and replayed) -> `prove` (the
//! solver, an authoring tool) -> `worker` (the page's worker and its messages) -> `ui` (the
//! browser app, wasm32 only) and the binaries.
//! `tests/structure.rs` checks the direction and prints the figures of the code's shape.

pub mod prove;
pub mod record;
pub mod scenario;
pub mod score;
pub mod sim;
pub mod ui;
pub mod worker;
