//! What the servers run: the runtime decides whether there is a garbage-collected heap (and so GC
//! time, GC warnings and a heap limit the runtime enforces) and how its diagnostics read (process
//! names in `top`, the heap tool, the errors it logs).

use serde::{Deserialize, Serialize};

/// The language runtime of the app servers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Runtime {
    #[default]
    Jvm,
    Dotnet,
    Node,
    Python,
    Ruby,
    Go,
    /// Compiled code with no collector (C, C++, Rust).
    Native,
}

/// The wording and behaviour of one runtime.
#[derive(Debug)]
pub struct Profile {
    /// The app's process name in `top`.
    pub process: &'static str,
    /// A garbage-collected heap: garbage builds up, the collector pauses, GC time shows. Without
    /// one, memory is freed as it goes and only what is retained grows.
    pub gc_heap: bool,
    /// The memory limit's key in the running configuration, and the collector's.
    pub limit_key: &'static str,
    pub gc_key: &'static str,
    pub gc_name: &'static str,
    /// The heap tool's title line; `{host}`, `{live}` and `{max}` (MB) are filled in.
    pub heap_tool: &'static str,
    /// What the runtime logs when it runs out of memory (None: the kernel's kill says it all).
    pub oom_error: Option<&'static str>,
    /// The collector's warning when it takes much of the time; `{pct}` is filled in.
    pub gc_warning: &'static str,
    /// A request that waited too long for a database connection; `{ms}` is filled in.
    pub pool_timeout: &'static str,
    /// A write to a full disk; `{path}` is filled in.
    pub disk_full: &'static str,
    /// The heap of a healthy server by allocation site: (site, share, bytes per object).
    pub healthy_heap: &'static [(&'static str, f64, f64)],
}

impl Runtime {
    pub const ALL: [Runtime; 7] = [
        Runtime::Jvm,
        Runtime::Dotnet,
        Runtime::Node,
        Runtime::Python,
        Runtime::Ruby,
        Runtime::Go,
        Runtime::Native,
    ];

    /// The name scenario files use.
    pub fn id(self) -> &'static str {
        match self {
            Runtime::Jvm => "jvm",
            Runtime::Dotnet => "dotnet",
            Runtime::Node => "node",
            Runtime::Python => "python",
            Runtime::Ruby => "ruby",
            Runtime::Go => "go",
            Runtime::Native => "native",
        }
    }

    pub fn from_id(id: &str) -> Option<Runtime> {
        Runtime::ALL.into_iter().find(|r| r.id() == id)
    }

    pub fn profile(self) -> &'static Profile {
        match self {
            Runtime::Jvm => &JVM,
            Runtime::Dotnet => &DOTNET,
            Runtime::Node => &NODE,
            Runtime::Python => &PYTHON,
            Runtime::Ruby => &RUBY,
            Runtime::Go => &GO,
            Runtime::Native => &NATIVE,
        }
    }
}

