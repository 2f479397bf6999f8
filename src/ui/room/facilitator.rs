//! The facilitator's window's state and its one reducer: what the room said last, the copy of
//! its run, whether the room is there. The channel's messages and a presence check every few
//! seconds are its only inputs (`hooks::room` feeds them). Plain Rust, tested natively.

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use super::replica::{scenario_for, Replica, ReplicaError};
use super::{RoomError, RoomMessage, RunState, GONE_AFTER_MS};
use crate::scenario::Scenario;

/// The copy of the room's run, by reference (it is large and stepped in place), compared by
/// identity: the screen re-renders on the `generation` it is given.
#[derive(Clone, Default)]
pub struct CopyRef(Rc<RefCell<Option<Replica>>>);

impl PartialEq for CopyRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl CopyRef {
    /// The copy, when the room has a run this window could rebuild.
    pub fn get(&self) -> Option<Ref<'_, Replica>> {
        Ref::filter_map(self.0.borrow(), Option::as_ref).ok()
    }
}

#[derive(Clone, PartialEq)]
pub struct Facilitator {
    pub copy: CopyRef,
    /// The scenarios this window has (the built-ins).
    known: Rc<Vec<Rc<Scenario>>>,
    /// The room's scenario, when it sent it (one from a file).
    received: Option<Rc<Scenario>>,
    /// When this window last heard the room (its own clock, in milliseconds).
    heard_at: Option<f64>,
    /// The room answered lately.
    pub connected: bool,
    /// The room has an incident open (its state names a run).
    pub room_open: bool,
    /// The facilitator holds the room (with no run open: its next run waits for them).
    pub room_held: bool,
    /// Why the last message or the copy failed, in a line.
    pub note: Option<String>,
    /// The copy lacks its scenario: the next hello asks the room for it.
    pub wants_scenario: bool,
    /// Bumps with each change of the copy.
    pub generation: u64,
}

/// What changes the facilitator's window.
pub enum FacilitatorMsg {
    /// A message came on the channel, at this window's `now_ms`.
    Heard {
        message: Box<Result<RoomMessage, RoomError>>,
        now_ms: f64,
    },
    /// The presence check: has the room been heard lately?
    Check { now_ms: f64 },
}

#[cfg(target_arch = "wasm32")]
impl yew::Reducible for Facilitator {
    type Action = FacilitatorMsg;

    fn reduce(self: Rc<Self>, msg: FacilitatorMsg) -> Rc<Self> {
        Facilitator::after(self, msg)
    }
}

impl Facilitator {
    pub fn new(known: Vec<Rc<Scenario>>) -> Facilitator {
        Facilitator {
            copy: CopyRef::default(),
            known: Rc::new(known),
            received: None,
            heard_at: None,
            connected: false,
            room_open: false,
            room_held: false,
            note: None,
            wants_scenario: false,
            generation: 0,
        }
    }

    /// The reducer: a new state when something changed, the same `Rc` when nothing did.
    pub fn after(self: Rc<Self>, msg: FacilitatorMsg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            FacilitatorMsg::Heard { message, now_ms } => next.heard(*message, now_ms),
            FacilitatorMsg::Check { now_ms } => {
                next.connected = next.heard_at.is_some_and(|t| now_ms - t < GONE_AFTER_MS);
            }
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }

    fn heard(&mut self, message: Result<RoomMessage, RoomError>, now_ms: f64) {
        match message {
            Ok(RoomMessage::State { run, held }) => {
                self.heard_at = Some(now_ms);
                self.connected = true;
                self.room_held = held;
                self.follow(run);
            }
            Ok(RoomMessage::Scenario { scenario }) => {
                self.received = Some(Rc::new(*scenario));
                self.wants_scenario = false;
            }
            // Another facilitator's window talks to the room too: nothing for this one.
            Ok(_) => {}
            Err(e) => self.note = Some(e.to_string()),
        }
    }

    /// Follows the room's new state: the copy stepped on, rebuilt, or dropped.
    fn follow(&mut self, run: Option<RunState>) {
        self.room_open = run.is_some();
        let Some(run) = run else {
            if self.copy.0.borrow_mut().take().is_some() {
                self.generation += 1;
            }
            return;
        };
        let mut known: Vec<Rc<Scenario>> = self.known.to_vec();
        known.extend(self.received.clone());
        let unchanged = self.copy.get().is_some_and(|c| c.run == run);
        if unchanged {
            return;
        }
        // Taken out first: a run that cannot be rebuilt leaves no copy of another run behind.
        let previous = self.copy.0.borrow_mut().take();
        let result = scenario_for(&run, &known)
            .and_then(|scenario| Replica::follow(previous, run, scenario));
        match result {
            Ok(copy) => {
                *self.copy.0.borrow_mut() = Some(copy);
                self.note = None;
                self.wants_scenario = false;
            }
            Err(e) => {
                self.wants_scenario = matches!(e, ReplicaError::NoScenario { .. });
                self.note = Some(format!("{e}."));
            }
        }
        self.generation += 1;
    }
}
