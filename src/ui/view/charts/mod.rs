//! The console's four charts as specs (pure data), and a sentence for each that says what it
//! shows, for people who cannot see it.

mod marks;
mod summary;
#[cfg(test)]
mod tests;

pub use marks::{actions_summary, marks};
pub use summary::summary;

use marks::MARK_GAP_PARTS;

use plotters::style::RGBColor;

use crate::scenario::Scenario;
use crate::sim::{Comparison, Metric, ScheduledAction, ServerMetric, Trace};
use crate::ui::chart::{decimate, ChartSpec, Line, Palette, Rule};

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

/// What differs between the charts: their lines, limits and axes.
struct Series {
    lines: Vec<Line>,
    rules: Vec<Rule>,
    /// The left axis reaches at least this high.
    y_min_top: f32,
    right_axis: Option<(String, f32)>,
}

pub fn spec(input: &ChartInput, kind: ChartKind) -> ChartSpec {
    let cfg = &input.scenario.config;
    let gc = cfg.fleet.runtime.profile().gc_heap;
    let Series {
        mut lines,
        mut rules,
        y_min_top,
        right_axis,
    } = match kind {
        ChartKind::Errors => errors(input),
        ChartKind::Traffic => traffic(input),
        ChartKind::Heap => heap(input, gc),
        ChartKind::Cpu => cpu(input, gc),
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

/// The error rate, and the p95 latency dashed on the right axis.
fn errors(input: &ChartInput) -> Series {
    let mut p95 = fleet_line(input, Metric::LatencyMsP95, "p95 latency", BLUE, 0.001);
    p95.right = true;
    p95.dashed = true;
    let mut rules = alert_rules(input, Metric::ErrorRatePct, 1.0, false);
    rules.extend(alert_rules(input, Metric::LatencyMsP95, 0.001, true));
    Series {
        lines: vec![
            fleet_line(input, Metric::ErrorRatePct, "error rate", RED, 1.0),
            p95,
        ],
        rules,
        y_min_top: 10.0,
        right_axis: Some((
            "p95 (s)".to_string(),
            (input.scenario.config.slo.latency_ms_p95 / 1000.0) as f32,
        )),
    }
}

/// Requests per second, and the users affected on the right axis.
fn traffic(input: &ChartInput) -> Series {
    let mut affected = fleet_line(
        input,
        Metric::UsersAffectedPct,
        "users affected",
        PURPLE,
        1.0,
    );
    affected.right = true;
    Series {
        lines: vec![
            fleet_line(input, Metric::RequestsPerS, "requests/s", BLUE, 1.0),
            affected,
        ],
        rules: alert_rules(input, Metric::RequestsPerS, 1.0, false),
        y_min_top: 100.0,
        right_axis: Some(("affected (%)".to_string(), 100.0)),
    }
}

/// The heap (or memory) per server, under its limit.
fn heap(input: &ChartInput, gc: bool) -> Series {
    let fleet = &input.scenario.config.fleet;
    Series {
        lines: server_lines(input, ServerMetric::HeapUsedMb, "", false),
        rules: vec![Rule {
            label: match gc {
                true => format!("heap limit {:.0} MB", fleet.heap_max_mb),
                false => format!("memory limit {:.0} MB", fleet.heap_max_mb),
            },
            value: fleet.heap_max_mb as f32,
            color: RED,
            right: false,
        }],
        y_min_top: fleet.heap_max_mb as f32,
        right_axis: None,
    }
}

/// CPU per server, and the time in GC dashed when the runtime collects its heap.
fn cpu(input: &ChartInput, gc: bool) -> Series {
    let mut lines = server_lines(input, ServerMetric::CpuPct, "", false);
    if gc {
        lines.extend(server_lines(input, ServerMetric::GcPct, "", true));
    }
    Series {
        lines,
        rules: alert_rules(input, Metric::CpuPctMax, 1.0, false),
        y_min_top: 100.0,
        right_axis: None,
    }
}
