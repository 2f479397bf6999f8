//! The library's files in the reducer: a scenario file checked by the worker, progress imported.

use std::rc::Rc;

use super::{AppState, BestChange, Opened};
use crate::scenario::Diagnostic;
use crate::ui::progress;
use crate::ui::storage::Best;
use crate::worker::protocol::Reply;

impl AppState {
    /// The worker's answer about `file`.
    pub(super) fn file_checked(&mut self, file: &str, reply: Reply) {
        match reply {
            Reply::Valid(s) => {
                self.file_errors.clear();
                self.opened = Some(Opened {
                    scenario: Rc::new(*s),
                });
            }
            Reply::Invalid(diagnostics) => self.file_errors = diagnostics,
            // Only the author's page asks for these.
            Reply::Progress(_)
            | Reply::Solved(_)
            | Reply::Source(..)
            | Reply::Imported(..)
            | Reply::NotImported(_) => {}
            Reply::Garbled(message) => self.file_errors = vec![note(file, message)],
        }
    }

    /// Merges a progress file's results with this browser's (nothing is lost either way).
    pub(super) fn progress_imported(&mut self, file: &str, theirs: &Best) {
        self.best = progress::merge(&self.best, theirs);
        self.progress_note = Some(format!(
            "Progress imported from {file}: {} incident(s).",
            theirs.results.len()
        ));
        self.best_changed(true);
    }

    /// The best results could not be written: an import says so (a score just goes unkept).
    pub(super) fn best_unsaved(&mut self, why: &str) {
        self.unsaved = Some(format!(
            "Your results could not be kept in this browser: {why}."
        ));
        if self.best_change.imported {
            self.progress_note = Some(format!("Progress imported for this visit, but {why}."));
        }
    }

    pub(super) fn best_changed(&mut self, imported: bool) {
        self.best_change = BestChange {
            seq: self.best_change.seq.wrapping_add(1),
            imported,
        };
    }
}

/// A problem with a file that has no place in it.
pub fn note(file: &str, message: String) -> Diagnostic {
    Diagnostic {
        file: file.to_string(),
        line: 0,
        column: 0,
        path: String::new(),
        message,
        help: None,
        source_line: None,
    }
}
