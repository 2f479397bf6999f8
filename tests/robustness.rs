//! Bad input gets an error, never a panic: thousands of corrupted scenario and actions files, each
//! either parsed or rejected, and every scenario that validates also runs.

use incident_trainer::scenario::{self, library, script};
use incident_trainer::sim::{run_scripted, Simulation};

const BUILTIN: &str = include_str!("../scenarios/ecommerce-memory-leak.toml");

/// A small, portable generator so every run mutates the same way (and failures are reproducible).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, count: usize) -> usize {
        (self.next() % count.max(1) as u64) as usize
    }
}

/// Values that tend to break parsers and models.
const NASTY: [&str; 14] = [
    "0",
    "-1",
    "1e308",
    "nan",
    "inf",
    "\"\"",
    "\"25:99\"",
    "[]",
    "{}",
    "99999999999999999999",
    "\"0s\"",
    "true",
    "\"app-0\"",
    "\"\u{1F525}\"",
];

/// One random corruption; `separator` is what precedes a value (`=` in TOML, `:` in JSON).
fn mutate(text: &str, separator: char, rng: &mut Lcg) -> String {
    let mut bytes: Vec<char> = text.chars().collect();
    match rng.below(4) {
        // Replace a value with something nasty.
        0 => {
            let eqs: Vec<usize> = bytes
                .iter()
                .enumerate()
                .filter(|(_, c)| **c == separator)
                .map(|(i, _)| i)
                .collect();
            let at = eqs[rng.below(eqs.len())] + 1;
            let end = bytes[at..]
                .iter()
                .position(|c| *c == '\n')
                .map_or(bytes.len(), |p| at + p);
            let value: Vec<char> = format!(" {}", NASTY[rng.below(NASTY.len())])
                .chars()
                .collect();
            bytes.splice(at..end, value);
        }
        // Delete a run of characters.
        1 => {
            let at = rng.below(bytes.len());
            let len = 1 + rng.below(40);
            bytes.drain(at..(at + len).min(bytes.len()));
        }
        // Duplicate a line elsewhere.
        2 => {
            let lines: Vec<&str> = text.lines().collect();
            let line = lines[rng.below(lines.len())];
            let at = rng.below(bytes.len());
            bytes.splice(at..at, format!("\n{line}\n").chars());
        }
        // Flip one character to a TOML-significant one.
        _ => {
            let at = rng.below(bytes.len());
            bytes[at] = ['[', ']', '"', '=', '\n', '#', '.', '{'][rng.below(8)];
        }
    }
    bytes.into_iter().collect()
}

#[test]
fn corrupted_scenarios_are_rejected_or_run_never_panic() {
    let mut rng = Lcg(20_231_121);
    let (mut accepted, mut rejected) = (0, 0);
    for case in 0..3_000 {
        let text = mutate(BUILTIN, '=', &mut rng);
        let outcome = std::panic::catch_unwind(|| match scenario::parse("mutant.toml", &text) {
            Ok(s) => {
                // Run the first simulated hour of anything that validates.
                let mut config = s.config.clone();
                config.duration_s = config.duration_s.min(3600);
                let mut sim = Simulation::new(config, s.seed);
                while sim.step() {}
                true
            }
            Err(errors) => {
                assert!(!errors.diagnostics.is_empty());
                let shown = errors.to_string();
                assert!(shown.contains("mutant.toml"), "{shown}");
                false
            }
        });
        match outcome {
            Ok(true) => accepted += 1,
            Ok(false) => rejected += 1,
            Err(_) => panic!("case {case} panicked on:\n{text}"),
        }
    }
    assert!(
        accepted > 100 && rejected > 1_000,
        "{accepted} accepted, {rejected} rejected"
    );
}

#[test]
fn corrupted_actions_files_are_rejected_or_run_never_panic() {
    let s = library::builtin("ecommerce-memory-leak").unwrap();
    let good = script::to_json(&s.reference_actions(), &s);
    let mut rng = Lcg(7);
    for case in 0..2_000 {
        let text = mutate(&good, ':', &mut rng);
        let outcome = std::panic::catch_unwind(|| {
            if let Ok(actions) = script::parse_actions("mutant.json", &text, &s) {
                let mut config = s.config.clone();
                config.duration_s = 7200;
                run_scripted(config, 1, &actions);
            }
        });
        assert!(outcome.is_ok(), "case {case} panicked on:\n{text}");
    }
}
