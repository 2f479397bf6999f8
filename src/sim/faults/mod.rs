//! Scheduled failure modes. Each kind lives in its own file: its parameters, how it starts, ends
//! and is cured, how a seed varies it and what evidence shows it. `FaultKind` names the kinds and
//! holds the one dispatch to them; everything else asks `FaultKind`, never its variants.

mod cpu_runaway;
mod dependency_slowdown;
mod disk_fill;
mod limit_exhaustion;
mod memory_leak;
mod pool_exhaustion;
mod request_errors;
mod schedule;
mod sight;
mod state;
mod traffic_surge;
mod world;

use serde::{Deserialize, Serialize};

use super::actions::ActionKind;
use super::dependency::Dependency;
use super::findings::FindingBody;

pub use cpu_runaway::CpuRunaway;
pub use dependency_slowdown::DependencySlowdown;
pub use disk_fill::DiskFill;
pub use limit_exhaustion::LimitExhaustion;
pub use memory_leak::MemoryLeak;
pub use pool_exhaustion::{PoolExhaustion, POOL_SIZE_KEY};
pub use request_errors::RequestErrors;
pub use schedule::Schedule;
pub(crate) use sight::Sight;
pub use state::{DeployRecord, FaultState};
pub use traffic_surge::TrafficSurge;
pub(crate) use world::World;

/// A failure mode scheduled in a scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fault {
    pub at_s: u32,
    pub kind: FaultKind,
    /// A latent fault began before the run (this is when, as the scenario writes it): it is
    /// active from the start, and what it changed is dated then (a config diff shows the date).
    #[serde(default)]
    pub since: Option<String>,
    /// When it is on once started, whatever its kind (until cured unless the scenario says).
    #[serde(default)]
    pub schedule: Schedule,
}

/// Which servers a fault touches.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Targets {
    All,
    Servers(Vec<u32>),
}

impl Targets {
    pub fn includes(&self, server: u32) -> bool {
        match self {
            Targets::All => true,
            Targets::Servers(list) => list.contains(&server),
        }
    }

    /// The servers of a fleet of `count` it touches.
    pub fn servers(&self, count: usize) -> impl Iterator<Item = usize> + '_ {
        (0..count).filter(move |s| self.includes(*s as u32))
    }
}

/// What goes wrong. Serialised as each kind's fields under its variant's name (what the
/// compiled scenarios hold).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FaultKind {
    /// Each served request retains memory that is never freed.
    MemoryLeak(MemoryLeak),
    TrafficSurge(TrafficSurge),
    DependencySlowdown(DependencySlowdown),
    /// A bad config push shrinks a database's connection pool (the main one unless named).
    PoolExhaustion(PoolExhaustion),
    DiskFill(DiskFill),
    CpuRunaway(CpuRunaway),
    /// A share of requests fails outright: one endpoint broken by a bug, a poisoned cache entry,
    /// a bad feature flag. The rest of the site works.
    RequestErrors(RequestErrors),
    /// A process the service's calls pass through (a pooler, a proxy) limited below what its
    /// callers hold open.
    LimitExhaustion(LimitExhaustion),
}

/// The one match on the kinds: `dispatch!(kind, k => k.method())` runs the body with `k`
/// bound to the kind's own parameters.
macro_rules! dispatch {
    ($fault:expr, $k:ident => $body:expr) => {
        match $fault {
            FaultKind::MemoryLeak($k) => $body,
            FaultKind::TrafficSurge($k) => $body,
            FaultKind::DependencySlowdown($k) => $body,
            FaultKind::PoolExhaustion($k) => $body,
            FaultKind::DiskFill($k) => $body,
            FaultKind::CpuRunaway($k) => $body,
            FaultKind::RequestErrors($k) => $body,
            FaultKind::LimitExhaustion($k) => $body,
        }
    };
}

