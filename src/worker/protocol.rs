//! Work on scenario files off the page's main thread: what the app sends the worker (a web
//! worker with the TOML parser, loaded only when a file is opened or the author's page is) and
//! what comes back, in postcard's binary form (the page's one reader of its own data: no JSON
//! field matching for the scenario in its first download). A request checks a file, proves it sound with the solver
//! (progress on the way), or asks for a built-in scenario's source. Pure: the worker calls
//! [`answer_each`], the app [`read_reply`], the tests both.

use serde::{Deserialize, Serialize};

use crate::prove::{self, Progress, SolveReport};
use crate::scenario::{library, Diagnostic, Scenario};

/// What the worker posts once it listens: messages sent before that would be lost, so the app
/// holds its request until it hears this.
pub const READY: &str = "ready";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// The file's name, for the errors.
    pub file: String,
    pub text: String,
    #[serde(default)]
    pub job: Job,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum Job {
    /// Parse and validate the file.
    #[default]
    Check,
    /// Validate, then search `seeds` seeds for a path to restore (the solver).
    Solve { seeds: u32 },
    /// The source of the built-in scenario or template named in `file` (`text` is unused).
    Source,
    /// Turn the postmortem in `text` into a scenario draft.
    Import,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    Valid(Box<Scenario>),
    Invalid(Vec<Diagnostic>),
    /// A search under way (several of these come before its `Solved`).
    Progress(Progress),
    Solved(Box<SolveReport>),
    /// A built-in scenario's or template's TOML: (its id, its text).
    Source(String, String),
    /// A postmortem's draft: (the write-up's name, the draft, what was found, what is left to
    /// decide).
    Imported(String, String, Vec<String>, Vec<String>),
    /// The postmortem gave no draft: why, located.
    NotImported(String),
    /// The request or the reply was not what the other side writes (a bug, or a stale worker
    /// from another version of the app left in the cache).
    Garbled(String),
}

/// The worker's side: a request in, its last (or only) reply out.
pub fn answer(request: &[u8]) -> Vec<u8> {
    let mut last = Vec::new();
    answer_each(request, &mut |reply| last = reply);
    last
}

/// The worker's side: a request in, each reply handed to `post` as it is ready (a search
/// posts its progress before its report).
pub fn answer_each(request: &[u8], post: &mut dyn FnMut(Vec<u8>)) {
    let mut send = |reply: &Reply| post(postcard::to_allocvec(reply).expect("replies serialise"));
    let r = match postcard::from_bytes::<Request>(request) {
        Ok(r) => r,
        Err(e) => {
            return send(&Reply::Garbled(format!(
                "the worker could not read the request: {e}"
            )))
        }
    };
    if r.job == Job::Source {
        return send(&match library::source(&r.file) {
            Some(text) => Reply::Source(r.file, text.to_string()),
            None => Reply::Garbled(format!("there is no built-in scenario `{}`", r.file)),
        });
    }
    if r.job == Job::Import {
        return send(&match crate::scenario::import::import(&r.file, &r.text) {
            Ok(done) => Reply::Imported(
                r.file,
                done.draft,
                done.summary.found,
                done.summary.to_decide,
            ),
            Err(e) => Reply::NotImported(e.to_string()),
        });
    }
    let scenario = match crate::scenario::parse(&r.file, &r.text) {
        Ok(scenario) => scenario,
        Err(e) => return send(&Reply::Invalid(e.diagnostics)),
    };
    match r.job {
        Job::Solve { seeds } => {
            // A hundred steps are enough for a progress bar; more would only flood the page.
            let mut shown = -1i32;
            let report = prove::solve_with_progress(&scenario, seeds, &mut |p| {
                let step = (p.done * 100.0) as i32;
                if step > shown {
                    shown = step;
                    send(&Reply::Progress(p));
                }
            });
            send(&Reply::Solved(Box::new(report)));
        }
        _ => send(&Reply::Valid(Box::new(scenario))),
    }
}

/// The app's side: a request to check a file.
pub fn request(file: &str, text: &str) -> Vec<u8> {
    job(file, text, Job::Check)
}

/// The app's side: any request.
pub fn job(file: &str, text: &str, job: Job) -> Vec<u8> {
    let request = Request {
        file: file.to_string(),
        text: text.to_string(),
        job,
    };
    postcard::to_allocvec(&request).expect("requests serialise")
}

/// The app's side: what the worker said.
pub fn read_reply(reply: &[u8]) -> Reply {
    postcard::from_bytes(reply)
        .unwrap_or_else(|e| Reply::Garbled(format!("the worker's answer could not be read: {e}")))
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
            read_reply(&answer(b"{not a request")),
            Reply::Garbled(_)
        ));
        assert!(matches!(read_reply(b"[1,2]"), Reply::Garbled(_)));
        assert!(matches!(read_reply(b""), Reply::Garbled(_)));
    }

    #[test]
    fn a_search_posts_its_progress_then_its_report_and_a_source_comes_by_id() {
        let (id, text) = library::BUILTIN[0];
        let mut replies = Vec::new();
        answer_each(&job("mine.toml", text, Job::Solve { seeds: 1 }), &mut |r| {
            replies.push(read_reply(&r))
        });
        let (last, progress) = replies.split_last().unwrap();
        assert!(
            progress.len() > 5 && progress.len() <= 101,
            "{}",
            progress.len()
        );
        assert!(progress.iter().all(|r| matches!(r, Reply::Progress(_))));
        match last {
            Reply::Solved(report) => {
                let here = prove::solve(&library::builtin(id).unwrap(), 1);
                assert_eq!(
                    serde_json::to_string(report).unwrap(),
                    serde_json::to_string(&here).unwrap()
                );
                assert!(report.sound);
            }
            other => panic!("{other:?}"),
        }
        match read_reply(&answer(&job(id, "", Job::Source))) {
            Reply::Source(named, source) => {
                assert_eq!((named.as_str(), source.as_str()), (id, text))
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            read_reply(&answer(&job("nope", "", Job::Source))),
            Reply::Garbled(m) if m.contains("`nope`")
        ));
        // A broken file asked to be solved gets its errors, not a search.
        match read_reply(&answer(&job("mine.toml", "[meta", Job::Solve { seeds: 1 }))) {
            Reply::Invalid(d) => assert_eq!(d[0].line, 1),
            other => panic!("{other:?}"),
        }
    }
}
