//! From a postmortem to a scenario draft, by rules and patterns (no model): the write-up's date,
//! zone, outage window and timeline become the draft's clock, `[[reference]]` and
//! `[calibration]`; its words propose catalogue actions and milestones; its root cause,
//! resolution, measures and lessons fill the debrief. What a write-up cannot say (the fleet, the
//! fault's numbers) keeps the starter template's values under a `# DECIDE:` comment, so the
//! draft validates and plays at once.

mod clock;
mod propose;
mod read;
mod write;

use std::fmt;

pub use propose::Proposal;

/// What the import made of a write-up: the draft and what it found and left to decide.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The scenario draft, TOML.
    pub draft: String,
    pub summary: Summary,
}

/// What the import found, and what the author still has to decide, one line each.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub found: Vec<String>,
    pub to_decide: Vec<String>,
    /// Timeline entries, and how many of them got a proposed action.
    pub entries: usize,
    pub proposed: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(out, "Found:")?;
        for line in &self.found {
            writeln!(out, "  {line}")?;
        }
        writeln!(out, "Left to decide:")?;
        for line in &self.to_decide {
            writeln!(out, "  {line}")?;
        }
        Ok(())
    }
}

/// Why a write-up gave no draft, with the line it is about when there is one.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportError {
    pub source: String,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(out, "{}:{line}: {}", self.source, self.message),
            None => write!(out, "{}: {}", self.source, self.message),
        }
    }
}

impl std::error::Error for ImportError {}

/// The largest write-up the import reads; a postmortem is a few pages.
pub const MAX_BYTES: usize = 512 * 1024;

/// Everything read from a write-up, before it is written out.
pub(crate) struct Facts {
    pub source: String,
    pub title: String,
    pub date: Option<(Option<u32>, u32, u32)>,
    pub zone: Option<(&'static str, i32)>,
    pub window: Option<(u32, u32)>,
    pub duration: Option<u32>,
    pub share: Option<u32>,
    pub timeline: Vec<Proposal>,
    pub root_cause: Option<String>,
    pub resolution: Option<String>,
    pub measures: Vec<String>,
    pub lessons: Vec<String>,
}

/// Reads the write-up `text` (Markdown or plain text), named `source` in the draft and in
/// errors, and writes its scenario draft.
pub fn import(source: &str, text: &str) -> Result<Imported, ImportError> {
    let fail = |line, message: &str| ImportError {
        source: source.to_string(),
        line,
        message: message.to_string(),
    };
    if text.len() > MAX_BYTES {
        return Err(fail(
            None,
            "the write-up is larger than 512 KB: import one postmortem at a time",
        ));
    }
    if let Some(at) = text.lines().position(|l| l.contains('\0')) {
        return Err(fail(
            Some(at + 1),
            "this is not text (it holds a NUL byte): open the postmortem as Markdown or plain text",
        ));
    }
    if text.trim().is_empty() {
        return Err(fail(
            None,
            "the write-up is empty: paste or open a postmortem",
        ));
    }
    let facts = facts(source, text);
    if facts.timeline.is_empty() {
        return Err(fail(
            None,
            "no time of day found, so there is no timeline to replay: the import reads lines like \"2:35 PM – A restart was attempted\" or \"14:35 UTC rolled back\"",
        ));
    }
    Ok(write::draft(&facts))
}

/// Joins a section's lines into one paragraph.
fn paragraph(lines: &[&str]) -> Option<String> {
    let text = lines
        .iter()
        .map(|l| read::bare(l))
        .collect::<Vec<_>>()
        .join(" ");
    (!text.trim().is_empty()).then(|| text.trim().to_string())
}

fn facts(source: &str, text: &str) -> Facts {
    let date = clock::date(text);
    let title = text
        .lines()
        .map(read::bare)
        .find(|l| {
            !l.is_empty()
                && !l.starts_with("<!--")
                && !l.starts_with("Source:")
                && !l.starts_with("-->")
        })
        .unwrap_or(source);
    let causes = read::cued(
        text,
        &["root cause", "culprit", "traced back to", "caused by"],
    );
    let root_cause = paragraph(&read::section(text, read::Part::RootCause))
        .or_else(|| causes.first().map(|s| read::bare(s).to_string()));
    let mut measures = read::items(&read::section(text, read::Part::Measures));
    if measures.is_empty() {
        measures = read::items(&read::listed_after(
            text,
            &[
                "corrective",
                "preventive",
                "preventative",
                "action plan",
                "to prevent",
                "we are changing",
                "we will",
                "going forward",
                "follow-up",
            ],
        ));
    }
    let mut lessons = read::items(&read::section(text, read::Part::Lessons));
    if lessons.is_empty() {
        lessons = read::cued(text, &["lesson learned", "we learned", "lessons learned"])
            .into_iter()
            .map(|s| read::bare(s).to_string())
            .collect();
    }
    Facts {
        source: source.to_string(),
        title: title.chars().take(90).collect(),
        date,
        zone: clock::zone(text, date),
        window: read::window(text),
        duration: clock::duration(text),
        share: read::peak_share(text),
        timeline: propose::all(read::timeline(text)),
        root_cause,
        resolution: paragraph(&read::section(text, read::Part::Resolution)),
        measures,
        lessons,
    }
}
