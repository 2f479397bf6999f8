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
    /// The fleet's host names are in error: names elsewhere are not checked against them (the
    /// fleet's own error is the one to fix).
    pub hosts_unknown: bool,
    /// The run's date and start, as text (`clock.date`, `clock.start`), once the clock is read.
    pub run_date: String,
    pub run_start: String,
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
                "write a number with a unit: `90s`, `5m`, `2h`, `1h30m` or `2d`",
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
        self.time_until(path, text, self.duration_s)
    }

    /// A local time of day as the seconds after the run's start, from the start to `until`
    /// (the run's end, or later for what a write-up says happened after the exercise is over).
    pub fn time_until(&mut self, path: &str, text: &str, until: u32) -> Option<u32> {
        let Some(s) = parse_time_of_day(text) else {
            let help = "write 24-hour local time as HH:MM, for example \"14:35\"";
            self.fail(path, format!("`{text}` is not a time of day"), help);
            return None;
        };
        let tick = tick_of(self.start_s_of_day, s);
        if self.duration_s > 0 && tick > until {
            let start = clock::hhmm(self.start_s_of_day, 0);
            let end = clock::hhmm(self.start_s_of_day, self.duration_s);
            let (help, latest) = match until > self.duration_s {
                true => {
                    let latest = clock::hhmm(self.start_s_of_day, until);
                    (
                        format!("use a time from {start} to {latest}"),
                        format!("; a note may follow it until {latest}"),
                    )
                }
                false => (format!("use a time from {start} to {end}"), String::new()),
            };
            self.fail(
                path,
                format!("{text} is outside the run, which goes from {start} to {end}{latest}"),
                help,
            );
            // Reported once: the caller treats it as no time (no "out of order" after it).
            return None;
        }
        Some(tick)
    }

    /// A calendar date as scenarios write it: `2023-05-10`, `May 10` or `May 10, 2023`.
    pub fn date(&mut self, path: &str, text: &str) {
        if parse_date(text).is_none() {
            self.fail(
                path,
                format!("`{text}` is not a date"),
                "write `2023-05-10`, `May 10` (when the year is unknown) or `May 10, 2023`",
            );
        }
    }

    /// A moment before the run: a date and a local time (`May 9 17:40`, `2023-05-09 17:40`),
    /// not after the run starts (a date without a year is taken in the run's year). `help_after`
    /// says what to do when it is after.
    pub fn before_start(&mut self, path: &str, text: &str, help_after: &str) {
        let parsed = text
            .trim()
            .rsplit_once(' ')
            .and_then(|(date, time)| Some((parse_date(date)?, parse_time_of_day(time)?)));
        let Some(((year, month, day), time)) = parsed else {
            self.fail(
                path,
                format!("`{text}` is not a date and a time"),
                "write the date and the 24-hour local time, e.g. `May 10 12:30` or `2023-05-10 12:30`",
            );
            return;
        };
        let (Some((run_year, run_month, run_day)), Some(start)) = (
            parse_date(&self.run_date),
            parse_time_of_day(&self.run_start),
        ) else {
            return; // the clock's own error is the one to fix
        };
        let years = match (year, run_year) {
            (Some(y), Some(r)) => y.cmp(&r),
            _ => std::cmp::Ordering::Equal,
        };
        let after = years
            .then((month, day).cmp(&(run_month, run_day)))
            .then(time.cmp(&start))
            .is_gt();
        if after {
            self.fail(
                path,
                format!(
                    "`{text}` is after the run starts ({} {})",
                    self.run_date, self.run_start
                ),
                help_after,
            );
        }
    }

    /// An offset from UTC: `+01:00`, `-05:00`, `+05:30`.
    pub fn utc_offset(&mut self, path: &str, text: &str) {
        if parse_utc_offset(text).is_none() {
            self.fail(
                path,
                format!("`{text}` is not an offset from UTC"),
                "write a sign, hours and minutes, from -12:00 to +14:00: `+01:00`, `-05:00`, `+05:30`",
            );
        }
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

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// (year if given, month 1-12, day) of `2023-05-10`, `May 10` or `May 10, 2023` (month names in
/// full or their first three letters).
pub fn parse_date(text: &str) -> Option<(Option<u32>, u32, u32)> {
    let text = text.trim();
    let valid = |month: u32, day: u32| {
        let days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        (1..=12).contains(&month) && day >= 1 && day <= days[month as usize - 1]
    };
    if let [y, m, d] = text.split('-').collect::<Vec<_>>()[..] {
        let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        return ((1900..=2999).contains(&y) && valid(m, d)).then_some((Some(y), m, d));
    }
    let (date, year) = match text.split_once(',') {
        Some((date, year)) => (date, Some(year.trim().parse::<u32>().ok()?)),
        None => (text, None),
    };
    let (month, day) = date.trim().split_once(' ')?;
    let month = month.to_ascii_lowercase();
    let m = MONTHS
        .iter()
        .position(|name| month.len() >= 3 && name.starts_with(month.as_str()))? as u32
        + 1;
    let d = day.trim().parse().ok()?;
    (valid(m, d) && year.is_none_or(|y| (1900..=2999).contains(&y))).then_some((year, m, d))
}

/// Minutes east of UTC of `+01:00` and the like.
pub fn parse_utc_offset(text: &str) -> Option<i32> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let (h, m) = rest.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    let minutes = sign * (h * 60 + m);
    (m < 60 && (-12 * 60..=14 * 60).contains(&minutes)).then_some(minutes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_offsets() {
        assert_eq!(parse_date("2023-05-10"), Some((Some(2023), 5, 10)));
        assert_eq!(parse_date("May 10"), Some((None, 5, 10)));
        assert_eq!(parse_date("Sep 3, 2021"), Some((Some(2021), 9, 3)));
        for bad in [
            "",
            "May",
            "May 32",
            "Foo 3",
            "2023-13-01",
            "10/05/2023",
            "May 10, twenty",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(parse_utc_offset("+01:00"), Some(60));
        assert_eq!(parse_utc_offset("-05:30"), Some(-330));
        for bad in ["", "01:00", "+1:00", "+15:00", "+01:60", "UTC+1"] {
            assert_eq!(parse_utc_offset(bad), None, "{bad}");
        }
    }
}
