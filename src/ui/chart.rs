//! Charts as pure drawing functions over any plotters backend: the browser draws them on a canvas,
//! tests draw them to SVG.

use plotters::coord::combinators::BindKeyPoints;
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::sim::clock::hhmm;

/// One line on a chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Empty: no legend entry.
    pub label: String,
    pub color: RGBColor,
    pub dashed: bool,
    /// Drawn against the right-hand axis.
    pub right: bool,
    /// (tick, value) pairs.
    pub points: Vec<(u32, f32)>,
}

/// A horizontal rule: an alert threshold or a limit.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub label: String,
    pub value: f32,
    pub color: RGBColor,
    /// Against the right-hand axis.
    pub right: bool,
}

/// A moment on the time axis: an action the trainee took.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub tick: u32,
    pub label: String,
}

/// A shaded area between two curves on the left axis: (tick, low, high) per point.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    pub label: String,
    pub color: RGBColor,
    pub points: Vec<(u32, f32, f32)>,
}

/// Colours a chart is drawn in (light or dark theme).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    pub background: RGBColor,
    pub text: RGBColor,
    pub grid: RGBColor,
    pub mark: RGBColor,
}

pub const LIGHT: Palette = Palette {
    background: RGBColor(255, 255, 255),
    text: RGBColor(40, 44, 52),
    grid: RGBColor(232, 235, 240),
    mark: RGBColor(110, 110, 120),
};

pub const DARK: Palette = Palette {
    background: RGBColor(22, 26, 33),
    text: RGBColor(215, 220, 228),
    grid: RGBColor(45, 52, 62),
    mark: RGBColor(150, 155, 165),
};

/// What to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartSpec {
    pub title: String,
    pub start_s_of_day: u32,
    pub x_end: u32,
    /// The y axis goes from 0 to at least this.
    pub y_min_top: f32,
    /// A right-hand axis (its description and least top), for lines in another unit.
    pub right_axis: Option<(String, f32)>,
    pub lines: Vec<Line>,
    /// Shaded areas, drawn under the lines.
    pub bands: Vec<Band>,
    pub rules: Vec<Rule>,
    pub marks: Vec<Mark>,
    /// The current moment, drawn as a faint vertical line.
    pub now: Option<u32>,
    pub palette: Palette,
    /// Scale for fonts and strokes (the device pixel ratio in a browser).
    pub scale: f64,
}

