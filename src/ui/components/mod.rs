//! One component per file; each gets its data and callbacks as props, and the running session
//! from the app's context.

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

use yew::prelude::*;

use crate::ui::session::Session;

/// The running session, shared by the screens through a context. The simulation is large and
/// steps every frame in place, so it sits behind one `RefCell` rather than in the reducer (which
/// would clone it per change). Compared by identity: panels re-render on the `generation` they
/// are given, not on the session's contents.
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

/// The session the app provides (none outside the app: panels then render nothing).
#[hook]
pub fn use_session() -> SessionRef {
    use_context::<SessionRef>().unwrap_or_default()
}
