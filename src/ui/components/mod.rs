//! One component per file; each gets its data as props, and the running session and the
//! reducer's dispatcher from the app's context.

pub mod actions;
pub mod alerts;
pub mod canvas;
pub mod chart_panel;
pub mod clock;
pub mod command_box;
pub mod deferred;
pub mod editor;
pub mod findings;
pub mod logs;
pub mod masthead;
pub mod open_run;
pub mod postmortem;
pub mod race;
pub mod reference;
pub mod room_debrief;
pub mod room_link;
pub mod servers;
pub mod share;
pub mod status;
pub mod team;
pub mod timeline;

use yew::prelude::*;

use crate::ui::state::{AppState, Msg, SessionRef};

/// What every screen and panel can reach through the app's context: the running session and the
/// reducer's dispatcher. Both keep their identity for the app's life, so the context itself never
/// re-renders its readers; they re-render on the data they are given as props.
#[derive(Clone, PartialEq)]
pub struct AppContext {
    pub session: SessionRef,
    pub dispatch: UseReducerDispatcher<AppState>,
}

/// The session the app provides (none outside the app: panels then render nothing).
#[hook]
pub fn use_session() -> SessionRef {
    use_context::<AppContext>()
        .map(|c| c.session)
        .unwrap_or_default()
}

/// A callback that dispatches `msg(x)` to the app's reducer (nothing outside the app).
#[hook]
pub fn use_dispatch<T: 'static>(msg: fn(T) -> Msg) -> Callback<T> {
    let dispatch = use_context::<AppContext>().map(|c| c.dispatch);
    Callback::from(move |x| {
        if let Some(d) = &dispatch {
            d.dispatch(msg(x));
        }
    })
}
