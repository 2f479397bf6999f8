//! Why a run file or a link could not be read, in one line that says where and what.

/// What is wrong with a run file or a share link.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RunError {
    #[error("line {line}, column {column}: {message}")]
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("this is not a run file (its `format` is \"{0}\", a run file's is \"incident-trainer-run\")")]
    NotARun(String),
    #[error("this run file is format {0}, newer than this version of the trainer reads (1)")]
    Newer(u32),
    #[error("`scenario.content_hash` is \"{0}\", not 16 hexadecimal digits")]
    BadHash(String),
    #[error("`{field}` at tick {tick} comes before the one listed ahead of it (tick {before})")]
    OutOfOrder {
        field: String,
        tick: u32,
        before: u32,
    },
    #[error("`{field}` is at tick {tick}, after the run ended (tick {ended_at})")]
    AfterTheEnd {
        field: String,
        tick: u32,
        ended_at: u32,
    },
    #[error("`{field}`: {message}")]
    Field { field: String, message: String },
    #[error("the run is for `{0}`, which this version of the trainer does not have; open that scenario's file first")]
    UnknownScenario(String),
    #[error("the link holds no run (it has no `#run=` part)")]
    NotALink,
    #[error("the link is damaged: character {at} (`{found}`) cannot be in a run link")]
    BadCharacter { at: usize, found: char },
    #[error("the link is damaged or cut short: its check does not match (was all of it copied?)")]
    Checksum,
    #[error("the link is from a newer version of the trainer (link format {0})")]
    NewerLink(u8),
    #[error("the link is damaged: {0}")]
    Damaged(String),
}

impl RunError {
    pub(crate) fn json(error: &serde_json::Error) -> RunError {
        // serde_json says "... at line 3 column 7"; the place is given on its own.
        let message = error.to_string();
        let message = match message.rfind(" at line ") {
            Some(cut) => message[..cut].to_string(),
            None => message,
        };
        RunError::Json {
            line: error.line(),
            column: error.column(),
            message,
        }
    }
}
