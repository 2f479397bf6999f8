//! The author's page: write a scenario in the browser. The editor is checked as you type (by the
//! validator worker, debounced), every error is listed and marked at its line, the preview charts
//! the do-nothing run against the real team's path, "Check soundness" runs the solver in a second
//! worker (progress, cancel), drafts are kept by name in local storage, and "Play this scenario"
//! opens it in the console.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use gloo::render::AnimationFrame;
use gloo::timers::callback::Timeout;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::prove::{Progress, SolveReport};
use crate::scenario::{library, Diagnostic, Scenario};
use crate::ui::browser;
use crate::ui::chart::{DARK, LIGHT};
use crate::ui::components::canvas::ChartCanvas;
use crate::ui::components::editor::Editor;
use crate::ui::components::reference::FormatReference;
use crate::ui::drafts::{self, Drafts, DRAFTS_KEY, UNREADABLE_KEY};
use crate::ui::storage::local;
use crate::ui::validator::Validator;
use crate::ui::view::author::{
    error_lines, play_label, preview, stale_note, verdict, Preview, RunPreview, SOUND_MEANS,
    VALID_MEANS,
};
use crate::ui::view::charts::{spec, ChartInput, ChartKind};
use crate::worker::protocol::{Job, Reply};

/// Quiet time after the last keystroke before the file is checked and the draft saved.
const DEBOUNCE_MS: u32 = 400;
/// Seeds "Check soundness" searches: the scenario's own and two variants.
const SEARCH_SEEDS: u32 = 3;
/// The template a first visit starts from.
const FIRST_TEMPLATE: &str = "starter";

#[derive(Properties, PartialEq)]
pub struct AuthorProps {
    pub dark: bool,
    /// The built-in scenarios (the app's, already read), to start a draft from.
    pub library: Rc<Vec<Rc<Scenario>>>,
    pub on_play: Callback<Rc<Scenario>>,
    pub on_back: Callback<()>,
}

#[derive(Clone, Copy, PartialEq)]
enum Check {
    Checking,
    Valid,
    Invalid,
}

enum Search {
    Idle,
    Running(Progress),
    Done(Rc<SolveReport>),
    Stopped(String),
}

/// Everything the page keeps: plain data and the browser handles it owns.
struct Desk {
    drafts: Drafts,
    name: String,
    text: String,
    /// The editor reloads its text when this changes.
    loaded: u64,
    diagnostics: Vec<Diagnostic>,
    check: Check,
    scenario: Option<Rc<Scenario>>,
    preview: Option<Rc<(Rc<Scenario>, Preview)>>,
    /// The wall-clock time the text was last found valid (what the preview shows).
    valid_at: Option<String>,
    generation: u64,
    search: Search,
    jump: (u64, usize),
    notice: Option<String>,
    checker: Option<Validator>,
    solver: Option<Validator>,
    debounce: Option<Timeout>,
    frame: Option<AnimationFrame>,
    reader: Option<FileReader>,
    download: Option<gloo::file::ObjectUrl>,
}

impl Desk {
    fn new() -> Desk {
        Desk {
            drafts: Drafts::default(),
            name: String::new(),
            text: String::new(),
            loaded: 0,
            diagnostics: Vec::new(),
            check: Check::Checking,
            scenario: None,
            preview: None,
            valid_at: None,
            generation: 0,
            search: Search::Idle,
            jump: (0, 0),
            notice: None,
            checker: None,
            solver: None,
            debounce: None,
            frame: None,
            reader: None,
            download: None,
        }
    }
}

#[derive(Clone)]
struct Handle {
    desk: Rc<RefCell<Desk>>,
    redraw: UseForceUpdateHandle,
}

impl Handle {
    /// Changes the desk, then renders (never while the desk is borrowed: a render reads it).
    fn update(&self, f: impl FnOnce(&mut Desk, &Handle)) {
        f(&mut self.desk.borrow_mut(), self);
        self.redraw.force_update();
    }

