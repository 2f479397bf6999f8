//! The room's channel in the browser: a `BroadcastChannel` between the trainee's window (the
//! room, the authority) and the facilitator's, open for the component's life. The messages,
//! the room's answers and the facilitator's reducer are plain Rust (`ui::room`); this is the thin
//! part that listens, posts and keeps time.

use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Interval;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};
use yew::prelude::*;

use crate::scenario::Scenario;
use crate::ui::room::facilitator::{Facilitator, FacilitatorMsg};
use crate::ui::room::HELLO_EVERY_MS;
use crate::ui::room::{decode, encode, host, RoomError, RoomMessage, CHANNEL, GONE_AFTER_MS};
use crate::ui::state::{AppState, Msg};

/// This window's clock, in milliseconds (presence is measured on each window's own clock).
fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The open channel (compared by identity).
#[derive(Clone)]
pub struct Channel(Rc<BroadcastChannel>);

impl PartialEq for Channel {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Channel {
    pub fn post(&self, message: &RoomMessage) {
        let _ = self.0.post_message(&encode(message).into());
    }
}

/// What a window does with the channel: each message heard (read, or why not, with when), and
/// a beat every few seconds (hello, presence).
struct Handlers {
    heard: Callback<(Channel, Result<RoomMessage, RoomError>, f64)>,
    beat: Callback<Channel>,
}

/// Opens the room's channel; the handlers given at each render are the ones called.
#[hook]
fn use_channel(handlers: Handlers) -> Option<Channel> {
    let latest = use_mut_ref(|| None::<Handlers>);
    *latest.borrow_mut() = Some(handlers);
    let channel = use_memo((), |_| {
        BroadcastChannel::new(CHANNEL)
            .ok()
            .map(|c| Channel(Rc::new(c)))
    });
    let open = (*channel).clone();
    use_effect_with((), move |_| {
        let parts = open.clone().map(|c| {
            let heard = Rc::clone(&latest);
            let on = c.clone();
            let listener = EventListener::new(&c.0, "message", move |event| {
                let text = event
                    .dyn_ref::<MessageEvent>()
                    .and_then(|e| e.data().as_string());
                let message =
                    text.map_or(Err(RoomError::NotJson("not text".into())), |t| decode(&t));
                // Cloned out first: emitting may render, which sets the handlers again.
                let call = heard.borrow().as_ref().map(|h| h.heard.clone());
                if let Some(call) = call {
                    call.emit((on.clone(), message, now_ms()));
                }
            });
            let beat = move || {
                let call = latest.borrow().as_ref().map(|h| h.beat.clone());
                if let Some(call) = call {
                    call.emit(c.clone());
                }
            };
            beat();
            (listener, Interval::new(HELLO_EVERY_MS, beat))
        });
        move || {
            drop(parts);
            if let Some(c) = open {
                c.0.close();
            }
        }
    });
    (*channel).clone()
}

/// The room's side: answers each hello with its state (and its scenario when asked and it came
/// from a file), tells its state when it changes, carries out the facilitator's commands, and
/// says whether a facilitator is there.
#[hook]
pub fn use_room(state: &UseReducerHandle<AppState>) {
    let heard_at = use_mut_ref(|| None::<f64>);
    let app = (**state).clone();
    let dispatch = state.dispatcher();
    let heard = {
        let (dispatch, heard_at, app) = (dispatch.clone(), Rc::clone(&heard_at), app.clone());
        Callback::from(
            move |heard: (Channel, Result<RoomMessage, RoomError>, f64)| {
                let (channel, message, now) = heard;
                match message {
                    Ok(RoomMessage::Hello { wants_scenario }) => {
                        *heard_at.borrow_mut() = Some(now);
                        dispatch.dispatch(Msg::FacilitatorHere(true));
                        channel.post(&host::state_of(&app));
                        let scenario = app.session.get().map(|s| Scenario::clone(&s.scenario));
                        if let Some(scenario) = scenario.filter(|_| wants_scenario && app.from_file)
                        {
                            channel.post(&RoomMessage::Scenario {
                                scenario: Box::new(scenario),
                            });
                        }
                    }
                    Ok(other) => {
                        if let Some(msg) = host::command(other) {
                            dispatch.dispatch(msg);
                        }
                    }
                    Err(e) => web_sys::console::warn_1(&e.to_string().into()),
                }
            },
        )
    };
    let beat = Callback::from(move |_| {
        let here = heard_at
            .borrow()
            .is_some_and(|t| now_ms() - t < GONE_AFTER_MS);
        dispatch.dispatch(Msg::FacilitatorHere(here));
    });
    let channel = use_channel(Handlers { heard, beat });
    let changed = (
        app.generation,
        app.speed,
        app.room,
        app.screen,
        app.tick / 60,
    );
    use_effect_with(changed, move |_| {
        if let Some(c) = channel {
            c.post(&host::state_of(&app));
        }
    });
}

/// The facilitator's side: says hello every few seconds (asking for the scenario when it lacks
/// it), follows the room's state, and gives a callback that sends the room a command.
#[hook]
pub fn use_facilitator(
    known: Vec<Rc<Scenario>>,
) -> (UseReducerHandle<Facilitator>, Callback<RoomMessage>) {
    let state = use_reducer(move || Facilitator::new(known));
    let heard = {
        let dispatch = state.dispatcher();
        Callback::from(
            move |heard: (Channel, Result<RoomMessage, RoomError>, f64)| {
                let (_, message, now_ms) = heard;
                dispatch.dispatch(FacilitatorMsg::Heard {
                    message: Box::new(message),
                    now_ms,
                });
            },
        )
    };
    let beat = {
        let (dispatch, wants_scenario) = (state.dispatcher(), state.wants_scenario);
        Callback::from(move |channel: Channel| {
            channel.post(&RoomMessage::Hello { wants_scenario });
            dispatch.dispatch(FacilitatorMsg::Check { now_ms: now_ms() });
        })
    };
    let channel = use_channel(Handlers { heard, beat });
    let send = Callback::from(move |message: RoomMessage| {
        if let Some(c) = &channel {
            c.post(&message);
        }
    });
    (state, send)
}
