//! The deterministic world. Imports nothing but std, serde, the portable RNG and libm: no clock,
//! no I/O. `Simulation::new(config, seed)`, `step()`, `apply(action)`.

pub mod actions;
mod alerts;
mod apply;
pub mod clock;
pub mod config;
mod custom;
mod dependency;
pub mod deps;
mod diagnose;
pub mod events;
mod evidence;
mod faults;
pub mod findings;
pub mod fleet;
mod happened;
pub mod hash;
mod host_look;
pub mod impact;
mod invariants;
pub mod latency;
pub mod logs;
pub mod metrics;
mod observe;
mod pending;
pub mod processes;
mod refusal;
mod remediate;
pub mod render;
mod resolve;
pub mod rng;
pub mod run;
pub mod runtime;
mod serve;
mod server;
mod simulation;
pub mod template;
mod top;
pub mod traffic;
mod vet;
mod voice;

pub use actions::{
    Action, ActionError, ActionInfo, ActionKind, ActionSpec, Category, Expected, Names, Nothing,
    TargetKind, CATALOGUE,
};
pub use config::*;
pub use events::{Event, EventKind, EventLog, Outage, RestartCause};
pub(crate) use faults::Kind;
pub use faults::{
    CpuRunaway, DependencySlowdown, DeployRecord, DiskFill, Fault, FaultKind, LimitExhaustion,
    MemoryLeak, PoolExhaustion, RequestErrors, Schedule, Targets, TrafficSurge,
};
pub use findings::{Finding, FindingBody};
pub use happened::{Happened, Mark};
pub use hash::{first_divergence, trace_hash};
pub use invariants::Broken;
pub use metrics::{Metric, Series, ServerMetric};
pub use resolve::{HostId, Severity};
pub use run::{replay, run_scripted, Replay, ScheduledAction};
pub use runtime::Runtime;
pub use simulation::{Response, Simulation, Trace};
pub use voice::Voice;
