//! A tail of the logs, rendered on demand by the core for a chosen window, filtered by host and
//! level, searchable. Bounded by the core (the newest lines).

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::use_session;
use crate::ui::view::logs::{self, LogFilter, LEVELS, WINDOWS_MIN};

#[derive(Properties, PartialEq)]
pub struct LogsProps {
    /// Read by nothing here: a new generation is what re-renders the tail.
    pub generation: u64,
}

#[component]
pub fn Logs(_props: &LogsProps) -> Html {
    let shared = use_session();
    let window_min = use_state(|| 10u32);
    // The tail follows the newest line unless the reader scrolled up to read older ones.
    let tail = use_node_ref();
    let follow = use_mut_ref(|| true);
    {
        let (tail, follow) = (tail.clone(), follow.clone());
        use_effect(move || {
            if let Some(el) = tail.cast::<web_sys::Element>() {
                if *follow.borrow() {
                    el.set_scroll_top(el.scroll_height());
                }
            }
        });
    }
    let onscroll = {
        let (tail, follow) = (tail.clone(), follow.clone());
        Callback::from(move |_: Event| {
            if let Some(el) = tail.cast::<web_sys::Element>() {
                let bottom = el.scroll_height() - el.client_height() - el.scroll_top();
                *follow.borrow_mut() = bottom <= 4;
            }
        })
    };
    let host = use_state(String::new);
    let level = use_state(String::new);
    let query = use_state(String::new);
    let Some(session) = shared.get() else {
        return html! {};
    };
    let sim = session.sim();
    let filter = LogFilter {
        window_min: *window_min,
        host: (*host).clone(),
        level: (*level).clone(),
        query: (*query).clone(),
    };
    let shown = logs::tail(&session.scenario, sim, &filter);
    let select = |state: UseStateHandle<String>| {
        Callback::from(move |e: Event| {
            let el: HtmlSelectElement = e.target_unchecked_into();
            state.set(el.value());
        })
    };
    let on_window = {
        let window_min = window_min.clone();
        Callback::from(move |e: Event| {
            let el: HtmlSelectElement = e.target_unchecked_into();
            window_min.set(el.value().parse().unwrap_or(10));
        })
    };
    let on_query = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            let el: HtmlInputElement = e.target_unchecked_into();
            query.set(el.value());
        })
    };
    let hosts: Vec<String> = sim.fleet().names().to_vec();
    html! {
        <section class="panel logs" aria-labelledby="logs-h">
            <h2 id="logs-h">{ "Logs" }</h2>
            <div class="filters">
                <select aria-label="Log window" onchange={on_window}>
                    { for WINDOWS_MIN.iter().map(|m| html! { <option value={m.to_string()} selected={*m == *window_min}>{ format!("last {m} min") }</option> }) }
                </select>
                <select aria-label="Log host" onchange={select(host.clone())}>
                    <option value="" selected={host.is_empty()}>{ "all hosts" }</option>
                    { for hosts.into_iter().map(|h| html! { <option value={h.clone()} selected={*host == h}>{ h }</option> }) }
                </select>
                <select aria-label="Log level" onchange={select(level.clone())}>
                    { for LEVELS.iter().map(|l| html! {
                        <option value={*l} selected={*level == *l}>{ if l.is_empty() { "all levels" } else { l } }</option>
                    }) }
                </select>
                <input type="search" aria-label="Search logs" placeholder="Search logs" value={(*query).clone()} oninput={on_query} />
            </div>
            // One element a line: long lines wrap under their text, the timestamp stays in view.
            <div class="output log-tail" tabindex="0" role="log" aria-label="Log lines" ref={tail} {onscroll}>
                { for shown.iter().map(|l| html! { <div class="log-line">{ l.clone() }</div> }) }
            </div>
        </section>
    }
}
