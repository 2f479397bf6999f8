//! The debrief's race, as data: the two lanes of phase marks and the chart of both runs' errors,
//! with the gap in users affected shaded. Pure, so it is tested natively.

use plotters::style::RGBColor;

use crate::scenario::Scenario;
use crate::score::text::gained_words;
use crate::score::{Debrief, Phase};
use crate::sim::{Metric, Trace};
use crate::ui::chart::{decimate, Band, ChartSpec, Line, Palette};

/// One phase reached on a lane.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneMark {
    pub phase: Phase,
    /// Position along the time axis, 0 to 1.
    pub x: f64,
    /// Label row (0 nearest the lane), so neighbours do not overprint each other.
    pub row: u8,
    /// The label ends at the mark (it runs left): marks near the right edge.
    pub end_anchored: bool,
    pub label: String,
    /// The whole story, for a tooltip and screen readers.
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    pub who: &'static str,
    pub marks: Vec<LaneMark>,
}

/// How much of the axis one character of a label takes, at the narrowest lane that shows labels
/// (about 620 px; narrower screens hide them) and 11 px text, with a little air.
pub const LABEL_CHAR_WIDTH: f64 = 0.0105;
/// Marks this far right have their label run left, so it stays inside the lane.
pub const END_ANCHOR_FROM: f64 = 0.75;

/// The stretch of the afternoon the race shows, in ticks: from shortly before the outage to
/// shortly after the later of the two restores (the whole run when neither restored).
pub fn window(debrief: &Debrief, end: u32) -> (u32, u32) {
    let (you, real) = (&debrief.run.impact, &debrief.real_team.impact);
    let start = [you.outage_started_at, real.outage_started_at]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(0);
    let last_phase = debrief
        .phases
        .iter()
        .flat_map(|p| [&p.reached_at, &p.reference_at])
        .flatten()
        .map(|s| s.tick)
        .max()
        .unwrap_or(end);
    // A run that never came back is harm to the time limit: the race shows all of it.
    let to = match (you.restored_at, real.restored_at) {
        (None, _) | (_, None) => end,
        (Some(a), Some(b)) => a.max(b).max(last_phase) + 600,
    };
    (start.saturating_sub(600), to.min(end))
}

/// The real team's lane and the trainee's, over the axis `[from, to)` in ticks.
pub fn lanes(debrief: &Debrief, from: u32, to: u32) -> [Lane; 2] {
    let span = f64::from(to.saturating_sub(from).max(1));
    let x = |t: u32| (f64::from(t.saturating_sub(from)) / span).clamp(0.0, 1.0);
    let lane = |who: &'static str, you: bool| {
        let mut marks: Vec<LaneMark> = debrief
            .phases
            .iter()
            .filter_map(|p| {
                let at = if you { &p.reached_at } else { &p.reference_at };
                let at = at.as_ref()?;
                let detail = if you {
                    let vs = gained_words(p.minutes_gained);
                    let vs = if vs.is_empty() {
                        String::new()
                    } else {
                        format!(", {vs} than the real team")
                    };
                    format!("{} at {}{vs}", p.title, at.clock)
                } else {
                    format!("{} at {}", p.title, at.clock)
                };
                Some(LaneMark {
                    phase: p.phase,
                    x: x(at.tick),
                    row: 0,
                    end_anchored: x(at.tick) > END_ANCHOR_FROM,
                    label: format!("{} {}", p.title, at.clock),
                    detail,
                })
            })
            .collect();
        marks.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut marks = merge_close(marks);
        place_rows(&mut marks);
        Lane { who, marks }
    };
    [lane("Real team", false), lane("You", true)]
}

/// Phases reached in the same minute share one mark: "Detection, Diagnosis 14:31".
fn merge_close(marks: Vec<LaneMark>) -> Vec<LaneMark> {
    let mut out: Vec<LaneMark> = Vec::new();
    for m in marks {
        let (title, clock) = m.label.rsplit_once(' ').unwrap_or((&m.label, ""));
        match out.last_mut() {
            Some(last) if last.label.ends_with(clock) => {
                let (last_titles, _) = last.label.rsplit_once(' ').unwrap_or((&last.label, ""));
                last.label = format!("{last_titles}, {title} {clock}");
                last.detail = format!("{}; {}", last.detail, m.detail);
            }
            _ => out.push(m),
        }
    }
    out
}

