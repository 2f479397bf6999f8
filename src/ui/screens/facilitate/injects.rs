//! The scenario's injects: each with its suggested time, who it is from, what the room sees and
//! should do, whether the response came, the fallback when the room stalls, and a button to send
//! it now.

use yew::prelude::*;

use crate::ui::room::facilitator::CopyRef;
use crate::ui::room::truth::{self, InjectRow, Response};

#[derive(Properties, PartialEq)]
pub struct InjectsProps {
    pub generation: u64,
    pub copy: CopyRef,
    /// Send the inject with this id.
    pub on_send: Callback<String>,
}

fn response(row: &InjectRow) -> String {
    match &row.response {
        Response::NotSent => String::new(),
        Response::Came(at) => format!("response came at {at}"),
        Response::Waiting => "response: not yet".into(),
        Response::Judge => "judge for yourself".into(),
    }
}

fn row(item: &InjectRow, over: bool, on_send: &Callback<String>) -> Html {
    let id = item.inject.id.clone();
    let sent = item.sent_at.is_some();
    let words = response(item);
    html! {
        <tr class={classes!(sent.then_some("sent"), item.send_for.is_some().then_some("due"))}>
            <td>{ item.suggested.clone().unwrap_or_else(|| "any time".into()) }</td>
            <td><strong>{ &item.inject.from }</strong><br /><span class="meta">{ item.inject.kind.id() }</span></td>
            <td>{ &item.inject.text }</td>
            <td>{ &item.inject.expected }</td>
            <td>
                { item.sent_at.clone().unwrap_or_else(|| "not sent".into()) }
                if !words.is_empty() { <br /><span class="meta">{ words }</span> }
            </td>
            <td>
                { item.fallback.clone().unwrap_or_else(|| "none".into()) }
                if item.stalled.is_some() {
                    <br /><strong class="stalled">{ "The room stalled: its fallback is due" }</strong>
                }
            </td>
            <td>
                <button type="button" disabled={sent || over}
                    aria-label={format!("Send now: {}", item.inject.from)}
                    onclick={on_send.reform(move |_| id.clone())}>{ if sent { "Sent" } else { "Send now" } }</button>
                if let Some(from) = &item.send_for {
                    <br /><strong class="stalled">{ format!("Due: the room stalled on {from}'s message") }</strong>
                }
            </td>
        </tr>
    }
}

#[component]
pub fn Injects(props: &InjectsProps) -> Html {
    let Some(copy) = props.copy.get() else {
        return html! {};
    };
    let rows = truth::injects(&copy.session);
    let over = copy.run.ended_at.is_some();
    html! {
        <section class="panel room-injects" aria-labelledby="injects-h">
            <h2 id="injects-h">{ "Injects" }</h2>
            if rows.is_empty() {
                <p class="empty">{ "This scenario lists no injects." }</p>
            } else {
                // Seven columns do not fit a phone: the table scrolls inside its panel.
                <div class="table-scroll" tabindex="0" role="region" aria-label="Injects (scrolls sideways)">
                <table>
                    <thead><tr>
                        <th scope="col">{ "Suggested" }</th><th scope="col">{ "From" }</th>
                        <th scope="col">{ "The room sees" }</th><th scope="col">{ "Expected response" }</th>
                        <th scope="col">{ "Sent" }</th><th scope="col">{ "If the room stalls" }</th><th scope="col"></th>
                    </tr></thead>
                    <tbody>{ for rows.iter().map(|r| row(r, over, &props.on_send)) }</tbody>
                </table>
                </div>
            }
        </section>
    }
}
