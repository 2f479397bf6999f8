//! What the facilitator's console asks of the room's session: send an inject, name the roles.
//! The commands arrive through the room's channel (`hooks::room`) and change the state here,
//! like a click.

use super::AppState;
use crate::record::Roles;
use crate::ui::view::alerts;

impl AppState {
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
