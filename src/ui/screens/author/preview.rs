//! The preview: the do-nothing run beside the real team's path, charted once the file is valid,
//! marked out of date while it is not.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::chart::{DARK, LIGHT};
use crate::ui::components::canvas::ChartCanvas;
use crate::ui::desk::{Check, Desk};
use crate::ui::view::author::{stale_note, Preview, RunPreview};
use crate::ui::view::charts::{spec, ChartInput, ChartKind};

pub fn preview_section(desk: &Desk, dark: bool) -> Html {
    let Some(p) = desk.preview.clone() else {
        return html! {
            <section class="preview" aria-label="Preview"><h2>{ "Preview" }</h2>
                <p class="meta">{ "The preview appears once the file is valid." }</p></section>
        };
    };
    let chart = |label: &'static str, which: fn(&Preview) -> &RunPreview, reference: bool| {
        let p = Rc::clone(&p);
        let run = which(&p.1);
        let figures = run.figures();
        let draw = Callback::from(move |(scale, width): (f64, f64)| {
            let (s, preview) = (&p.0, &p.1);
            let actions = if reference {
                s.reference_actions()
            } else {
                Vec::new()
            };
            let trace = &which(preview).trace;
            let input = ChartInput {
                scenario: s,
                trace,
                actions: &actions,
                now: trace.ticks,
                palette: if dark { DARK } else { LIGHT },
                scale,
                max_points: (width as usize / 2).clamp(100, 600),
            };
            let mut spec = spec(&input, ChartKind::Errors);
            spec.title = format!("{label}: errors and p95");
            // At this size the actions' names would overprint: their lines are enough.
            spec.marks.iter_mut().for_each(|m| m.label.clear());
            Some(spec)
        });
        html! {
            <figure class="chart-panel preview-chart">
                <ChartCanvas version={desk.generation ^ (u64::from(dark) << 63)} {draw} label={label} />
                <figcaption>{ format!("{label}: {figures}") }</figcaption>
            </figure>
        }
    };
    let stale = desk.check == Check::Invalid;
    html! {
        <section class={classes!("preview", stale.then_some("stale"))} aria-label="Preview">
            <h2>{ "Preview" }if stale { <span class="stale-badge">{ "Out of date" }</span> }</h2>
            if stale {
                <p class="stale-note" role="status">{ stale_note(desk.valid_at.as_deref(), &desk.diagnostics) }</p>
            }
            <div class="preview-charts">
                { chart("Doing nothing", |p| &p.idle, false) }
                { chart("The real team's path", |p| &p.reference, true) }
            </div>
        </section>
    }
}
