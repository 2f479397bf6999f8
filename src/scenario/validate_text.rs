//! Validation of the text a scenario writes over the live world (custom actions' findings, its
//! own log lines): every placeholder, fault id and time is checked where it is written, and the
//! text the config keeps is the resolved one (see `sim::template`).

use crate::sim::clock::{parse_time_of_day, tick_of};
use crate::sim::template::{self, Names, TemplateError};

use super::checker::Checker;
use super::file::FaultFile;

/// The scenario's fault ids and clock, for a template's conditions.
struct ScenarioNames<'a> {
    faults: Vec<Option<&'a str>>,
    start_s_of_day: u32,
    duration_s: u32,
}

impl Names for ScenarioNames<'_> {
    fn fault(&self, id: &str) -> Option<u32> {
        let at = self.faults.iter().position(|f| *f == Some(id))?;
        u32::try_from(at).ok()
    }
    fn time(&self, hhmm: &str) -> Option<u32> {
        let tick = tick_of(self.start_s_of_day, parse_time_of_day(hhmm)?);
        (tick <= self.duration_s).then_some(tick)
    }
}

const HELP: &str = "placeholders: {time}, {host}, {metric:<id>}, {setting:<id>}, \
    {count:restarts|oom_kills|deploys|config_pushes}; conditions: {if active:<fault id>}...\
    {else}...{end}, also started:, cured:, after:HH:MM, before:HH:MM, and `not`; {{ and }} for braces";

/// A template as the config keeps it (resolved), checked at `place`; as written when it does
/// not read (the problem is reported).
pub fn template(checker: &mut Checker, place: &str, text: &str, faults: &[FaultFile]) -> String {
    let names = ScenarioNames {
        faults: faults.iter().map(|f| f.id.as_deref()).collect(),
        start_s_of_day: checker.start_s_of_day,
        duration_s: checker.duration_s,
    };
    resolved(checker, place, text, &names).unwrap_or_else(|| text.to_string())
}

fn resolved(
    checker: &mut Checker,
    place: &str,
    text: &str,
    names: &ScenarioNames,
) -> Option<String> {
    match template::resolve(text, names) {
        Ok(text) => Some(text),
        Err(error) => {
            let help = match &error {
                TemplateError::UnknownFault(_) => "name a fault by its `id` under [[faults]]",
                TemplateError::BadTime(_) => {
                    "write a local time inside the run as HH:MM, e.g. after:15:20"
                }
                _ => HELP,
            };
            checker.fail(place, error.to_string(), help);
            None
        }
    }
}
