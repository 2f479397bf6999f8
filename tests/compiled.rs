//! The built-in scenarios the browser reads are compiled ahead of time from their TOML; this keeps
//! the compiled files current (regenerate with `UPDATE_COMPILED=1 cargo test --test compiled`) and
//! proves reading one back gives exactly the parsed scenario, every number to the bit.

use incident_trainer::scenario::{self, library};

#[test]
fn compiled_built_ins_are_current_and_read_back_exactly() {
    assert_eq!(library::BUILTIN.len(), library::COMPILED.len());
    for ((id, text), (compiled_id, bytes)) in library::BUILTIN.iter().zip(library::COMPILED) {
        assert_eq!(id, &compiled_id);
        let parsed = scenario::parse(id, text).unwrap_or_else(|e| panic!("{e}"));
        let fresh = library::compile(&parsed);
        if std::env::var_os("UPDATE_COMPILED").is_some() {
            let path = format!("{}/scenarios/compiled/{id}.bin", env!("CARGO_MANIFEST_DIR"));
            std::fs::write(path, &fresh).unwrap();
            continue;
        }
        assert!(
            fresh == bytes,
            "scenarios/compiled/{id}.bin is stale: run UPDATE_COMPILED=1 cargo test --test compiled \
             (and if a scenario type's fields changed, bump scenario::packed::LAYOUT)"
        );
        assert_eq!(library::compiled(id).unwrap(), parsed);
    }
}
