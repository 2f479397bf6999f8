//! The postmortem draft: a run written up in the structure of the seed write-ups (Issue Summary,
//! Timeline, Root Cause, Resolution and Recovery, Corrective and Preventative Measures) plus the
//! comparison with the real team. Markdown, filled from data by fixed templates.

use std::fmt::Write;

use crate::scenario::Scenario;
use crate::sim::render::{finding_text, thousands};
use crate::sim::{Category, EventKind, Trace};

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
pub fn draft(scenario: &Scenario, d: &Debrief, trace: &Trace, own_measures: &[String]) -> String {
    let mut o = String::new();
    line!(o, "# Postmortem: {}", d.header.title);
    line!(o);
    line!(
        o,
        "_Draft written from a training run of `{}` (seed {}, trace {}). Replay it with `incident-sim score {} --seed {} --actions FILE`._",
        d.header.scenario, d.header.seed, d.header.trace_hash, d.header.scenario, d.header.seed
    );
    summary(&mut o, scenario, d);
    timeline(&mut o, scenario, trace);
    root_cause(&mut o, scenario, d, trace);
    resolution(&mut o, scenario, d, trace);
    measures(&mut o, d, own_measures);
    comparison(&mut o, d);
    o
}

fn summary(o: &mut String, s: &Scenario, d: &Debrief) {
    let i = &d.run.impact;
    line!(o, "\n## Issue Summary\n");
    let zone = &s.clock.time_zone;
    match (i.outage_started_at, i.restored_at) {
        (Some(a), Some(b)) => {
            line!(
                o,
                "- **Date and time:** {}, {} to {} ({zone})",
                s.clock.date,
                s.hhmm(a),
                s.hhmm(b)
            );
            line!(o, "- **Duration:** {}", duration_words(b.saturating_sub(a)));
        }
        (Some(a), None) => {
            let end = s.hhmm(s.config.duration_s);
            line!(o, "- **Date and time:** {}, from {} ({zone}); not restored by {end}, when the exercise ended", s.clock.date, s.hhmm(a));
            line!(
                o,
                "- **Duration:** over {}",
                duration_words(s.config.duration_s.saturating_sub(a))
            );
        }
        _ => line!(
            o,
            "- **Date and time:** {}: no outage in this run",
            s.clock.date
        ),
    }
    line!(o, "- **Incident:** {}", s.meta.summary);
    let sales = if d.sells {
        format!(
            "; {} orders failed ({} {} of revenue lost)",
            thousands(i.failed_orders),
            d.header.currency,
            thousands(i.revenue_lost)
        )
    } else {
        String::new()
    };
    line!(o, "- **Impact:** at worst {:.0}% of active users met errors; {} user-minutes of errors{sales}.",
        i.peak_users_affected_pct, thousands(i.user_minutes));
}

/// What the trainee saw and did, in time order: pages, actions, kills, escalation, restore.
fn timeline(o: &mut String, s: &Scenario, trace: &Trace) {
    line!(o, "\n## Timeline\n");
    let rules = &s.config.alerts;
    let hyps = &s.config.hypotheses;
    for e in trace.events.iter() {
        let what = match &e.kind {
            EventKind::OutageStarted => {
                "The outage began: errors crossed the outage threshold.".to_string()
            }
            EventKind::AlertFired { rule, .. } => match rules.get(*rule as usize) {
                Some(r) => format!("Alert fired ({}): {}.", r.severity, r.title),
                None => continue,
            },
            EventKind::ActionTaken { action, .. }
                if action.kind == crate::sim::ActionKind::DeclareHypothesis =>
            {
                continue; // the declaration below says it in words
            }
            EventKind::ActionTaken { action, ready_at } => {
                let Some(spec) = s.config.info(action) else {
                    continue;
                };
                let target = action
                    .target
                    .as_deref()
                    .map_or(String::new(), |t| format!(" ({t})"));
                let result = if spec.category == Category::Diagnostic {
                    format!("; result at {}", s.hhmm(*ready_at))
                } else {
                    String::new()
                };
                format!("{}{target}{result}.", spec.title)
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
                format!("Service restored (under the SLO since {}).", s.hhmm(*since))
            }
            _ => continue,
        };
        line!(o, "- **{}** {}", s.hhmm(e.tick), what);
    }
}

