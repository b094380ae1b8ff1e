//! A person's sheet in the workflow: the steps that took effect and how the plan
//! differs from the approval in force.

use std::borrow::Cow;

use super::context::Context;
use super::records::{ExportChange, ExportStep};
use crate::model::PlannedGoal;
use crate::model::changes::{Change, plan_changes};
use crate::model::workflow::Sheets;

/// How a person's plan differs from the approval in force.
pub(super) fn changes_since_approval(sheets: &Sheets<'_>, context: &Context<'_>, person: &str) -> Vec<ExportChange> {
    let Some(approval) = sheets.by_person.get(person).and_then(|status| status.approval()) else { return Vec::new() };
    let file = context.goals_file(person);
    let now: Vec<PlannedGoal> = file.map(|file| file.goals.iter().map(PlannedGoal::of).collect()).unwrap_or_default();
    let field = |change: &Change| change.field.key().to_owned();
    let export = |c: Change| ExportChange { field: field(&c), goal: c.goal, before: c.before, after: c.after };
    plan_changes(super::snapshot(&approval.plan), &now).into_iter().map(export).collect()
}

/// The steps that took effect on a person's sheet, oldest first.
pub(super) fn history<'a>(sheets: &Sheets<'a>, person: &str) -> Vec<ExportStep<'a>> {
    let Some(status) = sheets.by_person.get(person) else { return Vec::new() };
    status
        .history
        .iter()
        .map(|event| ExportStep {
            step: event.record.step,
            by: event.record.by,
            at: event.record.at,
            comment: Cow::Borrowed(&event.record.comment),
            plan: Cow::Borrowed(super::snapshot(&event.record.plan)),
        })
        .collect()
}
