//! Time-zone names a scenario may give and whether they fit its offset and its date: "EST" on a
//! June date is a slip (New York is on EDT then), and the trainee would read the wrong zone.

use super::checker::{parse_date, parse_utc_offset, Checker};

/// Where daylight time is kept, and by which rule.
#[derive(Clone, Copy, PartialEq)]
enum Rule {
    /// The United States and Canada: second Sunday of March to first Sunday of November.
    NorthAmerica,
    /// The European Union and the United Kingdom: last Sunday of March to last Sunday of October.
    Europe,
}

/// A zone that keeps daylight time: its rule, whether this name is the daylight one, and the
/// other name of the pair.
type Pair = (Rule, bool, &'static str);

/// Common abbreviations: (name, offset in minutes, its daylight pair if it has one).
const ZONES: [(&str, i32, Option<Pair>); 16] = [
    ("UTC", 0, None),
    ("WAT", 60, None),
    ("EAT", 180, None),
    ("IST", 330, None),
    ("JST", 540, None),
    ("GMT", 0, Some((Rule::Europe, false, "BST"))),
    ("BST", 60, Some((Rule::Europe, true, "GMT"))),
    ("CET", 60, Some((Rule::Europe, false, "CEST"))),
    ("CEST", 120, Some((Rule::Europe, true, "CET"))),
    ("EST", -300, Some((Rule::NorthAmerica, false, "EDT"))),
    ("EDT", -240, Some((Rule::NorthAmerica, true, "EST"))),
    ("CST", -360, Some((Rule::NorthAmerica, false, "CDT"))),
    ("CDT", -300, Some((Rule::NorthAmerica, true, "CST"))),
    ("MST", -420, Some((Rule::NorthAmerica, false, "MDT"))),
    ("PST", -480, Some((Rule::NorthAmerica, false, "PDT"))),
    ("PDT", -420, Some((Rule::NorthAmerica, true, "PST"))),
];

/// Day of the week, 0 = Sunday (Sakamoto's method).
fn weekday(year: u32, month: u32, day: u32) -> u32 {
    const T: [u32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 3 { year - 1 } else { year };
    (y + y / 4 - y / 100 + y / 400 + T[month as usize - 1] + day) % 7
}

/// The day of `month` that is the `nth` Sunday (1-based), or the last one when `nth` is 0.
fn sunday(year: u32, month: u32, nth: u32) -> u32 {
    let first = 1 + (7 - weekday(year, month, 1)) % 7;
    if nth > 0 {
        return first + 7 * (nth - 1);
    }
    let days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month as usize - 1];
    first + 7 * ((days - first) / 7)
}

/// Whether daylight time is kept on that date (by day; the changeover days count as changed).
fn daylight(rule: Rule, year: u32, month: u32, day: u32) -> bool {
    let ((m1, n1), (m2, n2)) = match rule {
        Rule::NorthAmerica => ((3, 2), (11, 1)),
        Rule::Europe => ((3, 0), (10, 0)),
    };
    let start = (m1, sunday(year, m1, n1));
    let end = (m2, sunday(year, m2, n2));
    (month, day) >= start && (month, day) < end
}

/// The zone a write-up names, as it stands on its date: "EST" on a June date reads as EDT (the
/// writer named the place, not the season). Its name then and its minutes east of UTC.
pub fn on_date(zone: &str, date: Option<(u32, u32, u32)>) -> Option<(&'static str, i32)> {
    let (name, minutes, pair) = ZONES.iter().find(|z| z.0 == zone)?;
    let (Some((rule, is_daylight, other)), Some((year, month, day))) = (pair, date) else {
        return Some((name, *minutes));
    };
    if daylight(*rule, year, month, day) == *is_daylight {
        return Some((name, *minutes));
    }
    ZONES.iter().find(|z| z.0 == *other).map(|z| (z.0, z.1))
}

/// Every zone name the import looks for in a write-up.
pub fn names() -> impl Iterator<Item = &'static str> {
    ZONES.iter().map(|z| z.0)
}

/// Checks `clock.time_zone` against `clock.utc_offset` and the date, for the names it knows.
pub fn check(checker: &mut Checker, zone: &str, offset: &str, date: &str) {
    let Some((name, minutes, daylight_rule)) = ZONES.iter().find(|z| z.0 == zone.trim()) else {
        return; // a name we do not know is the author's to vouch for
    };
    if let Some(given) = parse_utc_offset(offset) {
        if given != *minutes {
            let sign = if *minutes < 0 { '-' } else { '+' };
            checker.fail(
                "clock.utc_offset",
                format!(
                    "{name} is UTC{sign}{:02}:{:02}, not {offset}",
                    minutes.abs() / 60,
                    minutes.abs() % 60
                ),
                format!(
                    "write `utc_offset = \"{sign}{:02}:{:02}\"`, or the zone the offset belongs to",
                    minutes.abs() / 60,
                    minutes.abs() % 60
                ),
            );
        }
    }
    let (Some((rule, is_daylight, other)), Some((Some(year), month, day))) =
        (daylight_rule, parse_date(date))
    else {
        return;
    };
    if daylight(*rule, year, month, day) != *is_daylight {
        let season = if *is_daylight { "standard" } else { "daylight" };
        checker.fail(
            "clock.time_zone",
            format!("on {date} the zone keeps {season} time: it is {other}, not {name}"),
            format!("write `time_zone = \"{other}\"` with its offset"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daylight_follows_each_rule() {
        assert_eq!(weekday(2025, 6, 11), 3, "a Wednesday");
        assert_eq!(sunday(2025, 3, 2), 9);
        assert_eq!(sunday(2025, 3, 0), 30);
        assert_eq!(sunday(2025, 11, 1), 2);
        assert!(daylight(Rule::NorthAmerica, 2025, 6, 11));
        assert!(!daylight(Rule::NorthAmerica, 2024, 11, 29));
        assert!(daylight(Rule::Europe, 2024, 9, 12));
        assert!(!daylight(Rule::Europe, 2025, 3, 3));
    }
}

#[cfg(test)]
mod date_tests {
    #[test]
    fn dates_read_as_people_write_them() {
        assert_eq!(super::super::date_words("2025-06-11"), "June 11, 2025");
        assert_eq!(
            super::super::date_words("May 10"),
            "May 10 (year not known)"
        );
        assert_eq!(super::super::date_words("May 10, 2023"), "May 10, 2023");
    }
}
