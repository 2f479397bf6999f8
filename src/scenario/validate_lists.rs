//! Validation of the lists in a scenario: faults, alerts, overrides, hypotheses, milestones and the
//! reference timeline.

use crate::sim::*;

use super::checker::Checker;
use super::file::*;
use super::hosts::host;
use super::model::{Hint, HintStart, Milestone, MilestoneTrigger, ReferenceEntry};
use super::validate_actions::action;

pub fn alerts(checker: &mut Checker, list: &[AlertFile]) -> Vec<AlertRule> {
    let mut out: Vec<AlertRule> = Vec::new();
    for (i, a) in list.iter().enumerate() {
        let p = format!("alerts[{i}]");
        let id = checker.id(&format!("{p}.id"), &a.id);
        if out.iter().any(|r| r.id == id) {
            checker.fail(
                format!("{p}.id"),
                format!("another alert already has id `{id}`"),
                "give each alert its own id",
            );
        }
        let metric = Metric::from_id(&a.metric).unwrap_or_else(|| {
            let known: Vec<&str> = Metric::ALL.iter().map(|m| m.id()).collect();
            checker.fail(
                format!("{p}.metric"),
                format!("unknown metric `{}`", a.metric),
                format!("use one of: {}", known.join(", ")),
            );
            Metric::ErrorRatePct
        });
        let (comparison, threshold) = match (a.above, a.below) {
            (Some(v), None) => (Comparison::Above, v),
            (None, Some(v)) => (Comparison::Below, v),
            _ => {
                checker.fail(
                    p.clone(),
                    "needs exactly one of `above` and `below` (one is required)",
                    "write e.g. `above = 5.0` to fire when the metric exceeds 5",
                );
                (Comparison::Above, 0.0)
            }
        };
        out.push(AlertRule {
            id,
            title: checker.not_empty(&format!("{p}.title"), &a.title),
            metric,
            comparison,
            threshold,
            for_s: checker.duration(&format!("{p}.for"), &a.for_duration),
            severity: a.severity.clone(),
            delivered: a.delivered.unwrap_or(true),
        });
    }
    out
}

/// Duration overrides of built-in actions (a scenario's own actions carry their own).
pub fn overrides(
    checker: &mut Checker,
    list: &[ActionOverrideFile],
    custom: &[CustomAction],
) -> Vec<(ActionKind, u32)> {
    let mut out = Vec::new();
    for (i, o) in list.iter().enumerate() {
        let path = format!("actions[{i}].action");
        let info = action(checker, &path, &o.action, custom);
        let duration = checker.duration(&format!("actions[{i}].duration"), &o.duration);
        match info {
            Some(a) if a.kind == ActionKind::Custom => checker.fail(
                path,
                format!("`{}` is this scenario's own action", a.id),
                "set its duration in its [[custom_actions]] entry",
            ),
            Some(a) => out.push((a.kind, duration)),
            None => {}
        }
    }
    out
}

pub fn hypotheses(checker: &mut Checker, list: &[HypothesisFile]) -> Vec<Hypothesis> {
    let out: Vec<Hypothesis> = list
        .iter()
        .enumerate()
        .map(|(i, h)| Hypothesis {
            id: checker.id(&format!("hypotheses[{i}].id"), &h.id),
            title: checker.not_empty(&format!("hypotheses[{i}].title"), &h.title),
            correct: h.correct,
            revealed_by: Vec::new(),
        })
        .collect();
    let correct = out.iter().filter(|h| h.correct).count();
    if !out.is_empty() && correct != 1 {
        checker.fail(
            "hypotheses",
            format!("exactly one hypothesis must have `correct = true` (required on the real cause), found {correct}"),
            "mark the real root cause, and only it, as correct",
        );
    }
    out
}

pub fn milestones(
    checker: &mut Checker,
    list: &[MilestoneFile],
    alerts: &[AlertRule],
    hyps: &[Hypothesis],
    custom: &[CustomAction],
) -> Vec<Milestone> {
    let mut out: Vec<Milestone> = Vec::new();
    for (i, m) in list.iter().enumerate() {
        let p = format!("milestones[{i}]");
        let id = checker.id(&format!("{p}.id"), &m.id);
        if out.iter().any(|x| x.id == id) {
            checker.fail(
                format!("{p}.id"),
                format!("another milestone already has id `{id}`"),
                "",
            );
        }
        let trigger = trigger(checker, &format!("{p}.when"), &m.when, alerts, hyps, custom);
        out.push(Milestone {
            id,
            title: m.title.clone(),
            trigger,
        });
    }
    out
}

