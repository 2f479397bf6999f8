//! The facilitator's console: a second window beside the room's, for the game master only. It
//! shows what the room must not see (the faults, what each finding really showed, the real
//! team's path, the injects with their expected responses) and sends the room commands:
//! pause, resume, send an inject, name the roles. Opened as the page with `#facilitate`.

mod injects;
mod roles;
mod truth;

use std::rc::Rc;

use yew::prelude::*;

use crate::scenario::{library, Scenario};
use crate::ui::hooks::use_facilitator;
use crate::ui::room::replica::Replica;
use crate::ui::room::RoomMessage;
use crate::ui::view::format;

#[component]
pub fn Facilitate() -> Html {
    let known = use_memo((), |_| {
        library::ids()
            .filter_map(|id| library::builtin(id).map(Rc::new))
            .collect::<Vec<Rc<Scenario>>>()
    });
    let (state, send) = use_facilitator((*known).clone());
    let copy = state.copy.get();
    let status = match (&copy, state.connected, state.room_open) {
        (_, false, _) => html! {
            <p class="room-status bad" role="status">
                <strong>{ "No room connected. " }</strong>
                { "Open the trainer in another window of this browser (the projector) and start an incident there; this window finds it by itself." }
            </p>
        },
        (_, true, false) => html! {
            <>
                <p class="room-status warn" role="status">{ "The room is connected; no incident is open there yet." }</p>
                { hold_ahead(state.room_held, &send) }
            </>
        },
        (None, true, true) => {
            html! { <p class="room-status warn" role="status">{ "The room has an incident open; rebuilding it here…" }</p> }
        }
        (Some(copy), true, true) => status_line(copy),
    };
    html! {
        <div class="app facilitator">
            <header class="masthead">
                <span class="product">{ "Incident trainer · Facilitator's console" }</span>
            </header>
            <main class="screen facilitate" id="main">
                <h1>{ "Facilitator's console" }</h1>
                <p class="meta">{ "This window shows what the room must not see: keep it off the projector." }</p>
                { status }
                if let Some(note) = &state.note {
                    <p class="room-note" role="alert">{ note.clone() }</p>
                }
                if let Some(copy) = copy.as_ref().filter(|_| state.connected) {
                    // What the facilitator does (hold the room, name its roles, send an
                    // inject) above what they watch, which grows as the room works.
                    <div class="room-controls">
                        { controls(copy, &send) }
                        <roles::Roles current={copy.run.roles.clone()} on_roles={send.reform(|roles| RoomMessage::Roles { roles })} />
                    </div>
                    <injects::Injects generation={state.generation} copy={state.copy.clone()}
                        on_send={send.reform(|inject| RoomMessage::Deliver { inject })} />
                    <truth::GroundTruth generation={state.generation} copy={state.copy.clone()} />
                }
            </main>
        </div>
    }
}

/// Where the room is: its scenario, the clock, running or paused, ended.
fn status_line(copy: &Replica) -> Html {
    let s = &copy.session.scenario;
    let run = &copy.run;
    let clock = match run.ended_at {
        Some(at) => format!("ended at {}", format::clock(s, at)),
        None if run.held => format!("{}, paused by you", format::clock(s, run.tick)),
        None if run.paused => format!("{}, paused by the room", format::clock(s, run.tick)),
        None => format!("{}, running at {}", format::clock(s, run.tick), run.speed),
    };
    html! {
        <p class="room-status ok" role="status">
            <strong>{ format!("Room connected: \"{}\"", s.meta.title) }</strong>
            { format!(" · seed {} · {clock} · {} action(s) taken", run.seed, run.actions.len()) }
        </p>
    }
}

/// Before a run: hold the room so its next run opens paused (the team reads the briefing, the
/// facilitator sets the scene), or let it go.
fn hold_ahead(held: bool, send: &Callback<RoomMessage>) -> Html {
    html! {
        <section class="panel room-clock" aria-labelledby="room-clock-h">
            <h2 id="room-clock-h">{ "The room's clock" }</h2>
            <div class="buttons">
            if held {
                <button type="button" class="primary" onclick={send.reform(|_| RoomMessage::Resume)}>{ "Let the room start by itself" }</button>
            } else {
                <button type="button" class="primary" onclick={send.reform(|_| RoomMessage::Pause)}>{ "Hold the room's next run" }</button>
            }
            </div>
            <p class="meta">{ if held {
                "You hold the room: its next run opens paused, and waits until you resume it."
            } else {
                "Holding now makes the room's next run open paused, until you resume it."
            } }</p>
        </section>
    }
}

/// Pause and resume the room's clock.
fn controls(copy: &Replica, send: &Callback<RoomMessage>) -> Html {
    let over = copy.run.ended_at.is_some();
    html! {
        <section class="panel room-clock" aria-labelledby="room-clock-h">
            <h2 id="room-clock-h">{ "The room's clock" }</h2>
            if over {
                <p class="meta">{ "The run has ended: its clock stands." }</p>
            } else {
                <div class="buttons">
                if copy.run.paused {
                    <button type="button" class="primary" onclick={send.reform(|_| RoomMessage::Resume)}>{ "Resume the room" }</button>
                } else {
                    <button type="button" class="primary" onclick={send.reform(|_| RoomMessage::Pause)}>{ "Pause the room" }</button>
                }
                </div>
                <p class="meta">{ if copy.run.held {
                    "You hold the room: its clock, actions and endings wait until you resume it."
                } else if copy.run.paused {
                    "The room paused itself; resuming starts its clock again."
                } else {
                    "Pausing holds the room: its clock, actions and endings wait for you."
                } }</p>
            }
        </section>
    }
}
