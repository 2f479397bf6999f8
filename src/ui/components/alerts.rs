//! Alerts: firing and resolved, with times; acknowledge.

use yew::prelude::*;

use crate::ui::view::alerts::{AlertItem, Message};

#[derive(Properties, PartialEq)]
pub struct AlertsProps {
    pub items: Vec<AlertItem>,
    /// (fired, resolved) times as the clock shows them, one per item.
    pub times: Vec<(String, Option<String>)>,
    /// What reached the room (the timeline's reports, the facilitator's injects), newest first,
    /// each with its time as the clock shows it.
    pub messages: Vec<(String, Message)>,
    pub acknowledged: Vec<(u32, u32)>,
    pub on_ack: Callback<(u32, u32)>,
    /// A replay's alerts: shown, not acknowledged.
    #[prop_or_default]
    pub read_only: bool,
}

#[component]
pub fn Alerts(props: &AlertsProps) -> Html {
    let rows = props.items.iter().zip(&props.times).map(|(a, (fired, resolved))| {
        let key = a.key();
        let acked = props.acknowledged.contains(&key);
        let on_ack = props.on_ack.clone();
        let state = match (a.firing(), acked) {
            (true, false) => ("FIRING", "bad"),
            (true, true) => ("firing, acknowledged", "warn"),
            (false, _) => ("resolved", "ok"),
        };
        html! {
            <li class={classes!("alert", state.1)}>
                <span class={classes!("badge", state.1)}>{ state.0 }</span>
                <span class="title">{ &a.title }</span>
                <span class="sev">{ &a.severity }</span>
                <span class="when">{ match resolved {
                    Some(r) => format!("{fired} - {r}"),
                    None => format!("since {fired}"),
                } }</span>
                if a.firing() && !acked && !props.read_only {
                    <button type="button" onclick={Callback::from(move |_| on_ack.emit(key))}
                        aria-label={format!("Acknowledge {}", a.title)}>{ "Acknowledge" }</button>
                }
            </li>
        }
    });
    html! {
        <section class="panel alerts" aria-labelledby="alerts-h">
            <h2 id="alerts-h">{ "Alerts" }</h2>
            if !props.messages.is_empty() {
                <ul class="messages" aria-label="Messages">
                    { for props.messages.iter().map(|(when, m)| html! {
                        <li class="alert message">
                            <span class="badge warn">{ m.badge }</span>
                            <span class="title">
                                if let Some(from) = &m.from {
                                    <span class="from">{ format!("{from}: ") }</span>
                                }
                                { &m.text }
                            </span>
                            <span class="when">{ when }</span>
                        </li>
                    }) }
                </ul>
            }
            if props.items.is_empty() && props.messages.is_empty() {
                <p class="empty">{ "Nothing firing. Monitoring pages you when a rule holds." }</p>
            } else if !props.items.is_empty() {
                <ul>{ for rows }</ul>
            }
        </section>
    }
}
