//! Replaying the sheets' records: gathered from every goals and feedback file,
//! each person's together, and replayed in time order.

use super::{IgnoredBecause, IgnoredRecord, SheetEvent, SheetStatus, holds_any};
use crate::model::permissions::Hierarchy;
use crate::model::source::Source;
use crate::model::types::{CycleData, CycleId, SheetRecord};

/// A record about `person`'s sheet, with whose file it is in: the goals file of
/// `writer`, or their feedback file. A city has tens of thousands; the file's
/// place is made when a record is kept, not for each record gathered.
pub(super) struct Located<'a> {
    pub(super) person: &'a str,
    record: &'a SheetRecord,
    writer: &'a str,
    in_goals_file: bool,
}

impl Located<'_> {
    fn source(&self, cycle: &CycleId) -> Source {
        let (cycle, writer) = (cycle.clone(), self.writer.into());
        if self.in_goals_file {
            Source::Goals { cycle, person: writer }
        } else {
            Source::Feedback { cycle, reviewer: writer }
        }
    }
}

/// The records about each person's sheet (only `only`'s, when given), each
/// person's together and in file order, and those that concern no sheet.
pub(super) fn gather<'a>(data: &'a CycleData, only: Option<&str>) -> (Vec<Located<'a>>, Vec<IgnoredRecord<'a>>) {
    let cycle = &data.cycle.id;
    let wanted = |person: &str| only.is_none_or(|only| only == person);
    // For one person, only their own goals file has records of theirs (another's
    // naming them is stray, and strays are gathered for everyone only): the rest
    // are not looked at, as a sheet is drawn on every frame.
    let sheet_files = || data.goals.iter().filter(|file| !file.sheet.is_empty() && wanted(&file.owner));
    let feedback_files = || data.feedback.iter().filter(|file| !file.sheet.is_empty());
    // Counted for everyone (the list a city's states are replayed from), not for
    // one person's few.
    let count = || {
        let goals = sheet_files().map(|f| f.sheet.len());
        goals.chain(feedback_files().map(|f| f.sheet.len())).sum()
    };
    let mut located = Vec::with_capacity(if only.is_none() { count() } else { 0 });
    let mut stray = Vec::new();
    for file in sheet_files() {
        for record in &file.sheet {
            let (writer, in_goals_file) = (file.owner.as_str(), true);
            match record.person.as_deref().filter(|&person| person != file.owner) {
                Some(other) if only.is_none() => {
                    let reason = IgnoredBecause::NotOwnSheet { person: other.into() };
                    let source = Source::Goals { cycle: cycle.clone(), person: file.owner };
                    stray.push(IgnoredRecord { record, source, person: Some(other), reason });
                }
                Some(_) => {}
                None => located.push(Located { person: writer, record, writer, in_goals_file }),
            }
        }
    }
    for file in feedback_files() {
        let writer = file.reviewer.as_str();
        for record in &file.sheet {
            match record.person.as_deref() {
                None if only.is_none() => stray.push(IgnoredRecord {
                    record,
                    source: Source::Feedback { cycle: cycle.clone(), reviewer: file.reviewer },
                    person: None,
                    reason: IgnoredBecause::NoPerson,
                }),
                Some(person) if wanted(person) => {
                    located.push(Located { person, record, writer, in_goals_file: false });
                }
                _ => {}
            }
        }
    }
    // Stable: each person's records stay in file order.
    located.sort_by(|a, b| a.person.cmp(b.person));
    (located, stray)
}

/// Replays one sheet's records in time order; records with equal times keep file order
/// (the goals file first, then feedback files by reviewer).
pub(super) fn replay<'a>(
    org: &Hierarchy<'_>,
    cycle: &CycleId,
    person: &'a str,
    records: &mut [Located<'a>],
) -> SheetStatus<'a> {
    records.sort_by_key(|located| located.record.at);
    let mut status = SheetStatus::draft();
    for located in records.iter() {
        let Located { record, writer, in_goals_file, .. } = *located;
        let state = status.state;
        let outcome = if record.by != writer {
            Err(IgnoredBecause::NotTheWriter { writer: writer.into() })
        } else if record.step.is_owners() != in_goals_file {
            Err(IgnoredBecause::WrongFile)
        } else if let Some(next) = record.step.target(state) {
            let roles = record.step.roles(state);
            if !holds_any(org, roles, &record.by, person) {
                Err(IgnoredBecause::NotAllowed { roles })
            } else if record.step.sends_back() && record.comment.trim().is_empty() {
                Err(IgnoredBecause::NoComment)
            } else {
                Ok(next)
            }
        } else {
            Err(IgnoredBecause::NotPossible { state })
        };
        let source = located.source(cycle);
        match outcome {
            Ok(next) => {
                status.history.push(SheetEvent { record, source, from: state, to: next });
                status.state = next;
            }
            Err(reason) => status.ignored.push(IgnoredRecord { record, source, person: Some(person), reason }),
        }
    }
    status
}