pub fn hints(
    checker: &mut Checker,
    list: &[HintFile],
    alerts: &[AlertRule],
    hyps: &[Hypothesis],
    custom: &[CustomAction],
) -> Vec<Hint> {
    let mut out = Vec::new();
    for (i, h) in list.iter().enumerate() {
        let p = format!("hints[{i}]");
        if h.text.trim().is_empty() {
            checker.fail(
                format!("{p}.text"),
                "a hint needs some text",
                "say what the trainee should look at or try",
            );
        }
        let from = match (&h.when, &h.at) {
            (Some(when), None) => HintStart::Trigger(trigger(
                checker,
                &format!("{p}.when"),
                when,
                alerts,
                hyps,
                custom,
            )),
            (None, Some(at)) => HintStart::At(checker.time(&format!("{p}.at"), at)),
            _ => {
                checker.fail(
                    p.clone(),
                    "a hint needs exactly one of `when` and `at`",
                    "`when = \"alert:errors\"` for a trigger, or `at = \"14:01\"` for a time",
                );
                HintStart::At(0)
            }
        };
        let until = h
            .until
            .as_ref()
            .map(|u| trigger(checker, &format!("{p}.until"), u, alerts, hyps, custom));
        out.push(Hint {
            text: h.text.trim().to_string(),
            from,
            until,
        });
    }
    out
}

const TRIGGER_HELP: &str = "write `alert:<alert id>`, `action:<id>[|<id>...]`, `found:<id>[|<id>...]`, `hypothesis:<id>`, `developers_engaged`, `fix_deployed`, `outage_started` or `restored`";

fn trigger(
    checker: &mut Checker,
    path: &str,
    when: &str,
    alerts: &[AlertRule],
    hyps: &[Hypothesis],
    custom: &[CustomAction],
) -> MilestoneTrigger {
    let (word, arg) = when.split_once(':').map_or((when, ""), |(w, a)| (w, a));
    match (word, arg) {
        ("developers_engaged", "") => MilestoneTrigger::DevelopersEngaged,
        ("fix_deployed", "") => MilestoneTrigger::FixDeployed,
        ("outage_started", "") => MilestoneTrigger::OutageStarted,
        ("restored", "") => MilestoneTrigger::Restored,
        ("alert", id) => match alerts.iter().position(|a| a.id == id) {
            Some(i) => MilestoneTrigger::Alert(i as u32),
            None => {
                checker.fail(
                    path,
                    format!("no alert has id `{id}`"),
                    "name an id from [[alerts]]",
                );
                MilestoneTrigger::OutageStarted
            }
        },
        ("hypothesis", id) => match hyps.iter().position(|h| h.id == id) {
            Some(i) => MilestoneTrigger::Hypothesis(i as u32),
            None => {
                checker.fail(
                    path,
                    format!("no hypothesis has id `{id}`"),
                    "name an id from [[hypotheses]]",
                );
                MilestoneTrigger::OutageStarted
            }
        },
        ("action" | "found", ids) => {
            let ids: Vec<String> = ids
                .split('|')
                .filter_map(|id| action(checker, path, id, custom).map(|a| a.id.to_string()))
                .collect();
            match word {
                "found" => MilestoneTrigger::Found(ids),
                _ => MilestoneTrigger::Action(ids),
            }
        }
        _ => {
            checker.fail(
                path,
                format!("`{when}` is not a milestone trigger"),
                TRIGGER_HELP,
            );
            MilestoneTrigger::OutageStarted
        }
    }
}

/// How long after the run's end the reference may still note what happened (the write-up's tail).
const NOTES_AFTER_THE_END_S: u32 = 6 * 3600;

