//! How a goal stands against the calendar: on pace, behind, overdue, or missing
//! its self-check. The Tree marks, the review inbox and the 1on1 agenda all ask here.

use super::date::Date;
use super::types::{Cycle, Goal};

/// How far, in percentage points, a goal's progress may trail the share of the
/// cycle's time gone before it counts as behind: progress is typed in steps of ten
/// or so, and a goal is rarely worked on evenly, so a small lag is normal.
pub const BEHIND_MARGIN: f64 = 15.0;

/// How a goal's progress compares with the time gone in its cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pace {
    Done,
    OnTrack,
    Behind,
}

/// Percent of the cycle's time gone by `today` (0 before it starts, 100 after it ends).
pub fn time_gone(cycle: &Cycle, today: Date) -> f64 {
    let total = (cycle.end.0 - cycle.start.0).num_days().max(1) as f64;
    let gone = (today.0 - cycle.start.0).num_days() as f64;
    (gone / total * 100.0).clamp(0.0, 100.0)
}

/// The pace of a goal at `progress` percent when `time_gone` percent of the cycle has passed.
pub fn pace(progress: f64, time_gone: f64) -> Pace {
    if progress >= 100.0 {
        Pace::Done
    } else if progress + BEHIND_MARGIN < time_gone {
        Pace::Behind
    } else {
        Pace::OnTrack
    }
}

/// A goal past its due date and not done.
pub fn is_overdue(goal: &Goal, progress: f64, today: Date) -> bool {
    progress < 100.0 && goal.due.is_some_and(|due| due < today)
}

/// A goal without a self-check once the cycle's check phase has begun.
pub fn misses_self_check(cycle: &Cycle, goal: &Goal, today: Date) -> bool {
    let check_started = cycle.phases.check.is_some_and(|span| today >= span.start);
    check_started && goal.check.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::tests::day;
    use crate::model::types::{DateSpan, Level, Phases, SelfCheck};

    fn cycle() -> Cycle {
        Cycle {
            id: "2026".into(),
            name: None,
            start: day(2026, 4, 1),
            end: day(2027, 3, 31),
            phases: Phases {
                check: Some(DateSpan { start: day(2027, 2, 1), end: day(2027, 3, 15) }),
                ..Phases::default()
            },
            extra: Default::default(),
        }
    }

    #[test]
    fn time_gone_runs_from_0_to_100_over_the_cycle() {
        assert_eq!(time_gone(&cycle(), day(2026, 3, 1)), 0.0);
        assert_eq!(time_gone(&cycle(), day(2027, 6, 1)), 100.0);
        // 2026-10-01 is 183 of 364 days in.
        let half = time_gone(&cycle(), day(2026, 10, 1));
        assert!((half - 183.0 / 364.0 * 100.0).abs() < 1e-9, "{half}");
    }

    #[test]
    fn a_goal_is_behind_only_past_the_margin() {
        assert_eq!(pace(100.0, 10.0), Pace::Done);
        assert_eq!(pace(35.0, 50.0), Pace::OnTrack, "exactly the margin behind");
        assert_eq!(pace(34.0, 50.0), Pace::Behind);
        assert_eq!(pace(80.0, 50.0), Pace::OnTrack);
    }

    #[test]
    fn overdue_and_missing_self_check_follow_the_calendar() {
        let goal = Goal { due: Some(day(2026, 9, 30)), ..Goal::default() };
        assert!(is_overdue(&goal, 60.0, day(2026, 10, 1)));
        assert!(!is_overdue(&goal, 100.0, day(2026, 10, 1)), "done goals are never overdue");
        assert!(!is_overdue(&goal, 60.0, day(2026, 9, 30)));
        assert!(!misses_self_check(&cycle(), &goal, day(2027, 1, 31)));
        assert!(misses_self_check(&cycle(), &goal, day(2027, 2, 1)));
        let checked = Goal {
            check: Some(Box::new(SelfCheck {
                level: Level::A,
                comment: Default::default(),
                date: None,
                extra: Default::default(),
            })),
            ..goal
        };
        assert!(!misses_self_check(&cycle(), &checked, day(2027, 2, 1)));
    }
}
