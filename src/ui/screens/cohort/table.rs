//! The cohort table: one row per run, each header a button that sorts by it (`aria-sort` says
//! how the table is sorted), each phase beside the real team's time.

use yew::prelude::*;

use crate::record::cohort::{Column, Row};
use crate::score::debrief::whole_score;
use crate::ui::view::cohort::{aria_sort, clock_cell, gained_words};

fn cell(row: &Row, column: Column) -> Html {
    match column {
        Column::Trainee => html! { <th scope="row">{ &row.trainee }</th> },
        Column::Date => html! { <td>{ row.date.clone().unwrap_or_else(|| "—".into()) }</td> },
        Column::Score => html! { <td class="num">{ whole_score(row.score) }</td> },
        Column::Phase(phase) => {
            let found = row.phase(phase);
            let at = clock_cell(found.and_then(|c| c.reached_at.as_ref()));
            let real = clock_cell(found.and_then(|c| c.reference_at.as_ref()));
            let gained = gained_words(found.and_then(|c| c.minutes_gained));
            html! {
                <td title={format!("real team {real}")}>
                    { at }
                    if !gained.is_empty() { <span class="gain">{ gained }</span> }
                </td>
            }
        }
        Column::Detours => html! { <td class="num">{ row.detours }</td> },
        Column::DetourMinutes => {
            html! { <td class="num">{ format!("{:.0}", row.detour_minutes) }</td> }
        }
        Column::Version => html! {
            <td><span class={classes!("badge", format!("v-{:?}", row.version).to_lowercase())}>{ row.version.label() }</span></td>
        },
    }
}

/// The table of runs, in the order given.
pub fn table(rows: &[Row], sort: (Column, bool), on_sort: Callback<Column>) -> Html {
    let columns = Column::all();
    let headers = columns.iter().map(|&column| {
        let on_sort = on_sort.clone();
        html! {
            <th scope="col" aria-sort={aria_sort(sort, column)}>
                <button type="button" class="sort" onclick={Callback::from(move |_| on_sort.emit(column))}>
                    { column.title() }
                    <span class="arrow" aria-hidden="true">{ match aria_sort(sort, column) {
                        "ascending" => "▲", "descending" => "▼", _ => "" } }</span>
                </button>
            </th>
        }
    });
    html! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Runs (scrolls sideways)">
            <table class="cohort-runs">
                <caption class="sr-only">{ "Runs, one a row: each phase's time with the minutes against the real team" }</caption>
                <thead><tr>{ for headers }</tr></thead>
                <tbody>{ for rows.iter().map(|row| html! {
                    <tr>{ for columns.iter().map(|&c| cell(row, c)) }</tr>
                }) }</tbody>
            </table>
        </div>
    }
}
