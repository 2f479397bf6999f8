//! The browser app. Charts are plain drawing functions (tested natively); the components exist only
//! on wasm32.

pub mod chart;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod canvas;

#[cfg(target_arch = "wasm32")]
pub use app::App;