/// Where a mark's label lies on the axis: right of the mark, or left of it when end-anchored.
pub fn label_span(mark: &LaneMark) -> (f64, f64) {
    let width = LABEL_CHAR_WIDTH * mark.label.chars().count() as f64;
    if mark.end_anchored {
        (mark.x - width, mark.x)
    } else {
        (mark.x, mark.x + width)
    }
}

/// Puts each label on the lowest row where it overlaps no other label, opening a new row when
/// none is free: labels never overprint, the lane grows instead.
fn place_rows(marks: &mut [LaneMark]) {
    let mut rows: Vec<Vec<(f64, f64)>> = Vec::new();
    for m in marks.iter_mut() {
        let (a, b) = label_span(m);
        let free = |row: &Vec<(f64, f64)>| row.iter().all(|(x, y)| b <= *x || a >= *y);
        let row = match rows.iter().position(free) {
            Some(r) => r,
            None => {
                rows.push(Vec::new());
                rows.len() - 1
            }
        };
        rows[row].push((a, b));
        m.row = row as u8;
    }
}

impl Lane {
    /// Label rows this lane needs.
    pub fn rows(&self) -> u8 {
        self.marks.iter().map(|m| m.row + 1).max().unwrap_or(1)
    }
}

const YOU: RGBColor = RGBColor(38, 139, 210);
const GHOST: RGBColor = RGBColor(128, 128, 138);
const BETTER: RGBColor = RGBColor(0, 158, 115);
const WORSE: RGBColor = RGBColor(220, 50, 47);

/// Both runs' error rates on one axis, and the gap between their users affected shaded: green
/// where fewer of your users met errors than the real team's, red where more.
pub fn race_spec(
    scenario: &Scenario,
    you: &Trace,
    ghost: &Trace,
    window: (u32, u32),
    palette: Palette,
    scale: f64,
    max_points: usize,
) -> ChartSpec {
    // The chart's time axis starts at the window: ticks are shifted to it.
    let (from, to) = window;
    let series = |t: &Trace, m: Metric| in_window(t, m, window);
    let line = |label: &str, color, dashed, points: Vec<(u32, f32)>| Line {
        label: label.into(),
        color,
        dashed,
        right: false,
        points: decimate(&points, max_points),
    };
    let (mine, theirs) = (
        series(you, Metric::UsersAffectedPct),
        series(ghost, Metric::UsersAffectedPct),
    );
    ChartSpec {
        title: "Error rate, you and the real team".into(),
        start_s_of_day: (scenario.config.start_s_of_day + from) % 86_400,
        x_end: to - from,
        y_min_top: 10.0,
        right_axis: None,
        lines: vec![
            line(
                "your errors %",
                YOU,
                false,
                series(you, Metric::ErrorRatePct),
            ),
            line(
                "real team's errors %",
                GHOST,
                true,
                series(ghost, Metric::ErrorRatePct),
            ),
        ],
        bands: gap_bands(&mine, &theirs, max_points),
        rules: Vec::new(),
        marks: Vec::new(),
        now: None,
        palette,
        scale,
    }
}

/// A fleet metric over the window, its ticks counted from the window's start.
fn in_window(trace: &Trace, metric: Metric, (from, to): (u32, u32)) -> Vec<(u32, f32)> {
    trace
        .series
        .ticks
        .iter()
        .zip(trace.series.fleet(metric))
        .filter(|(tick, _)| (from..=to).contains(*tick))
        .map(|(tick, v)| (tick - from, *v))
        .collect()
}

