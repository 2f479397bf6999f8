//! The next animation frame, never cancelled. A frame cancelled by dropping its handle has its
//! closure dropped at once; when the cancel misses, the browser later calls a dropped closure and
//! wasm-bindgen throws "closure invoked recursively or after being dropped". It misses whenever the
//! frame's id does not survive web-sys reading it as an `i32` (a fake clock's ids start at 10^12).
//! So each frame holds its own handle until it fires, and whoever no longer wants it makes its
//! callback do nothing (a flag the callback reads).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::render::{request_animation_frame, AnimationFrame};

/// Runs `callback` on the next animation frame, with the frame's time in milliseconds.
pub fn on_next_frame(callback: impl FnOnce(f64) + 'static) {
    let slot: Rc<RefCell<Option<AnimationFrame>>> = Rc::default();
    let keep = Rc::clone(&slot);
    let frame = request_animation_frame(move |now_ms| {
        // Let the handle go once this call returns (wasm-bindgen frees a closure dropped during
        // its own call after the call).
        let _fired = keep.borrow_mut().take();
        callback(now_ms);
    });
    *slot.borrow_mut() = Some(frame);
}

/// A frame asked for with [`next_frame`]: dropping it makes the frame do nothing (it still fires).
pub struct Pending(Rc<Cell<bool>>);

impl Drop for Pending {
    fn drop(&mut self) {
        self.0.set(false);
    }
}

/// Runs `callback` on the next animation frame unless the returned [`Pending`] was dropped
/// before: a frame an effect asks for and its cleanup calls off.
pub fn next_frame(callback: impl FnOnce(f64) + 'static) -> Pending {
    let live = Rc::new(Cell::new(true));
    let still = Rc::clone(&live);
    on_next_frame(move |now_ms| {
        if still.get() {
            callback(now_ms);
        }
    });
    Pending(live)
}
