//! The room's side of the channel: what it tells the facilitator's window, and what the
//! facilitator's commands do to the room (the same messages a click sends).

use super::{RoomMessage, RunState};
use crate::ui::state::{AppState, Msg, Screen, Speed};

/// The room's state as the facilitator's window needs it: a run while the console or the
/// debrief is up, none elsewhere (the library, a briefing not started).
pub fn state_of(app: &AppState) -> RoomMessage {
    let shown = matches!(app.screen, Screen::Console | Screen::End);
    let run = app.session.get().filter(|_| shown).map(|session| {
        let paused = app.speed == Speed::Paused;
        let speed = if paused { app.resume } else { app.speed };
        RunState {
            held: app.held,
            ..RunState::of(&session, speed.label(), paused, app.from_file)
        }
    });
    RoomMessage::State {
        run,
        held: app.held,
    }
}

/// What a facilitator's command asks of the room's reducer (nothing for what the room itself
/// sends, or hears as hello).
pub fn command(message: RoomMessage) -> Option<Msg> {
    match message {
        RoomMessage::Pause => Some(Msg::Hold),
        RoomMessage::Resume => Some(Msg::Unpause),
        RoomMessage::Deliver { inject } => Some(Msg::Deliver(inject)),
        RoomMessage::Roles { roles } => Some(Msg::SetRoles(roles)),
        RoomMessage::Hello { .. } | RoomMessage::State { .. } | RoomMessage::Scenario { .. } => {
            None
        }
    }
}
