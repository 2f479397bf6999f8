//! The console's four charts as specs (pure data), and a sentence for each that says what it
//! shows, for people who cannot see it.

use plotters::style::RGBColor;

use super::format;
use crate::scenario::Scenario;
use crate::sim::{Comparison, Metric, ScheduledAction, ServerMetric, Trace};
use crate::ui::chart::{decimate, ChartSpec, Line, Mark, Palette, Rule};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    Errors,
    Traffic,
    Heap,
    Cpu,
}

impl ChartKind {
    pub const ALL: [ChartKind; 4] = [
        ChartKind::Errors,
        ChartKind::Traffic,
        ChartKind::Heap,
        ChartKind::Cpu,
    ];

    /// The title, for a runtime with a collected heap (`gc`) or without one.
    pub fn title(self, gc: bool) -> &'static str {
        match (self, gc) {
            (ChartKind::Errors, _) => "Errors (%) and p95 latency (s)",
            (ChartKind::Traffic, _) => "Traffic (requests/s) and users affected (%)",
            (ChartKind::Heap, true) => "Heap used per server (MB)",
            (ChartKind::Heap, false) => "Memory used per server (MB)",
            (ChartKind::Cpu, true) => "CPU (solid) and GC time (dashed) per server (%)",
            (ChartKind::Cpu, false) => "CPU per server (%)",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            ChartKind::Errors => "errors",
            ChartKind::Traffic => "traffic",
            ChartKind::Heap => "heap",
            ChartKind::Cpu => "cpu",
        }
    }
}

const RED: RGBColor = RGBColor(220, 50, 47);
const BLUE: RGBColor = RGBColor(38, 139, 210);
const AMBER: RGBColor = RGBColor(203, 140, 20);
const PURPLE: RGBColor = RGBColor(150, 100, 200);
/// Server colours, distinguishable for the common colour-vision deficiencies.
pub const SERVER_COLORS: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
    RGBColor(240, 228, 66),
    RGBColor(150, 150, 150),
];

/// What the charts are drawn from.
pub struct ChartInput<'a> {
    pub scenario: &'a Scenario,
    pub trace: &'a Trace,
    pub actions: &'a [ScheduledAction],
    pub now: u32,
    pub palette: Palette,
    pub scale: f64,
    /// Points per line (about two per CSS pixel of the chart's width).
    pub max_points: usize,
}

fn fleet_line(
    input: &ChartInput,
    metric: Metric,
    label: &str,
    color: RGBColor,
    scale: f32,
) -> Line {
    let s = &input.trace.series;
    let pairs: Vec<(u32, f32)> = s
        .ticks
        .iter()
        .copied()
        .zip(s.fleet(metric).iter().map(|v| v * scale))
        .collect();
    Line {
        label: label.into(),
        color,
        dashed: false,
        right: false,
        points: decimate(&pairs, input.max_points),
    }
}

/// Most servers a per-server chart names in its legend.
const MAX_LEGEND_SERVERS: usize = 6;

fn server_lines(input: &ChartInput, metric: ServerMetric, label: &str, dashed: bool) -> Vec<Line> {
    let s = &input.trace.series;
    (0..s.servers)
        .map(|server| {
            let pairs: Vec<(u32, f32)> = s.server(metric, server).collect();
            Line {
                label: if label.is_empty() {
                    String::new()
                } else {
                    format!("{}{label}", s.host(server))
                },
                color: SERVER_COLORS[server as usize % SERVER_COLORS.len()],
                dashed,
                right: false,
                points: decimate(&pairs, input.max_points),
            }
        })
        .collect()
}

/// The unit a metric's id ends with, as a label writes it.
fn unit_of(metric: Metric) -> &'static str {
    let id = metric.id();
    if id.ends_with("_pct") {
        "%"
    } else if id.ends_with("_ms") {
        " ms"
    } else if id.ends_with("_mb") {
        " MB"
    } else {
        ""
    }
}

