//! Validation of the lists in a scenario: faults, alerts, overrides, hypotheses, milestones and the
//! reference timeline.

use crate::sim::*;

use super::file::*;
use super::model::{Milestone, MilestoneTrigger, ReferenceEntry};
use super::validate::Checker;

const FAULT_TYPES: [&str; 6] = [
    "memory_leak",
    "traffic_surge",
    "dependency_slowdown",
    "pool_exhaustion",
    "disk_fill",
    "cpu_runaway",
];

/// Which optional fields each fault type takes.
fn fields_of(kind: &str) -> &'static [&'static str] {
    match kind {
        "memory_leak" => &["targets", "leak_kb_per_request", "site", "deploy"],
        "traffic_surge" => &["multiplier", "duration", "ramp"],
        "dependency_slowdown" => &["dependency", "latency_multiplier", "duration"],
        "pool_exhaustion" => &["pool_size", "change"],
        "disk_fill" => &["targets", "mb_per_s"],
        "cpu_runaway" => &["targets", "cpu_pct", "process"],
        _ => &[],
    }
}

fn given_fields(f: &FaultFile) -> Vec<&'static str> {
    let mut given = Vec::new();
    let mut note = |name: &'static str, present: bool| {
        if present {
            given.push(name);
        }
    };
    note("targets", f.targets.is_some());
    note("leak_kb_per_request", f.leak_kb_per_request.is_some());
    note("site", f.site.is_some());
    note("deploy", f.deploy.is_some());
    note("multiplier", f.multiplier.is_some());
    note("duration", f.duration.is_some());
    note("ramp", f.ramp.is_some());
    note("dependency", f.dependency.is_some());
    note("latency_multiplier", f.latency_multiplier.is_some());
    note("pool_size", f.pool_size.is_some());
    note("change", f.change.is_some());
    note("mb_per_s", f.mb_per_s.is_some());
    note("cpu_pct", f.cpu_pct.is_some());
    note("process", f.process.is_some());
    given
}

fn required<T: Clone>(
    c: &mut Checker,
    path: &str,
    kind: &str,
    field: &str,
    value: &Option<T>,
    fallback: T,
) -> T {
    value.clone().unwrap_or_else(|| {
        c.fail(
            path,
            format!("a {kind} fault needs `{field}`"),
            format!("add `{field} = ...` to this fault"),
        );
        fallback
    })
}

fn targets(c: &mut Checker, path: &str, t: &Option<TargetsFile>, servers: u32) -> Targets {
    match t {
        None => Targets::All,
        Some(TargetsFile::Word(w)) if w == "all" => Targets::All,
        Some(TargetsFile::Word(w)) => {
            c.fail(
                path,
                format!("`{w}` is not a target"),
                "write \"all\" or a list of hosts such as [\"app-1\", \"app-3\"]",
            );
            Targets::All
        }
        Some(TargetsFile::Hosts(hosts)) => Targets::Servers(
            hosts
                .iter()
                .enumerate()
                .map(|(i, h)| host(c, &format!("{path}[{i}]"), h, servers))
                .collect(),
        ),
    }
}

pub fn host(c: &mut Checker, path: &str, name: &str, servers: u32) -> u32 {
    let index = name
        .strip_prefix("app-")
        .and_then(|n| n.parse::<u32>().ok());
    match index {
        Some(i) if i >= 1 && i <= servers => i - 1,
        // With no valid fleet there is nothing to check hosts against; fleet.servers is reported.
        _ if servers == 0 => 0,
        _ => {
            c.fail(
                path,
                format!("there is no host `{name}`"),
                format!("hosts are named app-1 .. app-{servers}"),
            );
            0
        }
    }
}

