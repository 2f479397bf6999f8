//! Scenarios: the TOML format team leads write, its validation (every error located), the
//! reference timeline of the real incident, and the built-in library.

mod checker;
pub mod error;
mod faults;
pub mod file;
mod hosts;
mod ids;
pub mod import;
mod injects;
pub mod library;
mod locate;
pub mod model;
pub mod packed;
#[cfg(not(target_arch = "wasm32"))]
pub mod reference;
pub mod script;
pub mod units;
mod validate;
pub mod validate_actions;
mod validate_debrief;
mod validate_deps;
mod validate_fleet;
mod validate_links;
mod validate_lists;
mod validate_scale;
mod validate_text;
mod validate_traffic;
mod zones;

pub use error::{Diagnostic, LoadError, ScenarioErrors, SourceMap};
pub use injects::{Fallback, Inject, InjectKind, FALLBACK_AFTER_S};
pub use model::*;

/// The scenario's date as people write it: `June 11, 2025`, or `May 10 (year not known)`.
pub fn date_words(date: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match checker::parse_date(date) {
        Some((Some(y), m, d)) => format!("{} {d}, {y}", MONTHS[m as usize - 1]),
        Some((None, m, d)) => format!("{} {d} (year not known)", MONTHS[m as usize - 1]),
        None => date.to_string(),
    }
}

use crate::sim::hash::StableHasher;
use crate::sim::{
    AlertRule, CustomAction, DatabaseConfig, DependencyConfig, Fault, FleetConfig, Hypothesis,
    PaymentConfig, SimConfig,
};
use checker::{Checker, Problem};
use locate::Located;

/// Parses and validates a scenario. `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<Scenario, ScenarioErrors> {
    let map = SourceMap::new(text);
    let fail = |offset: Option<usize>, path: String, message: String, help: Option<String>| {
        ScenarioErrors {
            diagnostics: vec![map.diagnostic(file, offset, path, message, help)],
        }
    };
    let located = Located::parse(text).map_err(|(message, offset)| {
        let (message, help) = syntax_help(text, offset, message);
        fail(offset, String::new(), message, Some(help))
    })?;
    let (parsed, mut diagnostics) = read_fields(file, text, &located, &map);
    let Some(parsed) = parsed else {
        return Err(ScenarioErrors { diagnostics });
    };
    let mut checker = Checker::default();
    let scenario = build(&mut checker, &parsed, text);
    if checker.problems.is_empty() && diagnostics.is_empty() {
        return Ok(scenario);
    }
    let semantic = checker
        .problems
        .into_iter()
        .map(
            |Problem {
                 path,
                 message,
                 help,
             }| {
                let offset = located.span_of(&path).start;
                map.diagnostic(file, Some(offset), path, message, help)
            },
        )
        .collect::<Vec<_>>();
    diagnostics.extend(semantic);
    Err(ScenarioErrors { diagnostics })
}

/// Most misspelt fields one reading reports before it gives up on the file.
const MAX_UNKNOWN_FIELDS: usize = 50;

/// The file's fields read into their types. A misspelt field does not hide the rest: it is
/// reported, blanked out (offsets kept, so every place stays where it was) and the file read
/// again, so its meaning is checked too. Any other type error ends the reading (`None`).
fn read_fields(
    file: &str,
    text: &str,
    located: &Located,
    map: &SourceMap,
) -> (Option<file::ScenarioFile>, Vec<Diagnostic>) {
    let mut working = text.to_string();
    let mut diagnostics = Vec::new();
    loop {
        let e = match toml::from_str::<file::ScenarioFile>(&working) {
            Ok(parsed) => return (Some(parsed), diagnostics),
            Err(e) => e,
        };
        let offset = e.span().map(|s| s.start);
        let path = offset.map(|o| located.path_at(o)).unwrap_or_default();
        let (message, help) = (serde_message(e.message()), serde_help(e.message()));
        diagnostics.push(map.diagnostic(file, offset, path.clone(), message, Some(help)));
        let Some(start) = offset else {
            return (None, diagnostics);
        };
        // A misspelt key with its value; a misspelt table's header would leave its keys to the
        // table above, so that ends the reading.
        let header = working[start..].starts_with('[');
        if !e.message().starts_with("unknown field")
            || header
            || diagnostics.len() >= MAX_UNKNOWN_FIELDS
        {
            return (None, diagnostics);
        }
        let end = located.span_of(&path).end.max(start + 1);
        let blank: String = working[start..end]
            .chars()
            .map(|c| if c == '\n' { c } else { ' ' })
            .collect();
        working.replace_range(start..end, &blank);
    }
}

