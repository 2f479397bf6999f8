//! Reading a run file: the JSON, then what JSON cannot say (the format, the order of the actions,
//! nothing after the end), each problem with its place.

use super::{RunError, RunFile, RUN_FORMAT, RUN_VERSION};

/// Reads a run file's text; the first problem is the error.
pub fn read(text: &str) -> Result<RunFile, RunError> {
    let run: RunFile = serde_json::from_str(text).map_err(|e| RunError::json(&e))?;
    vet(&run)?;
    Ok(run)
}

/// Checks what the types cannot: a run read from a file and one unpacked from a link go through
/// here alike.
pub(crate) fn vet(run: &RunFile) -> Result<(), RunError> {
    if run.format != RUN_FORMAT {
        return Err(RunError::NotARun(run.format.clone()));
    }
    if run.version > RUN_VERSION {
        return Err(RunError::Newer(run.version));
    }
    let hash = &run.scenario.content_hash;
    if hash.len() != 16 || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(RunError::BadHash(hash.clone()));
    }
    if run.scenario.id.trim().is_empty() {
        return Err(field("scenario.id", "is empty"));
    }
    let ticks = run.actions.iter().map(|a| a.tick);
    in_order("actions", ticks, run.ended_at)?;
    in_order("injects", run.injects.iter().map(|i| i.tick), run.ended_at)?;
    for (index, action) in run.actions.iter().enumerate() {
        if action.action.trim().is_empty() {
            return Err(field(&format!("actions[{index}].action"), "is empty"));
        }
    }
    for (index, inject) in run.injects.iter().enumerate() {
        if inject.inject.trim().is_empty() {
            return Err(field(&format!("injects[{index}].inject"), "is empty"));
        }
    }
    if !run.result.score.is_finite() || !(0.0..=100.0).contains(&run.result.score) {
        return Err(field("result.score", "is not a score from 0 to 100"));
    }
    Ok(())
}

fn field(name: &str, message: &str) -> RunError {
    RunError::Field {
        field: name.to_string(),
        message: message.to_string(),
    }
}

/// Ticks in the order taken, none after the end.
fn in_order(list: &str, ticks: impl Iterator<Item = u32>, ended_at: u32) -> Result<(), RunError> {
    let mut before = 0;
    for (index, tick) in ticks.enumerate() {
        if tick < before {
            return Err(RunError::OutOfOrder {
                field: format!("{list}[{index}]"),
                tick,
                before,
            });
        }
        if tick > ended_at {
            return Err(RunError::AfterTheEnd {
                field: format!("{list}[{index}]"),
                tick,
                ended_at,
            });
        }
        before = tick;
    }
    Ok(())
}
