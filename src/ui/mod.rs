//! The browser app. The session, the reducer, saves and the view helpers are plain Rust, tested
//! natively; the components, screens and hooks (the side effects) exist only on wasm32.

pub mod chart;
pub mod desk;
pub mod drafts;
pub mod pages;
pub mod progress;
pub mod room;
pub mod session;
pub mod state;
pub mod storage;
pub mod view;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod hooks;
#[cfg(target_arch = "wasm32")]
mod lead;
#[cfg(target_arch = "wasm32")]
mod screens;
#[cfg(target_arch = "wasm32")]
mod worker_client;

#[cfg(target_arch = "wasm32")]
pub use app::App;
#[cfg(target_arch = "wasm32")]
pub use lead::Lead;
#[cfg(target_arch = "wasm32")]
pub use screens::facilitate::Facilitate;
