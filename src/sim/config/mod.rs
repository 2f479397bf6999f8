//! Every parameter of the simulated world, in simulation units (ticks are seconds from the start).
//!
//! The scenario layer builds a [`SimConfig`] from a TOML file; tests build one by hand. Nothing here
//! knows about files, clocks or the browser.

mod custom_action;
mod fleet_config;
mod variation;

use serde::{Deserialize, Serialize};

pub use super::dependency::{
    DatabaseConfig, Dependency, DependencyClass, DependencyConfig, DependencyKind, LimitKind,
    Limits, PaymentConfig,
};
use super::faults::{DeployRecord, Fault};
pub use custom_action::{actions_of, CustomAction, Setting};
pub use fleet_config::{FleetConfig, LoadBalancerConfig, DEFAULT_HOST_PREFIX, DEFAULT_SERVICE};
pub use variation::Variation;

/// The whole world's parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimConfig {
    /// Local time of day of tick 0, in seconds after midnight (14:00 is 50_400).
    pub start_s_of_day: u32,
    /// The run ends after this many ticks.
    pub duration_s: u32,
    /// Metrics are sampled (and alerts evaluated) every this many ticks.
    pub scrape_interval_s: u32,
    pub traffic: TrafficConfig,
    pub fleet: FleetConfig,
    pub database: DatabaseConfig,
    pub payment: PaymentConfig,
    /// Dependencies beyond the main database and the payment gateway.
    #[serde(default)]
    pub dependencies: Vec<DependencyConfig>,
    pub slo: SloConfig,
    pub faults: Vec<Fault>,
    pub alerts: Vec<AlertRule>,
    pub hypotheses: Vec<Hypothesis>,
    /// Deploys made before the run started, newest last (shown by `list_deploys`).
    pub deploy_history: Vec<DeployRecord>,
    pub response: ResponseConfig,
    /// Per-action duration overrides, in seconds.
    pub action_durations_s: Vec<(crate::sim::ActionKind, u32)>,
    /// Actions the scenario adds to the catalogue.
    #[serde(default)]
    pub custom_actions: Vec<CustomAction>,
    /// How a seed other than the calibrated one varies the afternoon.
    #[serde(default)]
    pub variation: Option<Variation>,
}

