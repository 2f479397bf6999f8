//! A facilitated drill: the trainee's console on the projector (the room) and the facilitator's
//! console in a second window of the same browser, kept in step with no server. The room's
//! window is the authority: it runs the session and says what it is (`RunState`: the scenario
//! and its content hash, the seed, the tick, the actions and injects, the speed); the
//! facilitator's window rebuilds its own copy by re-simulation (`replica`), since a run is
//! deterministic, and sends commands back (pause, resume, send an inject, name the roles).
//! Messages are versioned JSON; one that cannot be read is refused with a note, never a panic.
//! Plain Rust, tested natively: only `hooks::room` touches the browser's channel.

pub mod facilitator;
#[cfg(test)]
mod hold_tests;
pub mod host;
#[cfg(test)]
mod path_tests;
pub mod replica;
#[cfg(test)]
mod tests;
pub mod truth;

use serde::{Deserialize, Serialize};

use crate::record::{hex, Delivered, Roles, RunAction, ScenarioRef};
use crate::scenario::Scenario;
use crate::sim::clock::hhmmss;
use crate::ui::session::Session;

/// The channel both windows open (a `BroadcastChannel` reaches every window of the page's
/// origin in the same browser).
pub const CHANNEL: &str = "incident-trainer-room";
/// Bumped when a message's layout changes in a way an older window would misread.
pub const ROOM_VERSION: u32 = 2;
/// How often the facilitator's window says hello, in milliseconds (the room answers each).
pub const HELLO_EVERY_MS: u32 = 1500;
/// Silence after which the other window is taken to be gone, in milliseconds.
pub const GONE_AFTER_MS: f64 = 4000.0;

/// What one window tells the other. Externally tagged (`{"deliver":{...}}`, `"pause"`): a tag
/// inside the object would make serde buffer each message and build a second reader of a whole
/// scenario into the page (about 115 KB of it, gzipped).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoomMessage {
    /// The facilitator's window is there (sent on opening and then every few seconds): the room
    /// answers with its state, and with its scenario when the window asks (it lacks it).
    Hello { wants_scenario: bool },
    /// The room's state (none: no incident open in the room), and whether the facilitator holds
    /// it (before a run: the next one opens paused until they let it go).
    State {
        run: Option<RunState>,
        #[serde(default)]
        held: bool,
    },
    /// The scenario the room plays, when it is not a built-in (opened from a file): the
    /// facilitator's window cannot rebuild the run without it.
    /// Packed (see `scenario::packed`), as the page reads a scenario nowhere else as JSON.
    Scenario {
        #[serde(with = "crate::scenario::packed::as_text")]
        scenario: Box<Scenario>,
    },
    /// The facilitator pauses the room's clock.
    Pause,
    /// The facilitator starts it again, at the speed it had.
    Resume,
    /// The facilitator sends the room one of the scenario's injects now.
    Deliver { inject: String },
    /// The facilitator names the room's roles.
    Roles { roles: Roles },
}

/// The room's run as the facilitator's window needs it: enough to rebuild it exactly.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunState {
    pub scenario: ScenarioRef,
    pub seed: u64,
    pub tick: u32,
    pub actions: Vec<RunAction>,
    pub injects: Vec<Delivered>,
    pub roles: Roles,
    /// The speed the clock runs at (`10x`), or would when resumed.
    pub speed: String,
    pub paused: bool,
    /// The pause is the facilitator's hold (only they lift it), not the room's own.
    #[serde(default)]
    pub held: bool,
    /// When the run ended, once it has.
    pub ended_at: Option<u32>,
    /// The scenario came from a file (the room sends it on hello).
    pub from_file: bool,
}

impl RunState {
    /// The state of the room's session, running at `speed` (paused or not).
    pub fn of(session: &Session, speed: &str, paused: bool, from_file: bool) -> RunState {
        let scenario = &session.scenario;
        let clock = |tick| hhmmss(scenario.config.start_s_of_day, tick);
        RunState {
            scenario: ScenarioRef {
                id: scenario.meta.id.clone(),
                title: scenario.meta.title.clone(),
                content_hash: hex(scenario.content_hash),
            },
            seed: session.seed(),
            tick: session.tick(),
            actions: session
                .actions()
                .iter()
                .map(|a| RunAction::of(a, clock))
                .collect(),
            injects: session.injects().to_vec(),
            roles: session.people.roles.clone(),
            speed: speed.to_string(),
            paused,
            held: false,
            ended_at: session.ended_at(),
            from_file,
        }
    }
}

/// A message as it travels: the version first, so a newer layout is told apart from nonsense.
#[derive(Serialize, Deserialize)]
struct Envelope {
    version: u32,
    message: RoomMessage,
}

/// Why a message was not read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RoomError {
    #[error("a message on the room's channel is not JSON ({0}); ignored")]
    NotJson(String),
    #[error("a message on the room's channel has no version; ignored")]
    NoVersion,
    #[error(
        "the other window runs a newer trainer (room messages version {0}); reload both windows"
    )]
    Newer(u64),
    #[error("a room message could not be read ({0}); ignored")]
    Malformed(String),
}

/// The message as the channel carries it.
pub fn encode(message: &RoomMessage) -> String {
    let envelope = Envelope {
        version: ROOM_VERSION,
        message: message.clone(),
    };
    serde_json::to_string(&envelope).expect("room messages serialise")
}

/// Just the version of a message (the rest is skipped).
#[derive(Deserialize)]
struct Version {
    version: Option<u64>,
}

/// Reads a message from the channel: the version, then the message. Both readings are from the
/// text (never through `serde_json::Value`, which would build a second reader of a whole
/// scenario into the page).
pub fn decode(text: &str) -> Result<RoomMessage, RoomError> {
    let version = serde_json::from_str::<Version>(text)
        .map_err(|e| RoomError::NotJson(e.to_string()))?
        .version
        .ok_or(RoomError::NoVersion)?;
    if version > u64::from(ROOM_VERSION) {
        return Err(RoomError::Newer(version));
    }
    let envelope: Envelope =
        serde_json::from_str(text).map_err(|e| RoomError::Malformed(e.to_string()))?;
    Ok(envelope.message)
}
