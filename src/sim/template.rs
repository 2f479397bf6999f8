//! Text a scenario writes over the live world: a custom action's finding and its own log lines.
//! Placeholders (`{time}`, `{host}`, `{metric:error_rate_pct}`, `{setting:pool_size}`,
//! `{count:restarts}`) and conditions (`{if active:bad-push}200{else}60{end}`) are read when the
//! scenario is read, with fault ids and times resolved to indices and ticks (`#2`, `@4200`); the
//! resolved text is what the config keeps, so plain text stays as written. Rendering re-reads
//! that short text against the world at the moment the line is logged or the finding is shown:
//! one scan, no allocation beyond the output.

use super::clock::hhmm;
use super::config::Setting;
use super::events::{EventKind, EventLog};
use super::metrics::Metric;

/// What a template may count, from the run's events so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Count {
    /// Service processes started (restarts, deploys, new servers).
    Restarts,
    /// Processes the kernel killed for memory.
    OomKills,
    /// Releases rolled out.
    Deploys,
    /// Configuration changes pushed.
    ConfigPushes,
}

impl Count {
    pub const ALL: [Count; 4] = [
        Count::Restarts,
        Count::OomKills,
        Count::Deploys,
        Count::ConfigPushes,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Count::Restarts => "restarts",
            Count::OomKills => "oom_kills",
            Count::Deploys => "deploys",
            Count::ConfigPushes => "config_pushes",
        }
    }

    fn counts(self, kind: &EventKind) -> bool {
        match self {
            Count::Restarts => matches!(kind, EventKind::ServerStarted { .. }),
            Count::OomKills => matches!(kind, EventKind::OomKilled { .. }),
            Count::Deploys => matches!(kind, EventKind::Deploy { .. }),
            Count::ConfigPushes => matches!(kind, EventKind::ConfigPushed { .. }),
        }
    }
}

/// When a conditional part shows.
#[derive(Clone, Debug, PartialEq)]
enum Cond {
    /// The fault has started and is neither cured nor over.
    Active(u32),
    Started(u32),
    /// Cured, or over by itself.
    Cured(u32),
    After(u32),
    Before(u32),
    Not(Box<Cond>),
}

#[derive(Clone, Debug, PartialEq)]
enum Part {
    Text(String),
    Time,
    Host,
    Metric(Metric),
    Setting(Setting),
    Count(Count),
    If(Cond, Vec<Part>, Vec<Part>),
}

/// What is wrong with a template, for the validator to place.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum TemplateError {
    #[error("`{{{0}}}` is not a placeholder")]
    UnknownPlaceholder(String),
    #[error("no metric has id `{0}`")]
    UnknownMetric(String),
    #[error("no setting is called `{0}`")]
    UnknownSetting(String),
    #[error("no count is called `{0}`")]
    UnknownCount(String),
    #[error("no fault has id `{0}`")]
    UnknownFault(String),
    #[error("`{0}` is not a time of day in the run")]
    BadTime(String),
    #[error("`{0}` is not a condition")]
    BadCondition(String),
    #[error("an `{{if ...}}` has no `{{end}}`")]
    Unclosed,
    #[error("`{{{0}}}` has no `{{if ...}}` before it")]
    Stray(String),
    #[error("a `{{` is not closed by `}}`")]
    Open,
}

/// Turns the names a template uses into the run's indices and ticks.
pub trait Names {
    fn fault(&self, id: &str) -> Option<u32>;
    fn time(&self, hhmm: &str) -> Option<u32>;
}

/// The names of a resolved template: `#2` is fault 2, `@4200` tick 4200.
struct Resolved;

impl Names for Resolved {
    fn fault(&self, id: &str) -> Option<u32> {
        id.strip_prefix('#')?.parse().ok()
    }
    fn time(&self, hhmm: &str) -> Option<u32> {
        hhmm.strip_prefix('@')?.parse().ok()
    }
}

/// What a template reads of the world at the moment it is rendered.
pub trait Live {
    /// When the text is read (a log line's time, a finding's).
    fn tick(&self) -> u32;
    fn start_s_of_day(&self) -> u32;
    fn host(&self) -> &str;
    fn metric(&self, metric: Metric) -> Option<f64>;
    fn setting(&self, setting: Setting) -> f64;
    fn events(&self) -> &EventLog;
}

