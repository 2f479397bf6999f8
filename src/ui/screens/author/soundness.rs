//! Soundness: "Check soundness" runs the solver in its own worker (progress, cancel), and its
//! report says whether the scenario is sound and why not.

use yew::prelude::*;

use crate::prove::SolveReport;
use crate::ui::desk::{Desk, Msg, Search, SEARCH_SEEDS};
use crate::ui::view::author::{verdict, SOUND_MEANS};

pub fn search_section(desk: &Desk, send: &Callback<Msg>) -> Html {
    let start = send.reform(|_| Msg::StartSearch);
    let cancel = send.reform(|_| Msg::CancelSearch);
    let body = match &desk.search {
        Search::Idle => html! {
            <p class="meta">{ format!("{SOUND_MEANS} The search tries {SEARCH_SEEDS} seeds.") }</p>
        },
        Search::Running(p) => {
            let pct = (p.done * 100.0).round();
            html! {
                <div class="search-progress">
                    <label for="search-progress">{ format!("Searching seed {} of {}: {pct:.0}%", p.seed + 1, p.seeds) }</label>
                    <progress id="search-progress" max="100" value={pct.to_string()}></progress>
                    <button type="button" onclick={cancel}>{ "Cancel" }</button>
                </div>
            }
        }
        Search::Stopped(why) => html! { <p class="meta">{ why.clone() }</p> },
        Search::Done(report) => report_html(report),
    };
    let running = matches!(desk.search, Search::Running(_));
    html! {
        <section class="soundness" aria-label="Soundness">
            <h2>{ "Soundness" }</h2>
            <button type="button" onclick={start} disabled={running}>{ "Check soundness" }</button>
            { body }
        </section>
    }
}

fn report_html(report: &SolveReport) -> Html {
    let v = verdict(report);
    let calibration = report.calibration.as_ref().map(|k| {
        let pair = |what: &str,
                    p: &Option<(
            crate::score::debrief::Stamp,
            Option<crate::score::debrief::Stamp>,
        )>| {
            p.as_ref().map(|(want, got)| {
                format!(
                    "{what} {} (write-up {})",
                    got.as_ref().map_or("never", |g| g.clock.as_str()),
                    want.clock
                )
            })
        };
        let parts: Vec<String> = [
            pair("outage", &k.outage_start),
            pair("restored", &k.restored),
        ]
        .into_iter()
        .flatten()
        .collect();
        format!(
            "Calibration {} within {} min: {}",
            if k.holds { "holds" } else { "does not hold" },
            k.within_min,
            parts.join(", ")
        )
    });
    let seeds = report.seeds.iter().map(|s| {
        let at = |t: &Option<crate::score::debrief::Stamp>| t.as_ref().map_or("never".to_string(), |t| t.clock.clone());
        html! {
            <li>
                <strong>{ format!("Seed {}", s.seed) }</strong>
                { format!(": the real team restores {}, doing nothing {}, the fastest path found {}", at(&s.reference_restored_at), at(&s.idle_restored_at), s.best_outcome()) }
                if !s.best_path.is_empty() {
                    <ol class="path">{ for s.best_path.iter().map(|p| html! { <li><code>{ format!("{} {}", p.at.clock, p.action) }</code></li> }) }</ol>
                }
                if !s.problems.is_empty() {
                    <ul class="search-problems">{ for s.problems.iter().map(|p| html! { <li>{ p }</li> }) }</ul>
                }
            </li>
        }
    });
    html! {
        <div class={classes!("report", if report.sound { "sound" } else { "unsound" })}>
            <p class="verdict" role="status">{ v.headline }</p>
            if !v.reasons.is_empty() {
                <ul class="reasons" aria-label="Why it is not sound">{ for v.reasons.iter().map(|p| html! { <li>{ p }</li> }) }</ul>
            }
            if let Some(a) = v.advice { <p class="advice">{ a }</p> }
            if let Some(c) = calibration { <p>{ c }</p> }
            <ul class="seeds">{ for seeds }</ul>
        </div>
    }
}
