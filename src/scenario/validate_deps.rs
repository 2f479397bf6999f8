//! Validation of `[[dependencies]]`: names, kinds and the fields each kind takes, and the names
//! faults give.

use crate::sim::{Dependency, DependencyConfig, DependencyKind, FleetConfig};

use super::checker::Checker;
use super::file::DependencyFile;

const KINDS: [&str; 4] = ["database", "http", "cache", "proxy"];

pub fn dependencies(
    checker: &mut Checker,
    list: &[DependencyFile],
    fleet: &FleetConfig,
) -> Vec<DependencyConfig> {
    let mut out: Vec<DependencyConfig> = Vec::new();
    for (i, d) in list.iter().enumerate() {
        let p = format!("dependencies[{i}]");
        let name = checker.id(&format!("{p}.name"), &d.name);
        if Dependency::BUILT_IN.iter().any(|b| b.id() == name) {
            checker.fail(
                format!("{p}.name"),
                format!("`{name}` names the built-in {name} ([{name}])"),
                "give this dependency its own name",
            );
        } else if out.iter().any(|x| x.name == name) {
            checker.fail(
                format!("{p}.name"),
                format!("another dependency is already called `{name}`"),
                "give each dependency its own name",
            );
        }
        let host = d.host.clone().unwrap_or_else(|| name.clone());
        if (0..fleet.servers).any(|s| fleet.host_name(s) == host) {
            checker.fail(
                format!("{p}.host"),
                format!("`{host}` is one of the app servers"),
                "a dependency runs on its own host: name it differently",
            );
        }
        let kind = kind(checker, &p, d);
        out.push(DependencyConfig {
            name,
            host,
            kind,
            latency_ms: checker.positive(&format!("{p}.latency_ms"), d.latency_ms),
            calls_per_request: checker
                .non_negative(&format!("{p}.calls_per_request"), d.calls_per_request),
            timeout_ms: checker.positive(&format!("{p}.timeout_ms"), d.timeout_ms),
            error_share: checker.range(&format!("{p}.error_fraction"), d.error_share, 0.0, 1.0),
            depends_on: Vec::new(),
            limits: d
                .limits
                .as_ref()
                .map(|l| super::validate_links::limits(checker, &format!("{p}.limits"), l)),
        });
    }
    resolve_backends(checker, list, &mut out);
    super::validate_links::depends_on(checker, list, &mut out);
    out
}

/// The kind and its own fields; fields of another kind are refused.
fn kind(checker: &mut Checker, path: &str, dependency: &DependencyFile) -> DependencyKind {
    let given = [
        ("pool_size", dependency.pool_size.is_some(), "database"),
        ("max_wait_ms", dependency.max_wait_ms.is_some(), "database"),
        ("hit_ratio", dependency.hit_share.is_some(), "cache"),
        ("backend", dependency.backend.is_some(), "cache"),
    ];
    for (field, present, owner) in given {
        if present && dependency.kind != owner && KINDS.contains(&dependency.kind.as_str()) {
            checker.fail(
                format!("{path}.{field}"),
                format!(
                    "`{field}` is for a {owner}, and this is a {}",
                    dependency.kind
                ),
                "remove it, or change `kind`",
            );
        }
    }
    let need = |checker: &mut Checker, field: &str, present: bool| {
        if !present {
            checker.fail(
                path.to_string(),
                format!("a {} dependency needs `{field}`", dependency.kind),
                format!("add `{field} = ...`"),
            );
        }
    };
    match dependency.kind.as_str() {
        "database" => {
            need(checker, "pool_size", dependency.pool_size.is_some());
            need(checker, "max_wait_ms", dependency.max_wait_ms.is_some());
            DependencyKind::Database {
                pool_size: checker.at_least(
                    &format!("{path}.pool_size"),
                    dependency.pool_size.unwrap_or(1),
                    1,
                    "a pool needs at least one connection",
                ),
                max_wait_ms: checker.positive(
                    &format!("{path}.max_wait_ms"),
                    dependency.max_wait_ms.unwrap_or(1.0),
                ),
            }
        }
        "cache" => {
            need(checker, "hit_ratio", dependency.hit_share.is_some());
            let hit_share = dependency.hit_share.map_or(0.0, |h| {
                checker.range(&format!("{path}.hit_ratio"), h, 0.0, 1.0)
            });
            DependencyKind::Cache {
                hit_share,
                backend: Dependency::Database,
            }
        }
        "http" => DependencyKind::Http,
        "proxy" => DependencyKind::Proxy,
        other => {
            checker.fail(
                format!("{path}.kind"),
                format!("unknown dependency kind `{other}`"),
                format!("use one of: {}", KINDS.join(", ")),
            );
            DependencyKind::Http
        }
    }
}

/// A cache's backend: the main database or a database or HTTP dependency (not a cache).
fn resolve_backends(checker: &mut Checker, list: &[DependencyFile], out: &mut [DependencyConfig]) {
    for (i, d) in list.iter().enumerate() {
        if d.kind != "cache" {
            continue;
        }
        let path = format!("dependencies[{i}].backend");
        let name = d.backend.as_deref().unwrap_or("database");
        let backend = match Dependency::find(name, out) {
            Some(Dependency::Named(j))
                if matches!(out[j as usize].kind, DependencyKind::Cache { .. }) =>
            {
                checker.fail(
                    path,
                    format!("`{name}` is a cache; a cache's misses go to where the data lives"),
                    "name the database or service behind it",
                );
                continue;
            }
            Some(Dependency::Payment) => {
                checker.fail(
                    path,
                    "the payment gateway is not what a cache stands in front of",
                    "name the database or service behind it",
                );
                continue;
            }
            Some(found) => found,
            None => {
                checker.fail(
                    path,
                    format!("no dependency is called `{name}`"),
                    names_help(out),
                );
                continue;
            }
        };
        if let DependencyKind::Cache { backend: b, .. } = &mut out[i].kind {
            *b = backend;
        }
    }
}

fn names_help(named: &[DependencyConfig]) -> String {
    let mut names = vec!["database".to_string(), "payment".to_string()];
    names.extend(named.iter().map(|d| d.name.clone()));
    format!("use one of: {}", names.join(", "))
}

/// The dependency a fault names: `database`, `payment` or one of `[[dependencies]]`.
pub fn named(
    checker: &mut Checker,
    path: &str,
    name: &str,
    named: &[DependencyConfig],
) -> Dependency {
    Dependency::find(name, named).unwrap_or_else(|| {
        checker.fail(
            path,
            format!("unknown dependency `{name}`"),
            names_help(named),
        );
        Dependency::Database
    })
}

/// A database a fault names: the main one or a `[[dependencies]]` database.
pub fn database(
    checker: &mut Checker,
    path: &str,
    name: &str,
    deps: &[DependencyConfig],
) -> Dependency {
    match named(checker, path, name, deps) {
        Dependency::Named(i)
            if !matches!(deps[i as usize].kind, DependencyKind::Database { .. }) =>
        {
            checker.fail(
                path,
                format!("`{name}` is not a database, so it has no connection pool"),
                "name `database` or a dependency of kind database",
            );
            Dependency::Database
        }
        Dependency::Payment => {
            checker.fail(
                path,
                "the payment gateway has no connection pool",
                "name `database` or a dependency of kind database",
            );
            Dependency::Database
        }
        found => found,
    }
}
