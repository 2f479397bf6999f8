//! What the other pages of the app hand the trainer when it loads again (`ui::pages`): a scenario
//! to play from the author's page, or the one opened from a file before, listed again; and the
//! opened scenario kept for them whenever it changes.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::pages::{OPENED_KEY, PLAY_KEY};
use crate::ui::state::{AppState, Msg, Screen};
use crate::ui::storage::session;

#[hook]
pub fn use_pages(state: &UseReducerHandle<AppState>) {
    let dispatch = state.dispatcher();
    use_effect_with((), move |_| {
        let (handed, to_msg): (_, fn(Rc<_>) -> Msg) = match session::scenario(PLAY_KEY, true) {
            Some(play) => (Some(play), Msg::Play),
            None => (session::scenario(OPENED_KEY, false), Msg::Reopen),
        };
        match handed {
            Some(Ok(scenario)) => dispatch.dispatch(to_msg(Rc::new(scenario))),
            Some(Err(why)) => dispatch.dispatch(Msg::Notice(Some(format!(
                "The scenario handed over from the last page could not be read ({why}): open its file again."
            )))),
            None => {}
        }
    });
    let opened = state.opened.as_ref().map(|o| Rc::clone(&o.scenario));
    let dispatch = state.dispatcher();
    use_effect_with(opened.as_ref().map(|s| Rc::as_ptr(s) as usize), move |_| {
        if let Some(scenario) = opened {
            if let Err(why) = session::keep(OPENED_KEY, &scenario) {
                dispatch.dispatch(Msg::Unsaved(format!(
                    "The scenario you opened will not be listed again after you visit the author's page or the cohort review: {why}."
                )));
            }
        }
    });
}

/// Each screen opens at its top: the briefing picked from far down the library, the debrief after
/// a console scrolled to its findings. Nothing else scrolls the window on a screen's behalf.
#[hook]
pub fn use_top_of_screen(screen: Screen) {
    use_effect_with(screen, |_| {
        if let Some(window) = web_sys::window() {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
    });
}
