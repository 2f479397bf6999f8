//! A `memory_leak` fault's fields.

use crate::sim::{Kind, MemoryLeak};

use super::FileKind;

pub(super) const KIND: FileKind = FileKind {
    id: MemoryLeak::ID,
    fields: &["targets", "leak_kb_per_request", "site", "deploy"],
    build: |c, w| {
        let f = w.file;
        let leak = w.required(c, "leak_kb_per_request", &f.leak_kb_per_request, 1.0);
        MemoryLeak {
            targets: w.targets(c),
            leak_kb_per_request: c.positive(&w.at("leak_kb_per_request"), leak),
            site: w.required(c, "site", &f.site, String::new()),
            deploy: f.deploy.clone(),
        }
        .into()
    },
};
