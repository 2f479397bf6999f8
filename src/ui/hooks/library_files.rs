//! The library's files: a scenario file read and checked by the page's worker (its answer goes
//! to the reducer), and a progress file read and merged.

use std::rc::Rc;

use yew::prelude::*;

use super::files::{
    use_downloads, use_text_reader, Downloads, ReadError, RUN_LIMIT, SCENARIO_LIMIT,
};
use super::worker::use_worker;
use crate::ui::progress;
use crate::ui::state::{AppState, Msg};
use crate::ui::worker_client::WorkerError;

/// What the library's file buttons do.
#[derive(Clone)]
pub struct LibraryFiles {
    /// Reads a scenario file and has the page's worker check it.
    pub open: Callback<web_sys::File>,
    /// Reads a progress file and merges it with this browser's (nothing is lost either way).
    pub import: Callback<web_sys::File>,
    /// Downloads the run, the postmortem and the progress file.
    pub downloads: Downloads,
}

#[hook]
pub fn use_library_files(dispatch: UseReducerDispatcher<AppState>) -> LibraryFiles {
    let reader = use_text_reader();
    // The file the worker is checking, for an answer that names none.
    let checking = use_mut_ref(String::new);
    let worker = {
        let (dispatch, checking) = (dispatch.clone(), Rc::clone(&checking));
        use_worker(Callback::from(move |reply| {
            let file = checking.borrow().clone();
            dispatch.dispatch(Msg::FileChecked { file, reply });
        }))
    };
    let open = {
        let (reader, dispatch) = (reader.clone(), dispatch.clone());
        Callback::from(move |file: web_sys::File| {
            let (name, dispatch) = (file.name(), dispatch.clone());
            let (worker, checking) = (worker.clone(), Rc::clone(&checking));
            reader.read(file, SCENARIO_LIMIT, move |result| {
                let sent = match result {
                    Ok(text) => {
                        *checking.borrow_mut() = name.clone();
                        worker.check(&name, &text).map_err(OpenError::Worker)
                    }
                    Err(e) => Err(OpenError::Unreadable(e)),
                };
                if let Err(why) = sent {
                    let message = why.to_string();
                    dispatch.dispatch(Msg::FileProblem {
                        file: name,
                        message,
                    });
                }
            });
        })
    };
    let import = Callback::from(move |file: web_sys::File| {
        let (name, dispatch) = (file.name(), dispatch.clone());
        reader.read(file, RUN_LIMIT, move |result| {
            let outcome = match result {
                Ok(text) => progress::import(&text).map_err(|e| e.to_string()),
                Err(e) => Err(format!("{name}: {e}.")),
            };
            dispatch.dispatch(match outcome {
                Ok(theirs) => Msg::ProgressImported { file: name, theirs },
                Err(why) => Msg::ProgressRefused(why),
            });
        });
    });
    LibraryFiles {
        open,
        import,
        downloads: use_downloads(),
    }
}

/// Why a scenario file picked in the library could not be checked.
#[derive(Debug, thiserror::Error)]
enum OpenError {
    #[error("{0}")]
    Unreadable(ReadError),
    #[error("{0}")]
    Worker(WorkerError),
}
