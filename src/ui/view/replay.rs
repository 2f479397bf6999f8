//! What the replay screen says: whether the run replays exactly, what is known of it, its
//! timeline (the actions, findings and injects at their times) and the scrubber's minutes.

use crate::record::{hex, RunFile, Verdict};
use crate::scenario::Scenario;
use crate::ui::state::runs::OpenedRun;
use crate::ui::view::format;

/// How far to trust the replay, in words.
#[derive(Clone, Debug, PartialEq)]
pub struct Trust {
    pub exact: bool,
    pub headline: String,
    pub detail: Option<String>,
    /// The label on the replay itself when it is not the run as played.
    pub label: Option<&'static str>,
}

/// What the replay's verdict means for the person looking at it.
pub fn trust(opened: &OpenedRun) -> Trust {
    let replayed = &opened.replayed;
    let gives = format!(
        "score {}, trace hash {}",
        format::score(replayed.debrief.score),
        hex(replayed.trace_hash)
    );
    match &replayed.verdict {
        Verdict::Exact => Trust {
            exact: true,
            headline: format!("Replays exactly: {gives}"),
            detail: None,
            label: None,
        },
        Verdict::Rescored { claimed_score } => Trust {
            exact: false,
            headline: "This run replays exactly, to another score than it claims".to_string(),
            detail: Some(format!(
                "It claims score {}; its actions give the very trace it records (hash {}), which today's scoring puts at {}. It was scored by an earlier version of the scoring, or its score was edited. What you see is today's score.",
                format::score(*claimed_score),
                hex(replayed.trace_hash),
                format::score(replayed.debrief.score)
            )),
            label: Some("today's score, not its claim"),
        },
        Verdict::Differs {
            claimed_score,
            claimed_hash,
        } => {
            let claimed = format::score(*claimed_score);
            let score = format::score(replayed.debrief.score);
            let hash = hex(replayed.trace_hash);
            let detail = if *claimed_score == replayed.debrief.score {
                format!(
                    "It claims trace hash {claimed_hash}; its actions give trace hash {hash}, with the score it claims ({score})."
                )
            } else {
                format!(
                    "It claims score {claimed}, trace hash {claimed_hash}; replayed on the same version of the scenario its actions give {gives}."
                )
            };
            Trust {
                exact: false,
                headline: "This run does not give the result it claims: it was edited"
                    .to_string(),
                detail: Some(format!("{detail} What you see is what its actions give.")),
                label: Some("replayed from its actions, not its claim"),
            }
        }
        Verdict::OtherVersion { recorded, current } => Trust {
            exact: false,
            headline: "The scenario changed since this run was played".to_string(),
            detail: Some(format!(
                "It was played on version {recorded}; this page has version {current}. It claimed score {}; on today's version its actions give {gives}.",
                format::score(opened.run.result.score)
            )),
            label: Some("on today's version, not exact"),
        },
    }
}

/// What the run itself says of who played it, when, and what it scored.
pub fn facts(scenario: &Scenario, run: &RunFile) -> Vec<(&'static str, String)> {
    let mut facts = vec![
        (
            "Trainee",
            run.trainee.clone().unwrap_or_else(|| "not named".into()),
        ),
        (
            "Played on",
            run.date.clone().unwrap_or_else(|| "not dated".into()),
        ),
        ("Seed", run.seed.to_string()),
        ("Score claimed", format::score(run.result.score)),
        ("Ended at", format::clock(scenario, run.ended_at)),
    ];
    for (role, name) in run.roles.named() {
        facts.push((role, name.to_string()));
    }
    facts
}

/// What a mark on the timeline is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    Action,
    Finding,
    Inject,
}

impl MarkKind {
    pub fn word(self) -> &'static str {
        match self {
            MarkKind::Action => "Action",
            MarkKind::Finding => "Finding",
            MarkKind::Inject => "Inject",
        }
    }
}

/// One thing that happened in the run, at its time.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub tick: u32,
    pub clock: String,
    pub kind: MarkKind,
    pub text: String,
}

/// The run's actions, the findings they gave (when each was in hand) and the injects sent, in
/// time order, to its end.
pub fn marks(opened: &OpenedRun) -> Vec<Mark> {
    let s = &opened.scenario;
    let end = opened.ended_at();
    let mark = |tick, kind, text| Mark {
        tick,
        clock: format::clock(s, tick),
        kind,
        text,
    };
    let actions = opened
        .run
        .scheduled()
        .into_iter()
        .map(|a| mark(a.tick, MarkKind::Action, s.action_title(&a.action)));
    let findings = opened
        .replayed
        .trace
        .findings
        .iter()
        .filter(|f| f.ready_at <= end)
        .map(|f| {
            let text = format!("{} shows its result", s.action_title(&f.action));
            mark(f.ready_at, MarkKind::Finding, text)
        });
    let injects = opened.run.injects.iter().map(|i| {
        let text = format!("the facilitator sent \"{}\"", i.inject);
        mark(i.tick, MarkKind::Inject, text)
    });
    let mut all: Vec<Mark> = actions.chain(findings).chain(injects).collect();
    // Stable: at one tick, the action comes before the finding it gave.
    all.sort_by_key(|m| m.tick);
    all
}

