//! The debrief: the score, the race against the real team, the phases, the impact side by side,
//! the detours on both sides, what the real team learned, and the postmortem draft.

use std::rc::Rc;

use yew::prelude::*;

use crate::scenario::{Learning, Scenario};
use crate::score::{Debrief, Detour, ImpactSummary};
use crate::sim::render::thousands;
use crate::ui::components::deferred::Deferred;
use crate::ui::components::postmortem::Postmortem;
use crate::ui::components::race::Race;
use crate::ui::components::share::ShareRun;
use crate::ui::components::use_session;
use crate::ui::session::Session;
use crate::ui::view::format;
use crate::ui::view::verdict::{self, clock};

#[derive(Properties, PartialEq)]
pub struct EndProps {
    pub dark: bool,
    /// The best score before this run, if the trainee had one.
    pub best_before: Option<f64>,
    /// The run has been compared with the real team (a frame after it ended).
    pub scored: bool,
    pub on_again: Callback<bool>,
    /// Download the run file.
    pub on_download: Callback<crate::record::RunFile>,
    pub on_postmortem: Callback<String>,
    pub on_announce: Callback<String>,
    pub on_library: Callback<()>,
}

/// One impact row: what, you, the real team.
fn row(what: &str, you: String, real: String) -> Html {
    html! { <tr><th scope="row">{ what.to_string() }</th><td>{ you }</td><td>{ real }</td></tr> }
}

fn detour_list(scenario: &Scenario, title: &str, list: &[Detour], minutes: f64) -> Html {
    let items = list.iter().map(|d| {
        html! {
            <li>
                <span class="when">{ d.at.clock.clone() }</span>{ " " }
                <strong>{ scenario.action_title(&d.action) }</strong>
                { format!(" ({:.0} min): {}", d.minutes, d.reason) }
            </li>
        }
    });
    html! {
        <div class="detours-side">
            <h3>{ format!("{title}: {} ({minutes:.0} min)", list.len()) }</h3>
            if list.is_empty() { <p class="meta">{ "None." }</p> } else { <ul>{ for items }</ul> }
        </div>
    }
}

fn impact_table(
    currency: &str,
    scenario: &Scenario,
    you: &ImpactSummary,
    impact: &ImpactSummary,
) -> Html {
    let at = |t: Option<u32>| t.map_or("-".to_string(), |t| format::clock(scenario, t));
    let minutes = |m: Option<u32>| m.map_or("not restored".to_string(), |m| format!("{m} min"));
    let money = |v: f64| format!("{currency} {}", thousands(v));
    html! {
        <table class="milestones impact-vs">
            <thead><tr><th scope="col">{ "Impact" }</th><th scope="col">{ "You" }</th><th scope="col">{ "Real team (same seed)" }</th></tr></thead>
            <tbody>
                { row("Outage started", at(you.outage_started_at), at(impact.outage_started_at)) }
                { row("Service restored", at(you.restored_at), at(impact.restored_at)) }
                { row("Minutes to restore", minutes(you.minutes_to_restore()), minutes(impact.minutes_to_restore())) }
                { row("Peak users affected", format::pct(you.peak_users_affected_pct), format::pct(impact.peak_users_affected_pct)) }
                { row("User-minutes of errors", thousands(you.user_minutes), thousands(impact.user_minutes)) }
                if scenario.sells() {
                    { row("Orders lost", thousands(you.failed_orders), thousands(impact.failed_orders)) }
                    { row("Revenue lost", money(you.revenue_lost), money(impact.revenue_lost)) }
                }
            </tbody>
        </table>
    }
}

