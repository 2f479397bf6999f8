//! One component per file; each gets its data and callbacks as props.

pub mod actions;
pub mod alerts;
pub mod canvas;
pub mod chart_panel;
pub mod clock;
pub mod command_box;
pub mod deferred;
pub mod editor;
pub mod findings;
pub mod logs;
pub mod postmortem;
pub mod race;
pub mod reference;
pub mod servers;
pub mod status;
pub mod team;

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use crate::ui::session::Session;

/// The running session, shared by the screens. Compared by identity: panels re-render on the
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
}
