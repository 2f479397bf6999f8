//! What a write-up says: its timeline (every line or sentence with a time), its outage window,
//! the share of users hit, and its root cause, resolution, measures and lessons (by headings
//! and cue phrases).

use super::clock::{self, Found};

/// One line of the write-up's timeline: its time and its own words.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub minutes: u32,
    pub note: String,
    /// The 1-based line of the write-up it came from.
    pub line: usize,
}

/// Strips what surrounds a line's words: bullets, table bars, and the punctuation some editors
/// move to the front of a right-to-left line (".Regular code reviews", ":Root Cause").
pub fn bare(line: &str) -> &str {
    line.trim()
        .trim_start_matches(['#', '-', '*', '•', '|', '.', ':', '>'])
        .trim_end_matches(['|', ':'])
        .trim()
}

/// Whether a time of day opens `text` ("14:12 on-call paged"): a sentence may start with one.
/// Only the first few bytes are read, so splitting stays linear in the text's length.
fn opens_with_time(text: &str) -> bool {
    let mut end = text.len().min(16);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    clock::times(&text[..end])
        .first()
        .is_some_and(|f| f.start == 0)
}

/// Splits text into sentences at ". ", "! " and "? " before a capital or a time of day (a
/// time's "p.m." is not an end).
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    let bytes = text.as_bytes();
    for i in 0..bytes.len() {
        let ends = matches!(bytes[i], b'.' | b'!' | b'?') && bytes.get(i + 1) == Some(&b' ');
        let meridiem = matches!(text.get(i.saturating_sub(3)..i), Some("p.m" | "a.m"));
        let opens = |next: usize| {
            bytes.get(next).is_some_and(|b| b.is_ascii_uppercase())
                || bytes.get(next).is_some_and(u8::is_ascii_digit) && opens_with_time(&text[next..])
        };
        if ends && !meridiem && opens(i + 2) {
            out.push(text[from..=i].trim());
            from = i + 1;
        }
    }
    out.push(text[from..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// Whether a line or sentence states the outage's window rather than an event in it.
fn is_window(text: &str, found: &[Found]) -> bool {
    let lower = text.to_ascii_lowercase();
    found.len() >= 2 && (lower.contains("from ") || lower.contains("between ")) && {
        let between = &lower[found[0].end..found[1].start];
        between.contains("to")
            || between.contains("until")
            || between.contains('-')
            || between.contains("and")
    }
}

/// The outage window ("from 2:30 PM to 5:00 PM"): its start and end.
pub fn window(text: &str) -> Option<(u32, u32)> {
    text.lines().flat_map(sentences).find_map(|sentence| {
        let found = clock::times(sentence);
        is_window(sentence, &found).then(|| (found[0].minutes, found[1].minutes))
    })
}

/// A line that opens with its time ("2:35 PM – ...", "| 14:35 | ..."): the words after it.
fn led_by_time<'a>(line: &'a str, found: &[Found]) -> Option<&'a str> {
    let first = found.first()?;
    let lead = &line[..first.start];
    if !lead.chars().all(|c| !c.is_alphanumeric()) {
        return None;
    }
    let rest = line[first.end..].trim_start_matches(|c: char| {
        c.is_whitespace()
            || matches!(c, '-' | '–' | '—' | ':' | '|' | ',' | '.')
            || !c.is_ascii() && !c.is_alphanumeric()
    });
    let rest = rest.trim_start_matches(|c: char| {
        c.is_ascii_uppercase() && rest.starts_with("UTC") || c == ' '
    });
    Some(rest.trim_end_matches(['|', ' ']))
}

