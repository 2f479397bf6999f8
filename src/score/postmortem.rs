//! The postmortem draft: a run written up in the structure of the seed write-ups (Issue Summary,
//! Timeline, Root Cause, Resolution and Recovery, Corrective and Preventative Measures) plus the
//! comparison with the real team. Markdown, filled from data by fixed templates.

use std::fmt::Write;

use crate::scenario::Scenario;
use crate::sim::render::{finding_text, thousands};
use crate::sim::{Category, EventKind, Outage, Trace};

use super::debrief::Debrief;
use super::phases::Phase;
use super::text::{duration_words, gained_words};

/// Appends one line (writing to a `String` cannot fail).
macro_rules! line {
    ($o:expr) => {{
        $o.push('\n');
    }};
    ($o:expr, $($arg:tt)*) => {{
        let _ = writeln!($o, $($arg)*);
    }};
}

/// The draft for one run. `own_measures` are the trainee's, typed on the debrief.
pub fn draft(
    scenario: &Scenario,
    debrief: &Debrief,
    trace: &Trace,
    own_measures: &[String],
) -> String {
    let mut o = String::new();
    line!(o, "# Postmortem: {}", debrief.header.title);
    line!(o);
    line!(
        o,
        "_Draft written from a training run of `{}` (seed {}, trace {}). Replay it with `incident-sim score {} --seed {} --actions FILE`._",
        debrief.header.scenario, debrief.header.seed, debrief.header.trace_hash, debrief.header.scenario, debrief.header.seed
    );
    summary(&mut o, scenario, debrief, trace);
    timeline(&mut o, scenario, trace);
    root_cause(&mut o, scenario, debrief, trace);
    resolution(&mut o, scenario, debrief, trace);
    measures(&mut o, debrief, own_measures);
    comparison(&mut o, debrief);
    o
}

fn summary(out: &mut String, scenario: &Scenario, debrief: &Debrief, trace: &Trace) {
    let i = &debrief.run.impact;
    line!(out, "\n## Issue Summary\n");
    let (zone, date) = (&scenario.clock.time_zone, &scenario.clock.date);
    let outages = trace.events.outages();
    let limit = scenario.config.duration_s;
    let end_of = |o: &Outage| o.back.map_or(limit, |(since, _)| since);
    match (outages.first(), outages.last()) {
        (Some(first), Some(last)) => {
            let from = scenario.hhmm(first.start);
            let span = match last.back {
                Some((since, _)) => format!("{from} to {}", scenario.hhmm(since)),
                None => format!(
                    "from {from}; not restored by {}, when the exercise ended",
                    scenario.hhmm(limit)
                ),
            };
            line!(out, "- **Date and time:** {date}, {span} ({zone})");
            let out_for: u32 = outages.iter().map(|o| end_of(o) - o.start).sum();
            let open = if last.back.is_none() { "over " } else { "" };
            let times = if outages.len() > 1 {
                format!(" in {} outages", outages.len())
            } else {
                String::new()
            };
            line!(
                out,
                "- **Duration:** {open}{}{times}",
                duration_words(out_for)
            );
        }
        _ => line!(out, "- **Date and time:** {date}: no outage in this run"),
    }
    let onset = debrief.onset.as_ref().map_or(0, |o| o.tick);
    for own in outages.iter().filter(|o| o.over_by(onset)) {
        line!(
            out,
            "- **Outage of the run's own making:** {} to {}, before the incident's outage would have begun ({})",
            scenario.hhmm(own.start),
            scenario.hhmm(end_of(own)),
            scenario.hhmm(onset)
        );
    }
    line!(out, "- **Incident:** {}", scenario.meta.summary);
    let sales = if debrief.sells {
        format!(
            "; {} orders failed ({} {} of revenue lost)",
            thousands(i.failed_orders),
            debrief.header.currency,
            thousands(i.revenue_lost)
        )
    } else {
        String::new()
    };
    line!(out, "- **Impact:** at worst {:.0}% of active users met errors; {} user-minutes of errors{sales}.",
        i.peak_users_affected_pct, thousands(i.user_minutes));
}

