//! Writes the draft: the write-up's facts where it gave them, the starter template's values
//! (under `# DECIDE:`) where it could not.

use super::clock::{hhmm, offset};
use super::propose::{target, Proposal, MILESTONES};
use super::{Facts, Imported, Summary};
use std::fmt::Write;

const TEMPLATE: &str = include_str!("../../../scenarios/templates/starter.toml");
/// The source id the draft gives the write-up.
const SOURCE: &str = "postmortem";

/// A TOML basic string of `text`.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The template's system, from `[traffic]` up to its releases: what no write-up states.
fn system() -> &'static str {
    let from = TEMPLATE.find("[traffic]").unwrap_or(0);
    let to = TEMPLATE
        .find("# Releases before the run")
        .unwrap_or(TEMPLATE.len());
    TEMPLATE[from..to].trim_end()
}

/// A scenario id from the title: lower-case words joined by dashes.
fn slug(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .map(str::to_ascii_lowercase)
        .collect();
    match words.is_empty() {
        true => "imported-incident".to_string(),
        false => words.join("-"),
    }
}

/// The first sentence of `text` (from its cue on: "traced back to a leak" gives "A leak"), cut to
/// a title's length at a word.
fn short(text: &str) -> String {
    let mut first = text
        .split(". ")
        .next()
        .unwrap_or(text)
        .trim_end_matches('.');
    for cue in [
        "traced back to ",
        "caused by ",
        "root cause was ",
        "due to ",
    ] {
        if let Some(at) = first.to_ascii_lowercase().find(cue) {
            first = &first[at + cue.len()..];
            break;
        }
    }
    let mut chars = first.chars();
    let capital: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    let first = capital.as_str();
    let mut out = String::new();
    for word in first.split_whitespace() {
        if out.len() + word.len() > 80 {
            break;
        }
        out.push_str(if out.is_empty() { "" } else { " " });
        out.push_str(word);
    }
    out
}

/// The clock's start (a half hour before the first event, on five minutes) and its length.
fn span(facts: &Facts) -> (u32, u32) {
    let times = facts.timeline.iter().map(|p| p.line.minutes);
    let first = times
        .clone()
        .chain(facts.window.map(|w| w.0))
        .min()
        .unwrap_or(0);
    let last = times
        .chain(facts.window.map(|w| w.1))
        .max()
        .unwrap_or(first);
    let start = first.saturating_sub(30) / 5 * 5;
    (start, last - start + 60)
}

/// The outage start and the restore the calibration pins: the stated window's start (else the
/// restore less the stated duration, if that is not after the detection; else the detection) and the restore line (or the window's
/// end).
fn calibration(facts: &Facts) -> (Option<u32>, Option<u32>) {
    let at = |id| {
        facts
            .timeline
            .iter()
            .find(|p| p.milestone == Some(id))
            .map(|p| p.line.minutes)
    };
    let restored = at("restored").or(facts.window.map(|w| w.1));
    // A duration that would start the outage after its detection is some other span's.
    let lasted = restored
        .zip(facts.duration)
        .and_then(|(end, minutes)| end.checked_sub(minutes))
        .filter(|s| at("detected").is_none_or(|d| *s <= d));
    let start = facts
        .window
        .map(|w| w.0)
        .or(lasted)
        .or_else(|| at("detected"));
    (start, restored)
}

