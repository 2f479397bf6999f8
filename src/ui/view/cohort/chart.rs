//! Everyone's error rate on one chart: a line per run in its own colour, the real team's dashed
//! in the text's colour (readable on either theme), a legend naming the trainees.

use plotters::style::RGBColor;

use crate::record::cohort::Cohort;
use crate::ui::chart::{decimate, ChartSpec, Line, Palette};
use crate::ui::view::charts::SERVER_COLORS;

/// The runs' colours: the colour-blind-safe set without its yellow (unreadable on white) and its
/// grey (the real team's look).
const RUN_COLORS: [usize; 6] = [0, 1, 2, 3, 4, 5];

/// The colour of the run at `index` in the order loaded.
pub fn run_color(index: usize) -> RGBColor {
    SERVER_COLORS[RUN_COLORS[index % RUN_COLORS.len()]]
}

/// The chart of every run's error rate over the real team's.
pub fn curves_spec(cohort: &Cohort, palette: Palette, scale: f64, max_points: usize) -> ChartSpec {
    let (start_s_of_day, x_end) = cohort.scenario().map_or((0, 3600), |s| {
        (s.config.start_s_of_day, s.config.duration_s)
    });
    let mut lines: Vec<Line> = cohort
        .rows
        .iter()
        .map(|row| Line {
            label: row.trainee.clone(),
            color: run_color(row.index),
            dashed: false,
            right: false,
            points: decimate(&row.curve, max_points),
        })
        .collect();
    lines.push(Line {
        label: "real team".into(),
        color: palette.text,
        dashed: true,
        right: false,
        points: decimate(&cohort.real_curve, max_points),
    });
    ChartSpec {
        title: "Requests failing per minute (%)".into(),
        start_s_of_day,
        x_end,
        y_min_top: 10.0,
        right_axis: None,
        lines,
        bands: Vec::new(),
        rules: Vec::new(),
        marks: Vec::new(),
        now: None,
        palette,
        scale,
    }
}

/// Minutes with more than this share of requests failing count as an outage minute.
const FAILING_PCT: f32 = 5.0;

/// What the chart shows, in words: each run's minutes with many requests failing beside the
/// real team's.
pub fn curves_summary(cohort: &Cohort) -> String {
    let failing = |curve: &[(u32, f32)]| curve.iter().filter(|p| p.1 > FAILING_PCT).count();
    let runs: Vec<String> = cohort
        .rows
        .iter()
        .map(|r| format!("{} {} min", r.trainee, failing(&r.curve)))
        .collect();
    format!(
        "Minutes with over {FAILING_PCT:.0}% of requests failing: the real team {} min; {}.",
        failing(&cohort.real_curve),
        runs.join("; ")
    )
}
