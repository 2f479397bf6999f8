//! Its children a frame after it is first shown (see `use_settled`): the lower part of a long
//! screen is built in a task of its own.

use yew::prelude::*;

use crate::ui::hooks::use_settled;

#[derive(Properties, PartialEq)]
pub struct DeferredProps {
    pub children: Html,
}

#[component]
pub fn Deferred(props: &DeferredProps) -> Html {
    if use_settled() {
        props.children.clone()
    } else {
        html! {}
    }
}