/// Every timeline line: a line that opens with a time gives one entry with the rest as its
/// note; elsewhere each sentence with a time gives one, its note the whole sentence. The
/// outage-window sentence is left out (it is the calibration, not an event).
pub fn timeline(text: &str) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let found = clock::times(line);
        if found.is_empty() {
            continue;
        }
        let mut push = |minutes, note: &str| {
            let note = bare(note)
                .replace('|', " ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if !note.is_empty() && !out.iter().any(|l| l.minutes == minutes && l.note == note) {
                out.push(Line {
                    minutes,
                    note,
                    line: index + 1,
                });
            }
        };
        if let Some(rest) = led_by_time(line, &found).filter(|r| r.chars().any(char::is_alphabetic))
        {
            push(found[0].minutes, rest);
            continue;
        }
        for sentence in sentences(line) {
            let found = clock::times(sentence);
            if found.is_empty() || is_window(sentence, &found) {
                continue;
            }
            // A sentence that opens with its time reads as a timeline line: the words after it.
            let words =
                led_by_time(sentence, &found).filter(|r| r.chars().any(char::is_alphabetic));
            push(found[0].minutes, words.unwrap_or(sentence));
        }
    }
    out.sort_by_key(|l| l.minutes);
    out
}

/// The share of users hit, when the write-up states one ("approximately 80% of our user base").
pub fn peak_share(text: &str) -> Option<u32> {
    text.lines().flat_map(sentences).find_map(|sentence| {
        let lower = sentence.to_ascii_lowercase();
        if !["user", "customer", "visitor", "request"]
            .iter()
            .any(|w| lower.contains(w))
        {
            return None;
        }
        let at = lower.find('%')?;
        let digits: String = lower[..at]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        let share: u32 = digits.chars().rev().collect::<String>().parse().ok()?;
        (1..=100).contains(&share).then_some(share)
    })
}

/// The kinds of section a write-up's headings announce.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Part {
    RootCause,
    Resolution,
    Measures,
    Lessons,
    /// Any other heading the import knows (timeline, impact, conclusion...): it ends a section.
    Other,
}

/// What a heading-like line announces, if it is one: short, no sentence end. A known word names
/// its part; any other short title line is `None` inside `Some` (a heading the import cannot
/// place, which ends a section, except the sub-headings of a measures list).
fn heading(line: &str) -> Option<Option<Part>> {
    let words = bare(line);
    let markdown = line.trim_start().starts_with('#');
    let sentence = line.trim().ends_with(['.', ',', ';'])
        || line.trim_start().starts_with(['.', '-', '*', '•']);
    if words.is_empty() || words.len() > 70 || (!markdown && sentence) {
        return None;
    }
    let lower = words.to_ascii_lowercase();
    let table: [(&[&str], Part); 5] = [
        (&["root cause", "cause"], Part::RootCause),
        (
            &[
                "corrective",
                "preventive",
                "preventative",
                "action item",
                "measures",
                "follow-up",
                "remediation",
            ],
            Part::Measures,
        ),
        (&["lesson", "learned", "takeaway"], Part::Lessons),
        (&["resolution", "recovery", "mitigation"], Part::Resolution),
        (
            &[
                "timeline",
                "impact",
                "summary",
                "conclusion",
                "roadmap",
                "next steps",
                "appendix",
                "detection",
                "introduction",
                "synopsis",
            ],
            Part::Other,
        ),
    ];
    if let Some((_, part)) = table
        .iter()
        .find(|(keys, _)| keys.iter().any(|k| lower.contains(k)))
    {
        return Some(Some(*part));
    }
    let raw = line.trim_start();
    let title = (raw.starts_with(':') || raw.chars().next().is_some_and(char::is_alphabetic))
        && words.split_whitespace().count() <= 6
        && !words.contains([',', '.'])
        && words.chars().next().is_some_and(|c| c.is_uppercase())
        && clock::times(words).is_empty();
    (markdown || title).then_some(None)
}

/// The lines under each heading of `part`, up to the next heading.
pub fn section(text: &str, part: Part) -> Vec<&str> {
    let mut inside = false;
    let mut out = Vec::new();
    for line in text.lines() {
        match heading(line) {
            Some(Some(found)) => inside = found == part,
            Some(None) if inside && part == Part::Measures => {}
            Some(None) => inside = false,
            None if inside && !bare(line).is_empty() => out.push(line.trim()),
            None => {}
        }
    }
    out
}

