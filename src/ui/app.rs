//! The app: the reducer, the running session, saves, and the screen switch. Components get data
//! and callbacks; the simulation lives in the session, outside the reducer.

use std::rc::Rc;

use yew::prelude::*;

use super::components::SessionRef;
use super::hooks::{use_frame_loop, use_keys};
use super::screens::{briefing::Briefing, console::Console, end::End, library::Library};
use super::session::Session;
use super::state::{Msg, Screen, Speed, UiState};
use super::storage::{self, local, Best, Save, BEST_KEY, SESSION_KEY};
use crate::scenario::{library, Diagnostic, Scenario};
use crate::sim::{Action, ActionError, EventKind};
use crate::ui::view::format;

/// What the app keeps besides the reducer: the session, the text of a scenario opened from disk,
/// a resumable save, the last download's object URL, a file being read.
#[derive(Default)]
struct Keep {
    file_text: Option<String>,
    resumable: Option<storage::Resumed>,
    download: Option<gloo::file::ObjectUrl>,
    reader: Option<gloo::file::callbacks::FileReader>,
    last_saved_minute: u32,
}

fn save(session: &Session, keep: &Keep) {
    let text = Save::of(session, keep.file_text.as_deref()).encode();
    let _ = local::write(SESSION_KEY, &text);
}

fn busy_words(session: &Session, e: &ActionError) -> String {
    match e {
        ActionError::Busy { until } => format!(
            "still busy with the previous action until {}",
            format::clock_seconds(&session.scenario, *until)
        ),
        other => other.to_string(),
    }
}

/// A seed for "a different afternoon": the page's clock mixed into 64 bits. Any value is a valid
/// seed; the one drawn is shown and saved with the run.
fn new_seed() -> u64 {
    let (origin, now) = web_sys::window()
        .and_then(|w| w.performance())
        .map_or((0.0, 0.0), |p| (p.time_origin(), p.now()));
    crate::sim::rng::mix64(origin.to_bits() ^ now.to_bits().rotate_left(32))
}

fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Shows a readable error screen instead of a white page, with the seed and the run to copy.
fn install_panic_screen() {
    std::panic::set_hook(Box::new(|info| {
        let run = local::read(SESSION_KEY).unwrap_or_else(|| "(no saved run)".into());
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(body) = doc.body() else { return };
        body.set_text_content(None);
        let add = |tag: &str, text: &str| {
            if let Ok(el) = doc.create_element(tag) {
                el.set_text_content(Some(text));
                let _ = body.append_child(&el);
            }
        };
        add("h1", "The trainer hit a bug and stopped");
        add("p", &format!("{info}"));
        add("p", "Your run so far is below (scenario, seed and actions). Copy it into a bug report; reloading the page offers to resume it.");
        add("pre", &run);
    }));
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(UiState::default);
    let session = use_memo((), |_| SessionRef::default());
    let session = (*session).clone();
    let keep = use_mut_ref(Keep::default);
    let scenarios = use_memo((), |_| {
        library::BUILTIN
            .iter()
            .filter_map(|(id, _)| library::builtin(id).map(Rc::new))
            .collect::<Vec<_>>()
    });
    let opened = use_state(|| None::<Rc<Scenario>>);
    let file_errors = use_state(Vec::<Diagnostic>::new);
    let best = use_state(|| Best::decode(local::read(BEST_KEY).as_deref()));
    let resume_text = use_state(|| None::<String>);
    let message = use_state(String::new);
    let dark = use_memo((), |_| prefers_dark());

    // On first load: the panic screen, and a saved session to resume or a notice why not.
    {
        let keep = keep.clone();
        let resume_text = resume_text.clone();
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            install_panic_screen();
            if let Some(text) = local::read(SESSION_KEY) {
                match storage::decode(&text) {
                    Ok(resumed) => {
                        let s = &resumed.session;
                        resume_text.set(Some(format!(
                            "You have a session of \"{}\" in progress, at {} with {} action(s) taken.",
                            s.scenario.meta.title,
                            format::clock(&s.scenario, s.tick()),
                            s.actions().len()
                        )));
                        keep.borrow_mut().resumable = Some(resumed);
                    }
                    Err(why) => {
                        local::remove(SESSION_KEY);
                        dispatcher.dispatch(Msg::Notice(Some(why)));
                    }
                }
            }
        });
    }

    let finish = {
        let session = session.clone();
        let dispatcher = state.dispatcher();
        let best = best.clone();
        Callback::from(move |_: ()| {
            let Some(s) = session.get() else { return };
            let mut record = (*best).clone();
            record.record(&s.scenario.meta.id, s.sim().trace().impact.restored_at);
            let _ = local::write(BEST_KEY, &record.encode());
            best.set(record);
            local::remove(SESSION_KEY);
            dispatcher.dispatch(Msg::Show(Screen::End, s.tick()));
        })
    };

    let on_ticks = {
        let session = session.clone();
        let dispatcher = state.dispatcher();
        let keep = keep.clone();
        let finish = finish.clone();
        Callback::from(move |n: u32| {
            let mut announce = Vec::new();
            let (advanced, tick, ready) = {
                let mut guard = session.0.borrow_mut();
                let Some(s) = guard.as_mut() else { return };
                let before_tick = s.tick();
                let before = s.sim().trace().events.events.len();
                let advanced = s.advance(n);
                let trace = s.sim().trace();
                for e in &trace.events.events[before.min(trace.events.events.len())..] {
                    if let EventKind::AlertFired { rule, .. } = e.kind {
                        if let Some(r) = s.scenario.config.alerts.get(rule as usize) {
                            announce.push(format!("Alert firing: {}", r.title));
                        }
                    }
                }
                let ready = trace
                    .findings
                    .iter()
                    .rposition(|f| f.ready_at > before_tick && f.ready_at <= s.tick());
                if let Some(i) = ready {
                    announce.push(format!("Finding ready: {}", trace.findings[i].action));
                }
                let minute = s.tick() / 60;
                let mut k = keep.borrow_mut();
                if advanced.ended.is_none() && minute != k.last_saved_minute {
                    k.last_saved_minute = minute;
                    save(s, &k);
                }
                (advanced, s.tick(), ready)
            };
            dispatcher.dispatch(Msg::Advanced {
                tick,
                scraped: advanced.scrapes > 0 || ready.is_some(),
            });
            if let Some(i) = ready {
                dispatcher.dispatch(Msg::OpenFinding(Some(i)));
            }
            if !announce.is_empty() {
                dispatcher.dispatch(Msg::Announce(announce.join(". ")));
            }
            if advanced.ended.is_some() {
                finish.emit(());
            }
        })
    };
    let running = state.screen == Screen::Console;
    use_frame_loop(
        if running { state.speed.factor() } else { 0.0 },
        on_ticks.clone(),
    );
    {
        let dispatcher = state.dispatcher();
        use_keys(Callback::from(move |key: String| {
            if key == " " {
                dispatcher.dispatch(Msg::TogglePause);
            } else if let Some(speed) = Speed::from_key(&key) {
                dispatcher.dispatch(Msg::SetSpeed(speed));
            }
        }));
    }

    let on_take = {
        let session = session.clone();
        let dispatcher = state.dispatcher();
        let keep = keep.clone();
        let message = message.clone();
        Callback::from(move |action: Action| {
            let mut guard = session.0.borrow_mut();
            let Some(s) = guard.as_mut() else { return };
            match s.take(action.clone()) {
                Ok(()) => {
                    save(s, &keep.borrow());
                    let ready = s.sim().trace().findings.last().map_or(0, |f| f.ready_at);
                    message.set(String::new());
                    dispatcher.dispatch(Msg::Acted);
                    dispatcher.dispatch(Msg::Announce(format!(
                        "{action}: under way, done at {}",
                        format::clock_seconds(&s.scenario, ready)
                    )));
                }
                Err(e) => {
                    let words = format!("{action}: {}", busy_words(s, &e));
                    message.set(words.clone());
                    dispatcher.dispatch(Msg::Announce(words));
                }
            }
        })
    };

    let open_scenario = {
        let session = session.clone();
        let dispatcher = state.dispatcher();
        let keep = keep.clone();
        let opened = opened.clone();
        Callback::from(move |(scenario, seed): (Rc<Scenario>, Option<u64>)| {
            let seed = seed.unwrap_or(scenario.seed);
            let from_file = opened.as_ref().is_some_and(|o| Rc::ptr_eq(o, &scenario));
            if !from_file {
                keep.borrow_mut().file_text = None;
            }
            *session.0.borrow_mut() = Some(Session::new(scenario, seed));
            dispatcher.dispatch(Msg::Show(Screen::Briefing, 0));
        })
    };

    let screen = match state.screen {
        Screen::Library => {
            let mut list: Vec<Rc<Scenario>> = (*scenarios).clone();
            if let Some(o) = opened.as_ref() {
                list.push(Rc::clone(o));
            }
            let best_lines: Vec<(String, String)> = best
                .results
                .iter()
                .map(|r| {
                    let when = list
                        .iter()
                        .find(|s| s.meta.id == r.scenario_id)
                        .map_or(String::new(), |s| format::clock(s, r.restored_at));
                    (
                        r.scenario_id.clone(),
                        format!("restored at {when} · {} attempt(s)", r.attempts),
                    )
                })
                .collect();
            let on_resume = {
                let session = session.clone();
                let keep = keep.clone();
                let dispatcher = state.dispatcher();
                let resume_text = resume_text.clone();
                Callback::from(move |yes: bool| {
                    let taken = keep.borrow_mut().resumable.take();
                    resume_text.set(None);
                    match (yes, taken) {
                        (true, Some(r)) => {
                            let tick = r.session.tick();
                            keep.borrow_mut().file_text = r.scenario_text;
                            *session.0.borrow_mut() = Some(r.session);
                            dispatcher.dispatch(Msg::Show(Screen::Console, tick));
                        }
                        _ => local::remove(SESSION_KEY),
                    }
                })
            };
            let on_file = {
                let keep = keep.clone();
                let opened = opened.clone();
                let file_errors = file_errors.clone();
                let keep_inner = keep.clone();
                Callback::from(move |file: web_sys::File| {
                    let name = file.name();
                    let blob = gloo::file::File::from(file);
                    let opened = opened.clone();
                    let file_errors = file_errors.clone();
                    let keep_inner = keep_inner.clone();
                    let reader = gloo::file::callbacks::read_as_text(&blob, move |result| {
                        let text = match result {
                            Ok(t) => t,
                            Err(e) => {
                                file_errors.set(vec![Diagnostic {
                                    file: name.clone(),
                                    line: 0,
                                    column: 0,
                                    path: String::new(),
                                    message: format!("the file could not be read as text: {e}"),
                                    help: None,
                                    source_line: None,
                                }]);
                                return;
                            }
                        };
                        match crate::scenario::parse(&name, &text) {
                            Ok(s) => {
                                file_errors.set(Vec::new());
                                keep_inner.borrow_mut().file_text = Some(text);
                                opened.set(Some(Rc::new(s)));
                            }
                            Err(e) => file_errors.set(e.diagnostics),
                        }
                    });
                    keep.borrow_mut().reader = Some(reader);
                })
            };
            html! {
                <Library scenarios={list} best={best_lines} notice={state.notice.clone().map(AttrValue::from)}
                    resume={(*resume_text).clone().map(AttrValue::from)} {on_resume}
                    on_open={open_scenario.reform(|s| (s, None))} {on_file} file_errors={(*file_errors).clone()} />
            }
        }
        Screen::Briefing => match session.get().map(|s| (Rc::clone(&s.scenario), s.seed)) {
            Some((scenario, seed)) => {
                let dispatcher = state.dispatcher();
                let keep = keep.clone();
                let session2 = session.clone();
                let on_start = Callback::from(move |_| {
                    if let Some(s) = session2.get() {
                        save(&s, &keep.borrow());
                    }
                    dispatcher.dispatch(Msg::Show(Screen::Console, 0));
                    dispatcher.dispatch(Msg::SetSpeed(Speed::X10));
                });
                let dispatcher = state.dispatcher();
                let on_back =
                    Callback::from(move |_| dispatcher.dispatch(Msg::Show(Screen::Library, 0)));
                html! { <Briefing {scenario} {seed} {on_start} {on_back} /> }
            }
            None => html! {},
        },
        Screen::Console => {
            let dispatcher = state.dispatcher();
            let on_speed = Callback::from(move |s| dispatcher.dispatch(Msg::SetSpeed(s)));
            let on_minute = on_ticks.reform(|_| 60);
            let on_stop = {
                let session = session.clone();
                let finish = finish.clone();
                Callback::from(move |_| {
                    if let Some(s) = session.0.borrow_mut().as_mut() {
                        s.stop();
                    }
                    finish.emit(());
                })
            };
            let dispatcher = state.dispatcher();
            let on_ack = Callback::from(move |k| dispatcher.dispatch(Msg::Acknowledge(k)));
            let dispatcher = state.dispatcher();
            let on_open = Callback::from(move |f| dispatcher.dispatch(Msg::OpenFinding(f)));
            html! {
                <Console state={(*state).clone()} session={session.clone()} dark={*dark}
                    message={(*message).clone()} {on_take} {on_speed} {on_minute} {on_stop} {on_ack} {on_open} />
            }
        }
        Screen::End => {
            let on_again = {
                let session = session.clone();
                let open = open_scenario.clone();
                Callback::from(move |same: bool| {
                    let Some((scenario, seed)) =
                        session.get().map(|s| (Rc::clone(&s.scenario), s.seed))
                    else {
                        return;
                    };
                    open.emit((scenario, Some(if same { seed } else { new_seed() })));
                })
            };
            let on_download = {
                let session = session.clone();
                let keep = keep.clone();
                Callback::from(move |_| {
                    let Some(s) = session.get() else { return };
                    let blob = gloo::file::Blob::new_with_options(
                        s.actions_json().as_str(),
                        Some("application/json"),
                    );
                    let url = gloo::file::ObjectUrl::from(blob);
                    let name = format!("{}-seed-{}.json", s.scenario.meta.id, s.seed);
                    download(&url, &name);
                    keep.borrow_mut().download = Some(url);
                })
            };
            let dispatcher = state.dispatcher();
            let on_library =
                Callback::from(move |_| dispatcher.dispatch(Msg::Show(Screen::Library, 0)));
            html! { <End session={session.clone()} {on_again} {on_download} {on_library} /> }
        }
    };
    html! {
        <div class={classes!("app", dark.then_some("dark"))}>
            <a class="skip" href="#main">{ "Skip to content" }</a>
            <header class="masthead"><span class="product">{ "Incident trainer" }</span></header>
            { screen }
            <div class="sr-only" aria-live="polite" role="status">{ state.announcement.clone() }</div>
        </div>
    }
}

/// Starts a download of `url` under `name`.
fn download(url: &gloo::file::ObjectUrl, name: &str) {
    use wasm_bindgen::JsCast;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(a) = doc.create_element("a") else {
        return;
    };
    let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() else {
        return;
    };
    a.set_href(url);
    a.set_download(name);
    if let Some(body) = doc.body() {
        let _ = body.append_child(&a);
        a.click();
        let _ = body.remove_child(&a);
    }
}
