//! The score: 0-100, the real team's path exactly 50. The formula is explained in docs/scoring.md;
//! the constants here are the ones it quotes.

use super::phases::Phase;

/// Each phase's weight; they sum to 100.
pub fn weight(phase: Phase) -> f64 {
    match phase {
        Phase::Detection => 5.0,
        Phase::Triage => 10.0,
        Phase::Diagnosis => 15.0,
        Phase::Escalation => 10.0,
        Phase::RootCause => 15.0,
        Phase::Mitigation => 20.0,
        Phase::Resolution => 25.0,
    }
}

/// Minutes ahead of (or behind) the real team that move a phase's points halfway between par and
/// full marks (or zero).
pub const HALF_LIFE_MIN: f64 = 10.0;

/// Restored runs score at least this; runs that never restore stay below it.
pub const RESTORED_FLOOR: f64 = 20.0;

/// Points for reaching a phase at `tick` when the real team reached it at `reference` (a phase
/// not reached counts as reached at `end`, the end of the run): half the weight at par, more
/// when earlier, less when later, smoothly: `w / (1 + 2^((tick - reference) / half-life))`.
pub fn phase_points(phase: Phase, tick: Option<u32>, reference: Option<u32>, end: u32) -> f64 {
    let at = f64::from(tick.unwrap_or(end));
    let par = f64::from(reference.unwrap_or(end));
    let behind_min = (at - par) / 60.0;
    weight(phase) / (1.0 + libm::exp2(behind_min / HALF_LIFE_MIN))
}

/// The final score from the phase points: restored runs map onto 20-100 (unchanged from 50 up,
/// so par stays 50), runs that never restore onto 0-19.
pub fn final_score(raw: f64, restored: bool) -> f64 {
    if !restored {
        raw * (RESTORED_FLOOR - 1.0) / 100.0
    } else if raw >= 50.0 {
        raw
    } else {
        RESTORED_FLOOR + raw * (50.0 - RESTORED_FLOOR) / 50.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_sum_to_100() {
        let total: f64 = Phase::ALL.iter().map(|p| weight(*p)).sum();
        assert_eq!(total, 100.0);
    }

    #[test]
    fn par_is_half_and_earlier_is_more() {
        for p in Phase::ALL {
            let w = weight(p);
            assert_eq!(phase_points(p, Some(600), Some(600), 9000), w / 2.0);
            assert_eq!(phase_points(p, None, None, 9000), w / 2.0);
            let early = phase_points(p, Some(0), Some(600), 9000);
            let late = phase_points(p, Some(1200), Some(600), 9000);
            assert!(early > w / 2.0 && late < w / 2.0, "{p:?}");
            // Ten minutes ahead is three quarters of the way... of 1/(1+2^-1) = 2/3.
            assert!((early - w * 2.0 / 3.0).abs() < 1e-12);
            assert!(phase_points(p, None, Some(600), 9000) < late);
        }
    }

    #[test]
    fn restoring_always_outscores_not_restoring() {
        assert!(final_score(100.0, false) < final_score(0.0, true));
        assert_eq!(final_score(50.0, true), 50.0);
        assert_eq!(final_score(0.0, true), RESTORED_FLOOR);
        assert!(final_score(49.0, true) < final_score(49.5, true));
        assert!(final_score(10.0, false) < final_score(11.0, false));
    }
}