/// The bullet lines right after the first line carrying a cue ("the corrective and preventive
/// measures encompass:" then "- ..."), for write-ups that list measures under no such heading.
pub fn listed_after<'a>(text: &'a str, cues: &[&str]) -> Vec<&'a str> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let cue = |l: &&str| {
        let lower = l.to_ascii_lowercase();
        cues.iter().any(|c| lower.contains(c))
    };
    (0..lines.len())
        .filter(|&at| cue(&lines[at]))
        .map(|at| {
            lines[at + 1..]
                .iter()
                .copied()
                .skip_while(|l| l.is_empty())
                .take_while(|l| l.starts_with(['-', '*', '•']))
                .collect::<Vec<_>>()
        })
        .find(|list| !list.is_empty())
        .unwrap_or_default()
}

/// The sentences anywhere in the text that carry one of the cue phrases.
pub fn cued<'a>(text: &'a str, cues: &[&str]) -> Vec<&'a str> {
    text.lines()
        .flat_map(sentences)
        .filter(|s| {
            let lower = s.to_ascii_lowercase();
            cues.iter().any(|c| lower.contains(c))
        })
        .collect()
}

/// The items of a section: its bullets, or its short sentence lines, less lead-ins and the
/// closing "by implementing these measures..." kind.
pub fn items(lines: &[&str]) -> Vec<String> {
    let bullet = |l: &&&str| {
        l.starts_with(['-', '*', '•'])
            || l.chars().next().is_some_and(|c| c.is_ascii_digit()) && l.contains(". ")
    };
    let bullets: Vec<&&str> = lines.iter().filter(bullet).collect();
    let chosen: Vec<&&str> = match bullets.is_empty() {
        false => bullets,
        true => lines
            .iter()
            .filter(|l| bare(l).ends_with('.') || l.starts_with('.'))
            .collect(),
    };
    chosen
        .into_iter()
        .map(|l| {
            bare(l.trim_start_matches(|c: char| c.is_ascii_digit()))
                .trim_end_matches('.')
                .trim()
                .to_string()
        })
        .filter(|l| {
            let lower = l.to_ascii_lowercase();
            !l.is_empty()
                && l.len() <= 240
                && ![
                    "by implementing",
                    "to prevent a recurrence",
                    "the following",
                ]
                .iter()
                .any(|c| lower.starts_with(c))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeline_lines_and_sentences() {
        let text = "Date: May 10, from 2:30 PM to 5:00 PM (WAT)\n\
                    2:35 PM – A server restart was attempted.\n\
                    | 14:50 UTC | Rolled back |\n\
                    The shift came at 3:00 PM, highlighting memory. Nothing else. Then at 4:45 PM it was back.";
        let got: Vec<(u32, String)> = timeline(text)
            .into_iter()
            .map(|l| (l.minutes, l.note))
            .collect();
        assert_eq!(got[0], (875, "A server restart was attempted.".to_string()));
        assert_eq!(got[1], (890, "Rolled back".to_string()));
        assert_eq!(got[2].0, 900);
        assert_eq!(got[3], (1005, "Then at 4:45 PM it was back.".to_string()));
        assert_eq!(got.len(), 4);
        assert_eq!(window(text), Some((870, 1020)));
    }

    #[test]
    fn sections_by_headings() {
        let text = "## Root cause\nA leak.\n:Corrective & Preventative Measures\nTesting\n.Code reviews\n.More tests\n. By implementing these, we win\n# Conclusion\nBye.";
        assert_eq!(section(text, Part::RootCause), ["A leak."]);
        assert_eq!(
            items(&section(text, Part::Measures)),
            ["Code reviews", "More tests"]
        );
        assert_eq!(peak_share("Roughly 80% of users were hit."), Some(80));
        assert_eq!(peak_share("CPU at 80%."), None);
    }
}
