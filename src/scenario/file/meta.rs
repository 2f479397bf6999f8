//! The scenario's description and its clock.

use serde::Deserialize;

#[cfg(not(target_arch = "wasm32"))]
use super::schema;

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MetaFile {
    pub id: String,
    pub title: String,
    pub summary: String,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(schema_with = "schema::difficulty")
    )]
    pub difficulty: String,
    #[serde(default)]
    pub tags: Vec<String>,
    pub briefing: String,
    #[serde(default)]
    pub sources: Vec<SourceFile>,
    /// Which source the scenario follows where sources disagree.
    pub follows: Option<String>,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SourceFile {
    /// A name for the source, for `source = "<id>"` elsewhere.
    pub id: String,
    /// The write-up's title.
    pub title: String,
    /// Where the write-up is published.
    #[serde(default)]
    pub url: Option<String>,
    /// Anything to say about it (default empty).
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ClockFile {
    pub date: String,
    pub start: String,
    pub time_zone: String,
    pub utc_offset: String,
    pub time_limit: String,
    pub seed: u64,
    #[serde(default = "default_scrape")]
    pub scrape_interval: String,
}

fn default_scrape() -> String {
    "10s".into()
}
