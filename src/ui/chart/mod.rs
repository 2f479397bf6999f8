//! Charts as pure drawing functions over any plotters backend: the browser draws them on a canvas,
//! tests draw them to SVG.

mod draw;
#[cfg(test)]
mod tests;

use plotters::prelude::RGBColor;

pub use draw::draw;

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
