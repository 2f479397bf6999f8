//! A `pool_exhaustion` fault's fields.

use crate::sim::{Dependency, Kind, PoolExhaustion};

use super::FileKind;

pub(super) const KIND: FileKind = FileKind {
    id: PoolExhaustion::ID,
    fields: &["pool_size", "change", "dependency"],
    build: |c, w| {
        let f = w.file;
        let size = w.required(c, "pool_size", &f.pool_size, 1);
        PoolExhaustion {
            pool_size: c.at_least(
                &w.at("pool_size"),
                size,
                1,
                "a pool needs at least one connection",
            ),
            change: w.required(c, "change", &f.change, String::new()),
            database: f
                .dependency
                .as_deref()
                .map_or(Dependency::Database, |name| {
                    crate::scenario::validate_deps::database(c, &w.at("dependency"), name, w.deps)
                }),
        }
        .into()
    },
};
