//! The traffic a scenario's service sees.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TrafficFile {
    /// Requests/s at a time-of-day factor of 1 (not with `observed`).
    #[serde(default)]
    pub baseline_rps: Option<f64>,
    /// 24 time-of-day factors from 00:00 (not with `observed`).
    #[serde(default)]
    pub hourly_profile: Option<Vec<f64>>,
    /// Traffic as a dashboard showed it: `[{ at = "14:00", rps = 900 }, ...]`, interpolated.
    /// Replaces `baseline_rps`, `hourly_profile` and `campaigns`.
    #[serde(default)]
    pub observed: Option<Vec<ObservedFile>>,
    pub noise: f64,
    pub requests_per_user_s: f64,
    pub pages_per_user_window: f64,
    /// Completed orders per 1,000 successful requests; 0 (the default) for a service that sells
    /// nothing.
    #[serde(default)]
    pub orders_per_1k_requests: f64,
    #[serde(default)]
    pub avg_order_value: f64,
    #[serde(default)]
    pub currency: String,
    #[serde(default)]
    pub campaigns: Vec<CampaignFile>,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ObservedFile {
    /// A local time (`"14:00"`).
    pub at: String,
    /// The requests/s the dashboard showed then.
    pub rps: f64,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CampaignFile {
    /// When the campaign starts, a local time (`"15:00"`).
    pub start: String,
    /// When it ends.
    pub end: String,
    /// How many times the usual traffic it brings.
    pub multiplier: f64,
    /// How long it takes to build up and die down (default `"10m"`).
    #[serde(default = "default_ramp")]
    pub ramp: String,
    /// What it is (default empty).
    #[serde(default)]
    pub note: String,
}

fn default_ramp() -> String {
    "10m".into()
}