    fn mount(&self) {
        self.update(|d, h| {
            let stored = local::read(DRAFTS_KEY);
            match Drafts::decode(stored.as_deref()) {
                Ok(drafts) => d.drafts = drafts,
                Err(why) => {
                    // Kept aside, not lost: the next save would overwrite them.
                    let kept = stored
                        .as_deref()
                        .is_some_and(|raw| local::write(UNREADABLE_KEY, raw).is_ok());
                    d.notice = Some(if kept {
                        format!("{why}; they were kept aside in this browser's storage as `{UNREADABLE_KEY}`.")
                    } else {
                        format!("{why}.")
                    });
                }
            }
            match d.drafts.drafts.first().cloned() {
                Some(first) => h.load(d, first.name, first.text),
                None => h.ask(d, FIRST_TEMPLATE, "", Job::Source),
            }
        });
    }

    fn unmount(&self) {
        let mut d = self.desk.borrow_mut();
        // The workers' and timers' callbacks hold this handle: drop them to let it go.
        flush(&mut d);
        d.checker = None;
        d.solver = None;
        d.debounce = None;
        d.frame = None;
        d.reader = None;
    }

    /// Sends a job to the checking worker, starting it if need be.
    fn ask(&self, d: &mut Desk, file: &str, text: &str, job: Job) {
        if d.checker.is_none() {
            let h = self.clone();
            match Validator::start(Callback::from(move |r| h.checked(r))) {
                Ok(v) => d.checker = Some(v),
                Err(why) => return d.notice = Some(why.to_string()),
            }
        }
        if let Some(Err(why)) = d.checker.as_ref().map(|v| v.job(file, text, job)) {
            d.notice = Some(why.to_string());
        }
    }

    /// Puts a draft in the editor and checks it at once.
    fn load(&self, d: &mut Desk, name: String, text: String) {
        d.drafts.save(&name, &text);
        store(d);
        d.name = name;
        d.text = text;
        d.loaded += 1;
        d.diagnostics.clear();
        d.scenario = None;
        d.preview = None;
        d.valid_at = None;
        d.solver = None;
        d.search = Search::Idle;
        self.check_now(d);
    }

    fn check_now(&self, d: &mut Desk) {
        d.debounce = None;
        d.check = Check::Checking;
        let (file, text) = (format!("{}.toml", d.name), d.text.clone());
        self.ask(d, &file, &text, Job::Check);
    }

    fn typed(&self, text: String) {
        self.update(|d, h| {
            d.text = text;
            d.check = Check::Checking;
            if matches!(d.search, Search::Done(_)) {
                // The verdict was about other text.
                d.search = Search::Stopped(
                    "The text changed since the last check: check soundness again.".into(),
                );
            }
            let h = h.clone();
            d.debounce = Some(Timeout::new(DEBOUNCE_MS, move || {
                h.update(|d, h| {
                    flush(d);
                    h.check_now(d);
                })
            }));
        });
    }

    /// The checking worker's answer.
    fn checked(&self, reply: Reply) {
        self.update(|d, h| match reply {
            Reply::Valid(s) => {
                d.check = Check::Valid;
                d.diagnostics.clear();
                d.valid_at = Some(browser::time_of_day());
                let s = Rc::new(*s);
                d.scenario = Some(Rc::clone(&s));
                // The two runs take a moment: after this frame is painted, not inside it.
                let h = h.clone();
                d.frame = Some(gloo::render::request_animation_frame(move |_| {
                    let p = Rc::new((Rc::clone(&s), preview(&s)));
                    h.update(|d, _| {
                        d.preview = Some(p);
                        d.generation += 1;
                    });
                }));
            }
            Reply::Invalid(diagnostics) => {
                d.check = Check::Invalid;
                d.diagnostics = diagnostics;
                d.scenario = None;
            }
            Reply::Source(id, text) => {
                let name = d.drafts.free_name(&id);
                h.load(d, name, text);
            }
            Reply::Garbled(why) => d.notice = Some(why),
            Reply::Progress(_) | Reply::Solved(_) => {}
        });
    }

    fn start_search(&self) {
        self.update(|d, h| {
            flush(d);
            let h = h.clone();
            let solver = Validator::start(Callback::from(move |r| h.searched(r))).and_then(|v| {
                v.job(
                    &format!("{}.toml", d.name),
                    &d.text,
                    Job::Solve {
                        seeds: SEARCH_SEEDS,
                    },
                )?;
                Ok(v)
            });
            match solver {
                Ok(v) => {
                    d.solver = Some(v);
                    d.search = Search::Running(Progress {
                        seed: 0,
                        seeds: SEARCH_SEEDS,
                        done: 0.0,
                    });
                }
                Err(why) => d.search = Search::Stopped(why.to_string()),
            }
        });
    }

