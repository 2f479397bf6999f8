//! Diagnostic output reads like the tool it imitates: numbers in the tool's layout, never a
//! sentence that names the cause.

mod common;

use common::*;
use incident_trainer::scenario::library;
use incident_trainer::sim::render::finding_text;
use incident_trainer::sim::*;

/// `top` on ny-web01 of the regex scenario once its worker spins, as the trainee would read it.
fn top_during_the_runaway() -> (String, Simulation) {
    let s = library::builtin("regex-health-check").expect("built in");
    let fault_at = s.config.faults[0].at_s;
    let actions = [scheduled(
        fault_at + 120,
        Action::on(ActionKind::Top, "ny-web01"),
    )];
    let (trace, refused) = run_scripted(s.config.clone(), s.seed, &actions);
    assert!(refused.is_empty(), "{refused:?}");
    let mut sim = Simulation::new(s.config.clone(), s.seed);
    while sim.tick() <= fault_at + 120 {
        sim.step();
    }
    let text = finding_text(&trace.findings[0], &trace, s.clock.start_s_of_day);
    (text, sim)
}

#[test]
fn top_shows_a_process_table_with_load_and_memory_lines() {
    let (text, sim) = top_during_the_runaway();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("load average: "), "{text}");
    for (i, start) in ["top - ", "Tasks: ", "%Cpu(s): ", "MiB Mem : ", "MiB Swap: "]
        .iter()
        .enumerate()
    {
        assert!(lines[i].starts_with(start), "line {i}: {text}");
    }
    let header = lines
        .iter()
        .position(|l| l.trim_start().starts_with("PID USER"))
        .expect("a process table");
    for column in ["PID", "USER", "RES", "%CPU", "%MEM", "COMMAND"] {
        assert!(lines[header].contains(column), "{}", lines[header]);
    }
    let rows = &lines[header + 1..];
    assert!(rows.len() >= 5, "{text}");
    // Each row starts with a process id; the service's own is the host's.
    for row in rows {
        let pid = row.split_whitespace().next().unwrap();
        assert!(pid.parse::<u32>().is_ok(), "{row}");
    }
    let pid = sim.fleet().servers[0].pid.to_string();
    assert!(
        rows.iter()
            .any(|r| r.split_whitespace().next() == Some(pid.as_str())),
        "no row for pid {pid}:\n{text}"
    );
    // The spinning worker is first, by CPU; the system's own processes are there too.
    assert!(rows[0].ends_with("w3wp.exe"), "{text}");
    assert!(rows.iter().any(|r| r.ends_with("sshd")), "{text}");
    assert!(
        !text.contains("backtracking") && !text.contains("(of which"),
        "{text}"
    );
}

#[test]
fn a_top_saved_before_process_ids_were_recorded_still_reads() {
    let old = r#"{"action":{"action":"top","target":"app-1"},"issued_at":10,"ready_at":40,"body":{"kind":"top","host":"app-1","load_1m":0.5,"cpu_pct":25.0,"app_cpu_pct":24.0,"gc_cpu_pct":1.0,"runaway":null,"mem_total_mb":8192.0,"mem_used_mb":3000.0}}"#;
    let finding: Finding = serde_json::from_str(old).expect("an old save loads");
    let trace = Trace::default();
    let text = finding_text(&finding, &trace, 0);
    assert!(text.contains(&format!(" {} ", logs::LEGACY_PID)), "{text}");
}

#[test]
fn an_empty_log_window_says_only_that_it_is_empty() {
    let mut cfg = quiet_config();
    cfg.fleet.auto_restart = false;
    cfg.fleet.initial_heap_live_mb = vec![cfg.fleet.heap_max_mb];
    let actions = [scheduled(1_500, Action::on(ActionKind::ReadLogs, "app-1"))];
    let (trace, _) = run_scripted(cfg, 1, &actions);
    let text = finding_text(&trace.findings[0], &trace, 0);
    assert_eq!(text.trim(), "-- No entries --");
}

#[test]
fn tables_stay_in_line_with_long_host_names() {
    let mut s = scenario();
    s.config.fleet.host_names.clear();
    s.config.fleet.host_prefix = "checkout-frontend-eu-west-".into();
    let actions = [
        scheduled(35 * 60, Action::new(ActionKind::ViewMemory)),
        scheduled(37 * 60, Action::new(ActionKind::CheckLoadBalancer)),
    ];
    let (trace, refused) = run_scripted(s.config.clone(), s.seed, &actions);
    assert!(refused.is_empty(), "{refused:?}");
    for f in &trace.findings {
        let text = finding_text(f, &trace, s.clock.start_s_of_day);
        let widths: Vec<usize> = text.lines().map(|l| l.chars().count()).collect();
        assert!(
            widths.windows(2).all(|w| w[0] == w[1]),
            "every line of the table as wide as the heading:\n{text}"
        );
        assert!(text.contains("checkout-frontend-eu-west-1 "), "{text}");
    }
}

/// A pool's push shows in the diff as its author wrote it, not as a line made up from the pool.
#[test]
fn a_pool_push_shows_in_the_diff_as_written() {
    let s = library::builtin("pool-config-push").expect("built in");
    let fault_at = s.config.faults[0].at_s;
    let actions = [scheduled(
        fault_at + 60,
        Action::new(ActionKind::DiffConfig),
    )];
    let (trace, refused) = run_scripted(s.config.clone(), s.seed, &actions);
    assert!(refused.is_empty(), "{refused:?}");
    let text = finding_text(&trace.findings[0], &trace, s.clock.start_s_of_day);
    assert!(
        text.contains(
            "+ db.pool.max_size 80 -> 16 (a staging value copied into production)    (pushed 10:12)"
        ),
        "{text}"
    );
    assert!(!text.contains("- db.pool.max_size = "), "{text}");
}
