//! Cohort review, for a team lead after a session: many run files (and pasted share links) of
//! one scenario at once, replayed one per frame with a progress line; the table, sortable and
//! downloadable as CSV; everyone's error rate over the real team's; the paths people took.

mod paths;
mod table;

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::{read_as_text, FileReader};
use gloo::render::{request_animation_frame, AnimationFrame};
use yew::prelude::*;

use crate::record::cohort::{csv, Column};
use crate::scenario::Scenario;
use crate::ui::chart::{DARK, LIGHT};
use crate::ui::components::canvas::ChartCanvas;
use crate::ui::hooks::{check_size, use_downloads, RUN_LIMIT};
use crate::ui::view::cohort::{curves_spec, curves_summary, trust_note, Arrived, CohortPage};

/// What changes the page.
pub enum PageMsg {
    Queue(Vec<(String, Arrived)>),
    Paste(String),
    /// Replay the next input, against these scenarios.
    Step(Rc<Vec<Rc<Scenario>>>),
    Shown,
    Sort(Column),
    Clear,
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

impl Reducible for CohortPage {
    type Action = PageMsg;

    fn reduce(self: Rc<Self>, msg: PageMsg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            PageMsg::Queue(inputs) => next.queue(inputs, now_ms()),
            PageMsg::Paste(text) => next.paste(&text, now_ms()),
            PageMsg::Step(open) => {
                next.step(&open);
            }
            PageMsg::Shown => next.shown(now_ms()),
            PageMsg::Sort(column) => next.sort_by(column),
            PageMsg::Clear => next.clear(),
        }
        Rc::new(next)
    }
}

#[derive(Properties)]
pub struct CohortProps {
    /// The scenarios a run may be of: the built-ins and the one opened from a file.
    pub scenarios: Rc<Vec<Rc<Scenario>>>,
    pub dark: bool,
}

/// The same list of scenarios (not the same contents: comparing those would walk every one).
impl PartialEq for CohortProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.scenarios, &other.scenarios) && self.dark == other.dark
    }
}

/// Reads every picked file as text and queues them together, in the order picked, once all
/// have arrived (queued one by one, a replay between two arrivals would split the batch). The
/// readers are kept until the next pick, which drops any still reading.
fn on_files_picked(
    page: UseReducerDispatcher<CohortPage>,
    readers: Rc<RefCell<Vec<FileReader>>>,
) -> Callback<Event> {
    Callback::from(move |e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        let Some(list) = input.files() else { return };
        let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        let arrived = Rc::new(RefCell::new(vec![None; files.len()]));
        let mut kept = readers.borrow_mut();
        kept.clear();
        for (slot, file) in files.into_iter().enumerate() {
            let (name, page, arrived) = (file.name(), page.clone(), Rc::clone(&arrived));
            if let Err(too_large) = check_size(&file, RUN_LIMIT) {
                arrived.borrow_mut()[slot] =
                    Some((name, Arrived::Unreadable(too_large.to_string())));
                continue;
            }
            kept.push(read_as_text(
                &gloo::file::File::from(file).into(),
                move |read| {
                    let text = match read {
                        Ok(text) => Arrived::Text(text),
                        Err(e) => Arrived::Unreadable(e.to_string()),
                    };
                    let mut all = arrived.borrow_mut();
                    all[slot] = Some((name, text));
                    if all.iter().all(Option::is_some) {
                        page.dispatch(PageMsg::Queue(all.drain(..).flatten().collect()));
                    }
                },
            ));
        }
        // Every file refused by its size: nothing is left to arrive.
        if arrived.borrow().iter().all(Option::is_some) {
            page.dispatch(PageMsg::Queue(
                arrived.borrow_mut().drain(..).flatten().collect(),
            ));
        }
        input.set_value("");
    })
}

/// Steps the page one input per animation frame while any wait, then notes the time taken.
#[hook]
fn use_replay_frames(page: &UseReducerHandle<CohortPage>, open: Rc<Vec<Rc<Scenario>>>) {
    let frame = use_mut_ref(|| None::<AnimationFrame>);
    let dispatch = page.dispatcher();
    let (pending, idle, steps) = (page.pending(), page.idle(), page.steps);
    use_effect_with((pending, idle, steps), move |&(pending, idle, _)| {
        if pending > 0 {
            let dispatch = dispatch.clone();
            *frame.borrow_mut() = Some(request_animation_frame(move |_| {
                dispatch.dispatch(PageMsg::Step(open))
            }));
        } else if !idle {
            dispatch.dispatch(PageMsg::Shown);
        }
        move || *frame.borrow_mut() = None
    });
}

