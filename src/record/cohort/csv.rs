//! The cohort table as CSV (RFC 4180: fields with a comma, a quote or a line break are quoted,
//! quotes doubled; lines end in CRLF), for a spreadsheet.

use std::borrow::Cow;

use crate::score::{Phase, Stamp};

use super::row::Row;

/// One field, quoted when it must be.
fn field(text: &str) -> Cow<'_, str> {
    if text.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", text.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(text)
    }
}

/// A name people typed: one a spreadsheet would take for a formula (`=`, `+`, `-`, `@`) is kept
/// as text, so opening a trainee's file never runs anything.
fn typed(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn clock(stamp: Option<&Stamp>) -> String {
    stamp.map_or(String::new(), |s| s.clock.clone())
}

fn header() -> Vec<String> {
    let mut out: Vec<String> = [
        "trainee",
        "date",
        "seed",
        "mitigated_at",
        "resolved_at",
        "score",
    ]
    .map(String::from)
    .to_vec();
    for phase in Phase::ALL {
        out.push(format!("{}_at", phase.id()));
        out.push(format!("{}_minutes_ahead_of_real_team", phase.id()));
    }
    out.extend(["detours", "detour_minutes", "version", "source"].map(String::from));
    out
}

fn line(row: &Row) -> Vec<String> {
    let mut out = vec![
        typed(&row.trainee),
        row.date.clone().unwrap_or_default(),
        row.seed.to_string(),
        clock(row.reached(Phase::Mitigation)),
        clock(row.reached(Phase::Resolution)),
        format!("{:.1}", row.score),
    ];
    for phase in Phase::ALL {
        let cell = row.phase(phase);
        out.push(clock(cell.and_then(|c| c.reached_at.as_ref())));
        out.push(
            cell.and_then(|c| c.minutes_gained)
                .map_or(String::new(), |m| m.to_string()),
        );
    }
    out.push(row.detours.to_string());
    out.push(format!("{:.1}", row.detour_minutes));
    out.push(row.version.label().to_string());
    out.push(typed(&row.source));
    out
}

/// The rows, in the order given, under a header line.
pub fn csv(rows: &[Row]) -> String {
    let mut out = String::new();
    for fields in std::iter::once(header()).chain(rows.iter().map(line)) {
        let quoted: Vec<Cow<str>> = fields.iter().map(|f| field(f)).collect();
        out.push_str(&quoted.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
pub(super) fn quote(text: &str) -> String {
    field(&typed(text)).into_owned()
}
