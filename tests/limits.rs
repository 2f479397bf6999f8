//! Limits where real systems have them: a connection pooler between the servers and the database
//! with its own host, config, logs and limits on open files and client connections; calls that
//! pass through one dependency to another, failing by the same rule; diagnostics that read a
//! dependency's host.

use incident_trainer::scenario::{self, library};
use incident_trainer::sim::render::finding_text;
use incident_trainer::sim::{Action, ActionKind, Metric, Simulation};

/// A pooler in front of the main database: each of the 800 workers keeps one connection to it.
const POOLER: &str = r#"
[[dependencies]]
name = "pgbouncer"
kind = "proxy"
host = "pgbouncer-1"
latency_ms = 0.5
calls_per_request = 0
timeout_ms = 5000

[dependencies.limits]
open_files = 1024
files_in_use = 100
max_connections = 2000
max_connections_setting = "max_client_conn"
connections_per_worker = 1
"#;

const LOW_NOFILE: &str = r#"
[[faults]]
type = "limit_exhaustion"
id = "nofile"
at = "14:05"
dependency = "pgbouncer"
limit = "open_files"
value = 600
"#;

const RAISE: &str = r#"
[[custom_actions]]
id = "raise_nofile"
title = "Raise the pooler's open-file limit"
category = "remediation"
duration = "3m"
finding = "LimitNOFILE raised to 65536 on pgbouncer-1; pgbouncer restarted."
cures = ["nofile"]
sets = { "pgbouncer.open_files" = 65536 }
"#;