pub fn faults(c: &mut Checker, list: &[FaultFile], servers: u32) -> Vec<Fault> {
    let mut out = Vec::new();
    for (i, f) in list.iter().enumerate() {
        let p = format!("faults[{i}]");
        let at_s = c.time(&format!("{p}.at"), &f.at);
        let kind = f.kind.as_str();
        if !FAULT_TYPES.contains(&kind) {
            c.fail(
                format!("{p}.type"),
                format!("unknown fault type `{kind}`"),
                format!("use one of: {}", FAULT_TYPES.join(", ")),
            );
            continue;
        }
        for field in given_fields(f)
            .into_iter()
            .filter(|g| !fields_of(kind).contains(g))
        {
            c.fail(
                format!("{p}.{field}"),
                format!("`{field}` does not apply to a {kind} fault"),
                format!("a {kind} fault takes: {}", fields_of(kind).join(", ")),
            );
        }
        let path = |field: &str| format!("{p}.{field}");
        let kind = match kind {
            "memory_leak" => {
                let leak = required(
                    c,
                    &p,
                    kind,
                    "leak_kb_per_request",
                    &f.leak_kb_per_request,
                    1.0,
                );
                FaultKind::MemoryLeak {
                    targets: targets(c, &path("targets"), &f.targets, servers),
                    leak_kb_per_request: c.positive(&path("leak_kb_per_request"), leak),
                    site: required(c, &p, kind, "site", &f.site, String::new()),
                    deploy: f.deploy.clone(),
                }
            }
            "traffic_surge" => {
                let multiplier = required(c, &p, kind, "multiplier", &f.multiplier, 1.0);
                let duration = required(c, &p, kind, "duration", &f.duration, "1m".into());
                FaultKind::TrafficSurge {
                    multiplier: c.positive(&path("multiplier"), multiplier),
                    duration_s: c.duration(&path("duration"), &duration),
                    ramp_s: c.duration(&path("ramp"), f.ramp.as_deref().unwrap_or("5m")),
                }
            }
            "dependency_slowdown" => {
                let dependency =
                    match required(c, &p, kind, "dependency", &f.dependency, "database".into())
                        .as_str()
                    {
                        "database" => Dependency::Database,
                        "payment" => Dependency::Payment,
                        other => {
                            c.fail(
                                path("dependency"),
                                format!("unknown dependency `{other}`"),
                                "use \"database\" or \"payment\"",
                            );
                            Dependency::Database
                        }
                    };
                let multiplier = required(
                    c,
                    &p,
                    kind,
                    "latency_multiplier",
                    &f.latency_multiplier,
                    1.0,
                );
                FaultKind::DependencySlowdown {
                    dependency,
                    latency_multiplier: c.positive(&path("latency_multiplier"), multiplier),
                    duration_s: c
                        .duration(&path("duration"), f.duration.as_deref().unwrap_or("0s")),
                }
            }
            "pool_exhaustion" => {
                let size = required(c, &p, kind, "pool_size", &f.pool_size, 1);
                FaultKind::PoolExhaustion {
                    pool_size: c.at_least(
                        &path("pool_size"),
                        size,
                        1,
                        "a pool needs at least one connection",
                    ),
                    change: required(c, &p, kind, "change", &f.change, String::new()),
                }
            }
            "disk_fill" => {
                let rate = required(c, &p, kind, "mb_per_s", &f.mb_per_s, 1.0);
                FaultKind::DiskFill {
                    targets: targets(c, &path("targets"), &f.targets, servers),
                    mb_per_s: c.positive(&path("mb_per_s"), rate),
                }
            }
            _ => {
                let cpu = required(c, &p, kind, "cpu_pct", &f.cpu_pct, 50.0);
                FaultKind::CpuRunaway {
                    targets: targets(c, &path("targets"), &f.targets, servers),
                    cpu_pct: c.range(&path("cpu_pct"), cpu, 1.0, 100.0),
                    process: required(c, &p, kind, "process", &f.process, String::new()),
                }
            }
        };
        out.push(Fault { at_s, kind });
    }
    out
}

