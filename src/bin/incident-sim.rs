//! Headless runner for scenario authors and CI: run, validate and list scenarios.

use std::process::ExitCode;

use incident_trainer::scenario::{self, script, Scenario};
use incident_trainer::score;
use incident_trainer::sim::render::thousands;
use incident_trainer::sim::run::Refused;
use incident_trainer::sim::{
    first_divergence, run_scripted, trace_hash, ScheduledAction, Trace, CATALOGUE,
};

const USAGE: &str = "\
usage:
  incident-sim run SCENARIO [--seed N] [--actions reference|none|FILE] [--json] [--check-determinism] [--csv FILE]
  incident-sim score SCENARIO [--seed N] --actions FILE [--json] [--postmortem FILE.md]
  incident-sim validate FILE...
  incident-sim actions
  incident-sim list
  incident-sim schema          (the JSON Schema of scenario files, for editors)

SCENARIO is a built-in id (see `list`) or a path to a .toml file.
--actions reference replays what the real team did (the default); none does nothing;
FILE is a JSON list such as [{\"at\": \"14:35\", \"action\": \"restart_all\"}] (the console's
\"Download this run\" writes one). `score` compares the run with the real team's path replayed with
the same seed: phases, impact, detours and the score (the real team's path scores 50).";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("score") => score_run(&args[1..]),
        Some("validate") => validate(&args[1..]),
        Some("actions") => {
            print_actions();
            Ok(ExitCode::SUCCESS)
        }
        Some("schema") => schema(),
        Some("list") => {
            for id in scenario::library::ids() {
                println!("{id}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        _ => Err(USAGE.to_string()),
    };
    result.unwrap_or_else(|message| {
        eprintln!("{message}");
        ExitCode::from(2)
    })
}

struct RunArgs {
    scenario: String,
    seed: Option<u64>,
    actions: String,
    json: bool,
    check: bool,
    csv: Option<String>,
    postmortem: Option<String>,
}

fn parse_run_args(args: &[String]) -> Result<RunArgs, String> {
    let mut parsed = RunArgs {
        scenario: String::new(),
        seed: None,
        actions: "reference".into(),
        json: false,
        check: false,
        csv: None,
        postmortem: None,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--seed" => {
                let value = it.next().ok_or("--seed needs a number")?;
                parsed.seed = Some(
                    value
                        .parse()
                        .map_err(|_| format!("--seed: `{value}` is not a whole number"))?,
                );
            }
            "--actions" => {
                parsed.actions = it
                    .next()
                    .ok_or("--actions needs reference, none or a file")?
                    .clone()
            }
            "--json" => parsed.json = true,
            "--check-determinism" => parsed.check = true,
            "--csv" => parsed.csv = Some(it.next().ok_or("--csv needs a file path")?.clone()),
            "--postmortem" => {
                parsed.postmortem = Some(it.next().ok_or("--postmortem needs a file path")?.clone())
            }
            flag if flag.starts_with('-') => {
                return Err(format!("unknown option {flag}\n\n{USAGE}"))
            }
            name if parsed.scenario.is_empty() => parsed.scenario = name.to_string(),
            extra => return Err(format!("unexpected argument `{extra}`\n\n{USAGE}")),
        }
    }
    if parsed.scenario.is_empty() {
        return Err(format!("run needs a scenario\n\n{USAGE}"));
    }
    Ok(parsed)
}

fn actions_for(spec: &str, scenario: &Scenario) -> Result<Vec<ScheduledAction>, String> {
    match spec {
        "reference" => Ok(scenario.reference_actions()),
        "none" => Ok(Vec::new()),
        path => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
            script::parse_actions(path, &text, scenario).map_err(|e| e.to_string())
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

fn run(args: &[String]) -> Result<ExitCode, String> {
    let args = parse_run_args(args)?;
    let scenario = scenario::load(&args.scenario).map_err(|e| e.to_string())?;
    let seed = args.seed.unwrap_or(scenario.seed);
    let actions = actions_for(&args.actions, &scenario)?;
    let (trace, refused) = run_scripted(scenario.config.clone(), seed, &actions);
    let hash = trace_hash(&trace);
    if args.check {
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
        std::fs::write(path, series_csv(&scenario, &trace))
            .map_err(|e| format!("cannot write {path}: {e}"))?;
    }
    let report = Report {
        scenario: &scenario,
        seed,
        actions: actions.len(),
        source: &args.actions,
        trace: &trace,
        refused: &refused,
        hash,
    };
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&score::RunReport::new(
                &scenario,
                seed,
                report.actions,
                &trace,
                &refused
            ))
            .expect("json")
        );
    } else {
        print!("{}", text_report(&report));
    }
    Ok(ExitCode::SUCCESS)
}

fn text_report(r: &Report) -> String {
    use std::fmt::Write;
    let s = r.scenario;
    let clock = |t: Option<u32>, none: &str| t.map_or(none.to_string(), |t| s.hhmm(t));
    let impact = &r.trace.impact;
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{} ({}), seed {}, {} action(s) from {}",
        s.meta.title, s.meta.id, r.seed, r.actions, r.source
    );
    let _ = writeln!(
        o,
        "\nmilestone                                  run     real team"
    );
    for m in score::reached(s, r.trace) {
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
    let _ = writeln!(o, "  orders lost          {orders} ({} {lost})", s.currency);
    for x in r.refused {
        let _ = writeln!(
            o,
            "  refused at {}: {}: {}",
            s.hhmm(x.tick),
            x.action,
            x.error
        );
    }
    let _ = writeln!(o, "\ntrace hash {:016x}", r.hash);
    o
}

fn score_run(args: &[String]) -> Result<ExitCode, String> {
    let args = parse_run_args(args)?;
    if args.check || args.csv.is_some() {
        return Err(format!(
            "score takes --seed, --actions, --json and --postmortem\n\n{USAGE}"
        ));
    }
    let scenario = scenario::load(&args.scenario).map_err(|e| e.to_string())?;
    let seed = args.seed.unwrap_or(scenario.seed);
    let actions = actions_for(&args.actions, &scenario)?;
    let (trace, refused) = run_scripted(scenario.config.clone(), seed, &actions);
    let ghost = score::ghost(&scenario, seed);
    let debrief = score::Debrief::of(&score::Runs {
        scenario: &scenario,
        seed,
        actions: &actions,
        trace: &trace,
        ghost: &ghost,
        refused: &refused,
    });
    if let Some(path) = &args.postmortem {
        let text = score::postmortem::draft(&scenario, &debrief, &trace, &[]);
        std::fs::write(path, text).map_err(|e| format!("cannot write {path}: {e}"))?;
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&debrief).expect("json"));
    } else {
        print!("{}", score::text::render(&debrief));
    }
    Ok(ExitCode::SUCCESS)
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
        out.push_str(&crate::clock_hhmmss(scenario, *tick));
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

fn validate(files: &[String]) -> Result<ExitCode, String> {
    if files.is_empty() {
        return Err(format!("validate needs at least one file\n\n{USAGE}"));
    }
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

#[cfg(not(target_arch = "wasm32"))]
fn schema() -> Result<ExitCode, String> {
    print!("{}", scenario::json_schema());
    Ok(ExitCode::SUCCESS)
}

#[cfg(target_arch = "wasm32")]
fn schema() -> Result<ExitCode, String> {
    Err("the schema is generated by the native build".into())
}

fn print_actions() {
    println!(
        "{:<26} {:<13} {:<15} {:>6}  what it does",
        "id", "kind", "target", "time"
    );
    for a in CATALOGUE {
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
}
