//! Checks a parsed file's meaning, collecting every problem (not just the first), and builds the
//! simulation config from it.

use crate::sim::clock::parse_time_of_day;
use crate::sim::*;

use super::checker::Checker;
use super::file::*;
use super::model::{Clock, Difficulty, Meta, Source};
use super::units::parse_duration;

pub fn meta(checker: &mut Checker, meta: &MetaFile) -> Meta {
    let difficulty = Difficulty::from_id(&meta.difficulty).unwrap_or_else(|| {
        checker.fail(
            "scenario.difficulty",
            format!("unknown difficulty `{}`", meta.difficulty),
            format!("use one of: {}", Difficulty::IDS.join(", ")),
        );
        Difficulty::Intermediate
    });
    let sources: Vec<Source> = meta
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let url = s.url.clone();
            if let Some(u) = &url {
                if !(u.starts_with("https://") || u.starts_with("http://"))
                    || u.contains(char::is_whitespace)
                {
                    checker.fail(
                        format!("scenario.sources[{i}].url"),
                        format!("`{u}` is not a web address"),
                        "write the full address, starting with https://",
                    );
                }
            }
            Source {
                id: checker.not_empty(&format!("scenario.sources[{i}].id"), &s.id),
                title: s.title.clone(),
                url,
                note: s.note.clone(),
            }
        })
        .collect();
    if let Some(f) = &meta.follows {
        if !sources.iter().any(|s| &s.id == f) {
            checker.fail(
                "scenario.follows",
                format!("no source has id `{f}`"),
                "name one of the ids under [[scenario.sources]]",
            );
        }
    }
    Meta {
        id: checker.id("scenario.id", &meta.id),
        title: checker.not_empty("scenario.title", &meta.title),
        summary: meta.summary.clone(),
        difficulty,
        tags: meta.tags.clone(),
        briefing: checker.not_empty("scenario.briefing", &meta.briefing),
        sources,
        follows: meta.follows.clone(),
    }
}

pub fn clock(checker: &mut Checker, given: &ClockFile) -> (Clock, u32, u32) {
    let start = parse_time_of_day(&given.start).unwrap_or_else(|| {
        checker.fail(
            "clock.start",
            format!("`{}` is not a time of day", given.start),
            "write 24-hour local time as HH:MM, for example \"14:00\"",
        );
        0
    });
    checker.start_s_of_day = start;
    let limit = checker.duration("clock.time_limit", &given.time_limit);
    if parse_duration(&given.time_limit).is_some() && (limit == 0 || limit > 7 * 86_400) {
        checker.fail(
            "clock.time_limit",
            format!(
                "must be between 1s and 7 days, found `{}`",
                given.time_limit
            ),
            "a training run usually lasts a few hours, e.g. \"4h\"",
        );
    }
    let scrape = checker.duration("clock.scrape_interval", &given.scrape_interval);
    if parse_duration(&given.scrape_interval).is_some() && (scrape == 0 || scrape > 300) {
        checker.fail(
            "clock.scrape_interval",
            format!(
                "must be between 1s and 5m, found `{}`",
                given.scrape_interval
            ),
            "monitoring usually scrapes every 10s to 60s",
        );
    }
    checker.duration_s = limit;
    checker.date("clock.date", &given.date);
    checker.run_date = given.date.clone();
    checker.run_start = given.start.clone();
    checker.utc_offset("clock.utc_offset", &given.utc_offset);
    super::zones::check(checker, &given.time_zone, &given.utc_offset, &given.date);
    let clock = Clock {
        date: given.date.clone(),
        start_s_of_day: start,
        time_zone: checker.not_empty("clock.time_zone", &given.time_zone),
        utc_offset: given.utc_offset.clone(),
    };
    (clock, limit, scrape.max(1))
}

