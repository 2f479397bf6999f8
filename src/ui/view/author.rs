//! The author's page, as plain Rust: where lines start in the editor's text, the indentation a new
//! line keeps, which lines have errors, and the preview (the do-nothing run against the real
//! team's path) with the figures an author checks a scenario by.

use std::collections::BTreeSet;

use crate::prove::SolveReport;
use crate::scenario::{Diagnostic, Scenario};
use crate::sim::{run_scripted, Trace};

use super::format;

/// The byte offsets of where `line` (1-based) starts and ends (without its newline); the last
/// line when `line` is past the end.
pub fn line_span(text: &str, line: usize) -> (usize, usize) {
    let mut start = 0;
    for (i, l) in text.split('\n').enumerate() {
        let end = start + l.len();
        if i + 1 == line.max(1) || end == text.len() {
            return (start, end);
        }
        start = end + 1;
    }
    (text.len(), text.len())
}

/// How many lines the text has (an empty text has one).
pub fn line_count(text: &str) -> usize {
    text.split('\n').count()
}

/// The leading spaces and tabs of the line the (byte) offset is on: what Enter carries over.
pub fn indent_at(text: &str, offset: usize) -> &str {
    let offset = floor_boundary(text, offset);
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[start..offset];
    let kept = line.len() - line.trim_start_matches([' ', '\t']).len();
    &line[..kept]
}

/// The byte offset of the `n`th UTF-16 unit (a textarea's selection is counted in those).
pub fn byte_offset(text: &str, utf16: u32) -> usize {
    let mut units = 0u32;
    for (i, c) in text.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16() as u32;
    }
    text.len()
}

/// The UTF-16 position of a byte offset (for setting a textarea's selection).
pub fn utf16_offset(text: &str, byte: usize) -> u32 {
    text[..floor_boundary(text, byte)]
        .chars()
        .map(|c| c.len_utf16() as u32)
        .sum()
}

fn floor_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// The lines with an error on them (errors with no place in the file mark none).
pub fn error_lines(diagnostics: &[Diagnostic]) -> BTreeSet<usize> {
    diagnostics
        .iter()
        .filter(|d| d.line > 0)
        .map(|d| d.line)
        .collect()
}

/// One run of the preview and what an author checks it by.
pub struct RunPreview {
    pub trace: Trace,
    /// When the outage began (HH:MM), if it did.
    pub outage_start: Option<String>,
    /// When service was back for the SLO window (HH:MM), if it was.
    pub restored: Option<String>,
    pub peak_users_pct: f64,
}

impl RunPreview {
    fn of(scenario: &Scenario, trace: Trace) -> RunPreview {
        let impact = &trace.impact;
        RunPreview {
            outage_start: impact.outage_started_at.map(|t| format::clock(scenario, t)),
            restored: impact.restored_at.map(|t| format::clock(scenario, t)),
            peak_users_pct: impact.peak_users_affected_pct,
            trace,
        }
    }

    /// The figures in a line: "outage 14:08 · restored 14:30 · peak 25% of users".
    pub fn figures(&self) -> String {
        format!(
            "outage {} · restored {} · peak {:.0}% of users affected",
            self.outage_start.as_deref().unwrap_or("never"),
            self.restored.as_deref().unwrap_or("never"),
            self.peak_users_pct
        )
    }
}

pub struct Preview {
    pub idle: RunPreview,
    pub reference: RunPreview,
}

/// The do-nothing run and the real team's path, on the scenario's own seed.
pub fn preview(scenario: &Scenario) -> Preview {
    let (idle, _) = run_scripted(scenario.config.clone(), scenario.seed, &[]);
    let (reference, _) = run_scripted(
        scenario.config.clone(),
        scenario.seed,
        &scenario.reference_actions(),
    );
    Preview {
        idle: RunPreview::of(scenario, idle),
        reference: RunPreview::of(scenario, reference),
    }
}

/// What "valid" means, said beside the verdict: the validator's promise, and what it is not.
pub const VALID_MEANS: &str = "Valid means the file is well-formed and consistent: every field \
known, in range and pointing at things that exist. It does not say the incident can be won: that \
is soundness, checked below.";

/// What "sound" means, said before the search runs.
pub const SOUND_MEANS: &str = "Sound means the solver's checks pass on every seed it tries: the \
real team's path restores service, doing nothing does not, some path restores it within the time \
limit, and no single stray action cures it without removing the fault.";

/// Said over a preview that no longer matches the text: which version it shows, since when, and
/// which line broke it.
pub fn stale_note(valid_at: Option<&str>, diagnostics: &[Diagnostic]) -> String {
    let when = valid_at.map_or(String::new(), |t| format!(", checked at {t}"));
    let broke = match diagnostics.iter().find(|d| d.line > 0) {
        Some(d) => format!("line {} has a problem", d.line),
        None => "the file has a problem".to_string(),
    };
    format!(
        "Out of date: this is the preview of the last valid version{when}. Since then {broke}; \
         fix it and the preview follows the text again."
    )
}

/// The soundness verdict in words: a headline, the solver's reasons (each once, with the seeds
/// they hold on), and what a team lead does about it.
pub struct Verdict {
    pub sound: bool,
    pub headline: &'static str,
    pub reasons: Vec<String>,
    pub advice: Option<&'static str>,
}

