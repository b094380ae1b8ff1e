//! What changed in a sheet's plan since it was approved (期中の見直し): the fields
//! that differ from the approval's snapshot, goal by goal.

use super::permissions::Hierarchy;
use super::types::{CycleData, GoalId, PlannedGoal};
use super::workflow::sheet_state;

/// A plan field compared against the approval snapshot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanField {
    /// The whole goal was added or removed; before/after carry its title.
    Goal,
    Title,
    Criteria,
    Weight,
    Due,
    Difficulty,
    Category,
    Parent,
}

impl PlanField {
    /// The field's key in the goals file.
    pub fn key(self) -> &'static str {
        match self {
            PlanField::Goal => "goal",
            PlanField::Title => "title",
            PlanField::Criteria => "criteria",
            PlanField::Weight => "weight",
            PlanField::Due => "due",
            PlanField::Difficulty => "difficulty",
            PlanField::Category => "category",
            PlanField::Parent => "parent",
        }
    }
}

/// One difference between the approved plan and the sheet now; values as written in the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub goal: GoalId,
    pub field: PlanField,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// What changed in `person`'s plan since the approval in force: changed fields, then
/// removed goals in snapshot order, then added goals in sheet order. Empty while the
/// sheet is not approved.
pub fn changes_since_approval(org: &Hierarchy<'_>, data: &CycleData, person: &str) -> Vec<Change> {
    let status = sheet_state(org, data, person);
    let Some(approval) = status.approval() else { return Vec::new() };
    let now: Vec<PlannedGoal> = data
        .goals
        .iter()
        .find(|file| file.owner == person)
        .map_or(&[][..], |file| file.goals.as_slice())
        .iter()
        .map(PlannedGoal::of)
        .collect();
    plan_changes(&approval.plan, &now)
}

/// How the plan `now` differs from the plan `then`: changed fields, then removed
/// goals in `then`'s order, then added goals in `now`'s order.
pub fn plan_changes(then: &[PlannedGoal], now: &[PlannedGoal]) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut removed = Vec::new();
    for before in then {
        let Some(after) = now.iter().find(|goal| goal.id == before.id) else {
            removed.push(Change {
                goal: before.id.clone(),
                field: PlanField::Goal,
                before: Some(before.title.clone()),
                after: None,
            });
            continue;
        };
        let fields = [
            (PlanField::Title, non_empty(&before.title), non_empty(&after.title)),
            (PlanField::Criteria, non_empty(&before.criteria), non_empty(&after.criteria)),
            (PlanField::Weight, before.weight.map(|v| v.to_string()), after.weight.map(|v| v.to_string())),
            (PlanField::Due, before.due.map(|v| v.to_string()), after.due.map(|v| v.to_string())),
            (PlanField::Difficulty, before.difficulty.map(|v| keyword(&v)), after.difficulty.map(|v| keyword(&v))),
            (PlanField::Category, before.category.map(|v| keyword(&v)), after.category.map(|v| keyword(&v))),
            (PlanField::Parent, before.parent.clone(), after.parent.clone()),
        ];
        for (field, old, new) in fields {
            if old != new {
                changes.push(Change { goal: before.id.clone(), field, before: old, after: new });
            }
        }
    }
    changes.extend(removed);
    changes.extend(now.iter().filter(|goal| !then.iter().any(|old| old.id == goal.id)).map(|goal| Change {
        goal: goal.id.clone(),
        field: PlanField::Goal,
        before: None,
        after: Some(goal.title.clone()),
    }));
    changes
}

fn non_empty(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}

/// A keyword as the files spell it (`high`, `strategic`).
pub(crate) fn keyword<T: serde::Serialize>(value: &T) -> String {
    match toml::Value::try_from(value) {
        Ok(toml::Value::String(text)) => text,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}
