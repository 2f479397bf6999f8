//! The action menu: the catalogue grouped the way responders think (observe, diagnose, mitigate,
//! coordinate), with each action's cost in this scenario and the targets it can take.

use crate::scenario::Scenario;
use crate::sim::{
    ActionError, ActionInfo, ActionKind, Category, Severity, SimConfig, Simulation, TargetKind,
};
use crate::ui::session::Session;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Observe,
    Diagnose,
    Mitigate,
    Coordinate,
}

impl Group {
    pub const ALL: [Group; 4] = [
        Group::Observe,
        Group::Diagnose,
        Group::Mitigate,
        Group::Coordinate,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Group::Observe => "Observe",
            Group::Diagnose => "Diagnose",
            Group::Mitigate => "Mitigate",
            Group::Coordinate => "Coordinate",
        }
    }
}

/// Dashboards and overviews are observation; anything run against one component is diagnosis
/// (a scenario's own diagnostics included).
pub fn group(spec: &ActionInfo) -> Group {
    use ActionKind as K;
    match (spec.category, spec.kind) {
        (
            Category::Diagnostic,
            K::ViewMemory | K::ReadLogs | K::CheckLoadBalancer | K::ListDeploys,
        ) => Group::Observe,
        (Category::Diagnostic, _) => Group::Diagnose,
        (Category::Remediation, _) => Group::Mitigate,
        (Category::Coordination, _) => Group::Coordinate,
    }
}

/// The scenario's actions (the catalogue, then its own) in one group.
/// Declaring the incident resolved is not among them: it ends the response, so it sits apart,
/// behind a confirmation.
pub fn in_group(config: &SimConfig, menu_group: Group) -> impl Iterator<Item = ActionInfo<'_>> {
    config
        .actions()
        .filter(move |s| group(s) == menu_group && s.kind != ActionKind::DeclareResolved)
}

/// The dependencies' hosts, each labelled with what runs there.
fn dependency_hosts(scenario: &Scenario, sim: &Simulation) -> Vec<(String, String)> {
    // One entry per host: a pooler beside its database is one machine, named once.
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for (host, d) in sim.config().dependency_hosts() {
        let what = match d {
            crate::sim::Dependency::Named(i) => {
                scenario.config.dependencies[i as usize].name.clone()
            }
            other => other.id().to_string(),
        };
        // The scenario's own first: what an author put on the host to be looked at.
        let own = matches!(d, crate::sim::Dependency::Named(_));
        match out.iter_mut().find(|(h, _)| *h == host) {
            Some((_, names)) if own => names.insert(0, what),
            Some((_, names)) => names.push(what),
            None => out.push((host, vec![what])),
        }
    }
    out.into_iter()
        .map(|(host, names)| {
            let label = format!("{host} ({})", names.join(", "));
            (host, label)
        })
        .collect()
}

/// (value, label) pairs a target picker offers for an action.
pub fn targets(scenario: &Scenario, sim: &Simulation, kind: TargetKind) -> Vec<(String, String)> {
    let hosts = || {
        sim.fleet()
            .names()
            .iter()
            .map(|name| (name.clone(), name.clone()))
    };
    match kind {
        TargetKind::None => Vec::new(),
        TargetKind::Host => hosts().collect(),
        TargetKind::OptionalHost => std::iter::once((String::new(), "all hosts".to_string()))
            .chain(hosts())
            .collect(),
        TargetKind::LogSource => std::iter::once((String::new(), "all hosts".to_string()))
            .chain(hosts())
            .chain(dependency_hosts(scenario, sim))
            .collect(),
        TargetKind::AnyHost => hosts().chain(dependency_hosts(scenario, sim)).collect(),
        // Nothing picked to start with, and in the order of their titles: neither the first
        // place nor the default may say which cause is the right one.
        TargetKind::Hypothesis => {
            let mut causes: Vec<(String, String)> = scenario
                .config
                .hypotheses
                .iter()
                .filter(|h| sim.revealed(&h.revealed_by))
                .map(|h| (h.id.clone(), h.title.clone()))
                .collect();
            causes.sort_by(|a, b| a.1.cmp(&b.1));
            std::iter::once((String::new(), "Choose the cause you believe…".to_string()))
                .chain(causes)
                .collect()
        }
        TargetKind::Severity => Severity::ALL
            .iter()
            .zip(["critical", "major", "minor", "low"])
            .map(|(id, word)| (id.to_string(), format!("{id} ({word})")))
            .collect(),
    }
}