/// What the trainee saw and did, in time order: pages, actions, kills, escalation, restore.
fn timeline(out: &mut String, scenario: &Scenario, trace: &Trace) {
    line!(out, "\n## Timeline\n");
    let rules = &scenario.config.alerts;
    let hyps = &scenario.config.hypotheses;
    for e in trace.events.iter() {
        let what = match &e.kind {
            EventKind::OutageStarted => {
                "The outage began: errors crossed the outage threshold.".to_string()
            }
            EventKind::AlertFired { rule, .. } => match rules.get(*rule as usize) {
                Some(r) if !r.delivered => {
                    format!(
                        "Alert fired ({}, delivered to no one): {}.",
                        r.severity, r.title
                    )
                }
                Some(r) => format!("Alert fired ({}): {}.", r.severity, r.title),
                None => continue,
            },
            EventKind::ActionTaken { action, .. }
                if action.kind == crate::sim::ActionKind::DeclareHypothesis =>
            {
                continue; // the declaration below says it in words
            }
            EventKind::ActionTaken { action, ready_at } => {
                let Some(spec) = scenario.config.info(action) else {
                    continue;
                };
                let result = if spec.category == Category::Diagnostic {
                    format!("; result at {}", scenario.hhmm(*ready_at))
                } else {
                    String::new()
                };
                format!("{}{result}.", scenario.action_title(action))
            }
            EventKind::OomKilled { server, heap_mb } => {
                format!(
                    "{} was OOM-killed with {heap_mb:.0} MB of heap in use.",
                    trace.series.host(*server)
                )
            }
            EventKind::DevelopersEngaged => "The development team engaged.".to_string(),
            EventKind::HypothesisDeclared { hypothesis, .. } => {
                match hyps.get(*hypothesis as usize) {
                    Some(h) => format!("Declared as the root cause: {}.", h.title),
                    None => continue,
                }
            }
            EventKind::Restored { since } => {
                format!(
                    "Service restored (under the SLO since {}).",
                    scenario.hhmm(*since)
                )
            }
            _ => continue,
        };
        line!(out, "- **{}** {}", scenario.hhmm(e.tick), what);
    }
}

fn root_cause(out: &mut String, scenario: &Scenario, debrief: &Debrief, trace: &Trace) {
    line!(out, "\n## Root Cause\n");
    let Some(correct) = scenario.correct_hypothesis() else {
        line!(out, "The scenario names no root cause.");
        return;
    };
    let title = &scenario.config.hypotheses[correct].title;
    let explanation = scenario
        .hypothesis_explanations
        .get(correct)
        .map_or("", String::as_str);
    let phase = &debrief.phases[Phase::RootCause as usize];
    match &phase.reached_at {
        Some(at) if debrief.guessed => line!(
            out,
            "{title}. Declared before any evidence (a guess), confirmed by evidence at {}.",
            at.clock
        ),
        Some(at) => line!(out, "{title}, declared at {}.", at.clock),
        None => line!(
            out,
            "This run did not establish the root cause. It was: {title}."
        ),
    }
    if !explanation.is_empty() {
        line!(out, "\n{explanation}");
    }
    // The first look that showed the cause (not the first of its kind: a memory view before the
    // growth showed nothing), as the diagnosis phase reads it.
    if let Some(f) = super::phases::evidence_seen(scenario, trace) {
        line!(
            out,
            "\nEvidence ({} at {}):\n",
            scenario.action_title(&f.action),
            scenario.hhmm(f.ready_at)
        );
        line!(
            out,
            "```text\n{}```",
            finding_text(f, trace, scenario.clock.start_s_of_day)
        );
    }
}

