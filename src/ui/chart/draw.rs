//! Drawing a [`ChartSpec`]: the axes and grid, then the actions' marks, the limits, the bands and
//! the lines, in that order (later ones paint over earlier ones), then the legend.

use plotters::chart::DualCoordChartContext;
use plotters::coord::combinators::{BindKeyPoints, WithKeyPoints};
use plotters::coord::types::{RangedCoordf32, RangedCoordu32};
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{time_ticks, ChartSpec, Palette};
use crate::sim::clock::hhmm;

type Coord = Cartesian2d<WithKeyPoints<RangedCoordu32>, RangedCoordf32>;
type Chart<'a, DB> = DualCoordChartContext<'a, DB, Coord, Coord>;
type Drawn<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Sizes and fonts at the chart's scale, and the two axes' tops.
struct Pen<'s> {
    spec: &'s ChartSpec,
    top: f32,
    right_top: f32,
    x_end: u32,
}

impl Pen<'_> {
    fn px(&self, value: f64) -> u32 {
        (value * self.spec.scale).round() as u32
    }

    fn font(&self, size: f64) -> TextStyle<'static> {
        ("sans-serif", size * self.spec.scale)
            .into_font()
            .color(&self.spec.palette.text)
    }

    fn thin(&self) -> u32 {
        self.px(1.0).max(1)
    }
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
pub fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, spec: &ChartSpec) -> Drawn<DB> {
    area.fill(&spec.palette.background)?;
    let pen = Pen {
        spec,
        top: axis_top(spec, false, spec.y_min_top),
        right_top: axis_top(spec, true, spec.right_axis.as_ref().map_or(1.0, |a| a.1)),
        x_end: spec.x_end.max(1),
    };
    let mut chart = axes(area, &pen)?;
    marks(&mut chart, &pen)?;
    rules(&mut chart, &pen)?;
    let mut entries = bands(&mut chart, spec)?;
    entries.extend(lines(&mut chart, &pen)?);
    // The future side of a live chart is empty: the legend, at the middle right, hides no data
    // there (and below the top, no limit line either).
    legend(
        &chart.plotting_area().strip_coord_spec(),
        &entries,
        &pen.font(11.0),
        spec.palette,
        &|v| pen.px(v),
    )?;
    area.present()
}

/// The frame, both axes and the grid.
fn axes<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    pen: &Pen,
) -> Result<Chart<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let (spec, pal) = (pen.spec, pen.spec.palette);
    // A time label ("14:30") needs about 60 CSS pixels.
    let max_labels = (f64::from(area.dim_in_pixel().0) / (60.0 * spec.scale)) as u32;
    let x_axis = || {
        (0u32..pen.x_end).with_key_points(time_ticks(spec.start_s_of_day, spec.x_end, max_labels))
    };
    let mut chart = ChartBuilder::on(area)
        .caption(&spec.title, pen.font(14.0))
        .margin(pen.px(8.0))
        .margin_right(pen.px(if spec.right_axis.is_some() { 4.0 } else { 20.0 }))
        .x_label_area_size(pen.px(24.0))
        .y_label_area_size(pen.px(46.0))
        .right_y_label_area_size(pen.px(if spec.right_axis.is_some() { 46.0 } else { 0.0 }))
        .build_cartesian_2d(x_axis(), 0f32..pen.top)?
        .set_secondary_coord(x_axis(), 0f32..pen.right_top);
    let start = spec.start_s_of_day;
    chart
        .configure_mesh()
        .y_labels(5)
        .x_label_formatter(&|t| hhmm(start, *t))
        .label_style(pen.font(11.0))
        .axis_style(pal.mark)
        .bold_line_style(pal.grid)
        .max_light_lines(0)
        .draw()?;
    if let Some((desc, _)) = &spec.right_axis {
        chart
            .configure_secondary_axes()
            .y_desc(desc.as_str())
            .y_labels(5)
            .label_style(pen.font(11.0))
            .axis_style(pal.mark)
            .draw()?;
    }
    Ok(chart)
}

/// The actions taken, each a line with its name, and the line of now.
fn marks<DB: DrawingBackend>(chart: &mut Chart<'_, DB>, pen: &Pen) -> Drawn<DB> {
    let (spec, top) = (pen.spec, pen.top);
    for mark in &spec.marks {
        let style = ShapeStyle::from(&spec.palette.mark.mix(0.55)).stroke_width(pen.thin());
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(mark.tick, 0.0), (mark.tick, top)],
            style,
        )))?;
        // Upright labels along the line, from the bottom: neighbours do not overwrite each other.
        chart.draw_series(std::iter::once(Text::new(
            mark.label.clone(),
            (mark.tick, top * 0.03),
            pen.font(10.0).transform(FontTransform::Rotate270),
        )))?;
    }
    if let Some(now) = spec.now {
        let style = ShapeStyle::from(&spec.palette.text.mix(0.35)).stroke_width(pen.thin());
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(now, 0.0), (now, top)],
            style,
        )))?;
    }
    Ok(())
}

/// The limits (alert thresholds, the SLO), dashed, with their labels.
fn rules<DB: DrawingBackend>(chart: &mut Chart<'_, DB>, pen: &Pen) -> Drawn<DB> {
    let x_end = pen.x_end;
    for rule in &pen.spec.rules {
        let style = ShapeStyle::from(&rule.color).stroke_width(pen.thin());
        let axis_top = if rule.right { pen.right_top } else { pen.top };
        let dash = DashedPathElement::new(
            vec![(0, rule.value), (x_end, rule.value)],
            pen.px(6.0),
            pen.px(4.0),
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
            pen.font(10.0).color(&rule.color),
        );
        if rule.right {
            chart.draw_secondary_series(std::iter::once(dash))?;
            chart.draw_secondary_series(std::iter::once(label))?;
        } else {
            chart.draw_series(std::iter::once(dash))?;
            chart.draw_series(std::iter::once(label))?;
        }
    }
    Ok(())
}

/// The bands (a range between two values), returning their legend entries.
fn bands<'s, DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    spec: &'s ChartSpec,
) -> Result<Vec<(&'s str, Swatch)>, DrawingAreaErrorKind<DB::ErrorType>> {
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
    Ok(entries)
}

/// The lines, solid or dashed, on either axis, returning their legend entries.
fn lines<'s, DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    pen: &Pen<'s>,
) -> Result<Vec<(&'s str, Swatch)>, DrawingAreaErrorKind<DB::ErrorType>> {
    let mut entries = Vec::new();
    for line in &pen.spec.lines {
        let style = ShapeStyle::from(&line.color).stroke_width(pen.px(1.5).max(1));
        // A value that is not a number would put NaN into the canvas path: leave it out.
        let points = line.points.iter().copied().filter(|p| p.1.is_finite());
        let (dash, gap) = (pen.px(5.0), pen.px(3.0));
        match (line.dashed, line.right) {
            (false, false) => chart.draw_series(LineSeries::new(points, style))?,
            (false, true) => chart.draw_secondary_series(LineSeries::new(points, style))?,
            (true, false) => chart.draw_series(DashedLineSeries::new(points, dash, gap, style))?,
            (true, true) => {
                chart.draw_secondary_series(DashedLineSeries::new(points, dash, gap, style))?
            }
        };
        if !line.label.is_empty() {
            entries.push((line.label.as_str(), Swatch::Line(line.color, line.dashed)));
        }
    }
    Ok(entries)
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
