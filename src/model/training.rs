//! Training records: Do-log entries that name a `course` from the course list HR
//! keeps (`courses.toml`, the seed's 職員研修体系), marked `completed = true` when
//! the course was finished. A person's training history and HR's counts per course
//! and unit are read from the goals files of a cycle; nothing is stored twice.

use crate::model::hash::HashMap;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::types::{CycleData, DateSpan, Extra, GoalId, GoalsFile, LogKind, Org, PersonId, UnitId};

/// `courses.toml` at the data-set root: the courses HR offers, written by HR.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CourseList {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub courses: Vec<Course>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Course {
    /// What log entries and metric sources name it by, e.g. `DX推進研修`.
    pub name: String,
    /// Its place in the 職員研修体系, e.g. `階層別研修`, `特別研修`, `派遣研修`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub category: String,
    #[serde(flatten)]
    pub extra: Extra,
}

impl CourseList {
    pub fn contains(&self, name: &str) -> bool {
        self.courses.iter().any(|course| course.name == name)
    }
}

/// One Do-log entry that names a course.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrainingRecord<'a> {
    pub person: &'a PersonId,
    /// The goal the training served.
    pub goal: &'a GoalId,
    pub date: Date,
    pub kind: LogKind,
    pub course: &'a str,
    pub completed: bool,
}

/// Every log entry with a course in the cycle's goals files, dated within the cycle.
pub fn records(data: &CycleData) -> impl Iterator<Item = TrainingRecord<'_>> {
    data.goals.iter().flat_map(move |file| records_in(data, file))
}

/// The training records of one goals file, within the cycle.
fn records_in<'a>(data: &CycleData, file: &'a GoalsFile) -> impl Iterator<Item = TrainingRecord<'a>> {
    let span = DateSpan { start: data.cycle.start, end: data.cycle.end };
    // A log left on disk has no training in it (see `HeldTexts for GoalsFile`).
    file.goals.iter().flat_map(move |goal| {
        goal.log
            .here()
            .into_iter()
            .flat_map(|log| log.iter())
            .filter(move |entry| span.contains(entry.date))
            .filter_map(move |entry| {
                Some(TrainingRecord {
                    person: &file.owner,
                    goal: &goal.id,
                    date: entry.date,
                    kind: entry.kind,
                    course: entry.course.as_deref()?,
                    completed: entry.completed,
                })
            })
    })
}

/// A person's training in the cycle, oldest first (for their sheet).
pub fn history<'a>(data: &'a CycleData, person: &str) -> Vec<TrainingRecord<'a>> {
    // Only the person's own files: their Do log is where their training is.
    let mut found: Vec<TrainingRecord<'a>> =
        data.goals.iter().filter(|file| file.owner == person).flat_map(|file| records_in(data, file)).collect();
    found.sort_by_key(|record| record.date);
    found
}

/// The people who completed `course` in the cycle, each once.
pub fn completed_by<'a>(data: &'a CycleData, course: &str) -> BTreeSet<&'a str> {
    records(data).filter(|r| r.completed && r.course == course).map(|r| r.person.as_str()).collect()
}

/// People per course and unit, for HR.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CourseCount {
    /// Distinct people with any entry for the course.
    pub people: usize,
    /// Distinct people who completed it.
    pub completed: usize,
}

/// Counts per (course, unit of the person). People not in org.toml count under the unit `""`.
pub fn counts(org: &Org, data: &CycleData) -> BTreeMap<(String, UnitId), CourseCount> {
    #[derive(Default)]
    struct People<'a> {
        attended: BTreeSet<&'a str>,
        completed: BTreeSet<&'a str>,
    }
    let units: HashMap<&str, &str> = org.people.iter().map(|p| (p.id.as_str(), p.unit.as_str())).collect();
    let mut by_key: BTreeMap<(String, UnitId), People<'_>> = BTreeMap::new();
    for record in records(data) {
        let key = (record.course.to_owned(), units.get(record.person.as_str()).copied().unwrap_or_default().to_owned());
        let people = by_key.entry(key).or_default();
        people.attended.insert(record.person);
        if record.completed {
            people.completed.insert(record.person);
        }
    }
    by_key
        .into_iter()
        .map(|(key, people)| (key, CourseCount { people: people.attended.len(), completed: people.completed.len() }))
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::cascade::tests::{cycle_data, file, goal};
    use crate::model::permissions::tests::city;
    use crate::model::types::LogEntry;

    pub(crate) fn course_entry(date: Date, course: &str, completed: bool) -> LogEntry {
        LogEntry {
            date,
            kind: LogKind::OffJt,
            text: format!("{course}を受講").into(),
            course: Some(course.into()),
            completed,
            extra: Extra::new(),
        }
    }

    fn day(month: u32, day: u32) -> Date {
        crate::model::meetings::tests::day(month, day)
    }

    fn data() -> CycleData {
        let mut ito = goal("ito-1", None, 50);
        ito.log = vec![
            course_entry(day(10, 3), "DX推進研修", true),
            course_entry(day(6, 1), "DX推進研修", false),
            LogEntry { course: None, ..course_entry(day(7, 1), "", true) },
        ]
        .into();
        let mut ito_2 = goal("ito-2", None, 50);
        ito_2.log =
            vec![course_entry(day(11, 5), "DX推進研修", true), course_entry(day(8, 8), "資格取得研修", false)].into();
        let mut kato = goal("kato-1", None, 10);
        kato.log = vec![
            course_entry(day(9, 9), "DX推進研修", false),
            // Before the cycle began: not this cycle's training.
            course_entry(Date::from_ymd(2025, 3, 20).unwrap(), "DX推進研修", true),
        ]
        .into();
        let mut saito = goal("saito-1", None, 10);
        saito.log = vec![course_entry(day(12, 1), "DX推進研修", true)].into();
        cycle_data(vec![
            file("ito", vec![ito, ito_2], vec![]),
            file("kato", vec![kato], vec![]),
            file("saito", vec![saito], vec![]),
        ])
    }

    #[test]
    fn a_persons_history_lists_their_courses_in_date_order() {
        let data = data();
        let history: Vec<(Date, &str, bool, &str)> =
            history(&data, "ito").iter().map(|r| (r.date, r.course, r.completed, r.goal.as_str())).collect();
        assert_eq!(
            history,
            [
                (day(6, 1), "DX推進研修", false, "ito-1"),
                (day(8, 8), "資格取得研修", false, "ito-2"),
                (day(10, 3), "DX推進研修", true, "ito-1"),
                (day(11, 5), "DX推進研修", true, "ito-2"),
            ]
        );
    }

    #[test]
    fn completions_count_people_once_within_the_cycle() {
        let data = data();
        assert_eq!(completed_by(&data, "DX推進研修").into_iter().collect::<Vec<_>>(), ["ito", "saito"]);
        let counts = counts(&city(), &data);
        let of = |course: &str, unit: &str| counts[&(course.to_owned(), unit.to_owned())].clone();
        assert_eq!(of("DX推進研修", "jinji-t"), CourseCount { people: 2, completed: 1 }, "ito and kato");
        assert_eq!(of("DX推進研修", "joho"), CourseCount { people: 1, completed: 1 });
        assert_eq!(of("資格取得研修", "jinji-t"), CourseCount { people: 1, completed: 0 });
        assert_eq!(counts.len(), 3);
    }
}
