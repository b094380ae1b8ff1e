//! Rebuilding a data set from an HR export (`pdca import --from-export`), of either
//! schema (`pdca-hr-export/2`, or `/1` which has goals only).
//!
//! What the export holds comes back: the organisation (units from the unit paths,
//! people), the cycle, every goal with its plan fields, metric (with its source),
//! self-check and action items, the breakdown proposals (adopted ones with their
//! shares, pending and declined ones), and the reviewer's feedback on each goal; from
//! `/2` also the 能力評価 framework and ratings, calibration adjustments, training
//! entries, 1on1s without text and engagement results ([`schema2`]). Exporting the
//! rebuilt data set gives the same export again (`generated_at` aside), because the
//! export carries the inputs of every computed number: progress of goals without
//! sub-goals, metrics and their sources' inputs, proposal shares, ratings and
//! adjustments.
//!
//! What the export does not hold cannot come back: cycle phases (the default split is
//! used), plans, milestones, Do log entries, revisions (期中の見直し), dates of
//! self-checks, proposals, declines, feedback and ratings, feedback comments, the
//! text of Do-log entries and 1on1s, descriptions and anchors of abilities, the
//! course and question lists, engagement rows under the minimum, feedback on a
//! whole sheet or by someone other than the person's reviewer, workflow records that
//! did not take effect, the owner's own progress estimate of goals with sub-goals or a
//! metric, and keys this version does not know. An export without `[[units]]` gets
//! units from the unit paths, with new ids `U1`, `U2`, … and no heads.

mod schema2;

use crate::model::hash::HashMap;
use std::collections::BTreeMap;

use super::cycle::default_phases;
use super::export::{Export, ExportGoal, ExportPerson, ExportUnit, ProposalStatus, SCHEMA, SCHEMA_V1};
use crate::model::competency::level_group;
use crate::model::{
    ActionItem, Cycle, CycleData, DataSetInfo, Decline, Extra, Feedback, FeedbackFile, Goal, GoalDetail, GoalId,
    GoalsFile, Instruments, Metric, Org, Person, PersonId, Proposal, ProposalId, SCHEMA_VERSION, ScoreFormula,
    SelfCheck, SheetRecord, Step, Unit, UnitKind,
};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
// Developers read the debug form; users read the messages.
#[error("{self:?}")]
pub enum ImportError {
    /// Not an export this version reads: `schema` is neither [`SCHEMA`] nor [`SCHEMA_V1`].
    Schema { found: String },
    /// A person whose `unit_path` is empty.
    NoUnit(PersonId),
}

/// Something of the export that the rebuilt data set could not keep.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportNote {
    /// Feedback on a goal of someone without a reviewer, who would have written it.
    FeedbackWithoutReviewer { goal: String, person: PersonId },
}

/// A data set rebuilt from an export, ready to be written.
#[derive(Clone, Debug)]
pub struct Rebuilt {
    pub info: DataSetInfo,
    pub org: Org,
    pub data: CycleData,
    /// Things in the export that had no place in the data set (e.g. feedback on a
    /// person without a reviewer).
    pub notes: Vec<ImportNote>,
}

