//! The console: clock, status, charts, servers, alerts, actions, findings, team and logs on one
//! screen.

use yew::prelude::*;

use crate::sim::Action;
use crate::ui::components::actions::Actions;
use crate::ui::components::alerts::Alerts;
use crate::ui::components::chart_panel::ChartPanel;
use crate::ui::components::clock::Clock;
use crate::ui::components::command_box::CommandBox;
use crate::ui::components::deferred::Deferred;
use crate::ui::components::findings::Findings;
use crate::ui::components::logs::Logs;
use crate::ui::components::servers::Servers;
use crate::ui::components::status::StatusStrip;
use crate::ui::components::team::Team;
use crate::ui::components::use_session;
use crate::ui::state::{Speed, UiState};
use crate::ui::view::charts::ChartKind;
use crate::ui::view::{alerts, format, status, team};

#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    pub state: UiState,
    pub dark: bool,
    /// The last refusal, in the core's words.
    pub message: AttrValue,
    pub on_take: Callback<Action>,
    pub on_speed: Callback<Speed>,
    pub on_minute: Callback<()>,
    pub on_stop: Callback<()>,
    pub on_ack: Callback<(u32, u32)>,
    pub on_open: Callback<Option<usize>>,
}

#[component]
pub fn Console(props: &ConsoleProps) -> Html {
    let shared = use_session();
    let Some(session) = shared.get() else {
        return html! { <main class="screen"><p>{ "No session is running." }</p></main> };
    };
    let st = &props.state;
    let s = &session.scenario;
    let sim = session.sim();
    let trace = sim.trace();
    let tick = sim.tick();
    let alert_items = alerts::alerts(s, trace);
    let times: Vec<(String, Option<String>)> = alert_items
        .iter()
        .map(|a| {
            (
                format::clock(s, a.fired_at),
                a.resolved_at.map(|t| format::clock(s, t)),
            )
        })
        .collect();
    let g = st.generation;
    html! {
        <main class="screen console" id="main">
            <header class="console-head">
                <h1>{ &s.meta.title }</h1>
                <Clock time={format::clock(s, tick)} seconds={format::clock_seconds(s, tick)}
                    since_page={format::since_page(s, trace, tick)} speed={st.speed}
                    on_speed={props.on_speed.clone()} on_minute={props.on_minute.clone()} on_stop={props.on_stop.clone()}
                    on_declare={props.on_take.reform(|_| crate::sim::Action::new(crate::sim::ActionKind::DeclareResolved))}
                    declare_blocked={session.check(&crate::sim::Action::new(crate::sim::ActionKind::DeclareResolved)).err().map(|e| AttrValue::from(e.to_string()))} />
            </header>
            <StatusStrip status={status::status(s, sim)} currency={s.currency.clone()} sells={s.sells()}
                error_slo_pct={s.config.slo.error_rate_pct} p95_slo_ms={s.config.slo.latency_p95_ms} />
            if let Some(hint) = session.hints().and_then(|h| h.now.clone()) {
                <aside class="hint" aria-label="Hint"><strong>{ "Hint " }</strong>{ hint }</aside>
            }
            <div class="console-grid">
                <section class="charts" aria-label="Charts">
                    { for ChartKind::ALL.iter().map(|k| html! {
                        <ChartPanel kind={*k} generation={g} dark={props.dark} />
                    }) }
                </section>
                // The panels a frame after the clock, status and charts: building the whole console
                // in the task of the click on Start made it one long task.
                <Deferred>
                    <div class="side">
                        <Actions tick={tick} generation={g} on_take={props.on_take.clone()} />
                        <CommandBox on_take={props.on_take.clone()} message={props.message.clone()} />
                        <Team lines={team::team(s, sim)} />
                    </div>
                    <Servers rows={status::servers(sim)} gc={session.scenario.config.fleet.runtime.profile().gc_heap} />
                    <Alerts items={alert_items} {times} acknowledged={st.acknowledged.clone()} on_ack={props.on_ack.clone()} />
                    <Findings generation={g} tick={tick} open={st.open_finding} on_open={props.on_open.clone()} />
                    <Logs generation={g} />
                </Deferred>
            </div>
        </main>
    }
}