#[component]
pub fn CohortReview(props: &CohortProps) -> Html {
    let page = use_reducer(CohortPage::new);
    let readers = use_mut_ref(Vec::new);
    let paste_ref = use_node_ref();
    let downloads = use_downloads();
    use_replay_frames(&page, Rc::clone(&props.scenarios));
    let onchange = on_files_picked(page.dispatcher(), readers);
    let on_paste = {
        let (page, paste_ref) = (page.dispatcher(), paste_ref.clone());
        Callback::from(move |_| {
            if let Some(area) = paste_ref.cast::<web_sys::HtmlTextAreaElement>() {
                page.dispatch(PageMsg::Paste(area.value()));
                area.set_value("");
            }
        })
    };
    let rows = page.rows();
    let on_csv = {
        let (rows, id) = (
            rows.clone(),
            page.cohort.scenario().map(|s| s.meta.id.clone()),
        );
        Callback::from(move |_| {
            let name = format!("{}-cohort.csv", id.as_deref().unwrap_or("runs"));
            downloads.offer(&csv(&rows), "text/csv", &name);
        })
    };
    let title = page.cohort.scenario().map(|s| s.meta.title.clone());
    html! {
        <main class="screen cohort" id="main">
            <p><a class="button" href={crate::ui::pages::TRAINER}>{ "Back to the library" }</a></p>
            <h1>{ "Cohort review" }</h1>
            <p class="lede">{ "Open the run files of one scenario (or paste their links) to compare everyone who played it with the real team. Nothing leaves this browser." }</p>
            <section class="cohort-inputs" aria-label="Runs to review">
                <div>
                    <label for="cohort-files" class="file-label">{ "Open run files" }</label>
                    <input id="cohort-files" type="file" multiple=true accept=".json,application/json" {onchange} />
                </div>
                <div class="cohort-paste">
                    <label for="cohort-links">{ "Or paste share links, one a line" }</label>
                    <textarea id="cohort-links" ref={paste_ref} rows="3" spellcheck="false" />
                    <button type="button" onclick={on_paste}>{ "Add links" }</button>
                </div>
                if !page.cohort.rows.is_empty() || !page.problems.is_empty() {
                    <button type="button" onclick={page.dispatcher().to_callback().reform(|_| PageMsg::Clear)}>{ "Start over" }</button>
                }
            </section>
            if let Some(line) = page.progress() { <p class="meta cohort-progress" role="status">{ line }</p> }
            if !page.problems.is_empty() {
                <div class="file-errors" role="alert">
                    <p>{ format!("{} input(s) left out:", page.problems.len()) }</p>
                    <ul>{ for page.problems.iter().map(|p| html! { <li>{ p }</li> }) }</ul>
                </div>
            }
            if let Some(title) = title {
                { results(&page, &rows, title, props.dark, on_csv) }
            }
        </main>
    }
}

/// The table, the chart and the paths, once a run is in.
fn results(
    page: &UseReducerHandle<CohortPage>,
    rows: &[crate::record::cohort::Row],
    title: String,
    dark: bool,
    on_csv: Callback<MouseEvent>,
) -> Html {
    let on_sort = page.dispatcher().to_callback().reform(PageMsg::Sort);
    let cohort = Rc::new(page.cohort.clone());
    let draw = {
        let cohort = Rc::clone(&cohort);
        Callback::from(move |(scale, width): (f64, f64)| {
            let palette = if dark { DARK } else { LIGHT };
            Some(curves_spec(
                &cohort,
                palette,
                scale,
                (width as usize / 2).clamp(100, 800),
            ))
        })
    };
    let version = (cohort.rows.len() as u64) << 1 | u64::from(dark);
    html! {
        <>
            <section class="cohort-table" aria-labelledby="cohort-table-h">
                <div class="cohort-head">
                    <h2 id="cohort-table-h">{ format!("{title}: {} run(s)", rows.len()) }</h2>
                    <button type="button" class="primary" onclick={on_csv}>{ "Download CSV" }</button>
                </div>
                if let Some(note) = trust_note(rows) { <p class="notice trust">{ note }</p> }
                { table::table(rows, page.sort, on_sort) }
            </section>
            <figure class="cohort-chart">
                <ChartCanvas {version} {draw} label="Requests failing per minute, each run and the real team" />
                <figcaption class="chart-summary">{ curves_summary(&cohort) }</figcaption>
            </figure>
            { paths::paths(&cohort) }
        </>
    }
}