/// Alert thresholds on `metric`, drawn as dashed rules.
fn alert_rules(input: &ChartInput, metric: Metric, scale: f32, right: bool) -> Vec<Rule> {
    input
        .scenario
        .config
        .alerts
        .iter()
        .filter(|a| a.metric == metric)
        .map(|a| Rule {
            // What the line means to the person on call: the alert's severity and its level in
            // the metric's own unit (its id is the author's name for it).
            label: format!(
                "{} {} {}{}",
                a.severity,
                if a.comparison == Comparison::Above {
                    "above"
                } else {
                    "below"
                },
                a.threshold,
                unit_of(metric)
            ),
            value: a.threshold as f32 * scale,
            color: if a.severity == "page" { RED } else { AMBER },
            right,
        })
        .collect()
}

pub fn spec(input: &ChartInput, kind: ChartKind) -> ChartSpec {
    let cfg = &input.scenario.config;
    let gc = cfg.fleet.runtime.profile().gc_heap;
    let (mut lines, mut rules, y_min_top, right_axis) = match kind {
        ChartKind::Errors => {
            let mut p95 = fleet_line(input, Metric::LatencyP95Ms, "p95 latency", BLUE, 0.001);
            p95.right = true;
            p95.dashed = true;
            let mut rules = alert_rules(input, Metric::ErrorRatePct, 1.0, false);
            rules.extend(alert_rules(input, Metric::LatencyP95Ms, 0.001, true));
            (
                vec![
                    fleet_line(input, Metric::ErrorRatePct, "error rate", RED, 1.0),
                    p95,
                ],
                rules,
                10.0,
                Some((
                    "p95 (s)".to_string(),
                    (cfg.slo.latency_p95_ms / 1000.0) as f32,
                )),
            )
        }
        ChartKind::Traffic => {
            let mut affected = fleet_line(
                input,
                Metric::UsersAffectedPct,
                "users affected",
                PURPLE,
                1.0,
            );
            affected.right = true;
            (
                vec![
                    fleet_line(input, Metric::RequestsPerS, "requests/s", BLUE, 1.0),
                    affected,
                ],
                alert_rules(input, Metric::RequestsPerS, 1.0, false),
                100.0,
                Some(("affected (%)".to_string(), 100.0)),
            )
        }
        ChartKind::Heap => (
            server_lines(input, ServerMetric::HeapUsedMb, "", false),
            vec![Rule {
                label: match gc {
                    true => format!("heap limit {:.0} MB", cfg.fleet.heap_max_mb),
                    false => format!("memory limit {:.0} MB", cfg.fleet.heap_max_mb),
                },
                value: cfg.fleet.heap_max_mb as f32,
                color: RED,
                right: false,
            }],
            cfg.fleet.heap_max_mb as f32,
            None,
        ),
        ChartKind::Cpu => {
            let mut lines = server_lines(input, ServerMetric::CpuPct, "", false);
            if gc {
                lines.extend(server_lines(input, ServerMetric::GcPct, "", true));
            }
            (
                lines,
                alert_rules(input, Metric::CpuPctMax, 1.0, false),
                100.0,
                None,
            )
        }
    };
    // One legend entry per server is enough (the title says which style is which); past a
    // legend's worth of servers the summary under the chart names them instead.
    let servers = input.trace.series.servers as usize;
    if matches!(kind, ChartKind::Heap | ChartKind::Cpu) && servers <= MAX_LEGEND_SERVERS {
        for (i, line) in lines
            .iter_mut()
            .enumerate()
            .take(input.trace.series.servers as usize)
        {
            line.label = input.trace.series.host(i as u32);
        }
    }
    rules.sort_by(|a, b| a.value.total_cmp(&b.value));
    ChartSpec {
        title: kind.title(gc).into(),
        start_s_of_day: cfg.start_s_of_day,
        x_end: cfg.duration_s,
        y_min_top,
        right_axis,
        lines,
        bands: Vec::new(),
        rules,
        marks: marks(
            input.scenario,
            input.actions,
            cfg.duration_s / MARK_GAP_PARTS,
        ),
        now: Some(input.now),
        palette: input.palette,
        scale: input.scale,
    }
}

/// Marks closer than this share of the time axis collapse into one ("3 actions").
const MARK_GAP_PARTS: u32 = 40;