/// Reads a template as an author wrote it and gives it back resolved (fault ids and times as
/// the run's indices and ticks), or what is wrong with it.
pub fn resolve(text: &str, names: &dyn Names) -> Result<String, TemplateError> {
    let parts = parse(text, names)?;
    let mut out = String::new();
    print(&parts, &mut out);
    Ok(out)
}

/// A resolved template's text now. A text that does not read (it cannot: the scenario checked
/// it) is shown as it is.
pub fn render(text: &str, world: &dyn Live) -> String {
    if !text.contains(['{', '}']) {
        return text.to_string();
    }
    match parse(text, &Resolved) {
        Ok(parts) => {
            let mut out = String::new();
            fill(&parts, world, &mut out);
            out
        }
        Err(_) => text.to_string(),
    }
}

/// One frame per open `{if}`: its condition, its then-part, and its else-part once seen.
type Frame = (Cond, Vec<Part>, Option<Vec<Part>>);

fn parse(text: &str, names: &dyn Names) -> Result<Vec<Part>, TemplateError> {
    let mut top: Vec<Part> = Vec::new();
    let mut open: Vec<Frame> = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let cut = rest.find(['{', '}']).unwrap_or(rest.len());
        let (plain, tail) = rest.split_at(cut);
        push_text(current(&mut top, &mut open), plain);
        if let Some(after) = tail.strip_prefix("{{") {
            push_text(current(&mut top, &mut open), "{");
            rest = after;
        } else if let Some(after) = tail.strip_prefix("}}") {
            push_text(current(&mut top, &mut open), "}");
            rest = after;
        } else if let Some(after) = tail.strip_prefix('{') {
            let end = after.find('}').ok_or(TemplateError::Open)?;
            tag(after[..end].trim(), names, &mut top, &mut open)?;
            rest = &after[end + 1..];
        } else if tail.starts_with('}') {
            return Err(TemplateError::Open);
        } else {
            rest = tail;
        }
    }
    if open.is_empty() {
        Ok(top)
    } else {
        Err(TemplateError::Unclosed)
    }
}

fn current<'a>(top: &'a mut Vec<Part>, open: &'a mut [Frame]) -> &'a mut Vec<Part> {
    match open.last_mut() {
        Some((_, then, None)) => then,
        Some((_, _, Some(otherwise))) => otherwise,
        None => top,
    }
}

fn push_text(parts: &mut Vec<Part>, text: &str) {
    if text.is_empty() {
        return;
    }
    match parts.last_mut() {
        Some(Part::Text(t)) => t.push_str(text),
        _ => parts.push(Part::Text(text.to_string())),
    }
}

fn tag(
    inside: &str,
    names: &dyn Names,
    top: &mut Vec<Part>,
    open: &mut Vec<Frame>,
) -> Result<(), TemplateError> {
    if let Some(cond) = inside.strip_prefix("if ") {
        open.push((condition(cond.trim(), names)?, Vec::new(), None));
        return Ok(());
    }
    match inside {
        "else" => match open.last_mut() {
            Some((_, _, otherwise @ None)) => *otherwise = Some(Vec::new()),
            _ => return Err(TemplateError::Stray(inside.into())),
        },
        "end" => {
            let (cond, then, otherwise) = open.pop().ok_or(TemplateError::Stray(inside.into()))?;
            let part = Part::If(cond, then, otherwise.unwrap_or_default());
            current(top, open).push(part);
        }
        _ => {
            let part = placeholder(inside)?;
            current(top, open).push(part);
        }
    }
    Ok(())
}

fn placeholder(inside: &str) -> Result<Part, TemplateError> {
    let unknown = || TemplateError::UnknownPlaceholder(inside.into());
    Ok(match inside.split_once(':') {
        None if inside == "time" => Part::Time,
        None if inside == "host" => Part::Host,
        None => return Err(unknown()),
        Some(("metric", id)) => Part::Metric(
            Metric::from_id(id).ok_or_else(|| TemplateError::UnknownMetric(id.into()))?,
        ),
        Some(("setting", id)) => Part::Setting(
            Setting::from_id(id).ok_or_else(|| TemplateError::UnknownSetting(id.into()))?,
        ),
        Some(("count", id)) => Part::Count(
            Count::ALL
                .into_iter()
                .find(|c| c.id() == id)
                .ok_or_else(|| TemplateError::UnknownCount(id.into()))?,
        ),
        Some(_) => return Err(unknown()),
    })
}