    fn cancel_search(&self) {
        self.update(|d, _| {
            d.solver = None;
            d.search = Search::Stopped("Cancelled: the search was stopped.".into());
        });
    }

    fn searched(&self, reply: Reply) {
        self.update(|d, _| match reply {
            Reply::Progress(p) => d.search = Search::Running(p),
            Reply::Solved(report) => {
                d.solver = None;
                d.search = Search::Done(Rc::new(*report));
            }
            Reply::Invalid(errors) => {
                d.solver = None;
                d.search = Search::Stopped(format!(
                    "The file has {} problem(s): fix them, then check again.",
                    errors.len()
                ));
            }
            Reply::Garbled(why) => {
                d.solver = None;
                d.search = Search::Stopped(why);
            }
            Reply::Valid(_) | Reply::Source(..) => {}
        });
    }

    fn switch(&self, name: String) {
        self.update(|d, h| {
            flush(d);
            if let Some(draft) = d.drafts.get(&name).cloned() {
                h.load(d, draft.name, draft.text);
            }
        });
    }

    fn rename(&self, to: String) {
        self.update(|d, _| {
            flush(d);
            let from = d.name.clone();
            if d.drafts.rename(&from, &to) {
                d.name = to.trim().to_string();
                store(d);
                d.notice = None;
            } else if to.trim() != from {
                d.notice = Some(format!(
                    "A draft cannot be renamed to \"{}\": the name is empty or another draft has it.",
                    to.trim()
                ));
            }
        });
    }

    fn delete(&self) {
        self.update(|d, h| {
            let gone = d.name.clone();
            d.drafts.remove(&gone);
            store(d);
            match d.drafts.drafts.first().cloned() {
                Some(next) => h.load(d, next.name, next.text),
                None => h.ask(d, FIRST_TEMPLATE, "", Job::Source),
            }
            d.notice = Some(format!("Draft \"{gone}\" deleted."));
        });
    }

    fn open_file(&self, file: web_sys::File) {
        let name = file.name();
        let stem = name.trim_end_matches(".toml").to_string();
        let h = self.clone();
        let reader = gloo::file::callbacks::read_as_text(&file.into(), move |result| {
            h.update(|d, h| match result {
                Ok(text) => {
                    flush(d);
                    let name = d.drafts.free_name(&stem);
                    h.load(d, name, text);
                }
                Err(e) => d.notice = Some(format!("{name} could not be read as text: {e}")),
            })
        });
        self.desk.borrow_mut().reader = Some(reader);
    }

    fn download(&self) {
        let mut d = self.desk.borrow_mut();
        let blob = gloo::file::Blob::new_with_options(d.text.as_str(), Some("application/toml"));
        let url = gloo::file::ObjectUrl::from(blob);
        browser::download(&url, &drafts::file_name(&d.name));
        d.download = Some(url);
    }
}

/// Saves the editor's text into its draft and the drafts into local storage.
fn flush(d: &mut Desk) {
    if d.name.is_empty() {
        return;
    }
    let (name, text) = (d.name.clone(), d.text.clone());
    d.drafts.save(&name, &text);
    store(d);
}

fn store(d: &mut Desk) {
    if let Err(why) = local::write(DRAFTS_KEY, &d.drafts.encode()) {
        d.notice = Some(format!(
            "The draft could not be saved in this browser: {why}. Download it to keep it."
        ));
    }
}

