//! The replay screen: a kept run at a chosen minute, with the console's panels read-only, a
//! timeline to play, scrub and jump on, whether the replay is exact, and "Take over from here".

use yew::prelude::*;

use super::console::alerts_panel;
use crate::ui::components::chart_panel::ChartPanel;
use crate::ui::components::findings::Findings;
use crate::ui::components::logs::Logs;
use crate::ui::components::servers::Servers;
use crate::ui::components::status::StatusStrip;
use crate::ui::components::timeline::Timeline;
use crate::ui::components::{use_dispatch, use_session, AppContext};
use crate::ui::state::runs::OpenedRun;
use crate::ui::state::{AppState, Msg};
use crate::ui::view::charts::ChartKind;
use crate::ui::view::{format, replay, status};

#[derive(Properties, PartialEq)]
pub struct ReplayProps {
    pub state: AppState,
    pub dark: bool,
}

#[component]
pub fn Replay(props: &ReplayProps) -> Html {
    let app = use_context::<AppContext>();
    let on_seek = use_dispatch(Msg::ReplayTo);
    let on_speed = use_dispatch(Msg::SetSpeed);
    let on_take_over = use_dispatch(|_: MouseEvent| Msg::TakeOver);
    let on_close = use_dispatch(|_: MouseEvent| Msg::CloseReplay);
    let st = &props.state;
    let (Some(view), Some(app)) = (st.replay.view.as_ref(), app) else {
        return html! { <main class="screen" id="main"><p>{ "No run is open." }</p></main> };
    };
    let opened = &view.opened;
    let s = &opened.scenario;
    let end = view.end();
    let context = AppContext {
        session: view.session.clone(),
        dispatch: app.dispatch,
    };
    let take_over_note = format!(
        "A new attempt from {}: the actions before it, the same afternoon (seed {}); you carry on.",
        format::clock(s, st.tick),
        opened.run.seed
    );
    html! {
        <main class="screen replay" id="main">
            { head(opened) }
            <div class="buttons">
                <button type="button" class="primary" onclick={on_take_over}>{ "Take over from here" }</button>
                <button type="button" onclick={on_close}>{ "Close the replay" }</button>
                <span class="meta">{ take_over_note }</span>
            </div>
            if !st.message.is_empty() { <p class="refusal" role="alert">{ st.message.clone() }</p> }
            <Timeline tick={st.tick} {end} speed={st.speed} marks={replay::marks(opened)}
                clock={format::clock(s, st.tick)} label={replay::scrub_label(s, st.tick, end)}
                {on_seek} {on_speed} />
            <ContextProvider<AppContext> {context}>
                <Panels generation={st.generation} tick={st.tick} open={st.open_finding} dark={props.dark} />
            </ContextProvider<AppContext>>
        </main>
    }
}

/// The title, how far to trust the replay, and what the run says of itself.
fn head(opened: &OpenedRun) -> Html {
    let trust = replay::trust(opened);
    let s = &opened.scenario;
    let facts = replay::facts(s, &opened.run)
        .into_iter()
        .map(|(what, value)| {
            html! { <div><dt>{ what }</dt><dd>{ value }</dd></div> }
        });
    let refused = opened.replayed.refused.iter().map(|r| {
        html! { <li>{ format!("{} at {}: {}", r.action, format::clock(s, r.tick), r.error) }</li> }
    });
    html! {
        <header class="replay-head">
            <h1>
                { format!("Replay: {}", s.meta.title) }
                if let Some(label) = trust.label { <span class="badge warn">{ label }</span> }
            </h1>
            <p class={classes!("trust", if trust.exact { "exact" } else { "inexact" })} data-testid="trust">
                <span aria-hidden="true">{ if trust.exact { "✓ " } else { "⚠ " } }</span>{ trust.headline }
            </p>
            if let Some(detail) = trust.detail { <p class="meta">{ detail }</p> }
            <dl class="run-facts">{ for facts }</dl>
            if !opened.replayed.refused.is_empty() {
                <div class="refused">
                    <p>{ "Today's version refused these actions, so the replay goes on without them:" }</p>
                    <ul>{ for refused }</ul>
                </div>
            }
        </header>
    }
}

#[derive(Properties, PartialEq)]
struct PanelsProps {
    generation: u64,
    tick: u32,
    open: Option<usize>,
    dark: bool,
}

/// The console's panels on the replayed session (this screen's context), read-only.
#[component]
fn Panels(props: &PanelsProps) -> Html {
    let shared = use_session();
    let on_open = use_dispatch(Msg::OpenFinding);
    let Some(session) = shared.get() else {
        return html! {};
    };
    let s = &session.scenario;
    let sim = session.sim();
    let g = props.generation;
    html! {
        <>
            <StatusStrip status={status::status(s, sim)} currency={s.currency.clone()} sells={s.sells()}
                error_slo_pct={s.config.slo.error_rate_pct} slo_latency_ms_p95={s.config.slo.latency_ms_p95} />
            <div class="console-grid replay-grid">
                <section class="charts" aria-label="Charts">
                    { for ChartKind::ALL.iter().map(|k| html! {
                        <ChartPanel kind={*k} generation={g} dark={props.dark} />
                    }) }
                </section>
                <div class="side">
                    { alerts_panel(&session, Vec::new(), None) }
                    <Servers rows={status::servers(sim)} gc={s.config.fleet.runtime.profile().gc_heap} />
                </div>
                <Findings generation={g} tick={props.tick} open={props.open} {on_open} />
                <Logs generation={g} />
            </div>
        </>
    }
}
