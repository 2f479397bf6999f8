//! The action menu: grouped, each with its time cost, a target picker where it takes one, and why
//! it is unavailable when it is (in the core's words). The action in progress shows its progress.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::use_session;
use crate::sim::{Action, TargetKind};
use crate::ui::view::{format, menu};

#[derive(Properties, PartialEq)]
pub struct ActionsProps {
    pub tick: u32,
    pub generation: u64,
    pub on_take: Callback<Action>,
    /// The facilitator holds the room: every action waits for them.
    #[prop_or_default]
    pub held: bool,
}

#[derive(Properties, PartialEq)]
struct ItemProps {
    /// The action with no target (the picked one is added).
    action: Action,
    id: AttrValue,
    title: AttrValue,
    help: AttrValue,
    target: TargetKind,
    duration_s: u32,
    options: Vec<(String, String)>,
    /// Why it cannot be taken now, for each option (one entry when it takes no target).
    blocked: Vec<Option<String>>,
    on_take: Callback<Action>,
}

#[component]
fn Item(props: &ItemProps) -> Html {
    let first = props
        .options
        .first()
        .map(|(v, _)| v.clone())
        .unwrap_or_default();
    // The picked target, kept here so a re-render never changes what the select shows.
    let chosen = use_state(|| first);
    let onchange = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let el: HtmlSelectElement = e.target_unchecked_into();
            chosen.set(el.value());
        })
    };
    let onclick = {
        let chosen = chosen.clone();
        let on_take = props.on_take.clone();
        let action = props.action.clone();
        Callback::from(move |_| {
            let target = Some((*chosen).clone()).filter(|v| !v.is_empty());
            on_take.emit(Action {
                target,
                ..action.clone()
            });
        })
    };
    let (title, help) = (&props.title, &props.help);
    let id = format!("target-{}", props.id);
    let why_id = format!("why-{}", props.id);
    let picked = props
        .options
        .iter()
        .position(|(v, _)| *v == *chosen)
        .unwrap_or(0);
    let blocked = props.blocked.get(picked).cloned().flatten();
    html! {
        // A hypothesis is a sentence: its picker gets a line of its own so it is not cut.
        <li class={classes!("action", (props.target == TargetKind::Hypothesis).then_some("wide-target"))}>
            <button type="button" {onclick} disabled={blocked.is_some()}
                aria-describedby={why_id.clone()} title={help.clone()}>
                { title.clone() }<span class="cost">{ format::cost(props.duration_s) }</span>
            </button>
            if props.target != TargetKind::None {
                <select id={id.clone()} aria-label={format!("Target for {title}")} {onchange}>
                    { for props.options.iter().map(|(v, l)| html! {
                        <option value={v.clone()} selected={*v == *chosen}>{ l }</option>
                    }) }
                </select>
            }
            if props.target == TargetKind::Hypothesis && !(*chosen).is_empty() {
                // A closed picker cannot show a sentence whole: the picked cause, in full.
                <span class="picked">{ props.options.get(picked).map(|(_, l)| l.clone()).unwrap_or_default() }</span>
            }
            <span class="why" id={why_id}>{ blocked.unwrap_or_default() }</span>
        </li>
    }
}

/// Why an action cannot be taken, as the menu says it. Busy is said once, above the menu (the
/// action in progress and its bar), not under every button.
#[component]
pub fn Actions(props: &ActionsProps) -> Html {
    let shared = use_session();
    let Some(session) = shared.get() else {
        return html! {};
    };
    let sim = session.sim();
    let scenario = &session.scenario;
    let team = sim.response();
    let progress = sim.trace().findings.last().filter(|f| f.ready_at > props.tick).map(|f| {
        let total = (f.ready_at - f.issued_at).max(1);
        let done = props.tick.saturating_sub(f.issued_at);
        html! {
            <div class="in-progress" role="status">
                <span>{ format!("Busy: {} ({} of {}); the other actions wait until it is done", scenario.action_title(&f.action), format::duration(done), format::duration(total)) }</span>
                <progress max={total.to_string()} value={done.to_string()} aria-label="Action in progress" />
            </div>
        }
    });
    let groups = menu::Group::ALL.iter().map(|g| {
        let known = menu::in_group(&scenario.config, *g).filter(|spec| sim.knows(spec));
        let items = known.map(|spec| {
            let options = menu::targets(scenario, sim, spec.target);
            let blocked = menu::blocked(&session, &spec, &options);
            html! {
                <Item key={spec.id.to_string()} action={spec.action(None)}
                    id={spec.id.to_string()} title={spec.title.to_string()}
                    help={spec.help.to_string()} target={spec.target}
                    duration_s={spec.duration_s} {options} {blocked}
                    on_take={props.on_take.clone()} />
            }
        });
        html! {
            <div class="group">
                <h3>{ g.title() }</h3>
                <ul>{ for items }</ul>
            </div>
        }
    });
    html! {
        <section class="panel actions" aria-labelledby="actions-h">
            <h2 id="actions-h">{ "Actions" }</h2>
            if team.busy_until > props.tick {
                { for progress }
            }
            if props.held {
                <p class="in-progress" role="status">{ "Held: the actions wait until the facilitator resumes the room." }</p>
            }
            <fieldset class="groups" disabled={props.held} aria-label="Actions by kind">{ for groups }</fieldset>
        </section>
    }
}
