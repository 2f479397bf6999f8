//! Validation of the actions a scenario adds to the catalogue (`[[custom_actions]]`), and of
//! action ids wherever a scenario names one.

use crate::sim::config::actions_of;
use crate::sim::{
    ActionInfo, Category, CustomAction, DependencyConfig, Fault, LimitKind, Setting, TargetKind,
};

use super::checker::Checker;
use super::file::{CustomActionFile, FaultFile};

pub use super::ids::{CATEGORIES, TARGETS};

/// The action with id `id` among the catalogue and `custom`; a located error when there is none.
pub fn action<'a>(
    checker: &mut Checker,
    path: &str,
    id: &str,
    custom: &'a [CustomAction],
) -> Option<ActionInfo<'a>> {
    let found = actions_of(custom, &[]).find(|a| a.id == id);
    if found.is_none() {
        let help = if custom.is_empty() {
            "see the action list (`incident-sim actions` prints it)".to_string()
        } else {
            let own: Vec<&str> = custom.iter().map(|a| a.id.as_str()).collect();
            format!(
                "use a built-in action (`incident-sim actions` lists them) or one of this scenario's: {}",
                own.join(", ")
            )
        };
        checker.fail(path, format!("unknown action `{id}`"), help);
    }
    found
}

/// The scenario's own actions, checked; `faults` gives the ids `cures` may name.
pub fn custom_actions(
    checker: &mut Checker,
    list: &[CustomActionFile],
    fault_files: &[FaultFile],
    faults: &[Fault],
    deps: &[DependencyConfig],
) -> Vec<CustomAction> {
    let mut out: Vec<CustomAction> = Vec::new();
    for (i, a) in list.iter().enumerate() {
        let p = format!("custom_actions[{i}]");
        let id = checker.id(&format!("{p}.id"), &a.id);
        if crate::sim::ActionKind::from_id(&id).is_some() {
            checker.fail(
                format!("{p}.id"),
                format!("`{id}` is a built-in action"),
                "give your action its own id (to change a built-in action's duration, use [[actions]])",
            );
        } else if out.iter().any(|x| x.id == id) {
            checker.fail(
                format!("{p}.id"),
                format!("another custom action already has id `{id}`"),
                "give each action its own id",
            );
        }
        let category = category(checker, &format!("{p}.category"), &a.category);
        let target = target(checker, &format!("{p}.target"), a.target.as_deref());
        let cures = cures(checker, &p, &a.cures, fault_files, faults);
        let sets = settings(checker, &p, &a.sets, deps);
        if category == Some(Category::Diagnostic) && (!cures.is_empty() || !sets.is_empty()) {
            checker.fail(
                format!("{p}.category"),
                "a diagnostic only shows: it cannot cure a fault or change a setting",
                "make it a `remediation` (or drop `cures` and `sets`)",
            );
        }
        out.push(CustomAction {
            id,
            title: checker.not_empty(&format!("{p}.title"), &a.title),
            category: category.unwrap_or(Category::Diagnostic),
            target,
            duration_s: checker.duration(&format!("{p}.duration"), &a.duration),
            help: a.help.clone(),
            finding: {
                let finding = checker.not_empty(&format!("{p}.finding"), &a.finding);
                super::validate_text::template(
                    checker,
                    &format!("{p}.finding"),
                    &finding,
                    fault_files,
                )
            },
            cures,
            sets,
            needs_developers: a.needs_developers,
            revealed_by: Vec::new(),
            revealed_by_cause: None,
        });
    }
    out
}

/// The category; None (and a problem) when it is not one.
fn category(checker: &mut Checker, path: &str, text: &str) -> Option<Category> {
    match text {
        "diagnostic" => Some(Category::Diagnostic),
        "remediation" => Some(Category::Remediation),
        "coordination" => Some(Category::Coordination),
        _ => {
            checker.fail(
                path,
                format!("unknown category `{text}`"),
                format!("use one of: {}", CATEGORIES.join(", ")),
            );
            None
        }
    }
}

