//! A screen in two tasks: false on the first render, true once the browser has drawn a frame, so
//! a large screen can show its top first and build the rest in a task of its own, neither of them
//! long.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use super::frame::next_frame;

#[hook]
pub fn use_settled() -> bool {
    let settled = use_state_eq(|| false);
    {
        let settled = settled.clone();
        use_effect_with((), move |_| {
            // The frame callback runs before that frame's layout; the timeout it sets runs after
            // the frame is drawn.
            let timeout: Rc<RefCell<Option<Timeout>>> = Rc::default();
            let keep = timeout.clone();
            let frame = next_frame(move |_| {
                *keep.borrow_mut() = Some(Timeout::new(0, move || settled.set(true)));
            });
            move || {
                drop(frame);
                drop(timeout.borrow_mut().take());
            }
        });
    }
    *settled
}
