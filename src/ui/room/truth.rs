//! What the facilitator's console shows and the room must not see: the faults and their
//! parameters now, what each finding the room took really showed, the real team's path against
//! the room's, and the injects with their expected responses and fallbacks. Read off the
//! facilitator's copy of the run (`replica`); no browser types.

use crate::scenario::{Inject, Scenario};
use crate::sim::{EventKind, Trace};
use crate::ui::session::Session;
use crate::ui::view::format;

/// One fault of the scenario, as it stands now.
#[derive(Clone, Debug, PartialEq)]
pub struct FaultRow {
    /// Its kind, in words (`memory leak`).
    pub kind: String,
    /// Its parameters as the scenario gives them, each (name in words, value): (`leak kb per
    /// request`, `1.5`), (`deploy`, `none`).
    pub parameters: Vec<(String, String)>,
    /// On, off, cured, to come, with when.
    pub state: String,
    pub on: bool,
}

/// The faults and where each stands at the session's tick.
pub fn faults(session: &Session) -> Vec<FaultRow> {
    let s = &session.scenario;
    let trace = session.sim().trace();
    let now = session.tick();
    session
        .sim()
        .config()
        .faults
        .iter()
        .enumerate()
        .map(|(index, fault)| {
            let (state, on) = fault_state(s, trace, index as u32, fault.at_s, now);
            FaultRow {
                kind: fault.kind.id().replace('_', " "),
                parameters: parameters(&fault.kind),
                state,
                on,
            }
        })
        .collect()
}

/// Whether some fault is on now (not cured, not over, not between its windows).
fn harm_goes_on(session: &Session) -> bool {
    let (s, trace, now) = (&session.scenario, session.sim().trace(), session.tick());
    let faults = &session.sim().config().faults;
    (0..faults.len()).any(|i| fault_state(s, trace, i as u32, faults[i].at_s, now).1)
}

fn fault_state(
    scenario: &Scenario,
    trace: &Trace,
    fault: u32,
    at_s: u32,
    now: u32,
) -> (String, bool) {
    let cured = trace.events.iter().find_map(|e| match e.kind {
        EventKind::FaultCured { fault: f } if f == fault => Some(e.tick),
        _ => None,
    });
    let windows = trace.events.on_windows(fault);
    let at = |tick| format::clock(scenario, tick);
    match (cured, windows.last()) {
        (Some(tick), _) => (format!("cured at {}", at(tick)), false),
        (None, Some(&(from, u32::MAX))) => (format!("on since {}", at(from)), true),
        (None, Some(&(_, to))) if to <= now => {
            let back = trace.events.lulls().iter().any(|&(lull, _)| lull == to);
            let word = if back {
                "off for now, back unless cured"
            } else {
                "over"
            };
            (format!("{word} (since {})", at(to)), false)
        }
        _ => (format!("starts at {}", at(at_s)), false),
    }
}

/// A fault's parameters as the simulation holds them: each field's name in words and its value as
/// held (times in seconds, a dependency by its index), in the names' alphabetical order. Read
/// from the fault's serde form, so a new fault type needs nothing here.
fn parameters(kind: &crate::sim::FaultKind) -> Vec<(String, String)> {
    use serde_json::Value;
    let fields = match serde_json::to_value(kind) {
        Ok(Value::Object(tagged)) => tagged.into_iter().next().map(|(_, fields)| fields),
        _ => None,
    };
    match fields {
        Some(Value::Object(fields)) => fields
            .into_iter()
            .map(|(name, value)| (name.replace('_', " "), plain(&value)))
            .collect(),
        _ => Vec::new(),
    }
}

/// A parameter's value in words: `none` for an absent one, lists joined, nested fields named.
fn plain(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Null => "none".into(),
        Value::Bool(yes) => if *yes { "yes" } else { "no" }.into(),
        Value::Number(n) => n.to_string(),
        Value::String(text) => text.clone(),
        Value::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join(", "),
        Value::Object(fields) => fields
            .iter()
            .map(|(name, value)| format!("{} {}", name.replace('_', " "), plain(value)))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// A finding the room took, and what it really showed.
#[derive(Clone, Debug, PartialEq)]
pub struct FindingRow {
    pub at: String,
    pub action: String,
    pub showed: String,
    /// It showed the anomaly of a fault when it was run: evidence.
    pub evidence: bool,
}

/// The room's findings, newest first, each with what it showed (as the debrief counts evidence:
/// the output of a look that showed a fault's anomaly when it was run).
pub fn findings(session: &Session) -> Vec<FindingRow> {
    let s = &session.scenario;
    let faults = &session.sim().config().faults;
    let now = session.tick();
    let mut rows: Vec<FindingRow> = session
        .sim()
        .trace()
        .findings
        .iter()
        .map(|f| {
            let names: Vec<String> = f
                .shows
                .iter()
                .filter_map(|i| faults.get(*i as usize))
                .map(|fault| fault.kind.id().replace('_', " "))
                .collect();
            let looked = session.sim().config().is_diagnostic(&f.action);
            let showed = if f.ready_at > now {
                format!("under way, ready at {}", format::clock(s, f.ready_at))
            } else if !looked {
                // A rollback or a status update is a step, not a look: it shows nothing.
                "done (a step, not a look)".to_string()
            } else if names.is_empty() {
                "nothing abnormal when it was run: not evidence".to_string()
            } else {
                format!("evidence: it showed the {}", names.join(" and the "))
            };
            FindingRow {
                at: format::clock(s, f.issued_at),
                action: s.action_title(&f.action),
                showed,
                evidence: !names.is_empty(),
            }
        })
        .collect();
    rows.reverse();
    rows
}

/// One step of the real team's path, and where the room stands against it.
#[derive(Clone, Debug, PartialEq)]
pub struct PathStep {
    /// When the real team took it.
    pub at: String,
    /// What they did, named as the room's buttons name it.
    pub what: String,
    /// The write-up's note.
    pub note: String,
    pub room: Against,
}

/// The room against one step of the real team's path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Against {
    /// The room took the same action (any target), at this time, this many minutes after the real
    /// team (before them when negative).
    Took { at: String, minutes_late: i64 },
    /// The real team had taken it by now and the room has not, for this many minutes.
    Behind { minutes: u32 },
    /// The run is over and the room never took it.
    Missed,
    /// The real team's next step: what the facilitator may nudge the room towards.
    Next,
    /// Later in their path.
    Later,
}

