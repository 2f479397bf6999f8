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
    // The console shows the fault and the real team's path: a trainee on their own is asked
    // first, so one click does not hand them the answer.
    let asking = use_state(|| false);
    if props.here {
        return html! { <p class="room-link meta">{ "Facilitator's console connected" }</p> };
    }
    let set = |to: bool| {
        let asking = asking.clone();
        Callback::from(move |_| asking.set(to))
    };
    let open = {
        let asking = asking.clone();
        Callback::from(move |_| {
            asking.set(false);
            open_console()
        })
    };
    if *asking {
        return html! {
            <div class="room-link-ask" role="group" aria-label="Open the facilitator's console?">
                <p class="meta">{ "It shows the fault and the real team's path: the answers. Open it on the facilitator's own screen, never the trainee's or the projector." }</p>
                <button type="button" onclick={open}>{ "Open it for the facilitator" }</button>{ " " }
                <button type="button" class="quiet" onclick={set(false)}>{ "Cancel" }</button>
            </div>
        };
    }
    html! {
        <button type="button" class="room-link" onclick={set(true)}
            title="For a drill with a facilitator: their console opens in a window of its own, to keep off the projector">
            { "Open the facilitator's console…" }
        </button>
    }
}
