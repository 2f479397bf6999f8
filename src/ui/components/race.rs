//! The ghost race: the real team's lane and the trainee's on one time axis, phases as labelled
//! marks, above a chart of both runs' error rates with the gap in users affected shaded.

use std::rc::Rc;

use yew::prelude::*;

use super::canvas::ChartCanvas;
use crate::scenario::Scenario;
use crate::ui::chart::{DARK, LIGHT};
use crate::ui::session::Finished;
use crate::ui::view::debrief::{lanes, race_spec, window, Lane};
use crate::ui::view::verdict::race_summary;

#[derive(Properties)]
pub struct RaceProps {
    pub scenario: Rc<Scenario>,
    pub finished: Rc<Finished>,
    pub dark: bool,
}

impl PartialEq for RaceProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.finished, &other.finished) && self.dark == other.dark
    }
}

const ROW_PX: u32 = 15;

/// One lane as SVG: x in percent of the plot's width (the lane sits exactly over the chart's
/// plotting area, see styles), y in CSS pixels.
fn lane_svg(lane: &Lane) -> Html {
    let rows = u32::from(lane.rows());
    let height = rows * ROW_PX + 18;
    let track = height - 8;
    let marks = lane.marks.iter().map(|m| {
        let x = format!("{:.2}%", m.x * 100.0);
        let label_y = track - 8 - u32::from(m.row) * ROW_PX;
        let anchor = if m.end_anchored { "end" } else { "start" };
        html! {
            <g class="lane-mark">
                <title>{ m.detail.clone() }</title>
                <line x1={x.clone()} x2={x.clone()} y1={(label_y + 3).to_string()} y2={track.to_string()} class="leader" />
                <circle cx={x.clone()} cy={track.to_string()} r="4" />
                <text x={x} y={label_y.to_string()} text-anchor={anchor}>{ m.label.clone() }</text>
            </g>
        }
    });
    html! {
        <div class={classes!("lane", if lane.who == "You" { "lane-you" } else { "lane-real" })}>
            <span class="lane-name">{ lane.who }</span>
            <svg class="lane-track" height={height.to_string()} role="img"
                aria-label={format!("{}: {}", lane.who, lane.marks.iter().map(|m| m.detail.clone()).collect::<Vec<_>>().join("; "))}>
                <line x1="0" x2="100%" y1={track.to_string()} y2={track.to_string()} class="axis" />
                { for marks }
            </svg>
        </div>
    }
}

#[component]
pub fn Race(props: &RaceProps) -> Html {
    let s = &props.scenario;
    let d = &props.finished.debrief;
    let span = window(d, s.config.duration_s);
    let [real, you] = lanes(d, span.0, span.1);
    let draw = {
        let (scenario, finished, dark) = (
            Rc::clone(&props.scenario),
            Rc::clone(&props.finished),
            props.dark,
        );
        Callback::from(move |(scale, width): (f64, f64)| {
            let palette = if dark { DARK } else { LIGHT };
            let max_points = (width as usize / 2).clamp(100, 800);
            Some(race_spec(
                &scenario,
                &finished.run,
                &finished.ghost,
                span,
                palette,
                scale,
                max_points,
            ))
        })
    };
    html! {
        <figure class="race">
            <div class="lanes">
                { lane_svg(&real) }
                { lane_svg(&you) }
            </div>
            <ChartCanvas version={u64::from(props.dark)} {draw} label="Error rate, you and the real team; the gap in users affected shaded" />
            <figcaption class="chart-summary">{ race_summary(s, d) }</figcaption>
        </figure>
    }
}
