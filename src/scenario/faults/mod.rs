//! Validation of faults: the type, the fields each type takes, and their values. Each kind's
//! fields and their checks are in that kind's file; the kinds' ids come from the simulation's
//! `FaultKind::IDS`, so the file format, the schema and the simulation cannot disagree.

mod cpu_runaway;
mod dependency_slowdown;
mod disk_fill;
mod limit_exhaustion;
mod memory_leak;
mod pool_exhaustion;
mod request_errors;
mod schedule;
mod traffic_surge;

use crate::sim::{DependencyConfig, DeployRecord, Fault, FaultKind, FleetConfig, Targets};

use super::checker::Checker;
use super::file::{FaultFile, TargetsFile};
use super::hosts::host;

/// A kind as files write it: its id, the optional fields it takes and how its fields become the
/// simulation's parameters.
struct FileKind {
    id: &'static str,
    fields: &'static [&'static str],
    build: fn(&mut Checker, &Written) -> FaultKind,
}

/// Every kind, in the order of `FaultKind::IDS` (a test holds them equal).
const KINDS: [FileKind; FaultKind::IDS.len()] = [
    memory_leak::KIND,
    traffic_surge::KIND,
    dependency_slowdown::KIND,
    pool_exhaustion::KIND,
    disk_fill::KIND,
    cpu_runaway::KIND,
    request_errors::KIND,
    limit_exhaustion::KIND,
];

/// One fault as written: where it is, its fields, and what it may name.
struct Written<'a> {
    /// `faults[i]`.
    path: &'a str,
    file: &'a FaultFile,
    fleet: &'a FleetConfig,
    deps: &'a [DependencyConfig],
}

impl Written<'_> {
    /// The path of one of its fields.
    fn at(&self, field: &str) -> String {
        format!("{}.{field}", self.path)
    }

    /// A field its type requires; a located error (and `fallback`) when it is left out.
    fn required<T: Clone>(
        &self,
        checker: &mut Checker,
        field: &str,
        value: &Option<T>,
        fallback: T,
    ) -> T {
        value.clone().unwrap_or_else(|| {
            checker.fail(
                self.path,
                format!(
                    "a {} fault needs `{field}` (required for this type)",
                    self.file.kind
                ),
                format!("add `{field} = ...` to this fault"),
            );
            fallback
        })
    }

    /// The hosts it is on: `"all"` (the default) or a list of hosts.
    fn targets(&self, checker: &mut Checker) -> Targets {
        let path = self.at("targets");
        match &self.file.targets {
            None => Targets::All,
            Some(TargetsFile::Word(w)) if w == "all" => Targets::All,
            Some(TargetsFile::Word(w)) => {
                checker.fail(
                    path,
                    format!("`{w}` is not a target"),
                    format!(
                        "write \"all\" or a list of hosts such as [\"{}\"]",
                        self.fleet.host_name(0)
                    ),
                );
                Targets::All
            }
            Some(TargetsFile::Hosts(hosts)) => Targets::Servers(
                hosts
                    .iter()
                    .enumerate()
                    .map(|(i, h)| host(checker, &format!("{path}[{i}]"), h, self.fleet))
                    .collect(),
            ),
        }
    }
}

/// The optional fields a fault gives, by the names files use.
fn given_fields(fault: &FaultFile) -> Vec<&'static str> {
    [
        ("targets", fault.targets.is_some()),
        ("leak_kb_per_request", fault.leak_kb_per_request.is_some()),
        ("site", fault.site.is_some()),
        ("deploy", fault.deploy.is_some()),
        ("multiplier", fault.multiplier.is_some()),
        ("ramp", fault.ramp.is_some()),
        ("dependency", fault.dependency.is_some()),
        ("latency_multiplier", fault.latency_multiplier.is_some()),
        ("pool_size", fault.pool_size.is_some()),
        ("change", fault.change.is_some()),
        ("mb_per_s", fault.mb_per_s.is_some()),
        ("cpu_pct", fault.cpu_pct.is_some()),
        ("process", fault.process.is_some()),
        ("recurs_after", fault.recurs_after.is_some()),
        ("share", fault.share.is_some()),
        ("endpoint", fault.endpoint.is_some()),
        ("error", fault.error.is_some()),
        ("limit", fault.limit.is_some()),
        ("value", fault.value.is_some()),
    ]
    .into_iter()
    .filter_map(|(name, present)| present.then_some(name))
    .collect()
}

