//! The saved session as an effect of the state: written when the reducer asks (on start, on each
//! action, once a simulated minute), removed when the session ends or a save is discarded.

use yew::prelude::*;

use crate::ui::state::{AppState, Msg};
use crate::ui::storage::{local, Save, SESSION_KEY};

#[hook]
pub fn use_autosave(state: &AppState, dispatch: UseReducerDispatcher<AppState>) {
    let (session, from_file) = (state.session.clone(), state.from_file);
    use_effect_with(state.autosave, move |want| {
        if want.seq == 0 {
            return;
        }
        if !want.keep {
            return local::remove(SESSION_KEY);
        }
        let Some(text) = session.get().map(|s| Save::of(&s, from_file).encode()) else {
            return;
        };
        if let Err(why) = local::write(SESSION_KEY, &text) {
            dispatch.dispatch(Msg::Unsaved(format!(
                "This session could not be saved in this browser: {why}. It plays on, but a reload would lose it."
            )));
        }
    });
}
