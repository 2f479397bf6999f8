//! The theme: the system's (followed live, so switching it mid-run redraws the charts in the new
//! colours) unless the trainee picked one in the page, which is kept in local storage.

use yew::prelude::*;

use crate::ui::view::theme::Theme;

/// Where the choice is kept.
const THEME_KEY: &str = "incident-trainer.theme";

/// The system's preference now.
fn system_dark() -> bool {
    crate::ui::browser::prefers_dark()
}

/// What the theme is and how to change it.
#[derive(Clone, PartialEq)]
pub struct ThemeHandle {
    pub choice: Theme,
    /// The colours in use: the choice, or the system's when the choice is `System`.
    pub dark: bool,
    pub set: Callback<Theme>,
}

/// The theme in use; the system listener goes with the component. `on_unsaved` hears that the
/// choice could not be kept. The root element carries
/// `data-theme="dark"` or `"light"`, so the page's colours follow the same choice as the charts.
#[hook]
pub fn use_theme(on_unsaved: Callback<String>) -> ThemeHandle {
    let choice = use_state(|| {
        crate::ui::storage::local::read(THEME_KEY)
            .and_then(|t| Theme::from_id(&t))
            .unwrap_or(Theme::System)
    });
    let system = use_state(system_dark);
    {
        let system = system.clone();
        use_effect_with((), move |_| {
            let query = web_sys::window()
                .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten());
            let listener = query.map(|q| {
                gloo::events::EventListener::new(&q, "change", move |_| system.set(system_dark()))
            });
            move || drop(listener)
        });
    }
    let dark = choice.dark(*system);
    use_effect_with(dark, |dark| {
        let root = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element());
        if let Some(root) = root {
            let _ = root.set_attribute("data-theme", if *dark { "dark" } else { "light" });
        }
    });
    let set = {
        let choice = choice.clone();
        Callback::from(move |t: Theme| {
            // Not being able to keep it (storage full or off) only means it is not remembered.
            if let Err(why) = crate::ui::storage::local::write(THEME_KEY, t.id()) {
                on_unsaved.emit(format!("The theme applies to this visit only: {why}."));
            }
            choice.set(t);
        })
    };
    ThemeHandle {
        choice: *choice,
        dark,
        set,
    }
}
