//! Who is engaged, what is declared.

use yew::prelude::*;

use crate::ui::view::team::TeamLine;

#[derive(Properties, PartialEq)]
pub struct TeamProps {
    pub lines: Vec<TeamLine>,
}

#[component]
pub fn Team(props: &TeamProps) -> Html {
    html! {
        <section class="panel team" aria-labelledby="team-h">
            <h2 id="team-h">{ "Team" }</h2>
            <dl>
            { for props.lines.iter().map(|l| html! {
                <><dt>{ &l.who }</dt><dd>{ &l.state }</dd></>
            }) }
            </dl>
        </section>
    }
}
