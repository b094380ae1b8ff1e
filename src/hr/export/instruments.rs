//! The instruments in the export: 1on1s as counts, days and pairs (never their
//! text: HR may see only that a meeting happened), training from the Do log, and
//! the engagement results that may be shown (rows under the minimum of respondents
//! are left out, as everywhere).

use crate::model::hash::HashMap;

use super::records::{ExportEngagement, ExportMeeting, ExportTraining};
use crate::hr::natural_cmp;
use crate::model::engagement::EngagementSettings;
use crate::model::{CycleData, Date, DateSpan, meetings, training};

/// Each person's 1on1s within the cycle: how many (the same day's meeting of a pair
/// written down by both counts once, as in `model::meetings`) and the latest day.
pub(super) struct MeetingTally<'a> {
    counts: HashMap<&'a str, usize>,
    last: HashMap<&'a str, Date>,
}

impl<'a> MeetingTally<'a> {
    pub fn new(data: &'a CycleData) -> Self {
        let span = DateSpan { start: data.cycle.start, end: data.cycle.end };
        let files = &data.instruments.meetings;
        let mut last: HashMap<&str, Date> = HashMap::default();
        for found in meetings::all(files).filter(|m| span.contains(m.meeting.date)) {
            for person in [found.writer, found.meeting.with.as_str()] {
                let day = last.entry(person).or_insert(found.meeting.date);
                *day = (*day).max(found.meeting.date);
            }
        }
        MeetingTally { counts: meetings::counts(files, span), last }
    }

    pub fn count(&self, person: &str) -> usize {
        self.counts.get(person).copied().unwrap_or(0)
    }

    pub fn last(&self, person: &str) -> Option<Date> {
        self.last.get(person).copied()
    }
}

/// The 1on1s in the cycle that involve someone `exported`, by day, writer, other
/// person and kind.
pub(super) fn meetings_of(data: &CycleData, exported: impl Fn(&str) -> bool) -> Vec<ExportMeeting> {
    let span = DateSpan { start: data.cycle.start, end: data.cycle.end };
    let mut found: Vec<ExportMeeting> = meetings::all(&data.instruments.meetings)
        .filter(|m| span.contains(m.meeting.date) && (exported(m.writer) || exported(&m.meeting.with)))
        .map(|m| ExportMeeting {
            date: m.meeting.date,
            writer: m.writer.into(),
            with: m.meeting.with,
            kind: m.meeting.kind,
        })
        .collect();
    found.sort_by(|a, b| {
        (a.date.cmp(&b.date))
            .then_with(|| natural_cmp(&a.writer, &b.writer))
            .then_with(|| natural_cmp(&a.with, &b.with))
            .then_with(|| a.kind.cmp(&b.kind))
    });
    found
}

/// Everyone's training in the cycle, gathered in one pass over the Do logs (asking
/// each person's of the whole data set made the export quadratic in the staff).
pub(super) struct Trainings<'a>(HashMap<&'a str, Vec<ExportTraining>>);

impl<'a> Trainings<'a> {
    pub(super) fn new(data: &'a CycleData) -> Self {
        let mut by_person: HashMap<&'a str, Vec<ExportTraining>> = HashMap::default();
        for record in training::records(data) {
            by_person.entry(record.person).or_default().push(ExportTraining {
                course: record.course.to_owned(),
                date: record.date,
                completed: record.completed,
                goal: record.goal.clone(),
            });
        }
        for found in by_person.values_mut() {
            found.sort_by(|a, b| {
                (a.date.cmp(&b.date))
                    .then_with(|| natural_cmp(&a.goal, &b.goal))
                    .then_with(|| a.course.cmp(&b.course))
                    .then_with(|| a.completed.cmp(&b.completed))
            });
        }
        Trainings(by_person)
    }

    /// `person`'s training in the cycle, by day, goal and course.
    pub(super) fn of(&self, person: &str) -> Vec<ExportTraining> {
        self.0.get(person).cloned().unwrap_or_default()
    }
}

/// The engagement results that may be shown, of the units `exported`, by unit and
/// question.
pub(super) fn engagement_of(
    data: &CycleData,
    settings: &EngagementSettings,
    exported: impl Fn(&str) -> bool,
) -> Vec<ExportEngagement> {
    let Some(file) = &data.instruments.engagement else { return Vec::new() };
    let mut rows: Vec<ExportEngagement> = file
        .shown(settings)
        .rows()
        .filter(|row| exported(&row.unit))
        .map(|row| ExportEngagement {
            unit: row.unit.clone(),
            question: row.question.clone(),
            mean: row.mean,
            respondents: row.respondents,
        })
        .collect();
    rows.sort_by(|a, b| natural_cmp(&a.unit, &b.unit).then_with(|| natural_cmp(&a.question, &b.question)));
    // A repeated row counts once (the first, as in `model::engagement`).
    rows.dedup_by(|later, earlier| later.unit == earlier.unit && later.question == earlier.question);
    rows
}
