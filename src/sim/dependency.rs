//! The service's dependencies as configured: the main database, the payment gateway and the
//! scenario's own (`deps.rs` runs them).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DatabaseConfig {
    pub pool_size: u32,
    pub query_ms: f64,
    pub queries_per_request: f64,
    /// How long a request waits for a free connection before it fails.
    pub max_wait_ms: f64,
    /// Connections each worker holds open, busy or idle (a per-process pool, a pooler in session
    /// mode). 0: connections are taken per query and given back. When the workers up hold more
    /// than the pool has, the workers left without one fail every request they take.
    #[serde(default)]
    pub held_per_worker: f64,
    /// The database's host, for `read_logs`.
    #[serde(default = "default_db_host")]
    pub host: String,
    /// The scenario's own dependencies its queries pass through (a pooler or a proxy in front
    /// of it), by index: their failures fail its queries.
    #[serde(default)]
    pub depends_on: Vec<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaymentConfig {
    pub latency_ms: f64,
    pub timeout_ms: f64,
    #[serde(rename = "error_fraction")]
    pub error_share: f64,
    /// False for a service with no payment gateway (orders, if any, complete without one).
    #[serde(default = "present_by_default")]
    pub present: bool,
}

fn present_by_default() -> bool {
    true
}

/// A downstream dependency: the main database (`[database]`), the payment gateway (`[payment]`),
/// or one of the scenario's `[[dependencies]]` (by index).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Dependency {
    Database,
    Payment,
    Named(u32),
}

impl Dependency {
    pub const BUILT_IN: [Dependency; 2] = [Dependency::Database, Dependency::Payment];

    /// The name scenario files use for the two built-in ones.
    pub fn id(self) -> &'static str {
        match self {
            Dependency::Database => "database",
            Dependency::Payment => "payment",
            Dependency::Named(_) => "named",
        }
    }

    /// The dependency called `name` in a scenario with these `[[dependencies]]`.
    pub fn find(name: &str, named: &[DependencyConfig]) -> Option<Dependency> {
        Dependency::BUILT_IN
            .into_iter()
            .find(|d| d.id() == name)
            .or_else(|| {
                named
                    .iter()
                    .position(|d| d.name == name)
                    .map(|i| Dependency::Named(i as u32))
            })
    }
}

/// One of a scenario's own dependencies: a database behind a connection pool, an HTTP service or
/// a cache in front of another dependency.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DependencyConfig {
    pub name: String,
    /// Where its logs are read (`read_logs <host>`).
    pub host: String,
    pub kind: DependencyKind,
    /// One call's time when healthy (a query, a request, a lookup).
    pub latency_ms: f64,
    /// Calls per served request (below 1: only that share of requests calls it).
    pub calls_per_request: f64,
    /// A call slower than this fails (a cache's times out into a miss).
    pub timeout_ms: f64,
    /// Share of calls failing when healthy.
    #[serde(rename = "error_fraction")]
    pub error_share: f64,
    /// What its calls pass through (other `[[dependencies]]`, by index): their calls include
    /// its own, and what fails there fails here.
    #[serde(default)]
    pub depends_on: Vec<u32>,
    /// What its process may hold open; none: nothing it carries comes near a limit.
    #[serde(default)]
    pub limits: Option<Limits>,
}

/// What a process may hold open, as its host and its own config set it: each client connection
/// takes a connection slot and an open file. Connections beyond either are refused.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Limits {
    /// The open-file limit (`nofile`, `ulimit -n`).
    pub open_files: Option<u32>,
    /// Files it keeps open besides client connections: listeners, logs, its own connections
    /// onward.
    pub files_in_use: u32,
    /// Its own cap on client connections.
    pub max_connections: Option<u32>,
    /// What its config calls that cap (`max_client_conn`, `maxconn`).
    pub max_connections_setting: String,
    /// Client connections each running worker of the service keeps open to it, busy or idle.
    pub connections_per_worker: f64,
}

/// One of the two limits a process has on what it holds open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitKind {
    OpenFiles,
    MaxConnections,
}

impl LimitKind {
    pub const ALL: [LimitKind; 2] = [LimitKind::OpenFiles, LimitKind::MaxConnections];

    /// The name scenario files use.
    pub fn id(self) -> &'static str {
        match self {
            LimitKind::OpenFiles => "open_files",
            LimitKind::MaxConnections => "max_connections",
        }
    }

    pub fn from_id(id: &str) -> Option<LimitKind> {
        LimitKind::ALL.into_iter().find(|k| k.id() == id)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum DependencyKind {
    /// A database behind a connection pool of its own.
    Database { pool_size: u32, max_wait_ms: f64 },
    /// An HTTP service: a failed call fails the request that made it.
    Http,
    /// A cache: a miss (or a timed-out lookup) goes to `backend`, so a cold or failing cache
    /// adds load there.
    Cache {
        #[serde(rename = "hit_ratio")]
        hit_share: f64,
        backend: Dependency,
    },
    /// A connection pooler or a proxy: it forwards what passes through it (the calls of those
    /// that `depends_on` it) and adds its own time; refused connections fail the call.
    Proxy,
}

impl DependencyKind {
    pub fn id(&self) -> &'static str {
        self.class().id()
    }

    pub fn class(&self) -> DependencyClass {
        match self {
            DependencyKind::Database { .. } => DependencyClass::Database,
            DependencyKind::Http => DependencyClass::Http,
            DependencyKind::Cache { .. } => DependencyClass::Cache,
            DependencyKind::Proxy => DependencyClass::Proxy,
        }
    }
}

/// What sort of thing a dependency is, without its settings: how its logs and its row in a
/// dashboard read. Serialised as the kind's id (`database`, `http`, `cache`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DependencyClass {
    Database,
    Http,
    Cache,
    Proxy,
}

impl DependencyClass {
    pub fn id(self) -> &'static str {
        match self {
            DependencyClass::Database => "database",
            DependencyClass::Http => "http",
            DependencyClass::Cache => "cache",
            DependencyClass::Proxy => "proxy",
        }
    }
}

fn default_db_host() -> String {
    "db-1".into()
}
