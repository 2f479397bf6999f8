//! The debrief in words: the headline, how the session ended, the best-score line, each phase's
//! and milestone's difference, and the race in one sentence. Pure, so it is tested natively.

use crate::scenario::Scenario;
use crate::score::debrief::{MilestoneLine, PhaseResult};
use crate::score::text::{duration_words, gained_words};
use crate::score::{Debrief, Outcome, Phase, Stamp};
use crate::ui::session::Ending;

use super::format;

/// A stamp's clock, or a dash when it never happened.
pub fn clock(stamp: &Option<Stamp>) -> String {
    stamp.as_ref().map_or("-".to_string(), |s| s.clock.clone())
}

/// The debrief's headline: how far the run got, and when.
pub fn headline(debrief: &Debrief) -> String {
    let phase_clock = |p: Phase| clock(&debrief.reached(p).cloned());
    match debrief.outcome {
        Outcome::Resolved => format!("Resolved at {}", phase_clock(Phase::Resolution)),
        Outcome::Mitigated => format!(
            "Mitigated at {}, not resolved",
            phase_clock(Phase::Mitigation)
        ),
        Outcome::Unmitigated => match &debrief.outage_from {
            Some(o) => format!("Not mitigated: the outage from {} never ended", o.clock),
            None => "Not mitigated: service never came back".to_string(),
        },
    }
}

/// The verdict line: how the session ended, then the debrief's verdict.
pub fn verdict(scenario: &Scenario, ending: Option<Ending>, debrief: &Debrief) -> String {
    let ended = match ending {
        // The verdict says when it was declared.
        Some(Ending::Declared { .. }) => String::new(),
        Some(Ending::Stopped { at }) => {
            format!(
                "You abandoned the session at {}.",
                format::clock(scenario, at)
            )
        }
        _ => format!(
            "Time ran out at {}.",
            format::clock(scenario, scenario.config.duration_s)
        ),
    };
    format!("{ended} {}", debrief.verdict())
        .trim_start()
        .to_string()
}

/// The score card's line about the trainee's best on this incident before this run.
pub fn best_line(score: f64, best_before: Option<f64>) -> String {
    match best_before {
        Some(b) if score > b => {
            format!("A new best: your previous best was {}.", format::score(b))
        }
        Some(b) => format!("Your best on this incident: {}.", format::score(b)),
        None => "Your first score on this incident.".to_string(),
    }
}

/// The outcome as the score card says it.
pub fn outcome_words(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Resolved => "resolved",
        Outcome::Mitigated => "mitigated, not resolved",
        Outcome::Unmitigated => "not mitigated",
    }
}

/// A phase's difference from the real team.
pub fn phase_difference(phase: &PhaseResult) -> String {
    match (&phase.reached_at, &phase.reference_at) {
        (None, Some(_)) => "not reached".to_string(),
        (Some(_), None) => "the real team never did".to_string(),
        _ => gained_words(phase.minutes_gained),
    }
}

/// A milestone's difference from the real team.
pub fn milestone_difference(line: &MilestoneLine) -> String {
    match (&line.reached_at, &line.reference_at) {
        (None, Some(_)) => "not reached".to_string(),
        _ => gained_words(line.minutes_gained),
    }
}

/// A source's title, or its id when the scenario does not list it.
pub fn source_title(scenario: &Scenario, id: &str) -> String {
    scenario
        .meta
        .sources
        .iter()
        .find(|x| x.id == id)
        .map_or(id.to_string(), |x| x.title.clone())
}

