//! Each host: its state, heap, CPU and GC time.

use yew::prelude::*;

use crate::ui::view::status::ServerRow;

#[derive(Properties, PartialEq)]
pub struct ServersProps {
    pub rows: Vec<ServerRow>,
    /// The runtime has a collected heap (else: memory, and no GC column).
    pub gc: bool,
}

#[component]
pub fn Servers(props: &ServersProps) -> Html {
    html! {
        <section class="panel servers" aria-labelledby="servers-h">
            <h2 id="servers-h">{ "Servers" }</h2>
            <table>
                <thead><tr>
                    <th scope="col">{ "Host" }</th><th scope="col">{ "State" }</th>
                    <th scope="col">{ if props.gc { "Heap" } else { "Memory" } }</th>
                    <th scope="col">{ "CPU" }</th>
                    if props.gc { <th scope="col">{ "GC" }</th> }
                </tr></thead>
                <tbody>
                { for props.rows.iter().map(|r| html! {
                    <tr>
                        <th scope="row">{ &r.name }</th>
                        <td><span class={classes!("badge", r.class)}>{ r.state }</span></td>
                        <td class={classes!("num", (r.heap_pct >= 90.0).then_some("bad"))}>{ format!("{:.0}%", r.heap_pct) }</td>
                        <td class="num">{ format!("{:.0}%", r.cpu_pct) }</td>
                        if props.gc {
                            <td class={classes!("num", (r.gc_pct >= 50.0).then_some("bad"))}>{ format!("{:.0}%", r.gc_pct) }</td>
                        }
                    </tr>
                }) }
                </tbody>
            </table>
        </section>
    }
}
