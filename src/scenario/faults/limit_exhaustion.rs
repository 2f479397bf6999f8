//! A `limit_exhaustion` fault's fields.

use crate::sim::{Kind, LimitExhaustion, LimitKind};

use super::FileKind;

pub(super) const KIND: FileKind = FileKind {
    id: LimitExhaustion::ID,
    fields: &["dependency", "limit", "value", "change"],
    build: |c, w| {
        let f = w.file;
        let name = w.required(c, "dependency", &f.dependency, String::new());
        let dependency = match w.deps.iter().position(|d| d.name == name) {
            Some(i) if w.deps[i].limits.is_some() => i as u32,
            Some(_) => {
                c.fail(
                    w.at("dependency"),
                    format!("`{name}` has no `limits`"),
                    format!("give [dependencies.limits] for `{name}`: what its callers hold open"),
                );
                0
            }
            None if name.is_empty() => 0,
            None => {
                let names: Vec<&str> = w.deps.iter().map(|d| d.name.as_str()).collect();
                c.fail(
                    w.at("dependency"),
                    format!("no dependency of this scenario's own is called `{name}`"),
                    format!("use one of: {}", names.join(", ")),
                );
                0
            }
        };
        let limit_id = w.required(c, "limit", &f.limit, "open_files".to_string());
        let limit = LimitKind::from_id(&limit_id).unwrap_or_else(|| {
            c.fail(
                w.at("limit"),
                format!("`{limit_id}` is not a limit"),
                "use open_files or max_connections",
            );
            LimitKind::OpenFiles
        });
        let value = w.required(c, "value", &f.value, 1);
        LimitExhaustion {
            dependency,
            limit,
            value: c.at_least(&w.at("value"), value, 1, "a limit of 0 refuses everything"),
            change: f.change.clone(),
        }
        .into()
    },
};
