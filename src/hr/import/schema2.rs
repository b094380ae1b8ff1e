//! What a `pdca-hr-export/2` adds to a rebuilt data set: the competency framework
//! and the 能力評価 ratings, the calibration adjustments, training entries in the Do
//! log, 1on1s (day, pair and kind; their text was never exported) and the engagement
//! results. Each record goes back into the file of the person who wrote it.
//!
//! The framework comes back with ids, names, groups and where each ability applies;
//! descriptions and behavioural anchors are not in the export.

use std::collections::BTreeMap;

use crate::hr::export::{Export, ExportPerson};
use crate::model::calibration::{Adjustment, CalibrationFile};
use crate::model::competency::{Ability, AbilityGroup, AbilityRating, Framework, RatingNotes, SelfRating};
use crate::model::engagement::{EngagementFile, EngagementResult};
use crate::model::meetings::{Meeting, MeetingsFile};
use crate::model::{Extra, FeedbackFile, GoalsFile, Held, Hierarchy, LogEntry, LogKind, Org, PersonId};

/// The framework of the export's `[[abilities]]`; groups get ids `G1`, `G2`, … in
/// the order their names first appear.
pub(super) fn framework(export: &Export) -> Option<Framework> {
    if export.abilities.is_empty() {
        return None;
    }
    let mut groups: Vec<AbilityGroup> = Vec::new();
    let mut abilities = Vec::new();
    for exported in &export.abilities {
        let group = match groups.iter().find(|group| group.name == exported.group) {
            Some(group) => group.id.clone(),
            None => {
                let id = format!("G{}", groups.len() + 1);
                groups.push(AbilityGroup {
                    id: id.clone(),
                    name: exported.group.clone(),
                    name_en: String::new(),
                    extra: Extra::new(),
                });
                id
            }
        };
        abilities.push(Ability {
            id: exported.id,
            group,
            name: exported.name.clone(),
            name_en: String::new(),
            description: String::new(),
            description_en: String::new(),
            applies_to: exported.applies_to.clone(),
            anchors: BTreeMap::new(),
            anchors_en: BTreeMap::new(),
            extra: Extra::new(),
        });
    }
    Some(Framework { groups, abilities, extra: Extra::new() })
}

/// The person's own ratings, for their goals file.
pub(super) fn self_ratings(person: &ExportPerson) -> Vec<SelfRating> {
    let rated = person.competencies.iter().filter_map(|c| Some((c, c.self_level?)));
    rated
        .map(|(competency, level)| SelfRating {
            ability: competency.id,
            level,
            notes: RatingNotes { comment: competency.self_comment.to_string(), evidence: Default::default() }.into(),
            date: None,
            extra: Extra::new(),
        })
        .collect()
}

/// The reviewer's and the second reviewer's ratings of the person, each into the
/// rater's feedback file.
pub(super) fn others_ratings(person: &ExportPerson, feedback: &mut BTreeMap<PersonId, FeedbackFile>, cycle: &str) {
    for competency in &person.competencies {
        let raters = [
            (&person.reviewer, competency.reviewer_level, &competency.reviewer_comment),
            (&person.second_reviewer, competency.second_level, &competency.second_comment),
        ];
        for (rater, level, comment) in raters {
            let (Some(rater), Some(level)) = (rater, level) else { continue };
            let file = feedback.entry(*rater).or_insert_with(|| FeedbackFile::new(rater, cycle));
            file.competency.push(AbilityRating {
                person: person.id,
                ability: competency.id,
                level,
                comment: comment.to_string().into(),
                date: None,
                extra: Extra::new(),
            });
        }
    }
}

/// The person's adjustments, each into its calibrator's file.
pub(super) fn adjustments(person: &ExportPerson, files: &mut BTreeMap<PersonId, CalibrationFile>, cycle: &str) {
    for exported in &person.adjustments {
        let file = files.entry(exported.by).or_insert_with(|| CalibrationFile::new(&exported.by, cycle));
        file.adjustment.push(Adjustment {
            person: person.id,
            what: exported.to.adjusts(),
            from: exported.from,
            to: exported.to,
            reason: exported.reason.clone(),
            by: exported.by,
            at: exported.at,
            extra: Extra::new(),
        });
    }
}

/// The person's training, as entries in the Do log of the goals they served (the
/// entry's own text is not in the export: the course name stands in).
pub(super) fn trainings(person: &ExportPerson, file: &mut GoalsFile) {
    for exported in &person.trainings {
        let Some(goal) = file.goals.iter_mut().find(|goal| goal.id == exported.goal) else { continue };
        // The files imported are made here, whole.
        let Held::Here(log) = &mut goal.log else { continue };
        log.push(LogEntry {
            date: exported.date,
            kind: LogKind::OffJt,
            text: exported.course.clone().into(),
            course: Some(exported.course.clone()),
            completed: exported.completed,
            extra: Extra::new(),
        });
    }
}

/// The 1on1s, each in its writer's file, without text.
pub(super) fn meetings(export: &Export) -> Vec<MeetingsFile> {
    let mut files: BTreeMap<PersonId, MeetingsFile> = BTreeMap::new();
    for exported in &export.meetings {
        let writer = &exported.writer;
        let file = files.entry(*writer).or_insert_with(|| MeetingsFile::new(writer, &export.cycle.id));
        file.meetings.push(Meeting {
            date: exported.date,
            with: exported.with,
            kind: exported.kind,
            texts: Default::default(),
        });
    }
    files.into_values().collect()
}

/// The engagement results; `None` without any.
pub(super) fn engagement(export: &Export) -> Option<EngagementFile> {
    let rows: Vec<EngagementResult> = export
        .engagement
        .iter()
        .map(|row| EngagementResult {
            unit: row.unit.clone(),
            question: row.question.clone(),
            mean: row.mean,
            respondents: row.respondents,
            extra: Extra::new(),
        })
        .collect();
    (!rows.is_empty()).then(|| EngagementFile::new(&export.cycle.id, rows))
}

/// Leaves out the second reviewers the export names that org.toml's default (the
/// reviewer's reviewer) gives anyway, so that org.toml names only the exceptions.
pub(super) fn drop_default_second_reviewers(org: &mut Org) {
    let mut plain = org.clone();
    plain.people.iter_mut().for_each(|person| person.second_reviewer = None);
    let hierarchy = Hierarchy::new(&plain);
    let defaults: Vec<Option<PersonId>> =
        org.people.iter().map(|p| hierarchy.second_reviewer_of(&p.id).map(|second| second.id)).collect();
    for (person, default) in org.people.iter_mut().zip(defaults) {
        if person.second_reviewer == default {
            person.second_reviewer = None;
        }
    }
}