pub fn reference(
    checker: &mut Checker,
    list: &[ReferenceFile],
    milestones: &[Milestone],
    sources: &[String],
    custom: &[CustomAction],
) -> Vec<ReferenceEntry> {
    let mut out: Vec<ReferenceEntry> = Vec::new();
    for (i, r) in list.iter().enumerate() {
        let p = format!("reference[{i}]");
        // A note may come after the run's end (the write-up's "all services normal at 17:06"),
        // for some hours; an action or a milestone must happen inside the run.
        let note_only = r.action.is_none() && r.milestone.is_none();
        let until = checker.duration_s + if note_only { NOTES_AFTER_THE_END_S } else { 0 };
        let at = checker.time_until(&format!("{p}.at"), &r.at, until);
        let tick = at.unwrap_or(0);
        if let Some(m) = &r.milestone {
            if !milestones.iter().any(|x| &x.id == m) {
                checker.fail(
                    format!("{p}.milestone"),
                    format!("no milestone has id `{m}`"),
                    "name an id from [[milestones]]",
                );
            }
        }
        if !sources.is_empty() && !sources.contains(&r.source) {
            checker.fail(
                format!("{p}.source"),
                format!("no source has id `{}`", r.source),
                format!("use one of: {}", sources.join(", ")),
            );
        }
        let action = r
            .action
            .as_ref()
            .and_then(|id| action(checker, &format!("{p}.action"), id, custom))
            .map(|a| a.action(r.target.clone()));
        if r.action.is_none() && r.target.is_some() {
            checker.fail(
                format!("{p}.target"),
                "a target needs an action",
                "add `action = ...` or remove `target`",
            );
        }
        note_checks(checker, &p, r);
        if at.is_some() && out.last().is_some_and(|prev| prev.tick > tick) {
            checker.fail(
                format!("{p}.at"),
                format!("{} comes before the entry above it", r.at),
                "keep the reference timeline in time order",
            );
        }
        out.push(ReferenceEntry {
            tick,
            action,
            milestone: r.milestone.clone(),
            note: r.note.clone(),
            source: r.source.clone(),
            inject: r.inject,
        });
    }
    out
}

/// A note-only entry needs something to say; an inject is a note that reached the team, so it
/// needs one too, and takes no action.
fn note_checks(checker: &mut Checker, place: &str, entry: &ReferenceFile) {
    let note_only = entry.action.is_none() && entry.milestone.is_none();
    // An entry with neither action nor milestone is a note (a customer report, a
    // status-page post): it needs something to say.
    if note_only && entry.note.trim().is_empty() {
        checker.fail(
            format!("{place}.note"),
            "an entry with no `action` and no `milestone` needs a note",
            "say what happened at this time, or add the action or milestone it marks",
        );
    }
    if entry.inject && entry.action.is_some() {
        checker.fail(
            format!("{place}.inject"),
            "an inject is what reached the team, not something they did",
            "move the action to an entry of its own, or remove `inject`",
        );
    }
    if entry.inject && !note_only && entry.note.trim().is_empty() {
        checker.fail(
            format!("{place}.note"),
            "an inject needs a note: it is what the console shows",
            "say what reached the team (`a customer reports checkout failing`)",
        );
    }
}

/// Checks a reference action's target the way the simulation will when it replays it.
pub fn reference_targets(
    checker: &mut Checker,
    entries: &[ReferenceEntry],
    fleet: &FleetConfig,
    hyps: &[Hypothesis],
    custom: &[CustomAction],
    dependency_hosts: &[&str],
) {
    for (i, e) in entries.iter().enumerate() {
        let Some(action) = &e.action else { continue };
        let path = format!("reference[{i}].target");
        let Some(spec) = crate::sim::config::actions_of(custom, &[]).find(|a| a.id == action.id())
        else {
            continue; // reported where the action is named
        };
        match (spec.target, action.target.as_deref()) {
            (TargetKind::None, Some(t)) => checker.fail(
                path,
                format!("`{}` takes no target, found `{t}`", spec.id),
                "remove `target`",
            ),
            (TargetKind::Host | TargetKind::AnyHost, None)
            | (TargetKind::Hypothesis, None)
            | (TargetKind::Severity, None) => checker.fail(
                format!("reference[{i}]"),
                format!("`{}` needs a `target`", spec.id),
                "add `target = ...` (a host, hypothesis id or severity)",
            ),
            (TargetKind::Host | TargetKind::OptionalHost, Some(h)) => {
                host(checker, &path, h, fleet);
            }
            (TargetKind::LogSource | TargetKind::AnyHost, Some(h))
                if dependency_hosts.contains(&h) => {}
            (TargetKind::LogSource | TargetKind::AnyHost, Some(h)) => {
                host(checker, &path, h, fleet);
            }
            (TargetKind::Hypothesis, Some(h)) if !hyps.iter().any(|x| x.id == h) => checker.fail(
                path,
                format!("no hypothesis has id `{h}`"),
                "name an id from [[hypotheses]]",
            ),
            (TargetKind::Severity, Some(s)) if !["sev1", "sev2", "sev3", "sev4"].contains(&s) => {
                checker.fail(
                    path,
                    format!("`{s}` is not a severity"),
                    "use sev1, sev2, sev3 or sev4",
                )
            }
            _ => {}
        }
    }
}

/// What each hypothesis's explanation says, in file order (shown when declared wrongly).
pub fn explanations(list: &[super::file::HypothesisFile]) -> Vec<String> {
    list.iter().map(|h| h.explanation.clone()).collect()
}