fn target(checker: &mut Checker, path: &str, text: Option<&str>) -> TargetKind {
    match text.unwrap_or("none") {
        "none" => TargetKind::None,
        "host" => TargetKind::Host,
        "optional_host" => TargetKind::OptionalHost,
        other => {
            checker.fail(
                path,
                format!("unknown target `{other}`"),
                format!(
                    "use one of: {} (a host the trainee picks, or every host when left out)",
                    TARGETS.join(", ")
                ),
            );
            TargetKind::None
        }
    }
}

fn cures(
    checker: &mut Checker,
    at: &str,
    ids: &[String],
    fault_files: &[FaultFile],
    faults: &[Fault],
) -> Vec<u32> {
    let known: Vec<&str> = fault_files.iter().filter_map(|f| f.id.as_deref()).collect();
    let mut out = Vec::new();
    for (j, id) in ids.iter().enumerate() {
        let path = format!("{at}.cures[{j}]");
        let Some(index) = fault_files.iter().position(|f| f.id.as_deref() == Some(id)) else {
            let help = if known.is_empty() {
                "give the fault an `id = \"...\"` under [[faults]] and name it here".to_string()
            } else {
                format!("use one of: {}", known.join(", "))
            };
            checker.fail(path, format!("no fault has id `{id}`"), help);
            continue;
        };
        if faults.get(index).is_some_and(|f| !f.kind.curable()) {
            checker.fail(
                path,
                format!("`{id}` is a traffic surge, which nothing cures"),
                "to shed traffic, set `traffic_share` under `sets` instead",
            );
            continue;
        }
        if !out.contains(&(index as u32)) {
            out.push(index as u32);
        }
    }
    out
}

/// The setting `key` names: one of the world's, or a dependency's limit (`pgbouncer.open_files`).
fn setting(
    checker: &mut Checker,
    path: &str,
    key: &str,
    deps: &[DependencyConfig],
) -> Option<Setting> {
    if let Some((name, limit)) = key.split_once('.') {
        let Some(dependency) = deps.iter().position(|d| d.name == name) else {
            let names: Vec<&str> = deps.iter().map(|d| d.name.as_str()).collect();
            let help = format!(
                "a dependency's limit is `<name>.open_files`; names: {}",
                names.join(", ")
            );
            checker.fail(path, format!("no dependency is called `{name}`"), help);
            return None;
        };
        let Some(limit) = LimitKind::from_id(limit) else {
            checker.fail(
                path,
                format!("`{limit}` is not a limit a dependency has"),
                "use open_files or max_connections",
            );
            return None;
        };
        if deps[dependency].limits.is_none() {
            checker.fail(
                path,
                format!("`{name}` has no `limits`"),
                format!("give [dependencies.limits] for `{name}` (what its callers hold open)"),
            );
            return None;
        }
        return Some(Setting::Limit {
            dependency: dependency as u32,
            limit,
        });
    }
    let found = Setting::from_id(key);
    if found.is_none() {
        let known: Vec<&str> = Setting::ALL.iter().map(|s| s.id()).collect();
        checker.fail(
            path,
            format!("unknown setting `{key}`"),
            format!(
                "use one of: {}, or a dependency's limit (`<name>.open_files`, `<name>.max_connections`)",
                known.join(", ")
            ),
        );
    }
    found
}

fn settings(
    checker: &mut Checker,
    at: &str,
    sets: &std::collections::BTreeMap<String, f64>,
    deps: &[DependencyConfig],
) -> Vec<(Setting, f64)> {
    let mut out = Vec::new();
    for (key, value) in sets {
        let path = format!("{at}.sets.{key}");
        let Some(setting) = setting(checker, &path, key, deps) else {
            continue;
        };
        let (low, high) = setting.range();
        if setting.whole() && value.fract() != 0.0 {
            checker.fail(
                path,
                format!("`{key}` takes a whole number, found {value}"),
                if setting == Setting::HealthChecks {
                    "write 0 to switch health checks off, 1 to switch them on"
                } else {
                    "write a whole number"
                },
            );
            continue;
        }
        let value = checker.range(&path, *value, low, high);
        out.push((setting, value));
    }
    out
}
