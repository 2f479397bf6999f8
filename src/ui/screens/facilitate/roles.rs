//! The room's roles, named by the facilitator: kept with the room's session and its run file.

use yew::prelude::*;

use crate::record::Roles as Named;

#[derive(Properties, PartialEq)]
pub struct RolesProps {
    /// The roles as the room has them.
    pub current: Named,
    pub on_roles: Callback<Named>,
}

/// A name typed in, or none when the field is blank.
fn typed(field: &NodeRef) -> Option<String> {
    let value = field.cast::<web_sys::HtmlInputElement>()?.value();
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

#[component]
pub fn Roles(props: &RolesProps) -> Html {
    let fields = [use_node_ref(), use_node_ref(), use_node_ref()];
    let onsubmit = {
        let (fields, on_roles) = (fields.clone(), props.on_roles.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_roles.emit(Named {
                commander: typed(&fields[0]),
                operations: typed(&fields[1]),
                communications: typed(&fields[2]),
            });
        })
    };
    // The fields show the room's roles whenever those change (a new run, another window's
    // naming), so a change to one role keeps the others.
    use_effect_with(props.current.clone(), {
        let fields = fields.clone();
        move |current: &Named| {
            let values = [
                &current.commander,
                &current.operations,
                &current.communications,
            ];
            for (field, value) in fields.iter().zip(values) {
                if let Some(input) = field.cast::<web_sys::HtmlInputElement>() {
                    input.set_value(value.as_deref().unwrap_or_default());
                }
            }
        }
    });
    let named = props.current.line(", ");
    let labels = ["Incident commander", "Operations", "Communications"];
    html! {
        <section class="panel room-roles" aria-labelledby="roles-h">
            <h2 id="roles-h">{ "The room's roles" }</h2>
            <form {onsubmit}>
                // Not bound to the room's roles: the room's state re-renders this window every few
                // seconds, which would wipe what is being typed (they are set when they change).
                { for labels.iter().zip(fields.iter()).map(|(label, field)| html! {
                    <label>{ *label }
                        <input type="text" ref={field.clone()} autocomplete="off" />
                    </label>
                }) }
                <button type="submit">{ "Name the roles" }</button>
            </form>
            <p class="meta" role="status">{ if named.is_empty() {
                "No roles named yet.".to_string()
            } else {
                format!("The room has them: {named}.")
            } }</p>
        </section>
    }
}
