//! What each diagnostic showed, newest first, searchable; the latest opens by itself.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::SessionRef;
use crate::sim::render::finding_text;
use crate::sim::FindingBody;
use crate::ui::view::format;

#[derive(Properties, PartialEq)]
pub struct FindingsProps {
    pub session: SessionRef,
    pub generation: u64,
    pub tick: u32,
    pub open: Option<usize>,
    pub on_open: Callback<Option<usize>>,
}

#[component]
pub fn Findings(props: &FindingsProps) -> Html {
    let query = use_state(String::new);
    let Some(session) = props.session.get() else {
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
        .map(|(i, f, text)| {
            let open = props.open == Some(i);
            let on_open = props.on_open.clone();
            let toggle = Callback::from(move |_| on_open.emit(if open { None } else { Some(i) }));
            let mono = !matches!(f.body, FindingBody::Note { .. });
            html! {
                <li class={classes!("finding", open.then_some("open"))}>
                    <button type="button" class="finding-head" aria-expanded={open.to_string()} onclick={toggle}>
                        <span class="when">{ format::clock_seconds(&session.scenario, f.ready_at) }</span>
                        <span class="what">{ f.action.to_string() }</span>
                    </button>
                    if open {
                        if mono { <pre class="output" tabindex="0">{ text }</pre> } else { <p class="note">{ text }</p> }
                    }
                </li>
            }
        });
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
            <ol>{ for items }</ol>
        </section>
    }
}
