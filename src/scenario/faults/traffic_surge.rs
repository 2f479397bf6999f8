//! A `traffic_surge` fault's fields.

use crate::sim::{Kind, TrafficSurge};

use super::FileKind;

pub(super) const KIND: FileKind = FileKind {
    id: TrafficSurge::ID,
    fields: &["multiplier", "duration", "ramp"],
    build: |c, w| {
        let f = w.file;
        let multiplier = w.required(c, "multiplier", &f.multiplier, 1.0);
        let duration = w.required(c, "duration", &f.duration, "1m".into());
        TrafficSurge {
            multiplier: c.positive(&w.at("multiplier"), multiplier),
            duration_s: c.duration(&w.at("duration"), &duration),
            ramp_s: c.duration(&w.at("ramp"), f.ramp.as_deref().unwrap_or("5m")),
        }
        .into()
    },
};
