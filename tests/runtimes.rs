//! The runtime a scenario names decides whether there is a garbage-collected heap and how the
//! diagnostics and logs read: a Python service leaks without GC time and is killed by the kernel;
//! a Node service's heap tool and errors are Node's; the seed incident still reads as a JVM shop.

mod common;

use incident_trainer::scenario::{self, library};
use incident_trainer::sim::logs;
use incident_trainer::sim::render::finding_text;
use incident_trainer::sim::{run_scripted, Action, ActionKind, EventKind, Metric, ScheduledAction};

const GC_FIELDS: &str = "alloc_kb_per_request = 150       # short-lived garbage per request: JSON, templates, ORM objects
gc_trigger_fraction = 0.5        # a collection when garbage fills half the free heap
gc_pause_base_ms = 15
gc_pause_ms_per_gb_live = 60     # G1 pauses grow with the live set it must mark
";

fn with(edits: &[(&str, &str)]) -> Result<scenario::Scenario, String> {
    common::edited_builtin(edits)
}

fn findings_of(
    loaded: &scenario::Scenario,
    plan: &[(u32, Action)],
) -> (String, incident_trainer::sim::Trace) {
    let actions: Vec<ScheduledAction> = plan
        .iter()
        .map(|(tick, action)| ScheduledAction {
            tick: *tick,
            action: action.clone(),
        })
        .collect();
    let (trace, refused) = run_scripted(loaded.config.clone(), loaded.seed, &actions);
    assert!(refused.is_empty(), "{refused:?}");
    let text = trace
        .findings
        .iter()
        .map(|f| finding_text(f, &trace, loaded.clock.start_s_of_day))
        .collect::<Vec<_>>()
        .join("\n");
    (text, trace)
}

fn probe() -> Vec<(u32, Action)> {
    vec![
        (60, Action::on(ActionKind::Top, "app-1")),
        (120, Action::on(ActionKind::HeapProfile, "app-2")),
        (600, Action::on(ActionKind::CheckConfig, "app-1")),
        (2400, Action::new(ActionKind::ViewMemory)),
    ]
}

#[test]
fn a_service_without_a_collected_heap_has_no_gc_and_dies_by_the_kernel() {
    let s = with(&[
        ("servers = 4", "servers = 4\nruntime = \"python\"\nservice = \"feed-api\"\nlog_lines = [\"INFO GET /feed 200 31ms\", \"DEBUG cache hit ratio 0.93\"]"),
        (GC_FIELDS, ""),
    ])
    .unwrap();
    let (text, trace) = findings_of(&s, &probe());
    // No collector: no GC time anywhere in the run, and the leak still ends in OOM kills.
    let gc = trace.series.fleet(Metric::GcOverheadPctMax);
    assert!(gc.iter().all(|v| *v == 0.0), "GC time without a collector");
    let kills = trace
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::OomKilled { .. }))
        .count();
    assert!(kills >= 1, "the leak still fills memory");
    assert!(text.contains("gunicorn"), "{text}");
    assert!(!text.contains("java") && !text.contains("GC)"), "{text}");
    assert!(text.contains("tracemalloc top on app-2"), "{text}");
    assert!(text.contains("memory.max (cgroup)"), "{text}");
    assert!(text.contains("mem MB"), "{text}");
    // The logs: the kernel's kill, no runtime error line, the service's own chatter.
    let kill = trace
        .events
        .first(|k| matches!(k, EventKind::OomKilled { .. }))
        .unwrap()
        .tick;
    let lines: Vec<String> = logs::render(&trace, kill.saturating_sub(300), kill, None)
        .iter()
        .map(|l| l.format(s.clock.start_s_of_day))
        .collect();
    let all = lines.join("\n");
    let server = trace
        .events
        .iter()
        .find_map(|e| match e.kind {
            EventKind::OomKilled { server, .. } => Some(server),
            _ => None,
        })
        .unwrap();
    let pid = logs::pid_at(&trace, server, kill);
    assert!(
        all.contains(&format!("Killed process {pid} (gunicorn)")),
        "{all}"
    );
    assert!(all.contains("feed-api.service"), "{all}");
    assert!(all.contains("GET /feed 200 31ms"), "{all}");
    assert!(
        !all.contains("OutOfMemoryError") && !all.contains("/api/products"),
        "{all}"
    );
}

/// The row of `top`'s process table whose command is `command`.
fn top_row<'a>(text: &'a str, command: &str) -> Option<&'a str> {
    text.lines().find(|l| {
        let mut fields = l.split_whitespace();
        fields.next().is_some_and(|pid| pid.parse::<u32>().is_ok())
            && fields.last() == Some(command)
    })
}

#[test]
fn a_node_service_reads_like_node() {
    let s = with(&[("servers = 4", "servers = 4\nruntime = \"node\"")]).unwrap();
    let (text, trace) = findings_of(&s, &probe());
    assert!(top_row(&text, "node").is_some(), "{text}");
    assert!(text.contains("heap snapshot summary of app-2"), "{text}");
    assert!(text.contains("--max-old-space-size = 2048m"), "{text}");
    let kill = trace
        .events
        .first(|k| matches!(k, EventKind::OomKilled { .. }))
        .unwrap()
        .tick;
    let all: String = logs::render(&trace, kill, kill, None)
        .iter()
        .map(|l| l.format(s.clock.start_s_of_day) + "\n")
        .collect();
    assert!(all.contains("JavaScript heap out of memory"), "{all}");
}

#[test]
fn the_seed_incident_still_reads_as_a_jvm_shop() {
    let s = library::builtin("ecommerce-memory-leak").unwrap();
    let (text, _) = findings_of(&s, &probe());
    let row = top_row(&text, "java").unwrap_or_else(|| panic!("{text}"));
    assert_eq!(row.split_whitespace().nth(1), Some("shop"), "{row}");
    assert!(text.contains("heap histogram of app-2"), "{text}");
    assert!(text.contains("jvm.heap.max (-Xmx) = 2048m"), "{text}");
}

#[test]
fn collector_settings_are_refused_without_a_collector_and_unknown_runtimes_named() {
    let err = with(&[("servers = 4", "servers = 4\nruntime = \"python\"")]).unwrap_err();
    assert!(
        err.contains(
            "fleet.alloc_kb_per_request: the `python` runtime has no garbage-collected heap"
        ),
        "{err}"
    );
    let err = with(&[("servers = 4", "servers = 4\nruntime = \"erlang\"")]).unwrap_err();
    assert!(err.contains("unknown runtime `erlang`"), "{err}");
    assert!(
        err.contains("jvm, dotnet, node, python, ruby, go, native"),
        "{err}"
    );
    let err = with(&[("servers = 4", "servers = 4\nlog_lines = [\"GET /feed\"]")]).unwrap_err();
    assert!(err.contains("does not start with a level"), "{err}");
}