/// Ticks on round wall-clock times: every 15, 30 or 60 minutes (or more), the finest that gives
/// at most `max_labels` labels (10 on a wide chart, fewer on a phone).
pub fn time_ticks(start_s_of_day: u32, end: u32, max_labels: u32) -> Vec<u32> {
    let max_labels = max_labels.clamp(2, 10);
    let step = [900u32, 1800, 3600, 7200, 14_400]
        .into_iter()
        .find(|step| end / step <= max_labels)
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

/// Smallest CSS box a chart is drawn into, in pixels.
pub const MIN_CHART_CSS_PX: f64 = 40.0;

/// The bitmap for a canvas of this CSS size at this pixel ratio; none while the box is smaller
/// than a chart can be (not laid out yet, or hidden). Drawing then would make a bitmap one pixel
/// wide that the stylesheet stretches across the box: its left column (the axis and its labels)
/// smeared into horizontal bands over the whole chart until the next redraw.
pub fn bitmap_size(css_width: f64, css_height: f64, ratio: f64) -> Option<(u32, u32)> {
    let ok = |v: f64| v.is_finite() && v >= MIN_CHART_CSS_PX;
    if !ok(css_width) || !ok(css_height) || !ratio.is_finite() || ratio <= 0.0 {
        return None;
    }
    Some((
        (css_width * ratio).round() as u32,
        (css_height * ratio).round() as u32,
    ))
}

/// The top of an axis: at least `least`, above every value, with a little headroom.
fn axis_top(spec: &ChartSpec, right: bool, least: f32) -> f32 {
    spec.lines
        .iter()
        .filter(|l| l.right == right)
        .flat_map(|l| l.points.iter().map(|p| p.1))
        .chain(
            spec.rules
                .iter()
                .filter(|r| r.right == right)
                .map(|r| r.value),
        )
        .filter(|v| v.is_finite())
        .fold(least, f32::max)
        * 1.08
}

/// Draws a time-series chart onto `area`.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |v: f64| (v * spec.scale).round() as u32;
    let pal = spec.palette;
    area.fill(&pal.background)?;
    let top = axis_top(spec, false, spec.y_min_top);
    let right_top = axis_top(spec, true, spec.right_axis.as_ref().map_or(1.0, |a| a.1));
    let font = |size: f64| {
        ("sans-serif", size * spec.scale)
            .into_font()
            .color(&pal.text)
    };
    let x_end = spec.x_end.max(1);
    // A time label ("14:30") needs about 60 CSS pixels.
    let max_labels = (f64::from(area.dim_in_pixel().0) / (60.0 * spec.scale)) as u32;
    let x_axis =
        || (0u32..x_end).with_key_points(time_ticks(spec.start_s_of_day, spec.x_end, max_labels));
    let mut chart = ChartBuilder::on(area)
        .caption(&spec.title, font(14.0))
        .margin(px(8.0))
        .margin_right(px(if spec.right_axis.is_some() { 4.0 } else { 20.0 }))
        .x_label_area_size(px(24.0))
        .y_label_area_size(px(46.0))
        .right_y_label_area_size(px(if spec.right_axis.is_some() { 46.0 } else { 0.0 }))
        .build_cartesian_2d(x_axis(), 0f32..top)?
        .set_secondary_coord(x_axis(), 0f32..right_top);
    let start = spec.start_s_of_day;
    chart
        .configure_mesh()
        .y_labels(5)
        .x_label_formatter(&|t| hhmm(start, *t))
        .label_style(font(11.0))
        .axis_style(pal.mark)
        .bold_line_style(pal.grid)
        .max_light_lines(0)
        .draw()?;
    if let Some((desc, _)) = &spec.right_axis {
        chart
            .configure_secondary_axes()
            .y_desc(desc.as_str())
            .y_labels(5)
            .label_style(font(11.0))
            .axis_style(pal.mark)
            .draw()?;
    }
    let thin = px(1.0).max(1);
    for mark in &spec.marks {
        let style = ShapeStyle::from(&pal.mark.mix(0.55)).stroke_width(thin);
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(mark.tick, 0.0), (mark.tick, top)],
            style,
        )))?;
        // Upright labels along the line, from the bottom: neighbours do not overwrite each other.
        chart.draw_series(std::iter::once(Text::new(
            mark.label.clone(),
            (mark.tick, top * 0.03),
            font(10.0).transform(FontTransform::Rotate270),
        )))?;
    }
    if let Some(now) = spec.now {
        let style = ShapeStyle::from(&pal.text.mix(0.35)).stroke_width(thin);
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(now, 0.0), (now, top)],
            style,
        )))?;
    }
    for rule in &spec.rules {
        let style = ShapeStyle::from(&rule.color).stroke_width(thin);
        let axis_top = if rule.right { right_top } else { top };
        let dash = DashedPathElement::new(
            vec![(0, rule.value), (x_end, rule.value)],
            px(6.0),
            px(4.0),
            style,
        );
        // Left-axis labels sit at the left, right-axis ones further along, so two thresholds
        // at the same height (50% errors, 1.5 s latency) do not overprint.
        let x = if rule.right {
            x_end / 5 * 3
        } else {
            x_end / 50
        };
        let label = Text::new(
            rule.label.clone(),
            (x, rule.value + axis_top * 0.015),
            font(10.0).color(&rule.color),
        );
        if rule.right {
            chart.draw_secondary_series(std::iter::once(dash))?;
            chart.draw_secondary_series(std::iter::once(label))?;
        } else {
            chart.draw_series(std::iter::once(dash))?;
            chart.draw_series(std::iter::once(label))?;
        }
    }
    let mut entries = Vec::new();
    for band in &spec.bands {
        let outline = band
            .points
            .iter()
            .map(|p| (p.0, p.2))
            .chain(band.points.iter().rev().map(|p| (p.0, p.1)));
        let fill = ShapeStyle::from(&band.color.mix(0.35)).filled();
        chart.draw_series(std::iter::once(Polygon::new(
            outline.collect::<Vec<_>>(),
            fill,
        )))?;
        if !band.label.is_empty() {
            entries.push((band.label.as_str(), Swatch::Fill(band.color)));
        }
    }
    for line in &spec.lines {
        let style = ShapeStyle::from(&line.color).stroke_width(px(1.5).max(1));
        // A value that is not a number would put NaN into the canvas path: leave it out.
        let points = line.points.iter().copied().filter(|p| p.1.is_finite());
        match (line.dashed, line.right) {
            (false, false) => chart.draw_series(LineSeries::new(points, style))?,
            (false, true) => chart.draw_secondary_series(LineSeries::new(points, style))?,
            (true, false) => {
                chart.draw_series(DashedLineSeries::new(points, px(5.0), px(3.0), style))?
            }
            (true, true) => chart.draw_secondary_series(DashedLineSeries::new(
                points,
                px(5.0),
                px(3.0),
                style,
            ))?,
        };
        if !line.label.is_empty() {
            entries.push((line.label.as_str(), Swatch::Line(line.color, line.dashed)));
        }
    }
    // The future side of a live chart is empty: the legend, at the middle right, hides no data
    // there (and below the top, no limit line either).
    legend(
        &chart.plotting_area().strip_coord_spec(),
        &entries,
        &font(11.0),
        pal,
        &px,
    )?;
    area.present()
}

