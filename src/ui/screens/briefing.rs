//! The briefing: who you are, the system, what pages you, the time; Start.

use std::rc::Rc;

use yew::prelude::*;

use crate::scenario::Scenario;
use crate::sim::Comparison;
use crate::ui::view::format;

#[derive(Properties, PartialEq)]
pub struct BriefingProps {
    pub scenario: Rc<Scenario>,
    pub seed: u64,
    /// Start, with hints on or off.
    pub on_start: Callback<bool>,
    pub on_back: Callback<()>,
}

#[component]
pub fn Briefing(props: &BriefingProps) -> Html {
    let s = &props.scenario;
    let c = &s.config;
    let pages = c.alerts.iter().map(|a| {
        html! { <li>{ format!("{} ({}: {} {} {})", a.title, a.severity, a.metric.id(),
        if a.comparison == Comparison::Above { ">" } else { "<" }, a.threshold) }</li> }
    });
    // A scenario with its own coaching starts with hints on; any other can have them.
    let hints = use_state(|| !s.hints.is_empty());
    let start = {
        let hints = hints.clone();
        props.on_start.reform(move |_| *hints)
    };
    let toggle = {
        let hints = hints.clone();
        Callback::from(move |_| hints.set(!*hints))
    };
    let hint_help = if s.hints.is_empty() {
        "Hints show the real team's next step once you are paged. Your debrief notes that you used them."
    } else {
        "This scenario coaches you through the console as you go. Your debrief notes that you used hints."
    };
    let back = props.on_back.reform(|_| ());
    html! {
        <main class="screen briefing" id="main">
            <p class="meta">{ format!("{} · {} · {}", crate::scenario::date_words(&s.clock.date), format::clock(s, 0), s.meta.difficulty.id()) }</p>
            <h1>{ &s.meta.title }</h1>
            <p class="summary">{ &s.meta.summary }</p>
            { for s.meta.briefing.split("\n\n").map(|p| html! { <p>{ p.trim() }</p> }) }
            <h2>{ "The system" }</h2>
            <ul>
                { for format::system(s).into_iter().map(|line| html! { <li>{ line }</li> }) }
                <li>{ format!("SLO: errors under {}%, p95 under {} ms", c.slo.error_rate_pct, c.slo.latency_ms_p95) }</li>
            </ul>
            <h2>{ "What pages you" }</h2>
            <ul>{ for pages }</ul>
            <p class="meta">{ format!("Time limit {} · seed {}", format::duration(c.duration_s), props.seed) }</p>
            <p class="hint-toggle">
                <label><input type="checkbox" checked={*hints} onchange={toggle} />{ " Show hints" }</label>
                <span class="meta">{ format!(" {hint_help}") }</span>
            </p>
            <div class="buttons">
                <button type="button" class="primary" onclick={start}>{ "Start" }</button>
                <button type="button" onclick={back}>{ "Back to the library" }</button>
            </div>
        </main>
    }
}
