//! What each subcommand does.

use std::fmt::Write;
use std::process::ExitCode;

use incident_trainer::scenario::{self, script, Scenario};
use incident_trainer::sim::render::{finding_text, thousands};
use incident_trainer::sim::run::Refused;
use incident_trainer::sim::{first_divergence, run_scripted, trace_hash, ScheduledAction, Trace};
use incident_trainer::{prove, score};

use super::args::{Command, Common, RunArgs, ScoreArgs};
use super::error::CliError;

pub fn dispatch(command: Command) -> Result<ExitCode, CliError> {
    match command {
        Command::Run(args) => run(&args),
        Command::Score(args) => score_run(&args),
        Command::Validate { files } => validate(&files),
        Command::Import { file, out } => import(&file, out.as_deref()),
        Command::Solve {
            scenario,
            seeds,
            json,
        } => solve(&scenario, seeds, json),
        Command::Actions { scenario } => print_actions(scenario.as_deref()),
        Command::Replay {
            run,
            scenario,
            json,
        } => super::replay::replay(&run, scenario.as_deref(), json),
        Command::List => {
            for id in scenario::library::ids() {
                println!("{id}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema => {
            print!("{}", scenario::json_schema());
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn solve(spec: &str, seeds: u32, json: bool) -> Result<ExitCode, CliError> {
    let scenario = scenario::load(spec)?;
    let started = std::time::Instant::now();
    let report = prove::solve(&scenario, seeds);
    let secs = started.elapsed().as_secs_f64();
    if json {
        println!("{}", serde_json::to_string_pretty(&report).expect("json"));
    } else {
        print!("{}", super::solve_text::solve_text(&scenario, &report));
        println!(
            "({} seed(s), {} simulated segments, {secs:.1} s)",
            report.seeds.len(),
            report.segments
        );
    }
    Ok(if report.sound {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The scenario, seed and actions a run or score names.
fn load(common: &Common) -> Result<(Scenario, u64, Vec<ScheduledAction>), CliError> {
    let scenario = scenario::load(&common.scenario)?;
    let seed = common.seed.unwrap_or(scenario.seed);
    let actions = actions_for(&common.actions, &scenario)?;
    Ok((scenario, seed, actions))
}

fn actions_for(spec: &str, scenario: &Scenario) -> Result<Vec<ScheduledAction>, CliError> {
    match spec {
        "reference" => Ok(scenario.reference_actions()),
        "none" => Ok(Vec::new()),
        path => {
            let text = std::fs::read_to_string(path).map_err(|source| CliError::Read {
                path: path.to_string(),
                source,
            })?;
            Ok(script::parse_actions(path, &text, scenario)?)
        }
    }
}

/// A finished run, ready to report.
struct Report<'a> {
    scenario: &'a Scenario,
    seed: u64,
    actions: usize,
    source: &'a str,
    trace: &'a Trace,
    refused: &'a [Refused],
    hash: u64,
}

fn run(args: &RunArgs) -> Result<ExitCode, CliError> {
    let (scenario, seed, actions) = load(&args.common)?;
    let (trace, refused) = run_scripted(scenario.config.clone(), seed, &actions);
    let hash = trace_hash(&trace);
    if args.check_determinism {
        let (again, _) = run_scripted(scenario.config.clone(), seed, &actions);
        if trace_hash(&again) != hash {
            let tick = first_divergence(&trace, &again)
                .map_or("unknown".into(), |t| format!("{t} ({})", scenario.hhmm(t)));
            let (id, content) = (&scenario.meta.id, scenario.content_hash);
            eprintln!("determinism failure: seed {seed}, scenario {id} ({content:016x}): runs diverge first at tick {tick}");
            return Ok(ExitCode::FAILURE);
        }
    }
    if let Some(path) = &args.csv {
        write(path, series_csv(&scenario, &trace))?;
    }
    let report = Report {
        scenario: &scenario,
        seed,
        actions: actions.len(),
        source: &args.common.actions,
        trace: &trace,
        refused: &refused,
        hash,
    };
    if args.common.json {
        let json = score::RunReport::new(&scenario, seed, actions.len(), &trace, &refused);
        println!("{}", serde_json::to_string_pretty(&json).expect("json"));
    } else {
        print!("{}", text_report(&report));
    }
    if args.findings {
        print!("{}", findings(&scenario, &trace));
    }
    Ok(ExitCode::SUCCESS)
}

/// What every diagnostic showed, in order, as the console shows it.
fn findings(scenario: &Scenario, trace: &Trace) -> String {
    let mut out = String::new();
    for f in &trace.findings {
        out.push_str(&format!(
            "\n== {} at {} (ready {})\n",
            f.action,
            scenario.hhmm(f.issued_at),
            scenario.hhmm(f.ready_at)
        ));
        out.push_str(&finding_text(f, trace, scenario.clock.start_s_of_day));
    }
    if trace.findings.is_empty() {
        out.push_str("\n(no diagnostics were run)\n");
    }
    out
}

fn text_report(report: &Report) -> String {
    let s = report.scenario;
    let clock = |t: Option<u32>, none: &str| t.map_or(none.to_string(), |t| s.hhmm(t));
    let impact = &report.trace.impact;
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{} ({}), seed {}, {} action(s) from {}",
        s.meta.title, s.meta.id, report.seed, report.actions, report.source
    );
    let _ = writeln!(
        o,
        "\nmilestone                                  run     real team"
    );
    for m in score::reached(s, report.trace) {
        let _ = writeln!(
            o,
            "  {:<40} {:<7} {}",
            m.title,
            clock(m.reached_at, "-"),
            clock(m.reference_at, "-")
        );
    }
    let failed_pct = 100.0 * impact.failed_requests / impact.requests.max(1.0);
    let _ = writeln!(o, "\nimpact");
    let _ = writeln!(
        o,
        "  outage started       {}",
        clock(impact.outage_started_at, "never")
    );
    let _ = writeln!(
        o,
        "  restored             {}",
        clock(impact.restored_at, "not restored")
    );
    let _ = writeln!(
        o,
        "  peak users affected  {:.1}%",
        impact.peak_users_affected_pct
    );
    let (failed, requests) = (
        thousands(impact.failed_requests),
        thousands(impact.requests),
    );
    let _ = writeln!(
        o,
        "  requests failed      {failed} of {requests} ({failed_pct:.1}%)"
    );
    let (orders, lost) = (
        thousands(impact.failed_orders),
        thousands(impact.revenue_lost),
    );
    if s.sells() {
        let _ = writeln!(o, "  orders lost          {orders} ({} {lost})", s.currency);
    }
    for x in report.refused {
        let _ = writeln!(
            o,
            "  refused at {}: {}: {}",
            s.hhmm(x.tick),
            x.action,
            x.error
        );
    }
    let _ = writeln!(o, "\ntrace hash {:016x}", report.hash);
    o
}

fn score_run(args: &ScoreArgs) -> Result<ExitCode, CliError> {
    let (scenario, seed, actions) = load(&args.common)?;
    let played = score::Debrief::play(&scenario, seed, &actions);
    let debrief = played.debrief;
    if let Some(path) = &args.postmortem {
        let text = score::postmortem::draft(&scenario, &debrief, &played.trace, &[]);
        write(path, text)?;
    }
    if args.common.json {
        println!("{}", serde_json::to_string_pretty(&debrief).expect("json"));
    } else {
        print!("{}", score::text::render(&debrief));
    }
    Ok(ExitCode::SUCCESS)
}

fn write(path: &str, text: String) -> Result<(), CliError> {
    std::fs::write(path, text).map_err(|source| CliError::Write {
        path: path.to_string(),
        source,
    })
}

/// Every fleet metric, one row per scrape.
fn series_csv(scenario: &Scenario, trace: &Trace) -> String {
    use incident_trainer::sim::Metric;
    let mut out = String::from("time");
    for m in Metric::ALL {
        out.push(',');
        out.push_str(m.id());
    }
    out.push('\n');
    for (i, tick) in trace.series.ticks.iter().enumerate() {
        out.push_str(&clock_hhmmss(scenario, *tick));
        for m in Metric::ALL {
            out.push_str(&format!(",{}", trace.series.fleet(m)[i]));
        }
        out.push('\n');
    }
    out
}

fn clock_hhmmss(scenario: &Scenario, tick: u32) -> String {
    incident_trainer::sim::clock::hhmmss(scenario.clock.start_s_of_day, tick)
}

/// `import`: the draft to stdout or `out`, the summary to stderr.
fn import(file: &str, out: Option<&str>) -> Result<ExitCode, CliError> {
    let text = std::fs::read_to_string(file).map_err(|source| CliError::Read {
        path: file.to_string(),
        source,
    })?;
    let name = std::path::Path::new(file)
        .file_name()
        .map_or(file.into(), |n| n.to_string_lossy());
    let imported = scenario::import::import(&name, &text)?;
    match out {
        Some(path) => std::fs::write(path, &imported.draft).map_err(|source| CliError::Write {
            path: path.to_string(),
            source,
        })?,
        None => print!("{}", imported.draft),
    }
    eprint!("{}", imported.summary);
    Ok(ExitCode::SUCCESS)
}

fn validate(files: &[String]) -> Result<ExitCode, CliError> {
    let mut failed = false;
    for file in files {
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("error: cannot read {file}: {e}");
                failed = true;
                continue;
            }
        };
        match scenario::parse(file, &text) {
            Ok(s) => println!(
                "ok: {file} ({}, {} fault(s), {} reference entries)",
                s.meta.id,
                s.config.faults.len(),
                s.reference.len()
            ),
            Err(errors) => {
                eprintln!("{errors}\n");
                failed = true;
            }
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn print_actions(spec: Option<&str>) -> Result<ExitCode, CliError> {
    let scenario = match spec {
        Some(spec) => Some(scenario::load(spec)?),
        None => None,
    };
    let actions: Vec<_> = match &scenario {
        Some(s) => s.config.actions().collect(),
        None => incident_trainer::sim::config::actions_of(&[], &[]).collect(),
    };
    println!(
        "{:<26} {:<13} {:<15} {:>6}  what it does",
        "id", "kind", "target", "time"
    );
    for a in actions {
        let secs = a.duration_s;
        println!(
            "{:<26} {:<13} {:<15} {:>5}s  {}",
            a.id,
            a.category.id(),
            a.target.id(),
            secs,
            a.help
        );
    }
    Ok(ExitCode::SUCCESS)
}
