use super::*;
use crate::scenario::library;
use crate::sim::{run_scripted, ActionKind};

#[test]
fn the_downloaded_run_replays_to_the_hash_the_end_screen_shows() {
    let s = Rc::new(library::builtin("ecommerce-memory-leak").unwrap());
    let mut session = Session::new(Rc::clone(&s), s.seed);
    // Follow the real team, acting whenever the clock reaches their time.
    for step in s.reference_actions() {
        while session.tick() < step.tick {
            session.advance(1);
        }
        session.take(step.action).unwrap();
    }
    // Service back is not the end: the session runs on until the trainee declares.
    while session.tick() < s.config.duration_s - 600 && session.ending().is_none() {
        session.advance(60);
    }
    assert_eq!(
        session.ending(),
        None,
        "mitigation does not end the session"
    );
    session
        .take(Action::new(ActionKind::DeclareResolved))
        .unwrap();
    let at = s.config.duration_s - 600;
    assert!(matches!(session.ending(), Some(Ending::Declared { at: t }) if t >= at));
    let d = session.finished().unwrap();
    assert!(d.debrief.resolved);
    assert_eq!(
        d.debrief.resolved_at().map(|t| s.hhmm(t)).as_deref(),
        Some("16:37")
    );
    let file = session.actions_json();
    let actions = crate::scenario::script::parse_actions("run.json", &file, &s).unwrap();
    let (trace, refused) = run_scripted(s.config.clone(), s.seed, &actions);
    assert!(refused.is_empty());
    assert_eq!(Some(trace_hash(&trace)), session.final_hash());
}

#[test]
fn refused_actions_are_not_recorded() {
    let s = Rc::new(library::builtin("ecommerce-memory-leak").unwrap());
    let mut session = Session::new(s, 1);
    let err = session
        .take(Action::new(ActionKind::ApplyCodeFix))
        .unwrap_err();
    assert_eq!(
        err,
        ActionError::DevelopersNotEngaged {
            who: "the developers".into()
        }
    );
    assert!(session.actions().is_empty());
    session.take(Action::new(ActionKind::ViewMemory)).unwrap();
    assert!(matches!(
        session.take(Action::new(ActionKind::ViewMemory)),
        Err(ActionError::Busy { .. })
    ));
    assert_eq!(session.actions().len(), 1);
    session.stop();
    assert!(matches!(session.ending(), Some(Ending::Stopped { at: 0 })));
    assert!(session.final_hash().is_some());
}

#[test]
fn advancing_says_what_landed() {
    let s = Rc::new(library::builtin("ecommerce-memory-leak").unwrap());
    let mut session = Session::new(Rc::clone(&s), s.seed);
    let taken = session.take(Action::new(ActionKind::ViewMemory)).unwrap();
    let mut ready = Vec::new();
    while session.tick() < taken.ready_at + 60 {
        ready.extend(session.advance(60).happened.findings_ready);
    }
    assert_eq!(ready, [0], "the one finding lands once");
    assert_eq!(session.sim().trace().findings[0].ready_at, taken.ready_at);
}

#[test]
fn an_ended_session_is_kept_as_a_run_file_that_replays_exactly() {
    let s = Rc::new(library::builtin("ecommerce-memory-leak").unwrap());
    let mut session = Session::new(Rc::clone(&s), s.seed);
    session.people.trainee = Some("Kim".into());
    session.people.roles.commander = Some("Ada".into());
    session.people.roles.communications = Some("Linus".into());
    for step in s.reference_actions() {
        while session.tick() < step.tick {
            session.advance(30);
        }
        session.take(step.action).unwrap();
        if session.injects().is_empty() {
            session.deliver("support_tickets").unwrap();
        }
    }
    assert!(
        session.run_file().is_none(),
        "not before it ended and was scored"
    );
    session.stop();
    session.finished();
    let run = session.run_file().unwrap();
    assert_eq!(run.trainee.as_deref(), Some("Kim"));
    assert_eq!(run.injects.len(), 1);
    assert_eq!(run.injects[0].inject, "support_tickets");
    assert_eq!(
        run.roles.named(),
        [("Incident commander", "Ada"), ("Communications", "Linus")]
    );
    assert_eq!(run.ended_at, session.ended_at().unwrap());
    let back = crate::record::read(&run.to_json()).unwrap();
    let replayed = crate::record::replay(&back, &s);
    assert!(replayed.is_exact(), "{:?}", replayed.verdict);
    assert_eq!(
        replayed.debrief.score,
        session.debrief().unwrap().debrief.score
    );
}

#[test]
fn only_the_scenarios_injects_are_sent_each_once_and_the_world_does_not_notice() {
    let s = Rc::new(library::builtin("ecommerce-memory-leak").unwrap());
    let mut quiet = Session::new(Rc::clone(&s), s.seed);
    let mut room = Session::new(Rc::clone(&s), s.seed);
    assert_eq!(
        room.deliver("a_customer_writes"),
        Err(InjectError::Unknown("a_customer_writes".into()))
    );
    quiet.advance(600);
    room.advance(600);
    room.deliver("support_tickets").unwrap();
    assert!(matches!(
        room.deliver("support_tickets"),
        Err(InjectError::AlreadySent { at, .. }) if at == "14:10"
    ));
    quiet.advance(3600);
    room.advance(3600);
    room.deliver("heap_warning").unwrap();
    assert_eq!(room.injects().len(), 2);
    quiet.stop();
    room.stop();
    assert_eq!(room.deliver("head_of_ecommerce"), Err(InjectError::RunOver));
    assert_eq!(
        room.final_hash(),
        quiet.final_hash(),
        "injects never change the trace"
    );
}

#[test]
fn a_session_rebuilt_at_a_tick_has_the_injects_sent_by_then() {
    let s = Rc::new(library::builtin("ecommerce-memory-leak").unwrap());
    let mut room = Session::new(Rc::clone(&s), s.seed);
    room.advance(600);
    room.deliver("support_tickets").unwrap();
    room.advance(1200);
    room.deliver("head_of_ecommerce").unwrap();
    room.advance(60);
    let sent = room.injects().to_vec();
    let mut early = Session::replay(Rc::clone(&s), s.seed, room.actions(), 900).unwrap();
    early.set_injects(&sent);
    assert_eq!(early.injects(), &sent[..1]);
    let mut late = Session::replay(Rc::clone(&s), s.seed, room.actions(), room.tick()).unwrap();
    late.set_injects(&sent);
    assert_eq!(late.injects(), &sent[..]);
}
