//! What a sync brought in from others: "3 people updated their goals; 1 feedback for you".

use std::collections::BTreeSet;

use super::SyncError;
use super::git::Git;
use super::tree::CommitFiles;
use crate::model::file_policy::{DataFile, PersonalKind};
use crate::model::workflow::{confirmer_of, sheet_state};
use crate::model::{FeedbackFile, GoalsFile, Hierarchy, Org, SheetState, Step};

/// What came in, as the actor may know it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Incoming {
    /// People whose goals changed and whose goals the actor may read, as "名前 (ID)".
    pub goals_updated: Vec<String>,
    /// People whose goals changed but are not the actor's to read.
    pub goals_updated_elsewhere: usize,
    /// Feedback entries on the actor, new or changed, that the actor may read now.
    pub feedback_for_you: usize,
    /// Steps others took on the actor's sheet: step, who, comment.
    pub your_sheet: Vec<(Step, String, String)>,
    /// Steps the people the actor reviews or confirms took on their own sheets: who, step.
    pub your_reports: Vec<(String, Step)>,
    /// org.toml, pdca.toml or HR's other files changed.
    pub organisation_updated: bool,
    /// Cycles whose cycle.toml was added.
    pub cycles_opened: Vec<String>,
}

impl Incoming {
    pub fn is_empty(&self) -> bool {
        *self == Incoming::default()
    }
}

/// What the commits from `base` to `upstream` changed (`changed`, as git names them),
/// for `actor`. `org` is the organisation here; it is read again only if it changed.
pub fn incoming(
    git: &Git,
    base: &str,
    upstream: &str,
    changed: &[(char, String)],
    org: &Org,
    actor: &str,
) -> Result<Incoming, SyncError> {
    let mut found = Incoming::default();
    if changed.is_empty() {
        return Ok(found);
    }
    let mut files = CommitFiles::new(git)?;
    let new_org = match changed.iter().any(|(_, path)| path == crate::store::ORG_FILE) {
        true => Some(files.org(upstream)?),
        false => None,
    };
    let hierarchy = Hierarchy::new(new_org.as_deref().unwrap_or(org));
    let mut goals_owners = BTreeSet::new();
    for (status, path) in changed.iter().cloned() {
        match DataFile::parse(&path) {
            Some(DataFile::Personal { cycle, kind: PersonalKind::Goals, person }) => {
                if hierarchy.is_above(actor, &person) || confirms(&hierarchy, actor, &person) {
                    let before: Option<GoalsFile> = files.goals(base, &cycle, &person)?;
                    let after: Option<GoalsFile> = files.goals(upstream, &cycle, &person)?;
                    let old_records = before.as_ref().map_or(&[][..], |file| file.sheet.as_slice());
                    for record in after.iter().flat_map(|file| &file.sheet) {
                        if !old_records.contains(record) {
                            found.your_reports.push((hierarchy.label(&person), record.step));
                        }
                    }
                }
                goals_owners.insert(person);
            }
            Some(DataFile::Personal { cycle, kind: PersonalKind::Feedback, person: reviewer }) => {
                let before = files.feedback(base, &cycle, &reviewer)?;
                let after = files.feedback(upstream, &cycle, &reviewer)?;
                let released = {
                    let cycle_record = files.cycle(upstream, &cycle)?;
                    match cycle_record {
                        Some(cycle_record) => {
                            let reviewers: Vec<&str> = [hierarchy.reviewer_of(actor), confirmer_of(&hierarchy, actor)]
                                .into_iter()
                                .flatten()
                                .map(|person| person.id.as_str())
                                .collect();
                            let data = files.partial_cycle(upstream, &cycle_record, &[actor], &reviewers)?;
                            sheet_state(&hierarchy, &data, actor).state >= SheetState::Confirmed
                        }
                        None => false,
                    }
                };
                about_actor(&mut found, &hierarchy, before.as_ref(), after.as_ref(), actor, released);
            }
            Some(DataFile::Cycle(cycle)) if status == 'A' => found.cycles_opened.push(cycle.into()),
            Some(DataFile::Personal { .. }) | None => {}
            Some(_) => found.organisation_updated = true,
        }
    }
    for person in goals_owners {
        if hierarchy.can_read_goals(actor, &person).is_ok() {
            found.goals_updated.push(hierarchy.label(&person));
        } else {
            found.goals_updated_elsewhere += 1;
        }
    }
    Ok(found)
}

fn confirms(org: &Hierarchy<'_>, actor: &str, person: &str) -> bool {
    confirmer_of(org, person).is_some_and(|confirmer| confirmer.id == actor)
}

/// New feedback and steps on the actor's sheet in one reviewer's file.
fn about_actor(
    found: &mut Incoming,
    org: &Hierarchy<'_>,
    before: Option<&FeedbackFile>,
    after: Option<&FeedbackFile>,
    actor: &str,
    released: bool,
) {
    let Some(after) = after else { return };
    let old_entries = before.map_or(&[][..], |file| file.feedback.as_slice());
    found.feedback_for_you += after
        .feedback
        .iter()
        .filter(|entry| entry.person == actor && (released || entry.shared))
        .filter(|entry| !old_entries.contains(entry))
        .count();
    let old_records = before.map_or(&[][..], |file| file.sheet.as_slice());
    for record in after.sheet.iter().filter(|record| record.person.as_deref() == Some(actor)) {
        if !old_records.contains(record) {
            found.your_sheet.push((record.step, org.label(&record.by), record.comment.clone()));
        }
    }
}
