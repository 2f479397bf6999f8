use std::rc::Rc;

use super::*;
use crate::scenario::library;
use crate::sim::ActionKind;

fn reduce(state: &Rc<AppState>, msg: Msg) -> Rc<AppState> {
    AppState::after(Rc::clone(state), msg)
}

/// A state with the first built-in scenario's session started (hints off).
fn started() -> Rc<AppState> {
    let id = library::ids().next().expect("a built-in scenario");
    let scenario = Rc::new(library::builtin(id).expect("it reads"));
    let s = Rc::new(AppState::default());
    let s = reduce(&s, Msg::Open(scenario, None));
    reduce(&s, Msg::Start { hints: false })
}

#[test]
fn space_pauses_and_resumes_the_last_speed() {
    let s = Rc::new(AppState::default());
    let idle = reduce(&s, Msg::SetSpeed(Speed::X60));
    assert!(
        Rc::ptr_eq(&s, &idle),
        "speed keys do nothing outside the console"
    );
    let s = reduce(&s, Msg::Show(Screen::Console));
    let s = reduce(&s, Msg::SetSpeed(Speed::X60));
    let paused = reduce(&s, Msg::TogglePause);
    assert_eq!(paused.speed, Speed::Paused);
    let resumed = reduce(&paused, Msg::TogglePause);
    assert_eq!(resumed.speed, Speed::X60);
    assert_eq!(Speed::from_key("4"), Some(Speed::X60));
    assert_eq!(Speed::from_key("5"), None);
}

#[test]
fn nothing_changed_means_the_same_state_and_no_render() {
    let s = Rc::new(AppState::default());
    let same = reduce(&s, Msg::Advance(5));
    assert!(Rc::ptr_eq(&s, &same), "no session, nothing to advance");
    let s = started();
    assert_eq!((s.screen, s.speed), (Screen::Console, Speed::X10));
    assert_eq!(
        s.autosave,
        Autosave { seq: 1, keep: true },
        "saved on start"
    );
    let moved = reduce(&s, Msg::Advance(1));
    assert_eq!(moved.tick, 1);
    let mut scraped = Rc::clone(&moved);
    while scraped.generation == s.generation {
        scraped = reduce(&scraped, Msg::Advance(1));
        assert!(scraped.tick < 600, "a scrape lands within ten minutes");
    }
    assert_eq!(
        scraped.generation,
        s.generation + 1,
        "a scrape redraws panels"
    );
}

#[test]
fn leaving_the_console_pauses_and_a_new_briefing_forgets_the_last_run() {
    let s = Rc::new(AppState::default());
    let s = reduce(&s, Msg::Show(Screen::Console));
    let s = reduce(&s, Msg::SetSpeed(Speed::X10));
    let s = reduce(&s, Msg::Acknowledge((0, 1800)));
    let s = reduce(&s, Msg::Acknowledge((0, 1800)));
    assert_eq!(s.acknowledged.len(), 1);
    let end = reduce(&s, Msg::Show(Screen::End));
    assert_eq!(end.speed, Speed::Paused);
    let again = reduce(&end, Msg::Show(Screen::Briefing));
    assert!(again.acknowledged.is_empty());
}

#[test]
fn a_refusal_is_shown_and_an_ended_run_is_scored_once_then_recorded() {
    let s = started();
    let refused = reduce(&s, Msg::Take(Action::new(ActionKind::DeclareResolved)));
    let ended = if refused.screen == Screen::End {
        refused
    } else {
        assert!(
            !refused.message.is_empty(),
            "the refusal in the core's words"
        );
        reduce(&refused, Msg::Stop)
    };
    assert_eq!(ended.screen, Screen::End);
    assert_eq!(ended.scoring, Scoring::Due);
    assert!(!ended.autosave.keep, "an ended session's save is removed");
    let scored = reduce(&ended, Msg::Score);
    assert_eq!(scored.scoring, Scoring::Done);
    assert_eq!(scored.best.results.len(), 1);
    assert_eq!(scored.best_change.seq, 1);
    assert_eq!(scored.best_before, None);
    let unsaved = reduce(&scored, Msg::BestUnsaved("storage is full".into()));
    assert_eq!(
        unsaved.progress_note, None,
        "only an import says it was not kept"
    );
}

