//! Validation of the instruments (1on1s, engagement results, training entries,
//! metric sources and mentors). The problems that are new here are
//! [`InstrumentProblem`]s; the rest reuse the general problems (unknown person, unit
//! or goal, control characters, a file in the wrong place).

use crate::model::hash::HashSet;

use super::{meetings_text_problems, placement_problems};
use crate::model::meetings::MeetingsFile;
use crate::model::metric_source::{MetricSource, SourceError};
use crate::model::problem::{InstrumentProblem, Problem, ProblemKind};
use crate::model::source::Source;
use crate::model::types::{CycleData, CycleId, GoalsFile, Org};
use crate::model::units::UnitTree;
use rayon::prelude::*;

fn problem(source: &Source, subject: &str, kind: InstrumentProblem) -> Problem {
    Problem::new(source.clone(), Some(subject), ProblemKind::Instrument(kind))
}

/// Mentors in org.toml: known people, and not oneself.
pub fn validate_mentors(org: &Org) -> Vec<Problem> {
    let people: HashSet<&str> = org.people.iter().map(|p| p.id.as_str()).collect();
    let mut problems = Vec::new();
    for person in &org.people {
        match person.mentor.as_deref() {
            Some(mentor) if mentor == person.id => {
                problems.push(problem(&Source::Org, &person.id, InstrumentProblem::OwnMentor))
            }
            Some(mentor) if !people.contains(mentor) => problems.push(Problem::new(
                Source::Org,
                Some(&person.id),
                ProblemKind::UnknownPerson { field: "mentor", id: mentor.into() },
            )),
            _ => {}
        }
    }
    problems
}

/// Every problem of a cycle's 1on1s, engagement results, training entries and
/// metric sources, against the ids of the organisation's `people` and the cycle's
/// `goals`. The files' checks run on all cores, kept in order.
pub fn validate_instruments(
    org: &Org,
    data: &CycleData,
    people: &HashSet<&str>,
    goals: &HashSet<&str>,
) -> Vec<Problem> {
    let cycle = &data.cycle.id;
    let meetings = data.instruments.meetings.par_iter();
    let mut problems: Vec<Problem> =
        meetings.flat_map_iter(|file| meeting_problems(file, cycle, people, goals)).collect();
    problems.extend(engagement_problems(org, data));
    let goal_files = data.goals.par_iter();
    problems.extend(goal_files.flat_map_iter(|file| goal_problems(data, file)).collect::<Vec<_>>());
    problems
}

/// The problems of one writer's 1on1s.
fn meeting_problems(
    file: &MeetingsFile,
    cycle: &CycleId,
    people: &HashSet<&str>,
    goal_ids: &HashSet<&str>,
) -> Vec<Problem> {
    let source = Source::Meetings { cycle: cycle.clone(), writer: file.writer };
    let mut problems = Vec::new();
    let mut report = |subject: &str, kind| problems.push(Problem::new(source.clone(), Some(subject), kind));
    for kind in placement_problems(cycle, &file.cycle, ("writer", file.writer), people) {
        report(&file.writer, kind);
    }
    for meeting in &file.meetings {
        let with = meeting.with.as_str();
        if with == file.writer {
            report(with, ProblemKind::Instrument(InstrumentProblem::MeetingWithoutOther));
        } else if !people.contains(with) {
            report(with, ProblemKind::UnknownPerson { field: "with", id: with.into() });
        }
        for goal in meeting.texts.actions.iter().filter_map(|a| a.goal.as_deref()).filter(|g| !goal_ids.contains(g)) {
            report(goal, ProblemKind::UnknownGoal { field: "actions.goal", id: goal.into() });
        }
    }
    // Checked as the file was parsed, when the load trusts the parse cache's word.
    if !file.own_checks.texts_pass() {
        meetings_text_problems(file).for_each(|(subject, kind)| report(subject, kind));
    }
    problems
}

