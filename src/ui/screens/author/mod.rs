//! The author's page: write a scenario in the browser. The editor is checked as you type (by the
//! page's worker, debounced), every error is listed and marked at its line, the preview charts
//! the do-nothing run against the real team's path, "Check soundness" runs the solver in a second
//! worker (progress, cancel), drafts are kept by name in local storage, and "Play this scenario"
//! opens it in the console. The page's state is its own reducer (`ui::desk`); its side effects
//! are hooks (`hooks::use_desk_effects`).

mod bars;
mod import;
mod preview;
mod problems;
mod soundness;

use std::rc::Rc;

use yew::prelude::*;

use crate::scenario::Scenario;
use crate::ui::components::editor::Editor;
use crate::ui::components::reference::FormatReference;
use crate::ui::desk::{Desk, Msg};
use crate::ui::hooks::{use_desk_effects, use_downloads, use_text_reader};
use crate::ui::view::author::error_lines;

#[derive(Properties, PartialEq)]
pub struct AuthorProps {
    pub dark: bool,
    /// The built-in scenarios (the app's, already read), to start a draft from.
    pub library: Rc<Vec<Rc<Scenario>>>,
    pub on_play: Callback<Rc<Scenario>>,
}

#[component]
pub fn Author(props: &AuthorProps) -> Html {
    let desk = use_reducer(Desk::default);
    use_desk_effects(&desk);
    let (reader, downloads) = (use_text_reader(), use_downloads());
    let send = desk.dispatcher().to_callback();
    let d: &Desk = &desk;
    let pasted = use_node_ref();
    html! {
        <main class="screen author" id="main">
            <div class="author-head">
                <h1>{ "Write a scenario" }</h1>
                <a class="button" href={crate::ui::pages::TRAINER}>{ "Back to the library" }</a>
            </div>
            if let Some(n) = &d.notice { <p class="notice" role="status">{ n.clone() }</p> }
            { bars::drafts_bar(d, &send, &reader, &downloads) }
            { bars::start_bar(d, &send, &props.library, &props.on_play) }
            { import::import_section(d, &send, &reader, &pasted) }
            <div class="author-main">
                <section class="author-edit" aria-label="Editor">
                    <Editor text={AttrValue::from(d.text.clone())} loaded={d.loaded}
                        error_lines={error_lines(&d.diagnostics).into_iter().collect::<Vec<_>>()}
                        jump={d.jump} on_input={send.reform(Msg::Typed)} />
                    <p class="meta" id="editor-keys">{ "Tab indents, Enter keeps the indentation, Ctrl+Z undoes. Esc then Tab leaves the editor." }</p>
                </section>
                <div class="author-side">
                    { problems::problems_section(d, &send) }
                    { preview::preview_section(d, props.dark) }
                    { soundness::search_section(d, &send) }
                </div>
            </div>
            <FormatReference />
        </main>
    }
}
