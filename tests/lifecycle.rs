//! The exercise teaches incident response: an incident is mitigated, then resolved; the trainee
//! ends it by declaring it resolved; the score sees harm and rewards stopping the bleeding first;
//! evidence is what a finding showed. Each rule a test, on the memory-leak incident and, where it
//! generalises, on every built-in.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use incident_trainer::scenario::{library, script, Scenario};
use incident_trainer::score::{first_page, Debrief, Outcome, Phase, PhaseTimes};
use incident_trainer::sim::{
    run_scripted, Action, ActionError, ActionKind, Category, ScheduledAction, Simulation,
    TargetKind,
};

fn score(scenario: &Scenario, rows: &[(&str, &str, &str)]) -> Debrief {
    Debrief::compute(scenario, scenario.seed, &plan(scenario, rows))
}

const FIX: [(&str, &str, &str); 5] = [
    ("14:30", "view_memory", ""),
    ("14:31", "page_developers", ""),
    ("14:32", "heap_profile", "app-2"),
    ("14:37", "declare_hypothesis", "memory_leak"),
    ("14:45", "apply_code_fix", ""),
];

const MITIGATE_THEN_FIX: [(&str, &str, &str); 6] = [
    ("14:30", "restart_all", ""),
    ("14:32", "page_developers", ""),
    ("14:33", "declare_severity", "sev1"),
    ("14:40", "heap_profile", "app-2"),
    ("14:46", "declare_hypothesis", "memory_leak"),
    ("14:47", "apply_code_fix", ""),
];

#[test]
fn mitigation_is_not_the_end_and_a_premature_resolution_is_not_a_resolution() {
    let s = scenario();
    // Restart everything at the page, then declare it resolved with the leak still there.
    let d = score(
        &s,
        &[
            ("14:30", "restart_all", ""),
            ("14:32", "page_developers", ""),
            ("14:55", "declare_resolved", ""),
        ],
    );
    assert_eq!(d.outcome, Outcome::Mitigated);
    assert!(!d.resolved);
    assert_eq!(d.declared_resolved_at.as_ref().unwrap().clock, "14:55");
    let back = d.relapsed_at.as_ref().expect("the outage returns");
    assert!(back.clock.as_str() > "15:30", "{}", back.clock);
    assert!(
        d.verdict().contains("the outage returned at"),
        "{}",
        d.verdict()
    );
    // The same path that fixed the cause scores above it, and says it was resolved.
    let fixed = score(
        &s,
        &[
            MITIGATE_THEN_FIX.as_slice(),
            &[("15:10", "declare_resolved", "")],
        ]
        .concat(),
    );
    assert_eq!(fixed.outcome, Outcome::Resolved);
    assert!(
        fixed.verdict().starts_with("Resolved at 14:5"),
        "{}",
        fixed.verdict()
    );
    assert!(
        fixed.score > d.score + 30.0,
        "{} vs {}",
        fixed.score,
        d.score
    );
}

#[test]
fn after_declaring_resolved_nothing_more_is_taken_but_the_world_goes_on() {
    let s = scenario();
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    sim.apply(Action::new(ActionKind::DeclareResolved)).unwrap();
    while sim.tick() < 60 {
        sim.step();
    }
    assert!(matches!(
        sim.vet(&Action::new(ActionKind::ViewMemory)),
        Err(ActionError::DeclaredResolved { at: 0, .. })
    ));
    sim.run_to_end();
    assert_eq!(sim.tick(), s.config.duration_s);
}

#[test]
fn the_score_sees_harm_mitigating_first_scores_above_the_same_fix() {
    let s = scenario();
    let fix = score(&s, &FIX);
    let first = score(&s, &MITIGATE_THEN_FIX);
    assert!(first.run.impact.user_minutes < 0.5 * fix.run.impact.user_minutes);
    assert!(first.harm.points > fix.harm.points);
    // Both paths are far ahead of the real team (the fix alone cuts the harm to a fifth of
    // theirs), and stopping the bleeding first, which cut it to a quarter again, still earns
    // clearly: each halving of the harm is worth the same.
    assert!(
        first.score > fix.score + 4.0,
        "{} vs {}",
        first.score,
        fix.score
    );
    // The breakdown adds up: phase points plus the harm line are the points, and the points
    // map to the score by the sentence shown beside it.
    for d in [&fix, &first] {
        let sum: f64 = d.phases.iter().map(|p| p.points).sum::<f64>() + d.harm.points;
        assert!((sum - d.points).abs() < 1e-9);
        assert!(
            d.explanation.contains(&format!("{:.1}", d.score)),
            "{}",
            d.explanation
        );
    }
}

