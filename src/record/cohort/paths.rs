//! The common paths: every run as its sequence of actions, merged into a tree of steps (runs
//! that began alike share a branch), each step with how many runs took it, the minutes they lost
//! on it as detours, and what the real team did at that point.

use super::row::Row;

/// Steps a path diagram goes down before it stops branching (a run's later actions are counted
/// at its last shown step).
pub const MAX_PATH_DEPTH: usize = 16;

/// One step of the merged paths.
#[derive(Clone, Debug, PartialEq)]
pub struct PathNode {
    /// The action and its target, named as the trainee saw it (`Restart one server (app-1)`).
    pub label: String,
    /// How many runs took this step after the same steps before it.
    pub runs: usize,
    /// Minutes those runs spent on it as a detour, summed.
    pub detour_minutes: f64,
    /// What the real team did as their step at this depth, if they got this far.
    pub real_team: Option<String>,
    /// The steps up to here are the real team's own.
    pub on_real_path: bool,
    /// Runs that went on past the diagram's last depth from here.
    pub went_on: usize,
    /// Which runs (trainee names) took this step, in the order loaded.
    pub who: Vec<String>,
    pub children: Vec<PathNode>,
}

/// Merges the runs' paths into a tree (roots: the first actions), most-taken branch first.
pub fn path_tree(rows: &[Row], real_path: &[String], max_depth: usize) -> Vec<PathNode> {
    let mut roots: Vec<PathNode> = Vec::new();
    for row in rows {
        let mut level = &mut roots;
        let mut real_so_far = true;
        for (depth, step) in row.path.iter().enumerate().take(max_depth) {
            real_so_far &= real_path.get(depth) == Some(&step.label);
            let at = match level.iter().position(|n| n.label == step.label) {
                Some(at) => at,
                None => {
                    level.push(PathNode {
                        label: step.label.clone(),
                        runs: 0,
                        detour_minutes: 0.0,
                        real_team: real_path.get(depth).cloned(),
                        on_real_path: real_so_far,
                        went_on: 0,
                        who: Vec::new(),
                        children: Vec::new(),
                    });
                    level.len() - 1
                }
            };
            let node = &mut level[at];
            node.runs += 1;
            node.detour_minutes += step.detour_minutes;
            node.who.push(row.trainee.clone());
            if depth + 1 == max_depth && row.path.len() > max_depth {
                node.went_on += 1;
            }
            level = &mut node.children;
        }
    }
    order(&mut roots);
    roots
}

/// Most runs first, then the real team's step, then by name (a stable picture for a given set).
fn order(nodes: &mut [PathNode]) {
    nodes.sort_by(|a, b| {
        b.runs
            .cmp(&a.runs)
            .then(b.on_real_path.cmp(&a.on_real_path))
            .then(a.label.cmp(&b.label))
    });
    for node in nodes {
        order(&mut node.children);
    }
}

/// Which first action people took, and how many took it (the tree's roots).
pub fn first_actions(rows: &[Row]) -> Vec<(String, usize)> {
    path_tree(rows, &[], 1)
        .into_iter()
        .map(|n| (n.label, n.runs))
        .collect()
}

/// One step of the tree as a table row: its depth (1 for a first action), the steps to it, and
/// the node.
#[derive(Clone, Debug, PartialEq)]
pub struct PathStep<'a> {
    pub depth: usize,
    pub before: Vec<&'a str>,
    pub node: &'a PathNode,
}

/// The tree in reading order (each step, then its branches), for a table.
pub fn walk(nodes: &[PathNode]) -> Vec<PathStep<'_>> {
    fn visit<'a>(nodes: &'a [PathNode], before: &mut Vec<&'a str>, out: &mut Vec<PathStep<'a>>) {
        for node in nodes {
            out.push(PathStep {
                depth: before.len() + 1,
                before: before.clone(),
                node,
            });
            before.push(&node.label);
            visit(&node.children, before, out);
            before.pop();
        }
    }
    let mut out = Vec::new();
    visit(nodes, &mut Vec::new(), &mut out);
    out
}
