//! A command box for people who type: `free app-2`, Tab to complete, Enter to run.

use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use super::use_session;
use crate::sim::Action;
use crate::ui::state::SessionRef;
use crate::ui::view::command;

#[derive(Properties, PartialEq)]
pub struct CommandBoxProps {
    pub on_take: Callback<Action>,
    /// The last refusal or parse error, shown under the box.
    pub message: AttrValue,
}

/// Most commands listed at once.
const LISTED: usize = 40;

/// What is typed, the parse error, and whether Tab listed the commands.
#[derive(Clone)]
struct Entry {
    text: UseStateHandle<String>,
    error: UseStateHandle<String>,
    listing: UseStateHandle<bool>,
}

impl Entry {
    /// Tab completes the common prefix; on an empty or ambiguous entry it lists what can be
    /// typed, and a second Tab moves on.
    fn tab(&self, event: &KeyboardEvent, suggestions: &[String]) {
        let (text, listing) = (&self.text, &self.listing);
        let fill = command::common_prefix(suggestions).filter(|f| f.len() > text.len());
        if let Some(fill) = fill.filter(|_| !text.trim().is_empty()) {
            event.prevent_default();
            text.set(fill);
            listing.set(false);
        } else if !**listing && !suggestions.is_empty() {
            event.prevent_default();
            listing.set(true);
        } else {
            listing.set(false);
        }
    }

    /// Enter runs the command, or says why it cannot be read.
    fn enter(&self, session: &SessionRef, on_take: &Callback<Action>) {
        let parsed = session
            .get()
            .map(|s| command::parse(&s.scenario.config, &self.text));
        match parsed {
            Some(Ok(action)) => {
                self.error.set(String::new());
                self.text.set(String::new());
                on_take.emit(action);
            }
            Some(Err(why)) => self.error.set(why.to_string()),
            None => self.error.set(String::new()),
        }
    }
}

#[component]
pub fn CommandBox(props: &CommandBoxProps) -> Html {
    let shared = use_session();
    let entry = Entry {
        text: use_state(String::new),
        error: use_state(String::new),
        listing: use_state(|| false),
    };
    let (text, error, listing) = (
        entry.text.clone(),
        entry.error.clone(),
        entry.listing.clone(),
    );
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
        let (text, listing) = (text.clone(), listing.clone());
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            text.set(input.value());
            listing.set(false);
        })
    };
    let onkeydown = {
        let (entry, on_take) = (entry.clone(), props.on_take.clone());
        let (suggestions, session) = (suggestions.clone(), shared.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Tab" if !e.shift_key() => entry.tab(&e, &suggestions),
            "Escape" => entry.listing.set(false),
            "Enter" => entry.enter(&session, &on_take),
            _ => {}
        })
    };
    let shown = if error.is_empty() {
        props.message.to_string()
    } else {
        (*error).clone()
    };
    let hidden = shown.is_empty() && suggestions.is_empty()
        || shown.is_empty() && text.trim().is_empty() && !*listing;
    html! {
        <section class="command" aria-label="Command">
            <label for="command-input">{ "Command" }</label>
            <input id="command-input" type="text" value={(*text).clone()} {oninput} {onkeydown}
                autocomplete="off" spellcheck="false" placeholder={placeholder}
                aria-describedby="command-hint" />
            <div id="command-hint" class="command-help" aria-live="polite"
                hidden={hidden}>
                { hint(shown, *listing, &text, &suggestions) }
            </div>
        </section>
    }
}

/// Under the box: the refusal or parse error, else the commands listed by Tab, else the first
/// completions of what is typed.
fn hint(shown: String, listing: bool, text: &str, suggestions: &[String]) -> Html {
    html! {
        <>
            if !shown.is_empty() {
                <span class="why">{ shown }</span>
            } else if listing {
                <p class="meta">{ "You can type (Tab again moves on):" }</p>
                <ul class="candidates" aria-label="Commands you can type">
                    { for suggestions.iter().map(|c| html! { <li>{ c.trim_end() }</li> }) }
                </ul>
            } else if !text.trim().is_empty() {
                { suggestions.iter().take(6).cloned().collect::<Vec<_>>().join("   ") }
            }
        </>
    }
}