fn head(out: &mut String, facts: &Facts, decide: &mut Vec<String>) {
    let _ = writeln!(out, "# A scenario draft imported from {}.", facts.source);
    out.push_str("# The clock, the timeline ([[reference]]), the calibration and the debrief come from the\n# write-up; every `# DECIDE:` marks what it could not say. A `proposed` action is the import's\n# reading of the words: keep, change or remove it.\n\n[scenario]\n");
    let _ = writeln!(out, "id = {}", quoted(&slug(&facts.title)));
    let _ = writeln!(out, "title = {}", quoted(&facts.title));
    out.push_str("# DECIDE: the summary and briefing a trainee reads (the write-up's outcome stays out of them).\nsummary = \"The service starts failing. Find out why and restore it.\"\ndifficulty = \"introductory\"           # DECIDE: introductory, intermediate or advanced\ntags = [\"imported\"]\nbriefing = \"\"\"\nYou are on call. Monitoring pages you when errors climb. Find the cause and restore service.\n\"\"\"\n\n[[scenario.sources]]\n");
    let _ = writeln!(
        out,
        "id = \"{SOURCE}\"\ntitle = {}\nnote = {}\n",
        quoted(&facts.title),
        quoted(&format!("Imported from {}.", facts.source))
    );
    decide.push("the summary, briefing and difficulty".to_string());
    let (start, length) = span(facts);
    out.push_str("[clock]\n");
    match facts.date {
        Some((Some(y), m, d)) => {
            let _ = writeln!(out, "date = \"{y}-{m:02}-{d:02}\"");
        }
        Some((None, m, d)) => {
            let _ = writeln!(
                out,
                "date = \"2025-{m:02}-{d:02}\"              # DECIDE: the write-up gives no year"
            );
            decide.push("the year (the write-up gives none)".to_string());
        }
        None => {
            out.push_str(
                "date = \"2025-06-02\"                 # DECIDE: the write-up gives no date\n",
            );
            decide.push("the date (the write-up gives none)".to_string());
        }
    }
    let _ = writeln!(out, "start = \"{}\"\n", hhmm(start).trim_end());
    match facts.zone {
        Some((name, minutes)) => {
            let _ = writeln!(
                out,
                "time_zone = \"{name}\"\nutc_offset = \"{}\"",
                offset(minutes)
            );
        }
        None => {
            out.push_str("time_zone = \"UTC\"                   # DECIDE: the write-up names no zone\nutc_offset = \"+00:00\"\n");
            decide.push("the time zone (the write-up names none)".to_string());
        }
    }
    let _ = writeln!(out, "time_limit = \"{length}m\"\nseed = 1\n");
}

fn system_and_fault(out: &mut String, facts: &Facts, decide: &mut Vec<String>) {
    out.push_str("# DECIDE: the system. A write-up rarely gives sizes; these are the starter template's. Choose\n# them so replaying the timeline reproduces the write-up (see docs/scenarios.md, the walk-through).\n");
    out.push_str(system());
    let (start, _) = calibration(facts);
    let at = hhmm(start.unwrap_or_else(|| span(facts).0 + 5));
    let share = facts.share.map_or(0.25, |s| f64::from(s) / 100.0);
    let _ = write!(
        out,
        "\n\n# DECIDE: the fault's type and numbers. It is the template's, starting at the outage start{}.\n[[faults]]\ntype = \"request_errors\"\nid = \"imported-fault\"\nat = \"{at}\"\nshare = {share:.2}\nendpoint = \"GET /\"\nnote = \"the fault the write-up describes\"\n\n",
        if facts.share.is_some() { ", failing the share of users the write-up gives" } else { "" }
    );
    out.push_str("[[alerts]]\nid = \"errors\"\ntitle = \"Error rate above 5% for 2 minutes\"\nmetric = \"error_rate_pct\"\nabove = 5.0\nfor = \"2m\"\nseverity = \"page\"\n\n");
    decide.push(
        "the fleet, traffic and the fault's type and numbers (the template's for now)".to_string(),
    );
    decide.push("the alerts the team had (one error-rate page for now)".to_string());
    let cause = facts
        .root_cause
        .clone()
        .unwrap_or_else(|| "The cause the write-up names".to_string());
    let mut explanation = cause.clone();
    if let Some(fix) = &facts.resolution {
        let _ = write!(explanation, " Resolution: {fix}");
    }
    if facts.root_cause.is_none() {
        out.push_str("# DECIDE: the write-up states no root cause the import could find.\n");
        decide.push("the root cause (none found)".to_string());
    }
    let _ = writeln!(
        out,
        "[[hypotheses]]\nid = \"root_cause\"\ntitle = {}\ncorrect = true\nexplanation = {}\n",
        quoted(&short(&cause)),
        quoted(&explanation)
    );
    out.push_str("# DECIDE: the wrong leads the team (or a trainee) might follow.\n[[hypotheses]]\nid = \"overload\"\ntitle = \"The servers are overloaded\"\nexplanation = \"CPU is low and the other pages are fast.\"\n\n");
    decide.push("the wrong hypotheses".to_string());
}

