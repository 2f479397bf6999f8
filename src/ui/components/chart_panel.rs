//! One of the console's charts: drawn from the session when a scrape lands, with a sentence for
//! screen readers saying what it shows.

use yew::prelude::*;

use super::canvas::ChartCanvas;
use super::use_session;
use crate::ui::chart::{DARK, LIGHT};
use crate::ui::view::charts::{actions_summary, spec, summary, ChartInput, ChartKind};

#[derive(Properties, PartialEq)]
pub struct ChartPanelProps {
    pub kind: ChartKind,
    pub generation: u64,
    pub dark: bool,
}

#[component]
pub fn ChartPanel(props: &ChartPanelProps) -> Html {
    let shared = use_session();
    let kind = props.kind;
    let session = shared.clone();
    let dark = props.dark;
    let draw = Callback::from(move |(scale, width): (f64, f64)| {
        let s = session.get()?;
        let input = ChartInput {
            scenario: &s.scenario,
            trace: s.sim().trace(),
            actions: s.actions(),
            now: s.tick(),
            palette: if dark { DARK } else { LIGHT },
            scale,
            // A point every two CSS pixels: a line needs no more, and each point is a canvas call.
            max_points: (width as usize / 2).clamp(100, 800),
        };
        Some(spec(&input, kind))
    });
    let text = shared
        .get()
        .map(|s| {
            let now = summary(&s.scenario, s.sim().trace(), kind);
            // The marks collapse close actions; the first chart's summary names every one.
            match kind {
                ChartKind::Errors => now + &actions_summary(&s.scenario, s.actions()),
                _ => now,
            }
        })
        .unwrap_or_default();
    let gc = shared
        .get()
        .is_none_or(|s| s.scenario.config.fleet.runtime.profile().gc_heap);
    html! {
        <figure class={classes!("chart-panel", format!("chart-{}", kind.id()))}>
            <ChartCanvas version={props.generation ^ (u64::from(dark) << 63)} draw={draw} label={kind.title(gc)} />
            <figcaption class="chart-summary">{ text }</figcaption>
        </figure>
    }
}
