//! The room's link to a facilitator: a button that opens the facilitator's console in a window
//! of its own (for the facilitator's screen, never the projector), or a word that one is open.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RoomLinkProps {
    /// A facilitator's console is open beside this window.
    pub here: bool,
}

/// Opens this page as the facilitator's console, in a window of its own.
fn open_console() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let path = window.location().pathname().unwrap_or_default();
    let url = format!("{path}{}", crate::ui::pages::FACILITATE);
    let _ = window.open_with_url_and_target(&url, "incident-trainer-facilitator");
}

#[component]
pub fn RoomLink(props: &RoomLinkProps) -> Html {
    if props.here {
        return html! { <p class="room-link meta">{ "Facilitator's console connected" }</p> };
    }
    html! {
        <button type="button" class="room-link" onclick={Callback::from(|_| open_console())}
            title="For a drill with a facilitator: their console opens in a window of its own, to keep off the projector">
            { "Open the facilitator's console" }
        </button>
    }
}
