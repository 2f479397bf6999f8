//! A `request_errors` fault's fields.

use crate::sim::{Kind, RequestErrors};

use super::FileKind;

pub(super) const KIND: FileKind = FileKind {
    id: RequestErrors::ID,
    fields: &["share", "endpoint", "error", "deploy", "change"],
    build: |c, w| {
        let f = w.file;
        let share = w.required(c, "share", &f.share, 0.1);
        if !(share > 0.0 && share <= 1.0) {
            c.fail(
                w.at("share"),
                format!("must be above 0 and at most 1, found {share}"),
                "the share of requests that fail: 0.15 for 15%",
            );
        }
        RequestErrors {
            share,
            endpoint: w.required(c, "endpoint", &f.endpoint, String::new()),
            error: f
                .error
                .clone()
                .unwrap_or_else(|| "500 Internal Server Error".into()),
            deploy: f.deploy.clone(),
            change: f.change.clone(),
        }
        .into()
    },
};