/// What a legend entry shows beside its label.
enum Swatch {
    Line(RGBColor, bool),
    Fill(RGBColor),
}

/// The legend, drawn here rather than by plotters: plotters measures a legend's labels by adding
/// an element to the page and reading its size back, a forced page layout per label per redraw
/// (the console's longest tasks at 60x). Here the backend measures the labels: the page's canvas
/// with its own `measureText`, SVG (in tests) by estimate.
fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(&str, Swatch)],
    style: &TextStyle,
    pal: Palette,
    px: &dyn Fn(f64) -> u32,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    if entries.is_empty() {
        return Ok(());
    }
    let (margin, swatch, gap) = (px(5.0) as i32, px(16.0) as i32, px(6.0) as i32);
    let (mut text_w, mut text_h) = (0, 0);
    for (label, _) in entries {
        let (w, h) = area.estimate_text_size(label, style)?;
        text_w = text_w.max(w as i32);
        text_h = text_h.max(h as i32);
    }
    let row = text_h + px(3.0) as i32;
    let (w, h) = (
        margin * 2 + swatch + gap + text_w,
        margin * 2 + row * entries.len() as i32,
    );
    let (area_w, area_h) = area.dim_in_pixel();
    let (x0, y0) = (area_w as i32 - w - margin, (area_h as i32 - h) / 2);
    let frame = [(x0, y0), (x0 + w, y0 + h)];
    area.draw(&Rectangle::new(frame, pal.background.mix(0.85).filled()))?;
    area.draw(&Rectangle::new(frame, ShapeStyle::from(&pal.grid)))?;
    let text = style.pos(Pos::new(HPos::Left, VPos::Center));
    for (i, (label, kind)) in entries.iter().enumerate() {
        let mid = y0 + margin + row * i as i32 + row / 2;
        let left = x0 + margin;
        match *kind {
            Swatch::Fill(color) => area.draw(&Rectangle::new(
                [(left, mid - swatch / 3), (left + swatch, mid + swatch / 3)],
                color.mix(0.35).filled(),
            ))?,
            Swatch::Line(color, dashed) => {
                let stroke = ShapeStyle::from(&color).stroke_width(px(2.0).max(1));
                let ends = vec![(left, mid), (left + swatch, mid)];
                if dashed {
                    area.draw(&DashedPathElement::new(ends, px(5.0), px(3.0), stroke))?
                } else {
                    area.draw(&PathElement::new(ends, stroke))?
                }
            }
        }
        area.draw_text(label, &text, (left + swatch + gap, mid))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_canvas_not_laid_out_gets_no_bitmap() {
        use super::bitmap_size;
        assert_eq!(bitmap_size(600.0, 190.0, 2.0), Some((1200, 380)));
        // Before layout the box is 0 wide: drawing a 1-pixel-wide bitmap smeared into bands.
        assert_eq!(bitmap_size(0.0, 190.0, 1.0), None);
        assert_eq!(bitmap_size(600.0, 0.0, 1.0), None);
        assert_eq!(bitmap_size(f64::NAN, 190.0, 1.0), None);
        assert_eq!(bitmap_size(600.0, 190.0, f64::NAN), None);
    }

    use super::*;

    #[test]
    fn time_ticks_fall_on_round_times() {
        // A four-hour run from 14:00 gets half-hourly ticks from 14:00.
        assert_eq!(
            time_ticks(14 * 3600, 4 * 3600, 10),
            (0..=8).map(|i| i * 1800).collect::<Vec<_>>()
        );
        // A one-hour run from 14:10 gets quarter-hour ticks, the first at 14:15.
        assert_eq!(
            time_ticks(14 * 3600 + 600, 3600, 10),
            vec![300, 1200, 2100, 3000]
        );
        // On a phone-wide chart, hourly.
        assert_eq!(
            time_ticks(14 * 3600, 4 * 3600, 5),
            vec![0, 3600, 7200, 10_800, 14_400]
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
    fn values_that_are_not_numbers_never_reach_the_drawing() {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (640, 240)).into_drawing_area();
            let spec = ChartSpec {
                title: "Traffic".into(),
                start_s_of_day: 14 * 3600,
                x_end: 3600,
                y_min_top: 10.0,
                right_axis: None,
                lines: vec![Line {
                    label: "requests/s".into(),
                    color: BLUE,
                    dashed: false,
                    right: false,
                    points: vec![
                        (0, 5.0),
                        (600, f32::NAN),
                        (1200, f32::INFINITY),
                        (1800, 7.0),
                    ],
                }],
                bands: Vec::new(),
                rules: Vec::new(),
                marks: Vec::new(),
                now: Some(1800),
                palette: LIGHT,
                scale: 1.0,
            };
            draw(&area, &spec).unwrap();
        }
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
        assert!(
            svg.contains("<polyline"),
            "the finite points still make a line"
        );
    }

    #[test]
    fn draws_lines_and_labels_to_svg() {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (640, 240)).into_drawing_area();
            let spec = ChartSpec {
                title: "Error rate".into(),
                start_s_of_day: 14 * 3600,
                x_end: 3600,
                y_min_top: 10.0,
                right_axis: Some(("p95 (s)".into(), 2.0)),
                lines: vec![
                    Line {
                        label: "errors".into(),
                        color: RED,
                        dashed: false,
                        right: false,
                        points: vec![(0, 0.0), (1800, 50.0), (3600, 100.0)],
                    },
                    Line {
                        label: "p95".into(),
                        color: BLUE,
                        dashed: true,
                        right: true,
                        points: vec![(0, 0.1), (1800, 9.0), (3600, 10.0)],
                    },
                ],
                bands: vec![Band {
                    label: "gap".into(),
                    color: BLUE,
                    points: vec![(0, 0.0, 1.0), (1800, 10.0, 40.0), (3600, 20.0, 20.0)],
                }],
                rules: vec![Rule {
                    label: "page at 5%".into(),
                    value: 5.0,
                    color: RED,
                    right: false,
                }],
                marks: vec![Mark {
                    tick: 900,
                    label: "restart_all".into(),
                }],
                now: Some(2000),
                palette: LIGHT,
                scale: 1.0,
            };
            draw(&area, &spec).unwrap();
        }
        assert!(svg.contains("Error rate"));
        assert!(svg.contains("14:30"), "x labels are times of day");
        assert!(svg.contains("<polyline"), "the line is drawn");
        assert!(svg.contains("page at 5%"), "thresholds are labelled");
        assert!(svg.contains("restart_all"), "actions are marked");
        assert!(
            svg.contains("\nerrors\n") && svg.contains("\np95\n"),
            "the legend names the lines"
        );
        assert!(
            svg.contains("<polygon") && svg.contains("gap"),
            "the band is shaded and named"
        );
    }
}
