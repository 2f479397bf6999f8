//! The command box: `free app-2`, `heap_profile app-3`, `declare_severity sev1`. Parses typed text
//! into the same actions the menu takes, and completes what is typed.

use crate::scenario::Scenario;
use crate::sim::{Action, SimConfig, Simulation, TargetKind};

use super::menu::targets;

/// An action id as people type it: `Heap-Profile` -> `heap_profile`.
fn normalise(word: &str) -> String {
    word.replace('-', "_").to_lowercase()
}

/// What is wrong with a typed command, in words.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    #[error("type an action, such as `view_memory` or `free app-2`")]
    Empty,
    #[error("unknown action `{0}`; press Tab to see the actions")]
    Unknown(String),
    #[error("`{id}` takes at most one target; `{extra}` is one too many")]
    TooManyTargets { id: String, extra: String },
}

/// Parses a typed command. The error says what was wrong, in words.
pub fn parse(config: &SimConfig, text: &str) -> Result<Action, CommandError> {
    let mut words = text.split_whitespace();
    let Some(first) = words.next() else {
        return Err(CommandError::Empty);
    };
    let id = normalise(first);
    let info = config
        .action_info(&id)
        .ok_or_else(|| CommandError::Unknown(first.to_string()))?;
    let target = words.next().map(str::to_string);
    if let Some(extra) = words.next() {
        return Err(CommandError::TooManyTargets {
            id,
            extra: extra.to_string(),
        });
    }
    Ok(info.action(target))
}

/// Completions of what is typed so far, as whole commands, best first (at most `max`).
pub fn complete(scenario: &Scenario, sim: &Simulation, text: &str, max: usize) -> Vec<String> {
    let trimmed = text.trim_start();
    match trimmed.split_once(char::is_whitespace) {
        None => {
            let prefix = normalise(trimmed);
            scenario
                .config
                .actions()
                .filter(|s| s.id.starts_with(&prefix) && sim.knows(s))
                .map(|s| match s.target {
                    TargetKind::None => s.id.to_string(),
                    _ => format!("{} ", s.id),
                })
                .take(max)
                .collect()
        }
        Some((id, rest)) => {
            let Some(info) = scenario.config.action_info(&normalise(id)) else {
                return Vec::new();
            };
            let prefix = rest.trim();
            targets(scenario, sim, info.target)
                .into_iter()
                .filter(|(value, _)| !value.is_empty() && value.starts_with(prefix))
                .map(|(value, _)| format!("{} {value}", info.id))
                .take(max)
                .collect()
        }
    }
}

/// The longest text every completion starts with (what Tab fills in).
pub fn common_prefix(options: &[String]) -> Option<String> {
    let first = options.first()?;
    let len = options.iter().skip(1).fold(first.len(), |len, o| {
        first
            .bytes()
            .zip(o.bytes())
            .take(len)
            .take_while(|(a, b)| a == b)
            .count()
    });
    Some(first[..len].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::library;
    use crate::sim::ActionKind;

    #[test]
    fn parses_what_people_type() {
        let s = library::builtin("ecommerce-memory-leak").unwrap();
        let parse = |text: &str| super::parse(&s.config, text);
        assert_eq!(
            parse("free app-2"),
            Ok(Action::on(ActionKind::Free, "app-2"))
        );
        assert_eq!(
            parse("  heap-profile   app-3 "),
            Ok(Action::on(ActionKind::HeapProfile, "app-3"))
        );
        assert_eq!(
            parse("VIEW_MEMORY"),
            Ok(Action::new(ActionKind::ViewMemory))
        );
        assert!(parse("reboot everything")
            .unwrap_err()
            .to_string()
            .contains("unknown action `reboot`"));
        assert!(parse("free app-1 app-2")
            .unwrap_err()
            .to_string()
            .contains("one too many"));
        assert!(parse("   ").is_err());
    }

    #[test]
    fn completes_actions_then_targets() {
        let s = library::builtin("ecommerce-memory-leak").unwrap();
        let sim = Simulation::new(s.config.clone(), s.seed);
        assert_eq!(complete(&s, &sim, "fr", 8), vec!["free ".to_string()]);
        let hosts = complete(&s, &sim, "free app-", 8);
        assert_eq!(
            hosts,
            ["free app-1", "free app-2", "free app-3", "free app-4"]
        );
        assert_eq!(common_prefix(&hosts).unwrap(), "free app-");
        let restarts = complete(&s, &sim, "restart", 8);
        assert_eq!(common_prefix(&restarts).unwrap(), "restart_");
        assert_eq!(
            complete(&s, &sim, "declare_hypothesis mem", 8),
            ["declare_hypothesis memory_leak"]
        );
        assert!(complete(&s, &sim, "nonsense x", 8).is_empty());
    }
}
