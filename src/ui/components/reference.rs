//! The scenario format's reference on the author's page, offline: one section per table, each
//! field with its type, whether it is required (or its default) and what it means; a search box
//! narrows it to the fields that match and opens their sections.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::ui::view::reference::{anchor, search, sections, TEXT};

#[component]
pub fn FormatReference() -> Html {
    let all = use_memo((), |_| sections(TEXT));
    let query = use_state(String::new);
    let oninput = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            query.set(input.value());
        })
    };
    let found = search(&all, &query);
    let fields: usize = found.iter().map(|s| s.fields.len()).sum();
    let searching = !query.trim().is_empty();
    let count = if searching {
        format!("{fields} field(s) in {} table(s) match.", found.len())
    } else {
        format!("{} tables, {fields} fields.", found.len())
    };
    let section = |s: &crate::ui::view::reference::Section| {
        let rows = s.fields.iter().map(|f| {
            html! {
                <>
                    <dt>
                        <code class="ref-name">{ f.name }</code>
                        <span class={classes!("ref-need", f.required().then_some("required"))}>{ f.need }</span>
                        <span class="ref-kind">{ f.kind }</span>
                    </dt>
                    <dd>{ inline_code(f.meaning) }</dd>
                </>
            }
        });
        html! {
            <details id={anchor(s.header)} open={searching}>
                <summary>
                    <code>{ s.header }</code>
                    <span class="meta">{ format!(" {} field(s)", s.fields.len()) }</span>
                </summary>
                if !s.about.is_empty() { <p class="meta">{ inline_code(s.about) }</p> }
                <dl class="ref-fields">{ for rows }</dl>
            </details>
        }
    };
    html! {
        <section class="format-ref" aria-labelledby="format-ref-h">
            <h2 id="format-ref-h">{ "Format reference" }</h2>
            <p class="meta">{ "Every table and field of a scenario file. A required field has no default: leave it out and the file is invalid. An optional one left out takes the default shown." }</p>
            <label class="ref-search">{ "Search the format " }
                <input type="search" placeholder="heap, timeout, [[faults]]…" value={(*query).clone()} {oninput} />
            </label>
            <p class="meta" role="status">{ count }</p>
            <div class="ref-sections">{ for found.iter().map(section) }</div>
        </section>
    }
}

/// Text with `code` in backticks, the code set as code.
fn inline_code(text: &str) -> Html {
    html! {
        { for text.split('`').enumerate().map(|(i, part)| {
            if i % 2 == 1 { html! { <code>{ part }</code> } } else { html! { { part } } }
        }) }
    }
}