/// Fills `{name}` placeholders.
pub fn fill(template: &str, values: &[(&str, String)]) -> String {
    values
        .iter()
        .fold(template.to_string(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

static JVM: Profile = Profile {
    process: "java",
    gc_heap: true,
    limit_key: "jvm.heap.max (-Xmx)",
    gc_key: "jvm.gc",
    gc_name: "G1GC",
    heap_tool: "heap histogram of {host}: {live} MB live of {max} MB",
    oom_error: Some("java.lang.OutOfMemoryError: Java heap space"),
    gc_warning: "GC overhead high: {pct}% of time in garbage collection, old gen nearly full",
    pool_timeout: "HikariPool-1 - Connection is not available, request timed out after {ms}ms",
    disk_full: "java.io.IOException: No space left on device (writing {path})",
    healthy_heap: &[
        ("byte[] (request and response buffers)", 0.24, 4096.0),
        ("java.lang.String", 0.18, 56.0),
        ("java.util.HashMap$Node", 0.13, 32.0),
        ("com.shop.catalog.Product", 0.11, 512.0),
        (
            "org.hibernate.engine.internal.StatefulPersistenceContext",
            0.09,
            2048.0,
        ),
        ("char[]", 0.08, 128.0),
        ("(other)", 0.17, 64.0),
    ],
};

static DOTNET: Profile = Profile {
    process: "dotnet",
    gc_heap: true,
    limit_key: "DOTNET_GCHeapHardLimit",
    gc_key: "System.GC.Server",
    gc_name: "true (server GC, concurrent)",
    heap_tool: "dotnet-gcdump report {host}: {live} MB live of {max} MB",
    oom_error: Some("System.OutOfMemoryException: Insufficient memory to continue the execution of the program."),
    gc_warning: "GC: {pct}% of time in garbage collection (gen2 collections back to back)",
    pool_timeout: "System.InvalidOperationException: Timeout expired. The timeout period elapsed prior to obtaining a connection from the pool ({ms} ms)",
    disk_full: "System.IO.IOException: No space left on device : '{path}'",
    healthy_heap: &[
        ("System.Byte[] (request and response buffers)", 0.24, 4096.0),
        ("System.String", 0.18, 56.0),
        ("System.Collections.Generic.Dictionary+Entry[]", 0.13, 32.0),
        ("App.Domain entities", 0.11, 512.0),
        ("Microsoft.EntityFrameworkCore.ChangeTracking.Internal.StateManager", 0.09, 2048.0),
        ("System.Char[]", 0.08, 128.0),
        ("(other)", 0.17, 64.0),
    ],
};

static NODE: Profile = Profile {
    process: "node",
    gc_heap: true,
    limit_key: "--max-old-space-size",
    gc_key: "v8.gc",
    gc_name: "Orinoco (generational, concurrent marking)",
    heap_tool: "heap snapshot summary of {host}: {live} MB retained of {max} MB old space",
    oom_error: Some(
        "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory",
    ),
    gc_warning:
        "[gc] {pct}% of time in Mark-Compact; allocation failure, scavenge might not succeed",
    pool_timeout: "TimeoutError: ResourceRequest timed out: no database connection within {ms}ms",
    disk_full: "Error: ENOSPC: no space left on device, write '{path}'",
    healthy_heap: &[
        ("(string)", 0.22, 56.0),
        ("Buffer (request and response bodies)", 0.2, 4096.0),
        ("Object (plain objects)", 0.16, 64.0),
        ("(array)", 0.12, 128.0),
        ("(compiled code)", 0.1, 2048.0),
        ("Map", 0.06, 256.0),
        ("(other)", 0.14, 64.0),
    ],
};

static PYTHON: Profile = Profile {
    process: "gunicorn",
    gc_heap: false,
    limit_key: "memory.max (cgroup)",
    gc_key: "gc (reference counting)",
    gc_name: "enabled; cycles collected in the background",
    heap_tool: "tracemalloc top on {host}: {live} MB allocated of a {max} MB limit",
    oom_error: None,
    gc_warning: "",
    pool_timeout:
        "sqlalchemy.exc.TimeoutError: QueuePool limit reached, connection timed out after {ms}ms",
    disk_full: "OSError: [Errno 28] No space left on device: '{path}'",
    healthy_heap: &[
        (
            "<frozen importlib._bootstrap> (loaded modules)",
            0.26,
            512.0,
        ),
        ("json/decoder.py (parsed payloads)", 0.16, 256.0),
        ("app/models.py (model instances)", 0.14, 512.0),
        ("sqlalchemy/orm/identity.py", 0.11, 1024.0),
        ("socket.py (request buffers)", 0.1, 4096.0),
        ("re/_compiler.py", 0.06, 2048.0),
        ("(other)", 0.17, 64.0),
    ],
};

static RUBY: Profile = Profile {
    process: "puma",
    gc_heap: true,
    limit_key: "memory.max (cgroup)",
    gc_key: "RUBY_GC_HEAP_GROWTH_FACTOR",
    gc_name: "1.8 (generational, incremental marking)",
    heap_tool: "ObjectSpace dump of {host}: {live} MB live of a {max} MB limit",
    oom_error: Some("NoMemoryError: failed to allocate memory"),
    gc_warning: "GC: {pct}% of time in major GC (old objects keep growing)",
    pool_timeout: "ActiveRecord::ConnectionTimeoutError: could not obtain a connection from the pool within {ms}ms",
    disk_full: "Errno::ENOSPC: No space left on device @ io_write - {path}",
    healthy_heap: &[
        ("T_STRING", 0.24, 56.0),
        ("T_HASH", 0.16, 256.0),
        ("T_ARRAY", 0.14, 128.0),
        ("T_OBJECT (ActiveRecord models)", 0.12, 512.0),
        ("T_DATA (C extensions)", 0.1, 2048.0),
        ("T_IMEMO", 0.08, 64.0),
        ("(other)", 0.16, 64.0),
    ],
};

static GO: Profile = Profile {
    process: "server",
    gc_heap: true,
    limit_key: "GOMEMLIMIT",
    gc_key: "GOGC",
    gc_name: "100 (concurrent mark and sweep)",
    heap_tool: "go tool pprof -inuse_space {host}: {live} MB in use of a {max} MB limit",
    oom_error: Some("fatal error: runtime: out of memory"),
    gc_warning: "gc: {pct}% of CPU in garbage collection, heap near GOMEMLIMIT",
    pool_timeout: "database/sql: context deadline exceeded waiting {ms}ms for a connection",
    disk_full: "write {path}: no space left on device",
    healthy_heap: &[
        (
            "bytes.makeSlice (request and response buffers)",
            0.24,
            4096.0,
        ),
        ("encoding/json.(*decodeState).literalStore", 0.16, 128.0),
        ("runtime.malg (goroutine stacks)", 0.14, 8192.0),
        ("net/http.(*conn).readRequest", 0.12, 1024.0),
        ("database/sql.(*DB).conn", 0.08, 2048.0),
        ("strings.(*Builder).grow", 0.09, 64.0),
        ("(other)", 0.17, 64.0),
    ],
};

static NATIVE: Profile = Profile {
    process: "server",
    gc_heap: false,
    limit_key: "memory.max (cgroup)",
    gc_key: "allocator",
    gc_name: "jemalloc",
    heap_tool: "heaptrack summary of {host}: {live} MB allocated of a {max} MB limit",
    oom_error: None,
    gc_warning: "",
    pool_timeout: "connection pool exhausted: no connection within {ms}ms",
    disk_full: "write {path}: No space left on device (os error 28)",
    healthy_heap: &[
        ("request buffers (operator new)", 0.28, 4096.0),
        ("std::string", 0.16, 56.0),
        ("hash map nodes", 0.14, 32.0),
        ("connection state (arena)", 0.12, 2048.0),
        ("TLS buffers (malloc)", 0.1, 16384.0),
        ("std::vector", 0.06, 128.0),
        ("(other)", 0.14, 64.0),
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_profile_is_complete() {
        for r in Runtime::ALL {
            assert_eq!(Runtime::from_id(r.id()), Some(r));
            let p = r.profile();
            let share: f64 = p.healthy_heap.iter().map(|(_, s, _)| s).sum();
            assert!(
                (share - 1.0).abs() < 1e-9,
                "{r:?} heap shares sum to {share}"
            );
            assert_eq!(p.gc_heap, !p.gc_warning.is_empty(), "{r:?}");
            assert!(p.pool_timeout.contains("{ms}"), "{r:?}");
            assert!(p.disk_full.contains("{path}"), "{r:?}");
            assert!(p.heap_tool.contains("{host}"), "{r:?}");
        }
    }
}