pub fn alerts(c: &mut Checker, list: &[AlertFile]) -> Vec<AlertRule> {
    let mut out: Vec<AlertRule> = Vec::new();
    for (i, a) in list.iter().enumerate() {
        let p = format!("alerts[{i}]");
        let id = c.id(&format!("{p}.id"), &a.id);
        if out.iter().any(|r| r.id == id) {
            c.fail(
                format!("{p}.id"),
                format!("another alert already has id `{id}`"),
                "give each alert its own id",
            );
        }
        let metric = Metric::from_id(&a.metric).unwrap_or_else(|| {
            let known: Vec<&str> = Metric::ALL.iter().map(|m| m.id()).collect();
            c.fail(
                format!("{p}.metric"),
                format!("unknown metric `{}`", a.metric),
                format!("use one of: {}", known.join(", ")),
            );
            Metric::ErrorRatePct
        });
        let (comparison, threshold) = match (a.above, a.below) {
            (Some(v), None) => (Comparison::Above, v),
            (None, Some(v)) => (Comparison::Below, v),
            _ => {
                c.fail(
                    p.clone(),
                    "needs exactly one of `above` and `below`",
                    "write e.g. `above = 5.0` to fire when the metric exceeds 5",
                );
                (Comparison::Above, 0.0)
            }
        };
        out.push(AlertRule {
            id,
            title: c.not_empty(&format!("{p}.title"), &a.title),
            metric,
            comparison,
            threshold,
            for_s: c.duration(&format!("{p}.for"), &a.for_duration),
            severity: a.severity.clone(),
        });
    }
    out
}

pub fn action_kind(c: &mut Checker, path: &str, id: &str) -> Option<ActionKind> {
    let kind = ActionKind::from_id(id);
    if kind.is_none() {
        let help = "see the action list in the README (`incident-sim actions` prints it)";
        c.fail(path, format!("unknown action `{id}`"), help);
    }
    kind
}

pub fn overrides(c: &mut Checker, list: &[ActionOverrideFile]) -> Vec<(ActionKind, u32)> {
    let mut out = Vec::new();
    for (i, o) in list.iter().enumerate() {
        let kind = action_kind(c, &format!("actions[{i}].action"), &o.action);
        let duration = c.duration(&format!("actions[{i}].duration"), &o.duration);
        out.extend(kind.map(|k| (k, duration)));
    }
    out
}

pub fn hypotheses(c: &mut Checker, list: &[HypothesisFile]) -> Vec<Hypothesis> {
    let out: Vec<Hypothesis> = list
        .iter()
        .enumerate()
        .map(|(i, h)| Hypothesis {
            id: c.id(&format!("hypotheses[{i}].id"), &h.id),
            title: c.not_empty(&format!("hypotheses[{i}].title"), &h.title),
            correct: h.correct,
        })
        .collect();
    let correct = out.iter().filter(|h| h.correct).count();
    if !out.is_empty() && correct != 1 {
        c.fail(
            "hypotheses",
            format!("exactly one hypothesis must have `correct = true`, found {correct}"),
            "mark the real root cause, and only it, as correct",
        );
    }
    out
}

pub fn milestones(
    c: &mut Checker,
    list: &[MilestoneFile],
    alerts: &[AlertRule],
    hyps: &[Hypothesis],
) -> Vec<Milestone> {
    let mut out: Vec<Milestone> = Vec::new();
    for (i, m) in list.iter().enumerate() {
        let p = format!("milestones[{i}]");
        let id = c.id(&format!("{p}.id"), &m.id);
        if out.iter().any(|x| x.id == id) {
            c.fail(
                format!("{p}.id"),
                format!("another milestone already has id `{id}`"),
                "",
            );
        }
        let trigger = trigger(c, &format!("{p}.when"), &m.when, alerts, hyps);
        out.push(Milestone {
            id,
            title: m.title.clone(),
            trigger,
        });
    }
    out
}

const TRIGGER_HELP: &str = "write `alert:<alert id>`, `action:<id>[|<id>...]`, `hypothesis:<id>`, `developers_engaged`, `outage_started` or `restored`";

fn trigger(
    c: &mut Checker,
    path: &str,
    when: &str,
    alerts: &[AlertRule],
    hyps: &[Hypothesis],
) -> MilestoneTrigger {
    let (word, arg) = when.split_once(':').map_or((when, ""), |(w, a)| (w, a));
    match (word, arg) {
        ("developers_engaged", "") => MilestoneTrigger::DevelopersEngaged,
        ("outage_started", "") => MilestoneTrigger::OutageStarted,
        ("restored", "") => MilestoneTrigger::Restored,
        ("alert", id) => match alerts.iter().position(|a| a.id == id) {
            Some(i) => MilestoneTrigger::Alert(i as u32),
            None => {
                c.fail(
                    path,
                    format!("no alert has id `{id}`"),
                    "name an id from [[alerts]]",
                );
                MilestoneTrigger::OutageStarted
            }
        },
        ("hypothesis", id) => match hyps.iter().position(|h| h.id == id) {
            Some(i) => MilestoneTrigger::Hypothesis(i as u32),
            None => {
                c.fail(
                    path,
                    format!("no hypothesis has id `{id}`"),
                    "name an id from [[hypotheses]]",
                );
                MilestoneTrigger::OutageStarted
            }
        },
        ("action", ids) => {
            let kinds = ids.split('|').filter_map(|id| action_kind(c, path, id));
            MilestoneTrigger::Action(kinds.collect())
        }
        _ => {
            c.fail(
                path,
                format!("`{when}` is not a milestone trigger"),
                TRIGGER_HELP,
            );
            MilestoneTrigger::OutageStarted
        }
    }
}

