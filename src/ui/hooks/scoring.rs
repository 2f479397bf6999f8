//! The ended run scored a frame after it ended (ending the afternoon and replaying the real
//! team's path are then two short tasks, not one long one), and the best results written to the
//! browser's storage whenever they change.

use yew::prelude::*;

use super::frame::next_frame;
use crate::ui::state::{AppState, Msg, Scoring};
use crate::ui::storage::{local, BEST_KEY};

#[hook]
pub fn use_scoring(state: &AppState, dispatch: UseReducerDispatcher<AppState>) {
    {
        let dispatch = dispatch.clone();
        use_effect_with(state.scoring == Scoring::Due, move |due| {
            let frame = due.then(|| next_frame(move |_| dispatch.dispatch(Msg::Score)));
            move || drop(frame)
        });
    }
    let best = state.best.clone();
    use_effect_with(state.best_change.seq, move |seq| {
        if *seq == 0 {
            return;
        }
        if let Err(why) = local::write(BEST_KEY, &best.encode()) {
            dispatch.dispatch(Msg::BestUnsaved(why.to_string()));
        }
    });
}