#[component]
pub fn End(props: &EndProps) -> Html {
    let shared = use_session();
    let Some(session) = shared.get() else {
        return html! {};
    };
    let Some(finished) = session.debrief().filter(|_| props.scored) else {
        return html! {
            <main class="screen end debrief" id="main">
                <h1>{ "Comparing your run with the real team…" }</h1>
            </main>
        };
    };
    let scenario = Rc::clone(&session.scenario);
    let s = &*scenario;
    let d = &finished.debrief;
    let hash = session
        .final_hash()
        .map(|h| format!("{h:016x}"))
        .unwrap_or_default();
    html! {
        <main class="screen end debrief" id="main">
            { head(&session, d, props.best_before) }
            <div class="buttons">
                <button type="button" class="primary" onclick={props.on_again.reform(|_| true)}>{ "Try again (same seed)" }</button>
                <button type="button" onclick={props.on_again.reform(|_| false)}>{ "Try again (new seed)" }</button>
                <button type="button" onclick={props.on_library.reform(|_| ())}>{ "Back to the library" }</button>
            </div>
            <ShareRun on_download={props.on_download.clone()} />
            { hints_used(&session) }
            { crate::ui::components::room_debrief::room(&session) }
            <section aria-labelledby="race-h">
                <h2 id="race-h">{ "The race against the real team" }</h2>
                <Race scenario={Rc::clone(&scenario)} finished={Rc::clone(&finished)} dark={props.dark} />
            </section>
            // The tables and the postmortem a frame after the score and the race.
            <Deferred>
                <div class="debrief-grid">
                    { phase_table(d) }
                    <section aria-labelledby="impact-h">
                        <h2 id="impact-h">{ "Impact (to the time limit)" }</h2>
                        { impact_table(&d.header.currency, s, &d.run.impact, &d.real_team.impact) }
                    </section>
                </div>
                <section aria-labelledby="detours-h">
                    <h2 id="detours-h">{ "Detours" }</h2>
                    <div class="detours">
                        { detour_list(s, "Yours", &d.run.detours, d.run.detour_minutes) }
                        { detour_list(s, "The real team's", &d.real_team.detours, d.real_team.detour_minutes) }
                    </div>
                </section>
                { milestone_table(d) }
                { learned(s, d) }
                <Postmortem scenario={Rc::clone(&scenario)} finished={Rc::clone(&finished)}
                    on_download={props.on_postmortem.clone()} on_announce={props.on_announce.clone()} />
                <p class="replay">{ "Replay it: " }<code>{ "incident-sim replay RUNFILE" }</code>
                    { " (the run file downloaded above) gives this score and trace hash " }<code data-testid="final-hash">{ hash }</code></p>
            </Deferred>
        </main>
    }
}

/// The headline, the verdict and the score card.
fn head(session: &Session, debrief: &Debrief, best_before: Option<f64>) -> Html {
    let s = &session.scenario;
    html! {
        <header class="debrief-head">
            <div>
                <h1>{ verdict::headline(debrief) }</h1>
                <p class="verdict">{ verdict::verdict(s, session.ending(), debrief) }</p>
                <p class="meta">{ format!("{} · seed {}", s.meta.title, session.seed()) }</p>
            </div>
            <div class="score-card" role="group" aria-label="Score">
                <span class="score-value" data-testid="score">{ format::score(debrief.score) }</span>
                <span class="score-of">{ "of 100" }</span>
                <span class="score-note">{ format!("{}; the real team's path scores 50", verdict::outcome_words(debrief.outcome)) }</span>
                <span class="score-note">{ verdict::best_line(debrief.score, best_before) }</span>
            </div>
        </header>
    }
}

/// The hints shown, when the trainee played with hints on.
fn hints_used(session: &Session) -> Html {
    let Some(h) = session.hints() else {
        return html! {};
    };
    let s = &session.scenario;
    html! {
        <section aria-labelledby="hints-h" class="hints-used">
            <h2 id="hints-h">{ "Hints" }</h2>
            <p>{ format!("You played with hints on: {} shown.", h.shown.len()) }</p>
            <ul>{ for h.shown.iter().map(|x| html! { <li><span class="meta">{ format!("{} ", format::clock(s, x.tick)) }</span>{ x.text.clone() }</li> }) }</ul>
        </section>
    }
}

