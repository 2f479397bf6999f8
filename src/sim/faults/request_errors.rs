//! Request errors: a share of requests fails outright (one endpoint broken by a bug, a poisoned
//! cache entry, a bad feature flag) while the rest of the site works.

use serde::{Deserialize, Serialize};

use super::{Kind, World};
use crate::sim::actions::ActionKind;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestErrors {
    /// Share of requests that fail (0 to 1).
    pub share: f64,
    /// What fails, as the logs show it (`POST /checkout`).
    pub endpoint: String,
    /// The error those requests log.
    pub error: String,
    /// When set, it arrives with this deploy (and a rollback removes it).
    pub deploy: Option<String>,
    /// When set, it arrived with this config push (reverting the config removes it).
    #[serde(default)]
    pub change: Option<String>,
}

impl Kind for RequestErrors {
    const ID: &'static str = "request_errors";
    const EVIDENCE: &'static [ActionKind] = &[ActionKind::ReadLogs, ActionKind::ListDeploys];
    const IN_CODE: bool = true;

    /// Nothing to switch on: its share fails while it is on (`FaultState::failing_share`).
    fn start(&self, _world: &mut World, _fault: u32) {}

    fn vary(&mut self, factor: f64) {
        self.share = (self.share * factor).min(1.0);
    }

    fn deploy(&self) -> Option<&str> {
        self.deploy.as_deref()
    }

    fn pushed_change(&self) -> Option<&str> {
        self.change.as_deref()
    }
}
