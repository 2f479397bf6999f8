//! An action turned, once, into what it acts on: its target's name resolved to a server, a
//! dependency, a hypothesis or a severity. The executors take the typed result, so none of them
//! looks a name up again or meets a target of the wrong sort.

use serde::{Deserialize, Serialize};

use super::actions::{Action, ActionError, ActionKind, Expected, Names};
use super::dependency::Dependency;
use super::simulation::Simulation;

/// A server, by its index in the fleet.
pub type HostId = u32;

/// How bad the incident is, as `declare_severity` names it: `sev1` is the worst.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Sev1,
    Sev2,
    Sev3,
    Sev4,
}

impl Severity {
    /// Worst first.
    pub const ALL: [Severity; 4] = [
        Severity::Sev1,
        Severity::Sev2,
        Severity::Sev3,
        Severity::Sev4,
    ];

    /// The name the trainee types (and the trace stores).
    pub fn id(self) -> &'static str {
        match self {
            Severity::Sev1 => "sev1",
            Severity::Sev2 => "sev2",
            Severity::Sev3 => "sev3",
            Severity::Sev4 => "sev4",
        }
    }

    pub fn from_id(id: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.id() == id)
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(self.id())
    }
}

/// Where logs are read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogSource {
    /// Every server's logs, interleaved.
    Fleet,
    Host(HostId),
    /// A dependency's host (the database's, a service's).
    Dependency(Dependency),
}

/// A host the trainee can log in to: an app server or a dependency's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Machine {
    Server(HostId),
    Dependency(Dependency),
}

/// A diagnostic: reads the world, changes nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    ViewMemory,
    ReadLogs(LogSource),
    CheckConfig(Machine),
    /// Open files and connections against the limits of a host's main process.
    CheckLimits(Machine),
    DiffConfig,
    ListDeploys,
    HeapProfile(HostId),
    CheckDb,
    CheckDependencies,
    CheckLoadBalancer,
    Top(HostId),
    Free(HostId),
    Df(HostId),
}

/// A remediation that starts at once (its effects may unfold later).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Start {
    RestartServer(HostId),
    RestartAll,
    RollingRestart,
    ScaleOut,
    RollbackDeploy,
}

/// A remediation that lands when its action completes: a push, a cleanup, a switch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    RevertConfig,
    /// On one server, or on every one (`None`).
    CleanDisk(Option<HostId>),
    KillRunaway(HostId),
    RaiseMemoryLimit,
    /// The maintenance page on (true) or off.
    Maintenance(bool),
    /// Rate limiting on (true) or off.
    RateLimit(bool),
}

/// Escalation and communication.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coordination {
    PageDevelopers,
    DeclareSeverity(Severity),
    UpdateStatusPage,
    /// A hypothesis, by its index in the scenario.
    DeclareHypothesis(u32),
    /// The developers fix the cause they work from (the declared hypothesis, by index).
    ApplyCodeFix {
        hypothesis: u32,
    },
    DeclareResolved,
}

/// An action, resolved against the world.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolved {
    Look(Look),
    Start(Start),
    Change(Change),
    Coordinate(Coordination),
    /// A scenario's own action, by its index, on one server or on every one.
    Custom {
        index: usize,
        host: Option<HostId>,
    },
}

