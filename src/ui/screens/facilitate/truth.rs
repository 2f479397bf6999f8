//! The ground truth: the faults now with their parameters, what each of the room's findings
//! really showed, and the real team's path with the room against it.

use yew::prelude::*;

use crate::ui::room::facilitator::CopyRef;
use crate::ui::room::truth::{self, Against};

#[derive(Properties, PartialEq)]
pub struct GroundTruthProps {
    pub generation: u64,
    pub copy: CopyRef,
}

#[component]
pub fn GroundTruth(props: &GroundTruthProps) -> Html {
    let Some(copy) = props.copy.get() else {
        return html! {};
    };
    let session = &copy.session;
    let faults = truth::faults(session);
    let findings = truth::findings(session);
    html! {
        <div class="room-truth">
            <section class="panel" aria-labelledby="faults-h">
                <h2 id="faults-h">{ "Faults now" }</h2>
                <table>
                    <thead><tr><th scope="col">{ "Fault" }</th><th scope="col">{ "State" }</th><th scope="col">{ "Parameters" }</th></tr></thead>
                    <tbody>{ for faults.iter().map(|f| html! {
                        <tr>
                            <td><strong>{ &f.kind }</strong></td>
                            <td><span class={classes!("badge", if f.on { "bad" } else { "ok" })}>{ &f.state }</span></td>
                            <td><dl class="parameters">{ for f.parameters.iter().map(|(name, value)| html! {
                                <div><dt>{ name }</dt><dd class="mono">{ value }</dd></div>
                            }) }</dl></td>
                        </tr>
                    }) }</tbody>
                </table>
            </section>
            <section class="panel" aria-labelledby="path-h">
                <h2 id="path-h">{ "The real team's path" }</h2>
                if session.ending().is_some() {
                    <p class="meta">{ "The run is over: the debrief compares it with the real team." }</p>
                }
                <ol class="real-path">{ for truth::path(session).into_iter().map(step) }</ol>
            </section>
            <section class="panel" aria-labelledby="showed-h">
                <h2 id="showed-h">{ "What the room's findings really showed" }</h2>
                if findings.is_empty() {
                    <p class="empty">{ "The room has not looked at anything yet." }</p>
                } else {
                    <ul class="room-findings">{ for findings.iter().map(|f| html! {
                        <li class={classes!(f.evidence.then_some("evidence"))}>
                            <span class="when">{ &f.at }</span>{ " " }<strong>{ &f.action }</strong>{ ": " }{ &f.showed }
                        </li>
                    }) }</ul>
                }
            </section>
        </div>
    }
}

/// A step of the real team's path, with where the room stands against it.
fn step(step: truth::PathStep) -> Html {
    let (class, badge, words) = match &step.room {
        // Early or with them is good; late is done, not praised.
        Against::Took { at, minutes_late } => (
            "took",
            if *minutes_late <= 0 { "ok" } else { "" },
            took(at, *minutes_late),
        ),
        Against::Missed => ("missed", "", "The room did not take this step".to_string()),
        Against::Behind { minutes } => (
            "behind",
            "warn",
            format!("Not yet: the real team had done it {minutes} min ago"),
        ),
        Against::Next => ("next", "", "Their next step".to_string()),
        Against::Later => ("later", "", String::new()),
    };
    html! {
        <li class={class}>
            <span class="when">{ &step.at }</span>{ " " }<strong>{ &step.what }</strong>
            if !words.is_empty() { { " " }<span class={classes!("badge", badge)}>{ words }</span> }
            if matches!(step.room, Against::Next | Against::Behind { .. }) {
                <br /><span class="meta">{ &step.note }</span>
            }
        </li>
    }
}

/// When the room took a step of the real team's, against their time.
fn took(at: &str, minutes_late: i64) -> String {
    match minutes_late {
        0 => format!("The room did it at {at}, as they did"),
        m if m < 0 => format!("The room did it at {at}, {} min before them", -m),
        m => format!("The room did it at {at}, {m} min after them"),
    }
}
