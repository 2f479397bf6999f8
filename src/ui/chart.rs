//! Charts as pure drawing functions over any plotters backend: the browser draws them on a canvas,
//! tests draw them to SVG.

use plotters::coord::combinators::BindKeyPoints;
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::sim::clock::hhmm;

/// One line on a chart.
pub struct Line<'a> {
    pub label: &'a str,
    pub color: RGBColor,
    /// (tick, value) pairs.
    pub points: Vec<(u32, f32)>,
}

/// What to draw.
pub struct ChartSpec<'a> {
    pub title: &'a str,
    pub start_s_of_day: u32,
    pub x_end: u32,
    /// The y axis goes from 0 to at least this.
    pub y_min_top: f32,
    pub lines: Vec<Line<'a>>,
    /// Scale for fonts and strokes (the device pixel ratio in a browser).
    pub scale: f64,
}

/// Ticks on round wall-clock times: every 15, 30 or 60 minutes, whichever gives 4 to 10 labels.
pub fn time_ticks(start_s_of_day: u32, end: u32) -> Vec<u32> {
    let step = [900u32, 1800, 3600, 7200, 14_400]
        .into_iter()
        .find(|step| end / step <= 10)
        .unwrap_or(14_400);
    let first = (step - start_s_of_day % step) % step;
    (0..)
        .map(|i| first + i * step)
        .take_while(|t| *t <= end)
        .collect()
}

/// Keeps at most `max_points` points, preserving each bucket's lowest and highest value so peaks
/// survive (about two points per pixel is enough for a line).
pub fn decimate(points: &[(u32, f32)], max_points: usize) -> Vec<(u32, f32)> {
    if points.len() <= max_points || max_points < 4 {
        return points.to_vec();
    }
    let buckets = max_points / 2;
    let per_bucket = points.len().div_ceil(buckets);
    let mut out = Vec::with_capacity(buckets * 2);
    for chunk in points.chunks(per_bucket) {
        let lo = chunk
            .iter()
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .expect("chunks are not empty");
        let hi = chunk
            .iter()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .expect("chunks are not empty");
        let (first, second) = if lo.0 <= hi.0 { (lo, hi) } else { (hi, lo) };
        out.push(*first);
        if second.0 != first.0 {
            out.push(*second);
        }
    }
    out
}

/// Draws a time-series chart onto `area`.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |v: f64| (v * spec.scale).round() as u32;
    area.fill(&WHITE)?;
    let top = spec
        .lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.1))
        .fold(spec.y_min_top, f32::max)
        * 1.05;
    let font = |size: f64| ("sans-serif", size * spec.scale).into_font();
    let mut chart = ChartBuilder::on(area)
        .caption(spec.title, font(15.0))
        .margin(px(10.0))
        .margin_right(px(24.0))
        .x_label_area_size(px(26.0))
        .y_label_area_size(px(46.0))
        .build_cartesian_2d(
            (0u32..spec.x_end.max(1)).with_key_points(time_ticks(spec.start_s_of_day, spec.x_end)),
            0f32..top,
        )?;
    let start = spec.start_s_of_day;
    chart
        .configure_mesh()
        .y_labels(6)
        .x_label_formatter(&|t| hhmm(start, *t))
        .label_style(font(11.0))
        .max_light_lines(1)
        .light_line_style(RGBColor(238, 240, 244))
        .draw()?;
    let swatch = px(16.0) as i32;
    for line in &spec.lines {
        let color = line.color;
        let style = ShapeStyle::from(&color).stroke_width(px(1.5).max(1));
        chart
            .draw_series(LineSeries::new(line.points.iter().copied(), style))?
            .label(line.label)
            .legend(move |(x, y)| {
                PathElement::new(
                    vec![(x, y), (x + swatch, y)],
                    ShapeStyle::from(&color).stroke_width(px(2.0)),
                )
            });
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .label_font(font(11.0))
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(200, 200, 200))
        .draw()?;
    area.present()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_ticks_fall_on_round_times() {
        // A four-hour run from 14:00 gets half-hourly ticks from 14:00.
        assert_eq!(
            time_ticks(14 * 3600, 4 * 3600),
            (0..=8).map(|i| i * 1800).collect::<Vec<_>>()
        );
        // A one-hour run from 14:10 gets quarter-hour ticks, the first at 14:15.
        assert_eq!(
            time_ticks(14 * 3600 + 600, 3600),
            vec![300, 1200, 2100, 3000]
        );
    }

    #[test]
    fn decimation_keeps_peaks_and_bounds_the_count() {
        let points: Vec<(u32, f32)> = (0..10_000)
            .map(|t| (t, if t == 5_001 { 99.0 } else { (t % 7) as f32 }))
            .collect();
        let out = decimate(&points, 400);
        assert!(out.len() <= 400, "{}", out.len());
        assert!(out.iter().any(|p| p.1 == 99.0));
        assert!(out.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn draws_lines_and_labels_to_svg() {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (640, 240)).into_drawing_area();
            let spec = ChartSpec {
                title: "Error rate",
                start_s_of_day: 14 * 3600,
                x_end: 3600,
                y_min_top: 10.0,
                lines: vec![Line {
                    label: "errors",
                    color: RED,
                    points: vec![(0, 0.0), (1800, 50.0), (3600, 100.0)],
                }],
                scale: 1.0,
            };
            draw(&area, &spec).unwrap();
        }
        assert!(svg.contains("Error rate"));
        assert!(svg.contains("14:30"), "x labels are times of day");
        assert!(svg.contains("<polyline"), "the line is drawn");
    }
}
