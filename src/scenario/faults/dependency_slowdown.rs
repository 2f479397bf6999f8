//! A `dependency_slowdown` fault's fields.

use crate::sim::{DependencySlowdown, Kind};

use super::FileKind;

pub(super) const KIND: FileKind = FileKind {
    id: DependencySlowdown::ID,
    fields: &["dependency", "latency_multiplier"],
    build: |c, w| {
        let f = w.file;
        let name = w.required(c, "dependency", &f.dependency, "database".into());
        let dependency =
            crate::scenario::validate_deps::named(c, &w.at("dependency"), &name, w.deps);
        let multiplier = w.required(c, "latency_multiplier", &f.latency_multiplier, 1.0);
        DependencySlowdown {
            dependency,
            latency_multiplier: c.positive(&w.at("latency_multiplier"), multiplier),
        }
        .into()
    },
};