fn condition(text: &str, names: &dyn Names) -> Result<Cond, TemplateError> {
    if let Some(inner) = text.strip_prefix("not ") {
        return Ok(Cond::Not(Box::new(condition(inner.trim(), names)?)));
    }
    let bad = || TemplateError::BadCondition(text.into());
    let (what, arg) = text.split_once(':').ok_or_else(bad)?;
    let fault = || {
        names
            .fault(arg)
            .ok_or(TemplateError::UnknownFault(arg.into()))
    };
    let time = || names.time(arg).ok_or(TemplateError::BadTime(arg.into()));
    Ok(match what {
        "active" => Cond::Active(fault()?),
        "started" => Cond::Started(fault()?),
        "cured" => Cond::Cured(fault()?),
        "after" => Cond::After(time()?),
        "before" => Cond::Before(time()?),
        _ => return Err(bad()),
    })
}

/// Prints parts back as template text, in resolved form.
fn print(parts: &[Part], out: &mut String) {
    for part in parts {
        match part {
            Part::Text(t) => out.push_str(&t.replace('{', "{{").replace('}', "}}")),
            Part::Time => out.push_str("{time}"),
            Part::Host => out.push_str("{host}"),
            Part::Metric(m) => out.push_str(&format!("{{metric:{}}}", m.id())),
            Part::Setting(s) => out.push_str(&format!("{{setting:{}}}", s.id())),
            Part::Count(c) => out.push_str(&format!("{{count:{}}}", c.id())),
            Part::If(cond, then, otherwise) => {
                out.push_str(&format!("{{if {}}}", print_cond(cond)));
                print(then, out);
                if !otherwise.is_empty() {
                    out.push_str("{else}");
                    print(otherwise, out);
                }
                out.push_str("{end}");
            }
        }
    }
}

fn print_cond(cond: &Cond) -> String {
    match cond {
        Cond::Active(f) => format!("active:#{f}"),
        Cond::Started(f) => format!("started:#{f}"),
        Cond::Cured(f) => format!("cured:#{f}"),
        Cond::After(t) => format!("after:@{t}"),
        Cond::Before(t) => format!("before:@{t}"),
        Cond::Not(inner) => format!("not {}", print_cond(inner)),
    }
}

fn fill(parts: &[Part], world: &dyn Live, out: &mut String) {
    for part in parts {
        match part {
            Part::Text(t) => out.push_str(t),
            Part::Time => out.push_str(&hhmm(world.start_s_of_day(), world.tick())),
            Part::Host => out.push_str(world.host()),
            Part::Metric(m) => out.push_str(&world.metric(*m).map_or("n/a".into(), number)),
            Part::Setting(s) => out.push_str(&number(world.setting(*s))),
            Part::Count(c) => {
                let events = world.events().between(0, world.tick());
                out.push_str(&events.filter(|e| c.counts(&e.kind)).count().to_string());
            }
            Part::If(cond, then, otherwise) => {
                let shown = if holds(cond, world) { then } else { otherwise };
                fill(shown, world, out);
            }
        }
    }
}

/// A value as a person writes it: whole numbers bare, others to one decimal.
fn number(value: f64) -> String {
    if (value - value.round()).abs() < 0.05 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

fn holds(cond: &Cond, world: &dyn Live) -> bool {
    let tick = world.tick();
    let seen = |fault: u32, cured: bool| {
        world.events().between(0, tick).any(|e| match e.kind {
            EventKind::FaultStarted { fault: f } => !cured && f == fault,
            EventKind::FaultCured { fault: f } | EventKind::FaultEnded { fault: f } => {
                cured && f == fault
            }
            _ => false,
        })
    };
    // On now: started, neither cured nor over, and not between two of its windows.
    let on = |fault: u32| {
        let mut on = false;
        for e in world.events().between(0, tick) {
            match e.kind {
                EventKind::FaultStarted { fault: f } | EventKind::FaultResumed { fault: f }
                    if f == fault =>
                {
                    on = true
                }
                EventKind::FaultPaused { fault: f }
                | EventKind::FaultCured { fault: f }
                | EventKind::FaultEnded { fault: f }
                    if f == fault =>
                {
                    on = false
                }
                _ => {}
            }
        }
        on
    };
    match cond {
        Cond::Active(f) => on(*f),
        Cond::Started(f) => seen(*f, false),
        Cond::Cured(f) => seen(*f, true),
        Cond::After(t) => tick >= *t,
        Cond::Before(t) => tick < *t,
        Cond::Not(inner) => !holds(inner, world),
    }
}