fn resolution(out: &mut String, scenario: &Scenario, debrief: &Debrief, trace: &Trace) {
    line!(out, "\n## Resolution and Recovery\n");
    let Some(restored) = &debrief.phases[Phase::Resolution as usize].reached_at else {
        line!(
            out,
            "Service was not restored before the exercise ended at {}.",
            scenario.hhmm(scenario.config.duration_s)
        );
        return;
    };
    let last_fix = trace.events.iter().rev().find_map(|e| match &e.kind {
        EventKind::ActionTaken { action, .. } if e.tick <= restored.tick => {
            let info = scenario.config.info(action)?;
            (info.category == Category::Remediation).then_some((e.tick, info.title))
        }
        _ => None,
    });
    if let Some((tick, title)) = last_fix {
        line!(
            out,
            "The last remediation before recovery: {} at {}.",
            title,
            scenario.hhmm(tick)
        );
    }
    line!(
        out,
        "Service met the SLO from {} and held it for the restore window.",
        restored.clock
    );
}

fn measures(out: &mut String, debrief: &Debrief, own: &[String]) {
    line!(out, "\n## Corrective and Preventative Measures\n");
    for m in &debrief.corrective_measures {
        line!(out, "- {} _(the real team; source {})_", m.text, m.source);
    }
    for m in own.iter().map(|m| m.trim()).filter(|m| !m.is_empty()) {
        line!(out, "- {m} _(from this run)_");
    }
    if debrief.corrective_measures.is_empty() && own.is_empty() {
        line!(out, "- (none listed yet)");
    }
}

fn comparison(out: &mut String, debrief: &Debrief) {
    line!(out, "\n## Compared with the real timeline\n");
    line!(
        out,
        "Score: **{:.1}** of 100 (the real team's path scores 50).\n",
        debrief.score
    );
    line!(out, "| Phase | This run | Real team | |");
    line!(out, "|---|---|---|---|");
    let clock = |s: &Option<super::Stamp>| s.as_ref().map_or("-".to_string(), |s| s.clock.clone());
    for p in &debrief.phases {
        line!(
            out,
            "| {} | {} | {} | {} |",
            p.title,
            clock(&p.reached_at),
            clock(&p.reference_at),
            gained_words(p.minutes_gained)
        );
    }
    impact_table(out, debrief);
    detours(out, debrief);
    if !debrief.lessons.is_empty() {
        line!(out, "\nWhat the real team learned:\n");
        for l in &debrief.lessons {
            line!(out, "- {} _(source {})_", l.text, l.source);
        }
    }
}

/// The run's impact beside the real team's.
fn impact_table(out: &mut String, debrief: &Debrief) {
    let (you, real) = (&debrief.run.impact, &debrief.real_team.impact);
    let restore = |m: Option<u32>| m.map_or("not restored".to_string(), |m| format!("{m} min"));
    line!(out, "\n| Impact | This run | Real team |");
    line!(out, "|---|---|---|");
    line!(
        out,
        "| Time to restore | {} | {} |",
        restore(you.minutes_to_restore()),
        restore(real.minutes_to_restore())
    );
    line!(
        out,
        "| User-minutes of errors | {} | {} |",
        thousands(you.user_minutes),
        thousands(real.user_minutes)
    );
    if debrief.sells {
        line!(
            out,
            "| Failed orders | {} | {} |",
            thousands(you.failed_orders),
            thousands(real.failed_orders)
        );
        line!(
            out,
            "| Revenue lost ({}) | {} | {} |",
            debrief.header.currency,
            thousands(you.revenue_lost),
            thousands(real.revenue_lost)
        );
    }
}

/// Each side's detours, with what each cost and why it was one.
fn detours(out: &mut String, debrief: &Debrief) {
    for (who, side) in [
        ("This run's", &debrief.run),
        ("The real team's", &debrief.real_team),
    ] {
        line!(out, "\n{who} detours ({:.0} min):\n", side.detour_minutes);
        if side.detours.is_empty() {
            line!(out, "- none");
        }
        for x in &side.detours {
            line!(
                out,
                "- {} `{}` ({:.0} min): {}",
                x.at.clock,
                x.action,
                x.minutes,
                x.reason
            );
        }
    }
}
