//! The page's web worker: the messages between the page and the worker that reads scenario files
//! and proves them sound (`protocol`). An application boundary, not part of the scenario format:
//! it may use every layer above it.

pub mod protocol;
