//! Warnings about how well a cycle's sheets line up with the organisation and its
//! calendar. None of these stops anything; `pdca check` lists them.
//!
//! - A goal without a parent whose owner heads no department contributes to no top goal.
//! - A goal due after the goal it contributes to cannot finish in time for it.
//!   (These two only until the cycle ends: a finished cycle's plan is history.)
//! - While a cycle runs, everyone in org.toml should have goals in it. (org.toml
//!   describes the organisation now, so past and future cycles are not held to it.)
//! - A sheet should be approved once the plan phase has ended, reviewed once the check
//!   phase has, and through the feedback interview once the action phase has. Sheets
//!   whose owner has no reviewer are left out (nobody in the data set can move them),
//!   and so are cycles without a single workflow record: they were run outside the
//!   program, and warning about every sheet would bury the rest.
//! - Workflow records that the replay ignores.

use crate::model::hash::{HashMap, HashSet};

use rayon::prelude::*;

use super::date::Date;
use super::permissions::Hierarchy;
use super::problem::{Problem, ProblemKind};
use super::source::Source;
use super::types::{CycleData, GoalsFile, Phase, UnitKind};
use super::workflow::{SheetState, states_and_ignored};

/// The warnings of one cycle as of `today`; see the module comment.
pub fn alignment_warnings(org: &Hierarchy<'_>, data: &CycleData, today: Date) -> Vec<Problem> {
    let mut problems = goal_link_warnings(org, data, today);
    problems.extend(warnings_but_goal_links(org, data, today));
    problems
}

/// The warnings of [`alignment_warnings`] that follow those about goals' links.
pub fn warnings_but_goal_links(org: &Hierarchy<'_>, data: &CycleData, today: Date) -> Vec<Problem> {
    let mut problems = Vec::new();
    if (data.cycle.start..=data.cycle.end).contains(&today) {
        problems.extend(people_without_goals(org, data));
    }
    problems.extend(sheets_behind_and_ignored_records(org, data, today));
    problems
}

/// The first two warnings of the module comment alone: those about goals' links,
/// the ones the tree marks on its rows.
fn goal_link_warnings(org: &Hierarchy<'_>, data: &CycleData, today: Date) -> Vec<Problem> {
    if links_warn(data, today) { goal_links(org, data) } else { Vec::new() }
}

/// Whether goals' links are warned of as of `today`: not once the cycle is over,
/// when its plan is history.
pub fn links_warn(data: &CycleData, today: Date) -> bool {
    today <= data.cycle.end
}

/// The warnings about goals' links, as they stand until the cycle is over (see
/// [`links_warn`]).
pub fn goal_links(org: &Hierarchy<'_>, data: &CycleData) -> Vec<Problem> {
    let department_heads: HashSet<&str> = org
        .org()
        .units
        .iter()
        .filter(|unit| unit.kind == UnitKind::Department)
        .filter_map(|unit| unit.head.as_deref())
        .collect();
    // Each a walk over every goal, wherever it lies in memory: on all cores. The
    // dates are gathered first so that the map is made at its size, never grown.
    let due_dates: Vec<(&str, Date)> = (data.goals.par_iter())
        .flat_map_iter(|file| file.goals.iter().filter_map(|goal| Some((goal.id.as_str(), goal.due?))))
        .collect();
    let due_dates: HashMap<&str, Date> = due_dates.into_iter().collect();
    let file_problems = |file: &GoalsFile| {
        let source = Source::Goals { cycle: data.cycle.id.clone(), person: file.owner };
        let problems = file.goals.iter().filter_map(|goal| {
            let kind = match &goal.parent {
                None if !department_heads.contains(file.owner.as_str()) => ProblemKind::UnlinkedGoal,
                Some(parent) => match (goal.due, due_dates.get(parent.as_str())) {
                    (Some(due), Some(&parent_due)) if due > parent_due => {
                        ProblemKind::DueAfterParent { due, parent: parent.clone(), parent_due }
                    }
                    _ => return None,
                },
                None => return None,
            };
            Some(Problem::new(source.clone(), Some(&goal.id), kind))
        });
        problems.collect::<Vec<_>>()
    };
    data.goals.par_iter().flat_map_iter(file_problems).collect()
}