/// The real team's path, each step with the room against it: the n-th time they took an action
/// is matched with the n-th time the room took it. No step is next once the run is over.
pub fn path(session: &Session) -> Vec<PathStep> {
    let s = &session.scenario;
    let now = session.tick();
    let over = session.ending().is_some();
    let mut used = vec![false; session.actions().len()];
    let mut next_named = over;
    s.reference
        .iter()
        .filter_map(|r| {
            let action = r.action.as_ref()?;
            let same = session.actions().iter().enumerate().find(|(i, taken)| {
                !used[*i]
                    && taken.action.kind == action.kind
                    && taken.action.custom == action.custom
            });
            let room = match same {
                Some((i, taken)) => {
                    used[i] = true;
                    Against::Took {
                        at: format::clock(s, taken.tick),
                        // In the clock's whole minutes, as the two times read.
                        minutes_late: i64::from(taken.tick / 60) - i64::from(r.tick / 60),
                    }
                }
                None if over => Against::Missed,
                None if r.tick < now => Against::Behind {
                    minutes: now / 60 - r.tick / 60,
                },
                None if !next_named => {
                    next_named = true;
                    Against::Next
                }
                None => Against::Later,
            };
            Some(PathStep {
                at: format::clock(s, r.tick),
                what: s.action_title(action),
                note: r.note.clone(),
                room,
            })
        })
        .collect()
}

/// Whether the room has done what an inject asked of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Response {
    /// Not sent yet.
    NotSent,
    /// The expected action came, at this time.
    Came(String),
    /// Not yet.
    Waiting,
    /// No action stands for it: the facilitator judges.
    Judge,
}

/// One of the scenario's injects, as the facilitator's console lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct InjectRow {
    pub inject: Inject,
    pub suggested: Option<String>,
    pub sent_at: Option<String>,
    pub response: Response,
    /// The fallback: what to send, and after how long (words).
    pub fallback: Option<String>,
    /// The room stalled: the wait is over and the fallback not yet sent (its id).
    pub stalled: Option<String>,
    /// This inject is the fallback of one the room stalled on (who that one is from): send this.
    pub send_for: Option<String>,
}

/// The scenario's injects with where each stands.
pub fn injects(session: &Session) -> Vec<InjectRow> {
    let s = &session.scenario;
    let now = session.tick();
    let sent = |id: &str| {
        session
            .injects()
            .iter()
            .find(|d| d.inject == id)
            .map(|d| d.tick)
    };
    let live = session.ending().is_none() && harm_goes_on(session);
    let mut rows = s
        .planned_injects
        .iter()
        .map(|inject| {
            let sent_tick = sent(&inject.id);
            let came = inject.expected_action.as_deref().and_then(|wanted| {
                let since = sent_tick?;
                session
                    .actions()
                    .iter()
                    .find(|a| a.tick >= since && a.action.id() == wanted)
                    .map(|a| a.tick)
            });
            let response = match (sent_tick, &inject.expected_action, came) {
                (None, _, _) => Response::NotSent,
                (Some(_), None, _) => Response::Judge,
                (Some(_), Some(_), Some(tick)) => Response::Came(format::clock(s, tick)),
                (Some(_), Some(_), None) => Response::Waiting,
            };
            // Stalled: an action was expected, the wait is over and it has not come, while the
            // run goes on and a fault still does harm (a room that fixed the cause another way
            // has not stalled; an ended run plays on to its time limit with nobody to stall).
            let stalled = inject.fallback.as_ref().filter(|f| {
                let waited = sent_tick.is_some_and(|t| now >= t + f.after_s);
                let expected = inject.expected_action.is_some();
                live && expected && waited && came.is_none() && sent(&f.inject).is_none()
            });
            InjectRow {
                suggested: inject.at.map(|t| format::clock(s, t)),
                sent_at: sent_tick.map(|t| format::clock(s, t)),
                response,
                fallback: inject.fallback.as_ref().map(|f| {
                    // Named as the table names it (who it is from), not by its id in the file.
                    let named = s.planned(&f.inject);
                    let what = named.map_or(f.inject.clone(), |i| format!("{}'s message", i.from));
                    format!(
                        "send {what} after {} min without the expected response",
                        f.after_s / 60
                    )
                }),
                stalled: stalled.map(|f| f.inject.clone()),
                send_for: None,
                inject: inject.clone(),
            }
        })
        .collect::<Vec<_>>();
    // The fallback to send is said on its own row, beside its button.
    let due: Vec<(String, String)> = rows
        .iter()
        .filter_map(|r| Some((r.stalled.clone()?, r.inject.from.clone())))
        .collect();
    for (id, from) in due {
        if let Some(fallback) = rows.iter_mut().find(|r| r.inject.id == id) {
            fallback.send_for = Some(from);
        }
    }
    rows
}
