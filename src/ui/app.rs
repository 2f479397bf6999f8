//! The app: the reducer and its context, the hooks that carry out its side effects, and the
//! screen switch. What clicks do is in the reducer (`state`); the browser's part is in `hooks`.

use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::components::masthead::Masthead;
use super::components::AppContext;
use super::hooks::{
    use_autosave, use_frame_loop, use_keys, use_library_files, use_pages, use_room, use_runs,
    use_saved_session, use_scoring, use_top_of_screen, LibraryFiles, RunFiles,
};
use super::progress;
use super::screens::{
    briefing::Briefing, console::Console, end::End, library::Library, replay::Replay,
};
use super::state::{AppState, Msg, Screen, Speed};
use super::storage::{local, Best, BEST_KEY};
use crate::scenario::Scenario;
use crate::ui::view::format;

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| AppState::new(Best::decode(local::read(BEST_KEY).as_deref())));
    let dispatch = state.dispatcher();
    let context = AppContext {
        session: state.session.clone(),
        dispatch: dispatch.clone(),
    };
    let theme = crate::ui::hooks::use_theme(dispatch.to_callback().reform(Msg::Unsaved));
    let dark = theme.dark;
    let builtins = use_memo((), |_| progress::builtins());
    use_effect_with((), |_| browser::install_panic_screen());
    use_saved_session(dispatch.clone());
    use_pages(&state);
    use_top_of_screen(state.screen);
    use_autosave(&state, dispatch.clone());
    use_scoring(&state, dispatch.clone());
    use_room(&state);
    let files = use_library_files(dispatch.clone());
    let runs = use_runs(dispatch.clone());
    let running = state.screen.has_clock();
    let on_ticks = Callback::from({
        let dispatch = dispatch.clone();
        move |ticks| dispatch.dispatch(Msg::Advance(ticks))
    });
    use_frame_loop(if running { state.speed.factor() } else { 0.0 }, on_ticks);
    use_keys(Callback::from({
        let dispatch = dispatch.clone();
        move |key: String| {
            if key == " " {
                dispatch.dispatch(Msg::TogglePause);
            } else if let Some(speed) = Speed::from_key(&key) {
                dispatch.dispatch(Msg::SetSpeed(speed));
            }
        }
    }));
    let screen = screen(&state, (&files, &runs), &builtins, dark);
    html! {
        <div class={classes!("app", dark.then_some("dark"))}>
            <Masthead theme={theme.clone()} />
            if let Some(note) = &state.unsaved { <p class="storage-note" role="status">{ note.clone() }</p> }
            <ContextProvider<AppContext> {context}>{ screen }</ContextProvider<AppContext>>
            <div class="sr-only" aria-live="polite" role="status">{ state.announcement.clone() }</div>
        </div>
    }
}

/// The screen up, with its data from the state and its callbacks to the reducer.
fn screen(
    state: &UseReducerHandle<AppState>,
    (files, runs): (&LibraryFiles, &RunFiles),
    builtins: &Rc<Vec<Rc<Scenario>>>,
    dark: bool,
) -> Html {
    let send = |msg: fn(()) -> Msg| state.dispatcher().to_callback().reform(msg);
    match state.screen {
        Screen::Library => library_screen(state, (files, runs), builtins),
        Screen::Briefing => match state
            .session
            .get()
            .map(|s| (Rc::clone(&s.scenario), s.seed()))
        {
            Some((scenario, seed)) => html! {
                <Briefing {scenario} {seed}
                    on_start={state.dispatcher().to_callback().reform(|hints| Msg::Start { hints })}
                    on_back={send(|_| Msg::Show(Screen::Library))} />
            },
            None => html! {},
        },
        Screen::Console => html! { <Console state={(**state).clone()} {dark} /> },
        Screen::End => end_screen(state, files, dark),
        Screen::Replay => html! { <Replay state={(**state).clone()} {dark} /> },
    }
}

/// The debrief, with the run and its postmortem to download.
fn end_screen(state: &UseReducerHandle<AppState>, files: &LibraryFiles, dark: bool) -> Html {
    let dispatch = state.dispatcher().to_callback();
    let named = |suffix: &str| {
        let session = state.session.clone();
        let suffix = suffix.to_string();
        move || {
            session
                .get()
                .map(|s| format!("{}-seed-{}{suffix}", s.scenario.meta.id, s.seed()))
        }
    };
    let on_download = {
        let downloads = files.downloads.clone();
        Callback::from(move |run: crate::record::RunFile| {
            downloads.offer(&run.to_json(), "application/json", &run.file_name());
        })
    };
    let on_postmortem = {
        let (downloads, name) = (files.downloads.clone(), named("-postmortem.md"));
        Callback::from(move |text: String| {
            if let Some(name) = name() {
                downloads.offer(&text, "text/markdown", &name);
            }
        })
    };
    html! {
        <End {dark} best_before={state.best_before}
            scored={state.scoring == crate::ui::state::Scoring::Done}
            on_again={dispatch.reform(|same: bool| Msg::Again((!same).then(browser::new_seed)))}
            {on_download} {on_postmortem}
            on_announce={dispatch.reform(Msg::Announce)}
            on_library={dispatch.reform(|_| Msg::Show(Screen::Library))} />
    }
}

/// The library: built-ins, the scenario opened from a file, best results, a session to resume.
fn library_screen(
    state: &UseReducerHandle<AppState>,
    (files, runs): (&LibraryFiles, &RunFiles),
    builtins: &[Rc<Scenario>],
) -> Html {
    let mut list = builtins.to_vec();
    if let Some(o) = state.opened.as_ref() {
        list.push(Rc::clone(&o.scenario));
    }
    let best: Vec<(String, String)> = state
        .best
        .results
        .iter()
        .map(|r| {
            let scenario = list.iter().find(|s| s.meta.id == r.scenario_id);
            let line = format::best(scenario.map(|s| s.as_ref()), r);
            (r.scenario_id.clone(), line)
        })
        .collect();
    let track = progress::steps(builtins, &state.best);
    let dispatch = state.dispatcher().to_callback();
    let on_export = {
        let (downloads, best) = (files.downloads.clone(), state.best.clone());
        Callback::from(move |_| {
            let text = progress::export(&best);
            downloads.offer(&text, "application/json", "incident-trainer-progress.json");
        })
    };
    html! {
        <Library scenarios={list} {best} {track} notice={state.notice.clone().map(AttrValue::from)}
            progress_note={state.progress_note.clone().map(AttrValue::from)}
            {on_export} on_import={files.import.clone()}
            resume={state.offer.as_ref().map(|o| AttrValue::from(o.text.clone()))}
            on_resume={dispatch.reform(Msg::Resume)}
            on_open={dispatch.reform(|s| Msg::Open(s, None))}
            on_file={files.open.clone()} file_errors={state.file_errors.clone()}
            on_run_file={runs.open_file.clone()} on_run_link={runs.open_link.clone()}
            run_error={state.replay.error.clone().map(AttrValue::from)} />
    }
}