pub fn rebuild(export: &Export) -> Result<Rebuilt, ImportError> {
    if export.schema != SCHEMA && export.schema != SCHEMA_V1 {
        return Err(ImportError::Schema { found: export.schema.clone() });
    }
    let cycle_id = export.cycle.id.clone();
    let mut notes = Vec::new();
    let mut org = if export.units.is_empty() { org_from_paths(&export.people)? } else { org_from_units(export)? };
    schema2::drop_default_second_reviewers(&mut org);

    let owner_of: HashMap<&str, &str> = export
        .people
        .iter()
        .flat_map(|person| person.goals.iter().map(move |goal| (goal.id.as_str(), person.id.as_str())))
        .collect();
    // Goals files and feedback files by owner; BTreeMap keeps the files in id order.
    let mut goals: BTreeMap<PersonId, GoalsFile> = BTreeMap::new();
    let mut feedback: BTreeMap<PersonId, FeedbackFile> = BTreeMap::new();
    let mut calibration = BTreeMap::new();
    // Adopted proposals already written: id → (parent, share).
    let mut adopted: HashMap<ProposalId, (GoalId, Option<f64>)> = HashMap::default();

    for person in &export.people {
        if !person.revisions.is_empty() {
            entry(&mut goals, &person.id, &cycle_id).revisions.extend(person.revisions.iter().cloned());
        }
        // Each workflow step goes back into the file of the person who took it.
        for step in &person.sheet_history {
            let owners = matches!(step.step, Step::Submit | Step::SelfCheck);
            let record = SheetRecord {
                person: (!owners).then_some(person.id),
                step: step.step,
                by: step.by,
                at: step.at,
                comment: step.comment.to_string(),
                plan: step.plan.to_vec().into(),
                confirmed: None,
                extra: Extra::new(),
            };
            if owners {
                entry(&mut goals, &person.id, &cycle_id).sheet.push(record);
            } else {
                feedback.entry(step.by).or_insert_with(|| FeedbackFile::new(&step.by, &cycle_id)).sheet.push(record);
            }
        }
        for exported in &person.goals {
            let mut goal = goal_of(exported);
            // An adopted proposal goes back into the file of the parent goal's owner.
            if let (Some(id), Some(parent)) = (&exported.proposal, &exported.parent) {
                match owner_of.get(parent.as_str()) {
                    Some(&manager) => {
                        let wanted = (parent.clone(), exported.proposed_share);
                        let id = match adopted.get(id) {
                            None => id.clone(),
                            Some(existing) if *existing == wanted => ProposalId::default(),
                            // The same id adopted under another parent or share: keep both apart.
                            Some(_) => compact_str::format_compact!("{id}-{}", exported.id),
                        };
                        if !id.is_empty() {
                            adopted.insert(id.clone(), wanted);
                            let proposal = Proposal {
                                id: id.clone(),
                                parent: parent.clone(),
                                to: person.id,
                                title: exported.title.to_string(),
                                note: String::new(),
                                share: exported.proposed_share,
                                date: None,
                                extra: Extra::new(),
                            };
                            entry(&mut goals, manager, &cycle_id).proposals.push(proposal);
                            goal.proposal = Some(id);
                        }
                    }
                    None => goal.proposal = None,
                }
            } else {
                goal.proposal = None;
            }
            for open in &exported.proposals {
                entry(&mut goals, &person.id, &cycle_id).proposals.push(Proposal {
                    id: open.id.clone(),
                    parent: exported.id.clone(),
                    to: open.to,
                    title: open.title.clone(),
                    note: open.note.clone(),
                    share: open.share,
                    date: None,
                    extra: Extra::new(),
                });
                if open.status == ProposalStatus::Declined {
                    entry(&mut goals, &open.to, &cycle_id).declined.push(Decline {
                        proposal: open.id.clone(),
                        reason: open.reason.clone().unwrap_or_default(),
                        date: None,
                        extra: Extra::new(),
                    });
                }
            }
            if let Some(review) = feedback_of(person, exported) {
                match &person.reviewer {
                    Some(reviewer) => feedback
                        .entry(*reviewer)
                        .or_insert_with(|| FeedbackFile::new(reviewer, &cycle_id))
                        .feedback
                        .push(review),
                    None => notes
                        .push(ImportNote::FeedbackWithoutReviewer { goal: exported.id.to_string(), person: person.id }),
                }
            }
            entry(&mut goals, &person.id, &cycle_id).goals.push(goal);
        }
        let own = schema2::self_ratings(person);
        if !own.is_empty() {
            entry(&mut goals, &person.id, &cycle_id).competencies = own;
        }
        if !person.trainings.is_empty() {
            schema2::trainings(person, entry(&mut goals, &person.id, &cycle_id));
        }
        schema2::others_ratings(person, &mut feedback, &cycle_id);
        schema2::adjustments(person, &mut calibration, &cycle_id);
    }

    let cycle = Cycle {
        id: cycle_id.as_str().into(),
        name: Some(export.cycle.name.clone()).filter(|name| !name.is_empty()),
        start: export.cycle.start,
        end: export.cycle.end,
        phases: default_phases(export.cycle.start, export.cycle.end),
        extra: Extra::new(),
    };
    let info = DataSetInfo {
        schema_version: SCHEMA_VERSION,
        // The export does not say; the caller chooses (login unless told otherwise).
        identity: None,
        organisation: export.organisation.clone(),
        current_cycle: cycle_id.into(),
        score: Some(export.score_formula.clone()).filter(|formula| *formula != ScoreFormula::default()),
        calibration: None,
        recency: None,
        engagement: None,
        extra: Extra::new(),
    };
    let (goals, feedback) = (goals.into_values().collect(), feedback.into_values().collect());
    let instruments = Instruments {
        meetings: schema2::meetings(export),
        engagement: schema2::engagement(export),
        ..Instruments::default()
    };
    let data = CycleData {
        cycle,
        goals,
        feedback,
        competencies: schema2::framework(export),
        calibration: calibration.into_values().collect(),
        instruments,
    };
    Ok(Rebuilt { info, org, data, notes })
}

fn entry<'a>(files: &'a mut BTreeMap<PersonId, GoalsFile>, owner: &str, cycle: &str) -> &'a mut GoalsFile {
    files.entry(owner.into()).or_insert_with(|| GoalsFile::new(owner, cycle))
}

/// The organisation from the export's units; each person's unit is their `unit`, else
/// the unit their `unit_path` names.
fn org_from_units(export: &Export) -> Result<Org, ImportError> {
    let units = export
        .units
        .iter()
        .map(|unit: &ExportUnit| Unit {
            id: unit.id.clone(),
            name: unit.name.clone(),
            kind: unit.kind,
            parent: unit.parent.clone(),
            head: unit.head,
            extra: Extra::new(),
        })
        .collect();
    let mut org = Org { units, ..Org::default() };
    for person in &export.people {
        let unit = match &person.unit {
            Some(unit) => unit.clone(),
            None => unit_by_path(&org, &person.unit_path).ok_or(ImportError::NoUnit(person.id))?,
        };
        org.people.push(person_of(person, unit));
    }
    Ok(org)
}

