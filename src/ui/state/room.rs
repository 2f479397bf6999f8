//! What the facilitator's console asks of the room's session: hold it and let it go on, send an
//! inject, name the roles.
//! The commands arrive through the room's channel (`hooks::room`) and change the state here,
//! like a click.

use super::{AppState, Msg, Screen, Speed, HELD};

/// Said when the facilitator's console goes while it held the room.
pub const RELEASED: &str =
    "The facilitator's console closed: the room is yours again. Its clock is paused; start it when you are ready.";
use crate::record::Roles;
use crate::ui::view::alerts;

impl AppState {
    /// The facilitator holds the room: its clock stops, and only they start it again. Held
    /// before a run (the library, a briefing, a debrief), the next run opens paused and waits.
    pub(super) fn hold(&mut self) {
        self.set_speed(Speed::Paused);
        self.held = true;
    }

    /// The facilitator's console is there, or has gone: gone, its hold goes with it, and the
    /// room, paused, is told it is its own again.
    pub(super) fn facilitator_here(&mut self, here: bool) {
        self.facilitator = here;
        if self.held && !here {
            self.held = false;
            self.message = RELEASED.to_string();
            self.announcement = RELEASED.to_string();
        }
    }

    /// The facilitator lets the room go on, at the speed it had.
    pub(super) fn unpause(&mut self) {
        self.held = false;
        if self.speed == Speed::Paused {
            self.set_speed(self.resume);
        }
    }

    /// While the facilitator holds the room, all of it waits for them: its clock, its actions
    /// and its endings (a hold is the room stopping to talk). The message back when it may go
    /// on; none when it was refused (and the room told why).
    pub(super) fn unless_held(&mut self, msg: Msg) -> Option<Msg> {
        // A replay is the trainee's own, not the room's drill.
        if !self.held || self.screen != Screen::Console {
            return Some(msg);
        }
        match msg {
            Msg::SetSpeed(_) | Msg::TogglePause => self.announcement = HELD.to_string(),
            Msg::Advance(_) | Msg::Stop => {}
            Msg::Take(action) => {
                self.message = format!("{action}: {HELD}");
                self.announcement = self.message.clone();
            }
            other => return Some(other),
        }
        None
    }

    /// Sends an inject to the room now: it shows under Alerts and is announced. A refused one
    /// (not the scenario's, sent already, the run over) changes nothing: the facilitator's
    /// console sees from the room's next state that it did not arrive.
    pub(super) fn deliver(&mut self, inject: &str) {
        let session = self.session.clone();
        let mut guard = session.0.borrow_mut();
        let Some(s) = guard.as_mut() else { return };
        if s.deliver(inject).is_err() {
            return;
        }
        let sent = alerts::messages(&s.scenario, s.injects(), s.tick());
        if let Some(newest) = sent.iter().find(|m| m.from.is_some()) {
            self.announcement = alerts::announce(newest);
        }
        self.room = self.room.wrapping_add(1);
        drop(guard);
        self.save(true);
    }

    /// Names the room's roles for the run (kept with the session, written in the run file).
    pub(super) fn set_roles(&mut self, roles: Roles) {
        let session = self.session.clone();
        let mut guard = session.0.borrow_mut();
        let Some(s) = guard.as_mut() else { return };
        if s.people.roles == roles {
            return;
        }
        s.people.roles = roles;
        self.room = self.room.wrapping_add(1);
        drop(guard);
        if self.screen == super::Screen::Console {
            self.save(true);
        }
    }
}
