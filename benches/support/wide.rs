//! The wide run's world, shared by the native bench and the wasm one (`examples/wasm_throughput.rs`)
//! so both time the same work.

use incident_trainer::scenario::library;
use incident_trainer::sim::SimConfig;

/// The built-in world scaled to `servers`, traffic and database scaled with it, for `hours`.
pub fn wide(servers: u32, hours: u32, with_leak: bool) -> SimConfig {
    let s = library::builtin("ecommerce-memory-leak").expect("built-in scenario");
    let mut cfg = s.config;
    let scale = f64::from(servers) / f64::from(cfg.fleet.servers);
    cfg.fleet.servers = servers;
    cfg.fleet.initial_heap_live_mb.clear();
    cfg.traffic.baseline_rps *= scale;
    cfg.database.pool_size = (f64::from(cfg.database.pool_size) * scale) as u32;
    cfg.duration_s = hours * 3600;
    cfg.fleet.auto_restart = true;
    if !with_leak {
        cfg.faults.clear();
    }
    cfg
}