/// When a fault starts: `at` during the run, or `since` before it (then 0).
fn start_s(checker: &mut Checker, path: &str, fault: &FaultFile) -> u32 {
    match (&fault.at, &fault.since) {
        (Some(at), None) => checker.time(&format!("{path}.at"), at),
        (None, Some(since)) => {
            let help = "a fault that begins during the run takes `at = \"HH:MM\"` instead";
            checker.before_start(&format!("{path}.since"), since, help);
            0
        }
        _ => {
            checker.fail(
                path,
                "needs exactly one of `at` and `since` (one is required)",
                "`at = \"15:10\"` for a fault that begins during the run (or `windows` for one on at times); `since = \"May 9 17:40\"` for one that began before it",
            );
            0
        }
    }
}

pub fn faults(
    checker: &mut Checker,
    list: &[FaultFile],
    fleet: &FleetConfig,
    deps: &[DependencyConfig],
) -> Vec<Fault> {
    let mut out = Vec::new();
    for (i, f) in list.iter().enumerate() {
        let p = format!("faults[{i}]");
        if let Some(id) = &f.id {
            if list[..i]
                .iter()
                .any(|earlier| earlier.id.as_ref() == Some(id))
            {
                checker.fail(
                    format!("{p}.id"),
                    format!("another fault already has id `{id}`"),
                    "give each fault its own id (a custom action's `cures` names one)",
                );
            }
        }
        let (at_s, schedule) = schedule::read(checker, &p, f);
        let kind = f.kind.as_str();
        let Some(file_kind) = KINDS.iter().find(|k| k.id == kind) else {
            checker.fail(
                format!("{p}.type"),
                format!("unknown fault type `{kind}`"),
                format!("use one of: {}", FaultKind::IDS.join(", ")),
            );
            continue;
        };
        for field in given_fields(f)
            .into_iter()
            .filter(|g| !file_kind.fields.contains(g))
        {
            checker.fail(
                format!("{p}.{field}"),
                format!("`{field}` does not apply to a {kind} fault"),
                format!("a {kind} fault takes: {}", file_kind.fields.join(", ")),
            );
        }
        let written = Written {
            path: &p,
            file: f,
            fleet,
            deps,
        };
        out.push(Fault {
            at_s,
            kind: (file_kind.build)(checker, &written),
            since: f.since.clone(),
            schedule,
        });
    }
    out
}

/// A latent fault that came with a release came with the running one: the newest of `[[deploys]]`.
pub fn latent_deploys(checker: &mut Checker, list: &[FaultFile], history: &[DeployRecord]) {
    let running = history.last().map(|d| d.version.as_str());
    for (i, f) in list.iter().enumerate() {
        let (Some(_), Some(version)) = (&f.since, &f.deploy) else {
            continue;
        };
        if running != Some(version.as_str()) {
            checker.fail(
                format!("faults[{i}].deploy"),
                format!(
                    "a latent fault's release must be the one running at the start, the newest of [[deploys]] ({})",
                    running.unwrap_or("none listed")
                ),
                format!("list `{version}` last under [[deploys]], with the date it went out"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_kind_of_the_simulation_has_its_file_fields_in_the_same_order() {
        let ids: Vec<&str> = super::KINDS.iter().map(|k| k.id).collect();
        assert_eq!(ids, crate::sim::FaultKind::IDS);
    }
}
