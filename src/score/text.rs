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

pub fn render(d: &Debrief) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{} ({}), seed {}, {} action(s)",
        d.header.title, d.header.scenario, d.header.seed, d.header.actions
    );
    let _ = writeln!(
        o,
        "\nscore {:.1} of 100 (the real team's path scores 50)\n{}",
        d.score,
        d.verdict()
    );
    let _ = writeln!(o, "\nphase          weight  you     real team  points");
    for p in &d.phases {
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
        d.harm.weight,
        "",
        d.harm.points,
        100.0 * d.harm.ratio
    );
    let _ = writeln!(
        o,
        "  {:<12} {:>5}   {:<18} {:>5.1}",
        "Points", 100, "", d.points
    );
    let _ = writeln!(o, "  {}", d.explanation);
    if d.guessed {
        let _ = writeln!(
            o,
            "  (the root cause was declared before any evidence: a guess, counted once evidence was seen)"
        );
    }
    impact_table(&mut o, d);
    detour_list(&mut o, "your detours", &d.run.detours);
    detour_list(&mut o, "the real team's detours", &d.real_team.detours);
    for x in &d.refused_actions {
        let _ = writeln!(o, "refused at {}: {}: {}", x.at.clock, x.action, x.error);
    }
    let _ = writeln!(o, "\ntrace hash {}", d.header.trace_hash);
    o
}

fn impact_table(o: &mut String, d: &Debrief) {
    let (you, real) = (&d.run.impact, &d.real_team.impact);
    let _ = writeln!(o, "\nimpact                      you            real team");
    let row = |o: &mut String, name: &str, f: &dyn Fn(&ImpactSummary) -> String| {
        let _ = writeln!(o, "  {name:<25} {:<14} {}", f(you), f(real));
    };
    row(o, "minutes to restore", &|i| {
        i.minutes_to_restore()
            .map_or("not restored".into(), |m| m.to_string())
    });
    row(o, "peak users affected", &|i| {
        format!("{:.1}%", i.peak_users_affected_pct)
    });
    row(o, "user-minutes of errors", &|i| thousands(i.user_minutes));
    if d.sells {
        row(o, "failed orders", &|i| thousands(i.failed_orders));
        row(o, &format!("revenue lost ({})", d.header.currency), &|i| {
            thousands(i.revenue_lost)
        });
    }
}

fn detour_list(o: &mut String, heading: &str, list: &[Detour]) {
    let total = list.iter().fold(0.0, |sum, d| sum + d.minutes);
    let _ = writeln!(o, "\n{heading}: {} ({total:.0} min)", list.len());
    for d in list {
        let _ = writeln!(
            o,
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
