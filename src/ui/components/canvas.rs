//! A chart on a canvas: sized in device pixels so it stays sharp on high-DPI screens.

use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::ui::chart::{draw, ChartSpec};
use crate::ui::hooks::use_window_resizes;

#[derive(Properties, PartialEq)]
pub struct ChartCanvasProps {
    /// Changes whenever what the chart shows changes; the chart redraws then.
    pub version: u64,
    /// Called with (device pixel ratio, CSS width) to get what to draw.
    pub draw: Callback<(f64, f64), Option<ChartSpec>>,
    pub label: AttrValue,
}

/// Draws `spec` onto `canvas`, whose CSS size is kept and whose pixel size follows the ratio.
fn paint(canvas: &HtmlCanvasElement, spec: &ChartSpec) -> bool {
    let rect = canvas.get_bounding_client_rect();
    let ratio = spec.scale;
    canvas.set_width((rect.width() * ratio).round().max(1.0) as u32);
    canvas.set_height((rect.height() * ratio).round().max(1.0) as u32);
    let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else {
        return false;
    };
    draw(&backend.into_drawing_area(), spec).is_ok()
}

#[component]
pub fn ChartCanvas(props: &ChartCanvasProps) -> Html {
    let canvas_ref = use_node_ref();
    let drawn = use_state(|| false);
    let resizes = use_window_resizes();
    {
        let canvas_ref = canvas_ref.clone();
        let draw_spec = props.draw.clone();
        let drawn = drawn.clone();
        use_effect_with((props.version, resizes), move |_| {
            if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                let ratio = web_sys::window()
                    .map_or(1.0, |w| w.device_pixel_ratio())
                    .max(1.0);
                let width = canvas.get_bounding_client_rect().width();
                if let Some(spec) = draw_spec.emit((ratio, width)) {
                    drawn.set(paint(&canvas, &spec));
                }
            }
        });
    }
    html! {
        <canvas ref={canvas_ref} class="chart" role="img" aria-label={props.label.clone()}
            data-drawn={if *drawn { "true" } else { "false" }} />
    }
}
