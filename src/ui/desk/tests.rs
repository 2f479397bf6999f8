use super::*;
use crate::ui::drafts::Draft;

fn drafts(names: &[&str]) -> Drafts {
    let mut d = Drafts::default();
    for n in names.iter().rev() {
        d.save(n, &format!("# {n}"));
    }
    d
}

fn asked(desk: &Desk) -> Ask {
    (*desk.ask.what.clone().expect("a job asked")).clone()
}

#[test]
fn a_first_visit_asks_for_the_template_and_a_return_loads_the_last_draft() {
    let mut first = Desk::default();
    first.update(Msg::Mounted(Drafts::default(), None));
    assert_eq!(asked(&first), Ask::new(FIRST_TEMPLATE, "", Job::Source));
    let mut back = Desk::default();
    back.update(Msg::Mounted(drafts(&["mine", "other"]), None));
    assert_eq!((back.name.as_str(), back.loaded), ("mine", 1));
    assert_eq!(asked(&back), Ask::new("mine.toml", "# mine", Job::Check));
    assert_eq!(back.check, Check::Checking);
}

#[test]
fn typing_waits_for_quiet_then_saves_and_checks() {
    let mut desk = Desk::default();
    desk.update(Msg::Mounted(drafts(&["mine"]), None));
    let asks = desk.ask.seq;
    desk.update(Msg::Typed("# changed".into()));
    assert!(desk.debounce.what, "a check is pending");
    assert_eq!(desk.ask.seq, asks, "nothing asked while typing");
    desk.update(Msg::CheckNow);
    assert!(!desk.debounce.what);
    assert_eq!(asked(&desk).text, "# changed");
    assert_eq!(
        desk.drafts.get("mine"),
        Some(&Draft {
            name: "mine".into(),
            text: "# changed".into()
        })
    );
}

#[test]
fn a_search_runs_until_its_answer_or_a_cancel_and_new_text_outdates_its_verdict() {
    let mut desk = Desk::default();
    desk.update(Msg::Mounted(drafts(&["mine"]), None));
    desk.update(Msg::StartSearch);
    assert!(matches!(desk.search, Search::Running(_)));
    assert!(desk.solve.what.is_some(), "the solver is started");
    desk.update(Msg::Searched(Reply::Invalid(Vec::new())));
    assert_eq!(
        desk.search,
        Search::Stopped("The file has 0 problem(s): fix them, then check again.".into())
    );
    assert!(desk.solve.what.is_none(), "and stopped with its answer");
    desk.update(Msg::StartSearch);
    desk.update(Msg::CancelSearch);
    assert!(desk.solve.what.is_none());
    assert_eq!(
        desk.search,
        Search::Stopped("Cancelled: the search was stopped.".into())
    );
}

#[test]
fn renaming_to_a_taken_name_says_so_and_deleting_loads_the_next() {
    let mut desk = Desk::default();
    desk.update(Msg::Mounted(drafts(&["mine", "other"]), None));
    desk.update(Msg::Rename("other".into()));
    assert_eq!(desk.name, "mine");
    assert!(desk
        .notice
        .as_deref()
        .is_some_and(|n| n.contains("another draft has it")));
    desk.update(Msg::Rename("kept".into()));
    assert_eq!((desk.name.as_str(), desk.notice.as_deref()), ("kept", None));
    desk.update(Msg::Delete);
    assert_eq!(desk.name, "other");
    assert_eq!(desk.notice.as_deref(), Some("Draft \"kept\" deleted."));
}

#[test]
fn a_postmortem_becomes_a_draft_with_its_summary() {
    let mut desk = Desk::default();
    desk.update(Msg::Mounted(drafts(&["mine"]), None));
    let text = "Outage\n2:30 PM – Monitoring alerted us.\n4:40 PM – Services were restored.";
    desk.update(Msg::Import {
        name: "leak.md".into(),
        text: text.into(),
    });
    let ask = asked(&desk);
    assert_eq!(
        (ask.file.as_str(), ask.job.clone()),
        ("leak.md", Job::Import)
    );
    let reply = crate::worker::protocol::answer(&crate::worker::protocol::job(
        &ask.file, &ask.text, ask.job,
    ));
    let reply = crate::worker::protocol::read_reply(&reply);
    desk.update(Msg::Checked {
        reply,
        at: "12:00".into(),
    });
    assert_eq!(desk.name, "leak draft");
    assert!(desk.text.contains("at = \"16:40\""), "{}", desk.text);
    let summary = desk.imported.clone().expect("a summary");
    assert!(
        summary.found[0].starts_with("2 timeline entries"),
        "{:?}",
        summary.found
    );
    assert_eq!(asked(&desk).job, Job::Check, "the draft is checked at once");
    desk.update(Msg::Import {
        name: "x.md".into(),
        text: String::new(),
    });
    let reply = Reply::NotImported("x.md: the write-up is empty".into());
    desk.update(Msg::Checked {
        reply,
        at: "12:01".into(),
    });
    assert_eq!(
        desk.notice.as_deref(),
        Some("No draft made: x.md: the write-up is empty")
    );
}
