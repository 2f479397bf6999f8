use std::rc::Rc;

use super::super::{AppState, Msg, Screen, Speed};
use crate::record::link;
use crate::scenario::library;
use crate::sim::{Action, ActionKind};
use crate::ui::state::runs::tests::played;

fn reduce(state: &Rc<AppState>, msg: Msg) -> Rc<AppState> {
    AppState::after(Rc::clone(state), msg)
}

/// A state with a session of the first built-in under way (an action taken, a minute in).
fn playing() -> Rc<AppState> {
    let id = library::ids().next().expect("a built-in scenario");
    let scenario = Rc::new(library::builtin(id).expect("it reads"));
    let s = Rc::new(AppState::default());
    let s = reduce(&s, Msg::Open(scenario, None));
    let s = reduce(&s, Msg::Start { hints: false });
    let s = reduce(&s, Msg::Take(Action::new(ActionKind::ViewMemory)));
    reduce(&s, Msg::Advance(60))
}

fn link_msg(text: String) -> Msg {
    Msg::OpenRun {
        source: "the link".into(),
        text,
    }
}

#[test]
fn a_link_opens_the_replay_and_leaves_the_running_session_be() {
    let s = playing();
    let (tick, saves) = (s.session.get().unwrap().tick(), s.autosave);
    let run = played("ecommerce-memory-leak");
    let s = reduce(&s, link_msg(link::encode(&run)));
    assert_eq!(s.screen, Screen::Replay);
    assert_eq!((s.tick, s.speed), (0, Speed::Paused));
    let view = s.replay.view.as_ref().unwrap();
    assert!(view.opened.is_exact());
    assert_eq!(view.session.get().unwrap().tick(), 0);
    assert_eq!(
        s.session.get().unwrap().tick(),
        tick,
        "the live session stays"
    );
    assert_eq!(s.autosave, saves, "its save is not touched");
}

#[test]
fn a_damaged_link_is_refused_on_the_library_and_loses_nothing() {
    let s = playing();
    let saves = s.autosave;
    let mut text = link::encode(&played("ecommerce-memory-leak"));
    text.insert(12, '*');
    let s = reduce(&s, link_msg(text));
    assert_eq!(s.screen, Screen::Library);
    let error = s.replay.error.clone().unwrap();
    assert!(
        error.starts_with("the link could not be opened: the link is damaged"),
        "{error}"
    );
    assert!(s.replay.view.is_none());
    assert_eq!(s.session.get().unwrap().actions().len(), 1);
    assert_eq!(s.autosave, saves);
}

#[test]
fn the_replay_scrubs_plays_and_stops_at_the_end() {
    let run = played("ecommerce-memory-leak");
    let s = reduce(&Rc::new(AppState::default()), link_msg(link::encode(&run)));
    let s = reduce(&s, Msg::ReplayTo(3600));
    let shown = |s: &AppState| {
        s.replay
            .view
            .as_ref()
            .unwrap()
            .session
            .get()
            .unwrap()
            .tick()
    };
    assert_eq!((s.tick, shown(&s)), (3600, 3600));
    let s = reduce(&s, Msg::SetSpeed(Speed::X60));
    assert_eq!(s.speed, Speed::X60, "the replay has speeds");
    let generation = s.generation;
    let s = reduce(&s, Msg::Advance(30));
    assert_eq!((s.tick, shown(&s)), (3630, 3630));
    assert!(
        s.generation > generation,
        "a scrape landed: the panels redraw"
    );
    let s = reduce(&s, Msg::ReplayTo(run.ended_at - 10));
    let s = reduce(&s, Msg::Advance(60));
    assert_eq!(s.tick, run.ended_at);
    assert_eq!(s.speed, Speed::Paused, "it stops at the end");
    let paused = reduce(&s, Msg::TogglePause);
    assert_eq!(paused.speed, Speed::X60);
    let s = reduce(&s, Msg::CloseReplay);
    assert_eq!(s.screen, Screen::Library);
    assert!(s.replay.view.is_none());
}

#[test]
fn taking_over_starts_a_live_attempt_at_the_minute_shown() {
    let run = played("ecommerce-memory-leak");
    let s = reduce(&playing(), link_msg(link::encode(&run)));
    let saves = s.autosave.seq;
    let s = reduce(&s, Msg::ReplayTo(3600));
    let s = reduce(&s, Msg::TakeOver);
    assert_eq!(s.screen, Screen::Console);
    assert_eq!((s.tick, s.speed), (3600, Speed::Paused));
    assert!(s.replay.view.is_none());
    assert_eq!(s.autosave.seq, saves + 1, "the new attempt is saved");
    assert!(s.announcement.contains("took over at 15:00"));
    let taken: Vec<u32> = s
        .session
        .get()
        .unwrap()
        .actions()
        .iter()
        .map(|a| a.tick)
        .collect();
    assert_eq!(taken, vec![2100, 2400, 2520], "the actions before 15:00");
    let s = reduce(&s, Msg::Take(Action::new(ActionKind::ViewMemory)));
    assert_eq!(s.session.get().unwrap().actions().len(), 4);
    assert_eq!(s.session.get().unwrap().scenario.meta.id, run.scenario.id);
}

#[test]
fn a_link_opened_over_a_session_in_progress_closes_back_to_it() {
    let s = playing();
    let tick = s.tick;
    let s = reduce(&s, link_msg(link::encode(&played("ecommerce-memory-leak"))));
    let s = reduce(&s, Msg::ReplayTo(600));
    let s = reduce(&s, Msg::CloseReplay);
    assert_eq!(
        (s.screen, s.tick, s.speed),
        (Screen::Console, tick, Speed::Paused)
    );
    assert_eq!(s.session.get().unwrap().actions().len(), 1);
}
