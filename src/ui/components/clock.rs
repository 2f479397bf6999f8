//! The clock: scenario local time, time since the page, and the speed controls.

use yew::prelude::*;

use crate::ui::state::Speed;

#[derive(Properties, PartialEq)]
pub struct ClockProps {
    pub time: AttrValue,
    pub seconds: AttrValue,
    pub since_page: AttrValue,
    pub speed: Speed,
    pub on_speed: Callback<Speed>,
    pub on_minute: Callback<()>,
    pub on_stop: Callback<()>,
}

#[component]
pub fn Clock(props: &ClockProps) -> Html {
    let speeds = Speed::ALL.iter().map(|s| {
        let s = *s;
        let on_speed = props.on_speed.clone();
        let key = match s {
            Speed::Paused => "1",
            Speed::X1 => "2",
            Speed::X10 => "3",
            Speed::X60 => "4",
        };
        html! {
            <button type="button" class="speed" aria-pressed={if props.speed == s { "true" } else { "false" }}
                title={format!("key {key}")} onclick={Callback::from(move |_| on_speed.emit(s))}>{ s.label() }</button>
        }
    });
    let on_minute = props.on_minute.reform(|_| ());
    let on_stop = props.on_stop.reform(|_| ());
    html! {
        <section class="clock" aria-label="Clock">
            <div class="time">
                <span class="now" role="timer" aria-live="off">{ props.time.clone() }</span>
                <span class="seconds">{ props.seconds.clone() }</span>
                <span class="since">{ props.since_page.clone() }</span>
            </div>
            <div class="speeds" role="group" aria-label="Speed (Space pauses, keys 1-4)">
                { for speeds }
                <button type="button" onclick={on_minute}>{ "Advance 1 minute" }</button>
                <button type="button" class="quiet" onclick={on_stop}>{ "End session" }</button>
            </div>
        </section>
    }
}
