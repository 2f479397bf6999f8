//! The score: 0-100, the real team's path exactly 50. The formula is explained in docs/scoring.md;
//! the constants here are the ones it quotes.

use super::outcome::Outcome;
use super::phases::Phase;

/// Each phase's weight; with [`HARM_WEIGHT`] they sum to 100. Stopping the bleeding and
/// resolving for good weigh most; the harm users met is a line of its own.
pub fn weight(phase: Phase) -> f64 {
    match phase {
        Phase::Detection => 5.0,
        Phase::Triage => 5.0,
        Phase::Diagnosis => 10.0,
        Phase::Escalation => 5.0,
        Phase::RootCause => 10.0,
        Phase::Mitigation => 20.0,
        Phase::Resolution => 20.0,
    }
}

/// The weight of the harm line: user-minutes of errors (and failed orders) against the real
/// team's.
pub const HARM_WEIGHT: f64 = 25.0;

/// The smallest half-life of a phase, in minutes.
pub const HALF_LIFE_MIN: f64 = 10.0;

/// A phase's half-life is a fifth of the time the real team took to reach it from the page:
/// a phase they reached after two hours is measured in half-hours, one they reached in two
/// minutes in ten-minute steps, so being far ahead keeps earning instead of saturating.
pub const HALF_LIFE_SHARE: f64 = 0.2;

/// Minutes of half-life for a phase the real team reached at `par`, counted from `from` (the
/// moment they were paged).
pub fn half_life_min(par: u32, from: u32) -> f64 {
    (f64::from(par.saturating_sub(from)) / 60.0 * HALF_LIFE_SHARE).max(HALF_LIFE_MIN)
}

/// Points for reaching a phase at `tick` when the real team reached it at `reference` (a phase
/// not reached counts as reached at `end`, the end of the run): half the weight at par, more
/// when earlier, less when later, smoothly: `w / (1 + 2^((tick - reference) / half-life))`.
pub fn phase_points(
    phase: Phase,
    tick: Option<u32>,
    reference: Option<u32>,
    paged: u32,
    end: u32,
) -> f64 {
    let par = reference.unwrap_or(end);
    let behind_min = (f64::from(tick.unwrap_or(end)) - f64::from(par)) / 60.0;
    weight(phase) / (1.0 + libm::exp2(behind_min / half_life_min(par, paged)))
}

/// The run's harm over the real team's: user-minutes of errors, averaged with failed orders
/// where the service sells. 1 at par; each count is taken plus one so a harmless side is finite.
pub fn harm_ratio(run: (f64, f64), real: (f64, f64), sells: bool) -> f64 {
    let ratio = |a: f64, b: f64| (a.max(0.0) + 1.0) / (b.max(0.0) + 1.0);
    let users = ratio(run.0, real.0);
    if sells {
        (users + ratio(run.1, real.1)) / 2.0
    } else {
        users
    }
}

/// How many halvings of the real team's harm earn the whole harm line (and as many doublings
/// none of it): each halving is worth the same, so cutting a harm far below the real team's to a
/// quarter again (stopping the bleeding before the fix) still earns clearly.
pub const HARM_HALVINGS: f64 = 5.0;

/// Points for the harm: half the weight at par, and `w / (2 * HARM_HALVINGS)` more for each
/// halving, less for each doubling: `w * clamp(1/2 - log2(ratio) / (2 * HARM_HALVINGS), 0, 1)`.
pub fn harm_points(ratio: f64) -> f64 {
    let share = 0.5 - libm::log2(ratio) / (2.0 * HARM_HALVINGS);
    HARM_WEIGHT * share.clamp(0.0, 1.0)
}

/// The final score from the points (0-100): a resolved run keeps them from 50 up (so par stays
/// 50) and maps lower sums onto 35-50; a run that only mitigated maps onto 15-34, one that did
/// neither onto 0-14. So resolving always outscores mitigating, which outscores neither.
pub fn final_score(raw: f64, outcome: Outcome) -> f64 {
    let (floor, ceiling) = outcome.band();
    let raw = raw.clamp(0.0, 100.0);
    match outcome {
        Outcome::Resolved if raw >= 50.0 => raw,
        Outcome::Resolved => floor + raw * (50.0 - floor) / 50.0,
        _ => floor + raw * (ceiling - floor) / 100.0,
    }
}

