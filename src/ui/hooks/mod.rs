//! Timers and listeners, each dropped with the component that uses it (nothing is `forget`-ed).

mod frame_loop;
mod keys;
mod paint_queue;
mod resize;
mod settled;
mod theme;

pub use frame_loop::use_frame_loop;
pub use keys::use_keys;
pub use paint_queue::{painter_id, queue_paint};
pub use resize::use_window_resizes;
pub use settled::use_settled;
pub use theme::{use_theme, ThemeHandle};