pub fn verdict(report: &SolveReport) -> Verdict {
    let mut reasons: Vec<(String, Vec<u64>)> = Vec::new();
    for s in &report.seeds {
        for p in &s.problems {
            match reasons.iter_mut().find(|(q, _)| q == p) {
                Some((_, seeds)) => seeds.push(s.seed),
                None => reasons.push((p.clone(), vec![s.seed])),
            }
        }
    }
    let mut reasons: Vec<String> = reasons
        .into_iter()
        .map(|(p, seeds)| {
            let seeds: Vec<String> = seeds.iter().map(u64::to_string).collect();
            let which = if seeds.len() == 1 { "seed" } else { "seeds" };
            format!("{which} {}: {p}", seeds.join(", "))
        })
        .collect();
    if let Some(k) = report.calibration.as_ref().filter(|k| !k.holds) {
        reasons.push(format!(
            "the real team's path does not reproduce the write-up's times within {} min",
            k.within_min
        ));
    }
    if report.sound {
        return Verdict {
            sound: true,
            headline: "Sound: every seed can be won, and only by fixing the fault.",
            reasons,
            advice: None,
        };
    }
    Verdict {
        sound: false,
        headline: "Not sound: the file is valid, but the solver's checks failed.",
        reasons,
        advice: Some(
            "What to do: change what the reasons point at (the fault's rate or onset, the real \
             team's timeline, an action's effect, the time limit), then check soundness again. \
             Until it is sound, trainees may meet an incident that cannot be won or that ends by \
             itself; you can still play it to see for yourself.",
        ),
    }
}

/// The play button's words: a draft the solver found unsound still plays, and says so.
pub fn play_label(sound: Option<bool>) -> &'static str {
    match sound {
        Some(false) => "Play anyway (not sound)",
        _ => "Play this scenario",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::library;

    #[test]
    fn lines_and_indents_are_found_in_the_text() {
        let text = "[a]\n  b = 1\n\tc = 2\n";
        assert_eq!(line_span(text, 1), (0, 3));
        assert_eq!(&text[line_span(text, 2).0..line_span(text, 2).1], "  b = 1");
        assert_eq!(line_span(text, 4), (text.len(), text.len()));
        assert_eq!(line_span(text, 99), (text.len(), text.len()));
        assert_eq!(line_count(text), 4);
        assert_eq!(line_count(""), 1);
        assert_eq!(indent_at(text, 9), "  ");
        assert_eq!(indent_at(text, 2), "");
        assert_eq!(indent_at(text, text.len() - 1), "\t");
    }

    #[test]
    fn selections_in_utf16_map_to_bytes_and_back() {
        let text = "é 😀 x";
        assert_eq!(byte_offset(text, 0), 0);
        assert_eq!(byte_offset(text, 2), 3);
        assert_eq!(byte_offset(text, 4), 7);
        assert_eq!(byte_offset(text, 99), text.len());
        assert_eq!(utf16_offset(text, 7), 4);
        assert_eq!(utf16_offset(text, 5), 2, "inside a character: its start");
    }

    #[test]
    fn a_stale_preview_says_which_version_and_which_line() {
        let d = |line| Diagnostic {
            file: "t.toml".into(),
            line,
            column: 1,
            path: String::new(),
            message: "x".into(),
            help: None,
            source_line: None,
        };
        let note = stale_note(Some("10:02:13"), &[d(0), d(40), d(7)]);
        assert!(
            note.starts_with(
                "Out of date: this is the preview of the last valid version, checked at 10:02:13."
            ),
            "{note}"
        );
        assert!(note.contains("line 40 has a problem"), "{note}");
        assert!(stale_note(None, &[d(0)]).contains("version. Since then the file has a problem"));
    }

    #[test]
    fn an_unsound_scenario_says_why_and_what_to_do_and_still_plays() {
        let s = library::builtin("ecommerce-memory-leak").unwrap();
        let sound = crate::prove::solve(&s, 1);
        let v = verdict(&sound);
        assert!(v.sound && v.advice.is_none() && v.reasons.is_empty());
        assert_eq!(play_label(Some(true)), "Play this scenario");
        assert_eq!(play_label(None), "Play this scenario");
        // The same report with the solver's reasons on two seeds: each reason once.
        let mut unsound = sound.clone();
        unsound.sound = false;
        let mut other = unsound.seeds[0].clone();
        other.seed += 1;
        unsound.seeds.push(other);
        for seed in &mut unsound.seeds {
            seed.problems =
                vec!["doing nothing restores service at 14:50: the outage ends by itself".into()];
        }
        let first = unsound.seeds[0].seed;
        let v = verdict(&unsound);
        assert!(!v.sound);
        assert!(v.headline.starts_with("Not sound"));
        assert_eq!(
            v.reasons,
            vec![format!(
                "seeds {first}, {}: doing nothing restores service at 14:50: the outage ends by itself",
                first + 1
            )]
        );
        assert!(v.advice.unwrap().starts_with("What to do:"));
        assert_eq!(play_label(Some(false)), "Play anyway (not sound)");
    }

    #[test]
    fn the_preview_shows_the_outage_and_the_real_teams_restore() {
        let s = library::builtin("ecommerce-memory-leak").unwrap();
        let p = preview(&s);
        assert_eq!(p.idle.restored, None);
        assert!(p.idle.outage_start.is_some());
        assert_eq!(p.reference.restored.as_deref(), Some("16:37 WAT"));
        assert!(p.idle.peak_users_pct >= p.reference.peak_users_pct);
        assert!(p.reference.figures().contains("restored 16:37 WAT"));
        assert!(p.idle.figures().contains("restored never"));
    }
}
