//! Whether a goal keeps pace with the cycle: its progress against the share of the
//! cycle's time gone. The tree colours its bars by this rule, and a 1on1's agenda
//! proposes the goals behind it.

use super::date::Date;
use super::types::Cycle;

/// How many percentage points a goal may lag the time gone before it counts as
/// behind: work rarely moves in a straight line, and a goal 10 points short in
/// November is not yet a topic.
pub const PACE_TOLERANCE_POINTS: f64 = 15.0;

/// Percent (0–100) of the cycle's time gone by `today`.
pub fn expected_progress(cycle: &Cycle, today: Date) -> f64 {
    let total = (cycle.end.0 - cycle.start.0).num_days().max(1) as f64;
    let gone = (today.0 - cycle.start.0).num_days() as f64;
    (gone / total * 100.0).clamp(0.0, 100.0)
}

/// Whether `progress` lags `expected` (see [`expected_progress`]) by more than
/// [`PACE_TOLERANCE_POINTS`]. A finished goal (100 %) is never behind.
pub fn is_behind(progress: f64, expected: f64) -> bool {
    progress < 100.0 && progress + PACE_TOLERANCE_POINTS < expected
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::types::Phases;

    fn fiscal_2026() -> Cycle {
        Cycle {
            id: "2026".into(),
            name: None,
            start: Date::from_ymd(2026, 4, 1).unwrap(),
            end: Date::from_ymd(2027, 3, 31).unwrap(),
            phases: Phases::default(),
            extra: Default::default(),
        }
    }

    #[test]
    fn expected_progress_is_the_share_of_days_gone_clamped() {
        let cycle = fiscal_2026();
        // 2026-04-01 → 2027-03-31 is 364 days; 2026-09-30 is 182 days in: 50 %.
        assert_eq!(expected_progress(&cycle, Date::from_ymd(2026, 9, 30).unwrap()), 50.0);
        assert_eq!(expected_progress(&cycle, Date::from_ymd(2026, 1, 1).unwrap()), 0.0);
        assert_eq!(expected_progress(&cycle, Date::from_ymd(2027, 6, 1).unwrap()), 100.0);
    }

    #[test]
    fn behind_means_more_than_the_tolerance_short_of_the_time_gone() {
        assert!(!is_behind(35.0, 50.0), "exactly 15 points short is still on pace");
        assert!(is_behind(34.9, 50.0));
        assert!(!is_behind(100.0, 100.0));
        assert!(!is_behind(0.0, 10.0));
    }
}
