//! "Export (or import) what is valid": given a data set with validation errors,
//! leave out the records the errors are about until none is left, and say what was
//! left out and why.
//!
//! What is left out, by error:
//! - a person with a bad id, name, title or unit, or a duplicate id: the person
//!   (an unknown reviewer, a reviewer loop, a bad grade or kana: only that field);
//! - a unit with a bad name, an unknown parent, a loop or a duplicate id: the unit
//!   (and so, next round, the people in it); an unknown head: the head;
//! - a goals or feedback file in the wrong place or of an unknown person: the file;
//! - a goal with bad text or a duplicate id: the goal; an unknown, looping or
//!   cross-cycle parent: the parent link; an unknown proposal: the proposal link;
//!   progress over 100: the progress; a metric with nan or inf: the metric;
//! - a proposal or a decline with an error: that proposal or decline;
//! - a feedback entry with an error: that entry;
//! - a workflow step with a bad comment: that step.
//!
//! Errors in `cycle.toml` (dates), and confirmed sheets changed by hand after their
//! confirmation, leave nothing out; they are returned as remaining.

use crate::model::hash::HashMap;

use crate::model::validate::{TEXT_LIMIT, check_text, confirmation_problems, validate_cycle, validate_org};
use crate::model::{CycleData, CycleId, GoalId, Hierarchy, Org, Problem, ProblemKind, Severity, SheetRecord, Source};

/// A record (or one field of it) left out, and the problem that made it so.
#[derive(Clone, Debug, PartialEq)]
pub struct LeftOut {
    pub problem: Problem,
    /// What was left out, e.g. goal P0009-2026-1 or the reviewer of P0012.
    pub what: Part,
}

/// A part of the data set left out: a record, or one field or link of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    Person(String),
    Unit(String),
    UnitHead {
        unit: String,
    },
    Reviewer {
        person: String,
    },
    Grade {
        person: String,
    },
    Kana {
        person: String,
    },
    GoalsFile {
        owner: String,
    },
    FeedbackFile {
        reviewer: String,
    },
    /// A feedback entry, on a goal or on a whole sheet.
    Feedback {
        reviewer: String,
        on: String,
    },
    /// Workflow steps with a bad comment.
    StepsInGoalsFile {
        count: usize,
        owner: String,
    },
    StepsInFeedbackFile {
        count: usize,
        reviewer: String,
    },
    Goal(String),
    /// Every goal with this id, which more than one has.
    EveryGoal(String),
    ParentLink {
        goal: String,
    },
    ProposalLink {
        goal: String,
    },
    Progress {
        goal: String,
    },
    Metric {
        goal: String,
    },
    Proposal(String),
    /// Every proposal with this id, which more than one has.
    EveryProposal(String),
    Decline {
        proposal: String,
        by: String,
    },
}

#[derive(Clone, Debug)]
pub struct Kept {
    pub org: Org,
    pub data: CycleData,
    pub left_out: Vec<LeftOut>,
    /// Errors that leaving records out cannot cure (e.g. cycle dates).
    pub remaining: Vec<Problem>,
}

/// Every error of the organisation and the cycle.
pub fn errors(org: &Org, data: &CycleData, goals_elsewhere: &HashMap<GoalId, CycleId>) -> Vec<Problem> {
    // The seals are checked beside the rest: neither needs the other.
    let (mut problems, sealed) = rayon::join(
        || {
            let mut problems = validate_org(org);
            problems.extend(validate_cycle(org, data, goals_elsewhere));
            problems
        },
        || confirmation_problems(&Hierarchy::new(org), data),
    );
    problems.extend(sealed);
    problems.retain(|p| p.severity() == Severity::Error);
    problems
}

