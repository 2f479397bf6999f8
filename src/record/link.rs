//! A run in a link: the run file packed into the URL's fragment (`#run=...`), which no server
//! sees. The ids an action list repeats are written once, in a table, and the actions point into
//! it; ticks are gaps from the one before; the whole is a compact binary (postcard's varints),
//! then URL-safe base64 with a check of four bytes, so a link cut short or altered by hand is
//! refused with a reason instead of replaying something else.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};

use super::check::hex;
use super::{
    Claimed, Delivered, Roles, RunAction, RunError, RunFile, ScenarioRef, RUN_FORMAT, RUN_VERSION,
};
use crate::sim::hash::StableHasher;

/// The link layout's version: its first byte.
const LINK_VERSION: u8 = 1;
/// What comes before the packed run in the fragment.
pub const PREFIX: &str = "run=";

#[derive(Serialize, Deserialize)]
struct Wire {
    version: u8,
    scenario: String,
    content_hash: u64,
    seed: u64,
    trainee: Option<String>,
    date: Option<String>,
    roles: (Option<String>, Option<String>, Option<String>),
    /// Each action id, target and inject id once.
    words: Vec<String>,
    /// (ticks since the action before, action word, target word + 1 or 0 for none).
    actions: Vec<(u32, u32, u32)>,
    /// (ticks since the inject before, inject word).
    injects: Vec<(u32, u32)>,
    ended_at: u32,
    score: f64,
    trace_hash: u64,
}

/// The table of words and the indices into it.
#[derive(Default)]
struct Words(Vec<String>);

impl Words {
    fn index(&mut self, word: &str) -> u32 {
        let at = match self.0.iter().position(|w| w == word) {
            Some(at) => at,
            None => {
                self.0.push(word.to_string());
                self.0.len() - 1
            }
        };
        at as u32
    }
}

fn check_of(bytes: &[u8]) -> [u8; 4] {
    let mut hasher = StableHasher::default();
    hasher.bytes(bytes);
    let sum = hasher.finish().to_le_bytes();
    [sum[0], sum[1], sum[2], sum[3]]
}

/// Each tick as the gap from the one before (small numbers pack small).
fn gaps(ticks: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut last = 0;
    ticks
        .map(|tick| {
            let gap = tick.saturating_sub(last);
            last = tick;
            gap
        })
        .collect()
}

/// The fragment (without `#`) that carries a run.
pub fn encode(run: &RunFile) -> String {
    let mut words = Words::default();
    let actions: Vec<(u32, u32, u32)> = run
        .actions
        .iter()
        .zip(gaps(run.actions.iter().map(|a| a.tick)))
        .map(|(a, gap)| {
            let target = a.target.as_deref().map_or(0, |t| words.index(t) + 1);
            (gap, words.index(&a.action), target)
        })
        .collect();
    let injects: Vec<(u32, u32)> = run
        .injects
        .iter()
        .zip(gaps(run.injects.iter().map(|i| i.tick)))
        .map(|(i, gap)| (gap, words.index(&i.inject)))
        .collect();
    let wire = Wire {
        version: LINK_VERSION,
        scenario: run.scenario.id.clone(),
        content_hash: u64::from_str_radix(&run.scenario.content_hash, 16).unwrap_or(0),
        seed: run.seed,
        trainee: run.trainee.clone(),
        date: run.date.clone(),
        roles: (
            run.roles.commander.clone(),
            run.roles.operations.clone(),
            run.roles.communications.clone(),
        ),
        words: words.0,
        actions,
        injects,
        ended_at: run.ended_at,
        score: run.result.score,
        trace_hash: u64::from_str_radix(&run.result.trace_hash, 16).unwrap_or(0),
    };
    let mut bytes = postcard::to_allocvec(&wire).expect("links serialise");
    let check = check_of(&bytes);
    bytes.extend_from_slice(&check);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// The packed part of a link, a fragment or the packed text alone.
fn packed(text: &str) -> Result<&str, RunError> {
    let text = text.trim();
    let fragment = text.split_once('#').map_or(text, |(_, f)| f);
    let packed = fragment
        .split('&')
        .find_map(|part| part.strip_prefix(PREFIX))
        .ok_or(RunError::NotALink)?;
    let bad = packed
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'));
    if let Some((at, found)) = bad {
        return Err(RunError::BadCharacter { at, found });
    }
    Ok(packed)
}

/// Reads what a person hands over: a run file's JSON, or a share link (a whole URL, its fragment
/// or `run=...`), told apart by the first character (a run file is a JSON object).
pub fn read_any(text: &str) -> Result<RunFile, RunError> {
    let text = text.trim();
    if text.starts_with('{') {
        super::file::read(text)
    } else {
        decode(text)
    }
}

/// Reads a run back from a link (the whole URL, its fragment, or `run=...`).
pub fn decode(text: &str) -> Result<RunFile, RunError> {
    let packed = packed(text)?;
    let bytes = URL_SAFE_NO_PAD
        .decode(packed)
        .map_err(|_| RunError::Checksum)?;
    if bytes.len() < 5 {
        return Err(RunError::Checksum);
    }
    let (body, check) = bytes.split_at(bytes.len() - 4);
    if check_of(body) != check {
        return Err(RunError::Checksum);
    }
    if body[0] != LINK_VERSION {
        return Err(RunError::NewerLink(body[0]));
    }
    let wire: Wire = postcard::from_bytes(body).map_err(|e| RunError::Damaged(e.to_string()))?;
    let run = unpack(wire)?;
    super::file::vet(&run)?;
    Ok(run)
}

fn unpack(wire: Wire) -> Result<RunFile, RunError> {
    let word = |list: &str, index: usize, at: u32| {
        wire.words.get(at as usize).cloned().ok_or_else(|| {
            RunError::Damaged(format!(
                "{list} {index} names word {at} of {}",
                wire.words.len()
            ))
        })
    };
    let mut tick = 0u32;
    let mut actions = Vec::with_capacity(wire.actions.len());
    for (index, &(gap, action, target)) in wire.actions.iter().enumerate() {
        tick = tick
            .checked_add(gap)
            .ok_or_else(|| RunError::Damaged(format!("action {index} is past the end of time")))?;
        actions.push(RunAction {
            tick,
            at: None,
            action: word("action", index, action)?,
            target: match target {
                0 => None,
                t => Some(word("action", index, t - 1)?),
            },
        });
    }
    tick = 0;
    let mut injects = Vec::with_capacity(wire.injects.len());
    for (index, &(gap, inject)) in wire.injects.iter().enumerate() {
        tick = tick
            .checked_add(gap)
            .ok_or_else(|| RunError::Damaged(format!("inject {index} is past the end of time")))?;
        injects.push(Delivered {
            tick,
            inject: word("inject", index, inject)?,
        });
    }
    let (commander, operations, communications) = wire.roles;
    Ok(RunFile {
        format: RUN_FORMAT.to_string(),
        version: RUN_VERSION,
        scenario: ScenarioRef {
            id: wire.scenario,
            title: String::new(),
            content_hash: hex(wire.content_hash),
        },
        seed: wire.seed,
        trainee: wire.trainee,
        date: wire.date,
        roles: Roles {
            commander,
            operations,
            communications,
        },
        actions,
        injects,
        ended_at: wire.ended_at,
        result: Claimed {
            score: wire.score,
            trace_hash: hex(wire.trace_hash),
        },
    })
}
