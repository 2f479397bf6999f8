//! Files in and out of the page: a file read as text, and a text offered as a download. Each
//! hook owns its browser handle (the reader until it answers, the download's URL until the next
//! one: revoking it at once could cut the download short) and drops it with the component.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::{read_as_text, FileReader};
use gloo::file::{Blob, FileReadError, ObjectUrl};
use yew::prelude::*;

use crate::ui::browser;

/// Reads files as text, one at a time (a second read replaces the first).
#[derive(Clone)]
pub struct TextReader(Rc<RefCell<Option<FileReader>>>);

impl TextReader {
    pub fn read(
        &self,
        file: web_sys::File,
        done: impl FnOnce(Result<String, FileReadError>) + 'static,
    ) {
        let reader = read_as_text(&gloo::file::File::from(file).into(), done);
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
