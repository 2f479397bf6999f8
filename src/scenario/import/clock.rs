//! Reading times, dates, zones and durations the way postmortems write them: "2:35 PM",
//! "14:35", "3 p.m.", "May 10, 2023", "(WAT)", "2 hours 30 minutes".

use crate::scenario::checker::parse_date;
use crate::scenario::zones;

/// A time of day found in a line: minutes after midnight and the byte range it spans.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Found {
    pub minutes: u32,
    pub start: usize,
    pub end: usize,
}

/// The suffix after a time, if it says AM or PM: (is it PM, its length in bytes).
fn meridiem(rest: &str) -> Option<(bool, usize)> {
    let trimmed = rest.trim_start_matches(' ');
    let skipped = rest.len() - trimmed.len();
    let lower: String = trimmed
        .chars()
        .take(4)
        .collect::<String>()
        .to_ascii_lowercase();
    for (form, pm) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] {
        if lower.starts_with(form) {
            let after = trimmed[form.len()..].chars().next();
            if !after.is_some_and(|c| c.is_alphanumeric()) {
                return Some((pm, skipped + form.len()));
            }
        }
    }
    None
}

/// Every time of day in `line`, in order. A bare number counts only with AM or PM after it, so
/// "80%" and "May 10" are not times; a date's digits (`2023-05-10`) are not either.
pub fn times(line: &str) -> Vec<Found> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let before = i.checked_sub(1).map(|b| bytes[b]);
        if !bytes[i].is_ascii_digit()
            || before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b':' || b == b'.')
        {
            i += 1;
            continue;
        }
        let run = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        match read_at(line, i, run) {
            Some(found) => {
                i = found.end;
                out.push(found);
            }
            None => i += run,
        }
    }
    out
}

/// The time starting at byte `at`, whose leading digits are `run` long.
fn read_at(line: &str, at: usize, run: usize) -> Option<Found> {
    let bytes = line.as_bytes();
    if run > 2 {
        return None;
    }
    let hours: u32 = line[at..at + run].parse().ok()?;
    let mut end = at + run;
    let mut minutes = 0;
    let colon = bytes.get(end) == Some(&b':');
    if colon {
        let digits = line.get(end + 1..end + 3)?;
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if bytes.get(end + 3).is_some_and(|b| b.is_ascii_digit()) {
            return None;
        }
        minutes = digits.parse().ok()?;
        end += 3;
        if bytes.get(end) == Some(&b':')
            && line
                .get(end + 1..end + 3)
                .is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()))
        {
            end += 3; // seconds, read and dropped
        }
    }
    if minutes > 59 {
        return None;
    }
    if let Some((pm, len)) = meridiem(&line[end..]) {
        if !(1..=12).contains(&hours) {
            return None;
        }
        let hours = hours % 12 + if pm { 12 } else { 0 };
        return Some(Found {
            minutes: hours * 60 + minutes,
            start: at,
            end: end + len,
        });
    }
    (colon && hours < 24).then_some(Found {
        minutes: hours * 60 + minutes,
        start: at,
        end,
    })
}

/// `HH:MM` of minutes after midnight.
pub fn hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60 % 24, minutes % 60)
}

/// The first date in the text: `May 10, 2023`, `10 May 2023`, `2023-05-10`; the year when given.
pub fn date(text: &str) -> Option<(Option<u32>, u32, u32)> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    let clean = |w: &str| {
        w.trim_matches(|c: char| c == ',' || c == '.' || c == ':' || c == ';')
            .trim_end_matches(|c: char| c.is_ascii_alphabetic() && w.as_bytes()[0].is_ascii_digit())
            .to_string()
    };
    for (i, word) in words.iter().enumerate() {
        let word = clean(word);
        if word.len() == 10 && word.as_bytes()[4] == b'-' {
            if let Some(found) = parse_date(&word) {
                return Some(found);
            }
        }
        let next = words.get(i + 1).map(|w| clean(w)).unwrap_or_default();
        let third = words.get(i + 2).map(|w| clean(w)).unwrap_or_default();
        let year = |y: &str| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit());
        let (month, day) = match word.bytes().all(|b| b.is_ascii_digit()) {
            true => (next.clone(), word.clone()),
            false => (word.clone(), next.clone()),
        };
        if month.len() < 3 || !month.bytes().all(|b| b.is_ascii_alphabetic()) {
            continue;
        }
        let written = match year(&third) {
            true => format!("{month} {day}, {third}"),
            false => format!("{month} {day}"),
        };
        if let Some(found) = parse_date(&written) {
            return Some(found);
        }
    }
    None
}

