//! Hints for a trainee who asked for them: the scenario's own coaching when it has some (each
//! shown from its trigger until its `until`, or until a later one appears), otherwise the real
//! team's path as a guide (once paged, their next step when the clock passes the time they took
//! it, skipping the steps their debrief calls detours). Read off the live trace; nothing here
//! changes the run.

use crate::scenario::{HintStart, Scenario};
use crate::sim::{EventKind, Trace};

use super::milestones::first_tick;
use super::phases::first_page;

/// The real team's steps worth following: their reference entries with an action, less those
/// their own run shows to be detours (a restart that gave no relief, a config check with nothing
/// pushed). Indices into `s.reference`; computed once a session (it replays their path).
pub fn useful_steps(scenario: &Scenario) -> Vec<usize> {
    let ghost = super::impact::ghost(scenario, scenario.seed);
    let detours = super::detours::detours(scenario, &ghost);
    scenario
        .reference
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.action.as_ref().is_some_and(|a| {
                !detours
                    .iter()
                    .any(|d| d.at.tick == r.tick && d.action == *a)
            })
        })
        .map(|(i, _)| i)
        .collect()
}

/// What to tell the trainee now, if anything. `useful` is [`useful_steps`] of the scenario.
pub fn current(scenario: &Scenario, trace: &Trace, useful: &[usize]) -> Option<String> {
    if scenario.hints.is_empty() {
        return from_reference(scenario, trace, useful);
    }
    let now = trace.ticks;
    scenario
        .hints
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            let from = match &h.from {
                HintStart::At(t) => (*t <= now).then_some(*t),
                HintStart::Trigger(t) => first_tick(trace, t, &scenario.config),
            }?;
            let over = h
                .until
                .as_ref()
                .is_some_and(|u| first_tick(trace, u, &scenario.config).is_some());
            (!over).then_some((from, i))
        })
        .max()
        .map(|(_, i)| scenario.hints[i].text.clone())
}

/// The real team's next useful step that the trainee has not taken, once its time has come; when
/// every one is taken, how the incident ends.
fn from_reference(scenario: &Scenario, trace: &Trace, useful: &[usize]) -> Option<String> {
    first_page(scenario, trace)?;
    let taken = |id: &str| {
        trace
            .events
            .first(|k| matches!(k, EventKind::ActionTaken { action, .. } if action.id() == id))
            .is_some()
    };
    let left = useful
        .iter()
        .filter_map(|i| scenario.reference.get(*i))
        .filter(|r| r.action.as_ref().is_some_and(|a| !taken(a.id())));
    let mut left = left.peekable();
    if left.peek().is_none() {
        return Some(
            "The real team's steps are all taken: once you are sure the cause is fixed and service has held, declare the incident resolved."
                .into(),
        );
    }
    let entry = left.find(|r| r.tick <= trace.ticks)?;
    let action = entry.action.as_ref()?;
    // The button and its target, never the cause's title (`action_title` would name it).
    let title = scenario.button_title(action);
    let target = action
        .target
        .as_ref()
        .map_or(String::new(), |t| format!(" ({t})"));
    Some(format!(
        "At {} the real team's next step was: {title}{target}.",
        scenario.hhmm(entry.tick)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::library;
    use crate::sim::{Action, ActionKind, Simulation};

    fn at(scenario: &Scenario, sim: &mut Simulation, hhmm: &str) {
        let (h, m) = hhmm.split_once(':').unwrap();
        let target = h.parse::<u32>().unwrap() * 3600 + m.parse::<u32>().unwrap() * 60
            - scenario.clock.start_s_of_day;
        while sim.tick() < target && sim.step() {}
    }

    #[test]
    fn without_its_own_hints_a_scenario_hints_the_real_teams_next_step_once_paged() {
        let s = library::builtin("ecommerce-memory-leak").unwrap();
        assert!(s.hints.is_empty());
        let mut sim = Simulation::new(s.config.clone(), s.seed);
        at(&s, &mut sim, "14:30");
        assert_eq!(current(&s, sim.trace(), &[]), None, "not paged yet");
        let useful = useful_steps(&s);
        // The 14:35 restart and the config checks were detours: never hinted.
        let hinted: Vec<&str> = useful
            .iter()
            .filter_map(|i| s.reference[*i].action.as_ref())
            .map(|a| a.id())
            .collect();
        assert!(!hinted.contains(&"restart_server") && !hinted.contains(&"check_config"));
        assert!(!hinted.contains(&"diff_config"), "{hinted:?}");
        let first = &s.reference[useful[0]];
        let mut sim = Simulation::new(s.config.clone(), s.seed);
        while sim.tick() < first.tick && sim.step() {}
        let hint =
            current(&s, sim.trace(), &useful).expect("paged, and the team's first step is due");
        let action = first.action.as_ref().unwrap();
        let title = s.config.info(action).unwrap().title;
        assert!(hint.contains(title), "{hint}");
        // Taken: the hint moves on to the next one when its time comes.
        sim.apply(action.clone()).unwrap();
        assert_ne!(
            current(&s, sim.trace(), &useful).as_deref(),
            Some(hint.as_str())
        );
    }

    #[test]
    fn a_scenarios_own_hints_follow_their_triggers() {
        let text = library::builtin_text("ecommerce-memory-leak")
            .unwrap()
            .to_string()
            + r#"
[[hints]]
at = "14:00"
text = "Watch the charts."

[[hints]]
when = "action:view_memory"
until = "hypothesis:memory_leak"
text = "The heap grows: say what you think."
"#;
        let s = crate::scenario::parse("hinted.toml", &text).unwrap();
        let mut sim = Simulation::new(s.config.clone(), s.seed);
        assert_eq!(
            current(&s, sim.trace(), &[]).as_deref(),
            Some("Watch the charts.")
        );
        at(&s, &mut sim, "15:00");
        sim.apply(Action::new(ActionKind::ViewMemory)).unwrap();
        assert_eq!(
            current(&s, sim.trace(), &[]).as_deref(),
            Some("The heap grows: say what you think.")
        );
        at(&s, &mut sim, "15:02");
        sim.apply(Action::on(ActionKind::DeclareHypothesis, "memory_leak"))
            .unwrap();
        // The second has ended; the first (no `until`) shows again.
        assert_eq!(
            current(&s, sim.trace(), &[]).as_deref(),
            Some("Watch the charts.")
        );
    }

    #[test]
    fn a_hint_needs_one_start_and_known_triggers() {
        let text = library::builtin_text("ecommerce-memory-leak")
            .unwrap()
            .to_string()
            + r#"
[[hints]]
text = "No start."

[[hints]]
when = "alert:nope"
text = "Unknown alert."
"#;
        let e = crate::scenario::parse("hinted.toml", &text).unwrap_err();
        let paths: Vec<&str> = e.diagnostics.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["hints[0]", "hints[1].when"], "{e}");
    }
}
