//! What a trainee can do: the catalogue (ids, costs, targets) and the errors an action can meet.
//! `resolve.rs` reads an action's target, `check.rs` whether it can be taken, `apply.rs` and the
//! files it calls what it does; the findings diagnostics return live in `findings.rs`, the
//! reasons an action is refused in `refusal.rs`.

pub use super::refusal::{ActionError, Expected, Names, Nothing};

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    ViewMemory,
    ReadLogs,
    CheckConfig,
    CheckLimits,
    DiffConfig,
    ListDeploys,
    HeapProfile,
    CheckDb,
    CheckDependencies,
    CheckLoadBalancer,
    Top,
    Free,
    Df,
    RestartServer,
    RestartAll,
    RollingRestart,
    ScaleOut,
    RollbackDeploy,
    RaiseMemoryLimit,
    RevertConfig,
    CleanDisk,
    KillRunaway,
    EnableMaintenancePage,
    DisableMaintenancePage,
    EnableRateLimiting,
    DisableRateLimiting,
    PageDevelopers,
    DeclareSeverity,
    UpdateStatusPage,
    DeclareHypothesis,
    ApplyCodeFix,
    /// Ends the incident: the trainee says the cause is fixed and service has held.
    DeclareResolved,
    /// An action the scenario defines (its id is the action's `custom`).
    Custom,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Diagnostic,
    Remediation,
    Coordination,
}

/// What an action's `target` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    None,
    /// A server, e.g. `app-2`.
    Host,
    /// A server, or every server when left out.
    OptionalHost,
    /// A server or a dependency's host (the database's, a service's), or every server when
    /// left out: where logs are read.
    LogSource,
    /// A server or a dependency's host (the database's, a pooler's).
    AnyHost,
    /// A hypothesis id from the scenario.
    Hypothesis,
    /// `sev1` .. `sev4`.
    Severity,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActionSpec {
    pub kind: ActionKind,
    pub id: &'static str,
    pub title: &'static str,
    pub category: Category,
    pub target: TargetKind,
    /// Simulated time the trainee spends on it (scenarios may override).
    pub duration_s: u32,
    pub help: &'static str,
}

macro_rules! spec {
    ($kind:ident, $id:literal, $title:literal, $cat:ident, $target:ident, $secs:literal, $help:literal) => {
        ActionSpec {
            kind: ActionKind::$kind,
            id: $id,
            title: $title,
            category: Category::$cat,
            target: TargetKind::$target,
            duration_s: $secs,
            help: $help,
        }
    };
}