/// The score phase by phase, the harm line and how the points became the score.
fn phase_table(debrief: &Debrief) -> Html {
    let phases = debrief.phases.iter().map(|p| {
        html! {
            <tr>
                <th scope="row" title={p.rule}>{ p.title }</th>
                <td>{ clock(&p.reached_at) }</td><td>{ clock(&p.reference_at) }</td>
                <td>{ verdict::phase_difference(p) }</td><td class="num">{ format!("{:.1} / {:.0}", p.points, p.weight) }</td>
            </tr>
        }
    });
    html! {
        <section aria-labelledby="phases-h">
            <h2 id="phases-h">{ "Score by phase" }</h2>
            <table class="milestones phases">
                <thead><tr><th scope="col">{ "Phase" }</th><th scope="col">{ "You" }</th><th scope="col">{ "Real team" }</th><th scope="col">{ "Difference" }</th><th scope="col">{ "Points" }</th></tr></thead>
                <tbody>
                    { for phases }
                    <tr>
                        <th scope="row" title="user-minutes of errors, and failed orders where the service sells, against the real team's">{ "Harm" }</th>
                        <td colspan="3">{ format!("your users met {:.0}% of the real team's harm", 100.0 * debrief.harm.ratio) }</td>
                        <td class="num">{ format!("{:.1} / {:.0}", debrief.harm.points, debrief.harm.weight) }</td>
                    </tr>
                </tbody>
                <tfoot>
                    <tr><th scope="row">{ "Points" }</th><td colspan="3"></td><td class="num">{ format!("{:.1} / 100", debrief.points) }</td></tr>
                    <tr><th scope="row">{ "Score" }</th><td colspan="3">{ debrief.explanation.clone() }</td><td class="num">{ format!("{:.1}", debrief.score) }</td></tr>
                </tfoot>
            </table>
            if debrief.guessed {
                <p class="meta">{ "You declared the root cause before any evidence for it: a guess, counted only once the evidence was in." }</p>
            }
            <p class="meta">{ "Half of each line's points at the real team's time (or harm), more for sooner (or less), less for later. A resolved incident scores 35-100, one only mitigated 15-34, neither 0-14." }</p>
        </section>
    }
}

/// The milestones, the trainee's time beside the real team's.
fn milestone_table(debrief: &Debrief) -> Html {
    let milestones = debrief.milestones.iter().map(|m| {
        html! { <tr><th scope="row">{ m.title.clone() }</th><td>{ clock(&m.reached_at) }</td><td>{ clock(&m.reference_at) }</td><td>{ verdict::milestone_difference(m) }</td></tr> }
    });
    html! {
        <section aria-labelledby="milestones-h">
            <h2 id="milestones-h">{ "You and the real team, milestone by milestone" }</h2>
            <table class="milestones">
                <thead><tr><th scope="col">{ "Milestone" }</th><th scope="col">{ "You" }</th><th scope="col">{ "Real team" }</th><th scope="col">{ "Difference" }</th></tr></thead>
                <tbody>{ for milestones }</tbody>
            </table>
        </section>
    }
}

/// What the real team learned and changed, each with its source.
fn learned(scenario: &Scenario, debrief: &Debrief) -> Html {
    if debrief.lessons.is_empty() && debrief.corrective_measures.is_empty() {
        return html! {};
    }
    let list = |list: &[Learning]| -> Html {
        html! { <ul>{ for list.iter().map(|l| html! { <li>{ l.text.clone() }<span class="source">{ format!(" ({})", verdict::source_title(scenario, &l.source)) }</span></li> }) }</ul> }
    };
    html! {
        <section aria-labelledby="learned-h" class="learned">
            <h2 id="learned-h">{ "What the real team learned and changed" }</h2>
            { list(&debrief.lessons) }
            <h3>{ "Their corrective measures" }</h3>
            { list(&debrief.corrective_measures) }
        </section>
    }
}
