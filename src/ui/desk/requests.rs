//! What the author's page asks of the browser, as values in its state: each [`Request`] bumps a
//! count when sent, so a hook keyed on the count carries it out once per send.

/// One kind of request: how many were sent, and the last one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Request<T> {
    pub seq: u32,
    pub what: T,
}

impl<T> Request<T> {
    pub fn send(&mut self, what: T) {
        self.seq = self.seq.wrapping_add(1);
        self.what = what;
    }
}

/// A job for a worker: a file, its text and what to do with it.
#[derive(Clone, Debug, PartialEq)]
pub struct Ask {
    pub file: String,
    pub text: String,
    pub job: crate::worker::protocol::Job,
}

impl Ask {
    pub fn new(file: &str, text: &str, job: crate::worker::protocol::Job) -> Ask {
        Ask {
            file: file.to_string(),
            text: text.to_string(),
            job,
        }
    }
}