/// Leaves out records until validation finds no error it can cure.
pub fn keep_valid(org: &Org, data: &CycleData, goals_elsewhere: &HashMap<GoalId, CycleId>) -> Kept {
    let mut kept = Kept { org: org.clone(), data: data.clone(), left_out: Vec::new(), remaining: Vec::new() };
    loop {
        let problems = errors(&kept.org, &kept.data, goals_elsewhere);
        let before = kept.left_out.len();
        for problem in problems.iter() {
            if let Some(what) = leave_out(&mut kept.org, &mut kept.data, problem) {
                kept.left_out.push(LeftOut { problem: problem.clone(), what });
            }
        }
        if kept.left_out.len() == before {
            kept.remaining = problems;
            return kept;
        }
    }
}

/// Removes (or clears) what `problem` is about; `None` when nothing could be done.
fn leave_out(org: &mut Org, data: &mut CycleData, problem: &Problem) -> Option<Part> {
    let subject = problem.subject.as_deref()?;
    // A confirmed sheet changed by hand: leaving anything out would only hide it.
    if let ProblemKind::ChangedAfterConfirmation { .. } = problem.kind {
        return None;
    }
    if let ProblemKind::ControlCharacter { field: "sheet.comment", .. }
    | ProblemKind::TooLong { field: "sheet.comment", .. } = problem.kind
    {
        return leave_out_sheet_records(data, &problem.source);
    }
    match &problem.source {
        Source::Org => leave_out_of_org(org, subject, &problem.kind),
        Source::Goals { person, .. } => leave_out_of_goals(data, person, subject, &problem.kind),
        Source::Feedback { reviewer, .. } => {
            let index = data.feedback.iter().position(|file| file.reviewer == *reviewer)?;
            if subject == reviewer {
                data.feedback.remove(index);
                return Some(Part::FeedbackFile { reviewer: reviewer.to_string() });
            }
            let file = &mut data.feedback[index];
            let before = file.feedback.len();
            file.feedback.retain(|entry| match &entry.goal {
                Some(goal) => goal != subject,
                None => entry.person != subject,
            });
            (file.feedback.len() < before)
                .then(|| Part::Feedback { reviewer: reviewer.to_string(), on: subject.to_owned() })
        }
        Source::Info
        | Source::Cycle(_)
        | Source::Competencies
        | Source::Calibration { .. }
        | Source::Meetings { .. }
        | Source::Engagement(_)
        | Source::Courses
        | Source::EngagementQuestions
        | Source::Audit { .. } => None,
    }
}

/// Workflow records with a bad comment, in the file the problem is about.
fn leave_out_sheet_records(data: &mut CycleData, source: &Source) -> Option<Part> {
    let bad = |record: &SheetRecord| check_text("sheet.comment", &record.comment, TEXT_LIMIT).is_some();
    let left_out = |records: &mut Vec<SheetRecord>| {
        let before = records.len();
        records.retain(|record| !bad(record));
        Some(before - records.len()).filter(|count| *count > 0)
    };
    match source {
        Source::Goals { person, .. } => {
            let file = data.goals.iter_mut().find(|file| file.owner == *person)?;
            left_out(&mut file.sheet).map(|count| Part::StepsInGoalsFile { count, owner: person.to_string() })
        }
        Source::Feedback { reviewer, .. } => {
            let file = data.feedback.iter_mut().find(|file| file.reviewer == *reviewer)?;
            left_out(&mut file.sheet).map(|count| Part::StepsInFeedbackFile { count, reviewer: reviewer.to_string() })
        }
        _ => None,
    }
}

