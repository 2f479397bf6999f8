//! Keyboard shortcuts on the whole page, ignored while typing in a field.

use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

/// Calls `on_key(key)` for keys pressed outside text fields. Returns nothing; the listener goes
/// with the component.
#[hook]
pub fn use_keys(on_key: Callback<String>) {
    use_effect_with((), move |_| {
        let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
            // Not passive (gloo's default): a passive listener cannot stop Space scrolling.
            let options = gloo::events::EventListenerOptions::enable_prevent_default();
            gloo::events::EventListener::new_with_options(&doc, "keydown", options, move |event| {
                let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                if event.ctrl_key() || event.meta_key() || event.alt_key() {
                    return;
                }
                let typing = event
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|el| {
                        matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                    });
                if typing {
                    return;
                }
                let key = event.key();
                if key == " " {
                    // Space would also scroll the page or press the focused button.
                    event.prevent_default();
                }
                on_key.emit(key);
            })
        });
        move || drop(listener)
    });
}
