//! Validation of what connects the dependencies: what each one's calls pass through
//! (`depends_on`, no circles), and the limits on what a process may hold open.

use crate::sim::{DatabaseConfig, DependencyConfig, Limits};

use super::checker::Checker;
use super::file::{DatabaseFile, DependencyFile, LimitsFile};

/// What the config calls a connection cap when the scenario does not say.
const DEFAULT_CAP_SETTING: &str = "max_connections";

/// The limits as given: at least one of the two, files in use fewer than the file limit.
pub fn limits(checker: &mut Checker, path: &str, given: &LimitsFile) -> Limits {
    if given.open_files.is_none() && given.max_connections.is_none() {
        checker.fail(
            path,
            "limits name neither `open_files` nor `max_connections`",
            "give the process's open-file limit (`open_files = 1024`), its connection cap, or both",
        );
    }
    let open_files = given.open_files.map(|n| {
        let n = checker.at_least(
            &format!("{path}.open_files"),
            n,
            1,
            "a process needs at least one open file",
        );
        if given.files_in_use >= n {
            checker.fail(
                format!("{path}.files_in_use"),
                format!(
                    "{} files in use leave no room under `open_files = {n}`",
                    given.files_in_use
                ),
                "files in use are those open besides client connections: fewer than the limit",
            );
        }
        n
    });
    let max_connections = given.max_connections.map(|n| {
        checker.at_least(
            &format!("{path}.max_connections"),
            n,
            1,
            "a cap of 0 refuses every connection",
        )
    });
    let setting = match &given.max_connections_setting {
        Some(s) => checker.id(&format!("{path}.max_connections_setting"), s),
        None => DEFAULT_CAP_SETTING.to_string(),
    };
    Limits {
        open_files,
        files_in_use: given.files_in_use,
        max_connections,
        max_connections_setting: setting,
        connections_per_worker: checker.non_negative(
            &format!("{path}.connections_per_worker"),
            given.connections_per_worker,
        ),
    }
}

/// The `[[dependencies]]` named at `path`, by index; the built-in ones are refused (calls pass
/// through the scenario's own: a pooler, a proxy, a gateway).
fn passes_through(
    checker: &mut Checker,
    path: &str,
    names: &[String],
    named: &[DependencyConfig],
) -> Vec<u32> {
    let mut out = Vec::new();
    for (k, name) in names.iter().enumerate() {
        let place = format!("{path}[{k}]");
        match named.iter().position(|d| &d.name == name) {
            Some(i) if out.contains(&(i as u32)) => checker.fail(
                place,
                format!("`{name}` is listed twice"),
                "list each dependency once",
            ),
            Some(i) => out.push(i as u32),
            None => checker.fail(
                place,
                format!("no dependency of this scenario's own is called `{name}`"),
                own_names_help(named),
            ),
        }
    }
    out
}

/// The main database with what its queries pass through (read once the scenario's own
/// dependencies are).
pub fn database(
    checker: &mut Checker,
    given: &DatabaseFile,
    database: DatabaseConfig,
    named: &[DependencyConfig],
) -> DatabaseConfig {
    let depends_on = passes_through(checker, "database.depends_on", &given.depends_on, named);
    DatabaseConfig {
        depends_on,
        ..database
    }
}

/// Each dependency's `depends_on`, read into `out`: none on itself, no circle.
pub fn depends_on(checker: &mut Checker, list: &[DependencyFile], out: &mut [DependencyConfig]) {
    for (i, d) in list.iter().enumerate() {
        let path = format!("dependencies[{i}].depends_on");
        let through = passes_through(checker, &path, &d.depends_on, out);
        if through.contains(&(i as u32)) {
            checker.fail(
                path,
                format!("`{}` depends on itself", d.name),
                "name what its calls pass through, not itself",
            );
            continue;
        }
        out[i].depends_on = through;
    }
    if let Some(start) = (0..out.len()).find(|&i| circles_back(out, i)) {
        checker.fail(
            format!("dependencies[{start}].depends_on"),
            format!("`{}` depends, through others, on itself", out[start].name),
            "calls pass through dependencies one way: break the circle",
        );
        for d in out.iter_mut() {
            d.depends_on.clear();
        }
    }
}

/// Whether following `depends_on` from `start` leads back to it.
fn circles_back(named: &[DependencyConfig], start: usize) -> bool {
    let mut seen = vec![false; named.len()];
    let mut stack: Vec<usize> = named[start]
        .depends_on
        .iter()
        .map(|&d| d as usize)
        .collect();
    while let Some(i) = stack.pop() {
        if i == start {
            return true;
        }
        if !std::mem::replace(&mut seen[i], true) {
            stack.extend(named[i].depends_on.iter().map(|&d| d as usize));
        }
    }
    false
}

fn own_names_help(named: &[DependencyConfig]) -> String {
    if named.is_empty() {
        return "list it under [[dependencies]] first".into();
    }
    let names: Vec<&str> = named.iter().map(|d| d.name.as_str()).collect();
    format!("use one of: {}", names.join(", "))
}
