//! A chart on a canvas: sized in device pixels so it stays sharp on high-DPI screens.

use plotters::prelude::IntoDrawingArea;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

use crate::ui::chart::{draw, ChartSpec};
use std::rc::Rc;

use crate::ui::hooks::{painter_id, queue_paint, use_window_resizes};

#[derive(Properties, PartialEq)]
pub struct ChartCanvasProps {
    /// Changes whenever what the chart shows changes; the chart redraws then.
    pub version: u64,
    /// Called with (device pixel ratio, CSS width) to get what to draw.
    pub draw: Callback<(f64, f64), Option<ChartSpec>>,
    pub label: AttrValue,
}

/// plotters-canvas with text measured by the canvas's own `measureText`. plotters' default
/// measures text by adding a styled `<span>` to the page, which the Content-Security-Policy
/// (rightly) blocks, and which forces a page layout for every label.
struct MeasuredCanvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
}

type Failure = DrawingErrorKind<<CanvasBackend as DrawingBackend>::ErrorType>;

impl DrawingBackend for MeasuredCanvas {
    type ErrorType = <CanvasBackend as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), Failure> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), Failure> {
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Failure> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Failure> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Failure> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Failure> {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), Failure> {
        self.inner.draw_text(text, style, pos)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), Failure> {
        let font = format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        );
        self.context.set_font(&font);
        let width = self.context.measure_text(text).map_or(0.0, |m| m.width());
        Ok((width.ceil() as u32, style.size().ceil() as u32))
    }
}

/// Draws `spec` onto `canvas`, whose CSS size is kept and whose pixel size follows the ratio.
/// A canvas not laid out yet is left alone (see [`crate::ui::chart::bitmap_size`]).
fn paint(canvas: &HtmlCanvasElement, spec: &ChartSpec) -> bool {
    let rect = canvas.get_bounding_client_rect();
    let Some((width, height)) =
        crate::ui::chart::bitmap_size(rect.width(), rect.height(), spec.scale)
    else {
        return false;
    };
    // Setting a canvas's size, even to the same, throws its bitmap away and allocates another:
    // only on a resize (the chart fills its background first anyway).
    if (canvas.width(), canvas.height()) != (width, height) {
        canvas.set_width(width);
        canvas.set_height(height);
    }
    let context = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok());
    let (Some(inner), Some(context)) = (CanvasBackend::with_canvas_object(canvas.clone()), context)
    else {
        return false;
    };
    draw(&MeasuredCanvas { inner, context }.into_drawing_area(), spec).is_ok()
}

#[component]
pub fn ChartCanvas(props: &ChartCanvasProps) -> Html {
    let canvas_ref = use_node_ref();
    let drawn = use_state_eq(|| false);
    let resizes = use_window_resizes();
    let id = *use_state(painter_id);
    {
        let canvas_ref = canvas_ref.clone();
        let draw_spec = props.draw.clone();
        let drawn = drawn.clone();
        use_effect_with((props.version, resizes), move |_| {
            queue_paint(
                id,
                Rc::new(move || {
                    let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() else {
                        return;
                    };
                    let ratio = web_sys::window()
                        .map_or(1.0, |w| w.device_pixel_ratio())
                        .max(1.0);
                    let width = canvas.get_bounding_client_rect().width();
                    if let Some(spec) = draw_spec.emit((ratio, width)) {
                        drawn.set(paint(&canvas, &spec));
                    }
                }),
            );
        });
    }
    html! {
        <canvas ref={canvas_ref} class="chart" role="img" aria-label={props.label.clone()}
            data-drawn={if *drawn { "true" } else { "false" }} />
    }
}
