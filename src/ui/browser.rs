//! The few things the app asks of the browser itself: the panic screen, downloads, a fresh seed,
//! the colour scheme.

use wasm_bindgen::JsCast;

use super::storage::{local, SESSION_KEY};

/// Shows a readable error screen instead of a white page, with the seed and the run to copy.
pub fn install_panic_screen() {
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

/// An `<input type=file>`'s change handler: hands the picked file to `picked` and clears the
/// input, so picking the same file again is a change too.
pub fn on_file_picked(picked: yew::Callback<web_sys::File>) -> yew::Callback<yew::Event> {
    yew::Callback::from(move |e: yew::Event| {
        let input: web_sys::HtmlInputElement = yew::TargetCast::target_unchecked_into(&e);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            picked.emit(file);
        }
        input.set_value("");
    })
}

/// Starts a download of `url` under `name`.
pub fn download(url: &gloo::file::ObjectUrl, name: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(a) = doc
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
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

/// A seed for "a different afternoon": the page's clock mixed into 64 bits. Any value is a valid
/// seed; the one drawn is shown and saved with the run.
pub fn new_seed() -> u64 {
    let (origin, now) = web_sys::window()
        .and_then(|w| w.performance())
        .map_or((0.0, 0.0), |p| (p.time_origin(), p.now()));
    crate::sim::rng::mix64(origin.to_bits() ^ now.to_bits().rotate_left(32))
}

pub fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// The browser's local time of day, `HH:MM:SS` (when something happened on the page).
pub fn time_of_day() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:02}:{:02}:{:02}",
        now.get_hours(),
        now.get_minutes(),
        now.get_seconds()
    )
}

/// Copies `text` to the clipboard, then tells `done` whether the browser allowed it.
pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(window) = web_sys::window() else {
        return done(false);
    };
    let promise = window.navigator().clipboard().write_text(text);
    yew::platform::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

/// Goes to another page of the app (`ui::pages`): the boot script loads that page's module.
pub fn go(fragment: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(fragment);
    }
}

/// The address's fragment, `#` and all ("" when it has none).
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}
