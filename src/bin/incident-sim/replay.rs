//! `incident-sim replay`: a kept run played again, and how far its claims hold.

use std::process::ExitCode;

use incident_trainer::record::{self, hex, Replayed, RunFile, Verdict};
use incident_trainer::scenario::{self, Scenario};
use incident_trainer::sim::clock::hhmm;
use serde::Serialize;

use super::error::CliError;

/// What the JSON output says (the verdict as a word, both sides of each claim).
#[derive(Serialize)]
struct Checked<'a> {
    scenario: &'a str,
    seed: u64,
    trainee: Option<&'a str>,
    verdict: &'static str,
    score: f64,
    claimed_score: f64,
    trace_hash: String,
    claimed_trace_hash: &'a str,
    recorded_content_hash: &'a str,
    current_content_hash: String,
    actions: usize,
    injects: usize,
    refused: Vec<String>,
}

/// Reads a run from a file (a run file, or a link saved as text), or from a link when the
/// argument is one.
fn read(spec: &str) -> Result<RunFile, CliError> {
    let place = |error| CliError::Run {
        place: spec.to_string(),
        error,
    };
    if spec.contains("#run=") || spec.starts_with("run=") {
        return record::read_any(spec).map_err(place);
    }
    let text = std::fs::read_to_string(spec).map_err(|source| CliError::Read {
        path: spec.to_string(),
        source,
    })?;
    record::read_any(&text).map_err(place)
}

pub fn replay(spec: &str, scenario_file: Option<&str>, json: bool) -> Result<ExitCode, CliError> {
    let run = read(spec)?;
    let open: Vec<Scenario> = scenario_file
        .map(scenario::load)
        .transpose()?
        .into_iter()
        .collect();
    let open_refs: Vec<&Scenario> = open.iter().collect();
    let scenario = record::scenario_for(&run, &open_refs).map_err(|error| CliError::Run {
        place: spec.to_string(),
        error,
    })?;
    let replayed = record::replay(&run, &scenario);
    if json {
        let checked = checked(&run, &scenario, &replayed);
        println!("{}", serde_json::to_string_pretty(&checked).expect("json"));
    } else {
        print!("{}", text(&run, &scenario, &replayed));
    }
    Ok(if replayed.is_exact() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn checked<'a>(run: &'a RunFile, scenario: &Scenario, replayed: &Replayed) -> Checked<'a> {
    Checked {
        scenario: &run.scenario.id,
        seed: run.seed,
        trainee: run.trainee.as_deref(),
        verdict: match replayed.verdict {
            Verdict::Exact => "exact",
            Verdict::Rescored { .. } => "rescored",
            Verdict::Differs { .. } => "differs",
            Verdict::OtherVersion { .. } => "other_version",
        },
        score: replayed.debrief.score,
        claimed_score: run.result.score,
        trace_hash: hex(replayed.trace_hash),
        claimed_trace_hash: &run.result.trace_hash,
        recorded_content_hash: &run.scenario.content_hash,
        current_content_hash: hex(scenario.content_hash),
        actions: run.actions.len(),
        injects: run.injects.len(),
        refused: replayed
            .refused
            .iter()
            .map(|r| r.action.to_string())
            .collect(),
    }
}

fn text(run: &RunFile, scenario: &Scenario, replayed: &Replayed) -> String {
    let clock = |tick| hhmm(scenario.config.start_s_of_day, tick);
    let mut out = format!(
        "Run of {} ({}), seed {}\n",
        scenario.meta.title, run.scenario.id, run.seed
    );
    let who = match (&run.trainee, &run.date) {
        (Some(name), Some(date)) => format!("Played by {name} on {date}\n"),
        (Some(name), None) => format!("Played by {name}\n"),
        (None, Some(date)) => format!("Played on {date}\n"),
        (None, None) => String::new(),
    };
    out.push_str(&who);
    for (role, name) in run.roles.named() {
        out.push_str(&format!("{role}: {name}\n"));
    }
    out.push_str(&format!(
        "{} actions, {} injects, ended at {}\n",
        run.actions.len(),
        run.injects.len(),
        clock(run.ended_at)
    ));
    let (score, hash) = (replayed.debrief.score, hex(replayed.trace_hash));
    let verdict = match &replayed.verdict {
        Verdict::Exact => format!("Replays exactly: score {score:.1}, trace hash {hash}\n"),
        Verdict::Rescored { claimed_score } => format!(
            "Replays exactly to another score: it claims score {claimed_score:.1}; its actions \
             give the very trace it records (hash {hash}), which this trainer's scoring puts at \
             {score:.1} (scored by an earlier version of the scoring, or the score was edited)\n"
        ),
        Verdict::Differs {
            claimed_score,
            claimed_hash,
        } => {
            let what = if *claimed_score == score {
                format!(
                    "it claims trace hash {claimed_hash}; its actions give trace hash {hash}, with \
                     the score it claims ({score:.1})"
                )
            } else {
                format!(
                    "it claims score {claimed_score:.1}, trace hash {claimed_hash}; the replay \
                     gives score {score:.1}, trace hash {hash}"
                )
            };
            format!(
                "Does NOT replay to what it claims: {what} (the file was edited, or this trainer \
                 simulates differently)\n"
            )
        }
        Verdict::OtherVersion { recorded, current } => format!(
            "The scenario changed since this run was played (version {recorded}, now \
             {current}): on today's version it gives score {score:.1}, trace hash {hash}; it \
             claimed {:.1}. Not an exact replay.\n",
            run.result.score
        ),
    };
    out.push_str(&verdict);
    for refused in &replayed.refused {
        out.push_str(&format!(
            "  refused at {}: {} ({})\n",
            clock(refused.tick),
            refused.action,
            refused.error
        ));
    }
    out
}
