//! A `disk_fill` fault's fields.

use crate::sim::{DiskFill, Kind};

use super::FileKind;

pub(super) const KIND: FileKind = FileKind {
    id: DiskFill::ID,
    fields: &["targets", "mb_per_s", "change"],
    build: |c, w| {
        let f = w.file;
        let rate = w.required(c, "mb_per_s", &f.mb_per_s, 1.0);
        DiskFill {
            targets: w.targets(c),
            mb_per_s: c.positive(&w.at("mb_per_s"), rate),
            change: f.change.clone(),
        }
        .into()
    },
};
