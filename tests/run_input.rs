//! Run files and share links from anywhere: whatever arrives, reading it never panics, and a link
//! altered in any one place is refused rather than replayed as something else. `INPUT_CASES=N`
//! runs more cases (`scripts/fuzz.sh`). Native only (proptest).
#![cfg(not(target_arch = "wasm32"))]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use incident_trainer::record::{self, link, RunFile};
use incident_trainer::scenario::library;
use incident_trainer::sim::hash::StableHasher;
use proptest::prelude::*;

/// The real team's run, played once for every case.
fn real_team() -> &'static RunFile {
    static RUN: std::sync::OnceLock<RunFile> = std::sync::OnceLock::new();
    RUN.get_or_init(|| {
        let s = library::builtin("ecommerce-memory-leak").unwrap();
        record::play(&s, s.seed, &s.reference_actions())
    })
}

/// Bytes packed as a link with a valid check, as someone who knows the layout would forge them.
fn forged(bytes: &[u8]) -> String {
    let mut hasher = StableHasher::default();
    hasher.bytes(bytes);
    let sum = hasher.finish().to_le_bytes();
    let mut all = bytes.to_vec();
    all.extend_from_slice(&sum[..4]);
    format!("#run={}", URL_SAFE_NO_PAD.encode(all))
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("INPUT_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256),
        rng_seed: proptest::test_runner::RngSeed::Fixed(20230510),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_text_as_a_link_is_read_or_refused(text in ".{0,400}") {
        let _ = link::decode(&text);
        let _ = link::decode(&format!("#run={text}"));
    }

    #[test]
    fn a_link_changed_in_one_place_is_refused(at in 0usize..10_000, with in "[A-Za-z0-9_-]") {
        let packed = link::encode(real_team());
        let mut chars: Vec<char> = packed.chars().collect();
        let at = "run=".len() + at % (chars.len() - "run=".len());
        let with = with.chars().next().unwrap();
        prop_assume!(chars[at] != with);
        chars[at] = with;
        let changed: String = chars.into_iter().collect();
        prop_assert!(link::decode(&changed).is_err());
        // Cut short at that place, too.
        prop_assert!(link::decode(&packed[..at]).is_err());
    }

    #[test]
    fn forged_bytes_with_a_valid_check_are_read_or_refused(
        bytes in prop::collection::vec(any::<u8>(), 0..300)
    ) {
        let mut bytes = bytes;
        if let Some(first) = bytes.first_mut() {
            *first = 1;
        }
        if let Ok(run) = link::decode(&forged(&bytes)) {
            // Whatever it decodes to is a run the reader vetted.
            prop_assert!(record::read(&run.to_json()).is_ok());
        }
    }

    #[test]
    fn any_text_as_a_run_file_is_read_or_refused(cut in 0usize..5_000, junk in ".{0,20}") {
        let json = real_team().to_json();
        let mut cut = cut % json.len();
        while !json.is_char_boundary(cut) {
            cut -= 1;
        }
        let mangled = format!("{}{junk}{}", &json[..cut], &json[cut..]);
        let _ = record::read(&mangled);
        let _ = record::read(&json[..cut]);
    }
}
