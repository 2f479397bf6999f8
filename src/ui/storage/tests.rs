//! Saves and best results read back, and every way a save can be wrong.

use super::*;
use crate::sim::{trace_hash, Action, ActionKind};

/// Why a save was discarded, as the library's notice says it.
fn refusal(text: &str) -> String {
    decode(text).err().expect("rejected").to_string()
}

/// Each save is refused with a one-line reason that says what it expects.
fn refused_in_one_line(cases: &[(String, &str)]) {
    for (text, expected) in cases {
        let err = refusal(text);
        assert!(err.contains(expected), "{err}");
        assert!(!err.contains('\n'), "one line: {err}");
    }
}

fn played() -> Session {
    let s = Rc::new(library::builtin("ecommerce-memory-leak").unwrap());
    let mut session = Session::new(s, 7);
    session.advance(1_800);
    session
        .take(Action::on(ActionKind::RestartServer, "app-1"))
        .unwrap();
    session.advance(400);
    session.take(Action::new(ActionKind::ViewMemory)).unwrap();
    session.advance(123);
    session
}

#[test]
fn a_save_resumes_exactly_where_it_was() {
    let mut session = played();
    session.deliver("support_tickets").unwrap();
    session.people.roles.commander = Some("Ada".into());
    let text = Save::of(&session, false).encode();
    let resumed = decode(&text).unwrap().session;
    assert_eq!(resumed.injects(), session.injects());
    assert_eq!(resumed.people.roles, session.people.roles);
    assert_eq!(resumed.tick(), session.tick());
    assert_eq!(resumed.actions(), session.actions());
    assert_eq!(
        trace_hash(resumed.sim().trace()),
        trace_hash(session.sim().trace())
    );
}

#[test]
fn hints_on_and_what_they_showed_survive_a_save() {
    let s = Rc::new(library::builtin("ecommerce-memory-leak").unwrap());
    let mut session = Session::new(s, 3);
    session.set_hints(Some(Vec::new()));
    // Past the page and the real team's first useful step (15:00, after their detours): the
    // hints follow their path.
    session.advance(3_720);
    let shown = session.hints().unwrap().shown.clone();
    assert!(!shown.is_empty());
    let resumed = decode(&Save::of(&session, false).encode()).unwrap().session;
    assert_eq!(resumed.hints().unwrap().shown, shown);
    assert_eq!(resumed.hints().unwrap().now, session.hints().unwrap().now);
    // Hints off: none kept, none shown.
    let off = decode(&Save::of(&played(), false).encode())
        .unwrap()
        .session;
    assert!(off.hints().is_none());
}

#[test]
fn a_session_of_a_scenario_from_a_file_saves_the_scenario_itself() {
    let (_, text) = library::BUILTIN[0];
    let own = text.replace("id = \"ecommerce-memory-leak\"", "id = \"our-own\"");
    let scenario = Rc::new(crate::scenario::parse("own.toml", &own).unwrap());
    let mut session = Session::new(scenario, 11);
    session.advance(1800);
    session.take(Action::new(ActionKind::ViewMemory)).unwrap();
    let resumed = decode(&Save::of(&session, true).encode()).unwrap();
    assert!(resumed.from_file);
    assert_eq!(*resumed.session.scenario, *session.scenario);
    assert_eq!(
        trace_hash(resumed.session.sim().trace()),
        trace_hash(session.sim().trace())
    );
    // A built-in's save does not carry it.
    assert!(!Save::of(&played(), false)
        .encode()
        .contains("\"scenario\":"));
}

#[test]
fn a_save_taken_right_after_an_action_keeps_it() {
    let s = Rc::new(library::builtin("ecommerce-memory-leak").unwrap());
    let mut session = Session::new(s, 7);
    session.advance(600);
    session.take(Action::new(ActionKind::ViewMemory)).unwrap();
    let resumed = decode(&Save::of(&session, false).encode()).unwrap().session;
    assert_eq!(resumed.actions(), session.actions());
    assert_eq!(
        trace_hash(resumed.sim().trace()),
        trace_hash(session.sim().trace())
    );
}

#[test]
fn unreadable_best_results_are_told_apart() {
    // The page sets them aside before a new result would overwrite them.
    assert!(!best_is_readable("garbage"));
    assert!(best_is_readable(&Best::default().encode()));
}

#[test]
fn a_files_scenario_in_a_save_is_read_back_or_refused_in_one_line() {
    let good = Save::of(&played(), false);
    let kept = |scenario: &str| {
        good.encode()
            .replace("\"seed\"", &format!("\"scenario\":{scenario},\"seed\""))
    };
    let cases = [
        // As an earlier version kept it (JSON): said to be from that version.
        (kept("{\"meta\":3}"), "older version of the trainer"),
        (kept("\"AAAA\""), "scenario could not be read"),
        (kept("7"), "could not be read"),
    ];
    refused_in_one_line(&cases);
    // A version 2 save of a file's scenario, kept as JSON then: said to be of that format.
    let earlier_file = Save {
        version: 2,
        ..good.clone()
    }
    .encode()
    .replace("\"seed\"", "\"scenario\":{\"meta\":{}},\"seed\"");
    assert!(refusal(&earlier_file).contains("older version of the trainer (format 2)"));
    let err = decode(&earlier_file).err().unwrap();
    assert!(err.keep_aside(), "kept aside, not discarded");
    // A built-in's save from version 2 has today's layout: it resumes.
    let earlier = Save {
        version: 2,
        ..good.clone()
    };
    assert!(decode(&earlier.encode()).is_ok());
}

#[test]
fn bad_saves_are_explained_in_one_line() {
    let session = played();
    let good = Save::of(&session, false);
    let cases = [
        ("{not json".to_string(), "could not be read"),
        ("".to_string(), "could not be read"),
        (
            Save {
                version: 0,
                ..good.clone()
            }
            .encode(),
            "older version of the trainer",
        ),
        (
            Save {
                content_hash: "0000000000000001".into(),
                ..good.clone()
            }
            .encode(),
            "another version of",
        ),
        (
            Save {
                scenario_id: "gone".into(),
                ..good.clone()
            }
            .encode(),
            "does not have",
        ),
    ];
    refused_in_one_line(&cases);
    // An action the world refuses at its tick: tampered, so it does not replay.
    let mut tampered = good;
    tampered.actions[1].tick = tampered.actions[0].tick + 1;
    let err = refusal(&tampered.encode());
    assert!(err.contains("does not replay"), "{err}");
}

#[test]
fn best_results_keep_the_best_score_and_the_earliest_restore() {
    let mut best = Best::decode(Some("garbage"));
    assert!(best.record("x", None, 4.0));
    assert!(best.record("x", Some(9_000), 48.0));
    assert!(!best.record("x", Some(9_500), 41.0));
    assert!(!best.record("x", Some(8_000), 47.0));
    let back = Best::decode(Some(&best.encode()));
    let r = back.get("x").unwrap();
    assert_eq!(
        (r.restored_at, r.score, r.attempts),
        (Some(8_000), Some(48.0), 4)
    );
    // A record written before scores existed still reads.
    let old = Best::decode(Some(
        r#"{"results":[{"scenario_id":"x","restored_at":9000,"attempts":2}]}"#,
    ));
    assert_eq!(old.get("x").unwrap().restored_at, Some(9_000));
    assert_eq!(old.get("x").unwrap().score, None);
}