/// Why an action cannot be taken now, in the core's words, or nothing when it can. A busy team is
/// said once, above the menu, so it is no reason beside each action; a missing target asks for one.
pub fn reason(error: ActionError) -> String {
    match error {
        ActionError::Busy { .. } => String::new(),
        ActionError::MissingTarget { .. } => "pick one first".into(),
        other => other.to_string(),
    }
}

/// For each target offered (or the action alone, when it takes none), why it is blocked now.
pub fn blocked(
    session: &Session,
    spec: &ActionInfo<'_>,
    options: &[(String, String)],
) -> Vec<Option<String>> {
    let why = |target: Option<String>| session.vet(&spec.action(target)).err().map(reason);
    if options.is_empty() {
        return vec![why(None)];
    }
    options
        .iter()
        .map(|(v, _)| why(Some(v.clone()).filter(|v| !v.is_empty())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cause_picker_starts_on_nothing_and_its_order_says_nothing() {
        let s = crate::scenario::library::builtin("ecommerce-memory-leak").unwrap();
        let sim = crate::sim::Simulation::new(s.config.clone(), s.seed);
        let causes = targets(&s, &sim, TargetKind::Hypothesis);
        assert_eq!(causes[0].0, "", "nothing picked to start with");
        let titles: Vec<&str> = causes[1..].iter().map(|c| c.1.as_str()).collect();
        let mut sorted = titles.clone();
        sorted.sort();
        assert_eq!(titles, sorted, "in the order of their titles");
        assert_eq!(titles.len(), s.config.hypotheses.len());
    }

    #[test]
    fn every_action_is_in_exactly_one_group() {
        let config = crate::scenario::library::compiled("ecommerce-memory-leak")
            .expect("built in")
            .config;
        let total: usize = Group::ALL
            .iter()
            .map(|g| in_group(&config, *g).count())
            .sum();
        assert_eq!(total, crate::sim::CATALOGUE.len() - 1);
        let of = |id: &str| group(&config.action_info(id).unwrap());
        assert_eq!(of("free"), Group::Diagnose);
        assert_eq!(of("view_memory"), Group::Observe);
        assert_eq!(of("apply_code_fix"), Group::Mitigate);
        assert_eq!(of("page_developers"), Group::Coordinate);
    }

    #[test]
    fn blocked_actions_say_why_and_a_busy_team_is_said_once() {
        let s =
            std::rc::Rc::new(crate::scenario::library::builtin("ecommerce-memory-leak").unwrap());
        let mut session = Session::new(std::rc::Rc::clone(&s), s.seed);
        let fix = s.config.action_info("apply_code_fix").unwrap();
        let why = blocked(&session, &fix, &[]);
        assert_eq!(
            why,
            [Some(
                ActionError::DevelopersNotEngaged {
                    who: "the developers".into()
                }
                .to_string()
            )]
        );
        let restart = s.config.action_info("restart_server").unwrap();
        let options = targets(&s, session.sim(), restart.target);
        let picked = blocked(&session, &restart, &options);
        assert_eq!(picked.len(), options.len());
        assert!(picked.iter().all(Option::is_none), "{picked:?}");
        session
            .take(crate::sim::Action::new(ActionKind::ViewMemory))
            .unwrap();
        let busy = blocked(&session, &restart, &options);
        assert!(busy.iter().all(|w| w.as_deref() == Some("")), "{busy:?}");
    }
}