/// Every action, in the order a menu shows them.
pub const CATALOGUE: [ActionSpec; 32] = [
    spec!(ViewMemory, "view_memory", "View memory per host", Diagnostic, None, 60, "Heap used, live heap after GC, GC time and growth per server, from the dashboards."),
    spec!(ReadLogs, "read_logs", "Read logs", Diagnostic, LogSource, 90, "The last ten minutes of logs: of one server, all of them, or a dependency's host (the database's)."),
    spec!(CheckConfig, "check_config", "Check running config", Diagnostic, AnyHost, 120, "The running configuration of one host: a server's heap limit, threads, pools and timeouts; a dependency's own settings and limits."),
    spec!(CheckLimits, "check_limits", "Check open files and limits", Diagnostic, AnyHost, 60, "Open files and client connections of one host's main process against its limits (ulimit -n, lsof)."),
    spec!(DiffConfig, "diff_config", "Diff config against last good", Diagnostic, None, 120, "What changed in the configuration since the last known-good snapshot."),
    spec!(ListDeploys, "list_deploys", "List recent deploys", Diagnostic, None, 60, "Recent releases with their times and summaries."),
    spec!(HeapProfile, "heap_profile", "Heap profile / dump", Diagnostic, Host, 300, "A histogram of the live heap by allocation site; needs the server running."),
    spec!(CheckDb, "check_db", "Check database", Diagnostic, None, 120, "Connection pool usage, waits and query times."),
    spec!(CheckDependencies, "check_dependencies", "Check dependencies", Diagnostic, None, 120, "Latency and errors of the database and the payment gateway."),
    spec!(CheckLoadBalancer, "check_load_balancer", "Check load balancer", Diagnostic, None, 60, "Which servers are in rotation and how their health checks go."),
    spec!(Top, "top", "Run top on a host", Diagnostic, Host, 30, "Load, CPU per process and memory of one server."),
    spec!(Free, "free", "Run free -m on a host", Diagnostic, Host, 30, "Memory of one server's host, in megabytes."),
    spec!(Df, "df", "Run df -h on a host", Diagnostic, Host, 30, "Disk usage of one server's host."),
    spec!(RestartServer, "restart_server", "Restart one server", Remediation, Host, 60, "Restarts one server's process; it is out for the restart time."),
    spec!(RestartAll, "restart_all", "Restart all servers", Remediation, None, 120, "Restarts every server at once: a full outage for the restart time."),
    spec!(RollingRestart, "rolling_restart", "Rolling restart", Remediation, None, 120, "Restarts servers one after another, each once the previous one is back."),
    spec!(ScaleOut, "scale_out", "Scale out by one server", Remediation, None, 120, "Provisions one more server; it joins once its health checks pass."),
    spec!(RollbackDeploy, "rollback_deploy", "Roll back the last deploy", Remediation, None, 180, "Redeploys the previous release on every server."),
    spec!(RaiseMemoryLimit, "raise_memory_limit", "Raise the memory limit", Remediation, None, 180, "Raises the heap limit by half (as far as the host allows) and restarts the servers on it."),
    spec!(RevertConfig, "revert_config", "Revert config to last good", Remediation, None, 120, "Pushes the last known-good configuration back."),
    spec!(CleanDisk, "clean_disk", "Clean up disk", Remediation, OptionalHost, 120, "Removes rotated logs on one server or all."),
    spec!(KillRunaway, "kill_runaway", "Kill runaway process", Remediation, Host, 60, "Kills a process burning CPU on one server."),
    spec!(EnableMaintenancePage, "enable_maintenance_page", "Enable maintenance page", Remediation, None, 60, "Serves a maintenance page to every user instead of the site."),
    spec!(DisableMaintenancePage, "disable_maintenance_page", "Disable maintenance page", Remediation, None, 60, "Sends users to the site again."),
    spec!(EnableRateLimiting, "enable_rate_limiting", "Enable rate limiting", Remediation, None, 60, "Caps admitted traffic at 80% of the capacity of the servers up now; the rest gets 429."),
    spec!(DisableRateLimiting, "disable_rate_limiting", "Disable rate limiting", Remediation, None, 60, "Admits all traffic again."),
    spec!(PageDevelopers, "page_developers", "Page the development team", Coordination, None, 30, "Escalates to the developers; they engage after their response time."),
    spec!(DeclareSeverity, "declare_severity", "Declare severity", Coordination, Severity, 30, "Declares the incident's severity, sev1 (worst) to sev4."),
    spec!(UpdateStatusPage, "update_status_page", "Update the status page", Coordination, None, 120, "Tells customers what is happening."),
    spec!(DeclareHypothesis, "declare_hypothesis", "Declare a root-cause hypothesis", Coordination, Hypothesis, 60, "States what you believe the root cause is; the team works from it."),
    spec!(ApplyCodeFix, "apply_code_fix", "Apply the code fix", Remediation, None, 120, "The developers fix the declared cause and ship it; needs them engaged and a hypothesis declared."),
    spec!(DeclareResolved, "declare_resolved", "Declare the incident resolved", Coordination, None, 30, "Says the cause is fixed and service has held, and ends the incident. The rest of the exercise then plays out to its time limit: it holds, or the outage comes back."),
];

impl Category {
    pub fn id(self) -> &'static str {
        match self {
            Category::Diagnostic => "diagnostic",
            Category::Remediation => "remediation",
            Category::Coordination => "coordination",
        }
    }
}

impl TargetKind {
    pub fn id(self) -> &'static str {
        match self {
            TargetKind::None => "none",
            TargetKind::Host => "host",
            TargetKind::OptionalHost => "optional_host",
            TargetKind::LogSource => "log_source",
            TargetKind::AnyHost => "any_host",
            TargetKind::Hypothesis => "hypothesis",
            TargetKind::Severity => "severity",
        }
    }
}

