//! A command box for people who type: `free app-2`, Tab to complete, Enter to run.

use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use super::use_session;
use crate::sim::Action;
use crate::ui::view::command;

#[derive(Properties, PartialEq)]
pub struct CommandBoxProps {
    pub on_take: Callback<Action>,
    /// The last refusal or parse error, shown under the box.
    pub message: AttrValue,
}

/// Most commands listed at once.
const LISTED: usize = 40;

#[component]
pub fn CommandBox(props: &CommandBoxProps) -> Html {
    let shared = use_session();
    let text = use_state(String::new);
    let error = use_state(String::new);
    // Tab on an empty or ambiguous entry lists what can be typed; a second Tab moves on.
    let listing = use_state(|| false);
    // The example names a host of this scenario's own.
    let host = shared
        .get()
        .map_or_else(|| "app-1".to_string(), |s| s.sim().fleet().name(0).into());
    let placeholder = format!("free {host} (Tab completes, Enter runs)");
    let suggestions = shared
        .get()
        .map(|s| command::complete(&s.scenario, s.sim(), &text, LISTED))
        .unwrap_or_default();
    let oninput = {
        let text = text.clone();
        let listing = listing.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            text.set(input.value());
            listing.set(false);
        })
    };
    let onkeydown = {
        let text = text.clone();
        let error = error.clone();
        let on_take = props.on_take.clone();
        let suggestions = suggestions.clone();
        let session = shared.clone();
        let listing = listing.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Tab" if !e.shift_key() => {
                let fill = command::common_prefix(&suggestions).filter(|f| f.len() > text.len());
                if let Some(fill) = fill.filter(|_| !text.trim().is_empty()) {
                    e.prevent_default();
                    text.set(fill);
                    listing.set(false);
                } else if !*listing && !suggestions.is_empty() {
                    e.prevent_default();
                    listing.set(true);
                } else {
                    listing.set(false);
                }
            }
            "Escape" => listing.set(false),
            "Enter" => match session
                .get()
                .map(|s| command::parse(&s.scenario.config, &text))
            {
                Some(Ok(action)) => {
                    error.set(String::new());
                    text.set(String::new());
                    on_take.emit(action);
                }
                Some(Err(why)) => error.set(why.to_string()),
                None => error.set(String::new()),
            },
            _ => {}
        })
    };
    let shown = if error.is_empty() {
        props.message.to_string()
    } else {
        (*error).clone()
    };
    html! {
        <section class="command" aria-label="Command">
            <label for="command-input">{ "Command" }</label>
            <input id="command-input" type="text" value={(*text).clone()} {oninput} {onkeydown}
                autocomplete="off" spellcheck="false" placeholder={placeholder}
                aria-describedby="command-hint" />
            <div id="command-hint" class="command-help" aria-live="polite"
                hidden={shown.is_empty() && suggestions.is_empty() || shown.is_empty() && text.trim().is_empty() && !*listing}>
                if !shown.is_empty() {
                    <span class="why">{ shown }</span>
                } else if *listing {
                    <p class="meta">{ "You can type (Tab again moves on):" }</p>
                    <ul class="candidates" aria-label="Commands you can type">
                        { for suggestions.iter().map(|c| html! { <li>{ c.trim_end() }</li> }) }
                    </ul>
                } else if !text.trim().is_empty() {
                    { suggestions.iter().take(6).cloned().collect::<Vec<_>>().join("   ") }
                }
            </div>
        </section>
    }
}