/// How the final score came from the points, in words a trainee can check.
pub fn explain(raw: f64, outcome: Outcome) -> String {
    let (floor, ceiling) = outcome.band();
    let raw_r = (raw * 10.0).round() / 10.0;
    match outcome {
        Outcome::Resolved if raw >= 50.0 => {
            format!("Resolved: the score is the points, {raw_r:.1}.")
        }
        Outcome::Resolved => format!(
            "Resolved, with under 50 points: {floor} + {raw_r:.1} x {:.2} = {:.1}.",
            (50.0 - floor) / 50.0,
            final_score(raw, outcome)
        ),
        Outcome::Mitigated => format!(
            "Mitigated but not resolved: scores are {floor}-{ceiling}; {floor} + {raw_r:.1} x {:.2} = {:.1}.",
            (ceiling - floor) / 100.0,
            final_score(raw, outcome)
        ),
        Outcome::Unmitigated => format!(
            "Neither mitigated nor resolved: scores are {floor}-{ceiling}; {raw_r:.1} x {:.2} = {:.1}.",
            (ceiling - floor) / 100.0,
            final_score(raw, outcome)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_sum_to_100() {
        let total: f64 = Phase::ALL.iter().map(|p| weight(*p)).sum::<f64>() + HARM_WEIGHT;
        assert_eq!(total, 100.0);
    }

    #[test]
    fn par_is_half_and_earlier_is_more() {
        for p in Phase::ALL {
            let w = weight(p);
            assert_eq!(phase_points(p, Some(600), Some(600), 0, 9000), w / 2.0);
            assert_eq!(phase_points(p, None, None, 0, 9000), w / 2.0);
            let early = phase_points(p, Some(0), Some(600), 0, 9000);
            let late = phase_points(p, Some(1200), Some(600), 0, 9000);
            assert!(early > w / 2.0 && late < w / 2.0, "{p:?}");
            // Ten minutes ahead with a ten-minute half-life: 1/(1+2^-1) = 2/3.
            assert!((early - w * 2.0 / 3.0).abs() < 1e-12);
            assert!(phase_points(p, None, Some(600), 0, 9000) < late);
        }
    }

    #[test]
    fn a_long_phase_keeps_earning_far_ahead() {
        // The real team took two hours: 30 and 100 minutes sooner differ by a fifth of the weight.
        let p = Phase::Resolution;
        let par = 7200 + 600;
        let soon = phase_points(p, Some(par - 1800), Some(par), 600, 14_400);
        let sooner = phase_points(p, Some(par - 6000), Some(par), 600, 14_400);
        assert!(sooner - soon > 0.2 * weight(p), "{soon} {sooner}");
    }

    #[test]
    fn harm_is_half_at_par_and_more_when_less() {
        assert_eq!(
            harm_points(harm_ratio((500.0, 3.0), (500.0, 3.0), true)),
            12.5
        );
        // Each halving earns the same 2.5 points, far ahead of the real team as near it.
        let fifth = harm_points(harm_ratio((200_000.0, 0.0), (1e6, 0.0), false));
        let twentieth = harm_points(harm_ratio((50_000.0, 0.0), (1e6, 0.0), false));
        assert!(
            (twentieth - fifth - 5.0).abs() < 1e-3,
            "{fifth} {twentieth}"
        );
        assert!((harm_points(0.5) - 15.0).abs() < 1e-12);
        assert!((harm_points(2.0) - 10.0).abs() < 1e-12);
        assert_eq!(harm_points(harm_ratio((0.0, 0.0), (1e6, 0.0), false)), 25.0);
        assert_eq!(harm_points(64.0), 0.0);
    }

    #[test]
    fn the_outcomes_keep_their_order() {
        assert!(final_score(100.0, Outcome::Mitigated) < final_score(0.0, Outcome::Resolved));
        assert!(final_score(100.0, Outcome::Unmitigated) < final_score(0.0, Outcome::Mitigated));
        assert_eq!(final_score(50.0, Outcome::Resolved), 50.0);
        assert_eq!(final_score(0.0, Outcome::Resolved), 35.0);
        assert!(final_score(49.0, Outcome::Resolved) < final_score(49.5, Outcome::Resolved));
        assert!(final_score(10.0, Outcome::Mitigated) < final_score(11.0, Outcome::Mitigated));
        assert!(explain(62.0, Outcome::Mitigated).contains("26.8"));
    }
}
