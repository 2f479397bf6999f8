//! A memory leak: each served request retains memory that is never freed, until the heap fills
//! and the process is killed.

use serde::{Deserialize, Serialize};

use super::{Kind, Sight, Targets, World};
use crate::sim::actions::ActionKind;
use crate::sim::findings::FindingBody;

/// Live-heap growth a dashboard shows above the noise of a healthy server.
pub const LEAK_GROWTH_MB_PER_MIN: f64 = 2.0;
/// A live heap this full of its limit is plainly abnormal, growth or not.
pub const HEAP_FULL_SHARE: f64 = 0.85;
/// A leaked allocation site that holds this share of the live heap stands out in a profile.
pub const LEAK_PROFILE_SHARE: f64 = 0.10;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemoryLeak {
    pub targets: Targets,
    pub leak_kb_per_request: f64,
    /// The allocation site a heap profile shows at the top.
    pub site: String,
    /// When set, the leak arrives with this deploy (and a rollback removes it).
    pub deploy: Option<String>,
}

impl MemoryLeak {
    /// The leaking allocation site, when the leak is on `server`.
    pub fn site_on(&self, server: u32) -> Option<&str> {
        self.targets.includes(server).then_some(self.site.as_str())
    }
}

impl Kind for MemoryLeak {
    const ID: &'static str = "memory_leak";
    const EVIDENCE: &'static [ActionKind] = &[
        ActionKind::ViewMemory,
        ActionKind::Free,
        ActionKind::HeapProfile,
    ];
    const IN_CODE: bool = true;

    fn start(&self, world: &mut World, _fault: u32) {
        for s in self.targets.servers(world.fleet.len()) {
            world.fleet.set_leak(s, self.leak_kb_per_request / 1024.0);
        }
    }

    fn cure(&self, world: &mut World) {
        for s in self.targets.servers(world.fleet.len()) {
            world.fleet.set_leak(s, 0.0);
        }
    }

    fn vary(&mut self, factor: f64) {
        self.leak_kb_per_request *= factor;
    }

    fn targets_mut(&mut self) -> Option<&mut Targets> {
        Some(&mut self.targets)
    }

    fn deploy(&self) -> Option<&str> {
        self.deploy.as_deref()
    }

    fn shows(&self, body: &FindingBody, sight: &Sight) -> Option<bool> {
        use FindingBody as B;
        let on = |host: &str| sight.on(&self.targets, host);
        Some(match body {
            B::Memory { rows } => rows.iter().any(|r| {
                on(&r.host)
                    && (r.live_growth_mb_per_min >= LEAK_GROWTH_MB_PER_MIN
                        || (r.heap_max_mb > 0.0
                            && r.heap_live_mb >= HEAP_FULL_SHARE * r.heap_max_mb)
                        || sight
                            .server(&r.host)
                            .is_some_and(|s| sight.oom_killed_lately(s)))
            }),
            B::HeapProfile {
                host,
                live_mb,
                entries,
                ..
            } => {
                on(host)
                    && entries.iter().any(|e| {
                        e.site == self.site && e.retained_mb >= LEAK_PROFILE_SHARE * live_mb
                    })
            }
            B::Free {
                host,
                total_mb,
                used_mb,
                ..
            } => on(host) && *used_mb >= super::NEARLY_FULL_SHARE * total_mb,
            B::Logs { .. } => sight.any_server(&self.targets, |s| {
                s.heap_max_mb > 0.0 && s.live_mb >= HEAP_FULL_SHARE * s.heap_max_mb
            }),
            _ => return None,
        })
    }
}
