//! Who is engaged in the response, and what has been declared.

use crate::scenario::Scenario;
use crate::sim::{EventKind, Simulation};

use super::format;

#[derive(Clone, Debug, PartialEq)]
pub struct TeamLine {
    pub who: String,
    pub state: String,
}

/// The team panel: you, the developers (with their ETA once paged), the declared cause and the
/// status page.
pub fn team(scenario: &Scenario, sim: &Simulation) -> Vec<TeamLine> {
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
    let busy = if now < t.busy_until {
        format!(
            "busy until {}",
            format::clock_seconds(scenario, t.busy_until)
        )
    } else {
        "free to act".to_string()
    };
    vec![
        TeamLine {
            who: "You (on call)".into(),
            state: busy,
        },
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
    ]
}
