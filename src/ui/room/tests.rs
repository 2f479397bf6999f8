use std::rc::Rc;

use super::replica::{scenario_for, Replica, ReplicaError};
use super::truth::{self, Against, Response};
use super::*;
use crate::scenario::library;
use crate::sim::{trace_hash, Action, ActionKind};

pub(super) fn seed_scenario() -> Rc<Scenario> {
    Rc::new(library::builtin("ecommerce-memory-leak").unwrap())
}

/// The real team's run to `until`, with an inject sent at 14:38.
fn room_at(until: u32) -> Session {
    let s = seed_scenario();
    let mut session = Session::new(Rc::clone(&s), s.seed);
    for step in s.reference_actions() {
        while session.tick() < step.tick.min(until) {
            session.advance(step.tick.min(until) - session.tick());
            if session.tick() >= 2280 && session.injects().is_empty() {
                session.deliver("support_tickets").unwrap();
            }
        }
        if step.tick >= until {
            break;
        }
        session.take(step.action).unwrap();
    }
    session
}

#[test]
fn every_message_reads_back_as_it_was_sent() {
    let run = RunState::of(&room_at(3000), "10x", false, false);
    let messages = [
        RoomMessage::Hello {
            wants_scenario: true,
        },
        RoomMessage::State {
            run: Some(run.clone()),
            held: false,
        },
        RoomMessage::State {
            run: None,
            held: true,
        },
        RoomMessage::Scenario {
            scenario: Box::new((*seed_scenario()).clone()),
        },
        RoomMessage::Pause,
        RoomMessage::Resume,
        RoomMessage::Deliver {
            inject: "heap_warning".into(),
        },
        RoomMessage::Roles {
            roles: Roles {
                commander: Some("Ada".into()),
                ..Default::default()
            },
        },
    ];
    for message in messages {
        assert_eq!(decode(&encode(&message)).unwrap(), message);
    }
    // A room of an older trainer says nothing of a hold: none.
    let older = r#"{"version":2,"message":{"state":{"run":null}}}"#;
    assert_eq!(
        decode(older).unwrap(),
        RoomMessage::State {
            run: None,
            held: false
        }
    );

    assert!(encode(&RoomMessage::Pause).starts_with("{\"version\":2,"));
    assert_eq!(run.injects.len(), 1);
}

#[test]
fn a_bad_message_is_refused_with_a_note_never_a_panic() {
    assert!(matches!(decode("hello"), Err(RoomError::NotJson(_))));
    assert_eq!(decode("{\"message\":\"pause\"}"), Err(RoomError::NoVersion));
    assert_eq!(
        decode("{\"version\":7,\"message\":\"pause\"}"),
        Err(RoomError::Newer(7))
    );
    let unknown = decode("{\"version\":1,\"message\":\"self_destruct\"}");
    assert!(matches!(unknown, Err(RoomError::Malformed(_))));
    let truncated = &encode(&RoomMessage::Deliver { inject: "x".into() })[..20];
    assert!(decode(truncated).is_err());
    let wrong = decode("{\"version\":1,\"message\":{\"state\":{\"run\":{\"seed\":\"x\"}}}}");
    assert!(matches!(wrong, Err(RoomError::Malformed(_))));
    assert!(RoomError::Newer(7)
        .to_string()
        .contains("reload both windows"));
}

#[test]
fn the_facilitators_copy_steps_on_with_the_room_and_matches_a_fresh_replay() {
    let s = seed_scenario();
    let known = [Rc::clone(&s)];
    let mut copy: Option<Replica> = None;
    // States as the room sends them, every few simulated minutes of the real team's run.
    for until in (600..=9_000).step_by(420) {
        let room = room_at(until);
        let run = RunState::of(&room, "10x", false, false);
        let scenario = scenario_for(&run, &known).unwrap();
        let next = Replica::follow(copy.take(), run, scenario).unwrap();
        assert_eq!(next.session.tick(), room.tick());
        assert_eq!(next.session.actions(), room.actions());
        assert_eq!(next.session.injects(), room.injects());
        assert_eq!(
            trace_hash(next.session.sim().trace()),
            trace_hash(room.sim().trace()),
            "the copy is the room's run at {until}"
        );
        copy = Some(next);
    }
    // A state from an earlier moment (another run, a rewind) rebuilds the copy from the start.
    let back = RunState::of(&room_at(1_200), "10x", true, false);
    let rebuilt = Replica::follow(copy, back, Rc::clone(&s)).unwrap();
    assert_eq!(rebuilt.session.tick(), 1_200);
}

#[test]
fn a_run_on_a_scenario_this_window_lacks_says_so() {
    let mut run = RunState::of(&room_at(600), "1x", false, true);
    run.scenario.content_hash = "0000000000000000".into();
    assert!(matches!(
        scenario_for(&run, &[seed_scenario()]),
        Err(ReplicaError::NoScenario { .. })
    ));
}

#[test]
fn the_ground_truth_names_the_fault_and_what_each_look_really_showed() {
    let room = room_at(3_700);
    let faults = truth::faults(&room);
    assert_eq!(faults.len(), 1);
    assert_eq!(faults[0].kind, "memory leak");
    assert!(faults[0].on);
    let parameter = |name: &str| {
        faults[0]
            .parameters
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, value)| value.clone())
    };
    assert_eq!(parameter("leak kb per request").as_deref(), Some("1.5"));
    assert_eq!(parameter("deploy").as_deref(), Some("none"));
    let findings = truth::findings(&room);
    let memory = findings
        .iter()
        .find(|f| f.action.contains("memory"))
        .unwrap();
    assert!(memory.evidence, "{memory:?}");
    assert!(memory
        .showed
        .starts_with("evidence: it showed the memory leak"));
    let config = findings
        .iter()
        .find(|f| f.action.to_lowercase().contains("config"))
        .unwrap();
    assert!(!config.evidence);
    assert!(config.showed.contains("not evidence"));
    let path = truth::path(&room);
    let next: Vec<_> = path.iter().filter(|p| p.room == Against::Next).collect();
    assert_eq!(next.len(), 1, "{path:?}");
    assert!(next[0].at.starts_with("15:02"), "{path:?}");
}

