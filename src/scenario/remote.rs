//! Checking a scenario file off the page's main thread: what the app sends the validator (a web
//! worker with the TOML parser, loaded only when a file is opened) and what comes back, as JSON
//! text. Pure: the worker calls [`answer`], the app [`read_reply`], the tests both.

use serde::{Deserialize, Serialize};

use super::{Diagnostic, Scenario};

/// What the worker posts once it listens: messages sent before that would be lost, so the app
/// holds its request until it hears this.
pub const READY: &str = "ready";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// The file's name, for the errors.
    pub file: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    Valid(Box<Scenario>),
    Invalid(Vec<Diagnostic>),
    /// The request or the reply was not what the other side writes (a bug, or a stale worker
    /// from another version of the app left in the cache).
    Garbled(String),
}

/// The validator's side: a request in, a reply out.
pub fn answer(request: &str) -> String {
    let reply = match serde_json::from_str::<Request>(request) {
        Ok(r) => match super::parse(&r.file, &r.text) {
            Ok(scenario) => Reply::Valid(Box::new(scenario)),
            Err(e) => Reply::Invalid(e.diagnostics),
        },
        Err(e) => Reply::Garbled(format!("the validator could not read the request: {e}")),
    };
    serde_json::to_string(&reply).expect("replies serialise")
}

/// The app's side: a request for a file.
pub fn request(file: &str, text: &str) -> String {
    let request = Request {
        file: file.to_string(),
        text: text.to_string(),
    };
    serde_json::to_string(&request).expect("requests serialise")
}

/// The app's side: what the validator said.
pub fn read_reply(reply: &str) -> Reply {
    serde_json::from_str(reply).unwrap_or_else(|e| {
        Reply::Garbled(format!("the validator's answer could not be read: {e}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::library;

    #[test]
    fn a_valid_file_comes_back_as_the_scenario_and_a_broken_one_as_its_errors() {
        let (id, text) = library::BUILTIN[0];
        match read_reply(&answer(&request("mine.toml", text))) {
            Reply::Valid(s) => assert_eq!(*s, library::builtin(id).unwrap()),
            other => panic!("{other:?}"),
        }
        match read_reply(&answer(&request(
            "mine.toml",
            &text.replace("servers = 4", "servers = 0"),
        ))) {
            Reply::Invalid(d) => {
                assert_eq!(d.len(), 1);
                assert_eq!(d[0].file, "mine.toml");
                assert_eq!(d[0].path, "fleet.servers");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            read_reply(&answer("{not json")),
            Reply::Garbled(_)
        ));
        assert!(matches!(read_reply("[1,2]"), Reply::Garbled(_)));
    }
}
