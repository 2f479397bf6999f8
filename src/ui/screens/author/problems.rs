//! The problems the checking worker found, each a button to its line in the editor.

use yew::prelude::*;

use crate::ui::desk::{Check, Desk, Msg};
use crate::ui::view::author::VALID_MEANS;

pub fn problems_section(desk: &Desk, send: &Callback<Msg>) -> Html {
    let status = match desk.check {
        Check::Checking => "Checking…".to_string(),
        Check::Valid => "No problems: this is a valid scenario.".to_string(),
        Check::Invalid => format!("{} problem(s) in the file:", desk.diagnostics.len()),
    };
    let problems = desk.diagnostics.iter().map(|diag| {
        let line = diag.line;
        let jump = send.reform(move |_| Msg::JumpTo(line));
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
    html! {
        <section class={classes!("problems", (desk.check == Check::Invalid).then_some("bad"))} aria-label="Problems">
                        <h2>{ "Problems" }</h2>
                        <p role="status">{ status }</p>
                        if desk.check == Check::Valid { <p class="meta">{ VALID_MEANS }</p> }
                        <ul>{ for problems }</ul>
                    </section>
    }
}