#[test]
fn mitigating_earlier_never_lowers_the_score() {
    let s = scenario();
    let mut last = f64::INFINITY;
    for at in ["14:33", "14:40", "14:50", "15:00", "15:10"] {
        let d = score(
            &s,
            &[
                ("14:30", "view_memory", ""),
                ("14:31", "page_developers", ""),
                ("14:32", "declare_hypothesis", "memory_leak"),
                (at, "restart_all", ""),
                ("15:20", "apply_code_fix", ""),
            ],
        );
        assert_eq!(d.outcome, Outcome::Resolved, "restart at {at}");
        assert!(d.score <= last, "restart at {at}: {} after {last}", d.score);
        last = d.score;
    }
}

#[test]
fn a_restore_the_fixs_deploy_cuts_short_still_stopped_the_bleeding() {
    let s = scenario();
    let clock = |d: &Debrief, p: Phase| d.reached(p).map(|t| t.clock.clone());
    // Restored by 14:41; the fix's restart of every server at 14:50 cut that spell short before
    // its ten minutes, and service came back and held the rest.
    let d = score(
        &s,
        &[
            FIX[0],
            FIX[1],
            FIX[2],
            FIX[3],
            ("14:40", "restart_all", ""),
            FIX[4],
        ],
    );
    assert_eq!(d.outcome, Outcome::Resolved);
    let mitigated = clock(&d, Phase::Mitigation).expect("mitigated");
    assert!(mitigated.as_str() <= "14:42", "mitigated at {mitigated}");
    assert!(mitigated < clock(&d, Phase::Resolution).unwrap());
    // The fix alone, deployed into the outage, bridges nothing: it mitigates when it restores.
    let fix = score(&s, &FIX);
    assert_eq!(
        clock(&fix, Phase::Mitigation),
        clock(&fix, Phase::Resolution)
    );
    assert!(d.score > fix.score, "{} vs {}", d.score, fix.score);
}

#[test]
fn a_trainee_who_finds_the_fault_before_anything_pages_has_detected_it() {
    let s = scenario();
    let clock = |d: &Debrief| d.reached(Phase::Detection).map(|t| t.clock.clone());
    // The heap profile run at 14:04 shows the leak at 14:09; the fix lands before the outage.
    let early = score(
        &s,
        &[
            ("14:02", "view_memory", ""),
            ("14:03", "page_developers", ""),
            ("14:04", "heap_profile", "app-2"),
            ("14:09", "declare_hypothesis", "memory_leak"),
            ("14:17", "apply_code_fix", ""),
        ],
    );
    assert_eq!(clock(&early).as_deref(), Some("14:09"));
    // A restart before anything was wrong showed nothing: nothing was detected.
    let blind = score(&s, &[("14:04", "restart_all", "")]);
    assert_eq!(clock(&blind), None);
}

#[test]
fn a_faster_resolution_keeps_earning_points() {
    // The fix path started at two moments: resolved about 30 and about 100 minutes before the
    // real team (16:37). The scores must differ by at least five points.
    let s = scenario();
    let fix_from = |page: &str, declare: &str, fix: &str| {
        score(
            &s,
            &[
                (page, "page_developers", ""),
                (page, "view_memory", ""),
                (declare, "declare_hypothesis", "memory_leak"),
                (fix, "apply_code_fix", ""),
            ],
        )
    };
    let soon = fix_from("15:43", "15:46", "15:59");
    let sooner = fix_from("14:33", "14:36", "14:49");
    let resolved = |d: &Debrief| d.resolved_at().map(|t| s.hhmm(t)).unwrap_or_default();
    assert!(resolved(&soon).as_str() >= "16:02" && resolved(&soon).as_str() <= "16:12");
    assert!(
        resolved(&sooner).as_str() <= "15:02",
        "{}",
        resolved(&sooner)
    );
    assert!(
        sooner.score - soon.score >= 5.0,
        "{} vs {}",
        sooner.score,
        soon.score
    );
}

