//! What a fault's evidence test reads of the world at the moment a finding is made: the same
//! numbers the trainee sees, and nothing it could not.

use super::Targets;
use crate::sim::dependency::{DatabaseConfig, PaymentConfig};
use crate::sim::deps::Dependencies;
use crate::sim::events::{EventKind, EventLog};
use crate::sim::fleet::Fleet;
use crate::sim::server::Server;

/// How long the memory dashboards keep an OOM kill in view.
pub const OOM_SHOWN_S: u32 = 1800;

pub(crate) struct Sight<'a> {
    pub tick: u32,
    pub fleet: &'a Fleet,
    pub deps: &'a Dependencies,
    pub events: &'a EventLog,
    /// The main database and the payment gateway as the scenario configures them (their usual
    /// speed, against which a slow one shows).
    pub database: &'a DatabaseConfig,
    pub payment: &'a PaymentConfig,
}

impl Sight<'_> {
    /// The server called `host`.
    pub fn server(&self, host: &str) -> Option<u32> {
        self.fleet.find(host)
    }

    /// Whether `host` is one of `targets`.
    pub fn on(&self, targets: &Targets, host: &str) -> bool {
        self.server(host).is_some_and(|s| targets.includes(s))
    }

    /// The host is down after an OOM kill the dashboards still show (its heap climbing to the
    /// limit, then the process gone).
    pub fn oom_killed_lately(&self, server: u32) -> bool {
        let up = self.fleet.servers[server as usize].is_up();
        let since = self.tick.saturating_sub(OOM_SHOWN_S);
        !up && self
            .events
            .between(since, u32::MAX)
            .any(|e| matches!(e.kind, EventKind::OomKilled { server: s, .. } if s == server))
    }

    /// Whether any of `targets` passes `test`.
    pub fn any_server(&self, targets: &Targets, test: impl Fn(&Server) -> bool) -> bool {
        self.fleet
            .servers
            .iter()
            .enumerate()
            .any(|(s, server)| targets.includes(s as u32) && test(server))
    }

    /// Whether one of the scenario's own dependencies is in trouble on its dashboard.
    pub fn dependency_in_trouble(&self, dependency: u32) -> bool {
        self.deps
            .extras
            .get(dependency as usize)
            .is_some_and(|e| e.in_trouble())
    }
}