fn engagement_problems(org: &Org, data: &CycleData) -> Vec<Problem> {
    let Some(file) = &data.instruments.engagement else { return Vec::new() };
    let units = UnitTree::new(org);
    let questions = &data.instruments.questions;
    let source = Source::Engagement(data.cycle.id.clone());
    let mut problems = Vec::new();
    if file.cycle != data.cycle.id {
        problems.push(Problem::new(
            source.clone(),
            Some(&file.cycle),
            ProblemKind::WrongPlace {
                field: "cycle",
                expected: data.cycle.id.to_string(),
                found: file.cycle.to_string(),
            },
        ));
    }
    let mut seen: HashSet<(&str, &str)> = HashSet::default();
    for row in file.all_results_including_suppressed() {
        if !units.contains(&row.unit) {
            problems.push(Problem::new(
                source.clone(),
                Some(&row.unit),
                ProblemKind::UnknownUnit { field: "unit", id: row.unit.clone() },
            ));
        }
        if questions.question(&row.question).is_none() {
            let kind = InstrumentProblem::UnknownQuestion { field: "question", question: row.question.clone() };
            problems.push(problem(&source, &row.question, kind));
        }
        if !(1.0..=5.0).contains(&row.mean) {
            problems.push(problem(&source, &row.unit, InstrumentProblem::MeanOutOfRange { mean: row.mean }));
        }
        if !seen.insert((&row.unit, &row.question)) {
            let kind = InstrumentProblem::DuplicateResult { unit: row.unit.clone(), question: row.question.clone() };
            problems.push(problem(&source, &row.unit, kind));
        }
    }
    problems
}

