//! Dependencies as a named list of kinds: a database behind its own pool, an HTTP service, a
//! cache in front of another. Each is a target for faults, for `read_logs` on its host, and shows
//! in `check_dependencies`; a cache that fails sends its misses to its backend.

use incident_trainer::scenario::{self, library};
use incident_trainer::sim::render::finding_text;
use incident_trainer::sim::{Action, ActionKind, EventKind, Metric, Simulation};

const DEPENDENCIES: &str = r#"
[[dependencies]]
name = "search"
kind = "http"
host = "search-1"
latency_ms = 40
calls_per_request = 0.3
timeout_ms = 1000

[[dependencies]]
name = "sessions"
kind = "cache"
host = "cache-1"
latency_ms = 1
calls_per_request = 4
timeout_ms = 50
hit_ratio = 0.95

[[dependencies]]
name = "ledger"
kind = "database"
host = "ledger-db"
latency_ms = 5
calls_per_request = 1
timeout_ms = 3000
pool_size = 40
max_wait_ms = 1000
"#;

fn with(faults: &str, edits: &[(&str, &str)]) -> Result<scenario::Scenario, String> {
    let (_, text) = library::BUILTIN[0];
    let mut text = text
        .replacen("[payment]", &format!("{DEPENDENCIES}\n[payment]"), 1)
        .replacen("[[alerts]]", &format!("{faults}\n[[alerts]]"), 1);
    for (from, to) in edits {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    scenario::parse("deps.toml", &text).map_err(|e| e.to_string())
}

fn run_until(sim: &mut Simulation, tick: u32) {
    while sim.tick() < tick {
        sim.step();
    }
}

fn take(sim: &mut Simulation, action: Action) -> String {
    while sim.response().busy_until > sim.tick() {
        sim.step();
    }
    let f = sim.apply(action).unwrap().clone();
    finding_text(&f, sim.trace(), 14 * 3600)
}

#[test]
fn a_slow_http_service_fails_the_share_of_requests_that_call_it() {
    let s = with(
        "[[faults]]\ntype = \"dependency_slowdown\"\nat = \"14:05\"\ndependency = \"search\"\nlatency_multiplier = 50\nduration = \"10m\"\n",
        &[],
    )
    .unwrap();
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    run_until(&mut sim, 290);
    let calm = sim.trace().series.last(Metric::ErrorRatePct).unwrap();
    assert!(calm < 1.0, "{calm}");
    run_until(&mut sim, 600);
    let bad = sim.trace().series.last(Metric::ErrorRatePct).unwrap();
    assert!(
        (bad - 30.0).abs() < 2.0,
        "a third of requests call search: {bad}"
    );
    let deps = take(&mut sim, Action::new(ActionKind::CheckDependencies));
    assert!(
        deps.contains("search") && deps.contains("30.0% failed"),
        "{deps}"
    );
    // Every row says what its figure is: the main database's is its pool.
    let database = deps
        .lines()
        .find(|l| l.starts_with("database"))
        .unwrap_or("");
    assert!(
        database.ends_with("% used") && database.contains("pool "),
        "{deps}"
    );
    let logs = take(&mut sim, Action::on(ActionKind::ReadLogs, "search-1"));
    assert!(
        logs.contains("search-1") && logs.contains("upstream timed out"),
        "{logs}"
    );
    assert!(!logs.contains("app-1"), "{logs}");
    // It ends by itself after ten minutes, and says so.
    run_until(&mut sim, 1200);
    let after = sim.trace().series.last(Metric::ErrorRatePct).unwrap();
    assert!(after < 1.0, "{after}");
    assert!(sim
        .trace()
        .events
        .first(|k| matches!(k, EventKind::DependencyRecovered { dependency: 0 }))
        .is_some());
}

#[test]
fn a_failing_cache_sends_its_misses_to_the_database() {
    let s = with(
        "[[faults]]\ntype = \"dependency_slowdown\"\nat = \"14:10\"\ndependency = \"sessions\"\nlatency_multiplier = 100\nduration = \"10m\"\n",
        &[],
    )
    .unwrap();
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    // A few minutes' mean each side, so one noisy scrape cannot decide it.
    let pool_mean = |sim: &Simulation, from: u32, to: u32| {
        let series = &sim.trace().series;
        let (a, b) = (
            series.scrape_at(from).unwrap(),
            series.scrape_at(to).unwrap(),
        );
        let samples = &series.fleet(Metric::DbPoolUsedPct)[a..=b];
        samples.iter().sum::<f32>() / samples.len() as f32
    };
    run_until(&mut sim, 900);
    let before = pool_mean(&sim, 300, 590);
    let during = pool_mean(&sim, 660, 900);
    // 4 lookups a request now all miss: 3.8 more queries on top of 4 (the pool nears full, so
    // less than twice).
    assert!(during > 1.5 * before, "pool {before}% -> {during}%");
    let logs = take(&mut sim, Action::on(ActionKind::ReadLogs, "cache-1"));
    assert!(logs.contains("100% of lookups missing"), "{logs}");
    let db_logs = take(&mut sim, Action::on(ActionKind::ReadLogs, "db-1"));
    assert!(
        db_logs.contains("db-1") && db_logs.contains("checkpoint"),
        "{db_logs}"
    );
}

#[test]
fn a_named_databases_pool_can_be_exhausted_and_reverted() {
    let s = with(
        "[[faults]]\ntype = \"pool_exhaustion\"\nat = \"14:05\"\ndependency = \"ledger\"\npool_size = 1\nchange = \"ledger.pool.max_size 40 -> 1\"\n",
        &[],
    )
    .unwrap();
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    run_until(&mut sim, 600);
    let bad = sim.trace().series.last(Metric::ErrorRatePct).unwrap();
    assert!(bad > 5.0, "{bad}");
    let db = take(&mut sim, Action::new(ActionKind::CheckDb));
    assert!(db.contains("ledger") && db.contains("pool 100%"), "{db}");
    let diff = take(&mut sim, Action::new(ActionKind::DiffConfig));
    assert!(diff.contains("+ ledger.pool.max_size 40 -> 1"), "{diff}");
    take(&mut sim, Action::new(ActionKind::RevertConfig));
    run_until(&mut sim, 1500);
    let after = sim.trace().series.last(Metric::ErrorRatePct).unwrap();
    assert!(after < 1.0, "{after}");
}

#[test]
fn dependency_names_kinds_and_hosts_are_checked() {
    let err = with(
        "[[faults]]\ntype = \"dependency_slowdown\"\nat = \"14:05\"\ndependency = \"serach\"\nlatency_multiplier = 5\n\n[[faults]]\ntype = \"pool_exhaustion\"\nat = \"14:05\"\ndependency = \"search\"\npool_size = 1\nchange = \"x\"\n",
        &[
            ("name = \"ledger\"", "name = \"database\""),
            ("host = \"search-1\"", "host = \"app-2\""),
            ("hit_ratio = 0.95", "hit_ratio = 0.95\nbackend = \"sessions\""),
            ("kind = \"http\"", "kind = \"http\"\npool_size = 3"),
        ],
    )
    .unwrap_err();
    for expected in [
        "unknown dependency `serach`",
        "use one of: database, payment, search, sessions",
        "`search` is not a database, so it has no connection pool",
        "`database` names the built-in database",
        "`app-2` is one of the app servers",
        "`sessions` is a cache",
        "`pool_size` is for a database, and this is a http",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
}
