//! The postmortem draft: the trainee adds their own corrective measures, then downloads, copies
//! or prints it (the print stylesheet prints the draft alone).

use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::scenario::Scenario;
use crate::score::postmortem::draft;
use crate::ui::session::Finished;

#[derive(Properties)]
pub struct PostmortemProps {
    pub scenario: Rc<Scenario>,
    pub finished: Rc<Finished>,
    pub on_download: Callback<String>,
    /// Something to announce ("Copied").
    pub on_announce: Callback<String>,
}

impl PartialEq for PostmortemProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.finished, &other.finished)
    }
}

fn copy(text: String, announce: Callback<String>) {
    crate::ui::browser::copy_text(&text, move |copied| {
        announce.emit(
            if copied {
                "The postmortem draft is on the clipboard."
            } else {
                "The browser did not allow copying: select the draft below and copy it."
            }
            .to_string(),
        )
    });
}

#[component]
pub fn Postmortem(props: &PostmortemProps) -> Html {
    let own = use_state(String::new);
    let measures: Vec<String> = own.lines().map(str::to_string).collect();
    let text = draft(
        &props.scenario,
        &props.finished.debrief,
        &props.finished.run,
        &measures,
    );
    let oninput = {
        let own = own.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            own.set(area.value());
        })
    };
    let download = {
        let (text, cb) = (text.clone(), props.on_download.clone());
        Callback::from(move |_| cb.emit(text.clone()))
    };
    let on_copy = {
        let (text, cb) = (text.clone(), props.on_announce.clone());
        Callback::from(move |_| copy(text.clone(), cb.clone()))
    };
    let print = Callback::from(|_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    html! {
        <section class="postmortem" aria-labelledby="postmortem-h">
            <h2 id="postmortem-h">{ "Postmortem draft" }</h2>
            <label for="own-measures">{ "Your corrective measures (one per line): they go into the draft" }</label>
            <textarea id="own-measures" rows="3" value={(*own).clone()} {oninput}
                placeholder="Alert on live heap growing for 30 minutes" />
            <div class="buttons">
                <button type="button" onclick={download}>{ "Download postmortem (Markdown)" }</button>
                <button type="button" onclick={on_copy}>{ "Copy postmortem" }</button>
                <button type="button" onclick={print}>{ "Print postmortem" }</button>
            </div>
            <pre class="postmortem-text" tabindex="0" aria-label="Postmortem draft (Markdown)">{ text }</pre>
        </section>
    }
}
