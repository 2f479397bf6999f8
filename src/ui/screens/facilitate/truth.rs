//! The ground truth: the faults now with their parameters, what each of the room's findings
//! really showed, and the real team's next step.

use yew::prelude::*;

use crate::ui::room::facilitator::CopyRef;
use crate::ui::room::truth;

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
            <section class="panel" aria-labelledby="next-h">
                <h2 id="next-h">{ "The real team's next step" }</h2>
                { match truth::next_step(session) {
                    Some(next) => html! {
                        <p>
                            <strong>{ format!("{}: {}", next.at, next.what) }</strong><br />
                            <span class="meta">{ next.note }</span>
                            if let Some(took) = next.room_took {
                                <br /><span class="badge ok">{ format!("The room did this already, at {took}.") }</span>
                            }
                        </p>
                    },
                    None if session.ending().is_some() => html! { <p class="meta">{ "The run is over: the debrief compares it with the real team." }</p> },
                    None => html! { <p class="meta">{ "The real team had done all they did by now." }</p> },
                } }
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