/// What the trainee calls an action: the button's title, with its target (a host, a severity,
/// or the declared cause by its title).
pub fn action_title(scenario: &Scenario, action: &crate::sim::Action) -> String {
    let title = button_title(scenario, action);
    let cause = scenario.config.hypotheses.iter().find(|h| {
        action.kind == crate::sim::ActionKind::DeclareHypothesis
            && action.target.as_deref() == Some(&h.id)
    });
    match (cause, &action.target) {
        (Some(h), _) => format!("{title}: {}", h.title),
        (None, Some(t)) => format!("{title} ({t})"),
        (None, None) => title,
    }
}

/// The button's title alone.
fn button_title(scenario: &Scenario, action: &crate::sim::Action) -> String {
    scenario
        .config
        .info(action)
        .map_or_else(|| action.id().to_string(), |i| i.title.to_string())
}

/// A mark's label: short enough to stand along a chart's height (a cause's title is not).
fn mark_title(scenario: &Scenario, action: &crate::sim::Action) -> String {
    match action.kind {
        crate::sim::ActionKind::DeclareHypothesis => button_title(scenario, action),
        _ => action_title(scenario, action),
    }
}

/// The actions as marks on the time axis, named as the buttons are; actions within `gap_ticks`
/// of the previous one in a group join it, drawn once at the group's first with a count.
pub fn marks(scenario: &Scenario, actions: &[ScheduledAction], gap_ticks: u32) -> Vec<Mark> {
    let mut out: Vec<(Mark, u32, usize)> = Vec::new();
    for a in actions {
        match out.last_mut() {
            Some((mark, last, n)) if a.tick.saturating_sub(*last) < gap_ticks.max(1) => {
                *last = a.tick;
                *n += 1;
                mark.label = format!("{n} actions");
            }
            _ => out.push((
                Mark {
                    tick: a.tick,
                    label: mark_title(scenario, &a.action),
                },
                a.tick,
                1,
            )),
        }
    }
    out.into_iter().map(|(m, _, _)| m).collect()
}

/// The actions taken, for the chart's summary (the marks collapse close ones; this names all).
pub fn actions_summary(scenario: &Scenario, actions: &[ScheduledAction]) -> String {
    if actions.is_empty() {
        return String::new();
    }
    let items: Vec<String> = actions
        .iter()
        .map(|a| {
            format!(
                "{} {}",
                scenario.hhmm(a.tick),
                action_title(scenario, &a.action)
            )
        })
        .collect();
    format!(" Actions: {}.", items.join("; "))
}

/// A sentence that says what a chart shows now.
pub fn summary(scenario: &Scenario, trace: &Trace, kind: ChartKind) -> String {
    let s = &trace.series;
    let Some(last) = s.len().checked_sub(1) else {
        return "No data yet.".into();
    };
    let peak = |m: Metric| {
        s.fleet(m)
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(i, v)| (f64::from(*v), scenario.hhmm(s.ticks[i])))
            .unwrap_or((0.0, String::new()))
    };
    let now = |m: Metric| f64::from(s.fleet(m)[last]);
    match kind {
        ChartKind::Errors => {
            let (p, at) = peak(Metric::ErrorRatePct);
            format!(
                "Error rate {} now, peak {} at {at}; p95 latency {}.",
                format::pct(now(Metric::ErrorRatePct)),
                format::pct(p),
                format::ms(now(Metric::LatencyP95Ms))
            )
        }
        ChartKind::Traffic => format!(
            "{:.0} requests/s now; {} of active users met an error in the last few minutes.",
            now(Metric::RequestsPerS),
            format::pct(now(Metric::UsersAffectedPct))
        ),
        ChartKind::Heap | ChartKind::Cpu => {
            let metric = if kind == ChartKind::Heap {
                ServerMetric::HeapUsedMb
            } else {
                ServerMetric::CpuPct
            };
            let unit = if kind == ChartKind::Heap { " MB" } else { "%" };
            let parts: Vec<String> = (0..s.servers)
                .map(|server| {
                    let v = s.server_at(metric, server, last).unwrap_or(0.0);
                    format!("{} {v:.0}{unit}", s.host(server))
                })
                .collect();
            format!("Now: {}.", parts.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
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
}
