//! The pacing loop: each animation frame turns real time times the speed into whole simulated
//! seconds through an accumulator, and asks for at most `MAX_STEPS_PER_FRAME` of them, so a slow
//! device falls behind gracefully instead of freezing.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::frame::on_next_frame;

/// Most simulated seconds one frame may ask for.
pub const MAX_STEPS_PER_FRAME: u32 = 120;
/// A frame gap longer than this (a background tab) counts as this long.
const MAX_FRAME_GAP_MS: f64 = 250.0;

struct Loop {
    last_ms: Option<f64>,
    carry: f64,
    /// Bumps when the speed changes or the component goes: a frame of an earlier loop (still
    /// pending, or running: its `on_ticks` may have changed the speed) then does nothing and does
    /// not schedule itself again.
    run: u32,
}

/// Calls `on_ticks(n)` once per frame with the whole seconds due, while `speed` is above 0.
#[hook]
pub fn use_frame_loop(speed: f64, on_ticks: Callback<u32>) {
    let state = use_mut_ref(|| Loop {
        last_ms: None,
        carry: 0.0,
        run: 0,
    });
    use_effect_with(speed, move |speed| {
        let speed = *speed;
        let run = {
            let mut s = state.borrow_mut();
            s.last_ms = None;
            s.carry = 0.0;
            s.run = s.run.wrapping_add(1);
            s.run
        };
        if speed > 0.0 {
            schedule(Rc::clone(&state), speed, on_ticks, run);
        }
        move || {
            let mut s = state.borrow_mut();
            s.run = s.run.wrapping_add(1);
        }
    });
}

fn schedule(state: Rc<RefCell<Loop>>, speed: f64, on_ticks: Callback<u32>, run: u32) {
    let next = state;
    on_next_frame(move |now_ms| {
        if next.borrow().run != run {
            return;
        }
        let due = {
            let mut s = next.borrow_mut();
            let gap = s
                .last_ms
                .map_or(0.0, |last| (now_ms - last).clamp(0.0, MAX_FRAME_GAP_MS));
            s.last_ms = Some(now_ms);
            s.carry += gap / 1000.0 * speed;
            let whole = s.carry.floor().min(f64::from(MAX_STEPS_PER_FRAME));
            s.carry = (s.carry - whole).min(f64::from(MAX_STEPS_PER_FRAME));
            whole as u32
        };
        if due > 0 {
            on_ticks.emit(due);
        }
        if next.borrow().run == run {
            schedule(Rc::clone(&next), speed, on_ticks, run);
        }
    });
}
