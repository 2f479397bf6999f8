//! A `cpu_runaway` fault's fields.

use crate::sim::{CpuRunaway, Kind};

use super::FileKind;

pub(super) const KIND: FileKind = FileKind {
    id: CpuRunaway::ID,
    fields: &["targets", "cpu_pct", "process", "recurs_after", "change"],
    build: |c, w| {
        let f = w.file;
        let cpu = w.required(c, "cpu_pct", &f.cpu_pct, 50.0);
        CpuRunaway {
            targets: w.targets(c),
            cpu_pct: c.range(&w.at("cpu_pct"), cpu, 1.0, 100.0),
            process: w.required(c, "process", &f.process, String::new()),
            recurs_after_s: f
                .recurs_after
                .as_deref()
                .map(|d| c.duration(&w.at("recurs_after"), d).max(1)),
            change: f.change.clone(),
        }
        .into()
    },
};
