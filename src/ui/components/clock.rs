//! The clock: scenario local time, how long since the on-call was paged, and the speed controls.

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
    /// Declares the incident resolved (after the trainee confirms).
    pub on_declare: Callback<()>,
    /// Why declaring is not possible now (busy), if it is not.
    pub declare_blocked: Option<AttrValue>,
    /// The facilitator paused the room: the speed controls and the endings wait for them.
    #[prop_or_default]
    pub held: bool,
    /// A word about the room's clock beside it (the facilitator's hold let go).
    #[prop_or_default]
    pub note: Option<AttrValue>,
}

/// Which ending the trainee is being asked to confirm.
#[derive(Clone, Copy, PartialEq)]
enum Confirm {
    Declare,
    Abandon,
}

#[component]
pub fn Clock(props: &ClockProps) -> Html {
    let on_minute = props.on_minute.reform(|_| ());
    // The question, and the speed the clock ran at when it was asked: the clock waits while the
    // trainee decides, and runs on as before if they keep playing.
    let confirm = use_state(|| None::<(Confirm, Speed)>);
    let ask = |what: Confirm| {
        let confirm = confirm.clone();
        let (speed, on_speed) = (props.speed, props.on_speed.clone());
        Callback::from(move |_| {
            if speed != Speed::Paused {
                on_speed.emit(Speed::Paused);
            }
            confirm.set(Some((what, speed)))
        })
    };
    let cancel = {
        let confirm = confirm.clone();
        let on_speed = props.on_speed.clone();
        Callback::from(move |_| {
            if let Some((_, speed)) = *confirm {
                if speed != Speed::Paused {
                    on_speed.emit(speed);
                }
            }
            confirm.set(None)
        })
    };
    let yes = {
        let confirm = confirm.clone();
        let (on_stop, on_declare) = (props.on_stop.clone(), props.on_declare.clone());
        Callback::from(move |_| {
            match *confirm {
                Some((Confirm::Declare, _)) => on_declare.emit(()),
                Some((Confirm::Abandon, _)) => on_stop.emit(()),
                None => {}
            }
            confirm.set(None)
        })
    };
    let dialog = (*confirm).map(|(what, _)| dialog(what, &yes, &cancel));
    html! {
        <section class="clock" aria-label="Clock">
            <div class="time">
                <span class="now" role="timer" aria-live="off">{ props.time.clone() }</span>
                <span class="seconds">{ props.seconds.clone() }</span>
                <span class="since">{ props.since_page.clone() }</span>
            </div>
            // While an ending is asked, the clock waits for the answer.
            <fieldset class="speeds" aria-label="Speed (Space pauses, keys 1-4)" disabled={props.held || confirm.is_some()}>
                { speed_buttons(props.speed, &props.on_speed) }
                <button type="button" onclick={on_minute}>{ "Advance 1 minute" }</button>
            </fieldset>
            if props.held {
                <p class="held" role="status">{ "The facilitator paused the room: only they can resume it. Actions and the endings wait until then." }</p>
            } else if let Some(note) = &props.note {
                <p class="held" role="status">{ note.clone() }</p>
            }
            <fieldset class="endings" aria-label="End the incident" disabled={props.held}>
                <button type="button" class="declare" onclick={ask(Confirm::Declare)}
                    disabled={props.declare_blocked.is_some()} title={props.declare_blocked.clone()}>{ "Declare resolved…" }</button>
                <button type="button" class="quiet" onclick={ask(Confirm::Abandon)}>{ "Abandon…" }</button>
            </fieldset>
            if !props.held { { for dialog } }
        </section>
    }
}

/// One button per speed, the one running pressed.
pub fn speed_buttons(speed: Speed, on_speed: &Callback<Speed>) -> Html {
    let buttons = Speed::ALL.iter().map(|s| {
        let s = *s;
        let on_speed = on_speed.clone();
        let key = match s {
            Speed::Paused => "1",
            Speed::X1 => "2",
            Speed::X10 => "3",
            Speed::X60 => "4",
        };
        html! {
            <button type="button" class="speed" aria-pressed={if speed == s { "true" } else { "false" }}
                title={format!("key {key}")} onclick={Callback::from(move |_| on_speed.emit(s))}>{ s.label() }</button>
        }
    });
    buttons.collect()
}

/// The question before an ending, in the trainee's words.
fn dialog(what: Confirm, yes: &Callback<MouseEvent>, cancel: &Callback<MouseEvent>) -> Html {
    let (question, detail, go, back) = match what {
        Confirm::Declare => (
            "Declare the incident resolved?",
            "Say so when the cause is fixed and service has held. The response ends here; the rest of the exercise plays out to its time limit, and the debrief tells you whether it held.",
            "Yes, declare resolved",
            "Not yet",
        ),
        Confirm::Abandon => (
            "Abandon this session?",
            "It ends now and is scored as it stands; the rest plays out without you.",
            "Abandon session",
            "Keep playing",
        ),
    };
    html! {
        <div class="confirm" role="alertdialog" aria-labelledby="confirm-q" aria-describedby="confirm-d">
            <p id="confirm-q" class="question">{ question }</p>
            <p id="confirm-d">{ detail }</p>
            <div class="buttons">
                <button type="button" class="primary" onclick={yes.clone()}>{ go }</button>
                <button type="button" onclick={cancel.clone()}>{ back }</button>
            </div>
        </div>
    }
}