fn root_cause(o: &mut String, s: &Scenario, d: &Debrief, trace: &Trace) {
    line!(o, "\n## Root Cause\n");
    let Some(correct) = s.correct_hypothesis() else {
        line!(o, "The scenario names no root cause.");
        return;
    };
    let title = &s.config.hypotheses[correct].title;
    let explanation = s
        .hypothesis_explanations
        .get(correct)
        .map_or("", String::as_str);
    let phase = &d.phases[Phase::RootCause as usize];
    match &phase.reached_at {
        Some(at) if d.guessed => line!(
            o,
            "{title}. Declared before any evidence (a guess), confirmed by evidence at {}.",
            at.clock
        ),
        Some(at) => line!(o, "{title}, declared at {}.", at.clock),
        None => line!(
            o,
            "This run did not establish the root cause. It was: {title}."
        ),
    }
    if !explanation.is_empty() {
        line!(o, "\n{explanation}");
    }
    let evidence = s.hypothesis_evidence.get(correct);
    let shown = trace
        .findings
        .iter()
        .find(|f| evidence.is_some_and(|e| e.iter().any(|id| id == f.action.id())));
    if let Some(f) = shown {
        line!(o, "\nEvidence ({} at {}):\n", f.action, s.hhmm(f.ready_at));
        line!(
            o,
            "```text\n{}```",
            finding_text(f, trace, s.clock.start_s_of_day)
        );
    }
}

fn resolution(o: &mut String, s: &Scenario, d: &Debrief, trace: &Trace) {
    line!(o, "\n## Resolution and Recovery\n");
    let Some(restored) = &d.phases[Phase::Resolution as usize].reached_at else {
        line!(
            o,
            "Service was not restored before the exercise ended at {}.",
            s.hhmm(s.config.duration_s)
        );
        return;
    };
    let last_fix = trace.events.iter().rev().find_map(|e| match &e.kind {
        EventKind::ActionTaken { action, .. } if e.tick <= restored.tick => {
            let info = s.config.info(action)?;
            (info.category == Category::Remediation).then_some((e.tick, info.title))
        }
        _ => None,
    });
    if let Some((tick, title)) = last_fix {
        line!(
            o,
            "The last remediation before recovery: {} at {}.",
            title,
            s.hhmm(tick)
        );
    }
    line!(
        o,
        "Service met the SLO from {} and held it for the restore window.",
        restored.clock
    );
}

fn measures(o: &mut String, d: &Debrief, own: &[String]) {
    line!(o, "\n## Corrective and Preventative Measures\n");
    for m in &d.corrective_measures {
        line!(o, "- {} _(the real team; source {})_", m.text, m.source);
    }
    for m in own.iter().map(|m| m.trim()).filter(|m| !m.is_empty()) {
        line!(o, "- {m} _(from this run)_");
    }
    if d.corrective_measures.is_empty() && own.is_empty() {
        line!(o, "- (none listed yet)");
    }
}

fn comparison(o: &mut String, d: &Debrief) {
    line!(o, "\n## Compared with the real timeline\n");
    line!(
        o,
        "Score: **{:.1}** of 100 (the real team's path scores 50).\n",
        d.score
    );
    line!(o, "| Phase | This run | Real team | |");
    line!(o, "|---|---|---|---|");
    let clock = |s: &Option<super::Stamp>| s.as_ref().map_or("-".to_string(), |s| s.clock.clone());
    for p in &d.phases {
        line!(
            o,
            "| {} | {} | {} | {} |",
            p.title,
            clock(&p.reached_at),
            clock(&p.reference_at),
            gained_words(p.minutes_gained)
        );
    }
    impact_table(o, d);
    detours(o, d);
    if !d.lessons.is_empty() {
        line!(o, "\nWhat the real team learned:\n");
        for l in &d.lessons {
            line!(o, "- {} _(source {})_", l.text, l.source);
        }
    }
}

/// The run's impact beside the real team's.
fn impact_table(o: &mut String, d: &Debrief) {
    let (you, real) = (&d.run.impact, &d.real_team.impact);
    let restore = |m: Option<u32>| m.map_or("not restored".to_string(), |m| format!("{m} min"));
    line!(o, "\n| Impact | This run | Real team |");
    line!(o, "|---|---|---|");
    line!(
        o,
        "| Time to restore | {} | {} |",
        restore(you.minutes_to_restore()),
        restore(real.minutes_to_restore())
    );
    line!(
        o,
        "| User-minutes of errors | {} | {} |",
        thousands(you.user_minutes),
        thousands(real.user_minutes)
    );
    if d.sells {
        line!(
            o,
            "| Failed orders | {} | {} |",
            thousands(you.failed_orders),
            thousands(real.failed_orders)
        );
        line!(
            o,
            "| Revenue lost ({}) | {} | {} |",
            d.header.currency,
            thousands(you.revenue_lost),
            thousands(real.revenue_lost)
        );
    }
}

/// Each side's detours, with what each cost and why it was one.
fn detours(o: &mut String, d: &Debrief) {
    for (who, side) in [("This run's", &d.run), ("The real team's", &d.real_team)] {
        line!(o, "\n{who} detours ({:.0} min):\n", side.detour_minutes);
        if side.detours.is_empty() {
            line!(o, "- none");
        }
        for x in &side.detours {
            line!(
                o,
                "- {} `{}` ({:.0} min): {}",
                x.at.clock,
                x.action,
                x.minutes,
                x.reason
            );
        }
    }
}
