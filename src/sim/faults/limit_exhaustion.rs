//! Limit exhaustion: a process in front of the service's data (a connection pooler, a proxy)
//! runs with a limit on what it may hold open lower than what its callers need; connections
//! beyond it are refused, and the calls they carry fail.

use serde::{Deserialize, Serialize};

use super::{Kind, Sight, World};
use crate::sim::actions::ActionKind;
use crate::sim::dependency::LimitKind;
use crate::sim::findings::FindingBody;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LimitExhaustion {
    /// The scenario's own dependency whose process has the limit, by index.
    pub dependency: u32,
    pub limit: LimitKind,
    /// What the limit is while the fault lasts.
    pub value: u32,
    /// When set, the config push it came with (reverting the config removes it).
    #[serde(default)]
    pub change: Option<String>,
}

impl Kind for LimitExhaustion {
    const ID: &'static str = "limit_exhaustion";
    const EVIDENCE: &'static [ActionKind] = &[ActionKind::CheckLimits, ActionKind::ReadLogs];

    fn start(&self, world: &mut World, _fault: u32) {
        let extra = &mut world.deps.extras[self.dependency as usize];
        extra.set_limit(self.limit, Some(self.value));
    }

    /// Puts the limit back as configured, unless something has raised it since (a window
    /// closing does the same).
    fn cure(&self, world: &mut World) {
        let extra = &mut world.deps.extras[self.dependency as usize];
        if extra.limit(self.limit) == Some(self.value) {
            let configured = extra.cfg.limits.as_ref().and_then(|l| match self.limit {
                LimitKind::OpenFiles => l.open_files,
                LimitKind::MaxConnections => l.max_connections,
            });
            extra.set_limit(self.limit, configured);
        }
    }

    fn vary(&mut self, factor: f64) {
        self.value = ((f64::from(self.value) * factor).round() as u32).max(1);
    }

    fn pushed_change(&self) -> Option<&str> {
        self.change.as_deref()
    }

    fn shows(&self, body: &FindingBody, sight: &Sight) -> Option<bool> {
        let extra = &sight.deps.extras[self.dependency as usize];
        match body {
            FindingBody::Limits {
                dependency,
                refused_pct,
                ..
            } => Some(*dependency == Some(self.dependency) && *refused_pct > 0.0),
            // Its host's config shows the limit while connections are refused against it.
            FindingBody::Config { host, .. } => {
                Some(*host == extra.cfg.host && extra.last.refusing.is_some())
            }
            // The logs show it once connections are refused: a limit set too low long before it
            // bites writes nothing, and a log read before then is a look, not evidence.
            FindingBody::Logs { .. } => Some(extra.last.refusing.is_some()),
            _ => None,
        }
    }
}
