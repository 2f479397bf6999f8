//! A chart on a canvas: sized in device pixels so it stays sharp on high-DPI screens.

use std::rc::Rc;

use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use super::chart::{draw, ChartSpec};

#[derive(Properties, PartialEq)]
pub struct ChartCanvasProps {
    /// Changes whenever what the chart shows changes; the chart redraws then.
    pub version: u64,
    pub draw: Callback<f64, Option<ChartSpec<'static>>>,
    pub test_id: AttrValue,
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

/// How many times the window has been resized.
#[derive(Default, PartialEq)]
struct Resizes(u32);

impl Reducible for Resizes {
    type Action = ();

    fn reduce(self: Rc<Self>, _: ()) -> Rc<Self> {
        Rc::new(Resizes(self.0.wrapping_add(1)))
    }
}

/// Counts window resizes, so charts can redraw at their new size. The listener goes with the
/// component.
#[hook]
fn use_window_resizes() -> u32 {
    let resizes = use_reducer(Resizes::default);
    {
        let dispatcher = resizes.dispatcher();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                gloo::events::EventListener::new(&window, "resize", move |_| {
                    dispatcher.dispatch(())
                })
            });
            move || drop(listener)
        });
    }
    resizes.0
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
                if let Some(spec) = draw_spec.emit(ratio) {
                    drawn.set(paint(&canvas, &spec));
                }
            }
        });
    }
    html! {
        <canvas ref={canvas_ref} class="chart" data-testid={props.test_id.clone()}
            data-drawn={if *drawn { "true" } else { "false" }} />
    }
}
