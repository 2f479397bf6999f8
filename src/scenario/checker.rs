//! Reading values out of a scenario file while collecting every problem, with its field path.

use crate::sim::clock::{self, parse_time_of_day, tick_of};

use super::units::parse_duration;

/// One problem, before it is given a place in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
    pub help: Option<String>,
}

/// Collects problems while reading values out of the file.
#[derive(Default)]
pub struct Checker {
    pub problems: Vec<Problem>,
    /// Local second of the day at tick 0, once the clock is read.
    pub start_s_of_day: u32,
    pub duration_s: u32,
}

impl Checker {
    pub fn fail(
        &mut self,
        path: impl Into<String>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let help: String = help.into();
        self.problems.push(Problem {
            path: path.into(),
            message: message.into(),
            help: (!help.is_empty()).then_some(help),
        });
    }

    pub fn duration(&mut self, path: &str, text: &str) -> u32 {
        parse_duration(text).unwrap_or_else(|| {
            self.fail(
                path,
                format!("`{text}` is not a duration"),
                "write a number with a unit: `90s`, `5m`, `2h` or `1h30m`",
            );
            0
        })
    }

    /// A time of day, as a tick from the start of the run (0 when it is not one).
    pub fn time(&mut self, path: &str, text: &str) -> u32 {
        self.time_opt(path, text).unwrap_or(0)
    }

    /// A time of day, as a tick from the start of the run; None (and a problem) when it is not one.
    pub fn time_opt(&mut self, path: &str, text: &str) -> Option<u32> {
        let Some(s) = parse_time_of_day(text) else {
            let help = "write 24-hour local time as HH:MM, for example \"14:35\"";
            self.fail(path, format!("`{text}` is not a time of day"), help);
            return None;
        };
        let tick = tick_of(self.start_s_of_day, s);
        if self.duration_s > 0 && tick > self.duration_s {
            let end = clock::hhmm(self.start_s_of_day, self.duration_s);
            let help = "use a time between the start and the end of the time limit";
            self.fail(
                path,
                format!("{text} is outside the run, which ends {end}"),
                help,
            );
        }
        Some(tick)
    }

    pub fn range(&mut self, path: &str, value: f64, low: f64, high: f64) -> f64 {
        if !(low..=high).contains(&value) {
            self.fail(
                path,
                format!("must be between {low} and {high}, found {value}"),
                format!("use a value from {low} to {high}; the units are in the field's name"),
            );
        }
        value
    }

    pub fn positive(&mut self, path: &str, value: f64) -> f64 {
        if !(value > 0.0 && value.is_finite()) {
            let help = "use a positive number; the units are in the field's name";
            self.fail(path, format!("must be greater than 0, found {value}"), help);
        }
        value
    }

    pub fn non_negative(&mut self, path: &str, value: f64) -> f64 {
        if !(value >= 0.0 && value.is_finite()) {
            let help = "use 0 or a positive number; the units are in the field's name";
            self.fail(path, format!("must be 0 or more, found {value}"), help);
        }
        value
    }

    pub fn at_least(&mut self, path: &str, value: u32, low: u32, help: &str) -> u32 {
        if value < low {
            let help = if help.is_empty() {
                format!("use {low} or more")
            } else {
                help.to_string()
            };
            self.fail(path, format!("must be at least {low}, found {value}"), help);
        }
        value
    }

    pub fn not_empty(&mut self, path: &str, value: &str) -> String {
        if value.trim().is_empty() {
            self.fail(
                path,
                "must not be empty",
                "write some text between the quotes",
            );
        }
        value.to_string()
    }

    /// Ids are lowercase words joined by `_` or `-`, so they work in URLs and action files.
    pub fn id(&mut self, path: &str, value: &str) -> String {
        let ok = !value.is_empty()
            && value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
        if !ok {
            self.fail(
                path,
                format!("`{value}` is not a valid id"),
                "use lowercase letters, digits, `_` and `-` only",
            );
        }
        value.to_string()
    }
}
