//! What changed in a sheet's plan since it was approved (期中の見直し): the fields
//! that differ from the approval's snapshot, goal by goal.

use super::permissions::Hierarchy;
use super::types::{Away, CycleData, GoalId, PlannedGoal};
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
    /// The fields of a goal, in the order its changes are listed.
    pub const OF_A_GOAL: [PlanField; 7] = [
        PlanField::Title,
        PlanField::Criteria,
        PlanField::Weight,
        PlanField::Due,
        PlanField::Difficulty,
        PlanField::Category,
        PlanField::Parent,
    ];

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

    /// The field's value in `goal` as the file writes it; `None` when not set. The
    /// whole goal is valued by its title.
    pub fn value_in(self, goal: &PlannedGoal) -> Option<String> {
        match self {
            PlanField::Goal => Some(goal.title.clone()),
            PlanField::Title => non_empty(&goal.title),
            PlanField::Criteria => non_empty(&goal.criteria),
            PlanField::Weight => goal.weight.map(|v| v.to_string()),
            PlanField::Due => goal.due.map(|v| v.to_string()),
            PlanField::Difficulty => goal.difficulty.map(|v| keyword(&v)),
            PlanField::Category => goal.category.map(|v| keyword(&v)),
            PlanField::Parent => goal.parent.as_deref().map(str::to_owned),
        }
    }
    /// Whether the field is the same in both goals: `value_in` of both compared,
    /// without writing either out (every field's written form tells its values apart).
    pub fn same_in(self, a: &PlannedGoal, b: &PlannedGoal) -> bool {
        match self {
            PlanField::Goal | PlanField::Title => a.title == b.title,
            PlanField::Criteria => a.criteria == b.criteria,
            PlanField::Weight => a.weight == b.weight,
            PlanField::Due => a.due == b.due,
            PlanField::Difficulty => a.difficulty == b.difficulty,
            PlanField::Category => a.category == b.category,
            PlanField::Parent => a.parent == b.parent,
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
/// sheet is not approved; `Away` while the approval's snapshot is left on disk.
pub fn changes_since_approval(org: &Hierarchy<'_>, data: &CycleData, person: &str) -> Result<Vec<Change>, Away> {
    let status = sheet_state(org, data, person);
    let Some(approval) = status.approval() else { return Ok(Vec::new()) };
    let then = approval.plan.get()?;
    let now: Vec<PlannedGoal> = data
        .goals
        .iter()
        .find(|file| file.owner == person)
        .map_or(&[][..], |file| file.goals.as_slice())
        .iter()
        .map(PlannedGoal::of)
        .collect();
    Ok(plan_changes(then, &now))
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
        for field in PlanField::OF_A_GOAL.into_iter().filter(|field| !field.same_in(before, after)) {
            let (old, new) = (field.value_in(before), field.value_in(after));
            changes.push(Change { goal: before.id.clone(), field, before: old, after: new });
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

/// `text`, or `None` when it is empty (as the files leave it out).
pub(crate) fn non_empty(text: &str) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::types::{Category, Difficulty};
    use crate::model::{Date, Extra};

    fn any_planned_goal() -> impl Strategy<Value = PlannedGoal> {
        let text = || prop::sample::select(vec!["", "a", "b", "目標"]);
        let date = |day: u32| Date(chrono::NaiveDate::from_ymd_opt(2026, 11, day).unwrap());
        (
            (text(), text(), prop::option::of(0u32..3), prop::option::of(prop::sample::select(vec![1, 2]))),
            prop::option::of(prop::sample::select(Difficulty::ALL.to_vec())),
            prop::option::of(prop::sample::select(Category::ALL.to_vec())),
            prop::option::of(prop::sample::select(vec!["g1", "g2"])),
        )
            .prop_map(move |((title, criteria, weight, due), difficulty, category, parent)| PlannedGoal {
                id: "g".into(),
                title: title.into(),
                criteria: criteria.into(),
                weight,
                due: due.map(date),
                difficulty,
                category,
                parent: parent.map(Into::into),
                extra: Extra::default(),
            })
    }

    proptest! {
        /// Comparing fields in place finds the changes that comparing their written
        /// values finds, field by field.
        #[test]
        fn a_field_is_the_same_when_its_written_values_are(a in any_planned_goal(), b in any_planned_goal()) {
            for field in PlanField::OF_A_GOAL.into_iter().chain([PlanField::Goal]) {
                prop_assert_eq!(field.same_in(&a, &b), field.value_in(&a) == field.value_in(&b), "{:?}", field);
            }
        }
    }
}
