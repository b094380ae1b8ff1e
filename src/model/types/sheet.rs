//! The records of the sheet workflow: each step someone took, and the plan as it
//! was approved.

use serde::{Deserialize, Serialize};

use super::ability::AbilityId;
use super::{Category, Difficulty, Extra, Goal, GoalId, Held, Level, PersonId};
use crate::model::date::{Date, Timestamp};

/// A step of the sheet workflow (目標管理シート). The owner takes `submit` and
/// `self-check`; the reviewer `approve`, `review` and `feedback-held`; the reviewer's
/// reviewer `confirm`; `send-back` returns the sheet to its previous state,
/// `send-back-to-draft` to draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Step {
    #[serde(rename = "submit", alias = "提出")]
    Submit,
    #[serde(rename = "approve", alias = "承認")]
    Approve,
    #[serde(rename = "self-check", alias = "自己評価")]
    SelfCheck,
    #[serde(rename = "review", alias = "一次評価")]
    Review,
    #[serde(rename = "confirm", alias = "確定", alias = "二次評価")]
    Confirm,
    #[serde(rename = "feedback-held", alias = "フィードバック")]
    FeedbackHeld,
    #[serde(rename = "send-back", alias = "差戻し")]
    SendBack,
    /// Straight back to draft (下書き) in one step, with one comment: what a reviewer
    /// does when the sheet needs rewriting rather than one state undone.
    #[serde(rename = "send-back-to-draft", alias = "下書きへ差戻し")]
    SendBackToDraft,
}

/// One workflow step, kept in the file of the person who took it: the owner's goals
/// file, or the reviewer's (or the reviewer's reviewer's) feedback file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SheetRecord {
    /// Whose sheet; required in a feedback file, absent in a goals file (the owner's own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<PersonId>,
    pub step: Step,
    pub by: PersonId,
    pub at: Timestamp,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
    /// On an approval: the plan as approved, so that later changes can be shown; on
    /// a confirmation: the plan as confirmed. Left on disk, in a long session, until
    /// the sheet is shown (see [`Held`]).
    #[serde(default, skip_serializing_if = "Held::is_empty")]
    pub plan: Held<Vec<PlannedGoal>>,
    /// On a confirmation: the evaluation as confirmed, so that a later change (by
    /// hand: the program refuses one) shows. Absent on confirmations of older data.
    /// Boxed: most steps are not confirmations, and each record pays for its size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed: Option<Box<Confirmed>>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The plan fields of one goal as they were when the sheet was approved.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlannedGoal {
    pub id: GoalId,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub criteria: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difficulty: Option<Difficulty>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<GoalId>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl PlannedGoal {
    pub fn of(goal: &Goal) -> PlannedGoal {
        PlannedGoal {
            id: goal.id.clone(),
            title: goal.title.clone(),
            criteria: goal.criteria.clone(),
            weight: goal.weight,
            due: goal.due,
            difficulty: goal.difficulty,
            category: goal.category,
            parent: goal.parent.clone(),
            extra: Extra::new(),
        }
    }
}

/// What a confirmation (確定) seals besides the plan: everything the score is
/// computed from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Confirmed {
    /// The owner's self-evaluation of each goal that has one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<ConfirmedCheck>,
    /// The reviewer's level on each goal that has one (一次評価).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<ConfirmedReview>,
    /// The owner's self-ratings of the abilities (能力評価).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub abilities: Vec<ConfirmedAbility>,
    /// The reviewer's and the second reviewer's levels of the abilities; `None` in a
    /// confirmation recorded before they were part of it (nothing to compare then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ability_reviews: Option<Vec<ConfirmedAbilityReview>>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConfirmedCheck {
    pub goal: GoalId,
    pub level: Level,
    /// The self-check's; one left on disk cannot be written.
    #[serde(default, skip_serializing_if = "Held::is_empty")]
    pub comment: Held<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConfirmedReview {
    pub goal: GoalId,
    pub level: Level,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConfirmedAbility {
    pub ability: AbilityId,
    pub level: Level,
    /// The self-rating's; one left on disk cannot be written.
    #[serde(default, skip_serializing_if = "Held::is_empty")]
    pub comment: Held<String>,
}

/// A level given to an ability by the reviewer (一次評価) or the second reviewer (二次評価).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConfirmedAbilityReview {
    pub ability: AbilityId,
    /// `reviewer` or `second`.
    pub by: String,
    pub level: Level,
}

/// A goal added to or removed from a sheet after its approval (期中の見直し), kept
/// in the sheet's `[[revisions]]`: a removed goal has no record of its own left.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SheetRevision {
    pub goal: GoalId,
    pub change: GoalChange,
    /// The goal's title when it was added or removed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    pub reason: String,
    pub date: Date,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GoalChange {
    Added,
    Removed,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A city holds tens of thousands of workflow steps, few of them confirmations.
    #[test]
    fn a_step_keeps_a_confirmation_boxed() {
        assert_eq!(size_of::<SheetRecord>(), 104, "232 bytes with the confirmation in it, 136 with inline person ids");
    }
}
