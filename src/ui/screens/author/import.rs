//! "Start from a postmortem": paste a write-up or open its file, and the worker turns it into a
//! draft in the editor; what it found and what is left to decide show beside it.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::ui::browser;
use crate::ui::desk::{Desk, Msg};
use crate::ui::hooks::TextReader;

pub fn import_section(
    desk: &Desk,
    send: &Callback<Msg>,
    reader: &TextReader,
    pasted: &NodeRef,
) -> Html {
    let on_make = {
        let (send, pasted) = (send.clone(), pasted.clone());
        Callback::from(move |_| {
            if let Some(area) = pasted.cast::<HtmlTextAreaElement>() {
                send.emit(Msg::Import {
                    name: "pasted postmortem".into(),
                    text: area.value(),
                });
            }
        })
    };
    let on_file = {
        let (reader, send) = (reader.clone(), send.clone());
        browser::on_file_picked(Callback::from(move |file: web_sys::File| {
            let (name, send) = (file.name(), send.clone());
            reader.read(
                file,
                crate::scenario::import::MAX_BYTES as u64,
                move |result| {
                    send.emit(match result {
                        Ok(text) => Msg::Import { name, text },
                        Err(e) => Msg::Notice(format!("{name}: {e}")),
                    })
                },
            );
        }))
    };
    html! {
        <details class="author-import" open={desk.imported.is_some()}>
            <summary>{ "Start from a postmortem" }</summary>
            <p class="meta">{ "Paste a write-up (Markdown or plain text) or open its file: its times, timeline, calibration and measures become a draft; what it cannot know is marked DECIDE in the draft." }</p>
            <label for="postmortem-text">{ "Postmortem text" }</label>
            <textarea id="postmortem-text" ref={pasted.clone()} rows="6" spellcheck="false" />
            <div class="author-bar">
                <button type="button" class="primary" onclick={on_make}>{ "Make a draft" }</button>
                <label class="file-label" for="postmortem-file">{ "Open a postmortem" }</label>
                <input id="postmortem-file" type="file" accept=".md,.txt,text/plain,text/markdown" onchange={on_file} />
            </div>
            if let Some(s) = &desk.imported {
                <section class="import-summary" aria-label="What the import found">
                    <h3>{ format!("From {}", s.source) }</h3>
                    <div><h4>{ "Found" }</h4>
                    <ul>{ for s.found.iter().map(|l| html! { <li>{ l.clone() }</li> }) }</ul></div>
                    <div><h4>{ "Left to decide" }</h4>
                    <ul>{ for s.to_decide.iter().map(|l| html! { <li>{ l.clone() }</li> }) }</ul></div>
                </section>
            }
        </details>
    }
}
