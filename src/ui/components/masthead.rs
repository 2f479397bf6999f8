//! The top of every page of the app: the skip link, the product's name and the theme switch.

use yew::prelude::*;

use crate::ui::hooks::ThemeHandle;
use crate::ui::view::theme::Theme;

#[derive(Properties, PartialEq)]
pub struct MastheadProps {
    pub theme: ThemeHandle,
}

#[component]
pub fn Masthead(props: &MastheadProps) -> Html {
    html! {
        <>
            <a class="skip" href="#main">{ "Skip to content" }</a>
            <header class="masthead">
                <span class="product">{ "Incident trainer" }</span>
                <ThemePicker theme={props.theme.clone()} />
            </header>
        </>
    }
}

/// The page's own theme switch: as the system, light or dark.
#[component]
fn ThemePicker(props: &MastheadProps) -> Html {
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
