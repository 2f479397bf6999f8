//! Numbers and times as the screens print them.

use crate::scenario::Scenario;
use crate::sim::clock::{hhmm, hhmmss};
use crate::sim::Trace;

/// `14:37 WAT`.
pub fn clock(scenario: &Scenario, tick: u32) -> String {
    format!(
        "{} {}",
        hhmm(scenario.clock.start_s_of_day, tick),
        scenario.clock.time_zone
    )
}

/// The system as the briefing lists it, in the scenario's own terms: its servers (runtime,
/// service, hosts) behind the load balancer, its database, the payment gateway if it has one,
/// and its other dependencies.
pub fn system(scenario: &Scenario) -> Vec<String> {
    let c = &scenario.config;
    let hosts: Vec<String> = (0..c.fleet.servers).map(|i| c.fleet.host_name(i)).collect();
    let hosts = match hosts.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [first, .., last] if hosts.len() > 3 => format!("{first} .. {last}"),
        all => all.join(", "),
    };
    let mut out = vec![format!(
        "{} {} server(s) running {} ({hosts}) behind a load balancer ({} failed checks, {} s apart, take one out)",
        c.fleet.servers,
        c.fleet.runtime.id(),
        c.fleet.service,
        c.fleet.lb.unhealthy_threshold,
        c.fleet.lb.health_interval_s
    )];
    out.push(format!(
        "A database on {} (pool of {} connections)",
        c.database.host, c.database.pool_size
    ));
    if c.payment.present {
        out.push("A payment gateway".to_string());
    }
    for d in &c.dependencies {
        out.push(format!("{} ({}, on {})", d.name, d.kind.id(), d.host));
    }
    out
}

/// `14:37:05`.
pub fn clock_seconds(scenario: &Scenario, tick: u32) -> String {
    hhmmss(scenario.clock.start_s_of_day, tick)
}