/// A sentence for screen readers (and everyone) that says what the race shows.
pub fn race_summary(scenario: &Scenario, debrief: &Debrief) -> String {
    let (you, real) = (&debrief.run.impact, &debrief.real_team.impact);
    let at = |p: Phase, reference: bool| {
        let line = debrief.phase(p)?;
        let stamp = if reference {
            &line.reference_at
        } else {
            &line.reached_at
        };
        stamp.as_ref().map(|st| st.tick)
    };
    use Phase::{Mitigation, Resolution};
    let restore = match (at(Resolution, false), at(Resolution, true)) {
        (Some(a), Some(b)) if a + 60 <= b => format!(
            "You resolved it at {}, {} before the real team ({}).",
            format::clock(scenario, a),
            duration_words(b - a),
            scenario.hhmm(b)
        ),
        (Some(a), Some(b)) if a >= b + 60 => format!(
            "You resolved it at {}, {} after the real team ({}).",
            format::clock(scenario, a),
            duration_words(a - b),
            scenario.hhmm(b)
        ),
        (Some(a), Some(b)) => format!(
            "You resolved it at {}, within a minute of the real team ({}).",
            format::clock(scenario, a),
            scenario.hhmm(b)
        ),
        (Some(a), None) => format!(
            "You resolved it at {}; the real team's path did not.",
            format::clock(scenario, a)
        ),
        (None, real_at) => {
            let theirs = real_at.map_or(
                "the real team's path did not resolve it either".to_string(),
                |b| {
                    format!(
                        "the real team resolved it at {}",
                        format::clock(scenario, b)
                    )
                },
            );
            match at(Mitigation, false) {
                Some(m) => format!(
                    "You mitigated at {} but did not resolve it; {theirs}.",
                    format::clock(scenario, m)
                ),
                None => format!("You neither mitigated nor resolved it; {theirs}."),
            }
        }
    };
    let saved = real.user_minutes - you.user_minutes;
    let gap = if saved >= 0.0 {
        format!(
            "{} fewer user-minutes of errors than the real team.",
            format::compact(saved)
        )
    } else {
        format!(
            "{} more user-minutes of errors than the real team.",
            format::compact(-saved)
        )
    };
    format!("{restore} {gap}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{library, script};

    const EXPERT: &str = include_str!("../../../tests/runs/expert.json");

    fn expert() -> (Scenario, Debrief) {
        let s = library::builtin("ecommerce-memory-leak").unwrap();
        let actions = script::parse_actions("expert.json", EXPERT, &s).unwrap();
        let d = Debrief::compute(&s, s.seed, &actions);
        (s, d)
    }

    #[test]
    fn the_headline_and_verdict_say_how_far_the_run_got() {
        let (s, d) = expert();
        assert_eq!(headline(&d), "Resolved at 14:54");
        assert_eq!(outcome_words(d.outcome), "resolved");
        let declared = verdict(&s, Some(Ending::Declared { at: 0 }), &d);
        assert_eq!(
            declared,
            d.verdict(),
            "a declared end adds nothing before the verdict"
        );
        let stopped = verdict(&s, Some(Ending::Stopped { at: 0 }), &d);
        assert!(
            stopped.starts_with("You abandoned the session at "),
            "{stopped}"
        );
        let idle = Debrief::compute(&s, s.seed, &[]);
        assert_eq!(
            headline(&idle),
            "Not mitigated: the outage from 14:28 never ended"
        );
        assert!(verdict(&s, Some(Ending::TimeUp), &idle).starts_with("Time ran out at "));
    }

    #[test]
    fn the_best_line_compares_with_the_best_before() {
        assert_eq!(best_line(40.0, None), "Your first score on this incident.");
        assert!(best_line(60.0, Some(50.0)).starts_with("A new best: your previous best was "));
        assert!(best_line(40.0, Some(50.0)).starts_with("Your best on this incident: "));
    }

    #[test]
    fn differences_say_when_a_side_never_got_there() {
        let (s, d) = expert();
        assert!(d.phases.iter().all(|p| !phase_difference(p).is_empty()));
        let idle = Debrief::compute(&s, s.seed, &[]);
        let resolution = idle.phase(Phase::Resolution).unwrap();
        assert_eq!(phase_difference(resolution), "not reached");
        assert_eq!(clock(&None), "-");
        assert_eq!(source_title(&s, "no-such-source"), "no-such-source");
    }

    #[test]
    fn the_race_in_one_sentence() {
        let (s, d) = expert();
        let text = race_summary(&s, &d);
        assert!(
            text.starts_with(
                "You resolved it at 14:54 WAT, 1 h 43 min before the real team (16:37)."
            ),
            "{text}"
        );
    }
}