pub fn dependencies(
    checker: &mut Checker,
    database: &DatabaseFile,
    given: Option<&PaymentFile>,
) -> (DatabaseConfig, PaymentConfig) {
    let db = DatabaseConfig {
        pool_size: checker.at_least(
            "database.pool_size",
            database.pool_size,
            1,
            "a pool needs at least one connection",
        ),
        query_ms: checker.positive("database.query_ms", database.query_ms),
        queries_per_request: checker
            .non_negative("database.queries_per_request", database.queries_per_request),
        max_wait_ms: checker.positive("database.max_wait_ms", database.max_wait_ms),
        held_per_worker: database
            .held_per_worker
            .map_or(0.0, |v| checker.non_negative("database.held_per_worker", v)),
        host: match &database.host {
            Some(h) => checker.id("database.host", h),
            None => "db-1".into(),
        },
        // Read once the scenario's own dependencies are (`validate_links`).
        depends_on: Vec::new(),
    };
    let payment = match given {
        Some(given) => PaymentConfig {
            latency_ms: checker.positive("payment.latency_ms", given.latency_ms),
            timeout_ms: checker.positive("payment.timeout_ms", given.timeout_ms),
            error_share: checker.range("payment.error_fraction", given.error_share, 0.0, 1.0),
            present: true,
        },
        None => PaymentConfig {
            latency_ms: 0.0,
            timeout_ms: 1.0,
            error_share: 0.0,
            present: false,
        },
    };
    (db, payment)
}

/// What a service sells and how it is paid for must agree: orders need a currency to count
/// revenue in, and a payment fault needs a gateway.
pub fn sales(
    checker: &mut Checker,
    traffic: &TrafficFile,
    payment: &PaymentConfig,
    faults: &[Fault],
) {
    if traffic.orders_per_1k_requests > 0.0 && traffic.currency.trim().is_empty() {
        checker.fail(
            "traffic.currency",
            "orders are sold, so revenue needs a currency",
            "add `currency = \"EUR\"` (any code your team uses), or set orders_per_1k_requests = 0",
        );
    }
    if !payment.present {
        for (i, f) in faults.iter().enumerate() {
            if f.kind.slowdown_of(Dependency::Payment).is_some() {
                checker.fail(
                    format!("faults[{i}].dependency"),
                    "this scenario has no payment gateway",
                    "add a [payment] section, or slow another dependency",
                );
            }
        }
    }
}

pub fn slo_and_response(
    checker: &mut Checker,
    slo_file: &SloFile,
    response_file: &ResponseFile,
) -> (SloConfig, ResponseConfig) {
    let slo = SloConfig {
        error_rate_pct: checker.range("slo.error_rate_pct", slo_file.error_rate_pct, 0.0, 100.0),
        latency_ms_p95: checker.positive("slo.latency_p95_ms", slo_file.latency_ms_p95),
        restore_window_s: checker.duration("slo.restore_window", &slo_file.restore_window),
        outage_error_rate_pct: checker.range(
            "slo.outage_error_rate_pct",
            slo_file.outage_error_rate_pct,
            0.0,
            100.0,
        ),
        affected_window_s: checker
            .duration("slo.affected_window", &slo_file.affected_window)
            .max(1),
    };
    if slo.outage_error_rate_pct <= slo.error_rate_pct {
        checker.fail(
            "slo.outage_error_rate_pct",
            format!("must be above slo.error_rate_pct ({})", slo.error_rate_pct),
            "an outage starts at a worse error rate than the SLO allows",
        );
    }
    let response = ResponseConfig {
        developers_response_s: checker.duration(
            "response.developers_response",
            &response_file.developers_response,
        ),
        fix_deploy_s: checker.duration("response.fix_deploy", &response_file.fix_deploy),
        rollback_s: checker.duration("response.rollback", &response_file.rollback),
        escalate_to: response_file
            .escalate_to
            .as_ref()
            .map(|who| checker.not_empty("response.escalate_to", who)),
        page_title: response_file
            .escalate_to
            .as_ref()
            .map(|who| format!("Page {}", who.trim())),
    };
    (slo, response)
}

/// Deploys made before the run: `when` is a date and a time (`May 10 12:30`), at or before the
/// run's start when it is on the run's date.
pub fn deploys(checker: &mut Checker, list: &[DeployFile]) -> Vec<DeployRecord> {
    for (i, d) in list.iter().enumerate() {
        checker.before_start(
            &format!("deploys[{i}].when"),
            &d.when,
            "deploys listed here happened before the run; a deploy during it is a fault's `deploy`",
        );
    }
    list.iter()
        .map(|d| DeployRecord {
            when: d.when.clone(),
            version: d.version.clone(),
            summary: d.summary.clone(),
        })
        .collect()
}
