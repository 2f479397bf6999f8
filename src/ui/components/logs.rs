//! A tail of the logs, rendered on demand by the core for a chosen window, filtered by host and
//! level, searchable. Bounded by the core (the newest lines).

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::use_session;
use crate::ui::view::logs::{self, levels, LogFilter, WINDOWS_MIN};

#[derive(Properties, PartialEq)]
pub struct LogsProps {
    /// Read by nothing here: a new generation is what re-renders the tail.
    pub generation: u64,
}

/// One choice in the filters.
enum Pick {
    Window(u32),
    Host(String),
    Level(String),
    Query(String),
}

/// The filters as one state: each choice changes its own part.
#[derive(PartialEq)]
struct Filter(LogFilter);

impl Reducible for Filter {
    type Action = Pick;

    fn reduce(self: Rc<Self>, pick: Pick) -> Rc<Self> {
        let mut f = self.0.clone();
        match pick {
            Pick::Window(min) => f.window_min = min,
            Pick::Host(host) => f.host = host,
            Pick::Level(level) => f.level = level,
            Pick::Query(query) => f.query = query,
        }
        Rc::new(Filter(f))
    }
}

/// The tail follows the newest line unless the reader scrolled up to read older ones: the tail's
/// node, and what its scrolling does.
#[hook]
fn use_follow() -> (NodeRef, Callback<Event>) {
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
        let tail = tail.clone();
        Callback::from(move |_: Event| {
            if let Some(el) = tail.cast::<web_sys::Element>() {
                let bottom = el.scroll_height() - el.client_height() - el.scroll_top();
                *follow.borrow_mut() = bottom <= 4;
            }
        })
    };
    (tail, onscroll)
}

#[component]
pub fn Logs(_props: &LogsProps) -> Html {
    let shared = use_session();
    let (tail, onscroll) = use_follow();
    let filter = use_reducer(|| Filter(LogFilter::default()));
    let Some(session) = shared.get() else {
        return html! {};
    };
    let sim = session.sim();
    let shown = logs::tail(&session.scenario, sim, &filter.0);
    let hosts: Vec<String> = sim.fleet().names().to_vec();
    html! {
        <section class="panel logs" aria-labelledby="logs-h">
            <h2 id="logs-h">{ "Logs" }</h2>
            { filters(&filter.0, &hosts, &filter.dispatcher()) }
            // One element a line: long lines wrap under their text, the timestamp stays in view.
            <div class="output log-tail" tabindex="0" role="log" aria-label="Log lines" ref={tail} {onscroll}>
                { for shown.iter().map(|l| html! { <div class="log-line">{ l.clone() }</div> }) }
            </div>
        </section>
    }
}

/// The window, host and level pickers and the search box.
fn filters(filter: &LogFilter, hosts: &[String], pick: &UseReducerDispatcher<Filter>) -> Html {
    let select = |to: fn(String) -> Pick| {
        pick.to_callback().reform(move |e: Event| {
            let el: HtmlSelectElement = e.target_unchecked_into();
            to(el.value())
        })
    };
    let on_query = pick.to_callback().reform(|e: InputEvent| {
        let el: HtmlInputElement = e.target_unchecked_into();
        Pick::Query(el.value())
    });
    html! {
        <div class="filters">
            <select aria-label="Log window" onchange={select(|v| Pick::Window(v.parse().unwrap_or(10)))}>
                { for WINDOWS_MIN.iter().map(|m| html! { <option value={m.to_string()} selected={*m == filter.window_min}>{ format!("last {m} min") }</option> }) }
            </select>
            <select aria-label="Log host" onchange={select(Pick::Host)}>
                <option value="" selected={filter.host.is_empty()}>{ "all hosts" }</option>
                { for hosts.iter().map(|h| html! { <option value={h.clone()} selected={filter.host == *h}>{ h.clone() }</option> }) }
            </select>
            <select aria-label="Log level" onchange={select(Pick::Level)}>
                { for levels().map(|l| html! {
                    <option value={l} selected={filter.level == l}>{ if l.is_empty() { "all levels" } else { l } }</option>
                }) }
            </select>
            <input type="search" aria-label="Search logs" placeholder="Search logs" value={filter.query.clone()} oninput={on_query} />
        </div>
    }
}