#[test]
fn an_import_merges_and_says_when_it_could_not_be_kept() {
    let s = Rc::new(AppState::default());
    let mut theirs = Best::default();
    theirs.record("cache-stampede", Some(600), 80.0);
    let s = reduce(
        &s,
        Msg::ProgressImported {
            file: "p.json".into(),
            theirs,
        },
    );
    assert_eq!(
        s.progress_note.as_deref(),
        Some("Progress imported from p.json: 1 incident(s).")
    );
    let s = reduce(&s, Msg::BestUnsaved("storage is full".into()));
    assert_eq!(
        s.progress_note.as_deref(),
        Some("Progress imported for this visit, but storage is full.")
    );
}

#[test]
fn a_garbled_answer_about_a_file_is_a_problem_with_no_line() {
    let s = Rc::new(AppState::default());
    let s = reduce(
        &s,
        Msg::FileChecked {
            file: "mine.toml".into(),
            reply: Reply::Garbled("stale worker".into()),
        },
    );
    assert_eq!(
        s.file_errors,
        vec![note("mine.toml", "stale worker".into())]
    );
}

#[test]
fn a_running_session_is_saved_once_a_minute_and_a_save_resumes_at_its_tick() {
    let s = started();
    let seq = s.autosave.seq;
    let s = reduce(&s, Msg::Advance(30));
    assert_eq!(s.autosave.seq, seq, "the save on start covers minute 0");
    let s = reduce(&s, Msg::Advance(45));
    assert_eq!(
        s.autosave,
        Autosave {
            seq: seq + 1,
            keep: true
        }
    );
    let text = s
        .session
        .get()
        .map(|run| crate::ui::storage::Save::of(&run, false).encode())
        .expect("a session");
    let resumed = crate::ui::storage::decode(&text).expect("the save reads back");
    let fresh = reduce(&Rc::new(AppState::default()), Msg::Offer(Box::new(resumed)));
    assert!(fresh
        .offer
        .as_ref()
        .is_some_and(|o| o.text.contains("in progress, at")));
    let back = reduce(&fresh, Msg::Resume(true));
    assert_eq!((back.screen, back.tick), (Screen::Console, 75));
    assert!(back.offer.is_none());
    let discarded = reduce(&fresh, Msg::Resume(false));
    assert!(!discarded.autosave.keep, "a discarded save is removed");
}

#[test]
fn an_inject_from_the_facilitator_reaches_the_room_once_and_is_announced() {
    let s = started();
    let s = reduce(&s, Msg::Advance(600));
    let sent = reduce(&s, Msg::Deliver("support_tickets".into()));
    assert!(sent
        .announcement
        .starts_with("Message from Customer support lead:"));
    assert_ne!(sent.room, s.room, "the room's channel hears of it");
    assert!(sent.autosave.keep && sent.autosave.seq != s.autosave.seq);
    let again = reduce(&sent, Msg::Deliver("support_tickets".into()));
    assert!(Rc::ptr_eq(&sent, &again), "sent once");
    let unknown = reduce(&sent, Msg::Deliver("nonsense".into()));
    assert!(Rc::ptr_eq(&sent, &unknown), "not the scenario's: nothing");
    let roles = crate::record::Roles {
        commander: Some("Ada".into()),
        ..Default::default()
    };
    let named = reduce(&sent, Msg::SetRoles(roles.clone()));
    assert_eq!(named.session.get().unwrap().people.roles, roles);
    assert!(Rc::ptr_eq(&named, &reduce(&named, Msg::SetRoles(roles))));
}

#[test]
fn the_rooms_roles_carry_to_its_next_run_while_a_facilitator_is_there() {
    let roles = crate::record::Roles {
        commander: Some("Ada".into()),
        ..Default::default()
    };
    // (Each state below shares its session with the one it came from: one run per room.)
    let roles_of = |s: &Rc<AppState>| s.session.get().unwrap().people.roles.clone();
    let named = reduce(&started(), Msg::SetRoles(roles.clone()));
    let alone = reduce(&named, Msg::Again(None));
    assert!(roles_of(&alone).is_empty(), "no facilitator: a fresh room");
    let named = reduce(&started(), Msg::SetRoles(roles.clone()));
    let here = reduce(&named, Msg::FacilitatorHere(true));
    assert_eq!(roles_of(&reduce(&here, Msg::Again(Some(7)))), roles);
}
