//! The facilitator's view of the room against the real team: their path step by step, and when
//! the room has stalled on an inject.

use std::rc::Rc;

use super::truth::{self, Against};
use crate::scenario::library;
use crate::sim::{Action, ActionKind};
use crate::ui::session::Session;

fn seed_scenario() -> Rc<crate::scenario::Scenario> {
    Rc::new(library::builtin("ecommerce-memory-leak").unwrap())
}

#[test]
fn the_real_teams_path_says_when_the_room_took_each_step_early_late_or_not_yet() {
    let s = seed_scenario();
    let mut room = Session::new(Rc::clone(&s), s.seed);
    // Developers paged early (the real team did at 15:02), a restart late (theirs at 14:35).
    room.advance(2_160);
    room.take(Action::new(ActionKind::PageDevelopers)).unwrap();
    room.advance(3_000 - room.tick());
    room.take(Action::on(ActionKind::RestartServer, "app-1"))
        .unwrap();
    room.advance(3_660 - room.tick());
    let path = truth::path(&room);
    let find = |what: &str| {
        path.iter()
            .find(|p| p.what.starts_with(what))
            .unwrap_or_else(|| panic!("{what}: {path:?}"))
    };
    assert!(
        matches!(&find("Restart one server").room, Against::Took { at, minutes_late: 15 } if at.starts_with("14:50")),
        "{path:?}"
    );
    assert!(
        matches!(&find("Page the development team").room, Against::Took { at, minutes_late } if at.starts_with("14:36") && *minutes_late < 0),
        "{path:?}"
    );
    // A step the real team had taken by 15:01 that the room has not is said to be behind.
    assert!(
        path.iter()
            .any(|p| matches!(p.room, Against::Behind { minutes } if minutes > 0)),
        "{path:?}"
    );
    assert_eq!(
        path.iter().filter(|p| p.room == Against::Next).count(),
        1,
        "{path:?}"
    );
}

#[test]
fn a_room_that_fixed_the_cause_has_not_stalled_and_a_step_never_taken_is_missed_at_the_end() {
    let s = seed_scenario();
    let mut room = Session::new(Rc::clone(&s), s.seed);
    room.advance(2_280);
    // Asked for a severity, the room never declares one: it follows the real team to the fix.
    room.deliver("support_tickets").unwrap();
    for step in s.reference_actions() {
        while room.tick() < step.tick {
            room.advance(1);
        }
        room.take(step.action).unwrap();
    }
    let stalled = |room: &Session| {
        truth::injects(room)
            .into_iter()
            .find(|r| r.inject.id == "support_tickets")
            .unwrap()
            .stalled
    };
    assert_eq!(
        stalled(&room),
        Some("head_of_ecommerce".into()),
        "still harm done"
    );
    while truth::faults(&room).iter().any(|f| f.on) {
        room.advance(60);
    }
    assert_eq!(stalled(&room), None, "the cause is fixed: nobody stalled");
    room.stop();
    let path = truth::path(&room);
    assert!(path
        .iter()
        .all(|p| !matches!(p.room, Against::Behind { .. } | Against::Next)));
    assert!(
        path.iter().all(|p| matches!(p.room, Against::Took { .. })),
        "the real team's own path: every step taken, {path:?}"
    );
    let mut quit = Session::new(Rc::clone(&s), s.seed);
    quit.advance(60);
    quit.stop();
    assert!(truth::path(&quit).iter().all(|p| p.room == Against::Missed));
}
