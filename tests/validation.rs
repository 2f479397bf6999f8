//! Every kind of mistake in a scenario or actions file gets an error that says where and what, and
//! how to fix it. The wording is pinned by snapshots in tests/snapshots/ (regenerate with
//! `UPDATE_SNAPSHOTS=1 cargo test --test validation`, then read the diff).

mod common;

use incident_trainer::scenario::{self, library, script};

const BUILTIN: &str = include_str!("../scenarios/ecommerce-memory-leak.toml");
const FILE: &str = "scenarios/broken.toml";

fn snapshot(name: &str, actual: &str) {
    let path = format!("{}/tests/snapshots/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).expect("write snapshot");
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing snapshot {path}; run with UPDATE_SNAPSHOTS=1"));
    assert_eq!(actual, expected, "snapshot {name} differs");
}

/// The built-in scenario with `edits` applied (each `from` must occur).
fn edited(edits: &[(&str, &str)]) -> String {
    let mut text = BUILTIN.to_string();
    for (from, to) in edits {
        assert!(
            text.contains(from),
            "the scenario no longer contains {from:?}"
        );
        text = text.replacen(from, to, 1);
    }
    text
}

fn errors_of(text: &str) -> String {
    match scenario::parse(FILE, text) {
        Ok(_) => panic!("the edited scenario was accepted"),
        Err(e) => e.to_string(),
    }
}

fn case(name: &str, edits: &[(&str, &str)]) {
    snapshot(name, &errors_of(&edited(edits)));
}

#[test]
fn the_built_in_scenarios_are_valid() {
    for (id, text) in library::BUILTIN {
        let s = scenario::parse(id, text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.meta.id, id);
    }
}

#[test]
fn every_file_in_scenarios_is_built_in_and_valid() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue; // compiled/ holds their compiled forms (tests/compiled.rs)
        }
        let id = path.file_stem().unwrap().to_str().unwrap().to_string();
        assert!(
            library::builtin_text(&id).is_some(),
            "{id} is not in the built-in library"
        );
        scenario::parse(&id, &std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn syntax_error() {
    case("syntax_error", &[("servers = 4", "servers = = 4")]);
}

#[test]
fn unknown_field() {
    case("unknown_field", &[("servers = 4", "servrs = 4")]);
}

#[test]
fn missing_field() {
    case(
        "missing_field",
        &[("capacity_rps = 300 ", "# capacity removed ")],
    );
}

#[test]
fn wrong_type() {
    case("wrong_type", &[("servers = 4", "servers = \"four\"")]);
}

#[test]
fn several_errors_are_reported_together() {
    case(
        "several_errors",
        &[
            ("servers = 4", "servers = 0"),
            ("time_limit = \"4h\"", "time_limit = \"4 hours\""),
            ("difficulty = \"intermediate\"", "difficulty = \"hard\""),
        ],
    );
    // Misspelt fields do not hide the rest: each is reported and the meaning still checked.
    case(
        "misspelt_fields_and_meaning",
        &[
            ("servers = 4", "servers = 4\nservres = 4"),
            (
                "time_limit = \"4h\"",
                "time_limt = \"4h\"\ntime_limit = \"4 hours\"",
            ),
            ("difficulty = \"intermediate\"", "difficulty = \"hard\""),
        ],
    );
}

#[test]
fn bad_times_and_durations() {
    case(
        "bad_times",
        &[
            ("at = \"14:35\"", "at = \"25:00\""),
            ("restart_time = \"90s\"", "restart_time = \"90\""),
        ],
    );
}

#[test]
fn unknown_action_and_host_in_the_reference() {
    case(
        "reference_action",
        &[
            (
                "action = \"restart_server\"",
                "action = \"restart_everything\"",
            ),
            (
                "target = \"app-1\"\nmilestone = \"config_detour\"",
                "target = \"app-7\"\nmilestone = \"config_detour\"",
            ),
        ],
    );
}

#[test]
fn reference_out_of_order() {
    case(
        "reference_order",
        &[(
            "at = \"15:00\"\naction = \"view_memory\"",
            "at = \"14:20\"\naction = \"view_memory\"",
        )],
    );
}

#[test]
fn fault_type_and_fields() {
    case("fault_fields", &[("type = \"memory_leak\"\nat = \"14:00\"\ntargets = \"all\"", "type = \"memory_leak\"\nat = \"14:00\"\nmultiplier = 2.0\ntargets = [\"app-1\", \"app-9\"]")]);
    case(
        "fault_type",
        &[("type = \"memory_leak\"", "type = \"memory_leek\"")],
    );
    case(
        "fault_missing_field",
        &[("leak_kb_per_request = 1.5\n", "")],
    );
    // Two faults of one id: a `cures` naming it could mean either.
    case(
        "fault_duplicate_id",
        &[(
            "type = \"memory_leak\"\nat = \"14:00\"",
            "type = \"traffic_surge\"\nid = \"rush\"\nat = \"14:10\"\nmultiplier = 2.0\nduration = \"5m\"\n\n[[faults]]\ntype = \"traffic_surge\"\nid = \"rush\"\nat = \"14:20\"\nmultiplier = 2.0\nduration = \"5m\"\n\n[[faults]]\ntype = \"memory_leak\"\nat = \"14:00\"",
        )],
    );
}

#[test]
fn hypotheses_need_exactly_one_correct() {
    case("hypotheses", &[("correct = true\n", "")]);
}

#[test]
fn alerts_and_milestones() {
    case(
        "alert_metric",
        &[(
            "metric = \"error_rate_pct\"\nabove = 5.0",
            "metric = \"error_pct\"\nabove = 5.0\nbelow = 1.0",
        )],
    );
    case(
        "milestone_trigger",
        &[
            (
                "when = \"alert:high_error_rate\"",
                "when = \"alert:page_me\"",
            ),
            ("when = \"restored\"", "when = \"fixed\""),
        ],
    );
}

#[test]
fn fleet_limits() {
    case(
        "fleet_limits",
        &[
            ("heap_baseline_mb = 350", "heap_baseline_mb = 4096"),
            ("sticky_share = 0.3", "sticky_share = 1.5"),
        ],
    );
}

#[test]
fn ids_sources_values_and_reference_entries() {
    case(
        "misc",
        &[
            ("id = \"ecommerce-memory-leak\"", "id = \"Ecommerce Leak\""),
            ("follows = \"004\"", "follows = \"999\""),
            ("noise = 0.03", "noise = -0.1"),
            ("id = \"high_latency\"", "id = \"high_error_rate\""),
            ("at = \"16:45\"", "at = \"19:30\""),
            ("action = \"diff_config\"\n", ""),
            ("action = \"restart_server\"\n", ""),
            ("source = \"000\"", "source = \"001\""),
        ],
    );
}

#[test]
fn injects_bad_times_kinds_fallbacks_and_empty_text() {
    case(
        "injects",
        &[
            ("at = \"14:38\"", "at = \"2:38pm\""),
            ("kind = \"customer\"", "kind = \"rumour\""),
            (
                "fallback = \"head_of_ecommerce\"",
                "fallback = \"head_of_sales\"",
            ),
            ("at = \"14:50\"", "at = \"19:50\""),
            ("text = \"We saw this", "text = \"\"\nnote = \"We saw this"),
            (
                "expected_action = \"page_developers\"",
                "expected_action = \"pray\"",
            ),
            (
                "fallback = \"heap_warning\"",
                "fallback = \"restart_advice\"",
            ),
            ("id = \"heap_warning\"", "id = \"support_tickets\""),
        ],
    );
}

#[test]
fn an_empty_file() {
    snapshot("empty_file", &errors_of(""));
}

fn actions_errors(text: &str) -> String {
    let s = library::builtin("ecommerce-memory-leak").unwrap();
    match script::parse_actions("actions.json", text, &s) {
        Ok(a) => panic!("accepted {a:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn actions_files() {
    snapshot(
        "actions_not_json",
        &actions_errors("[{\"at\": \"14:35\", \"action\": \"restart_all\"},\n {\"at\": 14:40}]"),
    );
    snapshot(
        "actions_bad_lines",
        &actions_errors("[\n  {\"at\": \"14:35\", \"action\": \"restart_all\"},\n  {\"at\": \"2pm\", \"action\": \"view_memory\"},\n  {\"at\": \"15:00\", \"action\": \"reboot\"},\n  {\"at\": \"19:00\", \"action\": \"top\", \"target\": \"app-1\"}\n]"),
    );
    snapshot(
        "actions_unknown_field",
        &actions_errors("[{\"at\": \"14:35\", \"action\": \"restart_all\", \"host\": \"app-1\"}]"),
    );
}

#[test]
fn actions_files_round_trip() {
    let s = library::builtin("ecommerce-memory-leak").unwrap();
    let actions = s.reference_actions();
    let json = script::to_json(&actions, &s);
    assert_eq!(script::parse_actions("a.json", &json, &s).unwrap(), actions);
}

#[test]
fn evidence_lessons_and_measures() {
    case(
        "evidence_and_learnings",
        &[
            (
                "evidence = [\"view_memory\", \"free\", \"heap_profile\"]",
                "evidence = [\"view_memory\", \"restart_all\", \"look_harder\"]",
            ),
            (
                "text = \"Regular code reviews with a focus on memory management.\"",
                "text = \"\"",
            ),
            (
                "source = \"000\"\n\n[[corrective_measures]]",
                "source = \"blog\"\n\n[[corrective_measures]]",
            ),
        ],
    );
    case(
        "evidence_empty",
        &[(
            "evidence = [\"view_memory\", \"free\", \"heap_profile\"]",
            "evidence = []",
        )],
    );
}

#[test]
fn the_correct_hypothesis_takes_its_faults_evidence_by_default() {
    let text = edited(&[(
        "evidence = [\"view_memory\", \"free\", \"heap_profile\"]\n",
        "",
    )]);
    let s = scenario::parse(FILE, &text).unwrap();
    assert_eq!(
        s.hypothesis_evidence[0],
        ["view_memory", "free", "heap_profile"]
    );
    assert!(s.hypothesis_evidence[1..].iter().all(Vec::is_empty));
    assert_eq!(s.lessons.len(), 4);
    assert_eq!(s.corrective_measures.len(), 5);
}

#[test]
fn dates_offsets_deploys_and_huge_durations() {
    case(
        "dates_and_durations",
        &[
            ("date = \"May 10\"", "date = \"the tenth of May\""),
            ("utc_offset = \"+01:00\"", "utc_offset = \"WAT\""),
            ("when = \"May 9 18:40\"", "when = \"yesterday evening\""),
            (
                "developers_response = \"13m\"",
                "developers_response = \"9999999999999999h\"",
            ),
        ],
    );
}

#[test]
fn a_deploy_during_the_run_is_not_history() {
    case(
        "deploy_after_start",
        &[("when = \"May 10 12:30\"", "when = \"May 10 15:30\"")],
    );
}

#[test]
fn a_time_before_the_start_names_the_start_and_does_not_cascade() {
    case(
        "before_the_start",
        &[(
            "at = \"14:35\"\naction = \"restart_server\"",
            "at = \"09:35\"\naction = \"restart_server\"",
        )],
    );
}

#[test]
fn a_bare_percentage_says_a_number_was_expected() {
    case(
        "bare_percentage",
        &[("outage_error_rate_pct = 5.0", "outage_error_rate_pct = 5%")],
    );
}

#[test]
fn host_names_listed_or_prefixed() {
    case(
        "host_names",
        &[(
            "servers = 4",
            "servers = 4\nhosts = [\"web-a\", \"web-a\", \"-bad\"]\nhost_prefix = \"/\"",
        )],
    );
}

#[test]
fn note_only_entries_urls_and_undelivered_alerts() {
    // A note with no action or milestone is an entry of its own (a customer report at 17:20).
    let text = edited(&[(
        "[[reference]]\nat = \"16:40\"",
        "[[reference]]\nat = \"16:39\"\nnote = \"Customers report the site works again.\"\nsource = \"000\"\n\n[[reference]]\nat = \"16:40\"",
    )]);
    let s = scenario::parse(FILE, &text).unwrap_or_else(|e| panic!("{e}"));
    assert!(s
        .reference
        .iter()
        .any(|r| r.action.is_none() && r.milestone.is_none()));
    // An alert that reaches nobody, and a source's address.
    let text = edited(&[
        (
            "severity = \"warning\"",
            "severity = \"warning\"\ndelivered = false",
        ),
        (
            "id = \"004\"",
            "id = \"004\"\nurl = \"https://example.org/postmortems/shop-outage\"",
        ),
    ]);
    let s = scenario::parse(FILE, &text).unwrap_or_else(|e| panic!("{e}"));
    assert!(!s.config.alerts[1].delivered && s.config.alerts[0].delivered);
    assert!(s.meta.sources[0].url.is_some());
    case(
        "notes_and_urls",
        &[
            ("id = \"004\"", "id = \"004\"\nurl = \"example dot org\""),
            (
                "at = \"14:42\"\naction = \"diff_config\"\nnote = \"The configuration detour: looking for a discrepancy that was not there.\"",
                "at = \"14:42\"\nnote = \"\"",
            ),
        ],
    );
}

#[test]
fn observed_traffic_stands_alone_and_in_order() {
    case(
        "observed_traffic",
        &[(
            "baseline_rps = 950",
            "baseline_rps = 950\nobserved = [{ at = \"14:30\", rps = 400 }, { at = \"14:10\", rps = 1000 }]",
        )],
    );
}

#[test]
fn custom_actions() {
    let actions = r#"
[[custom_actions]]
id = "restart_server"
title = "Restart, my way"
category = "remediation"
duration = "1m"
finding = "done"

[[custom_actions]]
id = "peek"
title = "Peek"
category = "observation"
target = "hypothesis"
duration = "soon"
finding = "what it shows"
cures = ["leak"]

[[custom_actions]]
id = "tune"
title = "Tune the pool"
category = "remediation"
duration = "2m"
finding = ""
cures = ["nothing-by-this-name"]
sets = { pool_size = 12.5, traffic_share = 2, heap_size = 3 }

[[actions]]
action = "tune"
duration = "5m"
"#;
    let mut text = edited(&[(
        "type = \"memory_leak\"",
        "type = \"memory_leak\"\nid = \"leak\"",
    )]);
    text.push_str(actions);
    snapshot("custom_actions", &errors_of(&text));
}

#[test]
fn latent_faults() {
    case(
        "latent_faults",
        &[
            (
                "at = \"14:00\"\ntargets = \"all\"",
                "since = \"May 11 09:00\"\ntargets = \"all\"\ndeploy = \"v9\"",
            ),
            (
                "[[alerts]]",
                "[[faults]]\ntype = \"disk_fill\"\nmb_per_s = 1\n\n[[alerts]]",
            ),
        ],
    );
}

#[test]
fn fault_schedules() {
    let faults = r#"
[[faults]]
type = "request_errors"
at = "14:10"
duration = "5m"
every = "5m"
for = "2m"
share = 0.1
endpoint = "GET /"

[[faults]]
type = "request_errors"
at = "14:10"
every = "5m"
for = "5m"
until = "14:05"
share = 0.1
endpoint = "GET /"

[[faults]]
type = "request_errors"
at = "14:10"
windows = [["14:30", "14:40"], ["14:35", "14:50"], ["15:10", "15:00"]]
share = 0.1
endpoint = "GET /"

[[faults]]
type = "dependency_slowdown"
at = "14:10"
for = "2m"
dependency = "database"
latency_multiplier = 3
duration = "0s"

[[faults]]
type = "traffic_surge"
at = "14:10"
multiplier = 2

[[alerts]]"#;
    case("fault_schedules", &[("\n[[alerts]]", faults)]);
}

#[test]
fn dependencies() {
    let deps = r#"
[[dependencies]]
name = "database"
kind = "queue"
host = "app-1"
latency_ms = 5
calls_per_request = 1
timeout_ms = 100

[[dependencies]]
name = "sessions"
kind = "cache"
latency_ms = 1
calls_per_request = 2
timeout_ms = 50
backend = "sessions"
pool_size = 4

[[dependencies]]
name = "search"
kind = "http"
latency_ms = 30
calls_per_request = 0.5
timeout_ms = 800
error_fraction = 1.5
"#;
    let mut text = edited(&[(
        "[[alerts]]",
        "[[faults]]\ntype = \"pool_exhaustion\"\nat = \"14:10\"\ndependency = \"search\"\npool_size = 2\nchange = \"x\"\n\n[[faults]]\ntype = \"dependency_slowdown\"\nat = \"14:10\"\ndependency = \"serach\"\nlatency_multiplier = 4\n\n[[alerts]]",
    )]);
    text = text.replacen("[payment]", &format!("{deps}\n[payment]"), 1);
    snapshot("dependencies", &errors_of(&text));
}

#[test]
fn variation() {
    let mut text = BUILTIN.to_string();
    text = text.replace(
        "[variation]\ntraffic = 0.1\nrate = 0.15",
        "[variation]\nonset = \"3h\"\ntraffic = 0.9\nrate = -0.1",
    );
    snapshot("variation", &errors_of(&text));
}

#[test]
fn a_time_zone_must_fit_its_offset_and_the_season() {
    // "EST" on a June date: New York keeps daylight time then.
    let text = edited(&[
        ("date = \"May 10\"", "date = \"2025-06-11\""),
        ("time_zone = \"WAT\"", "time_zone = \"EST\""),
        ("utc_offset = \"+01:00\"", "utc_offset = \"-05:00\""),
    ]);
    let e = errors_of(&text);
    assert!(
        e.contains("clock.time_zone") && e.contains("it is EDT, not EST"),
        "{e}"
    );
    // A known name with another zone's offset.
    let e = errors_of(&edited(&[(
        "utc_offset = \"+01:00\"",
        "utc_offset = \"+02:00\"",
    )]));
    assert!(e.contains("WAT is UTC+01:00, not +02:00"), "{e}");
    // The right name for the season passes.
    let ok = edited(&[
        ("date = \"May 10\"", "date = \"2025-06-11\""),
        ("time_zone = \"WAT\"", "time_zone = \"EDT\""),
        ("utc_offset = \"+01:00\"", "utc_offset = \"-04:00\""),
    ]);
    scenario::parse(FILE, &ok).unwrap_or_else(|e| panic!("{e}"));
}

/// A write-up's tail ("all services normal at 18:40") may follow the run as a note, for some
/// hours; an action or milestone after the end, or a note the next morning, is outside the run.
#[test]
fn reference_notes_may_follow_the_run() {
    let entry = |at: &str, extra: &str| {
        format!("\n[[reference]]\nat = \"{at}\"\n{extra}note = \"Later.\"\nsource = \"000\"\n")
    };
    let text = format!("{BUILTIN}{}", entry("18:40", ""));
    let parsed = scenario::parse(FILE, &text);
    assert!(parsed.is_ok(), "{:?}", parsed.err().map(|e| e.to_string()));
    let late_action = format!("{text}{}", entry("18:50", "action = \"restart_all\"\n"));
    let errors = errors_of(&late_action);
    assert!(
        errors.contains("18:50 is outside the run, which goes from 14:00 to 18:00\n"),
        "{errors}"
    );
    let next_morning = format!("{text}{}", entry("09:00", ""));
    let errors = errors_of(&next_morning);
    assert!(
        errors.contains("09:00 is outside the run, which goes from 14:00 to 18:00; a note may follow it until 00:00"),
        "{errors}"
    );
}

#[test]
fn the_work_a_scenario_asks_for_is_bounded_as_a_whole() {
    // Each field in range, the product too much for a browser tab.
    case(
        "too_big",
        &[
            ("servers = 4", "servers = 10000"),
            ("time_limit = \"4h\"", "time_limit = \"24h\""),
            ("baseline_rps = 950", "baseline_rps = 1e300"),
        ],
    );
    case(
        "too_many_samples",
        &[
            ("servers = 4", "servers = 1000"),
            ("time_limit = \"4h\"", "time_limit = \"24h\""),
            ("scrape_interval = \"10s\"", "scrape_interval = \"1s\""),
        ],
    );
    // The wide run the benchmark plays is within the bounds.
    let wide = edited(&[
        ("servers = 4", "servers = 1000"),
        ("time_limit = \"4h\"", "time_limit = \"24h\""),
    ]);
    assert!(scenario::parse(FILE, &wide).is_ok());
}