/// The first zone name the text gives as a word ("(WAT)", "14:35 UTC"), as it stands on the date.
pub fn zone(text: &str, date: Option<(Option<u32>, u32, u32)>) -> Option<(&'static str, i32)> {
    let on = date.and_then(|(y, m, d)| y.map(|y| (y, m, d)));
    let word_at = |name: &str| {
        text.match_indices(name).map(|(i, _)| i).find(|&i| {
            let before = text[..i].chars().next_back();
            let after = text[i + name.len()..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric())
                && !after.is_some_and(|c| c.is_alphanumeric())
        })
    };
    let first = zones::names()
        .filter_map(|name| word_at(name).map(|at| (at, name)))
        .min()?;
    zones::on_date(first.1, on)
}

/// `+01:00` of minutes east of UTC.
pub fn offset(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    format!("{sign}{:02}:{:02}", minutes.abs() / 60, minutes.abs() % 60)
}

/// A stated duration ("2 hours 30 minutes", "45 minutes", "3 hrs") in minutes: the first line
/// that gives one.
pub fn duration(text: &str) -> Option<u32> {
    text.lines().find_map(|line| {
        let words: Vec<String> = line
            .split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_ascii_lowercase()
            })
            .collect();
        let mut total = None;
        for pair in words.windows(2) {
            let Ok(count) = pair[0].parse::<u32>() else {
                continue;
            };
            let unit = pair[1].as_str();
            let per = match unit {
                u if u.starts_with("hour") || u.starts_with("hr") => 60,
                u if u.starts_with("minute") || u.starts_with("min") => 1,
                _ => continue,
            };
            total = Some(total.unwrap_or(0) + count * per);
        }
        total
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minutes(line: &str) -> Vec<u32> {
        times(line).iter().map(|t| t.minutes).collect()
    }

    #[test]
    fn times_in_twelve_and_twenty_four_hours() {
        assert_eq!(minutes("2:35 PM – A server restart"), [14 * 60 + 35]);
        assert_eq!(minutes("at 3:00 PM, highlighting"), [15 * 60]);
        assert_eq!(minutes("from 2:30 p.m. to 5:00 p.m. (WAT)"), [870, 1020]);
        assert_eq!(minutes("12:10 AM and 12:05 pm and 3 PM"), [10, 725, 900]);
        assert_eq!(minutes("| 14:35 | 09:02:11 UTC |"), [875, 542]);
        assert!(
            minutes("May 10, 2023: 80% of users, 2023-05-10, v3.14, 25:00, 13 PM, 1:5").is_empty()
        );
    }

    #[test]
    fn dates_zones_and_durations() {
        assert_eq!(
            date("Beginning on May 10, 2022, spanning"),
            Some((Some(2022), 5, 10))
        );
        assert_eq!(date("On 3rd July 2024 we"), Some((Some(2024), 7, 3)));
        assert_eq!(date("at 2019-07-02 13:42"), Some((Some(2019), 7, 2)));
        assert_eq!(date("no date here, May we"), None);
        let june = Some((Some(2021), 6, 8));
        assert_eq!(zone("at 9:00 AM EST", june), Some(("EDT", -240)));
        assert_eq!(
            zone("at 9:00 AM PST", Some((Some(2021), 1, 8))),
            Some(("PST", -480))
        );
        assert_eq!(zone("5:00 PM (WAT)", None), Some(("WAT", 60)));
        assert_eq!(zone("WATCH OUT", None), None);
        assert_eq!(offset(-240), "-04:00");
        assert_eq!(duration("Duration: 2 hours 30 minutes"), Some(150));
        assert_eq!(duration("for 45 min."), Some(45));
    }
}
