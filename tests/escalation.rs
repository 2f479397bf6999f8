//! The escalation target is the scenario's: the paging action, its finding, the refusals that
//! wait for them and the debrief's detours name who the scenario says (the action id stays).

use incident_trainer::scenario::{library, parse, Scenario};
use incident_trainer::sim::{Action, ActionError, ActionKind, FindingBody, Simulation};

fn platform() -> Scenario {
    let (_, text) = library::BUILTIN[0];
    let text = text.replacen(
        "[response]\n",
        "[response]\nescalate_to = \"the platform team\"\n",
        1,
    );
    parse("platform.toml", &text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_page_names_who_the_scenario_escalates_to() {
    let s = platform();
    let info = s.config.action_info("page_developers").unwrap();
    assert_eq!(info.title, "Page the platform team");
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    let refused = sim
        .apply(Action::new(ActionKind::ApplyCodeFix))
        .unwrap_err();
    assert_eq!(
        refused.to_string(),
        "the platform team are not engaged yet: page them first"
    );
    assert!(matches!(refused, ActionError::DevelopersNotEngaged { .. }));
    let paged = sim.apply(Action::new(ActionKind::PageDevelopers)).unwrap();
    let FindingBody::Note { text } = &paged.body else {
        panic!("{paged:?}")
    };
    assert!(text.starts_with("Paged the platform team;"), "{text}");
}

#[test]
fn without_a_name_the_catalogue_wording_stays() {
    let (_, text) = library::BUILTIN[0];
    let s = parse("leak.toml", text).unwrap();
    let info = s.config.action_info("page_developers").unwrap();
    assert_eq!(info.title, "Page the development team");
    assert_eq!(s.config.response.escalation_people(), "the developers");
}

#[test]
fn an_empty_name_is_refused_where_it_is() {
    let (_, text) = library::BUILTIN[0];
    let text = text.replacen("[response]\n", "[response]\nescalate_to = \" \"\n", 1);
    let err = parse("empty.toml", &text).unwrap_err().to_string();
    assert!(err.contains("response.escalate_to"), "{err}");
}
