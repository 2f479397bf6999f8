use super::*;
use crate::scenario::library;
use crate::sim::{run_scripted, Action, ActionKind};
use crate::ui::chart::{draw, LIGHT};
use plotters::prelude::*;

#[test]
fn close_marks_collapse_into_a_count_and_far_ones_keep_their_names() {
    let s = library::builtin("ecommerce-memory-leak").unwrap();
    let at = |tick, kind| ScheduledAction {
        tick,
        action: Action::new(kind),
    };
    let actions = [
        at(1800, ActionKind::ViewMemory),
        at(1860, ActionKind::PageDevelopers),
        at(1890, ActionKind::UpdateStatusPage),
        at(4000, ActionKind::RestartAll),
    ];
    let m = marks(&s, &actions, 360);
    let labels: Vec<&str> = m.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(labels, ["3 actions", "Restart all servers"]);
    assert_eq!(m[0].tick, 1800);
    let text = actions_summary(&s, &actions);
    assert!(
        text.contains("14:30 View memory per host; 14:31 Page the development team"),
        "{text}"
    );
}

#[test]
fn a_runtime_without_a_collected_heap_charts_memory_and_no_gc_and_big_fleets_have_no_legend() {
    let mut s = library::builtin("ecommerce-memory-leak").unwrap();
    s.config.fleet.runtime = crate::sim::Runtime::Python;
    let (trace, _) = run_scripted(s.config.clone(), s.seed, &[]);
    let input = ChartInput {
        scenario: &s,
        trace: &trace,
        actions: &[],
        now: 3_000,
        palette: LIGHT,
        scale: 1.0,
        max_points: 400,
    };
    let cpu = spec(&input, ChartKind::Cpu);
    assert_eq!(cpu.title, "CPU per server (%)");
    assert!(cpu.lines.iter().all(|l| !l.dashed), "no GC lines");
    let heap = spec(&input, ChartKind::Heap);
    assert_eq!(heap.title, "Memory used per server (MB)");
    assert!(heap.rules[0].label.starts_with("memory limit"));
    assert!(heap.lines.iter().any(|l| l.label == "app-1"));
    // Eleven servers: the summary names them, the legend would cover the plot.
    let big = library::builtin("regex-health-check").unwrap();
    let (trace, _) = run_scripted(big.config.clone(), big.seed, &[]);
    let input = ChartInput {
        scenario: &big,
        trace: &trace,
        ..input
    };
    assert!(spec(&input, ChartKind::Heap)
        .lines
        .iter()
        .all(|l| l.label.is_empty()));
}

#[test]
fn every_chart_draws_with_thresholds_marks_and_a_line_per_server() {
    let s = library::builtin("ecommerce-memory-leak").unwrap();
    let actions = vec![ScheduledAction {
        tick: 600,
        action: Action::new(ActionKind::ScaleOut),
    }];
    let (trace, _) = run_scripted(s.config.clone(), s.seed, &actions);
    let input = ChartInput {
        scenario: &s,
        trace: &trace,
        actions: &actions,
        now: 3_000,
        palette: LIGHT,
        scale: 1.0,
        max_points: 400,
    };
    for kind in ChartKind::ALL {
        let spec = spec(&input, kind);
        assert!(spec.lines.iter().all(|l| l.points.len() <= 400));
        assert_eq!(spec.marks.len(), 1);
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (600, 220)).into_drawing_area();
            draw(&area, &spec).unwrap();
        }
        assert!(
            svg.contains("Scale out by one server"),
            "{kind:?}: the action is marked as its button says"
        );
    }
    let heap = spec(&input, ChartKind::Heap);
    assert_eq!(
        heap.lines.len(),
        5,
        "the scaled-out server has its own line"
    );
    assert_eq!(heap.lines[4].label, "app-5");
    let errors = spec(&input, ChartKind::Errors);
    // A threshold says what it is to the person on call, in the metric's unit, not its id.
    let labels: Vec<&str> = errors.rules.iter().map(|r| r.label.as_str()).collect();
    assert!(labels.contains(&"page above 5%"), "{labels:?}");
    assert!(!labels.iter().any(|l| l.contains("high_error_rate")));
    assert!(summary(&s, &trace, ChartKind::Errors).starts_with("Error rate"));
    assert!(summary(&s, &trace, ChartKind::Heap).contains("app-5"));
}
