//! The library's way into a kept run: a run file to open, or a share link to paste. Either
//! opens the replay screen; a run that cannot be opened is said here, where and what.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::ui::browser;

#[derive(Properties, PartialEq)]
pub struct OpenRunProps {
    pub on_file: Callback<web_sys::File>,
    /// A pasted link (or the text of a run file).
    pub on_link: Callback<String>,
    /// Why the last run could not be opened.
    pub error: Option<AttrValue>,
}

/// The refusal as a sentence: its first letter up.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect::<String>()
    })
}

#[component]
pub fn OpenRun(props: &OpenRunProps) -> Html {
    let pasted = use_node_ref();
    let alert = use_node_ref();
    // A refusal is brought into view and focused: a link the page was opened with lands on the
    // library's top, far above this section.
    {
        let alert = alert.clone();
        use_effect_with(props.error.clone(), move |error| {
            if error.is_some() {
                if let Some(el) = alert.cast::<web_sys::HtmlElement>() {
                    el.scroll_into_view();
                    let _ = el.focus();
                }
            }
        });
    }
    let onchange = browser::on_file_picked(props.on_file.clone());
    let onsubmit = {
        let (pasted, on_link) = (pasted.clone(), props.on_link.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(input) = pasted.cast::<HtmlInputElement>() {
                on_link.emit(input.value());
            }
        })
    };
    html! {
        <section class="open-run" aria-labelledby="open-run-h">
            <h2 id="open-run-h">{ "Replay a run" }</h2>
            <p class="meta">{ "A run file from a debrief, or a share link: watch it again, scrub to any minute, take over from there." }</p>
            <label for="run-file" class="file-label">{ "Open a run file" }</label>
            <input id="run-file" type="file" accept=".json,application/json" {onchange} />
            <form class="paste-link" {onsubmit}>
                <label for="run-link">{ "Paste a share link" }</label>
                <input id="run-link" type="text" ref={pasted} spellcheck="false" autocomplete="off" placeholder="https://…#run=…" />
                <button type="submit">{ "Open the link" }</button>
            </form>
            if let Some(error) = &props.error {
                <p class="file-errors" role="alert" tabindex="-1" ref={alert}>{ sentence(error) }</p>
            }
        </section>
    }
}