/// What `action` acts on in `sim`, or why its id or target names nothing there.
pub(super) fn resolve(sim: &Simulation, action: &Action) -> Result<Resolved, ActionError> {
    use ActionKind as K;
    use Coordination as C;
    use Resolved::{Change as Ch, Coordinate as Co, Look as L, Start as S};
    let unknown = || ActionError::UnknownAction {
        id: action.id().to_string(),
    };
    let spec = sim.cfg.info(action).ok_or_else(unknown)?;
    let reader = Reader {
        sim,
        action: spec.id,
        given: action.target.as_deref(),
    };
    let bare = |resolved: Resolved| reader.none().map(|()| resolved);
    let host = || reader.host();
    let optional = || reader.optional_host();
    Ok(match action.kind {
        K::ViewMemory => bare(L(Look::ViewMemory))?,
        K::ReadLogs => L(Look::ReadLogs(reader.log_source()?)),
        K::CheckConfig => L(Look::CheckConfig(reader.machine()?)),
        K::CheckLimits => L(Look::CheckLimits(reader.machine()?)),
        K::DiffConfig => bare(L(Look::DiffConfig))?,
        K::ListDeploys => bare(L(Look::ListDeploys))?,
        K::HeapProfile => L(Look::HeapProfile(host()?)),
        K::CheckDb => bare(L(Look::CheckDb))?,
        K::CheckDependencies => bare(L(Look::CheckDependencies))?,
        K::CheckLoadBalancer => bare(L(Look::CheckLoadBalancer))?,
        K::Top => L(Look::Top(host()?)),
        K::Free => L(Look::Free(host()?)),
        K::Df => L(Look::Df(host()?)),
        K::RestartServer => S(Start::RestartServer(host()?)),
        K::RestartAll => bare(S(Start::RestartAll))?,
        K::RollingRestart => bare(S(Start::RollingRestart))?,
        K::ScaleOut => bare(S(Start::ScaleOut))?,
        K::RollbackDeploy => bare(S(Start::RollbackDeploy))?,
        K::RaiseMemoryLimit => bare(Ch(Change::RaiseMemoryLimit))?,
        K::RevertConfig => bare(Ch(Change::RevertConfig))?,
        K::CleanDisk => Ch(Change::CleanDisk(optional()?)),
        K::KillRunaway => Ch(Change::KillRunaway(host()?)),
        K::EnableMaintenancePage => bare(Ch(Change::Maintenance(true)))?,
        K::DisableMaintenancePage => bare(Ch(Change::Maintenance(false)))?,
        K::EnableRateLimiting => bare(Ch(Change::RateLimit(true)))?,
        K::DisableRateLimiting => bare(Ch(Change::RateLimit(false)))?,
        K::PageDevelopers => bare(Co(C::PageDevelopers))?,
        K::DeclareSeverity => Co(C::DeclareSeverity(reader.severity()?)),
        K::UpdateStatusPage => bare(Co(C::UpdateStatusPage))?,
        K::DeclareHypothesis => Co(C::DeclareHypothesis(reader.hypothesis()?)),
        K::ApplyCodeFix => {
            reader.none()?;
            Co(C::ApplyCodeFix {
                hypothesis: sim.working_hypothesis()?,
            })
        }
        K::DeclareResolved => bare(Co(C::DeclareResolved))?,
        K::Custom => Resolved::Custom {
            index: sim.cfg.custom_index(spec.id).ok_or_else(unknown)?,
            host: reader.custom_host(spec.target)?,
        },
    })
}

/// Reads one action's target as the sort of thing the action takes.
struct Reader<'a> {
    sim: &'a Simulation,
    /// The action's id, for the errors.
    action: &'a str,
    given: Option<&'a str>,
}

