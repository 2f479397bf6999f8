//! Actions files: `[{"at": "14:35", "action": "restart_all"}, {"at": "15:02", "action":
//! "heap_profile", "target": "app-2"}]`. Times are the scenario's local time of day.

use serde::{Deserialize, Serialize};

use super::error::{ScenarioErrors, SourceMap};
use super::Scenario;
use crate::sim::clock::{hhmm, hhmmss, parse_time_of_day, tick_of};
use crate::sim::ScheduledAction;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    at: String,
    action: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target: Option<String>,
}

/// Byte offsets where each top-level array element starts.
fn element_offsets(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, ch) in text.char_indices() {
        if in_string {
            match (escaped, ch) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match ch {
            '"' => in_string = true,
            '[' | '{' => {
                if depth == 1 && ch == '{' {
                    out.push(i);
                }
                depth += 1;
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    out
}

/// Parses an actions file against a scenario; every bad line is reported.
pub fn parse_actions(
    file: &str,
    text: &str,
    scenario: &Scenario,
) -> Result<Vec<ScheduledAction>, ScenarioErrors> {
    let map = SourceMap::new(text);
    let lines: Vec<Line> =
        serde_json::from_str(text).map_err(|e| not_a_list(file, text, &map, e))?;
    let starts = element_offsets(text);
    let mut diagnostics = Vec::new();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let start = starts.get(i).copied();
        let field_offset = |field: &str| {
            start.and_then(|s| text[s..].find(&format!("\"{field}\"")).map(|o| s + o))
        };
        let mut fail = |field: &str, message: String, help: String| {
            diagnostics.push(map.diagnostic(
                file,
                field_offset(field).or(start),
                format!("[{i}].{field}"),
                message,
                Some(help),
            ));
        };
        let Some(s) = parse_time_of_day(&line.at) else {
            fail(
                "at",
                format!("`{}` is not a time of day", line.at),
                "write the scenario's local time as \"HH:MM\"".into(),
            );
            continue;
        };
        let (start, duration_s) = (scenario.clock.start_s_of_day, scenario.config.duration_s);
        let tick = tick_of(start, s);
        if tick >= duration_s {
            fail(
                "at",
                format!(
                    "{} is after the run ends ({})",
                    line.at,
                    hhmm(start, duration_s)
                ),
                "use a time inside the scenario's time limit".into(),
            );
        }
        let Some(info) = scenario.config.action_info(&line.action) else {
            fail(
                "action",
                format!("unknown action `{}`", line.action),
                "run `incident-sim actions SCENARIO` for the list of action ids".into(),
            );
            continue;
        };
        out.push(ScheduledAction {
            tick,
            action: info.action(line.target.clone()),
        });
    }
    if diagnostics.is_empty() {
        Ok(out)
    } else {
        Err(ScenarioErrors { diagnostics })
    }
}

/// An actions file that is not a JSON list of actions, where the reading stopped.
fn not_a_list(file: &str, text: &str, map: &SourceMap, error: serde_json::Error) -> ScenarioErrors {
    let offset = offset_of(text, error.line(), error.column());
    let help =
        "an actions file is a JSON list such as [{\"at\": \"14:35\", \"action\": \"restart_all\"}]";
    let diagnostic = map.diagnostic(
        file,
        offset,
        String::new(),
        error.to_string(),
        Some(help.into()),
    );
    ScenarioErrors {
        diagnostics: vec![diagnostic],
    }
}

/// Writes actions in the file format.
pub fn to_json(actions: &[ScheduledAction], scenario: &Scenario) -> String {
    let lines: Vec<Line> = actions
        .iter()
        .map(|a| Line {
            at: if (scenario.clock.start_s_of_day + a.tick) % 60 == 0 {
                hhmm(scenario.clock.start_s_of_day, a.tick)
            } else {
                hhmmss(scenario.clock.start_s_of_day, a.tick)
            },
            action: a.action.id().to_string(),
            target: a.action.target.clone(),
        })
        .collect();
    serde_json::to_string_pretty(&lines).expect("action lines serialise")
}

fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    let start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    Some((start + column.saturating_sub(1)).min(text.len()))
}

#[cfg(test)]
mod tests {
    use super::element_offsets;

    #[test]
    fn finds_elements_outside_strings() {
        let text = r#"[ {"at": "{"}, {"a": [1, {"b": 2}]} ]"#;
        let starts = element_offsets(text);
        assert_eq!(starts.len(), 2);
        assert!(text[starts[1]..].starts_with("{\"a\""));
    }
}