/// A TOML syntax error in words for the case people meet most: a number written with its unit
/// (`5%`, `2GB`), which TOML reads as an unquoted string.
fn syntax_help(text: &str, offset: Option<usize>, message: String) -> (String, String) {
    let token: String = offset
        .and_then(|o| text.get(o..))
        .map(|rest| {
            rest.chars()
                .take_while(|c| !c.is_whitespace() && *c != '#')
                .collect()
        })
        .unwrap_or_default();
    let numeric = token.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.');
    if message.contains("must be quoted") && numeric {
        let digits: String = token
            .chars()
            .take_while(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | '_'))
            .collect();
        return (
            format!("`{token}` is not a number: a number here is written bare, without a unit or %"),
            format!("write {digits}; the field's name gives its unit (`_pct` is percent, `_ms` milliseconds)"),
        );
    }
    (
        message,
        "this is not valid TOML; see https://toml.io for the syntax".into(),
    )
}

/// The parser's message, with a missing field said to be required (which is why it is an error).
fn serde_message(message: &str) -> String {
    let message = message.trim();
    match message.strip_prefix("missing field ") {
        Some(field) => format!("missing field {field}: it is required in this table"),
        None => message.to_string(),
    }
}

fn serde_help(message: &str) -> String {
    if message.starts_with("unknown field") {
        "check the spelling; the fields this table takes are listed after `expected`".into()
    } else if message.starts_with("missing field") {
        "add the field to this table".into()
    } else if message.starts_with("invalid type") {
        "check the value's type: text goes in quotes, numbers and true/false do not".into()
    } else {
        "see the scenario format in the README".into()
    }
}

/// The servers and everything they call.
fn service(
    checker: &mut Checker,
    raw: &file::ScenarioFile,
) -> (
    FleetConfig,
    DatabaseConfig,
    PaymentConfig,
    Vec<DependencyConfig>,
) {
    let fleet = validate_fleet::fleet(checker, &raw.fleet, &raw.faults);
    let (database, payment) = validate::dependencies(checker, &raw.database, raw.payment.as_ref());
    let dependencies = validate_deps::dependencies(checker, &raw.dependencies, &fleet);
    let database = validate_links::database(checker, &raw.database, database, &dependencies);
    (fleet, database, payment, dependencies)
}

fn build(checker: &mut Checker, raw: &file::ScenarioFile, text: &str) -> Scenario {
    let meta = validate::meta(checker, &raw.scenario);
    let (clock, duration_s, scrape_interval_s) = validate::clock(checker, &raw.clock);
    let traffic = validate_traffic::traffic(checker, &raw.traffic);
    let (fleet, database, payment, dependencies) = service(checker, raw);
    validate_scale::scale(checker, &fleet, &traffic, (duration_s, scrape_interval_s));
    let (slo, response) = validate::slo_and_response(checker, &raw.slo, &raw.response);
    let faults = faults::faults(checker, &raw.faults, &fleet, &dependencies);
    validate::sales(checker, &raw.traffic, &payment, &faults);
    let mut custom_actions = validate_actions::custom_actions(
        checker,
        &raw.custom_actions,
        &raw.faults,
        &faults,
        &dependencies,
    );
    let alerts = validate_lists::alerts(checker, &raw.alerts);
    let action_durations_s = validate_lists::overrides(checker, &raw.actions, &custom_actions);
    let mut hypotheses = validate_lists::hypotheses(checker, &raw.hypotheses);
    validate_debrief::revealers(
        checker,
        (&raw.hypotheses, &mut hypotheses),
        (&raw.custom_actions, &mut custom_actions),
    );
    let lists = (&alerts[..], &hypotheses[..], &custom_actions[..]);
    let hosts = (&fleet, &database, &dependencies[..]);
    let (milestones, hints, reference, ids) = timeline(checker, raw, &meta, lists, hosts);
    let (hypothesis_evidence, lessons, corrective_measures, calibration) =
        debrief(checker, raw, &hypotheses, &faults, &custom_actions, &ids);
    let planned_injects = injects::injects(checker, &raw.injects, &custom_actions);
    let deploy_history = deploys(checker, raw);
    Scenario {
        seed: raw.clock.seed,
        currency: raw.traffic.currency.clone(),
        hypothesis_explanations: validate_lists::explanations(&raw.hypotheses),
        hypothesis_evidence,
        lessons,
        corrective_measures,
        config: SimConfig {
            start_s_of_day: clock.start_s_of_day,
            duration_s,
            scrape_interval_s,
            traffic,
            fleet,
            database,
            payment,
            dependencies,
            slo,
            faults,
            alerts,
            hypotheses,
            deploy_history,
            response,
            action_durations_s,
            custom_actions,
            variation: raw
                .variation
                .as_ref()
                .map(|v| validate_debrief::variation(checker, v, raw.clock.seed)),
        },
        meta,
        clock,
        milestones,
        reference,
        content_hash: content_hash(text),
        calibration,
        hints,
        planned_injects,
    }
}

