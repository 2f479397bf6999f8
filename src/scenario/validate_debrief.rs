//! Validation of what the debrief reads: which diagnostics are evidence for which hypothesis, and
//! the real team's lessons and corrective measures.

use crate::sim::{Category, CustomAction, Fault, Hypothesis};

use super::checker::Checker;
use super::file::{HypothesisFile, LearningFile};
use super::model::Learning;
use super::validate_actions::action;

/// Per hypothesis, the diagnostics that show it. A correct hypothesis without its own list takes
/// the usual evidence of the scenario's faults; a wrong one without a list has none.
pub fn evidence(
    checker: &mut Checker,
    list: &[HypothesisFile],
    hyps: &[Hypothesis],
    faults: &[Fault],
    custom: &[CustomAction],
) -> Vec<Vec<String>> {
    list.iter()
        .zip(hyps)
        .enumerate()
        .map(|(i, (file, h))| {
            let path = format!("hypotheses[{i}].evidence");
            match &file.evidence {
                Some(ids) => listed(checker, &path, ids, h.correct, custom),
                None if h.correct => defaults(faults),
                None => Vec::new(),
            }
        })
        .collect()
}

/// What reveals each hypothesis and each of the scenario's own actions (`revealed_by`): lists of
/// diagnostics, checked like evidence, filled in once every action is known.
pub fn revealers(
    checker: &mut Checker,
    hypotheses: (&[HypothesisFile], &mut [Hypothesis]),
    actions: (&[super::file::CustomActionFile], &mut [CustomAction]),
) {
    let custom: Vec<CustomAction> = actions.1.to_vec();
    for (i, (file, h)) in hypotheses.0.iter().zip(hypotheses.1.iter_mut()).enumerate() {
        if let Some(ids) = &file.revealed_by {
            h.revealed_by = listed(
                checker,
                &format!("hypotheses[{i}].revealed_by"),
                ids,
                false,
                &custom,
            );
        }
    }
    rivals_revealed(checker, hypotheses.1);
    for (i, (file, a)) in actions.0.iter().zip(actions.1.iter_mut()).enumerate() {
        if let Some(ids) = &file.revealed_by {
            a.revealed_by = listed(
                checker,
                &format!("custom_actions[{i}].revealed_by"),
                ids,
                false,
                &custom,
            );
        }
        if let Some(id) = &file.revealed_by_cause {
            a.revealed_by_cause = cause(checker, i, id, hypotheses.0);
        }
        remedy_revealed(checker, i, a);
    }
}

/// The hypothesis an action waits for, by index; an unknown id is refused with the ones there are.
fn cause(checker: &mut Checker, index: usize, id: &str, list: &[HypothesisFile]) -> Option<u32> {
    let at = list.iter().position(|h| h.id == id);
    if at.is_none() {
        let ids: Vec<&str> = list.iter().map(|h| h.id.as_str()).collect();
        checker.fail(
            format!("custom_actions[{index}].revealed_by_cause"),
            format!("there is no hypothesis `{id}`"),
            format!("name one of the scenario's hypotheses: {}", ids.join(", ")),
        );
    }
    at.map(|at| at as u32)
}

/// A remedy that cures a fault and comes on the list with a look would come beside the causes
/// that look reveals, and its name would say which of them is right: it waits for its cause.
fn remedy_revealed(checker: &mut Checker, index: usize, action: &CustomAction) {
    if action.cures.is_empty()
        || action.revealed_by.is_empty()
        || action.revealed_by_cause.is_some()
    {
        return;
    }
    checker.fail(
        format!("custom_actions[{index}].revealed_by"),
        format!(
            "`{}` cures a fault and comes on the list once `{}` shows an anomaly, beside the causes that look makes plausible, so its name gives the right one away",
            action.id, action.revealed_by[0]
        ),
        "make it wait for the cause it acts on instead, `revealed_by_cause = \"<hypothesis id>\"` (known once the trainee declares that cause), or offer it from the start if the team knows this lever before the incident",
    );
}

/// A look that puts the right cause on the trainee's list must put a rival with it: when only the
/// right one appears after `top`, its appearing is the answer, handed out.
fn rivals_revealed(checker: &mut Checker, hyps: &[Hypothesis]) {
    for (i, h) in hyps.iter().enumerate().filter(|(_, h)| h.correct) {
        for (j, look) in h.revealed_by.iter().enumerate() {
            let rival = hyps
                .iter()
                .any(|r| !r.correct && r.revealed_by.contains(look));
            if !rival {
                checker.fail(
                    format!("hypotheses[{i}].revealed_by[{j}]"),
                    format!("`{look}` puts only the right cause on the list, so its appearing gives the answer away"),
                    format!("give a rival cause that `{look}` would make as plausible `revealed_by = [\"{look}\"]` too, or drop it here"),
                );
            }
        }
    }
}

