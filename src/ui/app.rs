//! The app: the reducer, the running session and the screen switch. What clicks do lives in the
//! controller; the simulation lives in the session, outside the reducer.

use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::components::SessionRef;
use super::controller::{Controller, Keep, Opened};
use super::hooks::{use_frame_loop, use_keys};
use super::progress;
use super::screens::{
    author::Author, briefing::Briefing, console::Console, end::End, library::Library,
};
use super::state::{Msg, Screen, Speed, UiState};
use super::storage::{local, Best, BEST_KEY};
use crate::scenario::{library, Diagnostic, Scenario};
use crate::ui::view::format;

#[component]
pub fn App() -> Html {
    let state = use_reducer(UiState::default);
    let session = (*use_memo((), |_| SessionRef::default())).clone();
    let ctl = Controller {
        dispatcher: state.dispatcher(),
        session: session.clone(),
        keep: use_mut_ref(Keep::default),
        best: use_state(|| Best::decode(local::read(BEST_KEY).as_deref())),
        message: use_state(String::new),
        opened: use_state(|| None::<Opened>),
        file_errors: use_state(Vec::<Diagnostic>::new),
        resume_text: use_state(|| None::<String>),
        best_before: use_state(|| None::<f64>),
        scored: use_state(|| false),
        progress_note: use_state(|| None::<String>),
    };
    let theme = crate::ui::hooks::use_theme();
    let dark = theme.dark;
    let builtins = use_memo((), |_| {
        // Easiest first (a guided one first): the library reads as the onboarding track.
        let mut all: Vec<Rc<Scenario>> = library::ids()
            .filter_map(|id| library::builtin(id).map(Rc::new))
            .collect();
        progress::order(&mut all);
        all
    });
    {
        let ctl = ctl.clone();
        use_effect_with((), move |_| {
            browser::install_panic_screen();
            ctl.load_saved();
        });
    }
    let on_ticks = ctl.cb(Controller::advance);
    let running = state.screen == Screen::Console;
    use_frame_loop(if running { state.speed.factor() } else { 0.0 }, on_ticks);
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
    let screen = match state.screen {
        Screen::Library => library_screen(&ctl, &state, &builtins),
        Screen::Briefing => match session.get().map(|s| (Rc::clone(&s.scenario), s.seed)) {
            Some((scenario, seed)) => html! {
                <Briefing {scenario} {seed} on_start={ctl.cb(Controller::start)}
                    on_back={ctl.cb(|c, _: ()| c.show(Screen::Library))} />
            },
            None => html! {},
        },
        Screen::Console => {
            let dispatcher = state.dispatcher();
            let on_speed = Callback::from(move |s| dispatcher.dispatch(Msg::SetSpeed(s)));
            let dispatcher = state.dispatcher();
            let on_ack = Callback::from(move |k| dispatcher.dispatch(Msg::Acknowledge(k)));
            let dispatcher = state.dispatcher();
            let on_open = Callback::from(move |f| dispatcher.dispatch(Msg::OpenFinding(f)));
            html! {
                <Console state={(*state).clone()} {dark}
                    message={(*ctl.message).clone()} on_take={ctl.cb(Controller::take)} {on_speed}
                    on_minute={ctl.cb(|c, _: ()| c.advance(60))} on_stop={ctl.cb(Controller::stop)}
                    {on_ack} {on_open} />
            }
        }
        Screen::End => html! {
            <End {dark} best_before={*ctl.best_before} scored={*ctl.scored}
                on_again={ctl.cb(Controller::again)}
                on_download={ctl.cb(Controller::download)}
                on_postmortem={ctl.cb(Controller::download_postmortem)}
                on_announce={{
                    let dispatcher = state.dispatcher();
                    Callback::from(move |words| dispatcher.dispatch(Msg::Announce(words)))
                }}
                on_library={ctl.cb(|c, _: ()| c.show(Screen::Library))} />
        },
        Screen::Author => html! {
            <Author {dark} library={builtins.clone()} on_play={ctl.cb(Controller::play)}
                on_back={ctl.cb(|c, _: ()| c.show(Screen::Library))} />
        },
    };
    html! {
        <div class={classes!("app", dark.then_some("dark"))}>
            <a class="skip" href="#main">{ "Skip to content" }</a>
            <header class="masthead">
                <span class="product">{ "Incident trainer" }</span>
                <ThemePicker theme={theme.clone()} />
            </header>
            <ContextProvider<SessionRef> context={session.clone()}>{ screen }</ContextProvider<SessionRef>>
            <div class="sr-only" aria-live="polite" role="status">{ state.announcement.clone() }</div>
        </div>
    }
}

/// The library: built-ins, the scenario opened from a file, best results, a session to resume.
fn library_screen(ctl: &Controller, state: &UiState, builtins: &[Rc<Scenario>]) -> Html {
    let mut list = builtins.to_vec();
    if let Some(o) = ctl.opened.as_ref() {
        list.push(Rc::clone(&o.scenario));
    }
    let best: Vec<(String, String)> = ctl
        .best
        .results
        .iter()
        .map(|r| {
            let scenario = list.iter().find(|s| s.meta.id == r.scenario_id);
            let line = format::best(scenario.map(|s| s.as_ref()), r);
            (r.scenario_id.clone(), line)
        })
        .collect();
    let track = progress::steps(builtins, &ctl.best);
    html! {
        <Library scenarios={list} {best} {track} notice={state.notice.clone().map(AttrValue::from)}
            progress_note={(*ctl.progress_note).clone().map(AttrValue::from)}
            on_export={ctl.cb(Controller::export_progress)}
            on_import={ctl.cb(Controller::import_progress)}
            resume={(*ctl.resume_text).clone().map(AttrValue::from)}
            on_resume={ctl.cb(Controller::resume)}
            on_open={ctl.cb(|c, s: Rc<Scenario>| c.open((s, None)))}
            on_file={ctl.cb(Controller::read_file)} file_errors={(*ctl.file_errors).clone()}
            on_author={ctl.cb(|c, _: ()| c.show(Screen::Author))} />
    }
}

#[derive(Properties, PartialEq)]
struct ThemePickerProps {
    theme: crate::ui::hooks::ThemeHandle,
}

/// The page's own theme switch: as the system, light or dark.
#[component]
fn ThemePicker(props: &ThemePickerProps) -> Html {
    use crate::ui::view::theme::Theme;
    let set = props.theme.set.clone();
    let onchange = Callback::from(move |e: Event| {
        let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
        if let Some(t) = Theme::from_id(&el.value()) {
            set.emit(t);
        }
    });
    html! {
        <select class="theme-picker" aria-label="Theme" {onchange}>
            { for Theme::ALL.iter().map(|t| html! {
                <option value={t.id()} selected={props.theme.choice == *t}>{ t.label() }</option>
            }) }
        </select>
    }
}
