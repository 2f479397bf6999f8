//! Ticks are seconds from the start of the run; people read wall-clock times of day.

/// `HH:MM` of a tick, given the start's second of the day.
pub fn hhmm(start_s_of_day: u32, tick: u32) -> String {
    let s = (u64::from(start_s_of_day) + u64::from(tick)) % 86_400;
    format!("{:02}:{:02}", s / 3600, (s % 3600) / 60)
}

/// `HH:MM:SS` of a tick.
pub fn hhmmss(start_s_of_day: u32, tick: u32) -> String {
    let s = (u64::from(start_s_of_day) + u64::from(tick)) % 86_400;
    format!("{:02}:{:02}:{:02}", s / 3600, (s % 3600) / 60, s % 60)
}

/// Parses `HH:MM` or `HH:MM:SS` into seconds after midnight.
pub fn parse_time_of_day(text: &str) -> Option<u32> {
    let mut parts = text.split(':');
    let h: u32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let s: u32 = match parts.next() {
        Some(p) => p.parse().ok()?,
        None => 0,
    };
    let two_digits = text.split(':').all(|p| p.len() == 2);
    if parts.next().is_some() || !two_digits || h > 23 || m > 59 || s > 59 {
        return None;
    }
    Some(h * 3600 + m * 60 + s)
}

/// The tick at which a time of day falls, counting forward from the start (a time earlier than the
/// start means the next day).
pub fn tick_of(start_s_of_day: u32, s_of_day: u32) -> u32 {
    (s_of_day + 86_400 - start_s_of_day) % 86_400
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses() {
        let start = parse_time_of_day("14:00").unwrap();
        assert_eq!(start, 50_400);
        assert_eq!(hhmm(start, 35 * 60 + 59), "14:35");
        assert_eq!(hhmmss(start, 61), "14:01:01");
        assert_eq!(tick_of(start, parse_time_of_day("16:40").unwrap()), 9_600);
        assert_eq!(tick_of(start, parse_time_of_day("00:10").unwrap()), 36_600);
        for bad in ["24:00", "14:60", "1:30", "14", "14:30:00:00", "ab:cd", ""] {
            assert_eq!(parse_time_of_day(bad), None, "{bad}");
        }
    }
}
