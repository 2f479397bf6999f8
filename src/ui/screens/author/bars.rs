//! The author's two bars: the drafts (switch, rename, delete, download, open a file) and what a
//! new draft starts from, with "Play this scenario".

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::scenario::{library, Scenario};
use crate::ui::browser;
use crate::ui::desk::{Desk, Msg};
use crate::ui::drafts;
use crate::ui::hooks::{Downloads, TextReader, SCENARIO_LIMIT};
use crate::ui::view::author::play_label;

/// A select's value when it changes, as a message.
fn on_select(send: &Callback<Msg>, msg: fn(String) -> Msg) -> Callback<Event> {
    send.reform(move |e: Event| msg(e.target_unchecked_into::<HtmlSelectElement>().value()))
}

/// A text field's value when it changes, as a message.
fn on_field(send: &Callback<Msg>, msg: fn(String) -> Msg) -> Callback<Event> {
    send.reform(move |e: Event| msg(e.target_unchecked_into::<HtmlInputElement>().value()))
}

pub fn drafts_bar(
    desk: &Desk,
    send: &Callback<Msg>,
    reader: &TextReader,
    downloads: &Downloads,
) -> Html {
    let on_file = {
        let (reader, send) = (reader.clone(), send.clone());
        browser::on_file_picked(Callback::from(move |file: web_sys::File| {
            let name = file.name();
            let stem = name.trim_end_matches(".toml").to_string();
            let send = send.clone();
            reader.read(file, SCENARIO_LIMIT, move |result| {
                send.emit(match result {
                    Ok(text) => Msg::FileRead { stem, text },
                    Err(e) => Msg::Notice(format!("{name}: {e}")),
                })
            });
        }))
    };
    let on_download = {
        let (downloads, text, name) = (
            downloads.clone(),
            desk.text.clone(),
            drafts::file_name(&desk.name),
        );
        Callback::from(move |_| downloads.offer(&text, "application/toml", &name))
    };
    html! {
        <div class="author-bar">
            <label>{ "Draft " }
                <select onchange={on_select(send, Msg::Switch)}>
                    { for desk.drafts.names().map(|n| html! { <option value={n.to_string()} selected={n == desk.name}>{ n }</option> }) }
                </select>
            </label>
            <label>{ "Name " }<input type="text" value={desk.name.clone()} onchange={on_field(send, Msg::Rename)} /></label>
            <button type="button" onclick={send.reform(|_| Msg::Delete)}>{ "Delete this draft" }</button>
            <button type="button" onclick={on_download}>{ "Download" }</button>
            <label class="file-label" for="author-file">{ "Open a file" }</label>
            <input id="author-file" type="file" accept=".toml,text/plain" onchange={on_file} />
        </div>
    }
}

pub fn start_bar(
    desk: &Desk,
    send: &Callback<Msg>,
    builtins: &[Rc<Scenario>],
    play: &Callback<Rc<Scenario>>,
) -> Html {
    let templates = library::TEMPLATES.iter().map(|(id, what, _)| {
        html! { <option value={*id} selected={desk.start_from == *id}>{ format!("Template: {what}") }</option> }
    });
    let builtins = builtins.iter().map(|s| {
        let id = s.meta.id.clone();
        html! { <option value={id.clone()} selected={desk.start_from == id}>{ format!("Library: {}", s.meta.title) }</option> }
    });
    let on_play = {
        let (scenario, play) = (desk.scenario.clone(), play.clone());
        Callback::from(move |_| {
            if let Some(s) = &scenario {
                play.emit(Rc::clone(s));
            }
        })
    };
    let sound = desk.sound();
    html! {
        <div class="author-bar">
            <label>{ "Start from " }
                <select onchange={on_select(send, Msg::StartFrom)}>{ for templates }{ for builtins }</select>
            </label>
            <button type="button" onclick={send.reform(|_| Msg::NewDraft)}>{ "New draft" }</button>
            <button type="button" class={if sound == Some(false) { "play-unsound" } else { "primary" }}
                disabled={!desk.playable()} onclick={on_play}>{ play_label(sound) }</button>
        </div>
    }
}
