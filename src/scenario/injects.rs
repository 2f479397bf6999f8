//! The facilitator's injects after validation (`[[injects]]`): each with its suggested time, who
//! it is from, the text the room sees, what the room should do and the fallback for a stalled
//! room. Injects reach the people, never the world: nothing here is read by the simulation.

use serde::{Deserialize, Serialize};

use super::checker::Checker;
use super::file::InjectFile;
use super::units::parse_duration;
use crate::sim::CustomAction;

/// What kind of message an inject is (few and general; `from` says who exactly).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InjectKind {
    /// Someone with a stake in the outcome: a manager, sales, the executive on call.
    Stakeholder,
    /// A customer's report, directly or through support.
    Customer,
    /// A second alert, from a system the room's monitoring does not show.
    Alert,
    /// A colleague: another team, someone who noticed something.
    Colleague,
}

impl InjectKind {
    pub const IDS: [&'static str; 4] = ["stakeholder", "customer", "alert", "colleague"];
    const ALL: [InjectKind; 4] = [
        InjectKind::Stakeholder,
        InjectKind::Customer,
        InjectKind::Alert,
        InjectKind::Colleague,
    ];

    pub fn id(self) -> &'static str {
        InjectKind::IDS[self as usize]
    }

    pub fn from_id(id: &str) -> Option<InjectKind> {
        InjectKind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// The badge the room's console shows.
    pub fn badge(self) -> &'static str {
        match self {
            InjectKind::Stakeholder => "MESSAGE",
            InjectKind::Customer => "CUSTOMER",
            InjectKind::Alert => "ALERT",
            InjectKind::Colleague => "MESSAGE",
        }
    }
}

/// The inject to send when the room has not responded in time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fallback {
    pub inject: String,
    pub after_s: u32,
}

/// One inject of the scenario's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inject {
    pub id: String,
    /// The suggested tick to send it (the facilitator chooses).
    pub at: Option<u32>,
    pub from: String,
    pub kind: InjectKind,
    /// What the room sees.
    pub text: String,
    /// What the room should do (facilitator only).
    pub expected: String,
    /// The action that counts as the expected response, when one does.
    pub expected_action: Option<String>,
    pub fallback: Option<Fallback>,
}

/// How long a room gets before the fallback, when the file does not say.
pub const FALLBACK_AFTER_S: u32 = 600;

/// The scenario's injects, checked: ids unique, times in the run, text to show, fallbacks that
/// name another inject, expected actions that exist.
pub fn injects(checker: &mut Checker, list: &[InjectFile], custom: &[CustomAction]) -> Vec<Inject> {
    let ids: Vec<&str> = list.iter().map(|i| i.id.as_str()).collect();
    list.iter()
        .enumerate()
        .map(|(index, given)| {
            let place = format!("injects[{index}]");
            let id = checker.id(&format!("{place}.id"), &given.id);
            if ids[..index].contains(&id.as_str()) {
                checker.fail(
                    format!("{place}.id"),
                    format!("another inject already has id `{id}`"),
                    "give each inject its own id",
                );
            }
            let at = given
                .at
                .as_ref()
                .and_then(|at| checker.time_opt(&format!("{place}.at"), at));
            let kind = InjectKind::from_id(&given.kind).unwrap_or_else(|| {
                checker.fail(
                    format!("{place}.kind"),
                    format!("unknown kind `{}`", given.kind),
                    format!(
                        "use one of: {} (`from` says who exactly)",
                        InjectKind::IDS.join(", ")
                    ),
                );
                InjectKind::Stakeholder
            });
            if let Some(action) = &given.expected_action {
                let path = format!("{place}.expected_action");
                super::validate_actions::action(checker, &path, action, custom);
            }
            Inject {
                fallback: fallback(checker, &place, given, &ids),
                id,
                at,
                from: checker.not_empty(&format!("{place}.from"), &given.from),
                kind,
                text: checker.not_empty(&format!("{place}.text"), &given.text),
                expected: checker.not_empty(&format!("{place}.expected"), &given.expected),
                expected_action: given.expected_action.clone(),
            }
        })
        .collect()
}

/// An inject's fallback: another inject of the list, after a wait.
fn fallback(
    checker: &mut Checker,
    place: &str,
    given: &InjectFile,
    ids: &[&str],
) -> Option<Fallback> {
    let after_s = match &given.fallback_after {
        Some(text) => {
            let path = format!("{place}.fallback_after");
            let after = checker.duration(&path, text);
            if given.fallback.is_none() {
                checker.fail(
                    path,
                    "a wait needs a fallback to send after it",
                    "add `fallback = \"<inject id>\"` or remove `fallback_after`",
                );
            } else if parse_duration(text).is_some() && after == 0 {
                checker.fail(
                    path,
                    "must be longer than 0s",
                    "give the room a few minutes",
                );
            }
            after
        }
        None => FALLBACK_AFTER_S,
    };
    let inject = given.fallback.clone()?;
    let path = format!("{place}.fallback");
    if inject == given.id {
        checker.fail(
            path,
            format!("`{inject}` falls back to itself"),
            "name another inject to send when the room stalls",
        );
    } else if !ids.contains(&inject.as_str()) {
        let mut known: Vec<&str> = Vec::new();
        for id in ids.iter().filter(|id| **id != given.id) {
            if !known.contains(id) {
                known.push(id);
            }
        }
        checker.fail(
            path,
            format!("no inject has id `{inject}`"),
            format!("name one of: {}", known.join(", ")),
        );
    }
    Some(Fallback { inject, after_s })
}
