//! The library: built-in scenarios as cards, the trainee's best result on each, and a scenario
//! file opened from disk (validated here, its errors listed with line and column).

use std::rc::Rc;

use yew::prelude::*;

use crate::scenario::{Diagnostic, Scenario};
use crate::ui::browser;
use crate::ui::components::open_run::OpenRun;
use crate::ui::pages;
use crate::ui::progress::{self, Step, StepState};
use crate::ui::view::format;

#[derive(Properties, PartialEq)]
pub struct LibraryProps {
    pub scenarios: Vec<Rc<Scenario>>,
    /// (scenario id, "restored 16:37 · 3 attempts")
    pub best: Vec<(String, String)>,
    pub notice: Option<AttrValue>,
    /// A saved session that can resume: its description.
    pub resume: Option<AttrValue>,
    pub on_resume: Callback<bool>,
    pub on_open: Callback<Rc<Scenario>>,
    /// A file was picked: (name, text).
    pub on_file: Callback<web_sys::File>,
    pub file_errors: Vec<Diagnostic>,
    /// The onboarding track over the built-ins.
    pub track: Vec<Step>,
    pub progress_note: Option<AttrValue>,
    pub on_export: Callback<()>,
    pub on_import: Callback<web_sys::File>,
    /// A run file picked, a share link pasted, and why the last run could not be opened.
    pub on_run_file: Callback<web_sys::File>,
    pub on_run_link: Callback<String>,
    pub run_error: Option<AttrValue>,
}

#[component]
pub fn Library(props: &LibraryProps) -> Html {
    let cards = props.scenarios.iter().map(|s| card(s, props));
    let onchange = browser::on_file_picked(props.on_file.clone());
    let track = track_section(props);
    let resume = props.resume.clone().map(|text| {
        let yes = props.on_resume.reform(|_| true);
        let no = props.on_resume.reform(|_| false);
        html! {
            <section class="resume" aria-label="Saved session">
                <p>{ text }</p>
                <button type="button" class="primary" onclick={yes}>{ "Resume" }</button>
                <button type="button" onclick={no}>{ "Discard" }</button>
            </section>
        }
    });
    html! {
        <main class="screen library" id="main">
            <h1>{ "Incidents" }</h1>
            <p class="lede">{ "Pick an outage to fight. The clock runs while you think; every action costs time." }</p>
            if let Some(n) = &props.notice { <p class="notice" role="status">{ n.clone() }</p> }
            { for resume }
            { track }
            <h2 class="library-h">{ "The whole library" }</h2>
            <ul class="cards">{ for cards }</ul>
            <OpenRun on_file={props.on_run_file.clone()} on_link={props.on_run_link.clone()} error={props.run_error.clone()} />
            <section class="open-file">
                <h2>{ "Your own scenario" }</h2>
                <label for="scenario-file" class="file-label">{ "Open a scenario file" }</label>
                <input id="scenario-file" type="file" accept=".toml,text/plain" {onchange} />
                <a class="button" href={pages::AUTHOR}>{ "Write a scenario" }</a>
                <a class="button" href={pages::COHORT}>{ "Review a cohort's runs" }</a>
                if !props.file_errors.is_empty() {
                    <div class="file-errors" role="alert">
                        <p>{ format!("The file has {} problem(s):", props.file_errors.len()) }</p>
                        <ul>{ for props.file_errors.iter().map(|d| html! {
                            <li>
                                <code>{ format!("line {}, column {}", d.line, d.column) }</code>
                                { " " }<strong>{ if d.path.is_empty() { String::new() } else { format!("{}: ", d.field()) } }</strong>
                                { &d.message }
                                if let Some(h) = &d.help { <span class="help">{ format!(" ({h})") }</span> }
                            </li>
                        }) }</ul>
                    </div>
                }
            </section>
        </main>
    }
}

/// One scenario's card: what it is, how long it takes, your best, where it sits on the track.
fn card(shown: &Rc<Scenario>, props: &LibraryProps) -> Html {
    let best = props
        .best
        .iter()
        .find(|(id, _)| *id == shown.meta.id)
        .map_or("not played yet".to_string(), |(_, b)| b.clone());
    let on_open = props.on_open.clone();
    let scenario = Rc::clone(shown);
    let on_track = progress::card_note(&props.track, &shown.meta.id);
    html! {
        <li class="card">
            <h2>{ &shown.meta.title }</h2>
            <p class="summary">{ &shown.meta.summary }</p>
            <p class="meta">
                <span class="badge">{ shown.meta.difficulty.id() }</span>
                <span>{ format!("{} · {}", shown.clock.date, format::clock(shown, 0)) }</span>
            </p>
            <p class="meta">{ format::expected_length(shown) }</p>
            <p class="meta">{ format::drill_note(shown) }</p>
            <p class="best">{ format!("Your best: {best}") }</p>
            if let Some(note) = on_track { <p class="meta on-track">{ note }</p> }
            <button type="button" class="primary" onclick={Callback::from(move |_| on_open.emit(Rc::clone(&scenario)))}
                aria-label={format!("Open {}", shown.meta.title)}>{ "Open" }</button>
        </li>
    }
}

/// The onboarding track: each incident in order, resolved, next or later (a suggested order:
/// every step plays); "Continue" opens the next; progress goes out and comes back as a file.
fn track_section(props: &LibraryProps) -> Html {
    let open = |id: &str| {
        let scenario = props.scenarios.iter().find(|s| s.meta.id == id).cloned();
        let on_open = props.on_open.clone();
        Callback::from(move |_| {
            if let Some(s) = &scenario {
                on_open.emit(Rc::clone(s));
            }
        })
    };
    let done = props
        .track
        .iter()
        .filter(|s| s.state == StepState::Done)
        .count();
    let next = progress::next(&props.track).map(|step| {
        html! {
            <button type="button" class="primary" onclick={open(&step.id)}>
                { format!("Continue: {}", step.title) }
            </button>
        }
    });
    let steps = props.track.iter().enumerate().map(|(i, step)| {
        let class = match &step.state {
            StepState::Done => "done",
            StepState::Next => "next",
            StepState::Later { .. } => "later",
        };
        html! {
            <li class={classes!("step", class)}>
                <span class="step-n">{ i + 1 }</span>
                <span class="step-text">
                    <span class="step-title">{ &step.title }</span>
                    <span class="step-status">{ step.state.label() }</span>
                </span>
                <button type="button" onclick={open(&step.id)} aria-label={format!("Play {}", step.title)}>{ "Play" }</button>
            </li>
        }
    });
    let on_import = browser::on_file_picked(props.on_import.clone());
    html! {
        <section class="track" aria-labelledby="track-h">
            <div class="track-head">
                <h2 id="track-h">{ "Onboarding track" }</h2>
                <span class="meta">{ format!("{done} of {} resolved", props.track.len()) }</span>
                { for next }
            </div>
            <ol class="steps">{ for steps }</ol>
            <div class="track-files">
                <button type="button" onclick={props.on_export.reform(|_| ())}>{ "Export progress" }</button>
                <label class="file-label" for="progress-file">{ "Import progress" }</label>
                <input id="progress-file" type="file" accept=".json,application/json" onchange={on_import} />
                if let Some(n) = &props.progress_note { <p class="meta" role="status">{ n.clone() }</p> }
            </div>
        </section>
    }
}