fn with(extra: &str, faults: &str, edits: &[(&str, &str)]) -> Result<scenario::Scenario, String> {
    let (_, text) = library::BUILTIN[0];
    let mut text = text
        .replacen("[payment]", &format!("{extra}\n[payment]"), 1)
        .replacen("[[alerts]]", &format!("{faults}\n[[alerts]]"), 1)
        .replacen(
            "max_wait_ms = 2000\n",
            "max_wait_ms = 2000\ndepends_on = [\"pgbouncer\"]\n",
            1,
        );
    for (from, to) in edits {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    scenario::parse("limits.toml", &text).map_err(|e| e.to_string())
}

fn run_until(sim: &mut Simulation, tick: u32) {
    while sim.tick() < tick {
        sim.step();
    }
}

fn take(sim: &mut Simulation, action: Action) -> (String, bool) {
    while sim.response().busy_until > sim.tick() {
        sim.step();
    }
    let f = sim.apply(action).unwrap().clone();
    (
        finding_text(&f, sim.trace(), 14 * 3600),
        !f.shows.is_empty(),
    )
}

fn on(kind: ActionKind, host: &str) -> Action {
    Action::on(kind, host)
}

fn errors(sim: &Simulation) -> f32 {
    sim.trace().series.last(Metric::ErrorRatePct).unwrap()
}

#[test]
fn a_pooler_out_of_file_handles_refuses_what_is_beyond_its_limit_and_logs_it() {
    let s = with(POOLER, LOW_NOFILE, &[]).unwrap();
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    run_until(&mut sim, 280);
    assert!(
        errors(&sim) < 1.0,
        "fine under 1024 files: {}",
        errors(&sim)
    );
    let (limits, shows) = take(&mut sim, on(ActionKind::CheckLimits, "pgbouncer-1"));
    assert!(!shows, "a look before the fault is not evidence:\n{limits}");
    assert!(limits.contains("1024"), "{limits}");
    run_until(&mut sim, 600);
    // 800 workers want 800 connections and some in flight; 600 - 100 files leave room for 500.
    let bad = errors(&sim);
    assert!((30.0..50.0).contains(&bad), "about 40% refused: {bad}");
    let (logs, _) = take(&mut sim, on(ActionKind::ReadLogs, "pgbouncer-1"));
    assert!(
        logs.contains("accept() failed: Too many open files"),
        "{logs}"
    );
    let (limits, shows) = take(&mut sim, on(ActionKind::CheckLimits, "pgbouncer-1"));
    assert!(
        shows,
        "the refused connections are the fault's evidence:\n{limits}"
    );
    assert!(
        limits.contains("NOFILE") && limits.contains("600"),
        "{limits}"
    );
    assert!(limits.contains("refused"), "{limits}");
    let (config, _) = take(&mut sim, on(ActionKind::CheckConfig, "pgbouncer-1"));
    assert!(config.contains("LimitNOFILE = 600"), "{config}");
    assert!(config.contains("max_client_conn = 2000"), "{config}");
    let (app, _) = take(&mut sim, on(ActionKind::CheckConfig, "app-1"));
    assert!(app.contains("db.host = pgbouncer-1"), "{app}");
    assert!(!app.contains("db.query_timeout"), "{app}");
}

#[test]
fn raising_the_limit_fixes_it_and_scaling_out_makes_it_worse() {
    let s = with(&format!("{POOLER}\n{RAISE}"), LOW_NOFILE, &[]).unwrap();
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    run_until(&mut sim, 600);
    let bad = errors(&sim);
    let mut wider = sim.clone();
    wider.apply(Action::new(ActionKind::ScaleOut)).unwrap();
    run_until(&mut wider, 1200);
    assert!(errors(&wider) > bad + 3.0, "{} vs {bad}", errors(&wider));
    sim.apply(Action::custom("raise_nofile", None)).unwrap();
    run_until(&mut sim, 1200);
    assert!(errors(&sim) < 1.0, "{}", errors(&sim));
    let cured = sim.trace().events.iter().any(|e| {
        matches!(
            e.kind,
            incident_trainer::sim::EventKind::FaultCured { fault: 1 }
        )
    });
    assert!(cured, "the custom action cures the fault");
}

#[test]
fn a_failing_proxy_fails_what_depends_on_it_once() {
    let proxy = r#"
[[dependencies]]
name = "core-proxy"
kind = "proxy"
host = "fl-1"
latency_ms = 2
calls_per_request = 0
timeout_ms = 1000

[[dependencies]]
name = "kv"
kind = "http"
host = "kv-1"
latency_ms = 5
calls_per_request = 0.5
timeout_ms = 1000
depends_on = ["core-proxy"]
"#;
    let slow = "[[faults]]\ntype = \"dependency_slowdown\"\nat = \"14:05\"\ndependency = \"core-proxy\"\nlatency_multiplier = 1000\n";
    let s = with(proxy, slow, &[("depends_on = [\"pgbouncer\"]\n", "")]).unwrap();
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    run_until(&mut sim, 600);
    // Half the requests call kv, through the proxy: half fail, not three quarters.
    let bad = errors(&sim);
    assert!((45.0..56.0).contains(&bad), "{bad}");
    let (deps, _) = take(&mut sim, Action::new(ActionKind::CheckDependencies));
    let kv = deps.lines().find(|l| l.starts_with("kv")).unwrap();
    assert!(
        !kv.contains(" 0.0% failed"),
        "kv fails through the proxy: {deps}"
    );
}

#[test]
fn diagnostics_read_a_dependencys_host_and_say_what_is_there() {
    let s = with(POOLER, "", &[]).unwrap();
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    let (limits, _) = take(&mut sim, on(ActionKind::CheckLimits, "app-2"));
    assert!(limits.contains("[app-2]$"), "{limits}");
    let (db, _) = take(&mut sim, on(ActionKind::CheckConfig, "db-1"));
    assert!(db.contains("running configuration of db-1"), "{db}");
    let free = sim.response().busy_until;
    run_until(&mut sim, free);
    let err = sim.apply(on(ActionKind::Top, "pgbouncer-1")).unwrap_err();
    assert!(
        err.to_string().contains("pgbouncer-1 is pgbouncer's host"),
        "{err}"
    );
}

/// A scenario's extra dependencies, faults and edits, and where its error must point.
type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)], &'a str);