#[test]
fn an_inject_knows_whether_its_response_came_and_when_the_room_stalled() {
    let s = seed_scenario();
    let mut room = Session::new(Rc::clone(&s), s.seed);
    room.advance(2_280);
    room.deliver("support_tickets").unwrap();
    room.deliver("restart_advice").unwrap();
    let rows = truth::injects(&room);
    let row = |id: &str| rows.iter().find(|r| r.inject.id == id).unwrap().clone();
    assert_eq!(row("support_tickets").response, Response::Waiting);
    assert_eq!(row("head_of_ecommerce").response, Response::NotSent);
    assert_eq!(
        row("support_tickets").suggested.as_deref(),
        Some("14:38 WAT")
    );
    assert_eq!(row("support_tickets").stalled, None, "not yet ten minutes");
    room.advance(600);
    let rows = truth::injects(&room);
    let stalled = rows
        .iter()
        .find(|r| r.inject.id == "support_tickets")
        .unwrap();
    assert_eq!(stalled.stalled.as_deref(), Some("head_of_ecommerce"));
    assert_eq!(
        stalled.fallback.as_deref(),
        Some("send Head of e-commerce's message after 10 min without the expected response"),
        "named as the table names it, not by its id"
    );
    // The one to send says so on its own row, naming the one the room stalled on.
    let due = rows
        .iter()
        .find(|r| r.inject.id == "head_of_ecommerce")
        .unwrap();
    assert_eq!(due.send_for.as_deref(), Some(stalled.inject.from.as_str()));
    assert_eq!(
        stalled.send_for, None,
        "the stalled one is not the one to send"
    );
    room.take(Action::new(ActionKind::PageDevelopers)).unwrap();
    let rows = truth::injects(&room);
    let advice = rows
        .iter()
        .find(|r| r.inject.id == "restart_advice")
        .unwrap();
    assert_eq!(advice.response, Response::Came("14:48 WAT".into()));
    assert_eq!(advice.stalled, None, "the response came: no fallback");
    room.stop();
    let rows = truth::injects(&room);
    assert!(
        rows.iter().all(|r| r.stalled.is_none()),
        "nobody stalls after the end"
    );
    assert!(
        truth::path(&room).iter().all(|p| p.room != Against::Next),
        "no next step after the end"
    );
}

#[test]
fn the_facilitators_window_follows_the_room_and_says_when_it_is_gone() {
    use super::facilitator::{Facilitator, FacilitatorMsg};
    let s = seed_scenario();
    let state = Rc::new(Facilitator::new(vec![Rc::clone(&s)]));
    assert!(!state.connected && state.copy.get().is_none());
    let heard = |state: &Rc<Facilitator>, message, now_ms| {
        Rc::clone(state).after(FacilitatorMsg::Heard {
            message: Box::new(message),
            now_ms,
        })
    };
    let said = |run: Option<RunState>, held: bool| Ok(RoomMessage::State { run, held });
    let run = RunState::of(&room_at(3_000), "10x", false, false);
    let state = heard(&state, said(Some(run), false), 1_000.0);
    assert!(state.connected && state.room_open);
    assert_eq!(state.copy.get().unwrap().session.tick(), 3_000);
    let noted = heard(&state, decode("garbage"), 1_100.0);
    assert!(noted.note.as_deref().unwrap().contains("not JSON"));
    assert_eq!(noted.copy.get().unwrap().session.tick(), 3_000, "kept");
    let still = Rc::clone(&noted).after(FacilitatorMsg::Check { now_ms: 2_000.0 });
    assert!(Rc::ptr_eq(&still, &noted), "heard lately: nothing changes");
    let gone = Rc::clone(&still).after(FacilitatorMsg::Check { now_ms: 9_000.0 });
    assert!(!gone.connected);
    // A room on a scenario from a file: the window asks for it, then rebuilds the run.
    let text = library::BUILTIN[0]
        .1
        .replace("id = \"ecommerce-memory-leak\"", "id = \"own\"");
    let own = Rc::new(crate::scenario::parse("own.toml", &text).unwrap());
    let mut session = Session::new(Rc::clone(&own), 5);
    session.advance(900);
    let run = RunState::of(&session, "1x", true, true);
    let lacking = heard(&gone, said(Some(run.clone()), false), 9_500.0);
    assert!(lacking.wants_scenario && lacking.copy.get().is_none());
    let sent = RoomMessage::Scenario {
        scenario: Box::new((*own).clone()),
    };
    let has = heard(&lacking, Ok(sent), 9_600.0);
    let rebuilt = heard(&has, said(Some(run), false), 9_700.0);
    assert_eq!(rebuilt.copy.get().unwrap().session.tick(), 900);
    let closed = heard(&rebuilt, said(None, true), 9_800.0);
    assert!(closed.connected && !closed.room_open && closed.copy.get().is_none());
    assert!(
        closed.room_held,
        "held with no run open: the next one waits"
    );
}