#[component]
pub fn Author(props: &AuthorProps) -> Html {
    let desk = use_mut_ref(Desk::new);
    let h = Handle {
        desk,
        redraw: use_force_update(),
    };
    {
        let h = h.clone();
        use_effect_with((), move |_| {
            h.mount();
            move || h.unmount()
        });
    }
    let d = h.desk.borrow();
    let on_input = {
        let h = h.clone();
        Callback::from(move |text| h.typed(text))
    };
    let draft_names: Vec<String> = d.drafts.names().map(str::to_string).collect();
    let on_switch = {
        let h = h.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            h.switch(select.value());
        })
    };
    let on_rename = {
        let h = h.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            h.rename(input.value());
        })
    };
    let start_from = use_state(|| FIRST_TEMPLATE.to_string());
    let on_start_from = {
        let start_from = start_from.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            start_from.set(select.value());
        })
    };
    let on_new = {
        let (h, from) = (h.clone(), start_from.clone());
        Callback::from(move |_| {
            h.update(|d, h| {
                flush(d);
                h.ask(d, &from, "", Job::Source);
            })
        })
    };
    let on_file = {
        let h = h.clone();
        browser::on_file_picked(Callback::from(move |file| h.open_file(file)))
    };
    let button = |label: &'static str, f: fn(&Handle)| {
        let h = h.clone();
        html! { <button type="button" onclick={Callback::from(move |_| f(&h))}>{ label }</button> }
    };
    let playable = d.check == Check::Valid && d.scenario.is_some();
    let sound = match &d.search {
        Search::Done(r) => Some(r.sound),
        _ => None,
    };
    let on_play = {
        let (scenario, play) = (d.scenario.clone(), props.on_play.clone());
        Callback::from(move |_| {
            if let Some(s) = &scenario {
                play.emit(Rc::clone(s));
            }
        })
    };
    let status = match d.check {
        Check::Checking => "Checking…".to_string(),
        Check::Valid => "No problems: this is a valid scenario.".to_string(),
        Check::Invalid => format!("{} problem(s) in the file:", d.diagnostics.len()),
    };
    let problems = d.diagnostics.iter().map(|diag| {
        let (h, line) = (h.clone(), diag.line);
        let jump = Callback::from(move |_| h.update(|d, _| d.jump = (d.jump.0 + 1, line)));
        let field = if diag.path.is_empty() {
            String::new()
        } else {
            format!("{}: ", diag.field())
        };
        html! {
            <li>
                if diag.line > 0 {
                    <button type="button" class="link" onclick={jump}>
                        { format!("Line {}, column {}", diag.line, diag.column) }
                    </button>
                }
                { " " }<strong>{ field }</strong>{ &diag.message }
                if let Some(help) = &diag.help { <span class="help">{ format!(" ({help})") }</span> }
            </li>
        }
    });
    let templates = library::TEMPLATES.iter().map(|(id, what, _)| {
        html! { <option value={*id} selected={*start_from == *id}>{ format!("Template: {what}") }</option> }
    });
    let builtins = props.library.iter().map(|s| {
        let id = s.meta.id.clone();
        html! { <option value={id.clone()} selected={*start_from == id}>{ format!("Library: {}", s.meta.title) }</option> }
    });
    html! {
        <main class="screen author" id="main">
            <div class="author-head">
                <h1>{ "Write a scenario" }</h1>
                <button type="button" onclick={props.on_back.reform(|_| ())}>{ "Back to the library" }</button>
            </div>
            if let Some(n) = &d.notice { <p class="notice" role="status">{ n.clone() }</p> }
            <div class="author-bar">
                <label>{ "Draft " }
                    <select onchange={on_switch}>
                        { for draft_names.iter().map(|n| html! { <option value={n.clone()} selected={*n == d.name}>{ n }</option> }) }
                    </select>
                </label>
                <label>{ "Name " }<input type="text" value={d.name.clone()} onchange={on_rename} /></label>
                { button("Delete this draft", Handle::delete) }
                { button("Download", Handle::download) }
                <label class="file-label" for="author-file">{ "Open a file" }</label>
                <input id="author-file" type="file" accept=".toml,text/plain" onchange={on_file} />
            </div>
            <div class="author-bar">
                <label>{ "Start from " }
                    <select onchange={on_start_from}>{ for templates }{ for builtins }</select>
                </label>
                <button type="button" onclick={on_new}>{ "New draft" }</button>
                <button type="button" class={if sound == Some(false) { "play-unsound" } else { "primary" }}
                    disabled={!playable} onclick={on_play}>{ play_label(sound) }</button>
            </div>
            <div class="author-main">
                <section class="author-edit" aria-label="Editor">
                    <Editor text={AttrValue::from(d.text.clone())} loaded={d.loaded}
                        error_lines={error_lines(&d.diagnostics).into_iter().collect::<Vec<_>>()}
                        jump={d.jump} {on_input} />
                    <p class="meta" id="editor-keys">{ "Tab indents, Enter keeps the indentation, Ctrl+Z undoes. Esc then Tab leaves the editor." }</p>
                </section>
                <div class="author-side">
                    <section class={classes!("problems", (d.check == Check::Invalid).then_some("bad"))} aria-label="Problems">
                        <h2>{ "Problems" }</h2>
                        <p role="status">{ status }</p>
                        if d.check == Check::Valid { <p class="meta">{ VALID_MEANS }</p> }
                        <ul>{ for problems }</ul>
                    </section>
                    { preview_section(&d, props.dark) }
                    { search_section(&d, &h) }
                </div>
            </div>
            <FormatReference />
        </main>
    }
}