fn people_without_goals(org: &Hierarchy<'_>, data: &CycleData) -> Vec<Problem> {
    let with_goals: HashSet<&str> =
        data.goals.iter().filter(|file| !file.goals.is_empty()).map(|file| file.owner.as_str()).collect();
    org.org()
        .people
        .iter()
        .filter(|person| !with_goals.contains(person.id.as_str()))
        .map(|person| {
            Problem::new(
                Source::Goals { cycle: data.cycle.id.clone(), person: person.id },
                Some(&person.id),
                ProblemKind::NoGoals { name: person.name.clone() },
            )
        })
        .collect()
}

/// The state a sheet should have reached once the latest phase that ended before
/// `today` was over, with that phase and its end.
fn expected_state(data: &CycleData, today: Date) -> Option<(SheetState, Phase, Date)> {
    let phases = &data.cycle.phases;
    [
        (phases.action, SheetState::FeedbackHeld, Phase::Action),
        (phases.check, SheetState::Reviewed, Phase::Check),
        (phases.plan, SheetState::Approved, Phase::Plan),
    ]
    .into_iter()
    .find_map(|(span, expected, phase)| span.filter(|span| span.end < today).map(|span| (expected, phase, span.end)))
}

fn sheets_behind_and_ignored_records(org: &Hierarchy<'_>, data: &CycleData, today: Date) -> Vec<Problem> {
    let (states, mut ignored) = states_and_ignored(org, data);
    ignored.sort_by(|a, b| (&a.source, a.record.at).cmp(&(&b.source, b.record.at)));
    let mut problems: Vec<Problem> = ignored
        .into_iter()
        .map(|ignored| {
            let record = ignored.record;
            Problem::new(
                ignored.source.clone(),
                Some(ignored.person.unwrap_or(&record.by)),
                ProblemKind::IgnoredSheetRecord {
                    step: record.step,
                    by: record.by,
                    at: record.at,
                    reason: ignored.reason.clone(),
                },
            )
        })
        .collect();
    let uses_workflow =
        data.goals.iter().any(|file| !file.sheet.is_empty()) || data.feedback.iter().any(|file| !file.sheet.is_empty());
    let Some((expected, phase, ended)) = expected_state(data, today).filter(|_| uses_workflow) else {
        return problems;
    };
    for file in data.goals.iter().filter(|file| !file.goals.is_empty() && org.reviewer_of(&file.owner).is_some()) {
        let state = states.state(&file.owner);
        if state < expected {
            problems.push(Problem::new(
                Source::Goals { cycle: data.cycle.id.clone(), person: file.owner },
                Some(&file.owner),
                ProblemKind::SheetBehind { state, expected, phase, ended },
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    /// A problem as `pdca check` says it in English.
    fn english(kind: &crate::model::ProblemKind) -> String {
        crate::messages::problem(kind, crate::messages::Lang::En)
    }

    use chrono::{FixedOffset, TimeZone};

    use super::*;
    use crate::model::cascade::tests::{cycle_data, file, goal};
    use crate::model::date::Timestamp;
    use crate::model::date::tests::day;
    use crate::model::permissions::tests::city;
    use crate::model::problem::Severity;
    use crate::model::types::{DateSpan, Extra, FeedbackFile, Goal, Phases, SheetRecord, Step};

    fn due(goal: Goal, date: Date) -> Goal {
        Goal { due: Some(date), ..goal }
    }

    /// The fiscal year 2025 with its four phases.
    fn phased(mut data: CycleData) -> CycleData {
        let span = |start, end| Some(DateSpan { start, end });
        data.cycle.phases = Phases {
            plan: span(day(2025, 4, 1), day(2025, 5, 31)),
            do_: span(day(2025, 6, 1), day(2026, 1, 31)),
            check: span(day(2026, 2, 1), day(2026, 3, 15)),
            action: span(day(2026, 3, 16), day(2026, 3, 31)),
            extra: Extra::new(),
        };
        data
    }

    fn step(person: Option<&str>, step: Step, by: &str, on: u32) -> SheetRecord {
        let at = FixedOffset::east_opt(9 * 3600).unwrap().with_ymd_and_hms(2025, 5, on, 10, 0, 0).unwrap();
        SheetRecord {
            person: person.map(Into::into),
            step,
            by: by.into(),
            at: Timestamp(at),
            comment: String::new(),
            plan: Default::default(),
            confirmed: None,
            extra: Extra::new(),
        }
    }

    fn warnings(data: &CycleData, today: Date) -> Vec<(String, String)> {
        let org = city();
        let problems = alignment_warnings(&Hierarchy::new(&org), data, today);
        assert!(problems.iter().all(|p| p.severity() == Severity::Warning));
        problems.into_iter().map(|p| (p.subject.unwrap_or_default(), english(&p.kind))).collect()
    }

    /// Everyone in `city()` has a goal: 田中's top goal, 鈴木's and 山田's linked to it.
    fn everyone(mut extra: Vec<(&str, Goal)>) -> CycleData {
        let people = ["tanaka", "suzuki", "sato", "ito", "kato", "kimura", "yamada", "saito"];
        let mut files: Vec<_> = people
            .iter()
            .map(|&person| {
                let parent = if person == "tanaka" { None } else { Some("top") };
                let id = if person == "tanaka" { "top".to_owned() } else { format!("{person}-1") };
                file(person, vec![due(goal(&id, parent, 0), day(2026, 3, 31))], vec![])
            })
            .collect();
        for (person, goal) in extra.drain(..) {
            files.iter_mut().find(|f| f.owner == person).unwrap().goals.push(goal);
        }
        phased(cycle_data(files))
    }

    #[test]
    fn a_well_linked_cycle_without_workflow_records_has_no_warnings() {
        assert_eq!(warnings(&everyone(vec![]), day(2025, 10, 1)), []);
    }

    #[test]
    fn goals_linked_to_nothing_or_due_after_their_parent_are_reported_until_the_cycle_ends() {
        let data = everyone(vec![
            // 課長 山田's own goal reaches no department goal; 田中 heads the department.
            ("yamada", due(goal("security", None, 0), day(2026, 3, 31))),
            ("tanaka", goal("top-2", None, 0)),
            // 齋藤's child of 山田's goal runs two months longer than it.
            ("saito", due(goal("late", Some("yamada-early"), 0), day(2026, 3, 31))),
            ("yamada", due(goal("yamada-early", Some("top"), 0), day(2026, 1, 30))),
            // Without a due date there is nothing to compare.
            ("saito", goal("open", Some("yamada-early"), 0)),
        ]);
        assert_eq!(
            warnings(&data, day(2025, 10, 1)),
            [
                (
                    "security".to_owned(),
                    "has no `parent`, so it contributes to no department goal; link it to a goal up the reporting \
                     chain"
                        .to_owned()
                ),
                (
                    "late".to_owned(),
                    "is due 2026-03-31, after the goal it contributes to, `yamada-early` (due 2026-01-30)".to_owned()
                ),
            ]
        );
        assert_eq!(warnings(&data, day(2026, 4, 1)), [], "a finished cycle's plan is history");
    }

    #[test]
    fn the_goal_link_warnings_are_the_warnings_that_mark_goals() {
        let mut data = everyone(vec![
            ("yamada", due(goal("security", None, 0), day(2026, 3, 31))),
            ("saito", due(goal("late", Some("yamada-early"), 0), day(2026, 3, 31))),
            ("yamada", due(goal("yamada-early", Some("top"), 0), day(2026, 1, 30))),
        ]);
        data.goals.retain(|f| f.owner != "kato");
        let org = city();
        let marks = |problems: Vec<Problem>| -> Vec<Option<String>> {
            let marking =
                |p: &Problem| matches!(p.kind, ProblemKind::UnlinkedGoal | ProblemKind::DueAfterParent { .. });
            problems.into_iter().filter(marking).map(|p| p.subject).collect()
        };
        for today in [day(2025, 3, 1), day(2025, 10, 1), day(2026, 3, 31), day(2026, 4, 1)] {
            let links = goal_link_warnings(&Hierarchy::new(&org), &data, today);
            assert_eq!(marks(links.clone()).len(), links.len(), "only link warnings");
            assert_eq!(marks(alignment_warnings(&Hierarchy::new(&org), &data, today)), marks(links), "{today}");
        }
        assert_eq!(goal_link_warnings(&Hierarchy::new(&org), &data, day(2025, 10, 1)).len(), 2);
    }

    #[test]
    fn people_without_goals_are_reported_while_the_cycle_runs() {
        let mut data = everyone(vec![]);
        data.goals.retain(|f| f.owner != "kato");
        data.goals.iter_mut().find(|f| f.owner == "saito").unwrap().goals.clear();
        let expected = [
            ("kato".to_owned(), "加藤 翔 has no goals in this cycle".to_owned()),
            ("saito".to_owned(), "齋藤 大輔 has no goals in this cycle".to_owned()),
        ];
        assert_eq!(warnings(&data, day(2025, 4, 1)), expected);
        assert_eq!(warnings(&data, day(2026, 3, 31)), expected);
        assert_eq!(warnings(&data, day(2025, 3, 31)), [], "not started yet");
        assert_eq!(warnings(&data, day(2026, 4, 1)), [], "org.toml no longer describes a finished cycle");
    }

    /// 伊藤 approved, 加藤 submitted, 佐藤 and 田中 (who has no reviewer) not started.
    fn some_sheets_moving() -> CycleData {
        fn sheet_of<'a>(data: &'a mut CycleData, person: &str) -> &'a mut Vec<SheetRecord> {
            &mut data.goals.iter_mut().find(|f| f.owner == person).unwrap().sheet
        }
        let mut data = everyone(vec![]);
        sheet_of(&mut data, "ito").push(step(None, Step::Submit, "ito", 10));
        sheet_of(&mut data, "kato").push(step(None, Step::Submit, "kato", 10));
        let mut sato = FeedbackFile::new("sato", "2025");
        sato.sheet.push(step(Some("ito"), Step::Approve, "sato", 20));
        data.feedback.push(sato);
        data
    }

    fn behind(data: &CycleData, today: Date) -> Vec<(String, String)> {
        warnings(data, today).into_iter().filter(|(_, text)| text.starts_with("sheet is still")).collect()
    }

    #[test]
    fn sheets_behind_the_phase_that_ended_are_reported() {
        let data = some_sheets_moving();
        assert_eq!(behind(&data, day(2025, 5, 31)), [], "the plan phase is still running");
        let after_plan = behind(&data, day(2025, 6, 1));
        let people: Vec<&str> = after_plan.iter().map(|(person, _)| person.as_str()).collect();
        assert_eq!(people, ["suzuki", "sato", "kato", "kimura", "yamada", "saito"], "all but 伊藤 and 田中");
        assert_eq!(
            after_plan[2].1,
            "sheet is still 提出 (submitted), but the plan phase ended on 2025-05-31, by when it should have reached \
             承認 (approved)"
        );
        let after_check = behind(&data, day(2026, 3, 16));
        assert_eq!(after_check.len(), 7);
        assert!(after_check.iter().any(|(person, text)| person == "ito"
            && text.contains("承認 (approved), but the check phase ended on 2026-03-15")
            && text.ends_with("一次評価済 (reviewed)")));
        let after_action = behind(&data, day(2026, 4, 1));
        assert!(after_action.iter().all(|(_, text)| text.ends_with("フィードバック済 (feedback held)")));
        // A cycle run outside the program is not held to the workflow.
        assert_eq!(behind(&everyone(vec![]), day(2026, 4, 1)), []);
    }

    #[test]
    fn ignored_workflow_records_are_reported_where_they_are_written() {
        let mut data = some_sheets_moving();
        let mut kato = FeedbackFile::new("kato", "2025");
        kato.sheet.push(step(Some("ito"), Step::Review, "kato", 21));
        kato.sheet.push(step(None, Step::Approve, "kato", 22));
        data.feedback.push(kato);
        let org = city();
        let problems = alignment_warnings(&Hierarchy::new(&org), &data, day(2025, 5, 1));
        let ignored: Vec<(&Source, Option<&str>, String)> = problems
            .iter()
            .filter(|p| matches!(p.kind, ProblemKind::IgnoredSheetRecord { .. }))
            .map(|p| (&p.source, p.subject.as_deref(), english(&p.kind)))
            .collect();
        let kato_file = Source::Feedback { cycle: "2025".into(), reviewer: "kato".into() };
        assert_eq!(
            ignored,
            [
                (
                    &kato_file,
                    Some("ito"),
                    "sheet step `review` by `kato` at 2025-05-21T10:00:00+09:00 is ignored: not possible when the \
                     sheet is approved"
                        .to_owned()
                ),
                (
                    &kato_file,
                    Some("kato"),
                    "sheet step `approve` by `kato` at 2025-05-22T10:00:00+09:00 is ignored: a step in a feedback \
                     file needs `person`, whose sheet it is"
                        .to_owned()
                ),
            ]
        );
    }
}