/// The gap between your users affected and the real team's: green below theirs, red above.
fn gap_bands(mine: &[(u32, f32)], theirs: &[(u32, f32)], max_points: usize) -> Vec<Band> {
    let step = mine.len().div_ceil(max_points.max(1)).max(1);
    let pairs = mine.iter().zip(theirs).step_by(step);
    let better = pairs
        .clone()
        .map(|(a, b)| (a.0, a.1.min(b.1), b.1))
        .collect();
    let worse = pairs.map(|(a, b)| (a.0, b.1, a.1.max(b.1))).collect();
    vec![
        Band {
            label: "fewer users affected".into(),
            color: BETTER,
            points: better,
        },
        Band {
            label: "more users affected".into(),
            color: WORSE,
            points: worse,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::library;
    use crate::scenario::script;
    use crate::score::Debrief;
    use crate::sim::run_scripted;
    use crate::ui::chart::LIGHT;

    const EXPERT: &str = include_str!("../../../tests/runs/expert.json");

    #[test]
    fn lanes_place_every_phase_reached_without_overprinting() {
        let s = library::builtin("ecommerce-memory-leak").unwrap();
        let actions = script::parse_actions("expert.json", EXPERT, &s).unwrap();
        let d = Debrief::compute(&s, s.seed, &actions);
        let (from, to) = window(&d, s.config.duration_s);
        assert_eq!(
            (s.hhmm(from), s.hhmm(to)),
            ("14:18".to_string(), "16:47".to_string())
        );
        // A run that never came back shows its harm to the time limit.
        let idle = Debrief::compute(&s, s.seed, &[]);
        assert_eq!(window(&idle, s.config.duration_s).1, s.config.duration_s);
        let [real, you] = lanes(&d, from, to);
        // The real team never declared a severity and reached mitigation and resolution at once.
        let labels = |l: &Lane| l.marks.iter().map(|m| m.label.clone()).collect::<Vec<_>>();
        assert_eq!(labels(&real).len(), 5, "{:?}", labels(&real));
        assert_eq!(
            labels(&you),
            [
                "Detection 14:30",
                "Diagnosis 14:31",
                "Mitigation 14:32",
                "Root cause 14:34",
                "Triage 14:35",
                "Escalation 14:46",
                "Resolution 14:54"
            ]
        );
        for lane in [&real, &you] {
            for row in 0..lane.rows() {
                // The spans the labels cover, wherever they are anchored, never overlap.
                let mut spans: Vec<(f64, f64)> = lane
                    .marks
                    .iter()
                    .filter(|m| m.row == row)
                    .map(label_span)
                    .collect();
                spans.sort_by(|a, b| a.0.total_cmp(&b.0));
                assert!(spans.windows(2).all(|w| w[0].1 <= w[1].0), "{spans:?}");
            }
        }
        // Labels near the right edge run left and still do not overprint their neighbours: the
        // real team's Escalation, Root cause, Mitigation and Resolution sit close at the end.
        assert!(real.marks.iter().any(|m| m.end_anchored));
        // Seven marks in 23 minutes: each label on a row of its own at worst, never overprinted.
        assert!(you.rows() <= 6, "{}", you.rows());
        let first = &you.marks[0];
        assert_eq!(
            first.detail,
            "Detection at 14:30, 5 min sooner than the real team"
        );
    }

    #[test]
    fn the_race_shades_the_gap_on_the_side_it_falls() {
        let s = library::builtin("ecommerce-memory-leak").unwrap();
        let actions = script::parse_actions("expert.json", EXPERT, &s).unwrap();
        let (you, _) = run_scripted(s.config.clone(), s.seed, &actions);
        let ghost = crate::score::ghost(&s, s.seed);
        let d = Debrief::compute(&s, s.seed, &actions);
        let spec = race_spec(
            &s,
            &you,
            &ghost,
            window(&d, s.config.duration_s),
            LIGHT,
            1.0,
            400,
        );
        assert!(spec.title.contains("real team"));
        let [better, worse] = [&spec.bands[0], &spec.bands[1]];
        // The expert was ahead all afternoon: a wide green band, next to no red.
        let area = |b: &Band| b.points.iter().map(|p| f64::from(p.2 - p.1)).sum::<f64>();
        assert!(
            area(better) > 10.0 * area(worse).max(1.0),
            "{} {}",
            area(better),
            area(worse)
        );
    }
}
