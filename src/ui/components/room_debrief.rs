//! "The room" in the debrief of a facilitated run: who held which role, and the injects the
//! room received, with when. Nothing for a run played alone.

use yew::prelude::*;

use crate::ui::session::Session;
use crate::ui::view::{alerts, format};

/// The room's section of the debrief (empty when no roles were named and no inject was sent).
pub fn room(session: &Session) -> Html {
    let s = &session.scenario;
    let roles = session.people.roles.named();
    let mut sent: Vec<alerts::Message> = alerts::messages(s, session.injects(), u32::MAX)
        .into_iter()
        .filter(|m| m.from.is_some())
        .collect();
    sent.reverse();
    if roles.is_empty() && sent.is_empty() {
        return html! {};
    }
    html! {
        <section aria-labelledby="room-h" class="room-debrief">
            <h2 id="room-h">{ "The room" }</h2>
            if !roles.is_empty() {
                <ul class="room-roles">{ for roles.iter().map(|(role, name)| html! {
                    <li><span class="meta">{ format!("{role}: ") }</span><strong>{ name.to_string() }</strong></li>
                }) }</ul>
            }
            if !sent.is_empty() {
                <h3>{ format!("Injects the room received: {}", sent.len()) }</h3>
                <ul class="room-injects">{ for sent.iter().map(|m| html! {
                    <li>
                        <span class="when">{ format::clock(s, m.tick) }</span>{ " " }
                        <strong>{ m.from.clone().unwrap_or_default() }</strong>{ format!(": {}", m.text) }
                    </li>
                }) }</ul>
            }
        </section>
    }
}
