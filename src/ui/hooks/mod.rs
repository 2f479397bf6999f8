//! Side effects, each owned by a hook and dropped with the component that uses it (nothing is
//! `forget`-ed): timers and listeners, storage written as an effect of the state, the worker's
//! client, files read and downloaded.

mod autosave;
mod desk;
mod files;
mod frame;
mod frame_loop;
mod keys;
mod library_files;
mod pages;
mod paint_queue;
mod resize;
mod room;
mod runs;
mod saved;
mod scoring;
mod settled;
mod theme;
mod worker;

pub use autosave::use_autosave;
pub use desk::use_desk_effects;
pub use files::{check_size, use_downloads, use_text_reader, Downloads, TextReader};
pub use files::{RUN_LIMIT, SCENARIO_LIMIT};
pub use frame_loop::use_frame_loop;
pub use keys::use_keys;
pub use library_files::{use_library_files, LibraryFiles};
pub use pages::{use_pages, use_top_of_screen};
pub use paint_queue::{painter_id, queue_paint};
pub use resize::use_window_resizes;
pub use room::{use_facilitator, use_room};
pub use runs::{use_runs, RunFiles};
pub use saved::use_saved_session;
pub use scoring::use_scoring;
pub use settled::use_settled;
pub use theme::{use_theme, ThemeHandle};
