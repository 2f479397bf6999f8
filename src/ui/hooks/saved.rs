//! On first load: a saved session to offer, or a one-line notice of why it was discarded.

use yew::prelude::*;

use crate::ui::state::{AppState, Msg};
use crate::ui::storage::{self, local, SESSION_KEY};

#[hook]
pub fn use_saved_session(dispatch: UseReducerDispatcher<AppState>) {
    use_effect_with((), move |_| {
        let Some(text) = local::read(SESSION_KEY) else {
            return;
        };
        match storage::decode(&text) {
            Ok(resumed) => dispatch.dispatch(Msg::Offer(Box::new(resumed))),
            Err(why) => {
                local::remove(SESSION_KEY);
                dispatch.dispatch(Msg::Notice(Some(why.to_string())));
            }
        }
    });
}