impl Reader<'_> {
    fn missing(&self, expected: Expected) -> ActionError {
        ActionError::MissingTarget {
            action: self.action.to_string(),
            expected,
        }
    }

    fn none(&self) -> Result<(), ActionError> {
        match self.given {
            None => Ok(()),
            Some(t) => Err(ActionError::UnexpectedTarget {
                action: self.action.to_string(),
                target: t.to_string(),
            }),
        }
    }

    fn named_host(&self, name: &str) -> Result<HostId, ActionError> {
        let fleet = &self.sim.fleet;
        if let Some(server) = fleet.find(name) {
            return Ok(server);
        }
        let cfg = &self.sim.cfg;
        let dependency = cfg.dependency_hosts().into_iter().find(|(h, _)| h == name);
        Err(match dependency {
            Some((host, d)) => ActionError::NotAServer {
                action: self.action.to_string(),
                host,
                what: match d {
                    Dependency::Named(i) => cfg.dependencies[i as usize].name.clone(),
                    other => other.id().to_string(),
                },
            },
            None => ActionError::UnknownHost {
                name: name.to_string(),
                known: Names(fleet.names().to_vec()),
            },
        })
    }

    fn host(&self) -> Result<HostId, ActionError> {
        match self.given {
            Some(name) => self.named_host(name),
            None => Err(self.missing(Expected::Host {
                example: self.sim.fleet.name(0).into(),
            })),
        }
    }

    fn optional_host(&self) -> Result<Option<HostId>, ActionError> {
        self.given.map(|name| self.named_host(name)).transpose()
    }

    fn log_source(&self) -> Result<LogSource, ActionError> {
        let Some(name) = self.given else {
            return Ok(LogSource::Fleet);
        };
        Ok(match self.named_machine(name)? {
            Machine::Server(s) => LogSource::Host(s),
            Machine::Dependency(d) => LogSource::Dependency(d),
        })
    }

    /// An app server or a dependency's host, by name.
    fn named_machine(&self, name: &str) -> Result<Machine, ActionError> {
        if let Some(s) = self.sim.fleet.find(name) {
            return Ok(Machine::Server(s));
        }
        let dependencies = self.sim.cfg.dependency_hosts();
        // A host several run on (a pooler beside its database) is the scenario's own first: the
        // process an author put there to be looked at.
        let on_host = dependencies.iter().filter(|(h, _)| h == name);
        match on_host.max_by_key(|(_, d)| matches!(d, Dependency::Named(_))) {
            Some((_, d)) => Ok(Machine::Dependency(*d)),
            None => {
                let mut known = self.sim.fleet.names().to_vec();
                known.extend(dependencies.into_iter().map(|(h, _)| h));
                Err(ActionError::UnknownHost {
                    name: name.to_string(),
                    known: Names(known),
                })
            }
        }
    }

    fn machine(&self) -> Result<Machine, ActionError> {
        match self.given {
            Some(name) => self.named_machine(name),
            None => Err(self.missing(Expected::Host {
                example: self.sim.fleet.name(0).into(),
            })),
        }
    }

    /// A hypothesis the trainee has seen something point to.
    fn hypothesis(&self) -> Result<u32, ActionError> {
        let Some(id) = self.given else {
            return Err(self.missing(Expected::Hypothesis));
        };
        let sim = self.sim;
        let known = |h: &&super::config::Hypothesis| sim.revealed(&h.revealed_by);
        let hypotheses = &sim.cfg.hypotheses;
        hypotheses
            .iter()
            .position(|h| h.id == id && known(&h))
            .map(|i| i as u32)
            .ok_or_else(|| ActionError::UnknownHypothesis {
                id: id.to_string(),
                known: Names(
                    hypotheses
                        .iter()
                        .filter(known)
                        .map(|h| h.id.clone())
                        .collect(),
                ),
            })
    }

    fn severity(&self) -> Result<Severity, ActionError> {
        let level = self.given.ok_or_else(|| self.missing(Expected::Severity))?;
        Severity::from_id(level).ok_or_else(|| ActionError::UnknownSeverity {
            level: level.to_string(),
        })
    }

    /// A scenario's own action's target, as its file declares it: only a server is passed on
    /// (into its `{host}`).
    fn custom_host(&self, kind: super::actions::TargetKind) -> Result<Option<HostId>, ActionError> {
        use super::actions::TargetKind as T;
        Ok(match kind {
            T::None => self.none().map(|()| None)?,
            T::Host => Some(self.host()?),
            T::OptionalHost => self.optional_host()?,
            T::LogSource => match self.log_source()? {
                LogSource::Host(s) => Some(s),
                LogSource::Fleet | LogSource::Dependency(_) => None,
            },
            T::AnyHost => match self.machine()? {
                Machine::Server(s) => Some(s),
                Machine::Dependency(_) => None,
            },
            T::Hypothesis => self.hypothesis().map(|_| None)?,
            T::Severity => self.severity().map(|_| None)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_read_back() {
        for s in Severity::ALL {
            assert_eq!(Severity::from_id(s.id()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.id());
        }
    }
}
