//! The wide run compiled to WebAssembly with no JavaScript glue, so node can time it next to the
//! native bench: `scripts/bench.sh` builds it for wasm32 and runs `scripts/wasm-throughput.mjs`.
//! Natively it only says how to run it.

#[path = "../benches/support/wide.rs"]
mod wide;

/// Runs `servers` servers for `hours` simulated hours with no actions (the leak on when `leak` is
/// non-zero) and returns the trace's hash, so the run cannot be optimised away and the wasm run can
/// be checked against the native one.
#[no_mangle]
pub extern "C" fn wide_run(servers: u32, hours: u32, leak: u32) -> u64 {
    let cfg = wide::wide(servers, hours, leak != 0);
    let (trace, _) = incident_trainer::sim::run_scripted(cfg, 1, &[]);
    incident_trainer::sim::trace_hash(&trace)
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    println!("built for wasm32 and timed by scripts/bench.sh; natively, see cargo bench --bench throughput");
}
