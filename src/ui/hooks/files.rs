//! Files in and out of the page: a file read as text, and a text offered as a download. Each
//! hook owns its browser handle (the reader until it answers, the download's URL until the next
//! one: revoking it at once could cut the download short) and drops it with the component.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::{read_as_text, FileReader};
use gloo::file::{Blob, FileReadError, ObjectUrl};
use yew::prelude::*;

use crate::ui::browser;

/// The largest scenario file the page reads: a scenario is text written by a person, and the
/// largest built-in is under 60 KB.
pub const SCENARIO_LIMIT: u64 = 2 * 1024 * 1024;
/// The largest run file (or progress file) the page reads: a four-hour run with its scenario is
/// well under 1 MB.
pub const RUN_LIMIT: u64 = 5 * 1024 * 1024;

/// Why a picked file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("it is {} and the limit is {}: it was not read", megabytes(*.size), megabytes(*.limit))]
    TooLarge { size: u64, limit: u64 },
    #[error("it could not be read as text: {0}")]
    Unreadable(FileReadError),
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

/// Refuses a file over `limit` from its size alone, before any of it is read into memory.
pub fn check_size(file: &web_sys::File, limit: u64) -> Result<(), ReadError> {
    let size = file.size() as u64;
    if size > limit {
        return Err(ReadError::TooLarge { size, limit });
    }
    Ok(())
}

/// Reads files as text, one at a time (a second read replaces the first).
#[derive(Clone)]
pub struct TextReader(Rc<RefCell<Option<FileReader>>>);

impl TextReader {
    /// Reads `file` unless it is over `limit` bytes (then `done` hears so at once).
    pub fn read(
        &self,
        file: web_sys::File,
        limit: u64,
        done: impl FnOnce(Result<String, ReadError>) + 'static,
    ) {
        if let Err(too_large) = check_size(&file, limit) {
            *self.0.borrow_mut() = None;
            return done(Err(too_large));
        }
        let reader = read_as_text(&gloo::file::File::from(file).into(), move |read| {
            done(read.map_err(ReadError::Unreadable))
        });
        *self.0.borrow_mut() = Some(reader);
    }
}

#[hook]
pub fn use_text_reader() -> TextReader {
    TextReader(use_mut_ref(|| None))
}

/// Offers texts as downloads.
#[derive(Clone)]
pub struct Downloads(Rc<RefCell<Option<ObjectUrl>>>);

impl Downloads {
    pub fn offer(&self, text: &str, mime: &str, name: &str) {
        let url = ObjectUrl::from(Blob::new_with_options(text, Some(mime)));
        browser::download(&url, name);
        *self.0.borrow_mut() = Some(url);
    }
}

#[hook]
pub fn use_downloads() -> Downloads {
    Downloads(use_mut_ref(|| None))
}
