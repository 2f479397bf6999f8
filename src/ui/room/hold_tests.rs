//! The facilitator's hold, from the room's side: what it stops, what lets it go, and a hold taken
//! before the run.

use std::rc::Rc;

use super::tests::seed_scenario;
use super::*;
use crate::sim::{Action, ActionKind};

#[test]
fn the_room_tells_its_run_while_it_is_up_and_the_facilitator_pauses_and_resumes_it() {
    use crate::ui::state::{AppState, Msg, Screen, Speed};
    let reduce = |state: &Rc<AppState>, msg: Msg| AppState::after(Rc::clone(state), msg);
    let app = Rc::new(AppState::default());
    let none = RoomMessage::State {
        run: None,
        held: false,
    };
    assert_eq!(host::state_of(&app), none);
    let app = reduce(&app, Msg::Open(seed_scenario(), None));
    assert_eq!(host::state_of(&app), none, "briefing");
    let app = reduce(&app, Msg::Start { hints: false });
    let app = reduce(&app, Msg::SetSpeed(Speed::X60));
    let paused = reduce(&app, host::command(RoomMessage::Pause).unwrap());
    assert_eq!(paused.screen, Screen::Console);
    let RoomMessage::State { run: Some(run), .. } = host::state_of(&paused) else {
        panic!("the console is up: the room tells its run");
    };
    assert!(run.paused);
    assert_eq!(run.speed, "60x", "the speed it resumes at");
    // Held by the facilitator, the room's own clock controls wait.
    assert!(paused.held);
    for own in [
        Msg::SetSpeed(Speed::X10),
        Msg::TogglePause,
        Msg::Advance(60),
    ] {
        let tried = reduce(&paused, own);
        assert_eq!((tried.speed, tried.tick), (Speed::Paused, paused.tick));
    }
    // So do its actions and its endings: a hold is the room stopping to talk.
    let acted = reduce(&paused, Msg::Take(Action::new(ActionKind::ViewMemory)));
    assert!(
        acted.message.ends_with(crate::ui::state::HELD),
        "{}",
        acted.message
    );
    let busy = acted.session.get().map(|s| s.sim().response().busy_until);
    assert_eq!(busy, Some(paused.tick), "nothing under way");
    for ending in [
        Msg::Stop,
        Msg::Take(Action::new(ActionKind::DeclareResolved)),
    ] {
        assert_eq!(reduce(&paused, ending).screen, Screen::Console);
    }
    let resumed = reduce(&paused, host::command(RoomMessage::Resume).unwrap());
    assert_eq!(resumed.speed, Speed::X60);
    assert!(!resumed.held);
    // A facilitator's console that goes away lets the room go on by itself, and says so.
    let gone = reduce(&reduce(&app, Msg::Hold), Msg::FacilitatorHere(false));
    assert!(!gone.held);
    assert_eq!(gone.speed, Speed::Paused);
    assert_eq!(gone.message, crate::ui::state::RELEASED);
    assert_eq!(reduce(&gone, Msg::TogglePause).speed, Speed::X60);
    assert!(host::command(RoomMessage::Hello {
        wants_scenario: false
    })
    .is_none());
    let here = reduce(&resumed, Msg::FacilitatorHere(true));
    assert!(here.facilitator);
}

#[test]
fn a_hold_before_the_run_makes_the_next_run_wait_for_the_facilitator() {
    use crate::ui::state::{AppState, Msg, Screen, Speed};
    let reduce = |state: &Rc<AppState>, msg: Msg| AppState::after(Rc::clone(state), msg);
    let here = reduce(&Rc::new(AppState::default()), Msg::FacilitatorHere(true));
    let briefing = reduce(&here, Msg::Open(seed_scenario(), None));
    // Held on the briefing: the room says so with no run open.
    let held = reduce(&briefing, host::command(RoomMessage::Pause).unwrap());
    assert_eq!(
        host::state_of(&held),
        RoomMessage::State {
            run: None,
            held: true
        }
    );
    let started = reduce(&held, Msg::Start { hints: false });
    assert_eq!(started.screen, Screen::Console);
    assert_eq!(started.speed, Speed::Paused, "the run opens paused");
    assert!(started.held);
    assert_eq!(
        reduce(&started, Msg::SetSpeed(Speed::X60)).speed,
        Speed::Paused
    );
    let RoomMessage::State { run: Some(run), .. } = host::state_of(&started) else {
        panic!("the console is up");
    };
    assert!(run.held && run.paused);
    let going = reduce(&started, host::command(RoomMessage::Resume).unwrap());
    assert_eq!(
        going.speed,
        Speed::X10,
        "let go, it runs at the speed a run starts at"
    );
    // Unheld, a run starts at once, as it always did.
    let free = reduce(&briefing, Msg::Start { hints: false });
    assert_eq!(free.speed, Speed::X10);
    // The hold stays while the room moves between screens, until the facilitator lets it go.
    assert!(reduce(&held, Msg::Show(Screen::Library)).held);
}