macro_rules! kinds {
    ($($kind:ident),*) => {
        $(impl From<$kind> for FaultKind {
            fn from(kind: $kind) -> FaultKind {
                FaultKind::$kind(kind)
            }
        })*

        impl FaultKind {
            /// Every kind's id as scenario files write it, in the order the enum lists them.
            pub const IDS: [&'static str; 8] = [$(<$kind as Kind>::ID),*];
        }
    };
}

kinds!(
    MemoryLeak,
    TrafficSurge,
    DependencySlowdown,
    PoolExhaustion,
    DiskFill,
    CpuRunaway,
    RequestErrors,
    LimitExhaustion
);

/// What a fault kind is and does; each kind's file implements it. The defaults are what most
/// kinds do, so a kind states only where it differs.
pub(crate) trait Kind {
    /// The name scenario files use.
    const ID: &'static str;
    /// The diagnostics whose output shows it for what it is.
    const EVIDENCE: &'static [ActionKind];
    /// A defect in the system, which must be removed for the incident to be resolved.
    const DEFECT: bool = true;
    /// A bug in the code: the developers' fix for the right cause removes it.
    const IN_CODE: bool = false;
    /// Whether anything can cure it (what it changed is then undone and it counts as cured).
    const CURABLE: bool = true;

    /// What it records once, when it first arrives (`since`: before the run), beyond the
    /// release and the config push every kind shares.
    fn arrive(&self, _world: &mut World, _since: Option<&str>) {}
    /// What it switches on in the world: when it starts, and again at each later window.
    fn start(&self, world: &mut World, fault: u32);
    /// Undoes what it changed when it is cured.
    fn cure(&self, _world: &mut World) {}
    /// Undoes what it changed when it goes off by itself (its time is up, or a window closes):
    /// what a cure undoes, unless the kind says otherwise.
    fn end(&self, world: &mut World) {
        self.cure(world);
    }
    /// A seed's variation: its rate times `factor`.
    fn vary(&mut self, factor: f64);
    /// The hosts it is on, when it is on some (a seed may move it to others).
    fn targets_mut(&mut self) -> Option<&mut Targets> {
        None
    }
    /// The release it arrived with (a rollback removes it).
    fn deploy(&self) -> Option<&str> {
        None
    }
    /// The config push it arrived with, beyond a pool's (reverting the config removes it).
    fn pushed_change(&self) -> Option<&str> {
        None
    }
    /// Whether reverting the config cures it.
    fn came_with_config(&self) -> bool {
        self.pushed_change().is_some()
    }
    /// Whether `body` shows it; `None` leaves the answer to what every kind shares (a diff, the
    /// deploy list, the logs).
    fn shows(&self, _body: &FindingBody, _sight: &Sight) -> Option<bool> {
        None
    }
}

/// What a kind's constants say about it.
#[derive(Clone, Copy)]
struct Info {
    id: &'static str,
    evidence: &'static [ActionKind],
    defect: bool,
    in_code: bool,
    curable: bool,
}

fn info_of<K: Kind>(_: &K) -> Info {
    Info {
        id: K::ID,
        evidence: K::EVIDENCE,
        defect: K::DEFECT,
        in_code: K::IN_CODE,
        curable: K::CURABLE,
    }
}

impl FaultKind {
    fn info(&self) -> Info {
        dispatch!(self, k => info_of(k))
    }

    pub fn id(&self) -> &'static str {
        self.info().id
    }

    /// The diagnostics whose output shows this fault for what it is (the scorer's evidence, when a
    /// scenario does not list its own).
    pub fn evidence(&self) -> &'static [ActionKind] {
        self.info().evidence
    }

    /// A defect in the system that must be removed for the incident to be resolved. A traffic
    /// surge is load, not a defect: it is resolved once the service holds under it.
    pub fn is_defect(&self) -> bool {
        self.info().defect
    }

    /// A bug in the code: the developers' fix for the right cause removes it.
    pub fn in_code(&self) -> bool {
        self.info().in_code
    }

    /// Whether anything can cure it (a traffic surge passes; nothing cures it).
    pub fn curable(&self) -> bool {
        self.info().curable
    }

    /// The release a fault arrived with (a rollback removes it).
    pub fn deploy(&self) -> Option<&str> {
        dispatch!(self, k => k.deploy())
    }

    /// The config push a fault arrived with, beyond a pool's (reverting the config removes it).
    pub fn pushed_change(&self) -> Option<&str> {
        dispatch!(self, k => k.pushed_change())
    }

    /// Whether reverting the config cures it: a pool's push or another change it came with.
    pub fn came_with_config(&self) -> bool {
        dispatch!(self, k => k.came_with_config())
    }

    pub(crate) fn arrive(&self, world: &mut World, since: Option<&str>) {
        dispatch!(self, k => k.arrive(world, since))
    }

    pub(crate) fn start(&self, world: &mut World, fault: u32) {
        dispatch!(self, k => k.start(world, fault))
    }

    pub(crate) fn cure(&self, world: &mut World) {
        dispatch!(self, k => k.cure(world))
    }

    pub(crate) fn end(&self, world: &mut World) {
        dispatch!(self, k => k.end(world))
    }

    /// A seed's variation of its rate.
    pub(crate) fn vary(&mut self, factor: f64) {
        dispatch!(self, k => k.vary(factor))
    }

    /// The hosts it is on, when it is on some.
    pub(crate) fn targets_mut(&mut self) -> Option<&mut Targets> {
        dispatch!(self, k => k.targets_mut())
    }

    /// Whether a finding's `body` shows this fault, read off what the trainee sees.
    pub(crate) fn shows(&self, body: &FindingBody, sight: &Sight) -> bool {
        use FindingBody as B;
        if let Some(shown) = dispatch!(self, k => k.shows(body, sight)) {
            return shown;
        }
        match body {
            B::ConfigDiff { changes, .. } => self.pushed_change().is_some() && !changes.is_empty(),
            B::Deploys { .. } => self.deploy().is_some(),
            // Errors, timeouts and a scenario's own output are written from the world while the
            // fault acts.
            B::Logs { .. } | B::Output { .. } => true,
            _ => false,
        }
    }

    /// The allocation site a heap profile of `server` shows on top, for a leak there.
    pub fn leak_site_on(&self, server: u32) -> Option<&str> {
        match self {
            FaultKind::MemoryLeak(leak) => leak.site_on(server),
            _ => None,
        }
    }

    /// A restart frees what it took only for a while (a leak fills the heap again).
    pub fn returns_after_restart(&self) -> bool {
        matches!(self, FaultKind::MemoryLeak(_))
    }

    /// The process running away on `server`, as `top` lists it, for a runaway there.
    pub fn runaway_on(&self, server: u32) -> Option<&str> {
        match self {
            FaultKind::CpuRunaway(runaway) => runaway.process_on(server),
            _ => None,
        }
    }

    /// How long after a kill a runaway on `server` comes back, when it does.
    pub fn recurs_on(&self, server: u32) -> Option<u32> {
        match self {
            FaultKind::CpuRunaway(runaway) => runaway.recurs_on(server),
            _ => None,
        }
    }

    /// The CPU a runaway burns, for a runaway.
    pub fn runaway_cpu_pct(&self) -> Option<f64> {
        match self {
            FaultKind::CpuRunaway(runaway) => Some(runaway.cpu_pct),
            _ => None,
        }
    }

    /// The share of requests it fails outright, for request errors.
    pub fn failing_share(&self) -> Option<f64> {
        match self {
            FaultKind::RequestErrors(errors) => Some(errors.share),
            _ => None,
        }
    }

    /// What fails, the error it logs (`POST /checkout`, `500 ...`) and the share failing, for
    /// request errors.
    pub fn logged_error(&self) -> Option<(&str, &str, f64)> {
        match self {
            FaultKind::RequestErrors(errors) => {
                Some((&errors.endpoint, &errors.error, errors.share))
            }
            _ => None,
        }
    }

    /// How many times slower it makes `dependency`'s calls, when it slows that one.
    pub fn slowdown_of(&self, dependency: Dependency) -> Option<f64> {
        match self {
            FaultKind::DependencySlowdown(slow) if slow.dependency == dependency => {
                Some(slow.latency_multiplier)
            }
            _ => None,
        }
    }
}

/// A host or a disk this full shows on `free` or `df`.
pub const NEARLY_FULL_SHARE: f64 = 0.85;
