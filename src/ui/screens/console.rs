//! The console: clock, status, charts, servers, alerts, actions, findings, team and logs on one
//! screen.

use yew::prelude::*;

use crate::sim::{Action, ActionKind};
use crate::ui::components::actions::Actions;
use crate::ui::components::alerts::Alerts;
use crate::ui::components::chart_panel::ChartPanel;
use crate::ui::components::clock::Clock;
use crate::ui::components::command_box::CommandBox;
use crate::ui::components::deferred::Deferred;
use crate::ui::components::findings::Findings;
use crate::ui::components::logs::Logs;
use crate::ui::components::room_link::RoomLink;
use crate::ui::components::servers::Servers;
use crate::ui::components::status::StatusStrip;
use crate::ui::components::team::Team;
use crate::ui::components::{use_dispatch, use_session};
use crate::ui::session::Session;
use crate::ui::state::{AppState, Msg};
use crate::ui::view::charts::ChartKind;
use crate::ui::view::{alerts, format, status, team};

#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    pub state: AppState,
    pub dark: bool,
}

#[component]
pub fn Console(props: &ConsoleProps) -> Html {
    let shared = use_session();
    let on_take = use_dispatch(Msg::Take);
    let on_speed = use_dispatch(Msg::SetSpeed);
    let on_minute = use_dispatch(|_: ()| Msg::Advance(60));
    let on_stop = use_dispatch(|_: ()| Msg::Stop);
    let on_ack = use_dispatch(Msg::Acknowledge);
    let on_open = use_dispatch(Msg::OpenFinding);
    let Some(session) = shared.get() else {
        return html! { <main class="screen"><p>{ "No session is running." }</p></main> };
    };
    let st = &props.state;
    let s = &session.scenario;
    let sim = session.sim();
    let trace = sim.trace();
    let tick = sim.tick();
    let g = st.generation;
    html! {
        <main class="screen console" id="main">
            <header class="console-head">
                <h1>{ &s.meta.title }</h1>
                <Clock time={format::clock(s, tick)} seconds={format::clock_seconds(s, tick)}
                    since_page={format::since_page(s, trace, tick)} speed={st.speed} held={st.held}
                    note={(st.message == crate::ui::state::RELEASED).then_some(AttrValue::from(crate::ui::state::RELEASED))}
                    {on_speed} {on_minute} {on_stop}
                    on_declare={on_take.reform(|_| Action::new(ActionKind::DeclareResolved))}
                    declare_blocked={session.vet(&Action::new(ActionKind::DeclareResolved)).err().map(|e| AttrValue::from(e.to_string()))} />
                <div class="room-side">
                    <RoomLink here={st.facilitator} />
                    if !session.people.roles.is_empty() {
                        <p class="roles-line meta">{ session.people.roles.line(" · ") }</p>
                    }
                </div>
            </header>
            <StatusStrip status={status::status(s, sim)} currency={s.currency.clone()} sells={s.sells()}
                error_slo_pct={s.config.slo.error_rate_pct} slo_latency_ms_p95={s.config.slo.latency_ms_p95} />
            { firing_now(&session) }
            { latest_message(&session) }
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
                        <Actions tick={tick} generation={g} on_take={on_take.clone()} held={st.held} />
                        <CommandBox {on_take} message={AttrValue::from(if st.message == crate::ui::state::RELEASED { String::new() } else { st.message.clone() })} />
                        <Team lines={team::team(s, sim, &session.people.roles, st.held)} />
                    </div>
                    <Servers rows={status::servers(sim)} gc={session.scenario.config.fleet.runtime.profile().gc_heap} />
                    { alerts_panel(&session, st.acknowledged.clone(), Some(on_ack)) }
                    <Findings generation={g} tick={tick} open={st.open_finding} {on_open} />
                    <Logs generation={g} />
                </Deferred>
            </div>
        </main>
    }
}

/// The alerts panel at the session's tick: what fired and cleared, and the messages that reached
/// the team (the replay screen shows the same panel).
pub fn alerts_panel(
    session: &Session,
    acknowledged: Vec<(u32, u32)>,
    on_ack: Option<Callback<(u32, u32)>>,
) -> Html {
    let s = &session.scenario;
    let items = alerts::alerts(s, session.sim().trace());
    let times: Vec<(String, Option<String>)> = items
        .iter()
        .map(|a| {
            (
                format::clock(s, a.fired_at),
                a.resolved_at.map(|t| format::clock(s, t)),
            )
        })
        .collect();
    let messages: Vec<(String, alerts::Message)> =
        alerts::messages(s, session.injects(), session.tick())
            .into_iter()
            .map(|m| (format::clock(s, m.tick), m))
            .collect();
    let read_only = on_ack.is_none();
    let on_ack = on_ack.unwrap_or_default();
    html! { <Alerts {items} {times} {messages} {acknowledged} {on_ack} {read_only} /> }
}

/// How long a message stays at the top of the console: half an hour of the incident's time
/// (three minutes of the room's at 10x, half a minute at 60x; the Alerts panel keeps it after).
const FRESH_S: u32 = 1_800;

/// The newest message to reach the team, at the top of the console for a while after it came:
/// the Alerts panel, which keeps them all, is below the fold on a projector.
fn latest_message(session: &Session) -> Html {
    let s = &session.scenario;
    let tick = session.tick();
    let Some(m) = alerts::messages(s, session.injects(), tick)
        .into_iter()
        .next()
        .filter(|m| tick < m.tick + FRESH_S)
    else {
        return html! {};
    };
    html! {
        <aside class="latest-message" aria-label="Latest message">
            <span class="badge warn">{ m.badge }</span>{ " " }
            if let Some(from) = &m.from { <strong>{ format!("{from}: ") }</strong> }
            { &m.text }{ " " }<span class="meta">{ format::clock(s, m.tick) }</span>{ " " }
            <button type="button" class="link" onclick={Callback::from(|_| to_alerts())}>{ "All messages" }</button>
        </aside>
    }
}

/// The alerts firing now, on the first screen (the Alerts panel, which keeps every firing and
/// takes acknowledgements, is below the fold on a projector): a pager does not wait to be read.
fn firing_now(session: &Session) -> Html {
    let s = &session.scenario;
    let firing: Vec<alerts::AlertItem> = alerts::alerts(s, session.sim().trace())
        .into_iter()
        .filter(alerts::AlertItem::firing)
        .collect();
    let Some(first) = firing.first() else {
        return html! {};
    };
    let more = match firing.len() - 1 {
        0 => String::new(),
        1 => " · and 1 more".to_string(),
        n => format!(" · and {n} more"),
    };
    html! {
        <aside class="firing-now" aria-label="Firing now">
            <span class="badge bad">{ format!("FIRING {}", first.severity) }</span>{ " " }
            <strong>{ &first.title }</strong>{ " " }
            <span class="meta">{ format!("since {}{more}", format::clock(s, first.fired_at)) }</span>{ " " }
            <button type="button" class="link" onclick={Callback::from(|_| to_alerts())}>{ "All alerts" }</button>
        </aside>
    }
}

/// Brings the Alerts panel, where every message is kept, into view (a link's fragment would
/// change the page's address, which names the page).
fn to_alerts() {
    let panel = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("alerts-h"));
    if let Some(panel) = panel {
        panel.scroll_into_view();
    }
}
