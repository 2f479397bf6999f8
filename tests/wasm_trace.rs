//! In a real browser (wasm32 in headless Chromium), the simulation gives the same trace hashes as
//! natively: both are checked against tests/golden/trace_hashes.txt.
#![cfg(target_arch = "wasm32")]

mod common;

use incident_trainer::scenario::library;
use incident_trainer::sim::{run_scripted, trace_hash};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const GOLDEN: &str = include_str!("golden/trace_hashes.txt");

#[wasm_bindgen_test]
fn browser_hashes_match_the_native_golden_file() {
    let mut checked = 0;
    for line in GOLDEN
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let parts: Vec<&str> = line.split_whitespace().collect();
        let [id, actions, seed, expected] = parts[..] else {
            panic!("bad golden line: {line}")
        };
        let s = library::builtin(id).expect("built-in scenario");
        let script = common::script(&s, actions);
        let seed: u64 = seed.parse().expect("seed");
        let (trace, _) = run_scripted(s.config.clone(), seed, &script);
        assert_eq!(
            format!("{:016x}", trace_hash(&trace)),
            expected,
            "{id} {actions} seed {seed}"
        );
        checked += 1;
    }
    assert_eq!(checked, 6);
}
