//! The scenario editor: a plain textarea (so the browser's own undo, selection, search and screen
//! reader support all work) with a line-number gutter that marks the lines with errors. Tab
//! indents and Enter keeps the line's indentation, both through the browser's editing command so
//! undo still takes them back; Escape then Tab leaves the editor (no keyboard trap).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{HtmlDocument, HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::ui::view::author::{byte_offset, indent_at, line_count, line_span, utf16_offset};

/// The editor's line height in CSS pixels (styles/app.css sets the same).
const LINE_PX: f64 = 20.0;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// Put into the editor whenever `loaded` changes (a draft opened, a template started).
    pub text: AttrValue,
    pub loaded: u64,
    /// Lines (1-based) to mark as having an error.
    pub error_lines: Vec<usize>,
    /// (request number, line): a new request puts the caret on that line and selects it.
    pub jump: (u64, usize),
    pub on_input: Callback<String>,
}

#[component]
pub fn Editor(props: &EditorProps) -> Html {
    let area = use_node_ref();
    let gutter = use_node_ref();
    let lines = use_state(|| line_count(&props.text));
    let escaped = use_mut_ref(|| false);
    {
        let (area, text, lines) = (area.clone(), props.text.clone(), lines.clone());
        use_effect_with(props.loaded, move |_| {
            if let Some(a) = area.cast::<HtmlTextAreaElement>() {
                a.set_value(&text);
                a.set_scroll_top(0);
                lines.set(line_count(&text));
            }
        });
    }
    use_jump(&area, &gutter, props.jump);
    let oninput = {
        let (lines, on_input) = (lines.clone(), props.on_input.clone());
        Callback::from(move |e: InputEvent| {
            let a: HtmlTextAreaElement = e.target_unchecked_into();
            let text = a.value();
            let n = line_count(&text);
            if n != *lines {
                lines.set(n);
            }
            on_input.emit(text);
        })
    };
    let onscroll = {
        let gutter = gutter.clone();
        Callback::from(move |e: Event| {
            let a: HtmlTextAreaElement = e.target_unchecked_into();
            if let Some(g) = gutter.cast::<HtmlElement>() {
                g.set_scroll_top(a.scroll_top());
            }
        })
    };
    let onkeydown = on_keydown(escaped);
    let marked: Vec<usize> = props.error_lines.clone();
    html! {
        <div class="editor">
            <div class="gutter" ref={gutter} aria-hidden="true">
                { for (1..=*lines).map(|n| {
                    let bad = marked.contains(&n);
                    html! { <div class={classes!("ln", bad.then_some("bad"))}>{ if bad { format!("● {n}") } else { n.to_string() } }</div> }
                }) }
            </div>
            <textarea ref={area} class="source" spellcheck="false" wrap="off" autocomplete="off"
                autocapitalize="off" aria-label="Scenario file (TOML)"
                aria-describedby="editor-keys" {oninput} {onscroll} {onkeydown} />
        </div>
    }
}

/// Types `text` at the caret as if the author had (the browser's undo takes it back); where the
/// editing command is unavailable, sets it directly and tells the page as typing would.
fn insert_text(area: &HtmlTextAreaElement, text: &str) {
    let typed = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<HtmlDocument>().ok())
        .and_then(|d| {
            d.exec_command_with_show_ui_and_value("insertText", false, text)
                .ok()
        })
        .unwrap_or(false);
    if typed {
        return;
    }
    let (start, end) = (
        area.selection_start().ok().flatten().unwrap_or(0),
        area.selection_end().ok().flatten().unwrap_or(0),
    );
    let _ = area.set_range_text_with_start_and_end_and_mode(text, start, end, "end");
    if let Ok(event) = web_sys::InputEvent::new("input") {
        let _ = area.dispatch_event(&event);
    }
}

/// Moves the caret to a line (a problem's "Line n" button), selecting it, and scrolls both the
/// text and the gutter to show it with a few lines above.
#[hook]
fn use_jump(area: &NodeRef, gutter: &NodeRef, jump: (u64, usize)) {
    let (area, gutter) = (area.clone(), gutter.clone());
    use_effect_with(jump, move |&(n, line)| {
        if n == 0 {
            return;
        }
        if let Some(a) = area.cast::<HtmlTextAreaElement>() {
            let text = a.value();
            let (start, end) = line_span(&text, line);
            let _ = a.focus();
            let _ = a.set_selection_range(utf16_offset(&text, start), utf16_offset(&text, end));
            let top = ((line.max(1) - 1) as f64 * LINE_PX - 4.0 * LINE_PX).max(0.0);
            a.set_scroll_top(top as i32);
            if let Some(g) = gutter.cast::<HtmlElement>() {
                g.set_scroll_top(a.scroll_top());
            }
        }
    });
}

/// Tab indents (unless Esc came just before: then it leaves the editor) and Enter keeps the
/// line's indentation.
fn on_keydown(escaped: Rc<RefCell<bool>>) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        let key = e.key();
        let plain = !(e.ctrl_key() || e.meta_key() || e.alt_key());
        let was_escaped = std::mem::replace(&mut *escaped.borrow_mut(), key == "Escape");
        let a: HtmlTextAreaElement = e.target_unchecked_into();
        let insert = match key.as_str() {
            "Tab" if plain && !e.shift_key() && !was_escaped => "  ".to_string(),
            "Enter" if plain && !e.shift_key() => {
                let text = a.value();
                let at = byte_offset(&text, a.selection_start().ok().flatten().unwrap_or(0));
                format!("\n{}", indent_at(&text, at))
            }
            _ => return,
        };
        e.prevent_default();
        insert_text(&a, &insert);
    })
}