/// The release history, and the faults that a release brought in named in it.
fn deploys(checker: &mut Checker, raw: &file::ScenarioFile) -> Vec<crate::sim::DeployRecord> {
    let history = validate::deploys(checker, &raw.deploys);
    faults::latent_deploys(checker, &raw.faults, &history);
    history
}

/// The stable hash of a scenario file's text (a run names its scenario by it).
fn content_hash(text: &str) -> u64 {
    let mut hasher = StableHasher::default();
    hasher.bytes(text.as_bytes());
    hasher.finish()
}

/// Each cause's evidence, the lessons, the corrective measures and the calibration.
type Debrief = (
    Vec<Vec<String>>,
    Vec<Learning>,
    Vec<Learning>,
    Option<Calibration>,
);

/// What the debrief holds: each cause's evidence, what the real team learned and changed, and
/// the figures the reference replay must reproduce.
fn debrief(
    checker: &mut Checker,
    raw: &file::ScenarioFile,
    hypotheses: &[Hypothesis],
    faults: &[Fault],
    custom_actions: &[CustomAction],
    source_ids: &[String],
) -> Debrief {
    let hypothesis_evidence =
        validate_debrief::evidence(checker, &raw.hypotheses, hypotheses, faults, custom_actions);
    let lessons = validate_debrief::learnings(checker, "lessons", &raw.lessons, source_ids);
    let corrective_measures = validate_debrief::learnings(
        checker,
        "corrective_measures",
        &raw.corrective_measures,
        source_ids,
    );
    let calibration = raw
        .calibration
        .as_ref()
        .map(|k| validate_debrief::calibration(checker, k, source_ids));
    (
        hypothesis_evidence,
        lessons,
        corrective_measures,
        calibration,
    )
}

/// The run's milestones, hints and the real team's timeline (with the sources' ids), checked
/// against the alerts, causes and actions they name and the hosts they act on.
fn timeline(
    checker: &mut Checker,
    raw: &file::ScenarioFile,
    meta: &Meta,
    (alerts, hypotheses, custom_actions): (&[AlertRule], &[Hypothesis], &[CustomAction]),
    (fleet, database, dependencies): (&FleetConfig, &DatabaseConfig, &[DependencyConfig]),
) -> (Vec<Milestone>, Vec<Hint>, Vec<ReferenceEntry>, Vec<String>) {
    let milestones =
        validate_lists::milestones(checker, &raw.milestones, alerts, hypotheses, custom_actions);
    let hints = validate_lists::hints(checker, &raw.hints, alerts, hypotheses, custom_actions);
    let source_ids: Vec<String> = meta.sources.iter().map(|s| s.id.clone()).collect();
    let reference = validate_lists::reference(
        checker,
        &raw.reference,
        &milestones,
        &source_ids,
        custom_actions,
    );
    let dependency_hosts: Vec<&str> = std::iter::once(database.host.as_str())
        .chain(dependencies.iter().map(|d| d.host.as_str()))
        .collect();
    validate_lists::reference_targets(
        checker,
        &reference,
        fleet,
        hypotheses,
        custom_actions,
        &dependency_hosts,
    );
    (milestones, hints, reference, source_ids)
}

/// A built-in scenario by id, or (natively) a scenario file by path.
pub fn load(spec: &str) -> Result<Scenario, LoadError> {
    if let Some(text) = library::builtin_text(spec) {
        return parse(&format!("{spec}.toml"), text).map_err(LoadError::Invalid);
    }
    match std::fs::read_to_string(spec) {
        Ok(text) => parse(spec, &text).map_err(LoadError::Invalid),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(LoadError::NotFound {
            id: spec.to_string(),
            known: library::ids().collect::<Vec<_>>().join(", "),
        }),
        Err(e) => Err(LoadError::Read {
            path: spec.to_string(),
            reason: e.to_string(),
        }),
    }
}

/// The JSON Schema of scenario files, for editors (TOML language servers read it through a
/// `#:schema` comment at the top of a file). Committed as `schema/scenario.schema.json`.
#[cfg(not(target_arch = "wasm32"))]
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(file::ScenarioFile);
    let mut text = serde_json::to_string_pretty(&schema).expect("schemas serialise");
    text.push('\n');
    text
}
