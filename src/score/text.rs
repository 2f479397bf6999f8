//! The debrief as plain text, for the command line.

use std::fmt::Write;

use super::debrief::{Debrief, Stamp};
use super::detours::Detour;
use super::impact::ImpactSummary;
use crate::sim::render::thousands;

fn clock(stamp: &Option<Stamp>, none: &str) -> String {
    stamp.as_ref().map_or(none.to_string(), |s| s.clock.clone())
}

/// "12 min sooner", "3 min later", "same time", or "" when there is nothing to compare.
pub fn gained_words(minutes: Option<i64>) -> String {
    match minutes {
        Some(0) => "same time".into(),
        Some(m) if m > 0 => format!("{m} min sooner"),
        Some(m) => format!("{} min later", -m),
        None => String::new(),
    }
}

/// A length of time in words: `45 minutes`, `2 h`, `2 h 9 min`.
pub fn duration_words(seconds: u32) -> String {
    let minutes = seconds / 60;
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} minutes"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

pub fn render(debrief: &Debrief) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{} ({}), seed {}, {} action(s)",
        debrief.header.title, debrief.header.scenario, debrief.header.seed, debrief.header.actions
    );
    let _ = writeln!(
        o,
        "\nscore {:.1} of 100 (the real team's path scores 50)\n{}",
        debrief.score,
        debrief.verdict()
    );
    let _ = writeln!(o, "\nphase          weight  you     real team  points");
    for p in &debrief.phases {
        let _ = writeln!(
            o,
            "  {:<12} {:>5}   {:<7} {:<10} {:>5.1}  {}",
            p.title,
            p.weight,
            clock(&p.reached_at, "-"),
            clock(&p.reference_at, "-"),
            p.points,
            gained_words(p.minutes_gained)
        );
    }
    let _ = writeln!(
        o,
        "  {:<12} {:>5}   {:<18} {:>5.1}  your harm is {:.0}% of theirs",
        "Harm",
        debrief.harm.weight,
        "",
        debrief.harm.points,
        100.0 * debrief.harm.ratio
    );
    let _ = writeln!(
        o,
        "  {:<12} {:>5}   {:<18} {:>5.1}",
        "Points", 100, "", debrief.points
    );
    let _ = writeln!(o, "  {}", debrief.explanation);
    if debrief.guessed {
        let _ = writeln!(
            o,
            "  (the root cause was declared before any evidence: a guess, counted once evidence was seen)"
        );
    }
    impact_table(&mut o, debrief);
    detour_list(&mut o, "your detours", &debrief.run.detours);
    detour_list(
        &mut o,
        "the real team's detours",
        &debrief.real_team.detours,
    );
    for x in &debrief.refused_actions {
        let _ = writeln!(o, "refused at {}: {}: {}", x.at.clock, x.action, x.error);
    }
    let _ = writeln!(o, "\ntrace hash {}", debrief.header.trace_hash);
    o
}

fn impact_table(out: &mut String, debrief: &Debrief) {
    let (you, real) = (&debrief.run.impact, &debrief.real_team.impact);
    let _ = writeln!(
        out,
        "\nimpact                      you            real team"
    );
    let row = |out: &mut String, name: &str, f: &dyn Fn(&ImpactSummary) -> String| {
        let _ = writeln!(out, "  {name:<25} {:<14} {}", f(you), f(real));
    };
    row(out, "minutes to restore", &|i| {
        i.minutes_to_restore()
            .map_or("not restored".into(), |m| m.to_string())
    });
    row(out, "peak users affected", &|i| {
        format!("{:.1}%", i.peak_users_affected_pct)
    });
    row(out, "user-minutes of errors", &|i| {
        thousands(i.user_minutes)
    });
    if debrief.sells {
        row(out, "failed orders", &|i| thousands(i.failed_orders));
        row(
            out,
            &format!("revenue lost ({})", debrief.header.currency),
            &|i| thousands(i.revenue_lost),
        );
    }
}

fn detour_list(out: &mut String, heading: &str, list: &[Detour]) {
    let total = list.iter().fold(0.0, |sum, d| sum + d.minutes);
    let _ = writeln!(out, "\n{heading}: {} ({total:.0} min)", list.len());
    for d in list {
        let _ = writeln!(
            out,
            "  {} {} ({:.0} min): {}",
            d.at.clock, d.action, d.minutes, d.reason
        );
    }
}

#[cfg(test)]
mod tests {
    use super::gained_words;
    use crate::score::debrief::gained;

    #[test]
    fn minutes_gained_in_words() {
        let words = |run, reference| gained_words(gained(Some(run), Some(reference)));
        assert_eq!(words(600, 1200), "10 min sooner");
        assert_eq!(words(1200, 600), "10 min later");
        // Under a minute either way is the same time, not a minute lost.
        assert_eq!(words(600, 630), "same time");
        assert_eq!(words(630, 600), "same time");
        assert_eq!(gained_words(gained(None, Some(600))), "");
    }
}