#[test]
fn bad_links_and_limits_are_refused_with_their_place() {
    let cases: [Case; 5] = [
        (
            POOLER,
            "",
            &[(
                "depends_on = [\"pgbouncer\"]",
                "depends_on = [\"pgbouncr\"]",
            )],
            "database.depends_on #1",
        ),
        (
            POOLER,
            "",
            &[
                ("open_files = 1024\n", ""),
                ("max_connections = 2000\n", ""),
            ],
            "dependencies #1.limits",
        ),
        (
            POOLER,
            "",
            &[("files_in_use = 100", "files_in_use = 2000")],
            "dependencies #1.limits.files_in_use",
        ),
        (
            &format!("{POOLER}\n{RAISE}"),
            LOW_NOFILE,
            &[("\"pgbouncer.open_files\"", "\"pgbouncer.open_file\"")],
            "custom_actions #1",
        ),
        (
            POOLER,
            &LOW_NOFILE.replace("open_files", "nofile"),
            &[],
            "limit",
        ),
    ];
    for (extra, faults, edits, place) in cases {
        let err = with(extra, faults, edits).unwrap_err();
        assert!(err.contains(place), "{place}:\n{err}");
    }
    let circle = "[[dependencies]]\nname = \"a\"\nkind = \"proxy\"\nlatency_ms = 1\ncalls_per_request = 1\ntimeout_ms = 100\ndepends_on = [\"b\"]\n\n[[dependencies]]\nname = \"b\"\nkind = \"proxy\"\nlatency_ms = 1\ncalls_per_request = 0\ntimeout_ms = 100\ndepends_on = [\"a\"]\n";
    let err = with(&format!("{POOLER}\n{circle}"), "", &[]).unwrap_err();
    assert!(err.contains("depends, through others, on itself"), "{err}");
}

#[test]
fn a_pooler_beside_its_database_shares_the_host_and_is_what_it_shows_first() {
    let beside = POOLER.replace("host = \"pgbouncer-1\"", "host = \"nietzsche\"");
    let s = with(
        &beside,
        LOW_NOFILE,
        &[(
            "max_wait_ms = 2000\n",
            "max_wait_ms = 2000\nhost = \"nietzsche\"\n",
        )],
    )
    .unwrap();
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    run_until(&mut sim, 900);
    let (limits, shows) = take(&mut sim, on(ActionKind::CheckLimits, "nietzsche"));
    assert!(shows && limits.contains("pidof pgbouncer"), "{limits}");
    let (logs, _) = take(&mut sim, on(ActionKind::ReadLogs, "nietzsche"));
    assert!(logs.contains("accept() failed"), "{logs}");
}

#[test]
fn a_look_that_found_the_limit_is_evidence_not_a_detour_and_a_look_after_the_fix_is_no_repeat() {
    use incident_trainer::score::detours::{detours, DetourKind};
    let s = with(&format!("{POOLER}\n{RAISE}"), LOW_NOFILE, &[]).unwrap();
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    run_until(&mut sim, 600);
    let (_, shows) = take(&mut sim, on(ActionKind::CheckConfig, "pgbouncer-1"));
    let last = sim.trace().findings.last().unwrap().clone();
    assert!(
        shows,
        "the config of a refusing pooler shows its limit: {last:?} {}",
        errors(&sim)
    );
    take(&mut sim, on(ActionKind::CheckLimits, "pgbouncer-1"));
    take(&mut sim, Action::custom("raise_nofile", None));
    take(&mut sim, on(ActionKind::CheckLimits, "pgbouncer-1"));
    let found = detours(&s, sim.trace());
    assert!(
        found
            .iter()
            .all(|d| !matches!(d.kind, DetourKind::ConfigUnchanged | DetourKind::Repeated)),
        "{found:?}"
    );
}