fn leave_out_of_org(org: &mut Org, subject: &str, kind: &ProblemKind) -> Option<Part> {
    let is_person = org.people.iter().any(|p| p.id == subject);
    let is_unit = org.units.iter().any(|u| u.id == subject);
    match kind {
        ProblemKind::DuplicateId { what: "unit", .. } => remove_unit(org, subject),
        ProblemKind::DuplicateId { .. } if is_person => remove_person(org, subject),
        ProblemKind::UnknownPerson { field: "head", .. } if is_unit => {
            org.units.iter_mut().filter(|u| u.id == subject).for_each(|u| u.head = None);
            Some(Part::UnitHead { unit: subject.to_owned() })
        }
        ProblemKind::UnknownUnit { field: "parent", .. } | ProblemKind::UnitLoop { .. } if is_unit => {
            remove_unit(org, subject)
        }
        ProblemKind::UnknownPerson { field: "reviewer", .. } | ProblemKind::ReviewerLoop { .. } if is_person => {
            org.people.iter_mut().filter(|p| p.id == subject).for_each(|p| p.reviewer = None);
            Some(Part::Reviewer { person: subject.to_owned() })
        }
        ProblemKind::GradeOutOfRange { .. } if is_person => {
            org.people.iter_mut().filter(|p| p.id == subject).for_each(|p| p.grade = None);
            Some(Part::Grade { person: subject.to_owned() })
        }
        ProblemKind::ControlCharacter { field: "kana", .. } | ProblemKind::TooLong { field: "kana", .. }
            if is_person =>
        {
            org.people.iter_mut().filter(|p| p.id == subject).for_each(|p| p.kana = None);
            Some(Part::Kana { person: subject.to_owned() })
        }
        _ if is_person => remove_person(org, subject),
        _ if is_unit => remove_unit(org, subject),
        _ => None,
    }
}

fn remove_person(org: &mut Org, id: &str) -> Option<Part> {
    org.people.retain(|p| p.id != id);
    Some(Part::Person(id.to_owned()))
}

fn remove_unit(org: &mut Org, id: &str) -> Option<Part> {
    org.units.retain(|u| u.id != id);
    Some(Part::Unit(id.to_owned()))
}

