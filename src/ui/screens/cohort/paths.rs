//! The common paths: the first actions people took, and the merged tree of their steps (a run of
//! steps that everyone on a branch took alike is drawn as one chain), each step with how many
//! took it, the minutes lost on it and the real team's step where a branch left theirs. A table
//! says the same for screen readers.

use yew::prelude::*;

use crate::record::cohort::{first_actions, walk, Cohort, PathNode};

/// A chain: this node and its only children while the same runs go on together.
fn chain(node: &PathNode) -> Vec<&PathNode> {
    let mut out = vec![node];
    let mut at = node;
    while let [only] = &at.children[..] {
        if only.runs != at.runs {
            break;
        }
        out.push(only);
        at = only;
    }
    out
}

fn chip(node: &PathNode, first: bool) -> Html {
    let lost = (node.detour_minutes >= 0.5).then(|| format!("lost {:.0} min", node.detour_minutes));
    let real = node
        .real_team
        .as_ref()
        .filter(|r| first && !node.on_real_path && **r != node.label);
    html! {
        <li class={classes!("chip", node.on_real_path.then_some("real"), lost.is_some().then_some("lost"))}>
            <span class="step">{ &node.label }</span>
            if node.on_real_path { <span class="tick">{ "✓ real team" }</span> }
            if let Some(lost) = lost { <span class="lost-min">{ lost }</span> }
            if let Some(r) = real { <span class="real-there">{ format!("real team: {r}") }</span> }
            if node.went_on > 0 { <span class="meta">{ format!("{} run(s) went on further", node.went_on) }</span> }
        </li>
    }
}

/// One branch: its chain of steps, then the branches below it.
fn branch(node: &PathNode, total: usize) -> Html {
    let steps = chain(node);
    let last = steps[steps.len() - 1];
    let width = format!(
        "width: {:.0}%",
        100.0 * node.runs as f64 / total.max(1) as f64
    );
    let who = node.who.join(", ");
    html! {
        <li class="branch">
            <div class="branch-head">
                <span class="runs">{ format!("{} of {total}", node.runs) }</span>
                <span class="bar" aria-hidden="true"><span style={width}></span></span>
                <span class="who">{ who }</span>
            </div>
            <ol class="chain">{ for steps.iter().enumerate().map(|(i, n)| chip(n, i == 0)) }</ol>
            if !last.children.is_empty() {
                <ul class="branches">{ for last.children.iter().map(|c| branch(c, total)) }</ul>
            }
        </li>
    }
}

/// The same tree as rows: step number, the steps before, the step, runs, minutes lost, the real
/// team's step there.
fn as_table(tree: &[PathNode]) -> Html {
    html! {
        // A table ignores a width under its content's: the box around it hides it.
        <div class="sr-only"><table aria-label="Paths as a table">
            <thead><tr>
                <th scope="col">{ "Step" }</th><th scope="col">{ "After" }</th>
                <th scope="col">{ "Action" }</th><th scope="col">{ "Runs" }</th>
                <th scope="col">{ "Minutes lost" }</th><th scope="col">{ "Real team's step" }</th>
            </tr></thead>
            <tbody>{ for walk(tree).into_iter().map(|s| html! {
                <tr>
                    <td>{ s.depth }</td>
                    <td>{ if s.before.is_empty() { "the start".to_string() } else { s.before.join(", then ") } }</td>
                    <th scope="row">{ &s.node.label }</th>
                    <td>{ s.node.runs }</td>
                    <td>{ format!("{:.0}", s.node.detour_minutes) }</td>
                    <td>{ s.node.real_team.clone().unwrap_or_else(|| "none (they had stopped)".into()) }</td>
                </tr>
            }) }</tbody>
        </table></div>
    }
}

/// The paths section.
pub fn paths(cohort: &Cohort) -> Html {
    let tree = cohort.paths();
    let total = cohort.rows.len();
    let firsts = first_actions(&cohort.rows)
        .into_iter()
        .map(|(label, n)| html! { <li><span class="step">{ label }</span>{ format!(" {n} of {total}") }</li> });
    html! {
        <section class="cohort-paths" aria-labelledby="cohort-paths-h">
            <h2 id="cohort-paths-h">{ "Common paths" }</h2>
            <h3>{ "First actions" }</h3>
            <ul class="firsts">{ for firsts }</ul>
            <h3>{ "Where people went, and lost time" }</h3>
            <p class="meta">{ "Runs that began alike share a branch. Steps marked ✓ are the real team's own path; a branch that left it says what the real team did there." }</p>
            <ul class="path-tree" aria-hidden="true">{ for tree.iter().map(|n| branch(n, total)) }</ul>
            { as_table(&tree) }
        </section>
    }
}