fn unit_by_path(org: &Org, path: &[String]) -> Option<String> {
    let mut parent: Option<String> = None;
    for name in path {
        parent = Some(org.units.iter().find(|u| u.name == *name && u.parent == parent)?.id.clone());
    }
    parent
}

fn person_of(person: &ExportPerson, unit: String) -> Person {
    let mut rebuilt = Person {
        id: person.id,
        name: person.name.to_string(),
        kana: Some(person.kana.to_string()).filter(|kana| !kana.is_empty()),
        unit,
        grade: person.grade,
        title: person.title.to_string(),
        job_type: None,
        competency_group: None,
        reviewer: person.reviewer,
        second_reviewer: person.second_reviewer,
        login: person.login.as_deref().map(str::to_owned),
        roles: person.roles.to_vec(),
        mentor: None,
        extra: Extra::new(),
    };
    // The level group comes from the grade; org.toml overrides it only where it must.
    if level_group(&rebuilt) != person.competency_group {
        rebuilt.competency_group = person.competency_group;
    }
    rebuilt
}

/// Units from the people's unit paths (for an export without `[[units]]`): one unit
/// per distinct path prefix, numbered in the order they first appear; the first level
/// is a department, the second a section, deeper ones teams.
fn org_from_paths(people: &[ExportPerson]) -> Result<Org, ImportError> {
    let mut org = Org::default();
    let mut unit_of_path: HashMap<Vec<String>, String> = HashMap::default();
    for person in people {
        if person.unit_path.is_empty() {
            return Err(ImportError::NoUnit(person.id));
        }
        let mut parent: Option<String> = None;
        for depth in 1..=person.unit_path.len() {
            let path = person.unit_path[..depth].to_vec();
            let id = match unit_of_path.get(&path) {
                Some(id) => id.clone(),
                None => {
                    let id = format!("U{}", org.units.len() + 1);
                    org.units.push(Unit {
                        id: id.clone(),
                        name: path[depth - 1].clone(),
                        kind: match depth {
                            1 => UnitKind::Department,
                            2 => UnitKind::Section,
                            _ => UnitKind::Team,
                        },
                        parent: parent.clone(),
                        head: None,
                        extra: Extra::new(),
                    });
                    unit_of_path.insert(path, id.clone());
                    id
                }
            };
            parent = Some(id);
        }
        org.people.push(person_of(person, parent.unwrap_or_default()));
    }
    Ok(org)
}

fn goal_of(exported: &ExportGoal) -> Goal {
    Goal {
        id: exported.id.clone(),
        title: exported.title.to_string(),
        criteria: exported.criteria.to_string(),
        due: exported.due,
        difficulty: exported.difficulty,
        weight: exported.weight,
        category: exported.category,
        parent: exported.parent.clone(),
        proposal: exported.proposal.clone(),
        // For a goal without sub-goals and metric this is exactly the owner's estimate;
        // elsewhere the cascade does not read it.
        progress: Some(exported.progress.round().clamp(0.0, 100.0) as u32),
        metric: exported
            .metric
            .as_ref()
            .map(|metric| Metric {
                // A measured value is measured again from the rebuilt evidence.
                current: metric.current.filter(|_| metric.source.is_none()),
                source: metric.source.clone(),
                course: metric.course.clone(),
                question: metric.question.clone(),
                min_meetings: metric.min_meetings,
                ..Metric::typed(&metric.unit, metric.start, metric.target, 0.0)
            })
            .map(Box::new),
        check: exported
            .self_level
            .map(|level| SelfCheck {
                level,
                comment: exported.self_comment.to_string().into(),
                date: None,
                extra: Extra::new(),
            })
            .map(Box::new),
        detail: GoalDetail {
            description: exported.description.to_string(),
            carried_from: exported.carried_from.clone(),
            revisions: exported.revisions.to_vec(),
            ..GoalDetail::default()
        }
        .into(),
        actions: exported
            .actions
            .iter()
            .map(|item| ActionItem {
                issue: item.issue.clone(),
                measure: item.measure.clone(),
                due: item.due,
                done: item.done,
                carried_from: item.carried_from.clone(),
                extra: Extra::new(),
            })
            .collect(),
        ..Goal::default()
    }
}

/// The reviewer's feedback on a goal, when the export has any.
fn feedback_of(person: &ExportPerson, goal: &ExportGoal) -> Option<Feedback> {
    let texts = [&goal.strengths, &goal.improvements, &goal.contribution_comment];
    if goal.reviewer_level.is_none() && texts.iter().all(|text| text.is_empty()) {
        return None;
    }
    Some(Feedback {
        person: person.id,
        goal: Some(goal.id.clone()),
        level: goal.reviewer_level,
        strengths: goal.strengths.to_string(),
        notes: crate::model::FeedbackNotes {
            improvements: goal.improvements.to_string(),
            contribution: goal.contribution_comment.to_string(),
            comment: String::new(),
        }
        .into(),
        date: None,
        shared: false,
        extra: Extra::new(),
    })
}
