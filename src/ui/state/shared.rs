//! What the state holds by reference rather than by value: the running session (large, stepped in
//! place every frame) and a saved session offered for resuming. Both compare by identity, so the
//! reducer's "nothing changed" test stays cheap.

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use crate::scenario::Scenario;
use crate::ui::session::Session;
use crate::ui::storage::Resumed;

/// The running session, shared by the screens through a context. The simulation is large and
/// steps every frame in place, so it sits behind one `RefCell` rather than in the reducer's
/// value (which would clone it per change). Compared by identity: panels re-render on the
/// `generation` they are given, not on the session's contents.
#[derive(Clone, Default)]
pub struct SessionRef(pub Rc<RefCell<Option<Session>>>);

impl PartialEq for SessionRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl SessionRef {
    /// The session, if one is running. Panels render nothing without one.
    pub fn get(&self) -> Option<Ref<'_, Session>> {
        Ref::filter_map(self.0.borrow(), Option::as_ref).ok()
    }

    /// Replaces the running session.
    pub fn set(&self, session: Session) {
        *self.0.borrow_mut() = Some(session);
    }
}

/// A saved session found on first load, offered to resume: what the offer says, and the session
/// rebuilt from the save (taken once, when the trainee answers).
#[derive(Clone)]
pub struct Offer {
    pub text: String,
    saved: Rc<RefCell<Option<Resumed>>>,
}

impl PartialEq for Offer {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.saved, &other.saved)
    }
}

impl Offer {
    pub fn new(text: String, resumed: Resumed) -> Offer {
        Offer {
            text,
            saved: Rc::new(RefCell::new(Some(resumed))),
        }
    }

    /// The saved session, once.
    pub fn take(&self) -> Option<Resumed> {
        self.saved.borrow_mut().take()
    }
}

/// A scenario opened from a file (saved with a session so it can resume).
#[derive(Clone, PartialEq)]
pub struct Opened {
    pub scenario: Rc<Scenario>,
}
