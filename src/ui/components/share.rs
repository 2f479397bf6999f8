//! Keeping and sharing an ended run: the trainee's name (remembered by this browser), the run
//! file to download, and the share link (the run packed into the page's address, which no
//! server sees), copied to the clipboard and shown in a field to select, since clipboards fail.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{use_dispatch, use_session};
use crate::record::{link, RunFile};
use crate::ui::browser;
use crate::ui::state::Msg;
use crate::ui::storage::local;

/// Where this browser keeps the trainee's name for next time.
const TRAINEE_KEY: &str = "incident-trainer.trainee";

#[derive(Properties, PartialEq)]
pub struct ShareRunProps {
    /// Download this run file.
    pub on_download: Callback<RunFile>,
}

/// The name typed, and what became of the last copy.
#[derive(Clone, Default, PartialEq)]
struct Share {
    name: String,
    note: Option<&'static str>,
}

enum ShareMsg {
    Name(String),
    Copied(bool),
}

impl Reducible for Share {
    type Action = ShareMsg;

    fn reduce(self: std::rc::Rc<Self>, msg: ShareMsg) -> std::rc::Rc<Self> {
        std::rc::Rc::new(match msg {
            // A new name makes a new link: the note about the old one goes.
            ShareMsg::Name(name) => Share { name, note: None },
            ShareMsg::Copied(copied) => Share {
                note: Some(if copied {
                    "Link copied."
                } else {
                    "The browser would not copy it: select the link below and copy it."
                }),
                ..(*self).clone()
            },
        })
    }
}

#[component]
pub fn ShareRun(props: &ShareRunProps) -> Html {
    let shared = use_session();
    let unsaved = use_dispatch(Msg::Unsaved);
    let share = use_reducer(|| Share {
        name: local::read(TRAINEE_KEY).unwrap_or_default(),
        note: None,
    });
    let run = shared.get().and_then(|s| s.run_file()).map(|mut run| {
        let trainee = share.name.trim();
        if !trainee.is_empty() {
            run.trainee = Some(trainee.to_string());
        }
        run.date = run.date.or_else(|| Some(today()));
        run
    });
    let Some(run) = run else {
        return html! {};
    };
    let url = format!("{}#{}", page_address(), link::encode(&run));
    let on_name = {
        let share = share.dispatcher();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            // Kept for next time; a browser that refuses storage only forgets it, and says so.
            if let Err(why) = local::write(TRAINEE_KEY, input.value().trim()) {
                unsaved.emit(format!(
                    "Your name is in this run, but not kept for the next: {why}."
                ));
            }
            share.dispatch(ShareMsg::Name(input.value()));
        })
    };
    let on_download = {
        let (on_download, run) = (props.on_download.clone(), run.clone());
        Callback::from(move |_| on_download.emit(run.clone()))
    };
    let on_copy = {
        let (share, url) = (share.dispatcher(), url.clone());
        Callback::from(move |_| {
            let share = share.clone();
            browser::copy_text(&url, move |copied| share.dispatch(ShareMsg::Copied(copied)));
        })
    };
    let select = Callback::from(|e: FocusEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        input.select();
    });
    html! {
        <section class="share" aria-labelledby="share-h">
            <h2 id="share-h">{ "Keep or share this run" }</h2>
            <label for="trainee">{ "Your name (optional, in the file and the link)" }</label>
            <input id="trainee" type="text" autocomplete="name" value={share.name.clone()} oninput={on_name} />
            <div class="buttons">
                <button type="button" onclick={on_download}>{ "Download the run file" }</button>
                <button type="button" onclick={on_copy}>{ "Copy the share link" }</button>
                if let Some(note) = share.note { <span class="meta" role="status">{ note }</span> }
            </div>
            <label for="share-link">{ format!("Share link ({} characters; opening it replays this run)", url.len()) }</label>
            <input id="share-link" class="share-link" type="text" readonly=true value={url} onfocus={select} />
        </section>
    }
}

/// The page's address without its fragment (where a link opens).
fn page_address() -> String {
    let location = web_sys::window().map(|w| w.location());
    let part = |f: fn(&web_sys::Location) -> Result<String, wasm_bindgen::JsValue>| {
        location
            .as_ref()
            .and_then(|l| f(l).ok())
            .unwrap_or_default()
    };
    format!(
        "{}{}{}",
        part(web_sys::Location::origin),
        part(web_sys::Location::pathname),
        part(web_sys::Location::search)
    )
}

/// Today's date by the browser's clock, `2026-12-01`.
fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}