pub fn reference(
    c: &mut Checker,
    list: &[ReferenceFile],
    milestones: &[Milestone],
    sources: &[String],
) -> Vec<ReferenceEntry> {
    let mut out: Vec<ReferenceEntry> = Vec::new();
    for (i, r) in list.iter().enumerate() {
        let p = format!("reference[{i}]");
        let at = c.time_opt(&format!("{p}.at"), &r.at);
        let tick = at.unwrap_or(0);
        if let Some(m) = &r.milestone {
            if !milestones.iter().any(|x| &x.id == m) {
                c.fail(
                    format!("{p}.milestone"),
                    format!("no milestone has id `{m}`"),
                    "name an id from [[milestones]]",
                );
            }
        }
        if !sources.is_empty() && !sources.contains(&r.source) {
            c.fail(
                format!("{p}.source"),
                format!("no source has id `{}`", r.source),
                format!("use one of: {}", sources.join(", ")),
            );
        }
        let kind = r
            .action
            .as_ref()
            .and_then(|id| action_kind(c, &format!("{p}.action"), id));
        let action = kind.map(|kind| Action {
            kind,
            target: r.target.clone(),
        });
        if r.action.is_none() && r.target.is_some() {
            c.fail(
                format!("{p}.target"),
                "a target needs an action",
                "add `action = ...` or remove `target`",
            );
        }
        if r.action.is_none() && r.milestone.is_none() {
            c.fail(
                p.clone(),
                "an entry needs an `action`, a `milestone`, or both",
                "",
            );
        }
        if at.is_some() && out.last().is_some_and(|prev| prev.tick > tick) {
            c.fail(
                format!("{p}.at"),
                format!("{} comes before the entry above it", r.at),
                "keep the reference timeline in time order",
            );
        }
        out.push(ReferenceEntry {
            tick,
            action,
            milestone: r.milestone.clone(),
            note: r.note.clone(),
            source: r.source.clone(),
        });
    }
    out
}

/// Checks a reference action's target the way the simulation will when it replays it.
pub fn reference_targets(
    c: &mut Checker,
    entries: &[ReferenceEntry],
    servers: u32,
    hyps: &[Hypothesis],
) {
    for (i, e) in entries.iter().enumerate() {
        let Some(action) = &e.action else { continue };
        let path = format!("reference[{i}].target");
        let spec = action.kind.spec();
        match (spec.target, action.target.as_deref()) {
            (TargetKind::None, Some(t)) => c.fail(
                path,
                format!("`{}` takes no target, found `{t}`", spec.id),
                "remove `target`",
            ),
            (TargetKind::Host, None)
            | (TargetKind::Hypothesis, None)
            | (TargetKind::Severity, None) => c.fail(
                format!("reference[{i}]"),
                format!("`{}` needs a `target`", spec.id),
                "add `target = ...` (a host, hypothesis id or severity)",
            ),
            (TargetKind::Host | TargetKind::OptionalHost, Some(h)) => {
                host(c, &path, h, servers);
            }
            (TargetKind::Hypothesis, Some(h)) if !hyps.iter().any(|x| x.id == h) => c.fail(
                path,
                format!("no hypothesis has id `{h}`"),
                "name an id from [[hypotheses]]",
            ),
            (TargetKind::Severity, Some(s)) if !["sev1", "sev2", "sev3", "sev4"].contains(&s) => c
                .fail(
                    path,
                    format!("`{s}` is not a severity"),
                    "use sev1, sev2, sev3 or sev4",
                ),
            _ => {}
        }
    }
}
