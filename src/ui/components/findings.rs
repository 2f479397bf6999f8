//! What each diagnostic showed, newest first, searchable; the latest opens by itself.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::use_session;
use crate::scenario::Scenario;
use crate::sim::render::finding_text;
use crate::sim::{Finding, FindingBody};
use crate::ui::view::format;

#[derive(Properties, PartialEq)]
pub struct FindingsProps {
    pub generation: u64,
    pub tick: u32,
    pub open: Option<usize>,
    pub on_open: Callback<Option<usize>>,
}

/// Below this width the console is one column (the stylesheet's breakpoint).
const NARROW_PX: f64 = 900.0;
/// How long after the finding shows the page moves to it.
const SCROLL_AFTER_MS: u32 = 60;

#[component]
pub fn Findings(props: &FindingsProps) -> Html {
    let shared = use_session();
    let query = use_state(String::new);
    // The open one once it is in hand (it is opened when asked for, shown when ready).
    let shown_open = props.open.filter(|i| {
        shared.get().is_some_and(|s| {
            s.sim()
                .trace()
                .findings
                .get(*i)
                .is_some_and(|f| f.ready_at <= props.tick)
        })
    });
    let opened = use_scroll_to_open(shown_open);
    let Some(session) = shared.get() else {
        return html! {};
    };
    let trace = session.sim().trace();
    let start = session.scenario.clock.start_s_of_day;
    let q = query.to_lowercase();
    let items = trace
        .findings
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, f)| f.ready_at <= props.tick)
        .map(|(i, f)| (i, f, finding_text(f, trace, start)))
        .filter(|(_, f, text)| {
            q.is_empty() || text.to_lowercase().contains(&q) || f.action.to_string().contains(&q)
        })
        .map(|(i, f, text)| item(&session.scenario, i, f, text, props));
    let oninput = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            query.set(input.value());
        })
    };
    html! {
        <section class="panel findings" aria-labelledby="findings-h">
            <h2 id="findings-h">{ "Findings" }</h2>
            <input type="search" aria-label="Search findings" placeholder="Search findings" value={(*query).clone()} {oninput} />
            <ol ref={opened}>{ for items }</ol>
        </section>
    }
}

/// One finding: its time and action, and what it showed when open.
fn item(
    scenario: &Scenario,
    index: usize,
    finding: &Finding,
    text: String,
    props: &FindingsProps,
) -> Html {
    let open = props.open == Some(index);
    let on_open = props.on_open.clone();
    let toggle = Callback::from(move |_| on_open.emit(if open { None } else { Some(index) }));
    let mono = !matches!(finding.body, FindingBody::Note { .. });
    html! {
        <li class={classes!("finding", open.then_some("open"))}>
            <button type="button" class="finding-head" aria-expanded={open.to_string()} onclick={toggle}>
                <span class="when">{ format::clock_seconds(scenario, finding.ready_at) }</span>
                <span class="what">{ scenario.action_title(&finding.action) }</span>
            </button>
            if open {
                if mono { <pre class="output" tabindex="0">{ text }</pre> } else { <p class="note">{ text }</p> }
            }
        </li>
    }
}

/// On a narrow screen the findings sit far below the actions: bring the trainee to the one that
/// opened (the one they asked for, once it is ready). The list's node.
#[hook]
fn use_scroll_to_open(shown_open: Option<usize>) -> NodeRef {
    let opened = use_node_ref();
    let node = opened.clone();
    use_effect_with(shown_open, move |open| {
        let narrow = web_sys::window()
            .and_then(|w| w.inner_width().ok())
            .and_then(|w| w.as_f64())
            .is_some_and(|w| w < NARROW_PX);
        // After the frame that lays it out: the click that asked for it scrolls first.
        let later = (narrow && open.is_some()).then(|| {
            gloo::timers::callback::Timeout::new(SCROLL_AFTER_MS, move || {
                // The list is not keyed, so its items' nodes are reused: find the open one now.
                let open = node
                    .cast::<web_sys::Element>()
                    .and_then(|list| list.query_selector("li.finding.open").ok().flatten());
                if let Some(el) = open {
                    el.scroll_into_view();
                }
            })
        });
        move || drop(later)
    });
    opened
}