/// The scrubber's last minute (the run's end, rounded up).
pub fn last_minute(end: u32) -> u32 {
    end.div_ceil(60)
}

/// The tick a scrubber minute shows (the last minute is the run's end).
pub fn tick_of_minute(minute: u32, end: u32) -> u32 {
    minute.saturating_mul(60).min(end)
}

/// What the scrubber says of where it is: "15:02 WAT, minute 62 of 160".
pub fn scrub_label(scenario: &Scenario, tick: u32, end: u32) -> String {
    format!(
        "{}, minute {} of {}",
        format::clock(scenario, tick),
        tick / 60,
        last_minute(end)
    )
}

/// Where the replay is: at the run's end, it stops playing.
pub fn at_end(tick: u32, end: u32) -> bool {
    tick >= end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::state::runs::{open_run, tests::played};

    #[test]
    fn an_exact_run_says_so_with_its_score_and_hash() {
        let run = played("ecommerce-memory-leak");
        let opened = open_run("x.run.json", &run.to_json(), &[]).unwrap();
        let t = trust(&opened);
        assert!(t.exact && t.label.is_none());
        assert_eq!(
            t.headline,
            format!(
                "Replays exactly: score 50, trace hash {}",
                run.result.trace_hash
            )
        );
    }

    #[test]
    fn an_edited_run_and_another_version_say_what_they_are() {
        let mut run = played("ecommerce-memory-leak");
        run.result.score = 90.0;
        let rescored = trust(&open_run("x", &run.to_json(), &[]).unwrap());
        assert!(!rescored.exact);
        assert_eq!(rescored.label, Some("today's score, not its claim"));
        let detail = rescored.detail.unwrap();
        assert!(detail.contains("claims score 90"), "{detail}");
        // Only the score differs: the trace hash is named once, as the one it records, and an
        // earlier scoring is named beside an edit (a file kept before the rules changed).
        assert!(
            detail.contains("an earlier version of the scoring"),
            "{detail}"
        );
        assert_eq!(detail.matches("hash").count(), 1, "{detail}");
        let mut moved = run.clone();
        moved.actions[0].tick += 60;
        let edited = trust(&open_run("x", &moved.to_json(), &[]).unwrap());
        assert!(
            edited.headline.contains("it was edited"),
            "{}",
            edited.headline
        );
        run.scenario.content_hash = "0123456789abcdef".into();
        let other = trust(&open_run("x", &run.to_json(), &[]).unwrap());
        assert_eq!(other.label, Some("on today's version, not exact"));
        let detail = other.detail.unwrap();
        assert!(detail.contains("version 0123456789abcdef"), "{detail}");
        assert!(detail.contains("claimed score 90"), "{detail}");
    }

    #[test]
    fn the_timeline_lists_actions_findings_in_time_order_to_the_end() {
        let run = played("ecommerce-memory-leak");
        let opened = open_run("x", &run.to_json(), &[]).unwrap();
        let marks = marks(&opened);
        assert!(marks.windows(2).all(|w| w[0].tick <= w[1].tick));
        let actions = marks.iter().filter(|m| m.kind == MarkKind::Action).count();
        assert_eq!(actions, run.actions.len());
        let first_finding = marks.iter().find(|m| m.kind == MarkKind::Finding).unwrap();
        assert!(first_finding.tick > 2100 && first_finding.text.ends_with("shows its result"));
        assert!(marks.iter().all(|m| m.tick <= opened.ended_at()));
        assert_eq!(marks[0].clock, "14:35 WAT");
        let facts = facts(&opened.scenario, &opened.run);
        assert_eq!(facts[0], ("Trainee", "Ada".to_string()));
        assert_eq!(facts[1], ("Played on", "not dated".to_string()));
    }

    #[test]
    fn the_scrubber_counts_minutes_to_the_end() {
        let s = crate::scenario::library::builtin("ecommerce-memory-leak").unwrap();
        assert_eq!(last_minute(9600), 160);
        assert_eq!(last_minute(9601), 161);
        assert_eq!(tick_of_minute(161, 9601), 9601);
        assert_eq!(tick_of_minute(62, 9601), 3720);
        assert_eq!(scrub_label(&s, 3720, 9600), "15:02 WAT, minute 62 of 160");
        assert!(at_end(9600, 9600) && !at_end(9599, 9600));
    }
}
