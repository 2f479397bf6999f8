//! Whatever people hand the trainer — a scenario file, a saved session, a progress file — is read
//! or refused with a located reason, never a panic. Each built-in's own text, mangled at random:
//! cut short, junk inserted, a line lost or doubled, a number made absurd. A fixed seed and a short
//! budget here; `INPUT_CASES=5000 cargo test --release --test bad_input` explores further (see
//! `scripts/fuzz.sh`). Native only (proptest).
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use incident_trainer::scenario::{self, library};
use incident_trainer::sim::{Action, ActionKind};
use incident_trainer::ui::progress;
use incident_trainer::ui::session::Session;
use incident_trainer::ui::storage::{self, Best, BestResult, Save};
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("INPUT_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(48)
}

/// What to do to a text.
#[derive(Clone, Debug)]
enum Mangle {
    Cut(usize),
    Insert(usize, String),
    DropLine(usize),
    DoubleLine(usize),
    /// The n-th number in the text becomes this.
    Number(usize, &'static str),
}

fn mangle() -> impl Strategy<Value = Mangle> {
    let absurd = prop::sample::select(vec![
        "1e300",
        "-1",
        "0",
        "-0.0",
        "nan",
        "inf",
        "4294967296",
        "18446744073709551616",
        "99999999999",
        "0.000000001",
        "\"text\"",
        "[]",
        "{}",
    ]);
    prop_oneof![
        any::<usize>().prop_map(Mangle::Cut),
        (
            any::<usize>(),
            "[\\[\\]{}=\"#,.a-z0-9 \\n\u{e9}\u{1F4A5}]{1,12}"
        )
            .prop_map(|(at, junk)| Mangle::Insert(at, junk)),
        any::<usize>().prop_map(Mangle::DropLine),
        any::<usize>().prop_map(Mangle::DoubleLine),
        (any::<usize>(), absurd).prop_map(|(n, with)| Mangle::Number(n, with)),
    ]
}

fn boundary(text: &str, at: usize) -> usize {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &str, how: &Mangle) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let line = |n: usize| n % lines.len().max(1);
    match how {
        Mangle::Cut(at) => text[..boundary(text, *at)].to_string(),
        Mangle::Insert(at, junk) => {
            let at = boundary(text, *at);
            format!("{}{junk}{}", &text[..at], &text[at..])
        }
        Mangle::DropLine(n) => {
            let drop = line(*n);
            let kept: Vec<&str> = (0..lines.len())
                .filter(|i| *i != drop)
                .map(|i| lines[i])
                .collect();
            kept.join("\n")
        }
        Mangle::DoubleLine(n) => {
            let twice = line(*n);
            let mut out: Vec<&str> = lines.clone();
            out.insert(twice, lines[twice]);
            out.join("\n")
        }
        Mangle::Number(n, with) => {
            let numbers: Vec<(usize, usize)> = number_spans(text);
            match numbers.get(n % numbers.len().max(1)) {
                Some(&(from, to)) => format!("{}{with}{}", &text[..from], &text[to..]),
                None => text.to_string(),
            }
        }
    }
}

/// Where the numbers are (runs of digits, with a point), outside nothing in particular: a number
/// in a string or a time is as good a place to break as any.
fn number_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at].is_ascii_digit() {
            let from = at;
            while at < bytes.len() && (bytes[at].is_ascii_digit() || bytes[at] == b'.') {
                at += 1;
            }
            out.push((from, at));
        } else {
            at += 1;
        }
    }
    out
}

fn a_save() -> String {
    let s = Rc::new(library::builtin("ecommerce-memory-leak").unwrap());
    let mut session = Session::new(s, 7);
    session.advance(1_200);
    session
        .take(Action::on(ActionKind::RestartServer, "app-1"))
        .unwrap();
    session.advance(300);
    Save::of(&session, false).encode()
}

fn a_progress_file() -> String {
    let best = Best {
        results: vec![BestResult {
            scenario_id: "ecommerce-memory-leak".into(),
            restored_at: Some(8_000),
            score: Some(61.5),
            attempts: 3,
        }],
    };
    progress::export(&best)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        rng_seed: proptest::test_runner::RngSeed::Fixed(20230510),
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_mangled_scenario_is_read_or_refused_with_places(which in 0usize..64, how in mangle()) {
        let ids: Vec<&str> = library::ids().collect();
        let id = ids[which % ids.len()];
        let text = apply(library::builtin_text(id).unwrap(), &how);
        if let Err(errors) = scenario::parse("mangled.toml", &text) {
            prop_assert!(!errors.diagnostics.is_empty());
            for d in &errors.diagnostics {
                prop_assert!(!d.message.trim().is_empty(), "{id} {how:?}: an empty message");
                // A place, unless the whole file is the problem (empty, say).
                prop_assert!(d.line > 0 || !d.path.is_empty() || text.trim().is_empty(),
                    "{id} {how:?}: {} has no place", d.message);
            }
        }
    }

    #[test]
    fn a_mangled_save_is_resumed_or_discarded_with_a_reason(how in mangle()) {
        let text = apply(&a_save(), &how);
        if let Err(error) = storage::decode(&text) {
            prop_assert!(!error.to_string().is_empty());
        }
    }

    #[test]
    fn a_mangled_progress_file_is_merged_or_refused_with_a_reason(how in mangle()) {
        let text = apply(&a_progress_file(), &how);
        if let Err(error) = progress::import(&text) {
            prop_assert!(error.to_string().ends_with('.'));
        }
    }
}
