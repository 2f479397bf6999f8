//! What a host shows of itself beyond the app servers' dashboards: a dependency's running
//! config, and any host's main process against its limits on open files and connections.

use super::config::{Dependency, DependencyKind};
use super::deps::Dependencies;
use super::findings::FindingBody;
use super::fleet::Fleet;
use super::resolve::Machine;

/// The open-file limit of an app server's process: far above what it holds.
const SERVER_OPEN_FILES: u32 = 65_536;
/// Files an app server's process keeps open besides its connections: libraries, logs,
/// listeners.
const SERVER_FILES_IN_USE: f64 = 180.0;

/// A dependency's running configuration, as its host shows it.
pub(super) fn dependency_config(deps: &Dependencies, dependency: Dependency) -> FindingBody {
    let ms = |v: f64| format!("{v:.0}ms");
    let (host, settings) = match dependency {
        Dependency::Named(i) => {
            let e = &deps.extras[i as usize];
            let mut out = vec![("role".to_string(), e.cfg.kind.id().to_string())];
            match e.cfg.kind {
                DependencyKind::Database { max_wait_ms, .. } => {
                    out.push(("pool_size".into(), e.pool_size.to_string()));
                    out.push(("pool_max_wait".into(), ms(max_wait_ms)));
                }
                DependencyKind::Cache { hit_share, .. } => {
                    out.push(("expected_hit_ratio".into(), format!("{hit_share:.2}")));
                }
                DependencyKind::Http | DependencyKind::Proxy => {}
            }
            out.push(("timeout".into(), ms(e.cfg.timeout_ms)));
            for &d in &e.cfg.depends_on {
                let next = &deps.extras[d as usize].cfg;
                out.push(("upstream".into(), format!("{} ({})", next.host, next.name)));
            }
            if let Some(limits) = &e.cfg.limits {
                if let Some(cap) = e.max_connections {
                    out.push((limits.max_connections_setting.clone(), cap.to_string()));
                }
                let nofile = e.open_files.map_or("unlimited".into(), |n| n.to_string());
                out.push(("LimitNOFILE".into(), nofile));
            }
            (e.cfg.host.clone(), out)
        }
        _ => {
            let db = &deps.db;
            let mut out = vec![("role".to_string(), "database".to_string())];
            out.push(("query_time".into(), ms(db.query_ms)));
            (db.host.clone(), out)
        }
    };
    FindingBody::Config { host, settings }
}

/// What a host's main process holds open against its limits (`service`: what the app servers
/// run).
pub(super) fn limits(
    fleet: &Fleet,
    deps: &Dependencies,
    service: &str,
    machine: Machine,
) -> FindingBody {
    match machine {
        Machine::Server(s) => server_limits(fleet, deps, service, s),
        Machine::Dependency(Dependency::Named(i)) => {
            let e = &deps.extras[i as usize];
            let limits = e.cfg.limits.as_ref();
            let files_in_use = limits.map_or(0, |l| l.files_in_use);
            let refused = if e.last.connections > 0.0 {
                1.0 - e.last.accepted / e.last.connections
            } else {
                0.0
            };
            FindingBody::Limits {
                host: e.cfg.host.clone(),
                process: e.cfg.name.clone(),
                dependency: Some(i),
                open_files: f64::from(files_in_use) + e.last.accepted,
                open_files_limit: e.open_files,
                connections: e.last.accepted,
                wanted: e.last.connections,
                cap: limits
                    .zip(e.max_connections)
                    .map(|(l, n)| (l.max_connections_setting.clone(), n)),
                refused_pct: 100.0 * refused,
            }
        }
        Machine::Dependency(_) => {
            let busy = deps.last.pool_used_share * f64::from(deps.pool_size);
            untroubled(&deps.db.host, "database", busy)
        }
    }
}

/// An app server's process: a socket per worker, and what each keeps open onward.
fn server_limits(fleet: &Fleet, deps: &Dependencies, service: &str, server: u32) -> FindingBody {
    let up = fleet.servers[server as usize].is_up();
    let workers = if up {
        f64::from(fleet.cfg.worker_threads)
    } else {
        0.0
    };
    let held: f64 = deps
        .extras
        .iter()
        .filter_map(|e| e.cfg.limits.as_ref())
        .map(|l| l.connections_per_worker)
        .sum::<f64>()
        + deps.db.held_per_worker;
    let mut body = untroubled(fleet.name(server), service, workers * (1.0 + held));
    if let (FindingBody::Limits { open_files, .. }, false) = (&mut body, up) {
        *open_files = 0.0;
    }
    body
}

/// A process far under its limits, holding `connections`.
fn untroubled(host: &str, process: &str, connections: f64) -> FindingBody {
    FindingBody::Limits {
        host: host.to_string(),
        process: process.to_string(),
        dependency: None,
        open_files: SERVER_FILES_IN_USE + connections,
        open_files_limit: Some(SERVER_OPEN_FILES),
        connections,
        wanted: connections,
        cap: None,
        refused_pct: 0.0,
    }
}

/// A `Limits` finding as the commands an engineer would run show it (other bodies: nothing).
pub(super) fn limits_text(body: &FindingBody) -> String {
    use std::fmt::Write;
    let FindingBody::Limits {
        host,
        process,
        open_files,
        open_files_limit,
        connections,
        wanted,
        cap,
        refused_pct,
        ..
    } = body
    else {
        return String::new();
    };
    let mut o = String::new();
    let limit = open_files_limit.map_or("unlimited".into(), |n| n.to_string());
    let _ = writeln!(o, "[{host}]$ prlimit --nofile --pid $(pidof {process}); ls /proc/$(pidof {process})/fd | wc -l");
    let _ = writeln!(o, "RESOURCE DESCRIPTION              SOFT      HARD UNITS");
    let _ = writeln!(
        o,
        "NOFILE   max number of open files {limit:>6} {limit:>9} files"
    );
    let _ = writeln!(o, "{open_files:.0}");
    let _ = writeln!(o, "[{host}]$ ss -tn state established | wc -l");
    let _ = writeln!(o, "{connections:.0}");
    if let Some((setting, value)) = cap {
        let _ = writeln!(o, "{setting} = {value}");
    }
    if *refused_pct > 0.0 {
        let _ = writeln!(
            o,
            "# {wanted:.0} client connections wanted, {connections:.0} held: {refused_pct:.0}% of attempts refused"
        );
    }
    o
}
