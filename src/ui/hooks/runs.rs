//! Runs into the page: a run file picked in the library, a link pasted there, and the link the
//! page was opened with (`#run=...`, read on load and when the address's fragment changes).

use yew::prelude::*;

use super::files::{use_text_reader, RUN_LIMIT};
use crate::ui::state::{AppState, Msg};

/// What the library's run controls do.
#[derive(Clone)]
pub struct RunFiles {
    pub open_file: Callback<web_sys::File>,
    pub open_link: Callback<String>,
}

#[hook]
pub fn use_runs(dispatch: UseReducerDispatcher<AppState>) -> RunFiles {
    let reader = use_text_reader();
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let open_hash = move || {
                let hash = web_sys::window().and_then(|w| w.location().hash().ok());
                if let Some(hash) = hash.filter(|h| h.contains("run=")) {
                    dispatch.dispatch(link(hash));
                }
            };
            open_hash();
            let listener = web_sys::window()
                .map(|w| gloo::events::EventListener::new(&w, "hashchange", move |_| open_hash()));
            move || drop(listener)
        });
    }
    let open_file = {
        let dispatch = dispatch.clone();
        Callback::from(move |file: web_sys::File| {
            let (source, dispatch) = (file.name(), dispatch.clone());
            reader.read(file, RUN_LIMIT, move |result| {
                dispatch.dispatch(match result {
                    Ok(text) => Msg::OpenRun { source, text },
                    Err(e) => Msg::Notice(Some(format!("{source}: {e}."))),
                });
            });
        })
    };
    RunFiles {
        open_file,
        open_link: Callback::from(move |text: String| dispatch.dispatch(link(text))),
    }
}

fn link(text: String) -> Msg {
    Msg::OpenRun {
        source: "the link".to_string(),
        text,
    }
}
