//! Fixed lists of words scenario files use, shared by the file's schema and the validators.

/// The categories a scenario's own action may take, as files write them.
pub const CATEGORIES: [&str; 3] = ["diagnostic", "remediation", "coordination"];
/// The targets a scenario's own action may take.
pub const TARGETS: [&str; 3] = ["none", "host", "optional_host"];
