//! The command line, declared: every subcommand answers `--help`.

use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "incident-sim",
    version,
    about = "Runs, scores and checks incident-training scenarios headless",
    after_help = "SCENARIO is a built-in id (see `incident-sim list`) or a path to a .toml file.\n\
                  An actions FILE is a JSON list such as [{\"at\": \"14:35\", \"action\": \"restart_all\"}]\n\
                  (the console's \"Download this run\" writes one)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Run a scenario and print what happened: milestones against the real team, impact, hash
    Run(RunArgs),
    /// Compare a run with the real team's path replayed with the same seed: phases, score, detours
    Score(ScoreArgs),
    /// Prove a scenario sound: the real path restores, doing nothing does not, a path is found in
    /// time, no stray action cures it alone (exit 1 if not)
    Solve {
        /// A built-in scenario id or a path to a .toml file
        scenario: String,
        /// How many seeds to check, from the scenario's own
        #[arg(long, value_name = "N", default_value_t = 3)]
        seeds: u32,
        /// Print one JSON object instead of text
        #[arg(long)]
        json: bool,
    },
    /// Check scenario files: every problem, with file, line, column and a hint (exit 1 on any)
    Validate {
        /// Scenario files to check
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// Turn a postmortem (Markdown or plain text) into a scenario draft: the summary of what was
    /// found and what is left to decide on stderr, the draft on stdout or in --out
    Import {
        /// The postmortem to read
        file: String,
        /// Where to write the draft (default: stdout)
        #[arg(long)]
        out: Option<String>,
    },
    /// List every action with its category, target, time cost and what it does (with a SCENARIO:
    /// its durations and its own actions too)
    Actions {
        /// A built-in scenario id or a path to a .toml file
        scenario: Option<String>,
    },
    /// Replay a kept run (a run file or a share link) and check the score and trace hash it
    /// claims (exit 0 when the replay is exact, 1 when it is not)
    Replay {
        /// A run file (`*.run.json`, the debrief's download) or a share link (`...#run=...`)
        run: String,
        /// The scenario file, for a run of a scenario that is not built in
        #[arg(long, value_name = "FILE.toml")]
        scenario: Option<String>,
        /// Print one JSON object instead of text
        #[arg(long)]
        json: bool,
    },
    /// List the built-in scenarios
    List,
    /// Print the JSON Schema of scenario files, for editors
    Schema,
}

#[derive(Args)]
pub struct Common {
    /// A built-in scenario id or a path to a .toml file
    pub scenario: String,
    /// The seed (default: the scenario's own, the calibrated afternoon)
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// `reference` (what the real team did), `none`, or an actions FILE
    #[arg(long, value_name = "reference|none|FILE", default_value = "reference")]
    pub actions: String,
    /// Print one JSON object instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub common: Common,
    /// Run twice and fail (exit 1) if the traces differ, naming the first tick they diverge
    #[arg(long)]
    pub check_determinism: bool,
    /// Write every fleet metric, one row per scrape, to FILE
    #[arg(long, value_name = "FILE")]
    pub csv: Option<String>,
    /// Print what every diagnostic showed, as the trainee would read it
    #[arg(long)]
    pub findings: bool,
}

#[derive(Args)]
pub struct ScoreArgs {
    #[command(flatten)]
    pub common: Common,
    /// Write the postmortem draft (Markdown) to FILE
    #[arg(long, value_name = "FILE.md")]
    pub postmortem: Option<String>,
}