/// A duration as `M:SS` under an hour, `H:MM:SS` above.
pub fn duration(secs: u32) -> String {
    let (h, m, s) = (secs / 3600, (secs % 3600) / 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A cost in simulated time, as the action menu shows it: `30 s`, `2 min`, `1 min 30 s`.
pub fn cost(secs: u32) -> String {
    match (secs / 60, secs % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

/// When the first page went out (see `score::phases::first_page`).
pub use crate::score::phases::first_page;

/// "paged 12:04 ago", or "not paged yet": how long the on-call has had the incident (a "page"
/// alone read as the web page).
pub fn since_page(scenario: &Scenario, trace: &Trace, tick: u32) -> String {
    match first_page(scenario, trace) {
        Some(t) => format!("paged {} ago", duration(tick.saturating_sub(t))),
        None => "not paged yet".into(),
    }
}

/// A score as every screen shows it (the library's best, the debrief's score and its "your best"):
/// a whole number, rounded as `Debrief::score_whole` rounds.
pub fn score(value: f64) -> String {
    crate::score::debrief::whole_score(value).to_string()
}

/// What a library card says of the trainee's best: "score 69 · resolved at 16:37 WAT · 3
/// attempt(s)".
pub fn best(scenario: Option<&Scenario>, result: &crate::ui::storage::BestResult) -> String {
    let resolved = match (scenario, result.restored_at) {
        (Some(s), Some(t)) => format!("resolved at {}", clock(s, t)),
        _ => "not resolved yet".to_string(),
    };
    let score = result
        .score
        .map_or(String::new(), |x| format!("score {} · ", self::score(x)));
    format!("{score}{resolved} · {} attempt(s)", result.attempts)
}

/// A percentage with one decimal under 10, none above.
pub fn pct(value: f64) -> String {
    if value < 9.95 {
        format!("{value:.1}%")
    } else {
        format!("{value:.0}%")
    }
}

/// Milliseconds as `850 ms` or `10.0 s`.
pub fn ms(value: f64) -> String {
    if value < 1000.0 {
        format!("{value:.0} ms")
    } else {
        format!("{:.1} s", value / 1000.0)
    }
}

/// What a library card says about length: how long the real incident ran and how long playing it
/// takes at 10x.
pub fn expected_length(scenario: &Scenario) -> String {
    let restored = scenario
        .milestones
        .iter()
        .find(|m| m.trigger == crate::scenario::MilestoneTrigger::Restored)
        .and_then(|m| scenario.reference_tick(&m.id));
    match restored {
        Some(t) => format!(
            "the real team had it back by {}; about {} min to play at 10x",
            clock(scenario, t),
            (t / 10).div_ceil(60)
        ),
        None => format!(
            "up to {} h {:02} min; about {} min to play at 10x",
            scenario.config.duration_s / 3600,
            scenario.config.duration_s % 3600 / 60,
            (scenario.config.duration_s / 10).div_ceil(60)
        ),
    }
}

/// A large amount, short enough for a status cell: `9,870`, `123.4 k`, `99.8 M`, `1.2 B`.
pub fn compact(value: f64) -> String {
    match value {
        v if v < 10_000.0 => crate::sim::render::thousands(v),
        v if v < 1e6 => format!("{:.1} k", v / 1e3),
        v if v < 1e9 => format!("{:.1} M", v / 1e6),
        v => format!("{:.2} B", v / 1e9),
    }
}

/// What a card says for a facilitator planning a drill: how many injects the scenario lists. The
/// author's tags are not on the card: authors tag by mechanism (`regex`, `connection-pool`,
/// `rollback`), which would hand out the answer.
pub fn drill_note(scenario: &Scenario) -> String {
    match scenario.planned_injects.len() {
        0 => "No injects for a facilitated drill".to_string(),
        1 => "Facilitated drill: 1 inject".to_string(),
        n => format!("Facilitated drill: {n} injects"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_names_no_tag_and_says_what_a_facilitator_can_send() {
        let s = crate::scenario::library::builtin("ecommerce-memory-leak").unwrap();
        assert!(s.meta.tags.iter().any(|t| t == "memory-leak"));
        assert_eq!(drill_note(&s), "Facilitated drill: 4 injects");
        for id in crate::scenario::library::ids() {
            let s = crate::scenario::library::builtin(id).unwrap();
            assert!(
                !s.planned_injects.is_empty(),
                "{id}: every built-in can be a drill"
            );
        }
    }

    #[test]
    fn a_score_reads_the_same_on_every_screen() {
        // Formatting rounds half to even; the debrief rounds half up. One rule for both.
        assert_eq!(format!("{:.0}", 68.5), "68");
        assert_eq!(score(68.5), "69");
        assert_eq!(score(68.49), "68");
        assert_eq!(score(100.4), "100");
        let shop = crate::scenario::library::builtin("ecommerce-memory-leak").unwrap();
        let d =
            crate::score::debrief::Debrief::compute(&shop, shop.seed, &shop.reference_actions());
        assert_eq!(score(d.score), d.score_whole().to_string());
        let r = crate::ui::storage::BestResult {
            scenario_id: shop.meta.id.clone(),
            restored_at: Some(600),
            attempts: 2,
            score: Some(68.5),
        };
        assert_eq!(
            best(Some(&shop), &r),
            format!(
                "score 69 · resolved at {} · 2 attempt(s)",
                clock(&shop, 600)
            )
        );
        let never = crate::ui::storage::BestResult {
            restored_at: None,
            score: None,
            ..r
        };
        assert_eq!(best(Some(&shop), &never), "not resolved yet · 2 attempt(s)");
    }

    #[test]
    fn the_system_is_described_in_the_scenarios_own_terms() {
        let shop = crate::scenario::library::builtin("ecommerce-memory-leak").unwrap();
        let lines = system(&shop);
        assert!(lines[0].starts_with("4 jvm server(s) running"), "{lines:?}");
        assert!(lines[0].contains("(app-1 .. app-4)"), "{lines:?}");
        assert!(lines.iter().any(|l| l == "A payment gateway"), "{lines:?}");
        let photos = crate::scenario::library::builtin("first-shift").unwrap();
        let lines = system(&photos);
        assert!(
            lines[0].starts_with("3 node server(s) running photos-api (api-1, api-2, api-3)"),
            "{lines:?}"
        );
        assert!(
            !lines.iter().any(|l| l.contains("payment")),
            "sells nothing: {lines:?}"
        );
        let deps = crate::scenario::library::builtin("slow-recommendations").unwrap();
        assert!(system(&deps).len() > 2);
    }

    #[test]
    fn the_library_says_how_long_an_incident_takes() {
        let s = crate::scenario::library::builtin("ecommerce-memory-leak").unwrap();
        assert_eq!(
            expected_length(&s),
            "the real team had it back by 16:40 WAT; about 16 min to play at 10x"
        );
    }

    #[test]
    fn formats() {
        assert_eq!(duration(65), "1:05");
        assert_eq!(duration(3_725), "1:02:05");
        assert_eq!(cost(30), "30 s");
        assert_eq!(cost(120), "2 min");
        assert_eq!(cost(90), "1 min 30 s");
        assert_eq!(pct(4.25), "4.2%");
        assert_eq!(pct(79.8), "80%");
        assert_eq!(ms(850.0), "850 ms");
        assert_eq!(ms(10_000.0), "10.0 s");
        assert_eq!(compact(9_870.4), "9,870");
        assert_eq!(compact(99_804_918.0), "99.8 M");
        assert_eq!(compact(1_234_000_000.0), "1.23 B");
    }
}
