//! New cycles: the default split into phases, and last cycle's open action items
//! carried into the new sheets.

use crate::model::hash::HashSet;

use chrono::{Days, Months, NaiveDate};

use crate::model::validate::TITLE_LIMIT;
use crate::model::{CycleData, Date, DateSpan, Goal, GoalDetail, GoalsFile, PersonId, Phases};

/// The default phases of a cycle from `start` to `end` (both inclusive), as in the
/// municipal year: plan (goal setting, 期首面談) the first two months, do until two
/// months before the end, check (self-evaluation and feedback, 期末面談) the next
/// month and a half, action the rest. A cycle too short for that (under about five
/// months) is split in the same proportions of its days: 1/6, 1/2, 1/8, the rest.
pub fn default_phases(start: Date, end: Date) -> Phases {
    let calendar = (|| {
        let plan_end = start.0.checked_add_months(Months::new(2))?.pred_opt()?;
        let do_end = end.0.succ_opt()?.checked_sub_months(Months::new(2))?.pred_opt()?;
        let check_end = do_end.checked_add_months(Months::new(1))?.checked_add_days(Days::new(15))?;
        Some([plan_end, do_end, check_end])
    })();
    let ordered =
        |ends: &[NaiveDate; 3]| start.0 <= ends[0] && ends[0] < ends[1] && ends[1] < ends[2] && ends[2] < end.0;
    let ends = match calendar {
        Some(ends) if ordered(&ends) => ends,
        _ => {
            let days = (end.0 - start.0).num_days().max(0) as u64;
            let at = |part: u64| start.0 + Days::new(days * part / 24);
            [at(4), at(16), at(19)]
        }
    };
    phases_ending(start, end, ends.map(Date))
}

/// Phases that end on the given days: plan from `start`, each next phase the day after
/// the previous one ends, action until `end`.
pub fn phases_ending(start: Date, end: Date, [plan_end, do_end, check_end]: [Date; 3]) -> Phases {
    let after = |day: Date| Date(day.0.succ_opt().unwrap_or(day.0));
    Phases {
        plan: Some(DateSpan { start, end: plan_end }),
        do_: Some(DateSpan { start: after(plan_end), end: do_end }),
        check: Some(DateSpan { start: after(do_end), end: check_end }),
        action: Some(DateSpan { start: after(check_end), end }),
        extra: Default::default(),
    }
}

/// Whether explicit phase ends are in order within the cycle:
/// start ≤ plan end < do end < check end ≤ end.
pub fn phase_ends_in_order(start: Date, end: Date, [plan_end, do_end, check_end]: [Date; 3]) -> bool {
    start <= plan_end && plan_end < do_end && do_end < check_end && check_end <= end
}

/// What carrying over found for one person.
#[derive(Clone, Debug, PartialEq)]
pub struct Carried {
    /// The new sheet with one draft goal per open action item.
    pub file: GoalsFile,
    pub items: usize,
}

