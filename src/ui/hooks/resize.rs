//! Window resizes, counted, so canvases can redraw at their new size.

use std::rc::Rc;

use yew::prelude::*;

#[derive(Default, PartialEq)]
struct Resizes(u32);

impl Reducible for Resizes {
    type Action = ();

    fn reduce(self: Rc<Self>, _: ()) -> Rc<Self> {
        Rc::new(Resizes(self.0.wrapping_add(1)))
    }
}

/// How many times the window has been resized. The listener goes with the component.
#[hook]
pub fn use_window_resizes() -> u32 {
    let resizes = use_reducer(Resizes::default);
    {
        let dispatcher = resizes.dispatcher();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                gloo::events::EventListener::new(&window, "resize", move |_| {
                    dispatcher.dispatch(())
                })
            });
            move || drop(listener)
        });
    }
    resizes.0
}
