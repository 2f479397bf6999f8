//! The replay's timeline: the clock, the speeds, a scrubber to any minute (a range input, so the
//! keyboard moves it too) and the run's actions, findings and injects, each a jump to its time.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::clock::speed_buttons;
use crate::ui::state::Speed;
use crate::ui::view::replay::{last_minute, tick_of_minute, Mark};

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub tick: u32,
    pub end: u32,
    pub speed: Speed,
    /// The time shown, large ("15:02 WAT").
    pub clock: AttrValue,
    /// The scrubber's place in words ("15:02 WAT, minute 62 of 160").
    pub label: AttrValue,
    pub marks: Vec<Mark>,
    pub on_seek: Callback<u32>,
    pub on_speed: Callback<Speed>,
}

#[component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let end = props.end;
    let on_seek = props.on_seek.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        let now = || {
            web_sys::window()
                .and_then(|w| w.performance())
                .map_or(0.0, |p| p.now())
        };
        let start = now();
        // The reducer rebuilds the session within the dispatch: this is the rebuild's time,
        // kept on the input for a test (or a curious person) to read.
        on_seek.emit(tick_of_minute(input.value().parse().unwrap_or(0), end));
        let _ = input.set_attribute("data-rebuild-ms", &format!("{:.2}", now() - start));
    });
    let last = last_minute(end).max(1);
    // Pins drawn in a 1000-wide box stretched over the scrubber (no inline styles: the page's
    // policy allows none).
    let pins = props.marks.iter().map(|m| {
        let x = 1000.0 * f64::from(m.tick) / f64::from(end.max(1));
        html! { <rect class={classes!("pin", m.kind.word().to_lowercase())} x={format!("{x:.1}")} y="0" width="4" height="10" /> }
    });
    let marks = props.marks.iter().map(|m| {
        let (seek, tick) = (props.on_seek.clone(), m.tick);
        let state = if m.tick <= props.tick { "passed" } else { "ahead" };
        html! {
            <li class={classes!("mark", state, m.kind.word().to_lowercase())}>
                <button type="button" class="quiet" onclick={Callback::from(move |_| seek.emit(tick))}>
                    <span class="when">{ m.clock.clone() }</span>
                    <span class="kind">{ m.kind.word() }</span>
                    <span class="what">{ m.text.clone() }</span>
                </button>
            </li>
        }
    });
    html! {
        <section class="timeline" aria-label="Timeline">
            <div class="timeline-head">
                <span class="now" role="timer" aria-live="off">{ props.clock.clone() }</span>
                <div class="speeds" role="group" aria-label="Speed (Space pauses, keys 1-4)">
                    { speed_buttons(props.speed, &props.on_speed) }
                </div>
            </div>
            <div class="scrub">
                <label for="scrub">{ "Replay time: " }<output for="scrub">{ props.label.clone() }</output></label>
                <svg class="pins" viewBox="0 0 1000 10" preserveAspectRatio="none" aria-hidden="true">{ for pins }</svg>
                <input id="scrub" type="range" min="0" max={last.to_string()} step="1"
                    value={(props.tick / 60).to_string()} aria-valuetext={props.label.clone()} {oninput} />
            </div>
            <h2 class="marks-h">{ "What happened, when (pick one to go there)" }</h2>
            <ol class="marks">{ for marks }</ol>
        </section>
    }
}