fn leave_out_of_goals(data: &mut CycleData, owner: &str, subject: &str, kind: &ProblemKind) -> Option<Part> {
    if let ProblemKind::DuplicateId { what, id } = kind {
        let mut removed = false;
        for file in &mut data.goals {
            let before = file.goals.len() + file.proposals.len();
            match *what {
                "goal" => file.goals.retain(|g| g.id != *id),
                _ => file.proposals.retain(|p| p.id != *id),
            }
            removed |= file.goals.len() + file.proposals.len() < before;
        }
        return removed.then(|| match *what {
            "goal" => Part::EveryGoal(id.clone()),
            _ => Part::EveryProposal(id.clone()),
        });
    }
    let index = data.goals.iter().position(|file| file.owner == owner)?;
    if subject == owner && !data.goals[index].goals.iter().any(|g| g.id == subject) {
        data.goals.remove(index);
        return Some(Part::GoalsFile { owner: owner.to_owned() });
    }
    let file = &mut data.goals[index];
    if let Some(goal) = file.goals.iter_mut().find(|g| g.id == subject) {
        return match kind {
            ProblemKind::UnknownGoal { field: "parent", .. }
            | ProblemKind::LinkAcrossCycles { .. }
            | ProblemKind::ParentLoop { .. } => {
                goal.parent = None;
                goal.proposal = None;
                Some(Part::ParentLink { goal: subject.to_owned() })
            }
            ProblemKind::UnknownProposal { .. } => {
                goal.proposal = None;
                Some(Part::ProposalLink { goal: subject.to_owned() })
            }
            ProblemKind::ProgressOutOfRange { .. } => {
                goal.progress = None;
                Some(Part::Progress { goal: subject.to_owned() })
            }
            ProblemKind::NotFinite { .. } => {
                goal.metric = None;
                Some(Part::Metric { goal: subject.to_owned() })
            }
            _ => {
                file.goals.retain(|g| g.id != subject);
                Some(Part::Goal(subject.to_owned()))
            }
        };
    }
    if file.proposals.iter().any(|p| p.id == subject) {
        file.proposals.retain(|p| p.id != subject);
        return Some(Part::Proposal(subject.to_owned()));
    }
    if file.declined.iter().any(|d| d.proposal == subject) {
        file.declined.retain(|d| d.proposal != subject);
        return Some(Part::Decline { proposal: subject.to_owned(), by: owner.to_owned() });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cycle, Date, Extra, Goal, GoalsFile, Person, Unit, UnitKind};

    fn person(id: &str, reviewer: Option<&str>) -> Person {
        Person {
            id: id.into(),
            name: format!("職員 {id}"),
            kana: None,
            unit: "u".into(),
            grade: Some(3),
            title: "主事".into(),
            job_type: None,
            competency_group: None,
            reviewer: reviewer.map(Into::into),
            second_reviewer: None,
            login: None,
            roles: Vec::new(),
            mentor: None,
            extra: Extra::new(),
        }
    }

    fn goal(id: &str, parent: Option<&str>) -> Goal {
        Goal { id: id.into(), title: format!("目標 {id}"), parent: parent.map(Into::into), ..Goal::default() }
    }

    fn data(files: Vec<GoalsFile>) -> CycleData {
        let day = |d| Date::from_ymd(2026, 4, d).unwrap();
        CycleData {
            cycle: Cycle {
                id: "2026".into(),
                name: None,
                start: day(1),
                end: day(30),
                phases: Default::default(),
                extra: Extra::new(),
            },
            goals: files,
            feedback: Vec::new(),
            competencies: None,
            calibration: Vec::new(),
            instruments: Default::default(),
        }
    }

    #[test]
    fn leaves_out_what_is_wrong_and_keeps_the_rest() {
        let org = Org {
            units: vec![Unit {
                id: "u".into(),
                name: "総務部".into(),
                kind: UnitKind::Department,
                parent: None,
                head: None,
                extra: Extra::new(),
            }],
            people: vec![
                person("A", None),
                person("B", Some("NOBODY")),
                Person { grade: Some(12), ..person("C", Some("A")) },
            ],
            extra: Extra::new(),
        };
        let mut bad_title = goal("B-2", None);
        bad_title.title = "改行\u{7}".into();
        let files = vec![
            GoalsFile { goals: vec![goal("A-1", None)], ..GoalsFile::new("A", "2026") },
            GoalsFile {
                goals: vec![goal("B-1", Some("A-1")), bad_title, goal("B-3", Some("B-2"))],
                ..GoalsFile::new("B", "2026")
            },
            GoalsFile { goals: vec![goal("Z-1", None)], ..GoalsFile::new("Z", "2026") },
        ];
        let kept = keep_valid(&org, &data(files), &HashMap::default());
        let what: Vec<&Part> = kept.left_out.iter().map(|l| &l.what).collect();
        assert!(what.contains(&&Part::Reviewer { person: "B".into() }), "{what:?}");
        assert!(what.contains(&&Part::Grade { person: "C".into() }), "{what:?}");
        assert!(what.contains(&&Part::Goal("B-2".into())), "{what:?}");
        assert!(what.contains(&&Part::GoalsFile { owner: "Z".into() }), "{what:?}");
        // B-3 lost its parent with B-2, in the next round.
        assert!(what.contains(&&Part::ParentLink { goal: "B-3".into() }), "{what:?}");
        assert!(kept.remaining.is_empty());
        assert!(errors(&kept.org, &kept.data, &HashMap::default()).is_empty());
        let ids: Vec<&str> = kept.data.goals.iter().flat_map(|f| &f.goals).map(|g| g.id.as_str()).collect();
        assert_eq!(ids, ["A-1", "B-1", "B-3"]);
        assert_eq!(kept.org.people.len(), 3);
    }

    #[test]
    fn cycle_errors_cannot_be_left_out_and_are_returned() {
        let mut broken = data(Vec::new());
        broken.cycle.end = Date::from_ymd(2025, 1, 1).unwrap();
        let kept = keep_valid(&Org::default(), &broken, &HashMap::default());
        assert!(kept.left_out.is_empty());
        assert_eq!(kept.remaining.len(), 1);
        assert_eq!(kept.remaining[0].kind, ProblemKind::EndsBeforeStart);
    }
}
