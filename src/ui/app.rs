//! The first screen: the built-in scenario's briefing and what happens if nobody acts.

use std::rc::Rc;

use plotters::style::RGBColor;
use yew::prelude::*;

use super::canvas::ChartCanvas;
use super::chart::{decimate, ChartSpec, Line};
use crate::scenario::{library, Scenario};
use crate::sim::render::thousands;
use crate::sim::{run_scripted, trace_hash, Metric, ServerMetric, Trace};

const SCENARIO_ID: &str = "ecommerce-memory-leak";
/// Points per line: about two per pixel of a wide chart.
const MAX_POINTS: usize = 1_600;
const SERVER_LABELS: [&str; 4] = ["app-1", "app-2", "app-3", "app-4"];
const SERVER_COLORS: [RGBColor; 4] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
];

struct DoNothingRun {
    scenario: Scenario,
    trace: Trace,
    hash: u64,
}

/// (tick, value) pairs of one series, decimated for drawing.
fn points(trace: &Trace, values: impl Iterator<Item = f32>) -> Vec<(u32, f32)> {
    let pairs: Vec<(u32, f32)> = trace.series.ticks.iter().copied().zip(values).collect();
    decimate(&pairs, MAX_POINTS)
}

#[component]
pub fn App() -> Html {
    let run = use_memo((), |_| {
        library::builtin(SCENARIO_ID).map(|scenario| {
            let (trace, _) = run_scripted(scenario.config.clone(), scenario.seed, &[]);
            let hash = trace_hash(&trace);
            DoNothingRun {
                scenario,
                trace,
                hash,
            }
        })
    });
    let Some(run) = run.as_ref() else {
        return html! { <main class="app"><p class="error">{ format!("The built-in scenario `{SCENARIO_ID}` is missing.") }</p></main> };
    };
    let s = &run.scenario;
    let data = Rc::new(ChartData::new(run));
    let impact_chart = chart_callback(Rc::clone(&data), false);
    let heap_chart = chart_callback(data, true);
    html! {
        <main class="app">
            <header class="masthead">
                <span class="product">{ "Incident trainer" }</span>
                <span class="meta">{ format!("{} · {} {} · {}", s.clock.date, s.hhmm(0), s.clock.time_zone, s.meta.difficulty.id()) }</span>
            </header>
            <section class="briefing">
                <h1 data-testid="scenario-title">{ &s.meta.title }</h1>
                <p class="summary">{ &s.meta.summary }</p>
                { for s.meta.briefing.split("\n\n").map(|p| html! { <p>{ p.trim() }</p> }) }
            </section>
            <section class="panel">
                <h2>{ "If nobody acts" }</h2>
                <p class="caption">{ impact_line(run) }</p>
                <ChartCanvas version={run.hash} draw={impact_chart} test_id="chart-impact" />
                <ChartCanvas version={run.hash} draw={heap_chart} test_id="chart-heap" />
            </section>
            <footer class="footer">
                <span>{ "trace " }<code data-testid="trace-hash">{ format!("{:016x}", run.hash) }</code></span>
                <span>{ format!("seed {}", s.seed) }</span>
            </footer>
        </main>
    }
}

/// The series the charts draw, decimated once.
struct ChartData {
    start_s_of_day: u32,
    end: u32,
    errors: Vec<(u32, f32)>,
    affected: Vec<(u32, f32)>,
    heaps: Vec<Vec<(u32, f32)>>,
}

impl ChartData {
    fn new(run: &DoNothingRun) -> ChartData {
        let t = &run.trace;
        ChartData {
            start_s_of_day: run.scenario.clock.start_s_of_day,
            end: run.scenario.config.duration_s,
            errors: points(t, t.series.fleet(Metric::ErrorRatePct).iter().copied()),
            affected: points(t, t.series.fleet(Metric::UsersAffectedPct).iter().copied()),
            heaps: (0..t.series.servers)
                .map(|s| {
                    decimate(
                        &t.series
                            .server(ServerMetric::HeapUsedMb, s)
                            .collect::<Vec<_>>(),
                        MAX_POINTS,
                    )
                })
                .collect(),
        }
    }
}

fn chart_callback(data: Rc<ChartData>, heap: bool) -> Callback<f64, Option<ChartSpec<'static>>> {
    Callback::from(move |scale: f64| {
        let lines = if heap {
            data.heaps
                .iter()
                .enumerate()
                .map(|(i, points)| Line {
                    label: SERVER_LABELS.get(i).copied().unwrap_or("app"),
                    color: SERVER_COLORS[i % SERVER_COLORS.len()],
                    points: points.clone(),
                })
                .collect()
        } else {
            vec![
                Line {
                    label: "error rate %",
                    color: RGBColor(214, 39, 40),
                    points: data.errors.clone(),
                },
                Line {
                    label: "users affected %",
                    color: RGBColor(31, 119, 180),
                    points: data.affected.clone(),
                },
            ]
        };
        Some(ChartSpec {
            title: if heap {
                "Heap used per server (MB)"
            } else {
                "Errors and users affected (%)"
            },
            start_s_of_day: data.start_s_of_day,
            x_end: data.end,
            y_min_top: if heap { 2048.0 } else { 100.0 },
            lines,
            scale,
        })
    })
}

fn impact_line(run: &DoNothingRun) -> String {
    let i = &run.trace.impact;
    let s = &run.scenario;
    let started = i
        .outage_started_at
        .map_or("no outage".into(), |t| format!("Outage from {}", s.hhmm(t)));
    let restored = i.restored_at.map_or("never restored".into(), |t| {
        format!("restored at {}", s.hhmm(t))
    });
    format!(
        "{started}; {:.0}% of users affected at the worst; {} orders lost ({} {}); {restored}.",
        i.peak_users_affected_pct,
        thousands(i.failed_orders),
        s.currency,
        thousands(i.revenue_lost)
    )
}