fn preview_section(d: &Desk, dark: bool) -> Html {
    let Some(p) = d.preview.clone() else {
        return html! {
            <section class="preview" aria-label="Preview"><h2>{ "Preview" }</h2>
                <p class="meta">{ "The preview appears once the file is valid." }</p></section>
        };
    };
    let chart = |label: &'static str, which: fn(&Preview) -> &RunPreview, reference: bool| {
        let p = Rc::clone(&p);
        let run = which(&p.1);
        let figures = run.figures();
        let draw = Callback::from(move |(scale, width): (f64, f64)| {
            let (s, preview) = (&p.0, &p.1);
            let actions = if reference {
                s.reference_actions()
            } else {
                Vec::new()
            };
            let trace = &which(preview).trace;
            let input = ChartInput {
                scenario: s,
                trace,
                actions: &actions,
                now: trace.ticks,
                palette: if dark { DARK } else { LIGHT },
                scale,
                max_points: (width as usize / 2).clamp(100, 600),
            };
            let mut spec = spec(&input, ChartKind::Errors);
            spec.title = format!("{label}: errors and p95");
            // At this size the actions' names would overprint: their lines are enough.
            spec.marks.iter_mut().for_each(|m| m.label.clear());
            Some(spec)
        });
        html! {
            <figure class="chart-panel preview-chart">
                <ChartCanvas version={d.generation ^ (u64::from(dark) << 63)} {draw} label={label} />
                <figcaption>{ format!("{label}: {figures}") }</figcaption>
            </figure>
        }
    };
    let stale = d.check == Check::Invalid;
    html! {
        <section class={classes!("preview", stale.then_some("stale"))} aria-label="Preview">
            <h2>{ "Preview" }if stale { <span class="stale-badge">{ "Out of date" }</span> }</h2>
            if stale {
                <p class="stale-note" role="status">{ stale_note(d.valid_at.as_deref(), &d.diagnostics) }</p>
            }
            <div class="preview-charts">
                { chart("Doing nothing", |p| &p.idle, false) }
                { chart("The real team's path", |p| &p.reference, true) }
            </div>
        </section>
    }
}

fn search_section(d: &Desk, h: &Handle) -> Html {
    let start = {
        let h = h.clone();
        Callback::from(move |_| h.start_search())
    };
    let cancel = {
        let h = h.clone();
        Callback::from(move |_| h.cancel_search())
    };
    let body = match &d.search {
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
    let running = matches!(d.search, Search::Running(_));
    html! {
        <section class="soundness" aria-label="Soundness">
            <h2>{ "Soundness" }</h2>
            <button type="button" onclick={start} disabled={running}>{ "Check soundness" }</button>
            { body }
        </section>
    }
}

fn report_html(r: &SolveReport) -> Html {
    let v = verdict(r);
    let calibration = r.calibration.as_ref().map(|k| {
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
    let seeds = r.seeds.iter().map(|s| {
        let at = |t: &Option<crate::score::debrief::Stamp>| t.as_ref().map_or("never".to_string(), |t| t.clock.clone());
        html! {
            <li>
                <strong>{ format!("Seed {}", s.seed) }</strong>
                { format!(": the real team restores {}, doing nothing {}, the fastest path found {}", at(&s.reference_restored_at), at(&s.idle_restored_at), at(&s.best_restored_at)) }
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
        <div class={classes!("report", if r.sound { "sound" } else { "unsound" })}>
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
