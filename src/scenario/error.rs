//! Errors in a scenario or actions file, each pointing at file, line, column and field, with what is
//! wrong and how to fix it. Rendered like a compiler's diagnostics.

use std::fmt;

use thiserror::Error;

/// One problem in a file.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based; 0 when the problem has no place in the file (an empty file, say).
    pub line: usize,
    pub column: usize,
    /// The field, as `fleet.servers` or `faults[1].at`; empty for syntax errors.
    pub path: String,
    pub message: String,
    pub help: Option<String>,
    /// The source line, for the excerpt.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// The field as people count: list entries from 1 (`faults[0].at` is `faults #1.at`).
    pub fn field(&self) -> String {
        human_path(&self.path)
    }
}

/// `reference[11].at` as `reference #12.at`: entries counted from 1, as people count them.
pub fn human_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 4);
    let mut rest = path;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']').map(|c| open + c) else {
            break;
        };
        out.push_str(&rest[..open]);
        match rest[open + 1..close].parse::<usize>() {
            // A list at the top of the file (an actions file) has no name: its entries do.
            Ok(i) if out.is_empty() => out.push_str(&format!("entry #{}", i + 1)),
            Ok(i) => out.push_str(&format!(" #{}", i + 1)),
            Err(_) => out.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            writeln!(formatter, "error: {}", self.message)?;
        } else {
            writeln!(formatter, "error: {}: {}", self.field(), self.message)?;
        }
        writeln!(
            formatter,
            "  --> {}:{}:{}",
            self.file, self.line, self.column
        )?;
        if let Some(text) = &self.source_line {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            writeln!(formatter, "{pad} |")?;
            writeln!(formatter, "{number} | {text}")?;
            let before: String = text
                .chars()
                .take(self.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            writeln!(formatter, "{pad} | {before}^")?;
        }
        if let Some(help) = &self.help {
            writeln!(formatter, "  = help: {help}")?;
        }
        Ok(())
    }
}

/// Every problem found in one file.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub struct ScenarioErrors {
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for ScenarioErrors {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(formatter, "{d}")?;
        }
        let n = self.diagnostics.len();
        write!(
            formatter,
            "{n} error{} found",
            if n == 1 { "" } else { "s" }
        )
    }
}

/// Why a scenario could not be had at all.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error("cannot read {path}: {reason}")]
    Read { path: String, reason: String },
    #[error("no built-in scenario `{id}` and no such file (built-in: {known})")]
    NotFound { id: String, known: String },
    #[error("{0}")]
    Invalid(ScenarioErrors),
}

/// Maps byte offsets to line and column.
pub struct SourceMap<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> SourceMap<'a> {
    pub fn new(text: &'a str) -> SourceMap<'a> {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceMap { text, line_starts }
    }

    /// 1-based line and (character) column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|s| *s <= offset);
        let start = self.line_starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }

    pub fn line_text(&self, line: usize) -> Option<String> {
        self.text
            .lines()
            .nth(line.checked_sub(1)?)
            .map(str::to_string)
    }

    /// A diagnostic at `offset`.
    pub fn diagnostic(
        &self,
        file: &str,
        offset: Option<usize>,
        path: String,
        message: String,
        help: Option<String>,
    ) -> Diagnostic {
        let (line, column) = offset.map_or((0, 0), |o| self.line_col(o));
        Diagnostic {
            file: file.to_string(),
            line,
            column,
            path,
            message,
            help,
            source_line: offset.and_then(|_| self.line_text(line)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_lines_and_columns() {
        let map = SourceMap::new("a = 1\nbb = 2\n\nc = 3");
        assert_eq!(map.line_col(0), (1, 1));
        assert_eq!(map.line_col(5), (1, 6));
        assert_eq!(map.line_col(6), (2, 1));
        assert_eq!(map.line_col(11), (2, 6));
        assert_eq!(map.line_col(13), (3, 1));
        assert_eq!(map.line_col(18), (4, 5));
        assert_eq!(map.line_text(2).as_deref(), Some("bb = 2"));
    }
}

#[cfg(test)]
mod path_tests {
    use super::human_path;

    #[test]
    fn entries_count_from_one() {
        assert_eq!(human_path("reference[11].at"), "reference #12.at");
        assert_eq!(
            human_path("scenario.sources[0].id"),
            "scenario.sources #1.id"
        );
        assert_eq!(
            human_path("hypotheses[0].evidence[2]"),
            "hypotheses #1.evidence #3"
        );
        assert_eq!(human_path("fleet.servers"), "fleet.servers");
        assert_eq!(human_path("[1].at"), "entry #2.at");
    }
}