fn listed(
    checker: &mut Checker,
    path: &str,
    ids: &[String],
    correct: bool,
    custom: &[CustomAction],
) -> Vec<String> {
    if ids.is_empty() && correct {
        checker.fail(
            path,
            "the correct hypothesis needs at least one diagnostic as evidence",
            "list the diagnostics whose output shows this cause, e.g. [\"view_memory\"]",
        );
    }
    let mut out = Vec::new();
    for (j, id) in ids.iter().enumerate() {
        let item = format!("{path}[{j}]");
        let Some(spec) = action(checker, &item, id, custom) else {
            continue;
        };
        if spec.category != Category::Diagnostic {
            checker.fail(
                item,
                format!(
                    "`{id}` is a {} action, not a diagnostic",
                    spec.category.id()
                ),
                "evidence is what a diagnostic shows: view_memory, read_logs, top, ...",
            );
        } else if !out.contains(id) {
            out.push(id.clone());
        }
    }
    out
}

fn defaults(faults: &[Fault]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for kind in faults.iter().flat_map(|f| f.kind.evidence()) {
        if !out.iter().any(|id| id == kind.id()) {
            out.push(kind.id().to_string());
        }
    }
    out
}

pub fn learnings(
    checker: &mut Checker,
    table: &str,
    list: &[LearningFile],
    sources: &[String],
) -> Vec<Learning> {
    list.iter()
        .enumerate()
        .map(|(i, l)| {
            let p = format!("{table}[{i}]");
            if !sources.contains(&l.source) {
                let help = if sources.is_empty() {
                    "list the write-up under [[scenario.sources]] first".to_string()
                } else {
                    format!("use one of: {}", sources.join(", "))
                };
                checker.fail(
                    format!("{p}.source"),
                    format!("no source has id `{}`", l.source),
                    help,
                );
            }
            Learning {
                text: checker.not_empty(&format!("{p}.text"), &l.text),
                source: l.source.clone(),
            }
        })
        .collect()
}

/// The calibration targets: times in the run, a known source, at least one target.
pub fn calibration(
    checker: &mut Checker,
    calibration: &super::file::CalibrationFile,
    sources: &[String],
) -> super::model::Calibration {
    let outage_start = calibration
        .outage_start
        .as_ref()
        .and_then(|t| checker.time_opt("calibration.outage_start", t));
    let restored = calibration
        .restored
        .as_ref()
        .and_then(|t| checker.time_opt("calibration.restored", t));
    if calibration.outage_start.is_none() && calibration.restored.is_none() {
        checker.fail(
            "calibration",
            "names nothing to reproduce",
            "give `outage_start`, `restored` or both, as the write-up states them",
        );
    }
    if !sources.contains(&calibration.source) {
        let help = if sources.is_empty() {
            "add the write-up under [[scenario.sources]] and name its id here".to_string()
        } else {
            format!("use one of: {}", sources.join(", "))
        };
        checker.fail(
            "calibration.source",
            format!("no source has id `{}`", calibration.source),
            help,
        );
    }
    super::model::Calibration {
        outage_start,
        restored,
        within_s: checker.duration(
            "calibration.within",
            calibration.within.as_deref().unwrap_or("5m"),
        ),
        source: calibration.source.clone(),
    }
}

/// The variation's bounds: an onset shift, shares of at most a half.
pub fn variation(
    checker: &mut Checker,
    variation: &super::file::VariationFile,
    seed: u64,
) -> crate::sim::Variation {
    let share = |checker: &mut Checker, field: &str, value: f64| {
        let path = format!("variation.{field}");
        if !(0.0..=0.5).contains(&value) {
            checker.fail(
                path,
                format!("must be between 0 and 0.5, found {value}"),
                "a share of the value: 0.2 lets it vary from 80% to 120%",
            );
            return 0.0;
        }
        value
    };
    let onset_s = variation
        .onset
        .as_deref()
        .map_or(0, |d| checker.duration("variation.onset", d));
    if onset_s > 0 && checker.duration_s > 0 && onset_s * 2 > checker.duration_s {
        checker.fail(
            "variation.onset",
            "may move the faults by more than half the run",
            "keep it well inside the time limit: minutes, not hours",
        );
    }
    crate::sim::Variation {
        calibrated_seed: seed,
        onset_s,
        traffic: share(checker, "traffic", variation.traffic),
        rate: share(checker, "rate", variation.rate),
        hosts: variation.hosts,
    }
}