impl ActionKind {
    /// The catalogue entry of a built-in action (`None` for a scenario's own).
    pub fn builtin(self) -> Option<&'static ActionSpec> {
        CATALOGUE.iter().find(|s| s.kind == self)
    }

    /// The built-in id, or `custom` for a scenario's own action (whose id the action carries).
    pub fn id(self) -> &'static str {
        self.builtin().map_or("custom", |s| s.id)
    }

    pub fn from_id(id: &str) -> Option<ActionKind> {
        CATALOGUE.iter().find(|s| s.id == id).map(|s| s.kind)
    }
}

/// An action as a menu, a parser or the scorer sees it: a built-in one or one a scenario
/// defines, with this scenario's duration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActionInfo<'a> {
    pub kind: ActionKind,
    pub id: &'a str,
    pub title: &'a str,
    pub category: Category,
    pub target: TargetKind,
    pub duration_s: u32,
    pub help: &'a str,
}

impl<'a> ActionInfo<'a> {
    /// An action of this kind and id, with `target`.
    pub fn action(&self, target: Option<String>) -> Action {
        Action {
            kind: self.kind,
            target,
            custom: (self.kind == ActionKind::Custom).then(|| self.id.to_string()),
        }
    }
}

/// One thing the trainee does. In files it is `{"action": "<id>", "target": "<name>"}`, whether
/// the action is built in or the scenario's own.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(from = "ActionWire")]
pub struct Action {
    pub kind: ActionKind,
    pub target: Option<String>,
    /// The id of a scenario's own action (kind `Custom`).
    pub custom: Option<String>,
}

/// In text a missing target is left out (`{"action": "view_memory"}`, as people write it and
/// as the trace hash has always read it); a binary form is read by position, so it keeps both.
impl Serialize for Action {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let short = serializer.is_human_readable() && self.target.is_none();
        let mut wire = serializer.serialize_struct("ActionWire", if short { 1 } else { 2 })?;
        wire.serialize_field("action", self.id())?;
        if short {
            wire.skip_field("target")?;
        } else {
            wire.serialize_field("target", &self.target)?;
        }
        wire.end()
    }
}

#[derive(Clone, Deserialize)]
struct ActionWire {
    action: String,
    #[serde(default)]
    target: Option<String>,
}

impl From<ActionWire> for Action {
    fn from(wire: ActionWire) -> Action {
        match ActionKind::from_id(&wire.action) {
            Some(kind) => Action {
                kind,
                target: wire.target,
                custom: None,
            },
            None => Action {
                kind: ActionKind::Custom,
                target: wire.target,
                custom: Some(wire.action),
            },
        }
    }
}

impl Action {
    pub fn new(kind: ActionKind) -> Action {
        Action {
            kind,
            target: None,
            custom: None,
        }
    }

    pub fn on(kind: ActionKind, target: &str) -> Action {
        Action {
            target: Some(target.to_string()),
            ..Action::new(kind)
        }
    }

    /// A scenario's own action, by its id.
    pub fn custom(id: &str, target: Option<&str>) -> Action {
        Action {
            kind: ActionKind::Custom,
            target: target.map(str::to_string),
            custom: Some(id.to_string()),
        }
    }

    /// The id files and the command line use.
    pub fn id(&self) -> &str {
        match (&self.custom, self.kind) {
            (Some(id), ActionKind::Custom) => id,
            _ => self.kind.id(),
        }
    }
}

impl std::fmt::Display for Action {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.target {
            Some(t) => write!(formatter, "{} {}", self.id(), t),
            None => formatter.write_str(self.id()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_match_serde() {
        for spec in CATALOGUE {
            assert_eq!(ActionKind::from_id(spec.id), Some(spec.kind));
            let json = serde_json::to_string(&spec.kind).unwrap();
            assert_eq!(json, format!("\"{}\"", spec.id));
            // The ids the command line prints are the serde names too.
            assert_eq!(
                serde_json::to_value(spec.category).unwrap(),
                spec.category.id()
            );
            assert_eq!(serde_json::to_value(spec.target).unwrap(), spec.target.id());
        }
    }

    #[test]
    fn actions_parse_from_the_file_shape() {
        let a: Action =
            serde_json::from_str(r#"{"action":"heap_profile","target":"app-2"}"#).unwrap();
        assert_eq!(a, Action::on(ActionKind::HeapProfile, "app-2"));
        assert_eq!(a.to_string(), "heap_profile app-2");
    }
}