fn timeline(out: &mut String, facts: &Facts) {
    for (id, title, when, _) in MILESTONES {
        if facts.timeline.iter().any(|p| p.milestone == Some(id)) {
            let _ = writeln!(
                out,
                "[[milestones]]\nid = \"{id}\"\ntitle = \"{title}\"\nwhen = \"{when}\"\n"
            );
        }
    }
    out.push_str(
        "# What the real team did, from the write-up's timeline, its own words as the notes.\n",
    );
    for Proposal {
        line,
        action,
        milestone,
    } in &facts.timeline
    {
        let _ = writeln!(out, "[[reference]]\nat = \"{}\"", hhmm(line.minutes));
        if let Some((id, words)) = action {
            let _ = writeln!(out, "action = \"{id}\"                # proposed from \"{words}\": keep, change or remove");
            if let Some(on) = target(id) {
                let _ = writeln!(out, "target = \"{on}\"");
            }
        }
        if let Some(id) = milestone {
            let _ = writeln!(out, "milestone = \"{id}\"");
        }
        let _ = writeln!(
            out,
            "note = {}\nsource = \"{SOURCE}\"\n",
            quoted(&line.note)
        );
    }
}

fn debrief(out: &mut String, facts: &Facts, decide: &mut Vec<String>) {
    let (start, restored) = calibration(facts);
    if start.is_some() || restored.is_some() {
        out.push_str("# The write-up's outage and restore: the replay must land near them (incident-sim solve).\n[calibration]\n");
        for (key, at) in [("outage_start", start), ("restored", restored)] {
            if let Some(at) = at {
                let _ = writeln!(out, "{key} = \"{}\"", hhmm(at));
            }
        }
        let _ = writeln!(out, "source = \"{SOURCE}\"\n");
    } else {
        decide.push("the calibration (no outage window or restore found)".to_string());
    }
    for (table, list, what) in [
        (
            "corrective_measures",
            &facts.measures,
            "corrective measures",
        ),
        ("lessons", &facts.lessons, "lessons"),
    ] {
        if list.is_empty() {
            let _ = writeln!(
                out,
                "# DECIDE: the {what} (the write-up states none the import found).\n"
            );
            decide.push(format!("the {what} (none found)"));
        }
        for text in list {
            let _ = writeln!(
                out,
                "[[{table}]]\ntext = {}\nsource = \"{SOURCE}\"\n",
                quoted(text)
            );
        }
    }
}

fn found(facts: &Facts) -> Vec<String> {
    let mut lines = Vec::new();
    let proposed = facts.timeline.iter().filter(|p| p.action.is_some()).count();
    lines.push(format!(
        "{} timeline entries, {proposed} with a proposed action",
        facts.timeline.len()
    ));
    if let Some((y, m, d)) = facts.date {
        lines.push(format!(
            "the date: {}",
            y.map_or(format!("{m:02}-{d:02}"), |y| format!("{y}-{m:02}-{d:02}"))
        ));
    }
    if let Some((name, minutes)) = facts.zone {
        lines.push(format!("the zone: {name} (UTC{})", offset(minutes)));
    }
    if let Some((from, to)) = facts.window {
        lines.push(format!("the outage window: {} to {}", hhmm(from), hhmm(to)));
    }
    if let Some(minutes) = facts.duration {
        lines.push(format!("the duration: {minutes} minutes"));
    }
    if let (Some(start), Some(end)) = calibration(facts) {
        lines.push(format!(
            "calibration: outage {} to restore {}",
            hhmm(start),
            hhmm(end)
        ));
    }
    if let Some(share) = facts.share {
        lines.push(format!("{share}% of users affected at the worst"));
    }
    let placed = MILESTONES
        .iter()
        .filter(|m| facts.timeline.iter().any(|p| p.milestone == Some(m.0)))
        .count();
    lines.push(format!("{placed} milestones"));
    for (what, there) in [
        ("the root cause", facts.root_cause.is_some()),
        ("the resolution", facts.resolution.is_some()),
    ] {
        if there {
            lines.push(what.to_string());
        }
    }
    lines.push(format!(
        "{} corrective measures, {} lessons",
        facts.measures.len(),
        facts.lessons.len()
    ));
    lines
}

/// The draft and its summary.
pub fn draft(facts: &Facts) -> Imported {
    let mut out = String::new();
    let mut to_decide = Vec::new();
    head(&mut out, facts, &mut to_decide);
    system_and_fault(&mut out, facts, &mut to_decide);
    timeline(&mut out, facts);
    debrief(&mut out, facts, &mut to_decide);
    let summary = Summary {
        found: found(facts),
        to_decide,
        entries: facts.timeline.len(),
        proposed: facts.timeline.iter().filter(|p| p.action.is_some()).count(),
    };
    let mut summary = summary;
    if summary.proposed > 0 {
        summary.to_decide.insert(
            0,
            format!(
                "the {} proposed actions: keep, change or remove each",
                summary.proposed
            ),
        );
    }
    Imported {
        draft: out,
        summary,
    }
}
