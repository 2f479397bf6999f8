//! Who is engaged in the response, and what has been declared.

use crate::record::Roles;
use crate::scenario::Scenario;
use crate::sim::{EventKind, Simulation};

use super::format;

#[derive(Clone, Debug, PartialEq)]
pub struct TeamLine {
    pub who: String,
    pub state: String,
}

/// The team panel: you, the room's roles as the facilitator named them, the developers (with
/// their ETA once paged), the declared cause and the status page. `held`: the facilitator holds
/// the room, so nobody acts until they resume it.
pub fn team(scenario: &Scenario, sim: &Simulation, roles: &Roles, held: bool) -> Vec<TeamLine> {
    let t = sim.response();
    let now = sim.tick();
    let clock = |tick: u32| format::clock(scenario, tick);
    let developers = match (t.developers_engaged, t.developers_paged_at) {
        (true, _) => "engaged".to_string(),
        (false, Some(at)) => {
            let eta = at + scenario.config.response.developers_response_s;
            format!(
                "paged at {}; expected {} (in {})",
                clock(at),
                clock(eta),
                format::duration(eta.saturating_sub(now))
            )
        }
        (false, None) => "not paged".to_string(),
    };
    let hypothesis = t.hypothesis.map_or("none declared".to_string(), |h| {
        scenario.config.hypotheses[h as usize].title.clone()
    });
    let status_page = sim
        .trace()
        .events
        .last(|k| matches!(k, EventKind::StatusPageUpdated))
        .map_or("not updated".to_string(), |e| {
            format!("updated at {}", clock(e.tick))
        });
    let busy = if held {
        "waiting: the facilitator holds the room".to_string()
    } else if now < t.busy_until {
        format!(
            "busy until {}",
            format::clock_seconds(scenario, t.busy_until)
        )
    } else {
        "free to act".to_string()
    };
    let you = TeamLine {
        who: "You (on call)".into(),
        state: busy,
    };
    let room = roles.named().into_iter().map(|(role, name)| TeamLine {
        who: role.into(),
        state: name.into(),
    });
    let rest = [
        TeamLine {
            // Who the escalation pages, as the scenario names them.
            who: scenario
                .config
                .response
                .escalate_to
                .as_deref()
                .map_or("Developers".into(), crate::sim::capitalised),
            state: developers,
        },
        TeamLine {
            who: "Working cause".into(),
            state: hypothesis,
        },
        TeamLine {
            who: "Status page".into(),
            state: status_page,
        },
    ];
    std::iter::once(you).chain(room).chain(rest).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::library;

    #[test]
    fn the_rooms_roles_stand_in_the_team_panel_once_named() {
        let s = library::builtin("ecommerce-memory-leak").unwrap();
        let sim = Simulation::new(s.config.clone(), s.seed);
        let who = |roles: &Roles| -> Vec<String> {
            team(&s, &sim, roles, false)
                .into_iter()
                .map(|l| l.who)
                .collect()
        };
        let none = who(&Roles::default());
        assert!(!none.iter().any(|w| w == "Incident commander"), "{none:?}");
        let roles = Roles {
            commander: Some("Ada".into()),
            communications: Some("Linus".into()),
            ..Roles::default()
        };
        let lines = team(&s, &sim, &roles, false);
        let at = |role: &str| lines.iter().position(|l| l.who == role).unwrap();
        assert_eq!(lines[at("Incident commander")].state, "Ada");
        assert_eq!(lines[at("Communications")].state, "Linus");
        assert!(at("You (on call)") < at("Incident commander"));
        assert_eq!(lines.len(), none.len() + 2, "operations was not named");
        // Held by the facilitator, the on-call is not free to act.
        let held = team(&s, &sim, &roles, true);
        assert_eq!(
            held[at("You (on call)")].state,
            "waiting: the facilitator holds the room"
        );
    }
}