/// Each person's open action items (`done` false) of `previous` as draft goals of the
/// new cycle `cycle`, linked back with `carried_from = "<previous cycle>/<goal id>"`,
/// the way the app carries an item when its owner does it by hand: the issue becomes
/// the title (shortened to the title limit, with the whole issue in the description
/// when it is longer), the measure the plan, and the due date is kept when it lies
/// within the new cycle. Goal ids are `<person>-<cycle>-<n>`.
///
/// Only people in `people` (the organisation now) get a sheet; the others are
/// returned as left behind, with how many items they had.
pub fn carry_over(
    previous: &CycleData,
    cycle: &str,
    span: DateSpan,
    people: &HashSet<&str>,
) -> (Vec<Carried>, Vec<(PersonId, usize)>) {
    let mut carried = Vec::new();
    let mut left_behind = Vec::new();
    let mut files: Vec<&GoalsFile> = previous.goals.iter().collect();
    files.sort_by(|a, b| super::natural_cmp(&a.owner, &b.owner));
    for file in files {
        let mut goals: Vec<&Goal> = file.goals.iter().collect();
        goals.sort_by(|a, b| super::natural_cmp(&a.id, &b.id));
        let open: Vec<(&Goal, &crate::model::ActionItem)> = goals
            .iter()
            .flat_map(|goal| goal.actions.iter().map(move |item| (*goal, item)))
            .filter(|(_, item)| !item.done)
            .collect();
        if open.is_empty() {
            continue;
        }
        if !people.contains(file.owner.as_str()) {
            left_behind.push((file.owner, open.len()));
            continue;
        }
        let mut sheet = GoalsFile::new(&file.owner, cycle);
        for (number, (goal, item)) in open.iter().enumerate() {
            let long = item.issue.chars().count() > TITLE_LIMIT;
            let title = if long {
                let mut short: String = item.issue.chars().take(TITLE_LIMIT - 1).collect();
                short.push('…');
                short
            } else {
                item.issue.clone()
            };
            sheet.goals.push(Goal {
                id: compact_str::format_compact!("{}-{cycle}-{}", file.owner, number + 1),
                title,
                due: item.due.filter(|due| span.contains(*due)),
                detail: GoalDetail {
                    description: if long { item.issue.clone() } else { String::new() },
                    plan: item.measure.clone(),
                    carried_from: Some(format!("{}/{}", previous.cycle.id, goal.id)),
                    ..GoalDetail::default()
                }
                .into(),
                ..Goal::default()
            });
        }
        carried.push(Carried { file: sheet, items: open.len() });
    }
    (carried, left_behind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date(text.parse().unwrap())
    }

    #[test]
    fn a_fiscal_year_splits_like_the_sample() {
        let phases = default_phases(day("2026-04-01"), day("2027-03-31"));
        let span = |s: Option<DateSpan>| s.map(|s| (s.start.to_string(), s.end.to_string())).unwrap();
        assert_eq!(span(phases.plan), ("2026-04-01".into(), "2026-05-31".into()));
        assert_eq!(span(phases.do_), ("2026-06-01".into(), "2027-01-31".into()));
        assert_eq!(span(phases.check), ("2027-02-01".into(), "2027-03-15".into()));
        assert_eq!(span(phases.action), ("2027-03-16".into(), "2027-03-31".into()));
    }

    #[test]
    fn open_items_become_draft_goals_and_long_issues_keep_their_whole_text() {
        use crate::model::{ActionItem, Cycle, Extra, Goal};
        let item = |issue: String, done: bool, due: &str| ActionItem {
            issue,
            measure: "対策".into(),
            due: Some(day(due)),
            done,
            carried_from: None,
            extra: Extra::new(),
        };
        let long = "課題".repeat(150);
        let goal = Goal {
            id: "P1-2026-1".into(),
            title: "目標".into(),
            actions: [
                item("済んだ課題".into(), true, "2026-06-01"),
                item(long.clone(), false, "2027-06-01"),
                item("期限切れ".into(), false, "2026-06-01"),
            ]
            .into_iter()
            .collect(),
            ..Goal::default()
        };
        let previous = CycleData {
            cycle: Cycle {
                id: "2026".into(),
                name: None,
                start: day("2026-04-01"),
                end: day("2027-03-31"),
                phases: Default::default(),
                extra: Extra::new(),
            },
            goals: vec![
                GoalsFile { goals: vec![goal.clone()], ..GoalsFile::new("P1", "2026") },
                GoalsFile { goals: vec![Goal { id: "P9-2026-1".into(), ..goal }], ..GoalsFile::new("P9", "2026") },
            ],
            feedback: Vec::new(),
            competencies: None,
            calibration: Vec::new(),
            instruments: Default::default(),
        };
        let span = DateSpan { start: day("2027-04-01"), end: day("2028-03-31") };
        let (carried, left_behind) = carry_over(&previous, "2027", span, &HashSet::from_iter(["P1"]));
        assert_eq!(left_behind, [(PersonId::from("P9"), 2)]);
        let goals = &carried[0].file.goals;
        assert_eq!(goals.len(), 2);
        assert_eq!(goals[0].id, "P1-2027-1");
        assert_eq!(goals[0].title.chars().count(), TITLE_LIMIT);
        assert!(goals[0].title.ends_with('…'));
        assert_eq!(goals[0].detail.get().unwrap().description, long);
        assert_eq!(goals[0].due, Some(day("2027-06-01")));
        assert_eq!(
            (goals[1].title.as_str(), goals[1].due, goals[1].detail.get().unwrap().plan.as_str()),
            ("期限切れ", None, "対策")
        );
        assert!(goals.iter().all(|g| g.detail.get().unwrap().carried_from.as_deref() == Some("2026/P1-2026-1")));
    }

    #[test]
    fn half_years_and_short_cycles_still_get_four_ordered_phases() {
        for (start, end) in [("2026-04-01", "2026-09-30"), ("2026-04-01", "2026-06-30"), ("2026-04-01", "2026-04-10")] {
            let (start, end) = (day(start), day(end));
            let phases = default_phases(start, end);
            let spans = [phases.plan, phases.do_, phases.check, phases.action].map(Option::unwrap);
            assert_eq!(spans[0].start, start);
            assert_eq!(spans[3].end, end);
            for pair in spans.windows(2) {
                assert_eq!(pair[0].end.0.succ_opt().unwrap(), pair[1].start.0, "{start}..{end}: {spans:?}");
            }
            assert!(spans.iter().all(|s| s.start <= s.end), "{start}..{end}: {spans:?}");
        }
    }
}