#[test]
fn a_look_before_the_fault_shows_is_not_evidence_and_a_guess_never_beats_the_expert() {
    let s = scenario();
    // At 14:02 the dashboards show no growth yet: a look, not evidence.
    let (trace, _) = run_scripted(
        s.config.clone(),
        s.seed,
        &plan(&s, &[("14:02", "view_memory", "")]),
    );
    assert!(
        trace.findings[0].shows.is_empty(),
        "{:?}",
        trace.findings[0]
    );
    let guess = plan(
        &s,
        &[
            ("14:02", "view_memory", ""),
            ("14:03", "declare_hypothesis", "memory_leak"),
            ("14:04", "page_developers", ""),
            ("14:31", "restart_all", ""),
            ("14:34", "apply_code_fix", ""),
        ],
    );
    let p = PhaseTimes::of(&s, &run_scripted(s.config.clone(), s.seed, &guess).0);
    assert!(p.guessed);
    assert_eq!(p.get(Phase::Diagnosis), None);
    assert_eq!(p.get(Phase::RootCause), None);
    let expert = script::parse_actions("expert.json", include_str!("runs/expert.json"), &s)
        .expect("the expert path parses");
    let (g, e) = (
        Debrief::compute(&s, s.seed, &guess),
        Debrief::compute(&s, s.seed, &expert),
    );
    assert!(g.score < e.score, "guess {} vs expert {}", g.score, e.score);
    // During the outage the same look shows the leak: the heaps are near their limit.
    let (trace, _) = run_scripted(
        s.config.clone(),
        s.seed,
        &plan(&s, &[("14:31", "view_memory", "")]),
    );
    assert_eq!(trace.findings[0].shows, vec![0]);
}

/// The remediations a trainee could take at the page, targets spelled out.
fn remediations(scenario: &Scenario) -> Vec<Action> {
    let hosts: Vec<String> = (0..scenario.config.fleet.servers)
        .map(|i| scenario.config.fleet.host_name(i))
        .collect();
    let mut out = Vec::new();
    for a in scenario.config.actions() {
        if a.category != Category::Remediation || a.kind == ActionKind::ApplyCodeFix {
            continue;
        }
        match a.target {
            TargetKind::None | TargetKind::OptionalHost => out.push(a.action(None)),
            TargetKind::Host => out.extend(hosts.iter().map(|h| a.action(Some(h.clone())))),
            _ => {}
        }
    }
    out
}

#[test]
fn on_every_built_in_mitigating_first_then_the_real_fix_beats_the_real_team() {
    // Where some remediation at the page brings service back sooner than the real team did and
    // their path still resolves after it, that run must score above their 50.
    let mut checked = 0;
    for id in library::ids() {
        let s = library::builtin(id).unwrap();
        let real = Debrief::compute(&s, s.seed, &s.reference_actions());
        assert_eq!(real.score, 50.0, "{id}");
        assert_eq!(
            real.outcome,
            Outcome::Resolved,
            "{id}: the real team resolves"
        );
        let ghost = incident_trainer::score::ghost(&s, s.seed);
        let Some(paged) = first_page(&s, &ghost) else {
            continue;
        };
        let par = PhaseTimes::of(&s, &ghost).get(Phase::Mitigation).unwrap();
        for action in remediations(&s) {
            let mut path = vec![ScheduledAction {
                tick: paged,
                action: action.clone(),
            }];
            let busy = paged + s.config.info(&action).map_or(0, |a| a.duration_s);
            path.extend(s.reference_actions().into_iter().map(|mut a| {
                a.tick = a.tick.max(busy);
                a
            }));
            let d = Debrief::compute(&s, s.seed, &path);
            let sooner = d
                .phases
                .iter()
                .find(|p| p.phase == Phase::Mitigation)
                .and_then(|p| p.reached_at.as_ref())
                .is_some_and(|m| m.tick + 600 < par);
            if d.resolved && sooner && d.refused_actions.is_empty() {
                assert!(d.score > 50.0, "{id}: {action} first scores {}", d.score);
                checked += 1;
            }
        }
    }
    assert!(checked >= 3, "mitigations found on {checked} paths");
}

#[test]
fn a_fix_shipped_for_the_wrong_cause_is_a_detour() {
    let s = scenario();
    let d = score(
        &s,
        &[
            ("14:30", "check_db", ""),
            ("14:32", "page_developers", ""),
            ("14:33", "declare_hypothesis", "database_overload"),
            ("14:46", "apply_code_fix", ""),
        ],
    );
    let kinds: Vec<_> = d.run.detours.iter().map(|x| x.kind).collect();
    assert!(
        kinds.contains(&incident_trainer::score::DetourKind::WrongFix),
        "{:?}",
        d.run.detours
    );
    assert!(!d.resolved, "a fix for the wrong cause removes nothing");
}
