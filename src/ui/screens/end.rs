//! The end: the milestones against the real team's, the impact, the restore time, and what next.

use yew::prelude::*;

use crate::score::{ghost, reached, ImpactSummary};
use crate::sim::render::thousands;
use crate::ui::components::SessionRef;
use crate::ui::session::Ending;
use crate::ui::view::format;

#[derive(Properties, PartialEq)]
pub struct EndProps {
    pub session: SessionRef,
    pub on_again: Callback<bool>,
    pub on_download: Callback<()>,
    pub on_library: Callback<()>,
}

/// One impact row: what, you, the real team.
fn row(what: &str, you: String, real: String) -> Html {
    html! { <tr><th scope="row">{ what.to_string() }</th><td>{ you }</td><td>{ real }</td></tr> }
}

#[component]
pub fn End(props: &EndProps) -> Html {
    // The real team's path in the same world with the same seed, simulated once per session.
    let real = {
        let key = props
            .session
            .get()
            .map(|s| (s.scenario.content_hash, s.seed));
        let session = props.session.clone();
        use_memo(key, move |_| {
            session
                .get()
                .map(|s| ImpactSummary::of(&ghost(&s.scenario, s.seed)))
        })
    };
    let Some(session) = props.session.get() else {
        return html! {};
    };
    let s = &session.scenario;
    let trace = session.sim().trace();
    let i = &trace.impact;
    let headline = match (session.ending(), i.restored_at) {
        (Some(Ending::Restored { .. }), Some(t)) => format!("Service restored at {}", format::clock(s, t)),
        (Some(Ending::Restored { since }), None) => format!(
            "Service came back at {}, but the outage returned later that afternoon: the cause was still there",
            format::clock(s, since)
        ),
        (Some(Ending::Stopped { at }), _) => format!("Session ended at {}", format::clock(s, at)),
        _ => "Time ran out before service was restored".to_string(),
    };
    let milestones = reached(s, trace).into_iter().map(|m| {
        let run = m.reached_at.map_or("-".to_string(), |t| s.hhmm(t));
        let real = m.reference_at.map_or("-".to_string(), |t| s.hhmm(t));
        let diff = match (m.reached_at, m.reference_at) {
            (Some(a), Some(b)) => format::gained(a, b),
            (None, Some(_)) => "not reached".into(),
            _ => String::new(),
        };
        html! { <tr><th scope="row">{ m.title }</th><td>{ run }</td><td>{ real }</td><td>{ diff }</td></tr> }
    });
    let hash = session
        .final_hash()
        .map(|h| format!("{h:016x}"))
        .unwrap_or_default();
    let pct_failed = 100.0 * i.failed_requests / i.requests.max(1.0);
    let you = ImpactSummary::of(trace);
    let at = |t: Option<u32>| t.map_or("-".to_string(), |t| format::clock(s, t));
    let minutes = |m: Option<u32>| m.map_or("not restored".to_string(), |m| format!("{m} min"));
    let money = |v: f64| format!("{} {}", s.currency, thousands(v));
    let impact_rows = real.as_ref().as_ref().map(|r| {
        html! {
            <table class="milestones impact-vs">
                <thead><tr><th scope="col">{ "Impact" }</th><th scope="col">{ "You" }</th><th scope="col">{ "Real team (same seed)" }</th></tr></thead>
                <tbody>
                    { row("Outage started", at(you.outage_started_at), at(r.outage_started_at)) }
                    { row("Service restored", at(you.restored_at), at(r.restored_at)) }
                    { row("Minutes to restore", minutes(you.minutes_to_restore()), minutes(r.minutes_to_restore())) }
                    { row("Peak users affected", format::pct(you.peak_users_affected_pct), format::pct(r.peak_users_affected_pct)) }
                    { row("User-minutes of errors", thousands(you.user_minutes), thousands(r.user_minutes)) }
                    { row("Orders lost", thousands(you.failed_orders), thousands(r.failed_orders)) }
                    { row("Revenue lost", money(you.revenue_lost), money(r.revenue_lost)) }
                </tbody>
            </table>
        }
    });
    html! {
        <main class="screen end" id="main">
            <h1>{ headline }</h1>
            <p class="meta">{ format!("{} · seed {}", s.meta.title, session.seed) }</p>
            <h2>{ "You and the real team" }</h2>
            <table class="milestones">
                <thead><tr><th scope="col">{ "Milestone" }</th><th scope="col">{ "You" }</th><th scope="col">{ "Real team" }</th><th scope="col">{ "Difference" }</th></tr></thead>
                <tbody>{ for milestones }</tbody>
            </table>
            <h2>{ "Impact (to the end of the afternoon)" }</h2>
            { for impact_rows }
            <p class="meta">{ format!("Requests failed: {} of {} ({}).", thousands(i.failed_requests), thousands(i.requests), format::pct(pct_failed)) }</p>
            <p class="replay">{ "Replay it: " }<code>{ format!("incident-sim run {} --seed {} --actions run.json --json", s.meta.id, session.seed) }</code>
                { " gives trace hash " }<code data-testid="final-hash">{ hash }</code></p>
            <div class="buttons">
                <button type="button" class="primary" onclick={props.on_again.reform(|_| true)}>{ "Try again (same seed)" }</button>
                <button type="button" onclick={props.on_again.reform(|_| false)}>{ "Try again (new seed)" }</button>
                <button type="button" onclick={props.on_download.reform(|_| ())}>{ "Download this run" }</button>
                <button type="button" onclick={props.on_library.reform(|_| ())}>{ "Back to the library" }</button>
            </div>
        </main>
    }
}
