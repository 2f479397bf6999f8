//! On first load: a saved session to offer, or a one-line notice of why it was discarded; stored
//! entries that could not be read are set aside under another key (kept, not deleted), and the
//! notice names it.

use yew::prelude::*;

use crate::ui::state::{AppState, Msg};
use crate::ui::storage::{self, local, BEST_KEY, BEST_UNREADABLE_KEY, SESSION_KEY};
use crate::ui::storage::{best_is_readable, SESSION_UNREADABLE_KEY};

#[hook]
pub fn use_saved_session(dispatch: UseReducerDispatcher<AppState>) {
    use_effect_with((), move |_| {
        let mut notes = Vec::new();
        if local::read(BEST_KEY).is_some_and(|text| !best_is_readable(&text)) {
            notes.push(aside(
                "Your best results could not be read",
                BEST_KEY,
                BEST_UNREADABLE_KEY,
            ));
        }
        if let Some(text) = local::read(SESSION_KEY) {
            match storage::decode(&text) {
                Ok(resumed) => dispatch.dispatch(Msg::Offer(Box::new(resumed))),
                Err(why) if why.keep_aside() => {
                    notes.push(aside(&why.to_string(), SESSION_KEY, SESSION_UNREADABLE_KEY))
                }
                Err(why) => {
                    local::remove(SESSION_KEY);
                    notes.push(why.to_string());
                }
            }
        }
        if !notes.is_empty() {
            dispatch.dispatch(Msg::Notice(Some(notes.join(" "))));
        }
    });
}

/// Moves an unreadable entry aside and says where it went.
fn aside(what: &str, from: &str, to: &str) -> String {
    if local::set_aside(from, to) {
        format!(
            "{what}; it was set aside in this browser's storage as `{to}` and a fresh one started."
        )
    } else {
        local::remove(from);
        format!("{what}, and could not be set aside; it was discarded.")
    }
}
