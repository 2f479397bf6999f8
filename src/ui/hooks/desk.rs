//! The author's page's side effects, each carried out when its request in the [`Desk`] is sent:
//! the drafts read on arrival and written when they change (and once more on leaving), jobs for
//! the checking worker and the solver (a worker of its own, so a search can be stopped without
//! stopping the checks), the check after a quiet time, the preview run after the frame is
//! painted.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use super::frame::next_frame;
use super::worker::use_worker;
use crate::ui::browser;
use crate::ui::desk::{Desk, Msg};
use crate::ui::drafts::{Drafts, DRAFTS_KEY, UNREADABLE_KEY};
use crate::ui::storage::local;
use crate::ui::view::author::preview;

/// Quiet time after the last keystroke before the file is checked and the draft saved.
const DEBOUNCE_MS: u32 = 400;

#[hook]
pub fn use_desk_effects(desk: &UseReducerHandle<Desk>) {
    use_drafts_kept(desk);
    use_workers(desk);
    let dispatch = desk.dispatcher();
    {
        let dispatch = dispatch.clone();
        use_effect_with(desk.debounce.clone(), move |wanted| {
            let timeout = wanted
                .what
                .then(|| Timeout::new(DEBOUNCE_MS, move || dispatch.dispatch(Msg::CheckNow)));
            move || drop(timeout)
        });
    }
    let due = desk.preview_due.what.clone();
    use_effect_with(desk.preview_due.seq, move |_| {
        let frame = due.map(|s| {
            next_frame(move |_| {
                let p = Rc::new((Rc::clone(&s), preview(&s)));
                dispatch.dispatch(Msg::Previewed(p));
            })
        });
        move || drop(frame)
    });
}

/// The drafts read on arrival (unreadable ones kept aside, not lost: the next save would
/// overwrite them), written when they change, and the editor's text saved on leaving.
#[hook]
fn use_drafts_kept(desk: &UseReducerHandle<Desk>) {
    {
        let desk = desk.clone();
        use_effect_with((), move |_| {
            let stored = local::read(DRAFTS_KEY);
            let (drafts, notice) = match Drafts::decode(stored.as_deref()) {
                Ok(drafts) => (drafts, None),
                Err(why) => {
                    let kept = stored
                        .as_deref()
                        .is_some_and(|raw| local::write(UNREADABLE_KEY, raw).is_ok());
                    (
                        Drafts::default(),
                        Some(if kept {
                            format!("{why}; they were kept aside in this browser's storage as `{UNREADABLE_KEY}`.")
                        } else {
                            format!("{why}.")
                        }),
                    )
                }
            };
            desk.dispatch(Msg::Mounted(drafts, notice));
            // Leaving the page (another page of the app, a reload, the tab closed) unmounts
            // nothing: the text is kept when the page is hidden, as when the page goes.
            let keep = move || {
                let mut last = (*desk).clone();
                last.flush();
                let _ = local::write(DRAFTS_KEY, &last.drafts.encode());
            };
            let hidden = web_sys::window().map(|w| {
                let keep = keep.clone();
                gloo::events::EventListener::new(&w, "pagehide", move |_| keep())
            });
            move || {
                drop(hidden);
                keep();
            }
        });
    }
    let (drafts, dispatch) = (desk.drafts.clone(), desk.dispatcher());
    use_effect_with(desk.store.seq, move |seq| {
        if *seq == 0 {
            return;
        }
        if let Err(why) = local::write(DRAFTS_KEY, &drafts.encode()) {
            dispatch.dispatch(Msg::Notice(format!(
                "The draft could not be saved in this browser: {why}. Download it to keep it."
            )));
        }
    });
}

/// The checking worker and the solver, each sent the jobs the desk asks for.
#[hook]
fn use_workers(desk: &UseReducerHandle<Desk>) {
    let dispatch = desk.dispatcher();
    let checker = {
        let dispatch = dispatch.clone();
        use_worker(Callback::from(move |reply| {
            let at = browser::time_of_day();
            dispatch.dispatch(Msg::Checked { reply, at });
        }))
    };
    let solver = {
        let dispatch = dispatch.clone();
        use_worker(Callback::from(move |reply| {
            dispatch.dispatch(Msg::Searched(reply))
        }))
    };
    {
        let (ask, dispatch) = (desk.ask.what.clone(), dispatch.clone());
        use_effect_with(desk.ask.seq, move |_| {
            let sent = ask.map(|a| checker.job(&a.file, &a.text, a.job.clone()));
            if let Some(Err(why)) = sent {
                dispatch.dispatch(Msg::Notice(why.to_string()));
            }
        });
    }
    let ask = desk.solve.what.clone();
    use_effect_with(desk.solve.seq, move |_| {
        // A new search, or none: the last one's worker goes either way.
        solver.stop();
        let sent = ask.map(|a| solver.job(&a.file, &a.text, a.job.clone()));
        if let Some(Err(why)) = sent {
            dispatch.dispatch(Msg::SearchFailed(why.to_string()));
        }
    });
}
