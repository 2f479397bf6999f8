//! `incident-sim`: runs, scores, validates and lists scenarios headless, for scenario authors and
//! CI. Native only (the browser app is `src/main.rs`).

#[cfg(not(target_arch = "wasm32"))]
mod args;
#[cfg(not(target_arch = "wasm32"))]
mod commands;
#[cfg(not(target_arch = "wasm32"))]
mod error;
#[cfg(not(target_arch = "wasm32"))]
mod replay;
#[cfg(not(target_arch = "wasm32"))]
mod solve_text;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use clap::Parser;
    let cli = args::Cli::parse();
    commands::dispatch(cli.command).unwrap_or_else(|message| {
        eprintln!("{message}");
        std::process::ExitCode::from(2)
    })
}

#[cfg(target_arch = "wasm32")]
fn main() {}
