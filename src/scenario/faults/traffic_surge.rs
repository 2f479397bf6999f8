//! A `traffic_surge` fault's fields.

use crate::sim::{Kind, TrafficSurge};

use super::FileKind;

pub(super) const KIND: FileKind = FileKind {
    id: TrafficSurge::ID,
    fields: &["multiplier", "ramp"],
    build: |c, w| {
        let f = w.file;
        let multiplier = w.required(c, "multiplier", &f.multiplier, 1.0);
        // A surge passes: nothing cures it, so its schedule must end it.
        if f.duration.is_none() && f.windows.is_none() && f.every.is_none() {
            c.fail(
                w.path,
                "a traffic_surge fault needs `duration` (or `windows`, or `every` with `for`): a surge passes by itself",
                "add `duration = \"2h\"` to this fault",
            );
        }
        TrafficSurge {
            multiplier: c.positive(&w.at("multiplier"), multiplier),
            ramp_s: c.duration(&w.at("ramp"), f.ramp.as_deref().unwrap_or("5m")),
        }
        .into()
    },
};