/// Courses of one goals file's log entries and its metrics' values and sources.
fn goal_problems(data: &CycleData, file: &GoalsFile) -> Vec<Problem> {
    let courses = data.instruments.courses.as_ref();
    let known_course = |course: &str| courses.is_none_or(|list| list.contains(course));
    let mut problems = Vec::new();
    let source = Source::Goals { cycle: data.cycle.id.clone(), person: file.owner };
    for goal in &file.goals {
        // A log left on disk has no training in it (see `HeldTexts for GoalsFile`).
        for entry in goal.log.here().into_iter().flat_map(|log| log.iter()) {
            match entry.course.as_deref() {
                Some(course) if !known_course(course) => {
                    let kind = InstrumentProblem::UnknownCourse { field: "log.course", course: course.to_owned() };
                    problems.push(problem(&source, course, kind));
                }
                None if entry.completed => {
                    problems.push(problem(&source, &goal.id, InstrumentProblem::CompletedWithoutCourse));
                }
                _ => {}
            }
        }
        let Some(metric) = &goal.metric else { continue };
        let kind = match MetricSource::of(metric) {
            Err(SourceError::UnknownSource(source)) => Some(InstrumentProblem::UnknownSource { source }),
            Err(SourceError::MissingCourse) => Some(InstrumentProblem::SourceWithoutCourse),
            Ok(None) if metric.current.is_none() => Some(InstrumentProblem::MetricWithoutValue),
            Ok(Some(MetricSource::Training { course })) if !known_course(&course) => {
                Some(InstrumentProblem::UnknownCourse { field: "metric.course", course })
            }
            Ok(Some(MetricSource::Engagement { question: Some(question) }))
                if data.instruments.questions.resolve(&question).is_none() =>
            {
                Some(InstrumentProblem::UnknownQuestion { field: "metric.question", question })
            }
            Ok(_) => None,
        };
        if let Some(kind) = kind {
            problems.push(problem(&source, &goal.id, kind));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::cascade::tests::{cycle_data, file, goal};
    use crate::model::engagement::EngagementFile;
    use crate::model::engagement::tests::row;
    use crate::model::meetings::tests::{day, file as meetings_file, meeting};
    use crate::model::meetings::{AgreedAction, MeetingKind};
    use crate::model::metric_source::tests::measured;
    use crate::model::permissions::tests::city;
    use crate::model::problem::Severity;
    use crate::model::training::tests::course_entry;
    use crate::model::training::{Course, CourseList};
    use crate::model::types::{Extra, Goal, LogEntry};

    /// The instruments' problems against the people of `org` and the goals of `data`.
    fn validate_instruments(org: &Org, data: &CycleData) -> Vec<Problem> {
        let people = org.people.iter().map(|p| p.id.as_str()).collect();
        let goals = data.goals.iter().flat_map(|f| &f.goals).map(|g| g.id.as_str()).collect();
        super::validate_instruments(org, data, &people, &goals)
    }

    fn courses() -> CourseList {
        CourseList {
            courses: vec![Course {
                name: "DX推進研修".into(), category: "特別研修".into(), extra: Extra::new()
            }],
            extra: Extra::new(),
        }
    }

    /// `city()`'s cycle with 伊藤's goal, a 1on1 of 佐藤 with 伊藤, a DX course entry,
    /// an engagement row and the course list: nothing wrong.
    fn clean() -> CycleData {
        let mut ito = goal("ito-1", None, 10);
        ito.log = vec![course_entry(day(10, 3), "DX推進研修", true)].into();
        let mut data = cycle_data(vec![file("ito", vec![ito], vec![])]);
        data.instruments.meetings = vec![meetings_file("sato", vec![meeting("ito", day(6, 1), MeetingKind::Manager)])];
        data.instruments.engagement = Some(EngagementFile::new("2025", vec![row("jinji", "Q4", 3.1, 8)]));
        data.instruments.courses = Some(courses());
        data
    }

    fn meetings_of(writer: &str) -> Source {
        Source::Meetings { cycle: "2025".into(), writer: writer.into() }
    }

    fn goals_of(person: &str) -> Source {
        Source::Goals { cycle: "2025".into(), person: person.into() }
    }

    /// Exactly one problem, in `source`, about `subject`, of `kind`, reading `message` in English.
    #[track_caller]
    fn assert_only(problems: Vec<Problem>, source: Source, subject: &str, kind: ProblemKind, message: &str) {
        assert_eq!(problems, vec![Problem::new(source, Some(subject), kind)]);
        assert_eq!(crate::messages::problem(&problems[0].kind, crate::messages::Lang::En), message);
    }

    fn instrument(kind: InstrumentProblem) -> ProblemKind {
        ProblemKind::Instrument(kind)
    }

    #[test]
    fn clean_instruments_have_no_problems() {
        assert_eq!(validate_instruments(&city(), &clean()), vec![]);
        assert_eq!(validate_mentors(&city()), vec![]);
    }

    #[test]
    fn a_meeting_with_an_unknown_person() {
        let mut data = clean();
        data.instruments.meetings[0].meetings[0].with = "P9999".into();
        assert_only(
            validate_instruments(&city(), &data),
            meetings_of("sato"),
            "P9999",
            ProblemKind::UnknownPerson { field: "with", id: "P9999".into() },
            "`with` names unknown person `P9999`",
        );
    }

    #[test]
    fn a_meetings_file_of_an_unknown_writer() {
        let mut data = clean();
        data.instruments.meetings[0].writer = "P9999".into();
        assert_only(
            validate_instruments(&city(), &data),
            meetings_of("P9999"),
            "P9999",
            ProblemKind::UnknownPerson { field: "writer", id: "P9999".into() },
            "`writer` names unknown person `P9999`",
        );
    }

    #[test]
    fn a_meetings_file_of_another_cycle() {
        let mut data = clean();
        data.instruments.meetings[0].cycle = "2024".into();
        let kind = ProblemKind::WrongPlace { field: "cycle", expected: "2025".into(), found: "2024".into() };
        let problems = validate_instruments(&city(), &data);
        assert_eq!(problems, vec![Problem::new(meetings_of("sato"), Some("sato"), kind)]);
    }

    #[test]
    fn a_meeting_written_by_someone_not_in_it() {
        // The writer is one of the pair by the file's design; a record naming the
        // writer as the other person leaves the meeting with one person.
        let mut data = clean();
        data.instruments.meetings[0].meetings[0].with = "sato".into();
        let problems = validate_instruments(&city(), &data);
        assert_only(
            problems.clone(),
            meetings_of("sato"),
            "sato",
            instrument(InstrumentProblem::MeetingWithoutOther),
            "the 1on1's `with` is its writer; a 1on1 is between the writer and someone else",
        );
        assert_eq!(problems[0].severity(), Severity::Error);
    }

    #[test]
    fn a_meeting_action_for_an_unknown_goal_and_an_escape_in_the_notes() {
        let mut data = clean();
        let held = &mut data.instruments.meetings[0].meetings[0];
        held.texts.actions =
            vec![AgreedAction { text: "研修".into(), goal: Some("ito-9".into()), done: false, extra: Extra::new() }];
        assert_only(
            validate_instruments(&city(), &data),
            meetings_of("sato"),
            "ito-9",
            ProblemKind::UnknownGoal { field: "actions.goal", id: "ito-9".into() },
            "`actions.goal` names unknown goal `ito-9`",
        );
        let mut data = clean();
        data.instruments.meetings[0].meetings[0].texts.notes = "メモ\u{1b}[2J".into();
        assert_only(
            validate_instruments(&city(), &data),
            meetings_of("sato"),
            "ito",
            ProblemKind::ControlCharacter { field: "notes", code: 0x1b },
            "`notes` contains control character U+001B",
        );
    }

    #[test]
    fn a_course_not_in_the_course_list_is_a_warning() {
        let mut data = clean();
        data.goals[0].goals[0].log.get_mut().unwrap().push(course_entry(day(11, 1), "DX研修", false));
        let problems = validate_instruments(&city(), &data);
        assert_only(
            problems.clone(),
            goals_of("ito"),
            "DX研修",
            instrument(InstrumentProblem::UnknownCourse { field: "log.course", course: "DX研修".into() }),
            "`log.course` names course `DX研修`, which is not in courses.toml",
        );
        assert_eq!(problems[0].severity(), Severity::Warning);
        // Without a course list there is nothing to check against.
        data.instruments.courses = None;
        assert_eq!(validate_instruments(&city(), &data), vec![]);
    }

    #[test]
    fn a_completion_without_a_course_is_a_warning() {
        let mut data = clean();
        data.goals[0].goals[0]
            .log
            .get_mut()
            .unwrap()
            .push(LogEntry { course: None, ..course_entry(day(11, 1), "", true) });
        let problems = validate_instruments(&city(), &data);
        assert_only(
            problems.clone(),
            goals_of("ito"),
            "ito-1",
            instrument(InstrumentProblem::CompletedWithoutCourse),
            "`completed = true` without a `course`",
        );
        assert_eq!(problems[0].severity(), Severity::Warning);
    }

    #[test]
    fn an_engagement_row_for_an_unknown_unit() {
        let mut data = clean();
        data.instruments.engagement = Some(EngagementFile::new("2025", vec![row("kikaku", "Q4", 3.1, 8)]));
        assert_only(
            validate_instruments(&city(), &data),
            Source::Engagement("2025".into()),
            "kikaku",
            ProblemKind::UnknownUnit { field: "unit", id: "kikaku".into() },
            "`unit` names unknown unit `kikaku`",
        );
    }

    #[test]
    fn an_engagement_row_for_an_unknown_question() {
        let mut data = clean();
        data.instruments.engagement = Some(EngagementFile::new("2025", vec![row("jinji", "Q14", 3.1, 8)]));
        assert_only(
            validate_instruments(&city(), &data),
            Source::Engagement("2025".into()),
            "Q14",
            instrument(InstrumentProblem::UnknownQuestion { field: "question", question: "Q14".into() }),
            "`question` names question `Q14`, which is not in the question list",
        );
    }

    #[test]
    fn an_engagement_mean_off_the_scale_and_a_duplicate_row() {
        let mut data = clean();
        data.instruments.engagement = Some(EngagementFile::new("2025", vec![row("jinji", "Q4", 31.0, 8)]));
        assert_only(
            validate_instruments(&city(), &data),
            Source::Engagement("2025".into()),
            "jinji",
            instrument(InstrumentProblem::MeanOutOfRange { mean: 31.0 }),
            "mean 31 is outside the survey's 1–5 scale",
        );
        data.instruments.engagement =
            Some(EngagementFile::new("2025", vec![row("jinji", "Q4", 3.1, 8), row("jinji", "Q4", 3.3, 9)]));
        assert_only(
            validate_instruments(&city(), &data),
            Source::Engagement("2025".into()),
            "jinji",
            instrument(InstrumentProblem::DuplicateResult { unit: "jinji".into(), question: "Q4".into() }),
            "unit `jinji` has more than one result for question `Q4`",
        );
    }

    fn with_metric_goal(goal: Goal) -> CycleData {
        let mut data = clean();
        data.goals[0].goals.push(goal);
        data
    }

    #[test]
    fn a_metric_source_that_names_no_source() {
        let data = with_metric_goal(measured("ito-2", 0.0, 10.0, "trainings"));
        assert_only(
            validate_instruments(&city(), &data),
            goals_of("ito"),
            "ito-2",
            instrument(InstrumentProblem::UnknownSource { source: "trainings".into() }),
            "metric `source` `trainings` is unknown (training, engagement or meetings)",
        );
    }

    #[test]
    fn a_training_source_without_a_course_or_with_an_unknown_one() {
        let data = with_metric_goal(measured("ito-2", 0.0, 10.0, "training"));
        assert_only(
            validate_instruments(&city(), &data),
            goals_of("ito"),
            "ito-2",
            instrument(InstrumentProblem::SourceWithoutCourse),
            "`source = \"training\"` needs a `course`",
        );
        let mut goal = measured("ito-2", 0.0, 10.0, "training");
        goal.metric.as_mut().unwrap().course = Some("DX推進研修（応用）".into());
        let problems = validate_instruments(&city(), &with_metric_goal(goal));
        assert_only(
            problems.clone(),
            goals_of("ito"),
            "ito-2",
            instrument(InstrumentProblem::UnknownCourse {
                field: "metric.course",
                course: "DX推進研修（応用）".into(),
            }),
            "`metric.course` names course `DX推進研修（応用）`, which is not in courses.toml",
        );
        assert_eq!(problems[0].severity(), Severity::Error);
    }

    #[test]
    fn an_engagement_source_with_an_unknown_question() {
        let mut goal = measured("ito-2", 3.0, 3.5, "engagement");
        goal.metric.as_mut().unwrap().question = Some("Q20".into());
        assert_only(
            validate_instruments(&city(), &with_metric_goal(goal)),
            goals_of("ito"),
            "ito-2",
            instrument(InstrumentProblem::UnknownQuestion { field: "metric.question", question: "Q20".into() }),
            "`metric.question` names question `Q20`, which is not in the question list",
        );
        let mut by_number = measured("ito-2", 3.0, 3.5, "engagement");
        by_number.metric.as_mut().unwrap().question = Some("11".into());
        assert_eq!(validate_instruments(&city(), &with_metric_goal(by_number)), vec![]);
    }

    #[test]
    fn a_metric_without_a_value_or_a_source() {
        let mut goal = measured("ito-2", 0.0, 10.0, "meetings");
        goal.metric.as_mut().unwrap().source = None;
        assert_only(
            validate_instruments(&city(), &with_metric_goal(goal)),
            goals_of("ito"),
            "ito-2",
            instrument(InstrumentProblem::MetricWithoutValue),
            "the metric has neither `current` nor `source`",
        );
    }

    #[test]
    fn unknown_and_own_mentors() {
        let mut org = city();
        org.people.iter_mut().find(|p| p.id == "ito").unwrap().mentor = Some("P9999".into());
        assert_only(
            validate_mentors(&org),
            Source::Org,
            "ito",
            ProblemKind::UnknownPerson { field: "mentor", id: "P9999".into() },
            "`mentor` names unknown person `P9999`",
        );
        org.people.iter_mut().find(|p| p.id == "ito").unwrap().mentor = Some("ito".into());
        assert_only(
            validate_mentors(&org),
            Source::Org,
            "ito",
            instrument(InstrumentProblem::OwnMentor),
            "is their own mentor",
        );
    }
}