impl SimConfig {
    /// Every action this scenario offers: the catalogue, then its own.
    pub fn actions(&self) -> impl Iterator<Item = crate::sim::ActionInfo<'_>> {
        let page_title = self.response.page_title.as_deref();
        actions_of(&self.custom_actions, &self.action_durations_s).map(move |mut info| {
            if let (crate::sim::ActionKind::PageDevelopers, Some(title)) = (info.kind, page_title) {
                info.title = title;
            }
            info
        })
    }

    /// The action with this id, built in or the scenario's own.
    pub fn action_info(&self, id: &str) -> Option<crate::sim::ActionInfo<'_>> {
        self.actions().find(|a| a.id == id)
    }

    /// What reveals each cause and each of the scenario's own actions (`revealed_by`), in file
    /// order: causes first.
    pub fn revealers(&self) -> impl Iterator<Item = &[String]> {
        self.hypotheses
            .iter()
            .map(|h| h.revealed_by.as_slice())
            .chain(self.custom_actions.iter().map(|a| a.revealed_by.as_slice()))
    }

    /// What `action` is in this scenario (`None` for an id it does not define).
    pub fn info(&self, action: &crate::sim::Action) -> Option<crate::sim::ActionInfo<'_>> {
        self.action_info(action.id())
    }

    /// Whether `action` is a look in this scenario (it shows something and changes nothing).
    pub fn is_diagnostic(&self, action: &crate::sim::Action) -> bool {
        self.info(action)
            .is_some_and(|a| a.category == crate::sim::Category::Diagnostic)
    }

    /// Every dependency's host, with the dependency: the main database's first, then the
    /// scenario's own.
    pub fn dependency_hosts(&self) -> Vec<(String, crate::sim::Dependency)> {
        let main = (self.database.host.clone(), crate::sim::Dependency::Database);
        let own = self
            .dependencies
            .iter()
            .enumerate()
            .map(|(i, d)| (d.host.clone(), crate::sim::Dependency::Named(i as u32)));
        std::iter::once(main).chain(own).collect()
    }

    /// The index of a scenario's own action.
    pub fn custom_index(&self, id: &str) -> Option<usize> {
        self.custom_actions.iter().position(|c| c.id == id)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrafficConfig {
    /// Requests per second at a time-of-day factor of 1.0.
    pub baseline_rps: f64,
    /// Time-of-day factor at each whole hour 00..23; linear in between.
    pub hourly_profile: [f64; 24],
    /// Amplitude of the slow random wander around the curve, as a fraction (0.03 = ±3%).
    #[serde(rename = "noise_fraction")]
    pub noise_share: f64,
    /// Requests each active user makes per second (derives active users from traffic).
    pub requests_per_user_s: f64,
    /// Page loads per user inside the "users affected" window: how many chances a user has to
    /// meet an error.
    pub pages_per_user_window: f64,
    /// Completed orders per 1,000 successful requests (the conversion rate).
    pub orders_per_1k_requests: f64,
    pub avg_order_value: f64,
    /// Scheduled multipliers (marketing campaigns); faults can add surges on top.
    pub campaigns: Vec<Campaign>,
    /// Traffic as observed: (tick, requests/s) points, interpolated, held flat before the first
    /// and after the last. When given it replaces the baseline, the profile and campaigns.
    #[serde(default)]
    pub observed: Vec<(u32, f64)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Campaign {
    pub start_s: u32,
    pub end_s: u32,
    pub multiplier: f64,
    /// Linear ramp at both ends.
    pub ramp_s: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SloConfig {
    pub error_rate_pct: f64,
    /// Written `latency_p95_ms` (the file's and compiled scenarios' name).
    #[serde(rename = "latency_p95_ms")]
    pub latency_ms_p95: f64,
    /// Service counts as restored once under SLO for this long.
    pub restore_window_s: u32,
    /// The outage starts at the first scrape with an error rate at or above this.
    pub outage_error_rate_pct: f64,
    /// "Users affected" counts users who met an error within this trailing window.
    pub affected_window_s: u32,
}

/// How the people around the trainee respond.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResponseConfig {
    /// From paging the developers until they are engaged.
    pub developers_response_s: u32,
    /// From `apply_code_fix` until the fixed build is live and the servers restart on it.
    pub fix_deploy_s: u32,
    /// From `rollback_deploy` until the previous build is live.
    pub rollback_s: u32,
    /// Who an escalation pages (`the platform team`); left out, the catalogue's wording (the
    /// development team, the developers).
    #[serde(default)]
    pub escalate_to: Option<String>,
    /// The paging action's title when `escalate_to` is set (`Page the platform team`).
    #[serde(default)]
    pub page_title: Option<String>,
}

impl ResponseConfig {
    /// Who is paged, mid-sentence: `the development team` unless the scenario names them.
    pub fn escalation_team(&self) -> &str {
        self.escalate_to
            .as_deref()
            .unwrap_or("the development team")
    }

    /// The people who engage and write the fix, mid-sentence: `the developers` unless named.
    pub fn escalation_people(&self) -> &str {
        self.escalate_to.as_deref().unwrap_or("the developers")
    }
}

/// A phrase with its first letter capitalised, to start a sentence.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A fleet-level signal an alert rule can watch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Comparison {
    Above,
    Below,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AlertRule {
    pub id: String,
    pub title: String,
    pub metric: crate::sim::Metric,
    pub comparison: Comparison,
    pub threshold: f64,
    pub for_s: u32,
    pub severity: String,
    /// Whether anyone receives it: an alert can fire on a dashboard and page nobody (a
    /// misrouted pager, a muted channel), as in many real timelines.
    #[serde(default = "delivered_by_default")]
    pub delivered: bool,
}

fn delivered_by_default() -> bool {
    true
}

impl AlertRule {
    /// Whether a firing pages the on-call engineer.
    pub fn pages(&self) -> bool {
        self.delivered && self.severity == "page"
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hypothesis {
    pub id: String,
    pub title: String,
    pub correct: bool,
    /// Diagnostics (by id) whose output, once it showed an anomaly, puts this cause on the
    /// list; empty: listed from the start.
    #[serde(default)]
    pub revealed_by: Vec<String>,
}
