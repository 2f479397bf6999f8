//! Durations as people write them: `90s`, `5m`, `2h`, `1h30m`, `2d` (a latent fault's age).

/// Seconds in a duration such as `1h30m` or `2d`, or None when it is not one.
pub fn parse_duration(text: &str) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    let mut total: u64 = 0;
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            'd' => 86_400,
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => return None,
        };
        let value: u64 = number.parse().ok()?;
        // Checked: "9999999999999999h" is not a duration, not an overflow.
        total = value.checked_mul(unit).and_then(|v| total.checked_add(v))?;
        number.clear();
    }
    if !number.is_empty() || total > u64::from(u32::MAX) {
        return None;
    }
    Some(total as u32)
}

#[cfg(test)]
mod tests {
    use super::parse_duration;

    #[test]
    fn parses_durations() {
        assert_eq!(parse_duration("90s"), Some(90));
        assert_eq!(parse_duration("5m"), Some(300));
        assert_eq!(parse_duration("1h30m"), Some(5400));
        assert_eq!(parse_duration("0s"), Some(0));
        assert_eq!(parse_duration("2d"), Some(172_800));
        assert_eq!(parse_duration("1d12h"), Some(129_600));
        for bad in [
            "",
            "5",
            "m",
            "5 m",
            "1.5h",
            "-5m",
            "5w",
            "9999999999999999h",
            "99999999999999999999s",
            "5000000h",
            "50000d",
        ] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }
}
